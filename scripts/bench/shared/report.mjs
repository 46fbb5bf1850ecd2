// How `npm run bench` prints a figure: `name: value unit (baseline …, ratio …[, budget …])`, with
// OVER BUDGET appended where a budget is missed, or `name: null (reason)` where it was not measured.

export function ratio(value, baseline) {
  return value === null || baseline === null || baseline === undefined || baseline === 0 ? null : value / baseline;
}

/**
 * The line printer for one run: `results` holds every figure (rounded), `reasons` why one is null.
 * It returns `line(name, unit, { baseline, baselineName, budget, over })`; every option may be left out.
 */
export function linePrinter(results, reasons) {
  return function line(name, unit, { baseline = null, baselineName = null, budget = null, over = false } = {}) {
    const value = results[name];
    if (value === null) return `${name}: null (${reasons[name] ?? "not measured"})`;
    const parts = [];
    if (baseline === null || baseline === undefined) parts.push("baseline none");
    else {
      parts.push(`baseline ${baselineName} ${baseline} ${unit}`);
      const r = ratio(value, baseline);
      parts.push(`ratio ${r === null ? "n/a" : r.toFixed(2)}`);
    }
    if (budget) parts.push(`budget ${budget}`);
    return `${name}: ${value} ${unit} (${parts.join(", ")})${over ? " OVER BUDGET" : ""}`;
  };
}
