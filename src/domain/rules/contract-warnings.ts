import type { CaseFile } from "../case-file";
import { answerOf } from "../case-facts";
import type { RiskLevel } from "../answers";
import type { Escalation, MaracOutcome, PathwayOutcome, Score, Warning } from "../outcome";
import type { Policy } from "../policy";
import { couldBeHighWhenUnknownsResolved } from "./score";

// Warnings whose codes the contract fixes (case-format.md) and that stand on their own: each reads
// the case (or a decision already made from it) and returns the warning with its evidence, or null.
// None of them changes the level, the colour or a pathway decision. Where each comes from in
// practice: docs/decisions.md, the index and section 1.

/** The carry-forward floor rule fired: say so, with its reason and evidence (decision 1.12). */
export function previousLevelCarriedForward(carried: Escalation | null): Warning | null {
  if (!carried) return null;
  return { code: "previous-level-carried-forward", message: carried.reason, evidence: carried.evidence };
}

/** Yes plus not known reaches the high threshold while the level is below high (decision 1.16). */
export function unknownsCouldMakeItHigh(
  caseFile: CaseFile,
  dashIds: readonly string[],
  score: Score,
  level: RiskLevel,
  policy: Policy,
): Warning | null {
  if (!couldBeHighWhenUnknownsResolved(score, level, policy)) return null;
  return {
    code: "could-be-high-when-unknowns-resolved",
    message: `${score.yes} yes and ${score.notKnown} not known: if the unknowns turn out to be yes, this reaches the high-risk threshold of ${policy.highRiskYesCount}. Resolve them urgently.`,
    evidence: dashIds.filter((id) => answerOf(caseFile, id) === "not-known"),
  };
}

/** A withdrawn complaint or statement never lowers the risk or the service (decision 1.14). */
export function retractionDoesNotLowerRisk(caseFile: CaseFile): Warning | null {
  if (caseFile.context?.victimRetracted !== true) return null;
  return {
    code: "retraction-does-not-lower-risk",
    message:
      "The victim has withdrawn a complaint or statement. Retraction often follows pressure or fear: it never lowers the risk or the service offered.",
    evidence: ["context.victimRetracted"],
  };
}

/** A new incident within the repeat window of an earlier MARAC, as decideMarac found (decision 1.19). */
export function repeatMarac(marac: MaracOutcome): Warning | null {
  if (!marac.repeat) return null;
  return {
    code: "repeat-marac",
    message:
      "This is a repeat MARAC case: a new incident within the repeat window of an earlier MARAC. Refer back to MARAC.",
    evidence: ["context.previousMaracDates"],
  };
}

/** Any honour-based abuse answer yes: no family or community go-betweens (decision 1.28). */
export function honourBasedAbuse(caseFile: CaseFile): Warning | null {
  const evidence = Object.keys(caseFile.answers).filter(
    (id) => id.startsWith("hbv.") && answerOf(caseFile, id) === "yes",
  );
  if (!evidence.length) return null;
  return {
    code: "honour-based-abuse",
    message:
      "Signs of honour-based abuse. Never use family or community members as interpreters or contacts, and do not approach the family: seek specialist advice.",
    evidence,
  };
}

/** The children's services pathway refers: say so as a warning too, with its evidence (decision 1.22). */
export function childrenAtRisk(childrensServices: PathwayOutcome): Warning | null {
  if (childrensServices.decision !== "refer") return null;
  return {
    code: "children-at-risk",
    message:
      "Children (or an unborn child) are at risk: make the children's services referral and share the assessment.",
    evidence: [...childrensServices.evidence],
  };
}

/** The victim or perpetrator moved area recently: ask the previous area for its records (decision 1.26). */
export function movedArea(caseFile: CaseFile): Warning | null {
  if (caseFile.context?.movedArea !== true) return null;
  return {
    code: "moved-area",
    message:
      "The victim or perpetrator moved between areas recently: ask the previous area's police, MARAC and services for their records.",
    evidence: ["context.movedArea"],
  };
}
