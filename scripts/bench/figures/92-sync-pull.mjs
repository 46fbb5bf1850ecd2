// syncPull5kSeconds: a newly approved manager device in headless Chromium pulls the team's 5,000 cases
// from the real team server (on PostgreSQL) with the app's sync engine — every envelope's signature
// checked, its case key unwrapped through the team manager key, decrypted, and sealed into the vault —
// from starting the engine until every record is held (shared/sync-browser.mjs). Baseline: the same
// pages fetched and parsed in the same page, with nothing checked, decrypted or stored.
import { syncBrowserSession, SYNC_CASES } from "../shared/sync-browser.mjs";

const BUDGET_SECONDS = 10;

export default {
  label: "sync pull benchmark",
  keys: { syncPull5kSeconds: 2 },
  extraDigits: { syncFetch5kSeconds: 2 },
  async measure(ctx) {
    const r = await syncBrowserSession(ctx);
    return { results: { syncPull5kSeconds: r.pullSeconds }, extra: { syncFetch5kSeconds: r.fetchOnlySeconds } };
  },
  lines: ({ results, extra, line }) => [
    line("syncPull5kSeconds", "s", {
      baseline: extra.syncFetch5kSeconds ?? null,
      baselineName: `the same ${SYNC_CASES.toLocaleString("en-GB")} envelopes fetched without decrypting`,
      budget: `≤ ${BUDGET_SECONDS} s`,
      over: results.syncPull5kSeconds !== null && results.syncPull5kSeconds > BUDGET_SECONDS,
    }),
  ],
};
