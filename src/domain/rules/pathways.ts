import type { RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import {
  answeredIds,
  childrenEvidence,
  childrenHarmedEvidence,
  isYes,
  pregnancyEvidence,
  separationEvidence,
} from "../case-facts";
import type { MaracOutcome, PathwayOutcome, S42Outcome } from "../outcome";
import type { PresentFactor } from "./brag";
import { questionById } from "../question-sets/question-set-registry";

// Every pathway is decided and reported, with reasons: a MARAC referral never stands in for an
// s42 one (or the reverse), and a "not met" is as visible as a "refer".

export function maracPathway(marac: MaracOutcome): PathwayOutcome {
  return marac.refer
    ? {
        pathway: "marac",
        decision: "refer",
        reasons: marac.reasons.map((r) => r.reason),
        evidence: marac.reasons.flatMap((r) => r.evidence),
      }
    : {
        pathway: "marac",
        decision: "not-met",
        reasons: ["No MARAC criterion is met: not high risk, no potential escalation, not a repeat."],
        evidence: [],
      };
}

export function s42Pathway(s42: S42Outcome, vulnerability: readonly PresentFactor[]): PathwayOutcome {
  const base = { pathway: "s42" as const, evidence: s42.evidence };
  switch (s42.decision) {
    case "refer":
      return { ...base, decision: "refer", reasons: s42.reasons };
    case "insufficient-information":
      return { ...base, decision: "consider", reasons: s42.reasons };
    case "not-met":
      return { ...base, decision: "not-met", reasons: s42.reasons };
    case "not-assessed":
      return vulnerability.length
        ? {
            pathway: "s42",
            decision: "consider",
            reasons: [
              `Vulnerability factors are present (${vulnerability.map((f) => questionById(f.factor)?.riskFactor.toLowerCase() ?? f.factor).join("; ")}) but care and support needs were not assessed: consider whether the s42 test is met.`,
            ],
            evidence: vulnerability.flatMap((f) => f.evidence),
          }
        : { ...base, decision: "not-met", reasons: s42.reasons };
  }
}

/** MARM: for adults at risk who fall short of s42, when vulnerability and medium or high risk meet. */
export function marmPathway(
  s42: S42Outcome,
  vulnerability: readonly PresentFactor[],
  level: RiskLevel,
): PathwayOutcome {
  if ((s42.decision === "not-met" || s42.decision === "not-assessed") && vulnerability.length && level !== "standard") {
    return {
      pathway: "marm",
      decision: "consider",
      reasons: [
        `The adult is vulnerable (${vulnerability.map((f) => questionById(f.factor)?.riskFactor.toLowerCase() ?? f.factor).join("; ")}) and at ${level} risk, but the s42 test is ${s42.decision === "not-met" ? "not met" : "not assessed"}: consider a multi-agency risk management (MARM) meeting.`,
      ],
      evidence: vulnerability.flatMap((f) => f.evidence),
    };
  }
  return {
    pathway: "marm",
    decision: "not-met",
    reasons: [
      "MARM is for vulnerable adults at medium or high risk who do not meet the s42 test; that is not the case here.",
    ],
    evidence: [],
  };
}

export function childrensServicesPathway(caseFile: CaseFile, level: RiskLevel): PathwayOutcome {
  const harmed = childrenHarmedEvidence(caseFile);
  const present = [...childrenEvidence(caseFile), ...pregnancyEvidence(caseFile)];
  if (harmed.length) {
    return {
      pathway: "childrens-services",
      decision: "refer",
      reasons: ["The perpetrator has hurt or threatened the children or dependants: refer to children's services now."],
      evidence: [...harmed, ...present],
    };
  }
  if (present.length && level !== "standard") {
    return {
      pathway: "childrens-services",
      decision: "refer",
      reasons: [
        `Children are in the household or the victim is pregnant, and the risk is ${level}: refer to children's services.`,
      ],
      evidence: present,
    };
  }
  if (present.length) {
    return {
      pathway: "childrens-services",
      decision: "consider",
      reasons: [
        "Children are in the household or the victim is pregnant: consider children's services and share the assessment.",
      ],
      evidence: present,
    };
  }
  return {
    pathway: "childrens-services",
    decision: "not-met",
    reasons: ["No children or pregnancy recorded."],
    evidence: [],
  };
}

export function idvaPathway(level: RiskLevel): PathwayOutcome {
  if (level === "high") {
    return {
      pathway: "idva",
      decision: "refer",
      reasons: ["High risk: refer to an independent domestic violence adviser (IDVA)."],
      evidence: [],
    };
  }
  if (level === "medium") {
    return {
      pathway: "idva",
      decision: "consider",
      reasons: ["Medium risk: consider IDVA or outreach support."],
      evidence: [],
    };
  }
  return {
    pathway: "idva",
    decision: "not-met",
    reasons: ["Standard risk: give information about local support services."],
    evidence: [],
  };
}

export function stalkingAdvocacyPathway(caseFile: CaseFile): PathwayOutcome {
  const stalking = isYes(caseFile, "dash.stalking");
  const separation = separationEvidence(caseFile);
  const supplementary = answeredIds(caseFile, "stalking.").filter((id) => isYes(caseFile, id));
  if (stalking && separation.length) {
    return {
      pathway: "stalking-advocacy",
      decision: "refer",
      reasons: ["Stalking or harassment together with separation: refer to a specialist stalking advocate."],
      evidence: ["dash.stalking", ...separation, ...supplementary],
    };
  }
  if (stalking || supplementary.length) {
    return {
      pathway: "stalking-advocacy",
      decision: "consider",
      reasons: ["Stalking or harassment behaviours are present: consider a specialist stalking advocate."],
      evidence: [...(stalking ? ["dash.stalking"] : []), ...supplementary],
    };
  }
  return {
    pathway: "stalking-advocacy",
    decision: "not-met",
    reasons: ["No stalking or harassment recorded."],
    evidence: [],
  };
}
