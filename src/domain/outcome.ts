import type { BragColour, RiskLevel } from "./answers";
import type { FloorRule } from "./policy";

// The outcome (interchange contract, version 1). Every decision carries its reasons and the
// evidence that produced it, so a referral pack, a MARAC chair or a reviewer can see why.

export interface Escalation {
  rule: FloorRule;
  to: RiskLevel;
  reason: string;
  evidence: string[];
}

export interface Score {
  yes: number;
  no: number;
  notKnown: number;
  notAsked: number;
  total: number;
  potentialYes: number;
}

export interface ProfessionalJudgementOutcome {
  applied: boolean;
  level?: RiskLevel;
  rationale?: string;
  refusedBecause?: string;
}

export interface BragJudgementOutcome {
  applied: boolean;
  colour?: BragColour;
  rationale?: string;
  refusedBecause?: string;
}

export const MARAC_CRITERIA = [
  "visible-high-risk",
  "escalation-rule",
  "professional-judgement",
  "carried-forward",
  "potential-escalation",
  "repeat",
] as const;
export type MaracCriterion = (typeof MARAC_CRITERIA)[number];

export interface MaracOutcome {
  refer: boolean;
  repeat: boolean;
  criteria: MaracCriterion[];
  /** One plain-English reason per criterion met, with its evidence. */
  reasons: { criterion: MaracCriterion; reason: string; evidence: string[] }[];
}

export type S42Decision = "refer" | "not-met" | "insufficient-information" | "not-assessed";
export type TestAnswer = "yes" | "no" | "not-known";

export interface S42Outcome {
  decision: S42Decision;
  tests: { needs: TestAnswer; abuseOrNeglect: TestAnswer; unableToProtectSelf: TestAnswer };
  reasons: string[];
  evidence: string[];
  /** Recorded for the referral, never part of the test. */
  capacity?: string;
}

export const PATHWAYS = ["marac", "s42", "marm", "childrens-services", "idva", "stalking-advocacy"] as const;
export type PathwayName = (typeof PATHWAYS)[number];
export type PathwayDecision = "refer" | "consider" | "not-met";

export interface PathwayOutcome {
  pathway: PathwayName;
  decision: PathwayDecision;
  reasons: string[];
  evidence: string[];
}

export interface TimelineStage {
  stage: number;
  name: string;
  indicators: string[];
}

export interface Warning {
  code: string;
  message: string;
  evidence?: string[];
}

export interface MissingInformation {
  field: string;
  why: string;
}

export interface Outcome {
  schemaVersion: 1;
  caseId?: string;
  policy: { name: string; version: number };
  questionSet: { id: string; version: number };
  assessmentDate: string;
  riskLevel: RiskLevel;
  provisional: boolean;
  score: Score;
  scoreBand: RiskLevel;
  ruleFloor: RiskLevel;
  escalations: Escalation[];
  professionalJudgement: ProfessionalJudgementOutcome;
  bragJudgement: BragJudgementOutcome;
  brag: BragColour;
  computedBrag: BragColour;
  vulnerability: { present: boolean; factors: { factor: string; evidence: string[] }[] };
  marac: MaracOutcome;
  s42: S42Outcome;
  pathways: PathwayOutcome[];
  timeline: { stages: TimelineStage[]; highestStage: number | null };
  reviewBy: string;
  warnings: Warning[];
  missingInformation: MissingInformation[];
  nonDisclosure: string[];
}

/** Warning codes fixed by the interchange contract (case-format.md). */
export const CONTRACT_WARNING_CODES = [
  "unknown-not-no",
  "not-safe-to-ask",
  "previous-level-carried-forward",
  "risk-decreased-since-last-assessment",
  "order-expired-recently",
  "brag-judgement-cannot-lower",
  "honour-based-abuse",
  "could-be-high-when-unknowns-resolved",
  "perpetrator-checks-pending",
  "retraction-does-not-lower-risk",
  "judgement-cannot-lower",
  "repeat-marac",
  "moved-area",
  "children-at-risk",
  "risk-increased-since-last-assessment",
  "order-expiring",
  "order-does-not-lower-risk",
] as const;

/** Codes this project adds where the spec is silent (docs/decisions.md, section 2). */
export const PRACTICE_WARNING_CODES = [
  "key-question-unresolved",
  "history-answered-without-checks",
  "stalking-questions-not-asked",
  "hbv-questions-not-asked",
  "timeline-progression",
  "victim-suicide-risk",
  "risk-of-place",
  "capacity-is-not-the-test",
  "exploitation-is-abuse",
] as const;
