// dashboard5kMs: unlock resolved → the manager's review dashboard painted in the built app, 5,000 cases
// in the vault (shared/review-screens.mjs). No baseline.
import { reviewScreensSession } from "../shared/review-screens.mjs";

const BUDGET_MS = 300;

export default {
  label: "review screens benchmark",
  keys: { dashboard5kMs: 0 },
  needsApp: true,
  async measure(ctx) {
    const { dashboard5kMs } = await reviewScreensSession(ctx);
    return { results: { dashboard5kMs } };
  },
  lines: ({ results, line }) => [
    line("dashboard5kMs", "ms", {
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.dashboard5kMs !== null && results.dashboard5kMs > BUDGET_MS,
    }),
  ],
};
