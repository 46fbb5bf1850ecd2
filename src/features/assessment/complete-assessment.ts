// "Complete assessment": what must hold before anything is written, then the completion itself
// (the outcome, the screen notes and the review figures, stored with the case file).
import type { CaseFile } from "../../domain/case-file";
import { notSafeCodesAtCompletion, withNotSafeCodes } from "../../domain/certainty/not-safe-summary";
import { readCaseDetails } from "../../domain/case-record/case-details";
import type { Outcome } from "../../domain/outcome";
import type { Policy } from "../../domain/policy";
import { QUESTION_SETS } from "../../domain/question-sets/question-set-registry";
import { reviewSummaryAtCompletion } from "../../domain/review/review-flags";
import type { ValidationIssue } from "../../domain/validation-issues";
import type { VaultSession } from "../../storage/vault-session";
import {
  assessDraft,
  bragPending,
  judgementPending,
  screenNotesOf,
  unansweredQuestionIds,
  type AssessmentDraft,
  type CaseFileExtras,
} from "./assessment-draft";
import type { CompletedAssessment } from "./assessment-records";
import { assessmentDateOf, FACT_PAGES, factEntriesOf, factIssues } from "./context-facts";

const UNFINISHED_JUDGEMENT = "Your professional judgement is not finished: complete it or remove it";
const UNFINISHED_BRAG = "Your BRAG colour is not finished: complete it or remove it";
const UNFINISHED_FACTS = "an entry cannot be recorded as it is: change it or remove it";
export const UNANSWERED_REASON_NEEDED = "Say why some questions were not answered";
export const COMPLETION_NOT_SAVED = "The assessment could not be saved. Try again.";

export type CompletionCheck =
  { ok: true; caseFile: CaseFile; outcome: Outcome } | { ok: false; issues: ValidationIssue[] };

/** The case file and outcome to complete with, or the issues to show on check your answers. */
export function checkCompletion(draft: AssessmentDraft, extras: CaseFileExtras, policy: Policy): CompletionCheck {
  // An unfinished judgement or BRAG colour is never dropped silently, nor completed as it is.
  const unfinished: ValidationIssue[] = [
    ...(judgementPending(draft) ? [{ path: "professionalJudgement", message: UNFINISHED_JUDGEMENT }] : []),
    ...(bragPending(draft) ? [{ path: "bragJudgement", message: UNFINISHED_BRAG }] : []),
    // A fact typed but not recordable (a half-typed date, "3a" call-outs) would otherwise be left out unseen.
    ...unfinishedFactPages(draft).map((page) => ({ path: `facts.${page}`, message: UNFINISHED_FACTS })),
  ];
  // An unanswered question is never left to read as "no": completing with any asks why.
  const reasonNeeded: ValidationIssue[] =
    unansweredQuestionIds(draft).length > 0 && draft.unansweredReason === undefined
      ? [{ path: "unansweredReason", message: UNANSWERED_REASON_NEEDED }]
      : [];
  if (unfinished.length > 0) return { ok: false, issues: [...unfinished, ...reasonNeeded] };
  const assessed = assessDraft(draft, extras, policy);
  if (!assessed.ok) return { ok: false, issues: [...assessed.issues, ...reasonNeeded] };
  return reasonNeeded.length > 0 ? { ok: false, issues: reasonNeeded } : assessed;
}

function unfinishedFactPages(draft: AssessmentDraft): string[] {
  const issues = factIssues(factEntriesOf(draft), assessmentDateOf(draft));
  return FACT_PAGES.filter((page) => issues.some((issue) => issue.page === page));
}

export interface Completion {
  session: VaultSession;
  caseId: string;
  assessmentId: string;
  draft: AssessmentDraft;
  caseFile: CaseFile;
  outcome: Outcome;
  policy: Policy;
  /** Writes the draft one last time (the row must exist before it is completed) and stops autosaving. */
  saveAndStop: (draft: AssessmentDraft) => Promise<void>;
}

/** Stores the completion; rejects if it could not be written. */
export async function storeCompletion({
  session,
  caseId,
  assessmentId,
  draft,
  caseFile,
  outcome,
  policy,
  saveAndStop,
}: Completion): Promise<CompletedAssessment> {
  const set = QUESTION_SETS[caseFile.questionSet];
  await saveAndStop(draft);
  const notes = screenNotesOf(draft);
  const summary = await session.completeAssessment({
    id: assessmentId,
    content: caseFile,
    outcome,
    riskLevel: outcome.riskLevel,
    caseSummary: await reviewFieldsAtCompletion(session, caseId, caseFile, outcome, notes?.returnOn),
    ...(notes === undefined ? {} : { notes }),
  });
  return {
    id: assessmentId,
    completedAt: summary.assessedAt ?? new Date().toISOString(),
    caseFile,
    outcome,
    policyName: policy.name,
    policyVersion: String(policy.version),
    questionSetVersion: String(set.version),
    notes,
  };
}

/**
 * The clear figures the manager's dashboard reads (flags such as marac-required, quality score,
 * role, agency), written in the same transaction as the completion. The case's details and
 * current flags are read fresh (flags set since, such as marac-sent, are kept). If the case cannot
 * be read, the flags are still computed (quality score null) rather than the completion failing.
 * The draft's "not safe to ask" codes give way to the completed level; only the date to come back
 * by stays, while it was not safe to ask (the case list and dashboard keep showing it).
 */
async function reviewFieldsAtCompletion(
  session: VaultSession,
  caseId: string,
  caseFile: CaseFile,
  outcome: Outcome,
  returnOn: string | undefined,
) {
  const caseRecord = await session.getCase(caseId).catch(() => null);
  const details = caseRecord === null ? null : readCaseDetails(caseRecord.details);
  const fields = reviewSummaryAtCompletion({ caseFile, outcome, details }, caseRecord?.flags ?? []);
  return { ...fields, flags: withNotSafeCodes(fields.flags, notSafeCodesAtCompletion(caseFile, returnOn)) };
}
