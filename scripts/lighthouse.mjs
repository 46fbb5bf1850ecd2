#!/usr/bin/env node
// `npm run lighthouse`: builds the app, serves dist/ with `vite preview` (the same server and headers
// as `npm start`), and runs Lighthouse 12 three times against it with the default mobile settings
// (emulated mid-range phone, simulated slow 4G, 4× CPU slowdown) in Debian's /usr/bin/chromium.
// Prints each run's performance and accessibility scores and their medians. Not part of `npm test`.
//
// Why npx and not a devDependency: Lighthouse pulls in well over a hundred packages that every
// `npm ci` (and every CI run) would otherwise install for a check that is run by hand. So this script
// runs `npx --yes lighthouse@12`, which fetches it once into npm's own cache, outside node_modules.
// Version 12 because Lighthouse 13 needs Node 22, and this project supports Node 20.19+.
//
// Targets (docs/decisions.md, "Offline PWA decisions"): performance ≥ 90, accessibility = 100, on the
// first screen a practitioner sees (set-up on a fresh device; unlock looks and behaves the same).
// Environment: CHROMIUM_PATH overrides the browser; LIGHTHOUSE_RUNS the number of runs (default 3).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONFIG_FILE = path.join(ROOT, "vite.config.ts");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const TARGETS = { performance: 90, accessibility: 100 };

const progress = (message) => process.stderr.write(`${message}\n`);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CHROME_PATH: CHROMIUM },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} … exited with ${code}:\n${stderr}`)),
    );
  });
}

/** Audits that lost points in a category, for the report (e.g. which accessibility rule failed). */
function failingAudits(report, category) {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score})${audit.displayValue ? `: ${audit.displayValue}` : ""}`);
}

if (!existsSync(CHROMIUM)) {
  progress(`No Chromium at ${CHROMIUM}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  process.exit(2);
}

progress("building the app (vite build)…");
await build({ root: ROOT, configFile: CONFIG_FILE, logLevel: "warn", mode: "production" });
const server = await preview({
  root: ROOT,
  configFile: CONFIG_FILE,
  logLevel: "warn",
  preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
});
const address = server.httpServer.address();
const url = `http://127.0.0.1:${address.port}/`;
const workDir = mkdtempSync(path.join(tmpdir(), "safe-referral-lighthouse-"));
const scores = { performance: [], accessibility: [] };
const notes = new Set();
try {
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  for (let index = 1; index <= RUNS; index++) {
    progress(`Lighthouse run ${index} of ${RUNS} against ${url} (mobile)…`);
    const output = path.join(workDir, `run-${index}.json`);
    await run(npx, [
      "--yes",
      "lighthouse@12",
      url,
      "--only-categories=performance,accessibility",
      "--output=json",
      `--output-path=${output}`,
      "--quiet",
      // A fresh, empty profile per run (Lighthouse's default): the first screen is set-up.
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync",
    ]);
    const report = JSON.parse(readFileSync(output, "utf8"));
    if (report.runtimeError)
      throw new Error(`Lighthouse runtime error: ${report.runtimeError.code} ${report.runtimeError.message}`);
    for (const category of Object.keys(scores)) {
      const score = Math.round(report.categories[category].score * 100);
      scores[category].push(score);
      for (const audit of failingAudits(report, category)) notes.add(`${category}: ${audit}`);
    }
    // Name what moved, if anything did: the usual cause is content appearing above what is on screen.
    for (const item of report.audits["layout-shifts"]?.details?.items ?? []) {
      notes.add(`performance: layout shift ${item.score.toFixed(3)} of ${item.node?.selector ?? "an unknown element"}`);
    }
    const metric = (id) => report.audits[id]?.displayValue ?? "n/a";
    progress(
      `  performance ${scores.performance.at(-1)}, accessibility ${scores.accessibility.at(-1)} ` +
        `(FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")})`,
    );
  }
} finally {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
}

const result = {
  performance: median(scores.performance),
  accessibility: median(scores.accessibility),
  runs: RUNS,
  performanceRuns: scores.performance,
  accessibilityRuns: scores.accessibility,
};
const verdict = (name) => (result[name] >= TARGETS[name] ? "meets" : "MISSES");
process.stdout.write(
  `performance: ${result.performance} (median of ${RUNS}: ${scores.performance.join(", ")}; target ≥ ${TARGETS.performance}: ${verdict("performance")})\n` +
    `accessibility: ${result.accessibility} (median of ${RUNS}: ${scores.accessibility.join(", ")}; target ${TARGETS.accessibility}: ${verdict("accessibility")})\n`,
);
if (notes.size > 0)
  process.stdout.write(`audits below full marks:\n${[...notes].map((note) => `  - ${note}`).join("\n")}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
if (result.performance < TARGETS.performance || result.accessibility < TARGETS.accessibility) process.exitCode = 1;
