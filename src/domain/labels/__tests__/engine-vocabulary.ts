// Everything the engine can emit that a screen or pack prints: gathered from the contract's lists,
// the question sets, and by running the engine over the 24 shared scenarios plus generated cases.
// Shared by the label tests and by screen tests that want the same coverage.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCase } from "../../../../scripts/generate-cases.mjs";
import { assessCase } from "../../assess";
import {
  CARE_NEEDS_KINDS,
  CONTEXT_FIELDS,
  EXPLOITATION_TAGS,
  PERPETRATOR_HISTORY_TAGS,
  SUBSTANCE_USE_TAGS,
  validateCaseFile,
  type CaseFile,
} from "../../case-file";
import { CONTRACT_WARNING_CODES, PRACTICE_WARNING_CODES, type Outcome } from "../../outcome";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile } from "../../policy";
import { CONTEXT_PROMPT_FIELDS } from "../../question-sets/context-prompts";
import { DASH_QUESTIONS } from "../../question-sets/dash-questions";
import { SUPPLEMENTARY_QUESTIONS } from "../../question-sets/question-set-registry";

const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../shared/scenarios");

export interface AssessedCase {
  name: string;
  caseFile: CaseFile;
  outcome: Outcome;
}

/** The valid shared scenarios (the ones that expect an error are left out), each assessed. */
export function assessedScenarios(): AssessedCase[] {
  if (!existsSync(SCENARIO_DIR)) throw new Error(`shared scenarios not found at ${SCENARIO_DIR}`);
  const cases: AssessedCase[] = [];
  for (const file of readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, file), "utf8")) as {
      case?: unknown;
      policy?: unknown;
    };
    const raw = typeof scenario.case === "string" ? JSON.parse(scenario.case) : scenario.case;
    const validation = validateCaseFile(raw);
    if (!validation.ok) continue;
    // A scenario whose policy is refused (it tests the refusal) runs under the default policy.
    const parsedPolicy = scenario.policy === undefined ? undefined : policyFileSchema.safeParse(scenario.policy);
    const policy = parsedPolicy?.success ? policyFromFile(parsedPolicy.data) : DEFAULT_POLICY;
    cases.push({ name: file, caseFile: validation.caseFile, outcome: assessCase(validation.caseFile, policy) });
  }
  return cases;
}

/** Generated cases (the property tests' generator), each assessed. */
export function assessedGeneratedCases(count: number, firstSeed = 1): AssessedCase[] {
  const cases: AssessedCase[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed += 1) {
    const validation = validateCaseFile(generateCase(seed));
    if (!validation.ok) throw new Error(`generated case ${seed} is invalid`);
    cases.push({ name: `generated ${seed}`, caseFile: validation.caseFile, outcome: assessCase(validation.caseFile) });
  }
  return cases;
}

/** Every evidence name an outcome carries, wherever it appears. */
export function evidenceOf(outcome: Outcome): string[] {
  return [
    ...outcome.escalations.flatMap((escalation) => escalation.evidence),
    ...outcome.marac.reasons.flatMap((reason) => reason.evidence),
    ...outcome.s42.evidence,
    ...outcome.pathways.flatMap((pathway) => pathway.evidence),
    ...outcome.timeline.stages.flatMap((stage) => stage.indicators),
    ...outcome.warnings.flatMap((warning) => warning.evidence ?? []),
    ...outcome.vulnerability.factors.flatMap((factor) => [factor.factor, ...factor.evidence]),
    ...outcome.nonDisclosure,
  ];
}

/** Paths the contract and the question sets name, whether or not a run emits them. */
export function specPaths(): string[] {
  const list = (field: string, count = 3) => Array.from({ length: count }, (_, i) => `context.${field}[${i}]`);
  return [
    ...DASH_QUESTIONS.map((question) => question.id),
    ...DASH_QUESTIONS.map((question) => `answers.${question.id}`),
    ...SUPPLEMENTARY_QUESTIONS.map((question) => question.id),
    ...SUPPLEMENTARY_QUESTIONS.map((question) => `answers.${question.id}`),
    ...CONTEXT_FIELDS.map((field) => `context.${field}`),
    ...CONTEXT_PROMPT_FIELDS,
    ...PERPETRATOR_HISTORY_TAGS.map((tag) => `context.perpetratorHistory.${tag}`),
    ...EXPLOITATION_TAGS.map((tag) => `context.exploitation.${tag}`),
    ...SUBSTANCE_USE_TAGS.map((tag) => `context.substanceUse.${tag}`),
    ...CARE_NEEDS_KINDS.map((kind) => `context.careAndSupport.needsKinds.${kind}`),
    ...["needs", "abuseOrNeglect", "unableToProtectSelf", "capacity", "rationale"].map(
      (field) => `context.careAndSupport.${field}`,
    ),
    "context.separation.date",
    "context.separation.status",
    ...list("protectiveOrders"),
    ...["type", "granted", "expires"].map((field) => `context.protectiveOrders[0].${field}`),
    ...list("children"),
    "context.children[0].age",
    "context.children[0].relationshipToPerpetrator",
    ...list("previousMaracDates"),
    ...list("safeguardingConcerns"),
    "context.safeguardingConcerns[0].date",
    "context.safeguardingConcerns[0].agency",
    "previousAssessments[0]",
    "previousAssessments[1]",
    "professionalJudgement",
    "bragJudgement",
    "safeToAsk",
  ];
}

export const ALL_WARNING_CODES: readonly string[] = [...CONTRACT_WARNING_CODES, ...PRACTICE_WARNING_CODES];
