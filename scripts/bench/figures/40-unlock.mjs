// unlockMs: unlocking the vault in headless Chromium, PBKDF2 at the vault default (3,000,000
// iterations); median of the timed unlocks of the shared vault-page session. No baseline.
import { median } from "../shared/helpers.mjs";
import { vaultPageSession } from "../shared/vault-page.mjs";

// Slow enough to resist guessing, fast enough to use: below the floor is over budget too.
const BUDGET_MS = [300, 1000];

export default {
  label: "browser benchmark",
  keys: { unlockMs: 0 },
  needsApp: true,
  async measure(ctx) {
    const r = await vaultPageSession(ctx);
    return { results: { unlockMs: median(r.unlockMs) } };
  },
  lines({ results, line }) {
    const belowFloor = results.unlockMs !== null && results.unlockMs < BUDGET_MS[0];
    return [
      line("unlockMs", "ms", {
        budget: `${BUDGET_MS[0]}–${BUDGET_MS[1]} ms`,
        over: results.unlockMs !== null && (results.unlockMs > BUDGET_MS[1] || belowFloor),
      }).replace(
        /OVER BUDGET$/,
        belowFloor ? "OVER BUDGET (below the floor: key derivation too cheap)" : "OVER BUDGET",
      ),
    ];
  },
};
