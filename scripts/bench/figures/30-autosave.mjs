// autosaveP50Ms / autosaveP95Ms: the vault's encrypted autosave (saveAssessmentDraft) in headless
// Chromium, driven as the assessment screen drives it: the draft is prepared (sealed in the
// background) when it changes, and the debounced save writes it. The save of an unprepared change
// is on the diagnostics lines (stderr). Baseline idbPutP95Ms (and the P50 on the line): a plain
// IndexedDB put of the same draft.
import { percentile } from "../shared/helpers.mjs";
import { ratio } from "../shared/report.mjs";
import { vaultPageSession } from "../shared/vault-page.mjs";

const BUDGET_P95_RATIO = 2; // autosave P95 / plain IndexedDB put P95

export default {
  label: "browser benchmark",
  keys: { autosaveP50Ms: 2, autosaveP95Ms: 2, idbPutP95Ms: 2 },
  extraDigits: { idbPutP50Ms: 2 },
  needsApp: true,
  async measure(ctx) {
    const r = await vaultPageSession(ctx);
    return {
      results: {
        autosaveP50Ms: percentile(r.autosaveMs, 50),
        autosaveP95Ms: percentile(r.autosaveMs, 95),
        idbPutP95Ms: percentile(r.plainPutMs, 95),
      },
      extra: { idbPutP50Ms: percentile(r.plainPutMs, 50) },
    };
  },
  lines({ results, extra, line }) {
    const autosaveRatio = ratio(results.autosaveP95Ms, results.idbPutP95Ms);
    return [
      line("autosaveP50Ms", "ms", { baseline: extra.idbPutP50Ms ?? null, baselineName: "plain IndexedDB put P50" }),
      line("autosaveP95Ms", "ms", {
        baseline: results.idbPutP95Ms,
        baselineName: "idbPutP95Ms",
        budget: `ratio ≤ ${BUDGET_P95_RATIO}`,
        over: autosaveRatio !== null && autosaveRatio > BUDGET_P95_RATIO,
      }),
      line("idbPutP95Ms", "ms"),
    ];
  },
};
