/**
 * The assessments store of an unlocked profile: drafts (saved on every change, through the raw
 * IndexedDB path in draft-write.ts), completion (read-only afterwards, refreshing the case's clear
 * summary in the same transaction), and reads. Called through `VaultSession`.
 */

import { z } from "zod";
import { buildAuditRow } from "./audit";
import { recordAad, seal } from "./crypto";
import type { AssessmentRow } from "./db";
import { draftStateOf, writeDraftAssessment, type DraftState } from "./draft-write";
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError, VaultLockedError } from "./errors";
import { toClearFields, updateIndex } from "./clear-metadata";
import { caseSummaryInputSchema, codeSchema, parseInput, type CaseSummaryInput } from "./record-schemas";
import { laterThan, openAndAudit, type SessionContext } from "./session-context";

export type AssessmentSummary = Omit<AssessmentRow, "profileId" | "sealed">;
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
  ...summary
}: AssessmentRow): AssessmentSummary {
  return summary;
}

const assessmentMetaSchema = z.strictObject({
  questionSetId: codeSchema,
  questionSetVersion: codeSchema,
  policyName: codeSchema,
  policyVersion: codeSchema,
});

/** One session's draft saves: the per-draft queue and what this session last wrote of each draft. */
export class AssessmentDrafts {
  readonly #context: SessionContext;
  /** Each draft as this session last wrote it, so the next autosave can take the one-round-trip path. */
  readonly #draftStates = new Map<string, DraftState>();
  /** The latest save of each draft still in progress; the next save of that draft waits for it. */
  readonly #draftQueue = new Map<string, Promise<AssessmentSummary>>();

  constructor(context: SessionContext) {
    this.#context = context;
  }

  /**
   * Saves of the same draft run one after another in the order they were called, so the last call
   * always wins: sealing is asynchronous, and without the queue a later save's encryption could
   * finish first and be overwritten by an earlier one. (Async so a locked session rejects rather
   * than throws; the queue is still joined synchronously, in call order.)
   */
  async save(input: SaveAssessmentDraftInput): Promise<AssessmentSummary> {
    this.#context.requireKey();
    const id =
      input.id === undefined ? globalThis.crypto.randomUUID() : parseInput(codeSchema, input.id, "assessment id");
    const previous = this.#draftQueue.get(id);
    const run = previous
      ? previous.then(
          () => this.#saveNow(id, input),
          () => this.#saveNow(id, input),
        )
      : this.#saveNow(id, input);
    this.#draftQueue.set(id, run);
    const forget = () => {
      if (this.#draftQueue.get(id) === run) this.#draftQueue.delete(id);
    };
    run.then(forget, forget);
    return run;
  }

  /** Forget what this session wrote (the key is gone; the next session starts checked-first). */
  forgetWrites(): void {
    this.#draftStates.clear();
  }

  async #saveNow(id: string, input: SaveAssessmentDraftInput): Promise<AssessmentSummary> {
    const context = this.#context;
    const key = context.requireKey();
    const profileId = context.profileId;
    const caseId = parseInput(codeSchema, input.caseId, "case id");
    const meta = parseInput(
      assessmentMetaSchema,
      {
        questionSetId: input.questionSetId,
        questionSetVersion: input.questionSetVersion,
        policyName: input.policyName,
        policyVersion: input.policyVersion,
      },
      "assessment details",
    );
    const payload: AssessmentPayload = { content: input.content, outcome: null };
    const sealed = await seal(key, payload, recordAad("assessments", profileId, id));
    const now = context.now();
    try {
      const expected = this.#draftStates.get(id);
      const row = await writeDraftAssessment(
        await this.#backend(),
        {
          profileId,
          caseId,
          id,
          buildRow: (existing) => ({
            id,
            caseId,
            profileId,
            createdAt: existing?.createdAt ?? now.toISOString(),
            updatedAt: laterThan(existing?.updatedAt ?? null, now),
            assessedAt: null,
            status: "draft",
            ...meta,
            riskLevel: null,
            sealed,
          }),
          // One "create" per draft, then one "edit" per draft per session: an autosave per
          // keystroke must not flood the audit trail.
          auditRow: (existing) => {
            if (existing && context.isEditAudited("assessments", id)) return null;
            return buildAuditRow({
              profileId,
              action: existing ? "edit" : "create",
              caseId,
              detail: "assessment",
              at: context.nowIso(),
            });
          },
        },
        expected,
      );
      context.markEditAudited("assessments", id);
      this.#draftStates.set(id, draftStateOf(row));
      return toAssessmentSummary(row);
    } catch (error) {
      this.#draftStates.delete(id);
      if (error instanceof VaultLockedError) context.dropKey();
      throw error;
    }
  }

  /** The raw IndexedDB connection under Dexie, for the autosave fast path. */
  async #backend(): Promise<IDBDatabase> {
    const db = this.#context.db;
    if (!db.isOpen()) await db.open();
    return db.backendDB();
  }
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
      if (existing.status === "completed") throw new AssessmentCompletedError();
      const caseRow = await db.cases.get([profileId, existing.caseId]);
      if (!caseRow) throw new RecordNotFoundError("cases");
      const now = context.now();
      const assessedAt = laterThan(existing.updatedAt, now);
      const row: AssessmentRow = {
        ...existing,
        status: "completed",
        assessedAt,
        updatedAt: assessedAt,
        riskLevel,
        sealed,
      };
      await db.assessments.put(row);
      await db.cases.put({
        ...caseRow,
        ...clearSummary,
        riskLevel,
        latestAssessedAt: assessedAt,
        updatedAt: laterThan(caseRow.updatedAt, now),
      });
      await context.audit("edit", existing.caseId, "assessment completed");
      summary = toAssessmentSummary(row);
    },
    [db.cases, db.assessments, db.audit],
  );
  return summary!;
}

export async function listAssessments(context: SessionContext, caseId: string): Promise<AssessmentSummary[]> {
  context.requireKey();
  const rows = await context.db.assessments.where("[profileId+caseId]").equals([context.profileId, caseId]).toArray();
  return rows
    .map(toAssessmentSummary)
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
