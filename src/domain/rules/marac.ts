import type { CaseFile } from "../case-file";
import { isWithinMonthsBefore } from "../dates";
import type { Escalation, MaracCriterion, MaracOutcome, ProfessionalJudgementOutcome } from "../outcome";
import type { Policy } from "../policy";
import { labelForFloorRule } from "../labels/labels";

// MARAC referral criteria. A high level by any route refers; so do repeated police call-outs
// (potential escalation) and a new incident within the repeat window of an earlier MARAC. Every
// criterion that holds is listed, not only the first, so the pack shows the whole picture.

const ESCALATION_RULES_FOR_CRITERION = new Set([
  "strangulation",
  "threats-to-kill",
  "separation-and-stalking",
  "weapons-and-escalation",
  "children-threatened",
  "planning-indicators",
  "hbv-threats",
]);

export interface MaracInputs {
  escalations: readonly Escalation[];
  judgement: ProfessionalJudgementOutcome;
  assessmentDate: string;
  policy: Policy;
}

/** A previous MARAC within the repeat window, with a new incident (absent newIncident = yes). */
export function repeatMaracDates(caseFile: CaseFile, assessmentDate: string, repeatMaracMonths: number): string[] {
  if (caseFile.context?.newIncident === false) return [];
  return (caseFile.context?.previousMaracDates ?? []).filter((date) =>
    isWithinMonthsBefore(date, assessmentDate, repeatMaracMonths),
  );
}

export function decideMarac(caseFile: CaseFile, inputs: MaracInputs): MaracOutcome {
  const { escalations, judgement, assessmentDate, policy } = inputs;
  const reasons: MaracOutcome["reasons"] = [];
  const add = (criterion: MaracCriterion, reason: string, evidence: string[]) =>
    reasons.push({ criterion, reason, evidence });

  const visible = escalations.find((e) => e.rule === "visible-high-risk");
  if (visible) add("visible-high-risk", visible.reason, visible.evidence);

  const rules = escalations.filter((e) => e.to === "high" && ESCALATION_RULES_FOR_CRITERION.has(e.rule));
  if (rules.length) {
    add(
      "escalation-rule",
      `High risk by the rule floor: ${rules.map((e) => labelForFloorRule(e.rule)).join(", ")}.`,
      rules.flatMap((e) => e.evidence),
    );
  }
  if (judgement.applied && judgement.level === "high") {
    add(
      "professional-judgement",
      `The assessor's professional judgement is high risk: ${judgement.rationale ?? ""}`.trim(),
      ["professionalJudgement"],
    );
  }
  const carried = escalations.find((e) => e.rule === "carry-forward" && e.to === "high");
  if (carried) add("carried-forward", carried.reason, carried.evidence);

  const callouts = caseFile.context?.policeCallouts12m;
  if (callouts !== undefined && callouts >= policy.potentialEscalationCallouts) {
    add(
      "potential-escalation",
      `${callouts} domestic-abuse police call-outs in the last 12 months (local threshold ${policy.potentialEscalationCallouts}): potential escalation, whatever the checklist score.`,
      ["context.policeCallouts12m"],
    );
  }
  const repeats = repeatMaracDates(caseFile, assessmentDate, policy.repeatMaracMonths);
  if (repeats.length) {
    add(
      "repeat",
      `A new incident within ${policy.repeatMaracMonths} months of a MARAC hearing (${repeats.join(", ")}): this is a repeat MARAC case and goes back to MARAC whatever the level.`,
      ["context.previousMaracDates"],
    );
  }
  return {
    // Every route to high adds a criterion above; call-outs and repeats refer at any level.
    refer: reasons.length > 0,
    repeat: repeats.length > 0,
    criteria: reasons.map((r) => r.criterion),
    reasons,
  };
}
