import { higherRisk, type RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { isYes, pregnancyEvidence, yesIds } from "../case-facts";
import type { Escalation } from "../outcome";
import { isRuleEnabled, type Policy } from "../policy";

// The rule floor: escalations no one can argue down. Each rule is a named function returning its
// escalation (with plain-English reason and evidence) or null. Reviews behind them: strangulation
// and threats to kill were scored "medium" again and again before a killing.

type FloorRuleCheck = (caseFile: CaseFile, dashYesIds: readonly string[], policy: Policy) => Escalation | null;

export const strangulationRule: FloorRuleCheck = (caseFile) =>
  isYes(caseFile, "dash.strangulation")
    ? {
        rule: "strangulation",
        to: "high",
        reason:
          "The perpetrator has tried to strangle, choke, suffocate or drown the victim. Non-fatal strangulation is one of the strongest warning signs of homicide, so the risk is high whatever the score.",
        evidence: ["dash.strangulation"],
      }
    : null;

export const threatsToKillRule: FloorRuleCheck = (caseFile) => {
  const evidence: string[] = [];
  if (isYes(caseFile, "dash.threats-to-kill")) evidence.push("dash.threats-to-kill");
  if (caseFile.context?.perpetratorHistory?.includes("threats-to-kill-others")) {
    evidence.push("context.perpetratorHistory.threats-to-kill-others");
  }
  if (!evidence.length) return null;
  return {
    rule: "threats-to-kill",
    to: "high",
    reason:
      evidence[0] === "dash.threats-to-kill"
        ? "The perpetrator has threatened to kill the victim or someone else, and the victim believes it. A believed threat to kill means high risk whatever the score."
        : "The perpetrator's history includes threats to kill others. Threats to kill mean high risk whatever the score.",
    evidence,
  };
};

export const visibleHighRiskRule: FloorRuleCheck = (_caseFile, dashYesIds, policy) =>
  dashYesIds.length >= policy.highRiskYesCount
    ? {
        rule: "visible-high-risk",
        to: "high",
        reason: `${dashYesIds.length} risk factors were answered yes, at or above the high-risk threshold of ${policy.highRiskYesCount} (visible high risk).`,
        evidence: [...dashYesIds],
      }
    : null;

export const separationAndStalkingRule: FloorRuleCheck = (caseFile) =>
  isYes(caseFile, "dash.separation") && isYes(caseFile, "dash.stalking")
    ? {
        rule: "separation-and-stalking",
        to: "high",
        reason:
          "The victim has separated or tried to separate and the perpetrator is stalking or harassing them. Stalking after separation often comes before a killing.",
        evidence: ["dash.separation", "dash.stalking"],
      }
    : null;

export const weaponsAndEscalationRule: FloorRuleCheck = (caseFile) => {
  const escalating = yesIds(caseFile, ["dash.more-often", "dash.getting-worse"]);
  return isYes(caseFile, "dash.weapons") && escalating.length
    ? {
        rule: "weapons-and-escalation",
        to: "high",
        reason:
          "The perpetrator has used weapons or objects to hurt the victim and the abuse is escalating (more often or getting worse).",
        evidence: ["dash.weapons", ...escalating],
      }
    : null;
};

export const childrenThreatenedRule: FloorRuleCheck = (caseFile) => {
  const evidence = yesIds(caseFile, ["dash.threatened-children", "dash.hurt-children"]);
  return evidence.length
    ? {
        rule: "children-threatened",
        to: "high",
        reason: "The perpetrator has hurt or threatened to hurt or kill the children or dependants.",
        evidence,
      }
    : null;
};

export const PLANNING_INDICATOR_IDS = [
  "timeline.acquiring-weapons",
  "timeline.reconnaissance",
  "timeline.getting-victim-alone",
] as const;

export const planningIndicatorsRule: FloorRuleCheck = (caseFile) => {
  const evidence = yesIds(caseFile, PLANNING_INDICATOR_IDS);
  return evidence.length
    ? {
        rule: "planning-indicators",
        to: "high",
        reason:
          "There are signs of planning (acquiring weapons, watching the victim's movements or trying to get the victim alone). Act now: this is the planning stage of the homicide timeline.",
        evidence,
      }
    : null;
};

export const hbvThreatsRule: FloorRuleCheck = (caseFile) => {
  const evidence = yesIds(caseFile, ["hbv.family-threats", "hbv.multiple-perpetrators"]);
  return evidence.length
    ? {
        rule: "hbv-threats",
        to: "high",
        reason:
          "There are threats from family members, or several family or community members are involved: honour-based abuse with more than one perpetrator is high risk.",
        evidence,
      }
    : null;
};

export const pregnancyAndViolenceRule: FloorRuleCheck = (caseFile) => {
  const pregnancy = pregnancyEvidence(caseFile);
  return pregnancy.length && isYes(caseFile, "dash.injury")
    ? {
        rule: "pregnancy-and-violence",
        to: "medium",
        reason:
          "The victim is pregnant (or recently had a baby) and this incident caused an injury: violence in pregnancy raises the risk to at least medium.",
        evidence: [...pregnancy, "dash.injury"],
      }
    : null;
};

/** The floor rules in the order they are reported; carry-forward is applied separately. */
export const FLOOR_RULE_CHECKS = [
  ["strangulation", strangulationRule],
  ["threats-to-kill", threatsToKillRule],
  ["visible-high-risk", visibleHighRiskRule],
  ["separation-and-stalking", separationAndStalkingRule],
  ["weapons-and-escalation", weaponsAndEscalationRule],
  ["children-threatened", childrenThreatenedRule],
  ["planning-indicators", planningIndicatorsRule],
  ["hbv-threats", hbvThreatsRule],
  ["pregnancy-and-violence", pregnancyAndViolenceRule],
] as const;

/** Every enabled floor rule that fires (locked rules always run). */
export function applyFloorRules(caseFile: CaseFile, dashYesIds: readonly string[], policy: Policy): Escalation[] {
  const escalations: Escalation[] = [];
  for (const [rule, check] of FLOOR_RULE_CHECKS) {
    if (!isRuleEnabled(policy, rule)) continue;
    const escalation = check(caseFile, dashYesIds, policy);
    if (escalation) escalations.push(escalation);
  }
  return escalations;
}

export function floorLevel(escalations: readonly Escalation[]): RiskLevel {
  return escalations.reduce<RiskLevel>((level, e) => higherRisk(level, e.to), "standard");
}
