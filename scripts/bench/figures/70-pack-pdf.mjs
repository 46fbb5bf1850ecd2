// Figure packPdfMs against its warm-repeat median (what is measured: measurePackPdf below).
import path from "node:path";
import { builtAssetUrls } from "../built-asset-urls.mjs";
import { bundleBenchEntry, serveBenchPage } from "../shared/bench-page.mjs";
import { ROOT, launchChromium, median, progress } from "../shared/helpers.mjs";

const BUDGET_MS = 1000;
const PACK_PDF_RUNS = 5;

/**
 * packPdfMs: the full-size sample MARAC pack (every section filled, 4 children, 40+ questions)
 * rendered to PDF by the app's renderer in headless Chromium, including fetching and embedding the
 * fonts. The figure is the first (cold) render, what a practitioner waits for; the baseline is the
 * median of the warm repeats in the same page. packPdfScriptsMs: then, in the same page, the first
 * render of that pack with its people named in Arabic, Urdu, Bengali and Gurmukhi (fetching, parsing
 * and shaping with their fonts, which the first figure must never load), against the same baseline.
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
    const scripts = await page.evaluate(
      (runs) => globalThis.runPackPdfBench(runs, { namesInScripts: true }),
      PACK_PDF_RUNS,
    );
    progress(
      `  with names in Arabic script, Bengali and Gurmukhi: ${scripts.times.map((ms) => ms.toFixed(0)).join(", ")} ms; ` +
        `PDF ${scripts.bytes.toLocaleString("en-GB")} bytes`,
    );
    return { packPdfMs: times[0], warmMedianMs: median(times.slice(1)), scriptsMs: scripts.times[0] };
  } finally {
    await browser.close();
    await server.close();
  }
}

export default {
  label: "pack PDF benchmark",
  keys: { packPdfMs: 0, packPdfScriptsMs: 0 },
  extraDigits: { packPdfWarmMedianMs: 0 },
  needsApp: "the app did not build, so there are no font assets to fetch",
  async measure(ctx) {
    const r = await measurePackPdf(ctx.workDir);
    return {
      results: { packPdfMs: r.packPdfMs, packPdfScriptsMs: r.scriptsMs },
      extra: { packPdfWarmMedianMs: r.warmMedianMs },
    };
  },
  lines: ({ results, extra, line }) => [
    line("packPdfMs", "ms", {
      baseline: extra.packPdfWarmMedianMs ?? null,
      baselineName: "warm repeat median",
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.packPdfMs !== null && results.packPdfMs > BUDGET_MS,
    }),
    line("packPdfScriptsMs", "ms", {
      baseline: extra.packPdfWarmMedianMs ?? null,
      baselineName: "warm repeat median without those scripts",
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.packPdfScriptsMs !== null && results.packPdfScriptsMs > BUDGET_MS,
    }),
  ],
};
