import { riskRank, type RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { isWithinMonthsBefore } from "../dates";
import type { Escalation, Warning } from "../outcome";

export interface PreviousAssessment {
  index: number;
  date: string;
  riskLevel: RiskLevel;
  agency?: string;
}

/**
 * The most recent previous assessment by date, from any agency; on a tie, the highest level
 * among that date's. Why any agency: reviews found each agency starting from zero while another
 * already knew the risk was high.
 */
export function mostRecentPreviousAssessment(caseFile: CaseFile): PreviousAssessment | null {
  let best: PreviousAssessment | null = null;
  const previous = caseFile.previousAssessments ?? [];
  for (let index = 0; index < previous.length; index++) {
    const p = previous[index]!;
    if (!best || p.date > best.date || (p.date === best.date && riskRank(p.riskLevel) > riskRank(best.riskLevel))) {
      best = { index, date: p.date, riskLevel: p.riskLevel, ...(p.agency !== undefined ? { agency: p.agency } : {}) };
    }
  }
  return best;
}

/**
 * Carry-forward (locked): while the picture is incomplete (provisional) or the victim has
 * retracted, a recent higher level is not dropped. Retraction and gaps are when risk is most
 * often under-read.
 */
export function carryForwardRule(
  previous: PreviousAssessment | null,
  computedLevel: RiskLevel,
  provisional: boolean,
  retracted: boolean,
  assessmentDate: string,
  carryForwardMonths: number,
): Escalation | null {
  if (!previous || !(provisional || retracted)) return null;
  if (!isWithinMonthsBefore(previous.date, assessmentDate, carryForwardMonths)) return null;
  if (riskRank(previous.riskLevel) <= riskRank(computedLevel)) return null;
  const why = retracted ? "the victim has retracted" : "this assessment is incomplete (provisional)";
  return {
    rule: "carry-forward",
    to: previous.riskLevel,
    reason: `The previous assessment on ${previous.date}${previous.agency ? ` (${previous.agency})` : ""} found ${previous.riskLevel} risk within the last ${carryForwardMonths} months, and ${why}, so that level is carried forward rather than lowered.`,
    evidence: [`previousAssessments[${previous.index}]`],
  };
}

/** Compares the final level with the previous assessment's, either way. */
export function changeSinceLastAssessment(previous: PreviousAssessment | null, finalLevel: RiskLevel): Warning | null {
  if (!previous) return null;
  const evidence = [`previousAssessments[${previous.index}]`];
  if (riskRank(finalLevel) > riskRank(previous.riskLevel)) {
    return {
      code: "risk-increased-since-last-assessment",
      message: `Risk has risen from ${previous.riskLevel} (${previous.date}) to ${finalLevel}.`,
      evidence,
    };
  }
  if (riskRank(finalLevel) < riskRank(previous.riskLevel)) {
    return {
      code: "risk-decreased-since-last-assessment",
      message: `Risk is lower than the ${previous.riskLevel} found on ${previous.date}. Check what has changed and record why; separation, retraction or an order do not by themselves make someone safer.`,
      evidence,
    };
  }
  return null;
}
