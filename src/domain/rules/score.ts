import type { RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { answerOf } from "../case-facts";
import type { Score } from "../outcome";
import type { Policy } from "../policy";

/**
 * Counts the chosen DASH set's answers, keeping yes, no, not-known and not-asked apart.
 * Only yes scores; supplementary answers never score. Why: reviews found "not known" read as
 * "no" and checklists under-scored; a gap must stay visible as a gap.
 */
export function scoreAnswers(caseFile: CaseFile, dashIds: readonly string[]): Score {
  const score = { yes: 0, no: 0, notKnown: 0, notAsked: 0, total: dashIds.length, potentialYes: 0 };
  for (const id of dashIds) {
    const answer = answerOf(caseFile, id);
    if (answer === "yes") score.yes++;
    else if (answer === "no") score.no++;
    else if (answer === "not-known") score.notKnown++;
    else score.notAsked++;
  }
  score.potentialYes = score.yes + score.notKnown;
  return score;
}

/** The level the yes-count alone reaches under the policy's thresholds. */
export function scoreBand(score: Score, policy: Policy): RiskLevel {
  if (score.yes >= policy.highRiskYesCount) return "high";
  if (score.yes >= policy.mediumRiskYesCount) return "medium";
  return "standard";
}

/** True when resolving the unknowns could reach the high threshold while the level is below it. */
export function couldBeHighWhenUnknownsResolved(score: Score, level: RiskLevel, policy: Policy): boolean {
  return level !== "high" && score.potentialYes >= policy.highRiskYesCount;
}
