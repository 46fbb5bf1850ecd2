// Test helper (not a test file): a vault session with a case, drafts seeded on a chosen page, and
// assessments completed the way the screen completes them.
import type { AnswerValue } from "../../../domain/answers";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile } from "../../../domain/case-file";
import { DEFAULT_POLICY } from "../../../domain/policy";
import { dashIdsFor, type QuestionSetId } from "../../../domain/question-sets/question-set-registry";
import type { VaultSession } from "../../../storage/vault-session";
import { unlockedSession } from "../../../testing/test-vault";
import { emptyDraft, questionSetOf, toCaseFile, type AssessmentDraft, type CaseFileExtras } from "../assessment-draft";

export async function sessionWithCase(
  details: unknown = { victimName: "", notes: "" },
): Promise<{ session: VaultSession; caseId: string }> {
  const session = await unlockedSession();
  const created = await session.saveCase({ details });
  return { session, caseId: created.id };
}

/** Every DASH question of the set answered "no", then the overrides. */
export function answersWith(
  questionSet: QuestionSetId,
  overrides: Record<string, AnswerValue> = {},
): AssessmentDraft["answers"] {
  const answers: AssessmentDraft["answers"] = {};
  for (const id of dashIdsFor(questionSet)) answers[id] = { answer: "no" };
  for (const [id, answer] of Object.entries(overrides)) answers[id] = { answer };
  return answers;
}

/** A draft that has got as far as `page`, saved as the screen would save it. */
export async function seedDraft(
  session: VaultSession,
  caseId: string,
  change: Partial<AssessmentDraft>,
): Promise<string> {
  const draft: AssessmentDraft = { ...emptyDraft(caseId), assessor: { role: "idva" }, safeToAsk: "yes", ...change };
  // One draft per case: seeding again replaces the case's draft in progress.
  const inProgress = (await session.listAssessments(caseId)).find((summary) => summary.status === "draft");
  const id = inProgress?.id ?? globalThis.crypto.randomUUID();
  await session.saveAssessmentDraft({
    id,
    caseId,
    questionSetId: questionSetOf(draft),
    questionSetVersion: "1",
    policyName: DEFAULT_POLICY.name,
    policyVersion: String(DEFAULT_POLICY.version),
    content: draft,
  });
  return id;
}

/** Saves and completes an assessment as the screen does (case file + outcome), at `assessedAt`. */
export async function completeAssessment(
  session: VaultSession,
  caseId: string,
  change: Partial<AssessmentDraft>,
  assessedAt = "2026-01-05T10:00:00Z",
  extras: CaseFileExtras = {},
): Promise<string> {
  const draft: AssessmentDraft = {
    ...emptyDraft(caseId),
    assessor: { role: "idva" },
    safeToAsk: "yes",
    assessedAt,
    ...change,
  };
  const id = await seedDraft(session, caseId, draft);
  const validation = validateCaseFile(toCaseFile(draft, new Date(assessedAt), extras));
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const outcome = assessCase(validation.caseFile);
  await session.completeAssessment({ id, content: validation.caseFile, outcome, riskLevel: outcome.riskLevel });
  return id;
}
