/**
 * The sync engine of one enrolled, unlocked profile: every local change goes to the outbox; a sync
 * round pulls by the server's sequence cursor, pushes with base versions, and pulls again after a
 * conflict. No write is lost: a change either becomes a version on the server, waits in the outbox, or
 * is kept beside the other device's version as a conflict ("changed on another device") until the
 * practitioner chooses or merges. Rounds never overlap; local bookkeeping is serialised (`exclusive`),
 * network calls are not held inside it.
 *
 * The transport is injected (the HTTP client of the team API, or the in-memory fake in tests); the
 * triggers (start, online, focus, every minute) are in sync-scheduler.ts.
 */

import { z } from "zod";
import { toBase64, utf8Encode } from "../bytes";
import type { JsonValue } from "../db";
import { InvalidInputError, RecordNotFoundError, VaultLockedError } from "../errors";
import { importCaseKey, newCaseKeyBytes } from "./case-keys";
import { ENVELOPE_BYTES_MAX, uuidSchema, type SyncDocument } from "./envelope";
import { KeyRing, SyncBlockedError, type EnrolledDevice } from "./key-ring";
import { learnGrants } from "./learn-grants";
import { learnRotations } from "./learn-rotations";
import { emptyPullResult, pullAll, PULL_PAGE_SIZE } from "./pull";
import { emptyPushResult, pushAll, type PushContext } from "./push";
import type {
  ConflictCopy,
  OutboxEntry,
  RefusedEnvelope,
  StoredKey,
  StoredRecord,
  SyncProblem,
  SyncProblemCode,
  SyncStore,
} from "./sync-store";
import { SyncTransportError, type SyncTransport } from "./transport";

/** A local change of one record, as the storage layer reports it after saving. */
export interface LocalChange {
  recordId: string;
  caseId: string;
  kind: string;
  body: JsonValue;
}

/** A send pulls first unless this engine pulled this recently: the team key is pinned, the device approved. */
export const SEND_WITHOUT_PULL_MS = 60_000;

const localChangeSchema = z.strictObject({
  recordId: uuidSchema,
  caseId: uuidSchema,
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  body: z.json(),
});

/** What the practitioner chose for a conflict: one version as it is, or a merge of the two. */
export type ConflictResolution = { keep: "mine" } | { keep: "theirs" } | { merged: JsonValue };

export interface SyncStatus {
  syncing: boolean;
  lastSyncedAt: string | null;
  lastAttemptAt: string | null;
  /** Changes made here that the server does not have yet. */
  waitingToSend: number;
  /** Records changed on another device while changed here too, waiting for a choice. */
  conflicts: number;
  problem: SyncProblem | null;
  /** Envelopes from the server refused as forged, altered or unreadable (ever). */
  refusedEnvelopes: number;
}

export interface SyncReport {
  received: number;
  /** Records this device now holds a newer version of (pulled, or its own accepted). */
  records: StoredRecord[];
  sent: number;
  conflicts: ConflictCopy[];
  refused: RefusedEnvelope[];
  problem: SyncProblem | null;
}

/** Told after every change to what the engine holds (records, conflicts, the outbox). */
export type SyncListener = (change: { records: StoredRecord[]; conflicts: ConflictCopy[] }) => void;

export interface SyncEngineOptions {
  store: SyncStore;
  transport: SyncTransport;
  device: EnrolledDevice;
  pageSize?: number;
}

function problemFor(error: unknown, at: string): SyncProblem {
  if (error instanceof SyncBlockedError) return { code: error.code, at, detail: null };
  if (error instanceof SyncTransportError) {
    const code: SyncProblemCode =
      error.failure === "refused" ? "unavailable" : error.failure === "signed-out" ? "signed-out" : error.failure;
    return { code, at, detail: error.code };
  }
  throw error;
}

export class SyncEngine {
  readonly #store: SyncStore;
  readonly #transport: SyncTransport;
  readonly #device: EnrolledDevice;
  readonly #keyRing: KeyRing;
  readonly #pageSize: number;
  readonly #listeners = new Set<SyncListener>();
  #tail: Promise<unknown> = Promise.resolve();
  #running: Promise<SyncReport> | null = null;
  /** A round asked for while one runs (a change made meanwhile is not left waiting), or null. */
  #again: "full" | "send" | null = null;
  /** When this engine last pulled (Date.now()), or null: a send pulls first unless it pulled recently. */
  #lastPullAt: number | null = null;

  constructor(options: SyncEngineOptions) {
    this.#store = options.store;
    this.#transport = options.transport;
    this.#device = options.device;
    this.#pageSize = options.pageSize ?? PULL_PAGE_SIZE;
    this.#keyRing = new KeyRing(options.store, options.transport, options.device);
  }

  /** Runs local bookkeeping one piece at a time (never across a network call). */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #context(): PushContext {
    return {
      store: this.#store,
      transport: this.#transport,
      keyRing: this.#keyRing,
      teamId: this.#device.teamId,
      deviceId: this.#device.deviceId,
      device: this.#device,
      exclusive: (work) => this.#exclusive(work),
    };
  }

  onChange(listener: SyncListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(records: StoredRecord[], conflicts: ConflictCopy[]): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener({ records, conflicts });
      } catch {
        // A screen's listener failing must not stop sync or other listeners.
      }
    }
  }

  // ------------------------------------------------------------------ local changes

  /**
   * Queues a local change of one record to be sent (call after the vault has saved it). A change to a
   * record whose previous change has not been attempted yet replaces it; otherwise it follows it.
   */
  async recordChange(change: LocalChange): Promise<void> {
    const parsed = localChangeSchema.safeParse(change);
    if (!parsed.success) throw new InvalidInputError("That change cannot be sent to the team.");
    await this.#exclusive(() => this.#queue(parsed.data as LocalChange, null));
    this.#notify([], []);
  }

  /** Call inside #exclusive. `resolving`: a conflict copy removed in the same write. */
  async #queue(change: LocalChange, resolving: string | null): Promise<void> {
    const store = this.#store;
    const now = store.nowIso();
    const document: SyncDocument = { ...change, savedAt: now };
    if (utf8Encode(JSON.stringify(document)).length > ENVELOPE_BYTES_MAX - 64) {
      throw new InvalidInputError("That record is too large to send to the team.");
    }
    const [waiting, known] = await Promise.all([store.outboxFor(change.recordId), store.getRecord(change.recordId)]);
    const last = waiting[waiting.length - 1];
    if ((last ?? known) && (last?.document ?? known!.document).caseId !== change.caseId) {
      throw new InvalidInputError("A record cannot move to another case.");
    }
    let keyId = last?.keyId ?? known?.keyId ?? (await store.keyForCase(change.caseId))?.keyId;
    // A case given a new key after a device was removed is written under the newest one.
    if (keyId !== undefined) keyId = await store.currentKeyId(keyId);
    let newKey: StoredKey | null = null;
    if (keyId === undefined) {
      const raw = newCaseKeyBytes();
      keyId = globalThis.crypto.randomUUID();
      newKey = { keyId, caseId: change.caseId, raw: toBase64(raw), wraps: null, shared: false };
      this.#keyRing.confirmCaseKey(keyId, await importCaseKey(raw));
    }
    const entry: OutboxEntry =
      last && last.envelope === null
        ? { ...last, document, refusedCode: null }
        : {
            id: `${now}~${globalThis.crypto.randomUUID().slice(0, 8)}`,
            recordId: change.recordId,
            baseVersion: last ? last.baseVersion + 1 : (known?.version ?? 0),
            // What it is made on: the change before it here (sent, so signed), else the team's version held.
            baseSignature: last ? last.envelope!.signature : (known?.signature ?? null),
            queuedAt: now,
            keyId,
            document,
            envelope: null,
            refusedCode: null,
          };
    const [entryRow, keyRow] = await Promise.all([
      store.outboxRow(entry),
      newKey ? store.keyRow(newKey) : Promise.resolve(null),
    ]);
    await store.write(async () => {
      await store.db.syncOutbox.put(entryRow);
      if (keyRow) await store.db.syncKeys.put(keyRow);
      if (resolving !== null) await store.db.syncConflicts.delete(store.conflictKey(resolving));
    });
  }

  // ------------------------------------------------------------------ conflicts and records

  listConflicts(): Promise<ConflictCopy[]> {
    return this.#store.listConflicts();
  }

  /**
   * Settles "changed on another device": keep the team's version (nothing is sent), keep this device's
   * (sent on top of the team's), or send a merge of the two.
   */
  async resolveConflict(conflictId: string, resolution: ConflictResolution): Promise<void> {
    await this.#exclusive(async () => {
      const store = this.#store;
      const copy = await store.getConflict(conflictId);
      if (!copy) throw new RecordNotFoundError("conflicts");
      if ("keep" in resolution && resolution.keep === "theirs") {
        await store.write(() => store.db.syncConflicts.delete(store.conflictKey(conflictId)));
        return;
      }
      const body = "merged" in resolution ? resolution.merged : copy.mine.body;
      const { recordId, caseId, kind } = copy.mine;
      const parsed = localChangeSchema.safeParse({ recordId, caseId, kind, body });
      if (!parsed.success) throw new InvalidInputError("That merge cannot be sent to the team.");
      await this.#queue(parsed.data as LocalChange, conflictId);
    });
    this.#notify([], []);
  }

  listRecords(): Promise<StoredRecord[]> {
    return this.#store.listRecords();
  }

  getRecord(recordId: string): Promise<StoredRecord | undefined> {
    return this.#store.getRecord(recordId);
  }

  /** The changes still waiting to be sent, oldest first. */
  listOutbox(): Promise<OutboxEntry[]> {
    return this.#store.listOutbox();
  }

  async status(): Promise<SyncStatus> {
    const store = this.#store;
    const [state, waitingToSend, conflicts] = await Promise.all([
      store.readState(),
      store.countOutbox(),
      store.countConflicts(),
    ]);
    return {
      syncing: this.#running !== null,
      lastSyncedAt: state.lastSyncedAt,
      lastAttemptAt: state.lastAttemptAt,
      waitingToSend,
      conflicts,
      problem: state.problem,
      refusedEnvelopes: state.refusedCount,
    };
  }

  // ------------------------------------------------------------------ sync rounds

  /**
   * One sync round now (pull, push, pull again after a conflict). While one runs, a call returns the
   * running one and asks for one more round after it, so a change made meanwhile is not left waiting.
   */
  syncNow(): Promise<SyncReport> {
    return this.#start("full");
  }

  /**
   * Sends what waits now, as a save asks: a push round that pulls only when it must — when nothing was
   * pulled in this engine's last SEND_WITHOUT_PULL_MS (so the team key is pinned and the device known to
   * be approved), or when the server answers that another device's version came first (then it pulls and
   * keeps both, as a full round does). Other devices' changes wait for the next full round.
   */
  sendNow(): Promise<SyncReport> {
    return this.#start("send");
  }

  #start(mode: "full" | "send"): Promise<SyncReport> {
    if (this.#running) {
      // One more round after the running one; a full round if anyone asked for one.
      this.#again = this.#again === "full" || mode === "full" ? "full" : "send";
      return this.#running;
    }
    this.#running = (async () => {
      try {
        let report = await this.#round(mode);
        while (this.#again !== null && report.problem === null) {
          const next = this.#again;
          this.#again = null;
          report = await this.#round(next);
        }
        return report;
      } finally {
        this.#again = null;
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** The device knows it is offline (no attempt is made): the status says so. */
  async markOffline(): Promise<void> {
    await this.#exclusive(async () => {
      const store = this.#store;
      const state = await store.readState();
      if (state.problem?.code === "offline") return;
      const row = await store.stateRow({ ...state, problem: { code: "offline", at: store.nowIso(), detail: null } });
      await store.write(() => store.db.syncState.put(row));
    });
    this.#notify([], []);
  }

  async #round(mode: "full" | "send"): Promise<SyncReport> {
    this.#keyRing.startRound();
    const context = this.#context();
    const pulled = emptyPullResult();
    const pushed = emptyPushResult();
    let problem: SyncProblem | null = null;
    let inStep = false;
    const pulledRecently = this.#lastPullAt !== null && Date.now() - this.#lastPullAt < SEND_WITHOUT_PULL_MS;
    try {
      let keyProblem: SyncProblemCode | null = null;
      if (mode === "full" || !pulledRecently) {
        await pullAll(context, pulled, this.#pageSize);
        this.#lastPullAt = Date.now();
        // The pull signed in, so the device is approved: pin the team key now (once a session), not only
        // when a case is first shared or read, so the numbers on the screen are this device's own.
        keyProblem = await this.#keyRing.pinManagerKey(pulled.managerKeyId);
        // Cases a manager reassigned to this device: their earlier envelopes are behind the cursor. Before
        // the rotations: a rotation of a key this device did not hold yet would be passed over.
        if (pulled.latestGrant > ((await this.#store.readState()).grantCursor ?? 0)) await learnGrants(context, pulled);
        // Cases given new keys after a device was removed: later writes use them (before anything is sent).
        // Only when the pull says there is a rotation this device has not read: no extra round trip otherwise.
        if (pulled.latestRotation > ((await this.#store.readState()).rotationCursor ?? 0)) {
          await learnRotations(context);
        }
      }
      await pushAll(context, pushed);
      if (pushed.keyRotated.size > 0) {
        // A rotation this round had not learnt (a send without a pull, or one the cursor passed): learn
        // every one again, rebuild the refused records' changes under the new key, and send them again.
        const rebuild = new Set(pushed.keyRotated);
        await learnRotations(context, { fromStart: true, rebuild });
        pushed.keyRotated.clear();
        pushed.refused = pushed.refused.filter((refusal) => !rebuild.has(refusal.recordId));
        await pushAll(context, pushed);
      }
      if (pushed.conflicts.size > 0) {
        await pullAll(context, pulled, this.#pageSize);
        if (await this.#unexplained(pushed.conflicts)) {
          // The server holds a version this device's cursor is already past (its sync state was lost
          // or put back): pull everything again; what is already here is recognised and skipped.
          await this.#resetCursor();
          await pullAll(context, pulled, this.#pageSize);
        }
      }
      inStep = true;
      if (pushed.blocked) problem = { code: pushed.blocked, at: this.#store.nowIso(), detail: null };
      else if (keyProblem) problem = { code: keyProblem, at: this.#store.nowIso(), detail: null };
      else if (pushed.refused.length > 0) {
        problem = { code: "change-refused", at: this.#store.nowIso(), detail: pushed.refused[0]!.code };
      }
    } catch (error) {
      if (error instanceof VaultLockedError) throw error;
      problem = problemFor(error, this.#store.nowIso());
    }
    await this.#exclusive(async () => {
      const store = this.#store;
      const state = await store.readState();
      const now = store.nowIso();
      const row = await store.stateRow({
        ...state,
        lastAttemptAt: now,
        lastSyncedAt: inStep ? now : state.lastSyncedAt,
        problem,
      });
      await store.write(() => store.db.syncState.put(row));
    });
    const records = [...pulled.records, ...pushed.records];
    this.#notify(records, pulled.conflicts);
    return {
      received: pulled.received,
      records,
      sent: pushed.pushed,
      conflicts: pulled.conflicts,
      refused: pulled.refused,
      problem,
    };
  }

  async #unexplained(conflicts: Map<string, number>): Promise<boolean> {
    const known = await this.#store.getRecords(conflicts.keys());
    return [...conflicts].some(([recordId, version]) => (known.get(recordId)?.version ?? 0) < version);
  }

  async #resetCursor(): Promise<void> {
    await this.#exclusive(async () => {
      const store = this.#store;
      const row = await store.stateRow({ ...(await store.readState()), cursor: 0 });
      await store.write(() => store.db.syncState.put(row));
    });
  }
}
