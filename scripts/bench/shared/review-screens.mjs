// One run of the review screens in the real built app, shared by the caseList5kMs and dashboard5kMs
// figures (the two are timed alternately in one browser, so they come from one session).
//
// With REVIEW_CASES cases in the vault, how long after unlock resolves the real built app shows
// (a) the case list and (b) the manager's review dashboard. The vault is seeded in the page with the
// app's own storage code (scripts/bench/review-seed-entry.ts), then the built app is driven as a user
// would: passphrase, Unlock, and for the dashboard the Review section, Lock now, Unlock again.
// Start: the app's `safe-referral:unlocked` performance mark (set when the unlocked shell first
// commits, i.e. unlock resolved + one render). End: the first frame painted after the screen's
// content appears (a MutationObserver sees it; requestAnimationFrame + a task = after paint).
import { bundleBenchEntry, serveBenchPage } from "./bench-page.mjs";
import { launchChromium, median, progress } from "./helpers.mjs";

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

/** { caseList5kMs, dashboard5kMs }, measured once per bench run. */
export function reviewScreensSession(ctx) {
  return ctx.shared("review screens", () => measureReviewScreens(ctx.workDir));
}
