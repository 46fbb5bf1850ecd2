// restore60MbSeconds: restoring a ~60 MB backup (8,000 cases, each with a completed assessment and a
// MARAC pack) into a fresh profile in headless Chromium, through the app's own storage code
// (scripts/bench/restore-entry.ts). Baseline read60MbSeconds: reading the same file (File.text +
// JSON.parse), the floor any restore pays.
import { bundleBenchEntry, serveBenchPage } from "../shared/bench-page.mjs";
import { launchChromium, progress } from "../shared/helpers.mjs";

const CASES = 8_000;
const BUDGET_SECONDS = 20;

export default {
  label: "restore benchmark",
  keys: { restore60MbSeconds: 2, read60MbSeconds: 2 },
  extraDigits: { restoreFileMb: 1 },
  needsApp: true,
  async measure(ctx) {
    progress(`bundling restore entry; making a backup of ${CASES.toLocaleString("en-GB")} cases…`);
    const js = await bundleBenchEntry(ctx.workDir, "restore-entry.ts");
    const server = await serveBenchPage("/__bench-restore/", js);
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.origin}/__bench-restore/index.html`);
      await page.waitForFunction(() => typeof globalThis.benchRestore === "function", null, { timeout: 30_000 });
      const r = await page.evaluate((options) => globalThis.benchRestore(options), {
        count: CASES,
        passphrase: "bench passphrase for the restore figure",
      });
      progress(
        `  ${r.fileMegabytes.toFixed(1)} MB file: read ${r.readSeconds.toFixed(2)} s, restore ${r.restoreSeconds.toFixed(2)} s`,
      );
      return {
        results: { restore60MbSeconds: r.restoreSeconds, read60MbSeconds: r.readSeconds },
        extra: { restoreFileMb: r.fileMegabytes },
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
  lines: ({ results, extra, line }) => [
    line("restore60MbSeconds", "s", {
      baseline: results.read60MbSeconds,
      baselineName: `read60MbSeconds, the same ${extra.restoreFileMb ?? "~60"} MB file`,
      budget: `≤ ${BUDGET_SECONDS} s`,
      over: results.restore60MbSeconds !== null && results.restore60MbSeconds > BUDGET_SECONDS,
    }),
    line("read60MbSeconds", "s"),
  ],
};
