// caseList5kMs: unlock resolved → case list painted in the built app, 5,000 cases in the vault
// (shared/review-screens.mjs). No baseline.
import { reviewScreensSession } from "../shared/review-screens.mjs";

const BUDGET_MS = 300;

export default {
  label: "review screens benchmark",
  keys: { caseList5kMs: 0 },
  needsApp: true,
  async measure(ctx) {
    const { caseList5kMs } = await reviewScreensSession(ctx);
    return { results: { caseList5kMs } };
  },
  lines: ({ results, line }) => [
    line("caseList5kMs", "ms", {
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.caseList5kMs !== null && results.caseList5kMs > BUDGET_MS,
    }),
  ],
};
