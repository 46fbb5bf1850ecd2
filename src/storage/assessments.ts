/**
 * The assessments store of an unlocked profile: drafts (saved on every change, through the raw
 * IndexedDB path in draft-write.ts), completion (read-only afterwards, refreshing the case's clear
 * summary in the same transaction), and reads. Called through `VaultSession`.
 */

import { z } from "zod";
import { buildAuditRow } from "./audit";
import { ManifestWork, hasValidRowMac, type IntegrityKeys } from "./integrity";
import { recordAad, seal, sealJson, toSealableJson, type Sealed } from "./crypto";
import type { AssessmentRow, ManifestRow } from "./db";
import { draftStateOf, sameState, writeDraftAssessment, type DraftState } from "./draft-write";
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError, VaultLockedError } from "./errors";
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

const assessmentMetaSchema = z.strictObject({
  questionSetId: codeSchema,
  questionSetVersion: codeSchema,
  policyName: codeSchema,
  policyVersion: codeSchema,
});
type AssessmentMeta = z.infer<typeof assessmentMetaSchema>;

function metaOf(input: SaveAssessmentDraftInput): AssessmentMeta {
  return parseInput(
    assessmentMetaSchema,
    {
      questionSetId: input.questionSetId,
      questionSetVersion: input.questionSetVersion,
      policyName: input.policyName,
      policyVersion: input.policyVersion,
    },
    "assessment details",
  );
}

function sameMeta(a: AssessmentMeta, b: AssessmentMeta): boolean {
  return (
    a.questionSetId === b.questionSetId &&
    a.questionSetVersion === b.questionSetVersion &&
    a.policyName === b.policyName &&
    a.policyVersion === b.policyVersion
  );
}

/** A draft's newest content, sealed ahead of time (see `AssessmentDrafts.prepare`). */
interface PreparedDraft {
  /** When it was asked for (see `AssessmentDrafts.#sequence`). */
  seq: number;
  caseId: string;
  meta: AssessmentMeta;
  /** The exact payload JSON that was sealed: a save reuses the seal only for this same text. */
  json: string;
  /** Null until the background encryption finishes. */
  sealed: Sealed | null;
  /** Set once a write has taken `sealed`: each IV goes into one write only, so the next write seals afresh. */
  used: boolean;
}

/** One session's draft saves: the per-draft queue and what this session last wrote of each draft. */
export class AssessmentDrafts {
  readonly #context: SessionContext;
  /** Each draft as this session last wrote it, so the next autosave can take the one-round-trip path. */
  readonly #draftStates = new Map<string, DraftState>();
  /** The latest save of each draft still in progress; the next save of that draft waits for it. */
  readonly #draftQueue = new Map<string, Promise<AssessmentSummary>>();
  /** Orders saves and prepared drafts by when they were asked for: a higher number is newer content. */
  #sequence = 0;
  /** Each draft's newest content, sealed ahead of time so a page going away can write it at once. */
  readonly #prepared = new Map<string, PreparedDraft>();
  /** What `writePreparedNow` last wrote of each draft; an older save still in flight must not land after it. */
  readonly #urgentWrites = new Map<string, { seq: number; row: AssessmentRow }>();
  /** The raw connection, kept once open so an urgent write needs no await. */
  #idb: IDBDatabase | null = null;

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
    const seq = (this.#sequence += 1);
    const previous = this.#draftQueue.get(id);
    const run = previous
      ? previous.then(
          () => this.#saveNow(id, input, seq),
          () => this.#saveNow(id, input, seq),
        )
      : this.#saveNow(id, input, seq);
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
    this.#prepared.clear();
    this.#urgentWrites.clear();
  }

  /**
   * Seals a draft's newest content now (not stored yet), so `writePreparedNow` can store it
   * without waiting for encryption, and the debounced save that follows (same content) need not
   * encrypt again. Called on every change; only the newest is kept.
   */
  prepare(input: SaveAssessmentDraftInput & { id: string }): void {
    const context = this.#context;
    let key: CryptoKey;
    let id: string;
    let caseId: string;
    let meta: AssessmentMeta;
    let json: string;
    try {
      key = context.requireKey();
      id = parseInput(codeSchema, input.id, "assessment id");
      caseId = parseInput(codeSchema, input.caseId, "case id");
      meta = metaOf(input);
      json = toSealableJson({ content: input.content, outcome: null } satisfies AssessmentPayload);
    } catch {
      return; // the normal save reports the problem
    }
    const entry: PreparedDraft = { seq: (this.#sequence += 1), caseId, meta, json, sealed: null, used: false };
    this.#prepared.set(id, entry);
    sealJson(key, json, recordAad("assessments", context.profileId, id)).then(
      (sealed) => {
        entry.sealed = sealed;
      },
      () => {
        if (this.#prepared.get(id) === entry) this.#prepared.delete(id);
      },
    );
  }

  /**
   * For a page going away (pagehide, tab hidden): queues the IndexedDB write of the draft's newest
   * prepared content synchronously, in this very task, and commits it at once, so it lands even if
   * the page is gone before any callback could run. True when the write was queued.
   *
   * It skips the checking reads of the normal path (they need a round trip, which a closing page
   * may not get), so it is only taken when they are already known to pass: this session wrote the
   * row itself (a draft, of this case) and has audited its edit, and the screen holds the case's
   * claim, so no other tab writes it meanwhile. Otherwise it returns false and the normal save
   * (started by the caller as well) is all there is.
   */
  writePreparedNow(id: string): boolean {
    const context = this.#context;
    const prepared = this.#prepared.get(id);
    const expected = this.#draftStates.get(id);
    const idb = this.#idb;
    if (!prepared?.sealed || !expected || idb === null) return false;
    try {
      context.requireKey();
    } catch {
      return false;
    }
    if (expected.caseId !== prepared.caseId || expected.status !== "draft") return false;
    if (!context.isEditAudited("assessments", id)) return false;
    const written = this.#urgentWrites.get(id);
    if (written && written.seq >= prepared.seq) return true;
    // A save has already queued this very content (and its IV): that write is the one to wait for.
    if (prepared.used) return false;
    let keys: IntegrityKeys;
    try {
      keys = context.integrity();
    } catch {
      return false;
    }
    const profileId = context.profileId;
    const unstamped: AssessmentRow = {
      id,
      caseId: prepared.caseId,
      profileId,
      createdAt: expected.createdAt,
      updatedAt: laterThan(expected.updatedAt, context.now()),
      assessedAt: null,
      status: "draft",
      ...prepared.meta,
      riskLevel: null,
      sealed: prepared.sealed,
    };
    // The row and the manifest head are written together, and only when both are exactly as this
    // session last wrote them: a stale head written back would read as tampering at the next
    // unlock. The reads are queued now; if the page is gone before they answer, nothing is written
    // (the normal save, and the 100 ms typing interval, bound what that loses).
    const urgent = { seq: prepared.seq, row: unstamped };
    let urgentHead: ManifestRow | undefined;
    let tx: IDBTransaction;
    try {
      tx = idb.transaction(["assessments", "manifest"], "readwrite");
      const headRequest = tx.objectStore("manifest").get(profileId);
      const storedRequest = tx.objectStore("assessments").get([profileId, id]);
      storedRequest.onsuccess = () => {
        const stored = storedRequest.result as AssessmentRow | undefined;
        const head = headRequest.result as ManifestRow | undefined;
        if (!sameState(stored, head, expected) || (stored && !hasValidRowMac(keys, "assessments", stored))) {
          tx.abort();
          return;
        }
        const manifest = new ManifestWork(keys, profileId, head);
        const stamped = manifest.stamp("assessments", unstamped, stored);
        tx.objectStore("assessments").put(stamped);
        tx.objectStore("manifest").put(manifest.row());
        urgent.row = stamped;
        urgentHead = manifest.row();
      };
    } catch {
      return false;
    }
    this.#urgentWrites.set(id, urgent);
    prepared.used = true;
    tx.oncomplete = () => {
      if (this.#urgentWrites.get(id) === urgent && urgentHead)
        this.#draftStates.set(id, draftStateOf(urgent.row, urgentHead));
    };
    tx.onabort = () => {
      // Not stored: the next save goes checked-first and writes the newest content again.
      if (this.#urgentWrites.get(id) === urgent) this.#urgentWrites.delete(id);
      this.#draftStates.delete(id);
    };
    return true;
  }

  async #saveNow(id: string, input: SaveAssessmentDraftInput, seq: number): Promise<AssessmentSummary> {
    const context = this.#context;
    const key = context.requireKey();
    const profileId = context.profileId;
    const caseId = parseInput(codeSchema, input.caseId, "case id");
    const meta = metaOf(input);
    const json = toSealableJson({ content: input.content, outcome: null } satisfies AssessmentPayload);
    // Before the first write of the session: the records this write's manifest builds on are checked.
    await context.verifyRecords();
    const keys = context.integrity();
    const idb = this.#openBackend() ?? (await this.#backend());
    // The content was sealed when it changed (prepare): encrypting it again would put a Web Crypto
    // round trip, and a wait for the main thread, into every autosave. No await between here and
    // the transaction's requests once it is reused, so nothing else can take it meanwhile.
    const reusable = this.#reusablePrepared(id, caseId, meta, json);
    const sealed = reusable?.sealed ?? (await sealJson(key, json, recordAad("assessments", profileId, id)));
    // An urgent write of newer content went first (the page was being hidden): this older one must not overwrite it.
    const urgent = this.#urgentWrites.get(id);
    if (urgent && urgent.seq > seq) return toAssessmentSummary(urgent.row);
    if (reusable) reusable.used = true;
    const now = context.now();
    // One "create" per draft, then one "edit" per draft per session: an autosave per
    // keystroke must not flood the audit trail.
    const wantsAudit = (existing: DraftState | undefined) => !(existing && context.isEditAudited("assessments", id));
    try {
      const expected = this.#draftStates.get(id);
      const { row, head } = await writeDraftAssessment(
        idb,
        {
          profileId,
          caseId,
          id,
          prepare: (existing, storedHead) => {
            const manifest = new ManifestWork(keys, profileId, storedHead);
            const stamped = manifest.stamp(
              "assessments",
              {
                id,
                caseId,
                profileId,
                createdAt: existing?.createdAt ?? now.toISOString(),
                updatedAt: laterThan(existing?.updatedAt ?? null, now),
                assessedAt: null,
                status: "draft" as const,
                ...meta,
                riskLevel: null,
                sealed,
              },
              existing,
            );
            const audit = wantsAudit(existing)
              ? manifest.chain(
                  buildAuditRow({
                    profileId,
                    action: existing ? "edit" : "create",
                    caseId,
                    detail: "assessment",
                    at: context.nowIso(),
                  }),
                )
              : null;
            return { row: stamped, audit, head: manifest.row() };
          },
          isAuthentic: (row) => hasValidRowMac(keys, "assessments", row),
        },
        expected,
      );
      context.markEditAudited("assessments", id);
      this.#draftStates.set(id, draftStateOf(row, head));
      return toAssessmentSummary(row);
    } catch (error) {
      this.#draftStates.delete(id);
      if (error instanceof VaultLockedError) context.dropKey();
      throw error;
    }
  }

  /**
   * The prepared seal of exactly this content, for this draft, case, question set and policy, not
   * yet taken by another write; otherwise null (the content is sealed afresh). Compared by the JSON
   * text, not the object: a draft object changed in place after it was prepared is sealed again.
   */
  #reusablePrepared(id: string, caseId: string, meta: AssessmentMeta, json: string): PreparedDraft | null {
    const prepared = this.#prepared.get(id);
    if (!prepared?.sealed || prepared.used) return null;
    if (prepared.caseId !== caseId || !sameMeta(prepared.meta, meta) || prepared.json !== json) return null;
    return prepared;
  }

  /** The raw connection when Dexie has it open (no await), else null. */
  #openBackend(): IDBDatabase | null {
    const db = this.#context.db;
    if (!db.isOpen()) return null;
    this.#idb = db.backendDB();
    return this.#idb;
  }

  /** The raw IndexedDB connection under Dexie, for the autosave fast path. */
  async #backend(): Promise<IDBDatabase> {
    const db = this.#context.db;
    if (!db.isOpen()) await db.open();
    this.#idb = db.backendDB();
    return this.#idb;
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
    return true;
  } catch (error) {
    if (error instanceof AssessmentCompletedError) return false;
    throw error;
  }
}
