// Shared test helper (not a test file): builds valid case files for the domain tests.
//
// buildCase() starts from a plain dash-ric-24 case: all 24 questions answered "no", assessed on
// 2024-03-10 (21:00 UTC, which is also 2024-03-10 in London), by the police, safe to ask, and
// perpetratorChecks not set. Every case goes through validateCaseFile and the helper throws if
// it is invalid, so a test can never run on an invalid case by accident.
import { assessCase } from "../assess";
import { validateCaseFile, type AnswerEntry, type CaseContext, type CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy, type PolicyFile } from "../policy";
import { dashIdsFor, type QuestionSetId } from "../question-sets/question-set-registry";
import { describeIssues } from "../validation-issues";

export const ASSESSED_AT = "2024-03-10T21:00:00Z";
/** The Europe/London calendar date of ASSESSED_AT. */
export const ASSESSMENT_DATE = "2024-03-10";

/** Answer overrides: an entry set to `undefined` removes the question (it becomes "not asked"). */
export type AnswerOverrides = Record<string, AnswerEntry | undefined>;

export interface CaseOptions {
  questionSet?: QuestionSetId;
  /** Starting answers: every question of the DASH set "no" (default), or none at all. */
  base?: "all-no" | "empty";
  answers?: AnswerOverrides;
  context?: CaseContext;
  assessedAt?: string;
  role?: CaseFile["assessor"]["role"];
  safeToAsk?: CaseFile["safeToAsk"];
  caseId?: string;
  professionalJudgement?: CaseFile["professionalJudgement"];
  bragJudgement?: CaseFile["bragJudgement"];
  previousAssessments?: CaseFile["previousAssessments"];
}

/**
 * DASH ids for building a yes-count. The first 15 are read by no floor rule, pathway trigger or
 * timeline trigger that could change a level (no stalking, weapons, threats to kill,
 * strangulation, pregnancy, separation or child questions), so yesCount(n ≤ 15) reaches a score
 * band without setting off anything else. The last four only matter in combination
 * (injury + pregnancy, separation + stalking, more-often / getting-worse + weapons).
 */
export const NEUTRAL_DASH_IDS = [
  "dash.very-frightened",
  "dash.afraid-of-harm",
  "dash.isolated",
  "dash.depressed-suicidal",
  "dash.child-contact-conflict",
  "dash.controlling-jealous",
  "dash.sexual-abuse",
  "dash.other-threatening-person",
  "dash.hurt-others",
  "dash.animal-cruelty",
  "dash.financial",
  "dash.perp-substance-mental-health",
  "dash.perp-suicide",
  "dash.breach",
  "dash.criminal-history",
  "dash.injury",
  "dash.separation",
  "dash.more-often",
  "dash.getting-worse",
] as const;

/** The case as plain JSON, before validation (for validation tests that break it on purpose). */
export function rawCase(options: CaseOptions = {}): Record<string, unknown> {
  const questionSet = options.questionSet ?? "dash-ric-24";
  const answers: Record<string, AnswerEntry> = {};
  if ((options.base ?? "all-no") === "all-no") for (const id of dashIdsFor(questionSet)) answers[id] = "no";
  for (const [id, entry] of Object.entries(options.answers ?? {})) {
    if (entry === undefined) delete answers[id];
    else answers[id] = entry;
  }
  const file: Record<string, unknown> = {
    schemaVersion: 1,
    assessedAt: options.assessedAt ?? ASSESSED_AT,
    assessor: { role: options.role ?? "police" },
    questionSet,
    safeToAsk: options.safeToAsk ?? "yes",
    answers,
  };
  if (options.caseId !== undefined) file.caseId = options.caseId;
  if (options.context !== undefined) file.context = options.context;
  if (options.professionalJudgement !== undefined) file.professionalJudgement = options.professionalJudgement;
  if (options.bragJudgement !== undefined) file.bragJudgement = options.bragJudgement;
  if (options.previousAssessments !== undefined) file.previousAssessments = options.previousAssessments;
  return file;
}

/** Validates any input and returns the case file, or throws naming every problem. */
export function validCase(input: unknown): CaseFile {
  const result = validateCaseFile(input);
  if (!result.ok) throw new Error(`test built an invalid case file:\n${describeIssues(result.issues)}`);
  return result.caseFile;
}

/** A validated case file (throws if the options make it invalid). */
export function buildCase(options: CaseOptions = {}): CaseFile {
  return validCase(rawCase(options));
}

/** Builds the case and runs the engine on it. */
export function assessBuilt(options: CaseOptions = {}, policy: Policy = DEFAULT_POLICY): Outcome {
  return assessCase(buildCase(options), policy);
}

function answersOf(value: AnswerEntry | undefined, ids: readonly string[]): AnswerOverrides {
  return Object.fromEntries(ids.map((id) => [id, value]));
}

export const withYes = (...ids: string[]): AnswerOverrides => answersOf("yes", ids);
export const withNo = (...ids: string[]): AnswerOverrides => answersOf("no", ids);
export const withNotKnown = (...ids: string[]): AnswerOverrides => answersOf("not-known", ids);
/** Removes the questions from the answers: they become "not asked". */
export const notAsked = (...ids: string[]): AnswerOverrides => answersOf(undefined, ids);

/** Yes to the first `count` neutral DASH ids (see NEUTRAL_DASH_IDS). */
export function yesCount(count: number): AnswerOverrides {
  if (count > NEUTRAL_DASH_IDS.length) throw new Error(`only ${NEUTRAL_DASH_IDS.length} neutral ids`);
  return withYes(...NEUTRAL_DASH_IDS.slice(0, count));
}

/** The chosen DASH set's ids answered yes, as assessCase computes them for the floor rules. */
export function dashYesIdsOf(caseFile: CaseFile): string[] {
  return dashIdsFor(caseFile.questionSet).filter((id) => {
    const entry = caseFile.answers[id];
    return (typeof entry === "string" ? entry : entry?.answer) === "yes";
  });
}

/** A policy validated through policyFileSchema and merged over the default. */
export function policyWith(overrides: Omit<Partial<PolicyFile>, "name" | "version"> = {}): Policy {
  return policyFromFile(policyFileSchema.parse({ name: "test-policy", version: 1, ...overrides }));
}

export function warningCodes(outcome: Outcome): string[] {
  return outcome.warnings.map((w) => w.code);
}

export function missingFields(outcome: Outcome): string[] {
  return outcome.missingInformation.map((m) => m.field);
}

export function pathwayOf(outcome: Outcome, pathway: Outcome["pathways"][number]["pathway"]) {
  const found = outcome.pathways.find((p) => p.pathway === pathway);
  if (!found) throw new Error(`pathway ${pathway} missing from the outcome`);
  return found;
}
