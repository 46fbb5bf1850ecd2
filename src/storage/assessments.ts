/**
 * The assessments store of an unlocked profile: drafts (saved on every change by draft-saves.ts,
 * through the raw IndexedDB path in draft-write.ts), completion (read-only afterwards, refreshing
 * the case's clear summary in the same transaction), and reads. Called through `VaultSession`.
 */

import { z } from "zod";
import { recordAad, seal } from "./crypto";
import type { AssessmentRow } from "./db";
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError } from "./errors";
import { CLEAR_FLAG_PREFIXES, isClearFlag, toClearFields, updateIndex } from "./clear-metadata";
import { caseSummaryInputSchema, codeSchema, parseInput, type CaseSummaryInput } from "./record-schemas";
import { checkRow, laterThan, openAndAudit, type SessionContext } from "./session-context";

export type AssessmentSummary = Omit<AssessmentRow, "profileId" | "sealed" | "ver" | "mac">;
export interface AssessmentRecord extends AssessmentSummary {
  content: unknown;
  /** null until the assessment is completed. */
  outcome: unknown;
  /**
   * What the screen recorded beside the case file at completion (e.g. why it was not safe to ask,
   * a safety note, a reminder to return); undefined when none was given and for older records.
   */
  notes?: unknown;
}

export interface SaveAssessmentDraftInput {
  /** Omit to create; a new id chosen by the screen (e.g. crypto.randomUUID()) is accepted too, so an autosaver can own its id from the first keystroke. */
  id?: string;
  caseId: string;
  questionSetId: string;
  questionSetVersion: string;
  policyName: string;
  policyVersion: string;
  content: unknown;
}

export interface CompleteAssessmentInput {
  id: string;
  content: unknown;
  outcome: unknown;
  riskLevel: string;
  /** Other clear summary fields to refresh on the case at the same time (riskLevel and latestAssessedAt are set from the assessment). */
  caseSummary?: Omit<CaseSummaryInput, "riskLevel">;
  /** Sealed beside content and outcome (opaque JSON, like content); returned by getAssessment as `notes`. */
  notes?: unknown;
}

/** What an assessment row seals. */
export interface AssessmentPayload {
  content: unknown;
  outcome: unknown;
  /** Added later and optional: older sealed payloads have no notes. */
  notes?: unknown;
}

export function readAssessmentPayload(value: unknown): AssessmentPayload {
  if (typeof value !== "object" || value === null || !("content" in value) || !("outcome" in value)) {
    throw new InvalidInputError("A stored assessment is not in the expected shape.");
  }
  const notes = "notes" in value ? value.notes : undefined;
  return { content: value.content, outcome: value.outcome, ...(notes === undefined ? {} : { notes }) };
}

export function toAssessmentSummary({
  profileId: _profileId,
  sealed: _sealed,
  ver: _ver,
  mac: _mac,
  ...summary
}: AssessmentRow): AssessmentSummary {
  return summary;
}

export async function completeAssessment(
  context: SessionContext,
  input: CompleteAssessmentInput,
): Promise<AssessmentSummary> {
  const key = context.requireKey();
  const id = parseInput(codeSchema, input.id, "assessment id");
  const riskLevel = parseInput(codeSchema, input.riskLevel, "risk level");
  const caseSummary = parseInput(
    caseSummaryInputSchema.omit({ riskLevel: true }),
    input.caseSummary ?? {},
    "case summary",
  );
  const payload: AssessmentPayload = {
    content: input.content,
    outcome: input.outcome,
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
  const { db, profileId } = context;
  const sealed = await seal(key, payload, recordAad("assessments", profileId, id));
  // The case's id is fixed when the draft is made: read it first to split its clear fields.
  const draft = await db.assessments.get([profileId, id]);
  if (!draft) throw new RecordNotFoundError("assessments");
  let summary: AssessmentSummary | undefined;
  await updateIndex(
    context,
    (index) => toClearFields(index, draft.caseId, caseSummary),
    async (clearSummary) => {
      const existing = await db.assessments.get([profileId, id]);
      if (!existing) throw new RecordNotFoundError("assessments");
      checkRow(context, "assessments", existing);
      if (existing.status === "completed") throw new AssessmentCompletedError();
      const caseRow = await db.cases.get([profileId, existing.caseId]);
      if (!caseRow) throw new RecordNotFoundError("cases");
      checkRow(context, "cases", caseRow);
      const now = context.now();
      const assessedAt = laterThan(existing.updatedAt, now);
      const manifest = context.manifest();
      const row: AssessmentRow = manifest.stamp(
        "assessments",
        { ...existing, status: "completed" as const, assessedAt, updatedAt: assessedAt, riskLevel, sealed },
        existing,
      );
      await db.assessments.put(row);
      await db.cases.put(
        manifest.stamp(
          "cases",
          {
            ...caseRow,
            ...clearSummary,
            riskLevel,
            latestAssessedAt: assessedAt,
            updatedAt: laterThan(caseRow.updatedAt, now),
          },
          caseRow,
        ),
      );
      await context.audit("edit", existing.caseId, "assessment completed");
      summary = toAssessmentSummary(row);
    },
    [db.cases, db.assessments, db.audit],
  );
  // The case's level and last-assessed time changed with it: the team needs both.
  await context.changes.saved([
    { store: "assessments", id, caseId: draft.caseId },
    { store: "cases", id: draft.caseId, caseId: draft.caseId },
  ]);
  return summary!;
}

export async function listAssessments(context: SessionContext, caseId: string): Promise<AssessmentSummary[]> {
  context.requireKey();
  await context.verifyRecords();
  const rows = await context.db.assessments.where("[profileId+caseId]").equals([context.profileId, caseId]).toArray();
  return rows
    .map((row) => toAssessmentSummary(checkRow(context, "assessments", row)))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export async function getAssessment(context: SessionContext, assessmentId: string): Promise<AssessmentRecord> {
  const { row, value: payload } = await openAndAudit(
    context,
    context.db.assessments,
    "assessments",
    assessmentId,
    (row) => ({ caseId: row.caseId, detail: "assessment" }),
    readAssessmentPayload,
  );
  return { ...toAssessmentSummary(row), ...payload };
}

export interface DraftCaseCodesInput {
  caseId: string;
  /** The draft the codes come from; it may not be stored yet (its first autosave still on the way). */
  assessmentId: string;
  /** Every flag of the case starting with it is replaced (e.g. "not-safe:"); never a clear prefix. */
  prefix: string;
  codes: readonly string[];
}

const draftCodePrefixSchema = codeSchema.refine(
  (prefix) => prefix.endsWith(":") && !CLEAR_FLAG_PREFIXES.includes(prefix) && !isClearFlag(prefix),
  "must end with ':' and not be a clear flag prefix",
);

/**
 * Replaces the case's codes under `prefix` with `codes`, for an assessment still in progress: e.g. a
 * "not safe to ask" draft's level from what was observed and the date to come back by, which the case
 * list and dashboard must show before the assessment is completed. The codes are sealed in the
 * clear-metadata index (the lists put them back after their one decrypt), never on the clear row.
 *
 * Nothing is written once the assessment is completed (its completion wrote the case's codes: a
 * late draft update must not bring the draft's back), nor when nothing changes. Resolves true when
 * the case holds `codes` afterwards. Not audited and `updatedAt` unchanged, like updateCaseSummary.
 */
export async function replaceDraftCaseCodes(context: SessionContext, input: DraftCaseCodesInput): Promise<boolean> {
  context.requireKey();
  const caseId = parseInput(codeSchema, input.caseId, "case id");
  const assessmentId = parseInput(codeSchema, input.assessmentId, "assessment id");
  const prefix = parseInput(draftCodePrefixSchema, input.prefix, "code prefix");
  const codes = parseInput(
    z.array(codeSchema.refine((code) => code.startsWith(prefix), "must start with the prefix")).max(50),
    [...input.codes],
    "case codes",
  );
  const { db, profileId } = context;
  try {
    await updateIndex(
      context,
      (index) => {
        const kept = (index.sealedFlags[caseId] ?? []).filter((flag) => !flag.startsWith(prefix));
        const next = [...kept, ...codes];
        if (next.length > 0) index.sealedFlags[caseId] = next;
        else delete index.sealedFlags[caseId];
      },
      async () => {
        const assessment = await db.assessments.get([profileId, assessmentId]);
        if (assessment) {
          checkRow(context, "assessments", assessment);
          if (assessment.caseId !== caseId) throw new InvalidInputError("The assessment belongs to another case.");
          // Thrown to roll the index change back with the rest of the transaction.
          if (assessment.status === "completed") throw new AssessmentCompletedError();
        }
        const caseRow = await db.cases.get([profileId, caseId]);
        if (!caseRow) throw new RecordNotFoundError("cases");
        checkRow(context, "cases", caseRow);
      },
      [db.cases, db.assessments],
    );
  } catch (error) {
    if (error instanceof AssessmentCompletedError) return false;
    throw error;
  }
  // The case's sealed flags changed (the dashboard reads them): the team needs the case again.
  await context.changes.saved([{ store: "cases", id: caseId, caseId }]);
  return true;
}
