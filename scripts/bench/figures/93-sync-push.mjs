// syncPushP95Ms: one change pushed and acknowledged — the app's sync engine in headless Chromium queues
// it (recordChange) and sends it as the app sends a save (sendNow: a push round, no pull first after a
// recent one) until the team server on a real PostgreSQL on loopback has stored it
// (shared/sync-browser.mjs); syncFullRoundP95Ms, a whole round (pull, then push), is printed beside it. Baseline pgInsertP95Ms: a bare INSERT
// of an envelope row round trip with node-postgres to the same PostgreSQL in the same run.
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { percentile } from "../shared/helpers.mjs";
import { syncBrowserSession } from "../shared/sync-browser.mjs";
import { NO_POSTGRES, teamServerSession } from "../shared/team-server.mjs";

const BUDGET_MS = 50;
const INSERTS = 200;
const WARMUP = 20;

async function bareInsertTimes(databaseUrl, device) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const times = [];
    for (let index = 0; index < WARMUP + INSERTS; index += 1) {
      const ciphertext = randomBytes(400);
      const started = performance.now();
      await db.query(
        `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, now())`,
        [device.teamId, randomUUID(), randomUUID(), device.deviceId, ciphertext, randomBytes(64), ciphertext.length],
      );
      if (index >= WARMUP) times.push(performance.now() - started);
    }
    return times;
  } finally {
    await db.end();
  }
}

export default {
  label: "sync push benchmark",
  keys: { syncPushP95Ms: 1 },
  extraDigits: { pgInsertP95Ms: 2, syncPushP50Ms: 1, syncFullRoundP95Ms: 1 },
  async measure(ctx) {
    const server = await teamServerSession(ctx);
    if (!server.databaseUrl) throw new Error(NO_POSTGRES);
    const r = await syncBrowserSession(ctx);
    const baseline = await bareInsertTimes(server.databaseUrl, r.team.manager);
    return {
      results: { syncPushP95Ms: r.push.p95 },
      extra: {
        pgInsertP95Ms: percentile(baseline, 95),
        syncPushP50Ms: r.push.p50,
        syncFullRoundP95Ms: r.push.fullRoundP95,
      },
    };
  },
  lines: ({ results, extra, line }) => [
    line("syncPushP95Ms", "ms", {
      baseline: extra.pgInsertP95Ms ?? null,
      baselineName: "pgInsertP95Ms, a bare INSERT round trip with node-postgres",
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.syncPushP95Ms !== null && results.syncPushP95Ms > BUDGET_MS,
    }),
  ],
};
