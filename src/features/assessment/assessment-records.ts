// Reading stored assessments back: a completed one's frozen case file and outcome (checked, never
// trusted blindly), earlier completed assessments as the case file's previousAssessments, and
// everything the walk-through needs when it opens.
import { RISK_LEVELS } from "../../domain/answers";
import { validateCaseFile, type CaseFile } from "../../domain/case-file";
import { contextFromCaseDetails, type ContextFromDetails } from "../../domain/case-record/assessment-context";
import { readCaseDetails } from "../../domain/case-record/case-details";
import { londonDateOf } from "../../domain/dates";
import type { Outcome } from "../../domain/outcome";
import { readActivePolicy, type ActivePolicy } from "../../storage/policy-setting";
import { readPractitionerDefaults, type PractitionerDefaults } from "../../storage/practitioner-details";
import type { AssessmentRecord } from "../../storage/assessments";
import type { VaultSession } from "../../storage/vault-session";
import {
  defaultQuestionSet,
  emptyDraft,
  readDraft,
  readScreenNotes,
  type AssessmentDraft,
  type ScreenNotes,
} from "./assessment-draft";

export interface CompletedAssessment {
  id: string;
  /** When it was completed (RFC 3339, from storage). */
  completedAt: string;
  caseFile: CaseFile;
  outcome: Outcome;
  policyName: string;
  policyVersion: string;
  questionSetVersion: string;
  /** Why it was not safe to ask, the safety note and the reminder, when the gate recorded them. */
  notes?: ScreenNotes | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A stored outcome, if it has the shape the screens read; null otherwise (shown as unreadable). */
export function asOutcome(value: unknown): Outcome | null {
  if (!isRecord(value)) return null;
  if (!(RISK_LEVELS as readonly unknown[]).includes(value.riskLevel)) return null;
  if (typeof value.assessmentDate !== "string" || typeof value.brag !== "string") return null;
  for (const list of ["escalations", "pathways", "warnings", "missingInformation"] as const) {
    if (!Array.isArray(value[list])) return null;
  }
  if (
    !isRecord(value.score) ||
    !isRecord(value.timeline) ||
    !isRecord(value.marac) ||
    !isRecord(value.professionalJudgement)
  )
    return null;
  return value as unknown as Outcome;
}

export function readCompleted(record: AssessmentRecord): CompletedAssessment | null {
  if (record.status !== "completed") return null;
  const validation = validateCaseFile(record.content);
  const outcome = asOutcome(record.outcome);
  if (!validation.ok || outcome === null) return null;
  const notes = readScreenNotes(record.notes);
  return {
    ...(notes === undefined ? {} : { notes }),
    id: record.id,
    completedAt: record.assessedAt ?? record.updatedAt,
    caseFile: validation.caseFile,
    outcome,
    policyName: record.policyName,
    policyVersion: record.policyVersion,
    questionSetVersion: record.questionSetVersion,
  };
}

/** The case's completed assessments, newest first (unreadable ones left out). */
export async function loadCompletedAssessments(session: VaultSession, caseId: string): Promise<CompletedAssessment[]> {
  const summaries = (await session.listAssessments(caseId)).filter((summary) => summary.status === "completed");
  const records = await Promise.all(summaries.map((summary) => session.getAssessment(summary.id)));
  return records
    .map(readCompleted)
    .filter((completed): completed is CompletedAssessment => completed !== null)
    .sort((a, b) => (a.completedAt < b.completedAt ? 1 : a.completedAt > b.completedAt ? -1 : 0));
}

/** Earlier completed assessments as the engine reads them: date, level and agency (or role). */
export function previousAssessmentsOf(
  completed: readonly CompletedAssessment[],
): NonNullable<CaseFile["previousAssessments"]> {
  return completed.map(({ caseFile, outcome }) => ({
    date: outcome.assessmentDate,
    riskLevel: outcome.riskLevel,
    agency: caseFile.assessor.agency?.trim() || caseFile.assessor.role,
  }));
}

export interface OpenedAssessment {
  id: string;
  draft: AssessmentDraft;
  activePolicy: ActivePolicy;
  /** Newest first. */
  completed: CompletedAssessment[];
  fromDetails: ContextFromDetails | null;
}

/**
 * A new assessment of the case: who is assessing comes from the practitioner's own details
 * (Settings), so an officer whose role is known starts at the safe-to-ask question; the role and
 * agency stay changeable on "Who is assessing".
 */
export function newDraft(caseId: string, own: PractitionerDefaults): AssessmentDraft {
  const draft = emptyDraft(caseId);
  if (own.agency !== undefined) draft.assessor.agency = own.agency;
  if (own.role === undefined) return draft;
  return {
    ...draft,
    assessor: { ...draft.assessor, role: own.role },
    questionSet: defaultQuestionSet(own.role),
    page: "gate",
  };
}

/** Everything the walk-through needs: the latest draft (or a new one), the policy, history and case facts. */
export async function openAssessment(
  session: VaultSession,
  caseId: string,
  now: Date = new Date(),
): Promise<OpenedAssessment> {
  const summaries = await session.listAssessments(caseId);
  const latestDraft = summaries.find((summary) => summary.status === "draft");
  const [draftPart, activePolicy, completed, caseRecord] = await Promise.all([
    latestDraft === undefined
      ? readPractitionerDefaults(session)
          // Without the details (unreadable), the practitioner says who is assessing, as before.
          .catch((): PractitionerDefaults => ({}))
          .then((own) => ({ id: globalThis.crypto.randomUUID(), draft: newDraft(caseId, own) }))
      : session
          .getAssessment(latestDraft.id)
          .then((record) => ({ id: latestDraft.id, draft: readDraft(record.content, caseId) })),
    readActivePolicy(session),
    loadCompletedAssessments(session, caseId),
    session.getCase(caseId).catch(() => null),
  ]);
  const fromDetails =
    caseRecord === null
      ? null
      : contextFromCaseDetails(readCaseDetails(caseRecord.details), londonDateOf(now.toISOString()));
  return { ...draftPart, activePolicy, completed, fromDetails };
}
