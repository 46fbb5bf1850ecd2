// One headless-Chromium session on the bench page (scripts/bench/browser-entry.ts), shared by the
// autosave and unlock figures: create a profile, unlock it at full PBKDF2 cost, then time writes of
// each kind. Run once per bench run through ctx.shared, so both figures read the same session.
import { bundleBenchEntry, serveBenchPage } from "./bench-page.mjs";
import { launchChromium, percentile, progress } from "./helpers.mjs";

const BROWSER_WRITES = 1000;
const BROWSER_WARMUP = 50;
const UNLOCKS = 3;

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

/** The session's raw samples, with their summary printed to stderr once. */
export function vaultPageSession(ctx) {
  return ctx.shared("vault page", async () => {
    const r = await measureBrowser(ctx.workDir);
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
    progress(
      `  vault saveAssessmentDraft (autosave, prepared at the change as the screen does): ${stats(r.autosaveMs)}`,
    );
    progress(`    diagnostics — save of an unprepared change (seals as it saves): ${stats(r.autosaveUnpreparedMs)}`);
    progress(`    diagnostics — vault seal() alone:      ${stats(r.sealOnlyMs)}`);
    progress(`    diagnostics — raw get + 2 puts, 2 stores: ${stats(r.twoStoreWriteMs)}`);
    return r;
  });
}
