// The vocabulary every rule shares. Kept tiny and dependency-free so the rules read like the spec.

export const ANSWER_VALUES = ["yes", "no", "not-known"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const ANSWER_SOURCES = ["victim", "observed", "records", "third-party"] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

export const RISK_LEVELS = ["standard", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const BRAG_COLOURS = ["blue", "green", "amber", "red"] as const;
export type BragColour = (typeof BRAG_COLOURS)[number];

export const ASSESSOR_ROLES = [
  "police",
  "idva",
  "drug-alcohol-service",
  "adult-social-care",
  "childrens-services",
  "health",
  "housing",
  "probation",
  "other",
] as const;
export type AssessorRole = (typeof ASSESSOR_ROLES)[number];

/** How each role is written for people: on screens, in packs and in the review. */
export const ASSESSOR_ROLE_LABELS: Record<AssessorRole, string> = {
  police: "Police",
  idva: "IDVA",
  "drug-alcohol-service": "Drug and alcohol service",
  "adult-social-care": "Adult social care",
  "childrens-services": "Children's services",
  health: "Health",
  housing: "Housing",
  probation: "Probation",
  other: "Other",
};

export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function higherRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskRank(a) >= riskRank(b) ? a : b;
}

export function bragRank(colour: BragColour): number {
  return BRAG_COLOURS.indexOf(colour);
}
