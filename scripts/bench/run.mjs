#!/usr/bin/env node
// `npm run bench`: performance figures for Safe Referral, each next to a baseline measured the same way
// on the same machine, so the ratio means something even on a slow box. Not part of `npm test`.
//
// stdout: one line per figure, `name: value unit (baseline …, ratio …[, budget …])`, with OVER BUDGET
// appended where a budget is missed, then one JSON line with every figure (null where not measured;
// the reason is on the figure's line). Progress goes to stderr.
//
// Plain ESM JavaScript so it runs without a build step. Budgets are in BUDGETS below.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { chromium } from "playwright-core";
import { build as viteBuild, preview as vitePreview } from "vite";
import { generateCase } from "../generate-cases.mjs";
import { CHROMIUM_ARGS } from "../chromium-args.mjs";
import { builtAssetUrls } from "./built-asset-urls.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CONFIG_FILE = path.join(ROOT, "vite.config.ts");
const KB = 1024;

const BUDGETS = {
  initialJsKbGz: 170, // KB gzip (level 9) of the JS the first page load needs
  assess10kSeconds: 2, // wall clock for `npm run assess -- --jsonl` over 10,000 cases
  autosaveP95Ratio: 2, // autosave P95 / plain IndexedDB put P95
  unlockMs: [300, 1000], // PBKDF2 at the vault default (3,000,000 iterations): slow enough to resist guessing, fast enough to use
  reviewScreens5kMs: 300, // unlock resolved → case list / review dashboard painted, 5,000 cases in the vault
  packPdfMs: 1000, // full sample referral pack to PDF in the browser, fonts included (cold)
};

const CASE_COUNT = 10_000;
const TIMED_RUNS = 3;
const BROWSER_WRITES = 1000;
const BROWSER_WARMUP = 50;
const UNLOCKS = 3;

/** Debian's Chromium (or CHROMIUM_PATH), headless, with the flags the e2e tests use. */
function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

const progress = (message) => process.stderr.write(`${message}\n`);

// ------------------------------------------------------------------------------------------ helpers

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (value, digits) => (value === null ? null : Number(value.toFixed(digits)));

/** Paths of the JS files the HTML loads up front: module/classic scripts and modulepreload links. */
function initialScripts(html) {
  const urls = new Set();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag);
    if (src) urls.add(src[1]);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?modulepreload["']?/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag);
    if (href) urls.add(href[1]);
  }
  return [...urls].filter((url) => !/^[a-z]+:/i.test(url) && !url.startsWith("//"));
}

/** Sum of gzip -9 sizes, in KB, of the initial JS of a built site in `outDir`. */
function initialJsKbGz(outDir) {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  const files = initialScripts(html);
  if (files.length === 0) throw new Error(`no script found in ${outDir}/index.html`);
  let bytes = 0;
  for (const url of files) {
    const file = path.join(outDir, url.split(/[?#]/)[0].replace(/^\//, ""));
    bytes += gzipSync(readFileSync(file), { level: 9 }).byteLength;
  }
  return { kb: bytes / KB, files };
}

/** Runs a command; resolves with wall-clock seconds, exit code, stdout line count and stderr. */
function timeCommand(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], ...options });
    let lines = 0;
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ seconds: (performance.now() - start) / 1000, code, lines, stderr }));
  });
}

// ------------------------------------------------------------------------------ bench pages

/** esbuild a browser entry from scripts/bench into workDir; returns the bundled JavaScript. */
async function bundleBenchEntry(workDir, entryFile, plugins = []) {
  const outfile = path.join(workDir, entryFile.replace(/\.ts$/, ".js"));
  await esbuild({
    entryPoints: [path.join(ROOT, "scripts", "bench", entryFile)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "warning",
    plugins,
  });
  return readFileSync(outfile);
}

/**
 * `vite preview` of dist/ (the built app's origin, its headers and service worker) plus one bench-only
 * page at `${prefix}index.html` that loads `js` as a same-origin module (the app's CSP forbids inline
 * scripts). `extraHeaders` apply to the bench routes only. Returns the origin and a close function.
 */
async function serveBenchPage(prefix, js, extraHeaders = {}) {
  const html = `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>bench</title>
<script type="module" src="${prefix}bench.js"></script></head><body></body></html>`;
  const routes = {
    name: "safe-referral-bench-routes",
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? "").split("?")[0];
        if (!url.startsWith(prefix)) return next();
        for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
        if (url === `${prefix}index.html`) {
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.end(html);
        } else if (url === `${prefix}bench.js`) {
          res.setHeader("Content-Type", "text/javascript; charset=utf-8");
          res.end(js);
        } else next();
      });
    },
  };
  const server = await vitePreview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    plugins: [routes],
    preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") {
    await server.close();
    throw new Error("vite preview did not report a TCP address");
  }
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

// --------------------------------------------------------------------------------------- measures

async function buildApp() {
  progress("building app (vite build)…");
  const start = performance.now();
  await viteBuild({ root: ROOT, configFile: CONFIG_FILE, logLevel: "warn", mode: "production" });
  progress(`  built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const result = initialJsKbGz(path.join(ROOT, "dist"));
  progress(`  initial JS: ${result.files.join(", ")}`);
  return result.kb;
}

/** A bare React 19 hello world, built with the project's own vite.config.ts (so the same plugins and settings). */
async function buildHelloWorld() {
  progress("building React hello world…");
  // Inside the project's node_modules so react / react-dom / react/jsx-runtime resolve to the same copies.
  const dir = path.join(ROOT, "node_modules", ".cache", "bench-hello");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Hello</title><script type="module" src="/src/main.tsx"></script></head>
  <body><div id="root"></div></body>
</html>
`,
  );
  writeFileSync(
    path.join(dir, "src", "main.tsx"),
    `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <h1>Hello, world</h1>
  </StrictMode>,
);
`,
  );
  await viteBuild({ root: dir, configFile: CONFIG_FILE, logLevel: "warn", mode: "production" });
  const result = initialJsKbGz(path.join(dir, "dist"));
  rmSync(dir, { recursive: true, force: true });
  return result.kb;
}

async function measureAssess(workDir) {
  progress(`generating ${CASE_COUNT.toLocaleString("en-GB")} cases…`);
  const file = path.join(workDir, "cases.jsonl");
  const lines = [];
  for (let i = 0; i < CASE_COUNT; i++) lines.push(JSON.stringify(generateCase(1_000_003 + i)));
  writeFileSync(file, `${lines.join("\n")}\n`);

  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const assessArgs = ["run", "--silent", "assess", "--", "--jsonl", file];
  progress("assess --jsonl: warm-up run (also rebuilds the CLI bundle if stale)…");
  const warm = await timeCommand(npm, assessArgs);
  if (warm.code !== 0 && warm.code !== 1) {
    throw new Error(`npm run assess exited with ${warm.code}:\n${warm.stderr}`);
  }
  if (warm.lines < CASE_COUNT) {
    throw new Error(`npm run assess printed ${warm.lines} lines for ${CASE_COUNT} cases:\n${warm.stderr}`);
  }
  const assessRuns = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const run = await timeCommand(npm, assessArgs);
    if (run.code !== warm.code) throw new Error(`npm run assess exited with ${run.code} (warm-up: ${warm.code})`);
    assessRuns.push(run.seconds);
    progress(`  assess run ${i + 1}: ${run.seconds.toFixed(2)} s`);
  }

  // Baseline: the least any JSONL tool must do — read the file, parse and re-serialise every line, write it out.
  const baselineScript = `
    const fs = require("node:fs");
    const out = [];
    for (const line of fs.readFileSync(process.argv[1], "utf8").split("\\n")) {
      if (line) out.push(JSON.stringify(JSON.parse(line)));
    }
    process.stdout.write(out.join("\\n") + "\\n");
  `;
  const baselineRuns = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const run = await timeCommand(process.execPath, ["-e", baselineScript, file]);
    if (run.code !== 0) throw new Error(`JSON baseline failed:\n${run.stderr}`);
    baselineRuns.push(run.seconds);
    progress(`  JSON baseline run ${i + 1}: ${run.seconds.toFixed(2)} s`);
  }
  return { assess10kSeconds: median(assessRuns), jsonBaselineSeconds: median(baselineRuns) };
}

async function measureBrowser(workDir) {
  progress("bundling browser bench entry (esbuild)…");
  const benchJs = await bundleBenchEntry(workDir, "browser-entry.ts");
  // Cross-origin isolation: performance.now() then ticks in ~5 µs steps instead of 100 µs.
  const server = await serveBenchPage("/__bench/", benchJs, {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cache-Control": "no-store",
  });
  const { origin } = server;

  progress(
    `measuring in headless Chromium at ${origin} (profile create + ${UNLOCKS + 1} unlocks at full PBKDF2 cost, ${BROWSER_WRITES} timed writes of each kind)…`,
  );
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/__bench/index.html`);
    await page
      .waitForFunction(() => typeof globalThis.runBench === "function", null, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`bench bundle did not load: ${pageErrors.join("; ") || "no page error reported"}`);
      });
    return await page.evaluate((options) => globalThis.runBench(options), {
      writes: BROWSER_WRITES,
      warmup: BROWSER_WARMUP,
      unlocks: UNLOCKS,
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

// ------------------------------------------------------------- review screens (caseList5kMs, dashboard5kMs)
//
// With REVIEW_CASES cases in the vault, how long after unlock resolves the real built app shows
// (a) the case list and (b) the manager's review dashboard. The vault is seeded in the page with the
// app's own storage code (scripts/bench/review-seed-entry.ts), then the built app is driven as a user
// would: passphrase, Unlock, and for the dashboard the Review section, Lock now, Unlock again.
// Start: the app's `safe-referral:unlocked` performance mark (set when the unlocked shell first
// commits, i.e. unlock resolved + one render). End: the first frame painted after the screen's
// content appears (a MutationObserver sees it; requestAnimationFrame + a task = after paint).

const REVIEW_CASES = 5_000;
const REVIEW_RUNS = 3;
const REVIEW_PROFILE = { label: "Bench manager", passphrase: "bench passphrase for review screens" };

async function measureReviewScreens(workDir) {
  progress(`bundling review seed entry; seeding ${REVIEW_CASES.toLocaleString("en-GB")} cases into the vault…`);
  const seedJs = await bundleBenchEntry(workDir, "review-seed-entry.ts");
  const server = await serveBenchPage("/__bench-review/", seedJs);
  const { origin } = server;
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/__bench-review/index.html`);
    await page.waitForFunction(() => typeof globalThis.seedReviewCases === "function", null, { timeout: 30_000 });
    const seeded = await page.evaluate((options) => globalThis.seedReviewCases(options), {
      count: REVIEW_CASES,
      ...REVIEW_PROFILE,
    });
    progress(`  seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`);

    await page.goto(`${origin}/`);
    // Watches for the screen's content, then waits for the frame that paints it.
    await page.evaluate(() => {
      globalThis.__reviewBench = { seen: {} };
      const watch = { list: ".case-list__item", dashboard: ".review-cards" };
      new globalThis.MutationObserver(() => {
        for (const [name, selector] of Object.entries(watch)) {
          const state = globalThis.__reviewBench;
          if (state.seen[name] !== undefined || !globalThis.document.querySelector(selector)) continue;
          state.seen[name] = null;
          globalThis.requestAnimationFrame(() => setTimeout(() => (state.seen[name] = performance.now())));
        }
      }).observe(globalThis.document.body, { childList: true, subtree: true });
    });
    const unlockAndTime = async (name) => {
      await page.evaluate(() => (globalThis.__reviewBench.seen = {}));
      await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor({ timeout: 30_000 });
      await page.getByLabel("Passphrase").fill(REVIEW_PROFILE.passphrase);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.waitForFunction((key) => typeof globalThis.__reviewBench.seen[key] === "number", name, {
        timeout: 60_000,
      });
      return page.evaluate((key) => {
        const unlocked = performance.getEntriesByName("safe-referral:unlocked", "mark").at(-1);
        if (!unlocked) throw new Error("the app set no safe-referral:unlocked mark");
        return globalThis.__reviewBench.seen[key] - unlocked.startTime;
      }, name);
    };
    const lock = async () => {
      await page.getByRole("button", { name: "Lock now" }).click();
    };

    const listMs = [];
    const dashboardMs = [];
    for (let run = 0; run < REVIEW_RUNS; run++) {
      listMs.push(await unlockAndTime("list"));
      await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Review" }).click();
      await page.locator(".review-cards").waitFor({ timeout: 60_000 });
      await lock();
      dashboardMs.push(await unlockAndTime("dashboard"));
      await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Cases" }).click();
      await lock();
      progress(
        `  run ${run + 1}: case list ${listMs[run].toFixed(0)} ms, dashboard ${dashboardMs[run].toFixed(0)} ms after unlock`,
      );
    }
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join("; ")}`);
    return { caseList5kMs: median(listMs), dashboard5kMs: median(dashboardMs) };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ------------------------------------------------------------------------------- referral-pack PDF

const PACK_PDF_RUNS = 5;

/**
 * packPdfMs: the full-size sample MARAC pack (every section filled, 4 children, 40+ questions)
 * rendered to PDF by the app's renderer in headless Chromium, including fetching and embedding the
 * fonts. The figure is the first (cold) render, what a practitioner waits for; the baseline is the
 * median of the warm repeats in the same page.
 */
async function measurePackPdf(workDir) {
  progress("bundling the pack PDF bench entry (esbuild)…");
  const packJs = await bundleBenchEntry(workDir, "pack-pdf-entry.ts", [builtAssetUrls(path.join(ROOT, "dist"))]);
  const server = await serveBenchPage("/__bench-pack/", packJs);
  const { origin } = server;
  progress(`measuring the full pack PDF at ${origin} (${PACK_PDF_RUNS} renders)…`);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/__bench-pack/index.html`);
    await page
      .waitForFunction(() => typeof globalThis.runPackPdfBench === "function", null, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`pack bench bundle did not load: ${pageErrors.join("; ") || "no page error reported"}`);
      });
    const { times, bytes } = await page.evaluate((runs) => globalThis.runPackPdfBench(runs), PACK_PDF_RUNS);
    progress(
      `  renders: ${times.map((ms) => ms.toFixed(0)).join(", ")} ms; PDF ${bytes.toLocaleString("en-GB")} bytes`,
    );
    return { packPdfMs: times[0], warmMedianMs: median(times.slice(1)) };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ------------------------------------------------------------------------------- offline start

const OFFLINE_START_RUNS = 3;
const OFFLINE_CPU_SLOWDOWN = 4;

/**
 * offlineStartMs: from navigation start to the first input of the first screen (set-up on a fresh
 * device, unlock otherwise) being visible, with the service worker in control, the server stopped
 * and the browser offline, at 4× CPU slowdown. Median of OFFLINE_START_RUNS reloads.
 * Baseline: the same measurement for a first visit online (fresh browser context, nothing cached,
 * no worker yet), also at 4× slowdown; median of the same number of visits.
 */
async function measureOfflineStart() {
  // Read in the page: performance.now() counts from navigation start. Polled every animation frame,
  // so the figure is at most one frame late.
  const firstInputVisibleAt = () => {
    const input = globalThis.document.querySelector("main input");
    return input !== null && input.checkVisibility() ? performance.now() : false;
  };
  const throttle = async (context, page) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: OFFLINE_CPU_SLOWDOWN });
  };
  const timeFirstInput = async (page, navigate) => {
    await navigate();
    const handle = await page.waitForFunction(firstInputVisibleAt, null, { polling: "raf", timeout: 60_000 });
    return handle.jsonValue();
  };

  let server = await vitePreview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview did not report a TCP address");
  const origin = `http://127.0.0.1:${address.port}/`;
  progress(
    `measuring offline start at ${origin} (${OFFLINE_CPU_SLOWDOWN}× CPU slowdown, ${OFFLINE_START_RUNS} runs each)…`,
  );
  const browser = await launchChromium();
  try {
    const online = [];
    for (let i = 0; i < OFFLINE_START_RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await throttle(context, page);
      online.push(await timeFirstInput(page, () => page.goto(origin, { waitUntil: "commit" })));
      await context.close();
    }
    progress(`  first visit online: ${online.map((ms) => ms.toFixed(0)).join(", ")} ms`);

    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(origin);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await server.close();
    server = null;
    await context.setOffline(true);
    await throttle(context, page);
    const offline = [];
    for (let i = 0; i < OFFLINE_START_RUNS; i++) {
      offline.push(await timeFirstInput(page, () => page.reload({ waitUntil: "commit" })));
    }
    progress(
      `  offline start (worker in control, server stopped): ${offline.map((ms) => ms.toFixed(0)).join(", ")} ms`,
    );
    if (pageErrors.length > 0) throw new Error(`page errors while offline: ${pageErrors.join("; ")}`);
    return { offlineStartMs: median(offline), onlineFirstVisitMs: median(online) };
  } finally {
    await browser.close();
    await server?.close();
  }
}

// ---------------------------------------------------------------------------------------- report

const results = {
  initialJsKbGz: null,
  helloWorldKbGz: null,
  assess10kSeconds: null,
  jsonBaselineSeconds: null,
  autosaveP50Ms: null,
  autosaveP95Ms: null,
  idbPutP95Ms: null,
  unlockMs: null,
  caseList5kMs: null,
  dashboard5kMs: null,
  packPdfMs: null,
  offlineStartMs: null,
};
const reasons = {
  offlineStartMs: "not measured yet: offline start (service worker) benchmark not wired yet",
};
const extra = {}; // baselines that only appear on the figure lines (e.g. plain IndexedDB P50)
let failures = 0;

async function attempt(label, keys, work) {
  try {
    await work();
  } catch (error) {
    failures++;
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    progress(`FAILED ${label}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    for (const key of keys) reasons[key] ??= `${label} failed: ${message}`;
  }
}

const started = performance.now();
const workDir = path.join(tmpdir(), `safe-referral-bench-${process.pid}`);
mkdirSync(workDir, { recursive: true });
try {
  await attempt("app build", ["initialJsKbGz"], async () => {
    results.initialJsKbGz = await buildApp();
  });
  await attempt("hello-world build", ["helloWorldKbGz"], async () => {
    results.helloWorldKbGz = await buildHelloWorld();
  });
  await attempt("assess benchmark", ["assess10kSeconds", "jsonBaselineSeconds"], async () => {
    Object.assign(results, await measureAssess(workDir));
  });
  if (results.initialJsKbGz === null) {
    for (const key of ["autosaveP50Ms", "autosaveP95Ms", "idbPutP95Ms", "unlockMs"])
      reasons[key] = "the app did not build, so there is no origin to serve";
  } else {
    await attempt("browser benchmark", ["autosaveP50Ms", "autosaveP95Ms", "idbPutP95Ms", "unlockMs"], async () => {
      const r = await measureBrowser(workDir);
      const stats = (samples) =>
        `P50 ${percentile(samples, 50).toFixed(2)} ms, P95 ${percentile(samples, 95).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms`;
      progress(
        `  page cross-origin isolated (fine timers): ${r.crossOriginIsolated}; draft JSON ${r.draftJsonBytes} bytes`,
      );
      progress(
        `  PBKDF2 ${r.iterations.toLocaleString("en-GB")} iterations stored with the profile; createProfile ${r.createProfileMs.toFixed(0)} ms; timed unlocks ${r.unlockMs.map((ms) => ms.toFixed(0)).join(", ")} ms`,
      );
      progress(`  plain IndexedDB put (baseline):        ${stats(r.plainPutMs)}`);
      progress(`  raw AES-GCM encrypt + plain put:       ${stats(r.rawEncryptedPutMs)}`);
      progress(`  vault saveAssessmentDraft (autosave):  ${stats(r.autosaveMs)}`);
      progress(`    diagnostics — vault seal() alone:      ${stats(r.sealOnlyMs)}`);
      progress(`    diagnostics — Dexie put in own rw tx:  ${stats(r.dexiePutMs)}`);
      results.autosaveP50Ms = percentile(r.autosaveMs, 50);
      results.autosaveP95Ms = percentile(r.autosaveMs, 95);
      results.idbPutP95Ms = percentile(r.plainPutMs, 95);
      extra.idbPutP50Ms = percentile(r.plainPutMs, 50);
      results.unlockMs = median(r.unlockMs);
    });
  }
  if (results.initialJsKbGz === null) {
    for (const key of ["caseList5kMs", "dashboard5kMs"])
      reasons[key] = "the app did not build, so there is no origin to serve";
  } else {
    await attempt("review screens benchmark", ["caseList5kMs", "dashboard5kMs"], async () => {
      Object.assign(results, await measureReviewScreens(workDir));
    });
  }
  if (results.initialJsKbGz === null) {
    reasons.packPdfMs = "the app did not build, so there are no font assets to fetch";
  } else {
    await attempt("pack PDF benchmark", ["packPdfMs"], async () => {
      const r = await measurePackPdf(workDir);
      results.packPdfMs = r.packPdfMs;
      extra.packPdfWarmMedianMs = r.warmMedianMs;
    });
  }
  // offlineStartMs (offline PWA): needs the built dist/ from the app build above.
  if (results.initialJsKbGz === null) {
    reasons.offlineStartMs = "the app did not build, so there is no origin to serve";
  } else {
    delete reasons.offlineStartMs;
    await attempt("offline start benchmark", ["offlineStartMs"], async () => {
      const r = await measureOfflineStart();
      results.offlineStartMs = r.offlineStartMs;
      extra.onlineFirstVisitMs = r.onlineFirstVisitMs;
    });
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

// Round for display and JSON alike, so the two always agree.
const DIGITS = {
  initialJsKbGz: 1,
  helloWorldKbGz: 1,
  assess10kSeconds: 2,
  jsonBaselineSeconds: 2,
  autosaveP50Ms: 2,
  autosaveP95Ms: 2,
  idbPutP95Ms: 2,
  unlockMs: 0,
  offlineStartMs: 0,
  packPdfMs: 0,
  caseList5kMs: 0,
  dashboard5kMs: 0,
};
for (const [key, digits] of Object.entries(DIGITS)) results[key] = round(results[key], digits);
if (extra.idbPutP50Ms !== undefined) extra.idbPutP50Ms = round(extra.idbPutP50Ms, 2);
if (extra.onlineFirstVisitMs !== undefined) extra.onlineFirstVisitMs = round(extra.onlineFirstVisitMs, 0);
if (extra.packPdfWarmMedianMs !== undefined) extra.packPdfWarmMedianMs = round(extra.packPdfWarmMedianMs, 0);

function ratio(value, baseline) {
  return value === null || baseline === null || baseline === undefined || baseline === 0 ? null : value / baseline;
}

function line(name, unit, { baseline = null, baselineName = null, budget = null, over = false } = {}) {
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
}

const autosaveRatio = ratio(results.autosaveP95Ms, results.idbPutP95Ms);
const unlockBelowFloor = results.unlockMs !== null && results.unlockMs < BUDGETS.unlockMs[0];
const out = [
  line("initialJsKbGz", "KB", {
    baseline: results.helloWorldKbGz,
    baselineName: "helloWorldKbGz",
    budget: `≤ ${BUDGETS.initialJsKbGz} KB`,
    over: results.initialJsKbGz !== null && results.initialJsKbGz > BUDGETS.initialJsKbGz,
  }),
  line("helloWorldKbGz", "KB"),
  line("assess10kSeconds", "s", {
    baseline: results.jsonBaselineSeconds,
    baselineName: "jsonBaselineSeconds",
    budget: `≤ ${BUDGETS.assess10kSeconds} s`,
    over: results.assess10kSeconds !== null && results.assess10kSeconds > BUDGETS.assess10kSeconds,
  }),
  line("jsonBaselineSeconds", "s"),
  line("autosaveP50Ms", "ms", { baseline: extra.idbPutP50Ms ?? null, baselineName: "plain IndexedDB put P50" }),
  line("autosaveP95Ms", "ms", {
    baseline: results.idbPutP95Ms,
    baselineName: "idbPutP95Ms",
    budget: `ratio ≤ ${BUDGETS.autosaveP95Ratio}`,
    over: autosaveRatio !== null && autosaveRatio > BUDGETS.autosaveP95Ratio,
  }),
  line("idbPutP95Ms", "ms"),
  line("unlockMs", "ms", {
    budget: `${BUDGETS.unlockMs[0]}–${BUDGETS.unlockMs[1]} ms`,
    over: results.unlockMs !== null && (results.unlockMs > BUDGETS.unlockMs[1] || unlockBelowFloor),
  }).replace(
    /OVER BUDGET$/,
    unlockBelowFloor ? "OVER BUDGET (below the floor: key derivation too cheap)" : "OVER BUDGET",
  ),
  line("caseList5kMs", "ms", {
    budget: `≤ ${BUDGETS.reviewScreens5kMs} ms`,
    over: results.caseList5kMs !== null && results.caseList5kMs > BUDGETS.reviewScreens5kMs,
  }),
  line("dashboard5kMs", "ms", {
    budget: `≤ ${BUDGETS.reviewScreens5kMs} ms`,
    over: results.dashboard5kMs !== null && results.dashboard5kMs > BUDGETS.reviewScreens5kMs,
  }),
  line("packPdfMs", "ms", {
    baseline: extra.packPdfWarmMedianMs ?? null,
    baselineName: "warm repeat median",
    budget: `≤ ${BUDGETS.packPdfMs} ms`,
    over: results.packPdfMs !== null && results.packPdfMs > BUDGETS.packPdfMs,
  }),
  line("offlineStartMs", "ms", {
    baseline: extra.onlineFirstVisitMs ?? null,
    baselineName: "first visit online, no worker",
  }),
];
process.stdout.write(`${out.join("\n")}\n${JSON.stringify(results)}\n`);
progress(
  `bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s${failures ? ` with ${failures} failed measurement(s)` : ""}`,
);
if (failures) process.exitCode = 1;
