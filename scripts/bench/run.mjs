#!/usr/bin/env node
// `npm run bench`: performance figures for Safe Referral, each next to a baseline measured the same way
// on the same machine, so the ratio means something even on a slow box. Not part of `npm test`.
//
// stdout: one line per figure, `name: value unit (baseline …, ratio …[, budget …])`, with OVER BUDGET
// appended where a budget is missed, then one JSON line with every figure (null where not measured;
// the reason is on the figure's line). Progress goes to stderr.
//
// Plain ESM JavaScript so it runs without a build step. Each figure is one module in ./figures, run in
// file-name order (the number prefix); its budget lives there too. To add a figure, add a file that
// default-exports:
//
//   keys         { jsonKey: digits, … }: the figure's keys in the closing JSON line, in order, and how
//                many decimals each is rounded to (for the line and the JSON alike).
//   extraDigits  optional, the same for values in `extra` (baselines shown only on the lines).
//   label        names the measurement in FAILED messages and in the reason of a null figure.
//   needsApp     optional: true, or the reason to print, when the figure needs the built dist/ (the app
//                build is figure 10; if it failed, the figure is skipped with that reason).
//   measure(ctx) resolves with { results: { jsonKey: value, … }, extra?: { … } }. ctx.workDir is a
//                scratch folder; ctx.shared(name, fn) runs fn once per bench run, so two figures can
//                read one browser session; ctx.appBuilt says whether dist/ is fresh; ctx.cleanup(fn) runs
//                fn (e.g. stopping a server such a session started) once every figure has run.
//   lines({ results, extra, line })  the figure's stdout lines; `line` is shared/report.mjs's printer.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { progress, round } from "./shared/helpers.mjs";
import { linePrinter } from "./shared/report.mjs";

const NO_APP = "the app did not build, so there is no origin to serve";

// `npm run bench -- --only autosave,case-list` measures the figures whose file names contain one
// of the words (plus the app build that browser figures need), for quick checks while working.
// The budgets are proved by the full run: its closing JSON line has every key.
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? null : (process.argv[onlyIndex + 1] ?? "").split(",").filter(Boolean);
const BUILDS_THE_APP = "10-initial-js.mjs";

const figuresDir = path.join(import.meta.dirname, "figures");
const figures = [];
for (const file of readdirSync(figuresDir)
  .filter((name) => name.endsWith(".mjs"))
  .sort()) {
  if (only && file !== BUILDS_THE_APP && !only.some((word) => file.includes(word))) continue;
  figures.push((await import(pathToFileURL(path.join(figuresDir, file)).href)).default);
}

const results = Object.fromEntries(figures.flatMap((figure) => Object.keys(figure.keys).map((key) => [key, null])));
const reasons = {};
const extra = {}; // baselines that only appear on the figure lines (e.g. plain IndexedDB P50)
const failed = new Set(); // errors already reported: a shared session that fails counts once

const started = performance.now();
const workDir = path.join(tmpdir(), `safe-referral-bench-${process.pid}`);
mkdirSync(workDir, { recursive: true });
const sessions = new Map();
const cleanups = [];
const ctx = {
  workDir,
  appBuilt: false,
  shared(name, fn) {
    if (!sessions.has(name)) sessions.set(name, fn());
    return sessions.get(name);
  },
  cleanup(fn) {
    cleanups.push(fn);
  },
};
const figureSeconds = [];
try {
  for (const figure of figures) {
    const keys = Object.keys(figure.keys);
    if (figure.needsApp && !ctx.appBuilt) {
      for (const key of keys) reasons[key] = figure.needsApp === true ? NO_APP : figure.needsApp;
      continue;
    }
    const figureStarted = performance.now();
    try {
      const measured = await figure.measure(ctx);
      for (const key of keys) if (key in measured.results) results[key] = measured.results[key];
      Object.assign(extra, measured.extra);
    } catch (error) {
      if (!failed.has(error)) {
        failed.add(error);
        progress(`FAILED ${figure.label}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      }
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      for (const key of keys) reasons[key] ??= `${figure.label} failed: ${message}`;
    } finally {
      figureSeconds.push(`${keys[0]} ${((performance.now() - figureStarted) / 1000).toFixed(1)} s`);
    }
  }
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      progress(`cleanup failed: ${error instanceof Error ? error.message : error}`);
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

// Round for display and JSON alike, so the two always agree.
for (const figure of figures) {
  for (const [key, digits] of Object.entries(figure.keys)) results[key] = round(results[key], digits);
  for (const [key, digits] of Object.entries(figure.extraDigits ?? {}))
    if (extra[key] !== undefined) extra[key] = round(extra[key], digits);
}

const line = linePrinter(results, reasons);
const out = figures.flatMap((figure) => figure.lines({ results, extra, line }));
process.stdout.write(`${out.join("\n")}\n${JSON.stringify(results)}\n`);
const failures = failed.size;
// Where the time goes (the whole run must stay under 5 minutes): each figure's wall time, shared
// sessions counted in the first figure that reads them.
progress(`time per figure: ${figureSeconds.join("; ")}`);
progress(
  `bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s${failures ? ` with ${failures} failed measurement(s)` : ""}`,
);
if (failures) process.exitCode = 1;
