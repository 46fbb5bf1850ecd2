// Shared test helper (not a test file): a review input built from a real, validated case file and
// the engine's own outcome, plus case details that meet every checklist item by default.
import { assessCase } from "../../assess";
import { emptyCaseDetails, type CaseDetails } from "../../case-record/case-details";
import { buildCase, type CaseOptions } from "../../__tests__/case-builder";
import { SUPPLEMENTARY_QUESTIONS } from "../../question-sets/question-set-registry";
import type { ReviewInput } from "../quality-checklist";

export const TIMELINE_IDS = SUPPLEMENTARY_QUESTIONS.filter((question) => question.section === "timeline").map(
  (question) => question.id,
);

/** Details that meet every details-based item: safe contact, consent, history checked. */
export function goodDetails(overrides: Partial<CaseDetails> = {}): CaseDetails {
  return {
    ...emptyCaseDetails(),
    victim: {
      name: "Test Person",
      safeContact: { phone: "07700 900000", safeToCall: "yes", safeTimes: "weekdays 10 to 2" },
    },
    perpetrator: { historyChecks: "done" },
    consent: { status: "given" },
    ...overrides,
  };
}

/** Timeline questions all answered "no", children and pregnancy recorded. */
export function goodCaseOptions(options: CaseOptions = {}): CaseOptions {
  return {
    ...options,
    answers: { ...Object.fromEntries(TIMELINE_IDS.map((id) => [id, "no"])), ...options.answers },
    context: { children: [], pregnant: "no", ...options.context },
  };
}

export function reviewInput(options: CaseOptions = {}, details: CaseDetails = goodDetails()): ReviewInput {
  const caseFile = buildCase(goodCaseOptions(options));
  return { details, caseFile, outcome: assessCase(caseFile) };
}

export function noAssessment(details: CaseDetails = goodDetails()): ReviewInput {
  return { details, caseFile: null, outcome: null };
}
