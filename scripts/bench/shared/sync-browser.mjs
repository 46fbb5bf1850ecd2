// One headless-Chromium session of a newly approved manager device against the bench's team server
// (shared/team-server.mjs), read by the syncPull5kSeconds and syncPushP95Ms figures: 5,000 cases are
// written by four practitioners' devices (Node, the app's sync cryptography; shared/seed-cases.mjs), a new
// manager profile in the page enrols and is approved (given the team manager key), then the page times
// the app's sync engine pulling every case, the same pages fetched without decrypting, and single
// changes pushed and acknowledged.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchChromium, percentile, progress } from "./helpers.mjs";
import { seedTeamCases } from "./seed-cases.mjs";
import { teamServerSession } from "./team-server.mjs";

export const SYNC_CASES = 5_000;
const PRACTITIONERS = 4;
const PUSH_RUNS = 200;
const PUSH_WARMUP = 20;
// The sync engine's own page size (src/storage/sync/pull.ts PULL_PAGE_SIZE, 2,000 since decisions §28), for the fetch-only baseline.
const PAGE_SIZE = 2_000;

/**
 * Runs `work`; with SYNC_BENCH_PROFILE_DIR set, under the page's CPU profiler, saved there as
 * <name>.cpuprofile (for Chrome's DevTools) — how the pull and push were looked into.
 */
async function profiled(page, name, work) {
  const dir = process.env.SYNC_BENCH_PROFILE_DIR;
  if (!dir) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send("Profiler.stop");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

async function measureSync(ctx) {
  const server = await teamServerSession(ctx);
  const { client, origin } = server;
  progress(`seeding ${SYNC_CASES.toLocaleString("en-GB")} cases…`);
  const started = performance.now();
  const team = await client.setUpTeam(origin, server.adminToken, PRACTITIONERS);
  const { bytes, how } = await seedTeamCases(server, team, SYNC_CASES);
  progress(
    `  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s, ${how} (${(bytes / 1e6).toFixed(1)} MB of ciphertext)`,
  );

  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/index.html`);
    await page
      .waitForFunction(() => typeof globalThis.syncBench === "object", null, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`sync bench bundle did not load: ${pageErrors.join("; ") || "no page error reported"}`);
      });
    const publicKeys = await page.evaluate((options) => globalThis.syncBench.prepareDevice(options), {
      passphrase: "bench passphrase for the sync figures",
    });
    const code = await team.manager.issueCode("manager");
    const deviceId = await page.evaluate((enrolmentCode) => globalThis.syncBench.enrol(enrolmentCode), code);
    await team.manager.approve(deviceId, publicKeys, "manager");

    progress(`measuring the new manager device's first sync of ${SYNC_CASES.toLocaleString("en-GB")} cases…`);
    const pull = await profiled(page, "pull", () =>
      page.evaluate((expected) => globalThis.syncBench.timePull(expected), SYNC_CASES),
    );
    const fetchOnly = await page.evaluate((pageSize) => globalThis.syncBench.timeFetchOnly(pageSize), PAGE_SIZE);
    if (fetchOnly.envelopes !== SYNC_CASES) throw new Error(`fetched ${fetchOnly.envelopes} envelopes`);
    progress(
      `  pulled, checked, decrypted and stored in ${pull.seconds.toFixed(2)} s (${pull.rounds} round(s)); ` +
        `the same pages fetched only: ${fetchOnly.seconds.toFixed(2)} s`,
    );

    let push = null;
    if (server.databaseUrl) {
      progress(`measuring ${PUSH_RUNS} single changes pushed and acknowledged (after ${PUSH_WARMUP} warm-up)…`);
      const { times } = await profiled(page, "push", () =>
        page.evaluate((options) => globalThis.syncBench.timePushes(options), {
          runs: PUSH_RUNS,
          warmup: PUSH_WARMUP,
          round: "send",
        }),
      );
      push = { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
      progress(
        `  recordChange + sendNow (as a save is sent): P50 ${push.p50.toFixed(1)} ms, P95 ${push.p95.toFixed(1)} ms, max ${push.max.toFixed(1)} ms`,
      );
      const full = await page.evaluate((options) => globalThis.syncBench.timePushes(options), {
        runs: PUSH_RUNS,
        warmup: PUSH_WARMUP,
        round: "full",
      });
      push.fullRoundP95 = percentile(full.times, 95);
      progress(
        `  diagnostic, a whole round (pull, then push): P50 ${percentile(full.times, 50).toFixed(1)} ms, P95 ${push.fullRoundP95.toFixed(1)} ms`,
      );
    }
    await page.evaluate(() => globalThis.syncBench.finish());
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join("; ")}`);
    return { pullSeconds: pull.seconds, fetchOnlySeconds: fetchOnly.seconds, push, team };
  } finally {
    await browser.close();
  }
}

/** { pullSeconds, fetchOnlySeconds, push: {p50, p95, max} | null (no PostgreSQL), team }, once per run. */
export function syncBrowserSession(ctx) {
  return ctx.shared("sync browser", () => measureSync(ctx));
}
