/**
 * One session's draft saves (autosave): the per-draft queue, what this session last wrote of each
 * draft, drafts prepared (sealed, and where possible stamped) ahead of their save when they change,
 * and the urgent write of a page going away. The IndexedDB transactions are in draft-write.ts.
 * Called through `VaultSession`.
 *
 * Why prepare ahead: the screen calls `prepare` on every change and the debounced save follows with
 * the same content. Sealing (a Web Crypto round trip) and stamping (four HMACs) then happen off the
 * save's path, so the save is little more than its transaction. A prepared seal is stored only for
 * the identical payload JSON, draft, case, question set and policy, and by one write only (one IV
 * per write); a prepared stamp only over the exact state its transaction checks.
 */

import { z } from "zod";
import {
  toAssessmentSummary,
  type AssessmentPayload,
  type AssessmentSummary,
  type SaveAssessmentDraftInput,
} from "./assessments";
import { recordAad, sealJson, toSealableJson, type Sealed } from "./crypto";
import type { AssessmentRow, ManifestRow } from "./db";
import { draftStateOf, sameState, writeDraftAssessment, type DraftPrepared, type DraftState } from "./draft-write";
import { VaultLockedError } from "./errors";
import { buildAuditRow } from "./audit";
import { ManifestWork, hasValidRowMac, type IntegrityKeys } from "./integrity";
import { codeSchema, parseInput } from "./record-schemas";
import { laterThan, type SessionContext } from "./session-context";

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
  /**
   * The whole optimistic write of `sealed` (row with its version and MAC, manifest head), computed
   * when the seal finished from the draft's state as this session then knew it (`over`). A save
   * stores it only while that state is still the newest (the same object), so the versions it
   * builds on are exactly the ones its transaction checks; otherwise the save stamps afresh.
   */
  ahead: { over: DraftState; write: DraftPrepared } | null;
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
   * encrypt again. Called on every change; only the newest is kept. The promise settles (never
   * rejects) once this content's seal is ready or has failed: callers need not wait for it.
   */
  prepare(input: SaveAssessmentDraftInput & { id: string }): Promise<void> {
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
      return Promise.resolve(); // the normal save reports the problem
    }
    const entry: PreparedDraft = {
      seq: (this.#sequence += 1),
      caseId,
      meta,
      json,
      sealed: null,
      used: false,
      ahead: null,
    };
    this.#prepared.set(id, entry);
    return sealJson(key, json, recordAad("assessments", context.profileId, id)).then(
      (sealed) => {
        entry.sealed = sealed;
        entry.ahead = this.#stampAhead(id, entry, sealed);
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
    let saved: AssessmentRow;
    try {
      const expected = this.#draftStates.get(id);
      // Stamped when the seal finished, over the very state this write expects (see PreparedDraft.ahead).
      const ahead = reusable?.ahead && reusable.ahead.over === expected ? reusable.ahead.write : null;
      const { row, head } = await writeDraftAssessment(
        idb,
        {
          profileId,
          caseId,
          id,
          prepare: (existing, storedHead) =>
            ahead && existing === expected && storedHead === expected?.head
              ? ahead
              : this.#stamp(keys, { id, caseId, meta, sealed }, existing, storedHead, now),
          isAuthentic: (row) => hasValidRowMac(keys, "assessments", row),
        },
        expected,
      );
      context.markEditAudited("assessments", id);
      this.#draftStates.set(id, draftStateOf(row, head));
      saved = row;
    } catch (error) {
      this.#draftStates.delete(id);
      if (error instanceof VaultLockedError) context.dropKey();
      throw error;
    }
    // Inside the draft's queue, so the next save of the draft waits for it (and a lock's flush too).
    await context.changes.saved([{ store: "assessments", id, caseId }]);
    return toAssessmentSummary(saved);
  }

  /**
   * The row (next version, MAC), the audit entry if one is due and the new manifest head for a write
   * of `sealed` over `existing` (undefined: a new draft) and the stored head. Pure and synchronous.
   */
  #stamp(
    keys: IntegrityKeys,
    draft: { id: string; caseId: string; meta: AssessmentMeta; sealed: Sealed },
    existing: DraftState | undefined,
    storedHead: ManifestRow | undefined,
    now: Date,
  ): DraftPrepared {
    const context = this.#context;
    const { id, caseId, meta, sealed } = draft;
    const profileId = context.profileId;
    const manifest = new ManifestWork(keys, profileId, storedHead);
    const row = manifest.stamp(
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
    // One "create" per draft, then one "edit" per draft per session: an autosave per
    // keystroke must not flood the audit trail.
    const audit =
      existing && context.isEditAudited("assessments", id)
        ? null
        : manifest.chain(
            buildAuditRow({
              profileId,
              action: existing ? "edit" : "create",
              caseId,
              detail: "assessment",
              at: context.nowIso(),
            }),
          );
    return { row, audit, head: manifest.row() };
  }

  /**
   * The optimistic write of a just-sealed prepared draft, computed now (off the save's path) when its
   * save can take the one-round-trip path: over the state this session last wrote, a draft of the
   * same case. Otherwise null. The row's updatedAt is now, when the content was sealed, not the
   * moment it is stored (up to the autosave's delay later).
   */
  #stampAhead(id: string, entry: PreparedDraft, sealed: Sealed): PreparedDraft["ahead"] {
    const context = this.#context;
    const over = this.#draftStates.get(id);
    if (!over?.head || over.caseId !== entry.caseId || over.status !== "draft") return null;
    try {
      const keys = context.integrity();
      const write = this.#stamp(
        keys,
        { id, caseId: entry.caseId, meta: entry.meta, sealed },
        over,
        over.head,
        context.now(),
      );
      return { over, write };
    } catch {
      return null; // locked meanwhile: the save reports it
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
