/**
 * The team sync stores of one unlocked profile (db.ts version 4): every row's content sealed under the
 * profile's data key with AAD = store/profile/id (crypto.ts `recordAad`), so a thief of the IndexedDB
 * files reads ids, numbers and times only, and no sealed blob can be moved to another row. Reads open
 * rows; writes take rows sealed beforehand (crypto cannot run inside an IndexedDB transaction) and go
 * through the session's write path, so nothing lands after a lock or a wipe.
 */

import { Dexie } from "dexie";
import { open, recordAad, seal, type Sealed } from "../crypto";
import {
  syncTables,
  type SafeReferralDb,
  type SyncConflictRow,
  type SyncKeyRow,
  type SyncOutboxRow,
  type SyncRecordRow,
  type SyncSingletonRow,
  type SyncStoreName,
} from "../db";
import type { SessionContext } from "../session-context";
import type { DeviceKeyMaterial } from "./device-keys";
import type { EnvelopeRefusal, OutgoingEnvelope, SyncDocument } from "./envelope";
import type { CaseKeyWrap } from "./transport";

/** What the server said when the device enrolled: a team's practitioner or manager, or a MARAC area's coordinator. */
export type Enrolment = TeamEnrolment | AreaEnrolment;

export interface TeamEnrolment {
  deviceId: string;
  teamId: string;
  role: "practitioner" | "manager";
  /** What the enrolment answered: "approved" for a team's first manager (the operator's code), else "pending". */
  status?: "pending" | "approved";
}

/** A MARAC coordinator's device belongs to an area, not a team (issue 17 item 1). */
export interface AreaEnrolment {
  deviceId: string;
  areaId: string;
  role: "coordinator";
  teamId?: undefined;
  /** "approved" for an area's first coordinator (the operator's code), else "pending". */
  status?: "pending" | "approved";
}

/** Whether the team lets this device in, as last learnt (enrolment, a sync round, or GET /api/devices). */
export type Membership = "awaiting-approval" | "approved" | "revoked";

/** The team manager key as first seen (trust on first use): a different key later is refused, never used. */
export interface PinnedManagerKey {
  keyId: string;
  publicKey: string;
  fingerprint: string;
  /** How many times the team key had been replaced when pinned (team-key-learning.ts); absent: 0, the first key. */
  sequence?: number;
}

/** What a removed device keeps of its keys: the public halves only (its private keys are deleted with the wipe). */
export type RemovedDeviceKeys = Pick<DeviceKeyMaterial, "ecdhPublicKey" | "ecdsaPublicKey">;

/** What the wipe of a removed device did (removal-wipe.ts), kept so the screens can say it after every unlock. */
export interface RemovalWipeResult {
  /** The team's cases deleted from this device. */
  removedCases: number;
  /** The cases still on this device afterwards (changes the team never received, or never the team's). */
  keptCases: number;
  at: string;
}

/** How this device learnt it is out of its team: final, the server never lets a device back in. */
export interface StoredRemoval {
  /**
   * "removed-by-manager": refused as `device-revoked`, so the team's cases are wiped here.
   * "unknown-to-server": refused as `unknown-device` (the server has lost or never had this device, so the
   * team may have lost its copy of the cases too): sync stops, nothing is wiped.
   */
  reason: "removed-by-manager" | "unknown-to-server";
  learntAt: string;
  /** Set by the wipe's own transaction; absent on a device removed by a manager: the wipe is still to do. */
  wiped?: RemovalWipeResult;
}

export interface StoredDevice {
  /** The public halves only once the device has been removed by a manager and wiped. */
  keys: DeviceKeyMaterial | RemovedDeviceKeys;
  createdAt: string;
  enrolment: Enrolment | null;
  managerKey: PinnedManagerKey | null;
  /** Absent until learnt; an enrolled device without it is waiting for approval. */
  membership?: Membership;
  /** When `membership` was recorded: a sync round attempted later says more. */
  membershipAt?: string;
  /** When the profile's records from before enrolment were queued (a practitioner's device, once). */
  queuedExisting?: string;
  /** Set once the server has refused this device as removed or unknown. */
  removal?: StoredRemoval;
  /**
   * The MARAC areas the team is linked to, as last listed (so a send can be made offline), each area's
   * key pinned on first sight: a different key for an area later is not used.
   */
  linkedAreas?: { areaId: string; name: string; keyId: string; publicKey: string }[];
  /** A coordinator's device: its area's key, pinned on first sight. */
  areaKey?: PinnedManagerKey & { areaId: string; name?: string };
}

/** Why the last sync did not finish, as a code the screens put in plain words. */
export type SyncProblemCode =
  | "offline"
  | "unavailable"
  | "signed-out"
  /** The team's manager has not set up the team manager key yet: changes wait. */
  | "no-manager-key"
  /** The server offered a team manager key other than the one this device pinned: nothing is shared to it. */
  | "manager-key-changed"
  /** This manager device holds no wrapping of the team manager key it can open. */
  | "manager-key-unreadable"
  /** The server refused a change (see the outbox entry); the others went. */
  | "change-refused"
  /** A coordinator's device: its MARAC area has no key yet (its first coordinator sets it up). */
  | "no-area-key"
  /** A coordinator's device: the area key offered is not the one it pinned, or it cannot open it. */
  | "area-key-changed";

export interface SyncProblem {
  code: SyncProblemCode;
  at: string;
  /** The server's code, for "change-refused". */
  detail: string | null;
}

/** An envelope from the server that failed a check: reported, never applied. */
export interface RefusedEnvelope {
  seq: number;
  recordId: string;
  authorDeviceId: string;
  version: number;
  reason: EnvelopeRefusal | "version-reused";
  at: string;
}

export interface SyncStateValue {
  /** The server's sequence cursor: every envelope up to it has been handled. */
  cursor: number;
  /** A coordinator's device: the area feed's cursor (opaque, as the server gave it). */
  areaCursor?: string;
  lastSyncedAt: string | null;
  lastAttemptAt: string | null;
  problem: SyncProblem | null;
  /** The most recent refused envelopes (at most REFUSED_KEPT), newest last. */
  refused: RefusedEnvelope[];
  /** Refused envelopes ever (the list above keeps the latest only). */
  refusedCount: number;
  /** The server's key-rotation cursor (GET /api/key-rotations): every rotation up to it has been learnt. */
  rotationCursor?: number;
  /** The server's key-grant cursor (GET /api/key-grants): every key granted up to it has been pulled. */
  grantCursor?: number;
}

export const REFUSED_KEPT = 50;

const EMPTY_STATE: SyncStateValue = {
  cursor: 0,
  lastSyncedAt: null,
  lastAttemptAt: null,
  problem: null,
  refused: [],
  refusedCount: 0,
};

/** The team's latest version of a record this device may read. */
export interface StoredRecord {
  document: SyncDocument;
  version: number;
  keyId: string;
  authorDeviceId: string;
  /** The author's signature (base64): tells our own acknowledged write from another device's. */
  signature: string;
  seq: number;
}

/** A local change waiting to be sent. */
export interface OutboxEntry {
  id: string;
  recordId: string;
  baseVersion: number;
  /** The signature of that version (base64), null for a new record: the server checks the edit is on it. */
  baseSignature: string | null;
  queuedAt: string;
  keyId: string;
  document: SyncDocument;
  /**
   * Built (encrypted and signed) once, just before the first attempt, then sent byte for byte the same
   * every time, so a send whose answer was lost is recognised as already stored. Null: never sent.
   */
  envelope: OutgoingEnvelope | null;
  /** The server's code when it last refused this change (not a conflict), else null. */
  refusedCode: string | null;
}

/** "Changed on another device": both versions, until the practitioner chooses or merges. */
export interface ConflictCopy {
  id: string;
  recordId: string;
  caseId: string;
  detectedAt: string;
  /** This device's version, never sent successfully (the record had moved on). */
  mine: SyncDocument;
  /** The team's version that arrived instead. */
  theirs: { document: SyncDocument; version: number; authorDeviceId: string };
}

export interface StoredKey {
  keyId: string;
  caseId: string;
  /** The case key's raw bytes, base64. */
  raw: string;
  /** The wrappings this device made for it (kept, so a retry sends the same bytes); null if it learnt the key. */
  wraps: CaseKeyWrap[] | null;
  /** The server holds the wrappings (or this device learnt the key from the server). */
  shared: boolean;
  /**
   * The key that replaced this one after a device that could read it was removed (key-rotation.ts):
   * later writes of the case use that one. Absent while this key is current.
   */
  replacedBy?: string;
  /**
   * Further recipients to wrap it to with the team's (a referral's key: the MARAC area's key, recipient
   * "area:<areaId>", public key base64). Absent for a case key.
   */
  alsoTo?: { recipient: string; publicKey: string }[];
}

type SealedValue<Row> = Omit<Row, "sealed"> & { sealed: Sealed };

export class SyncStore {
  readonly #context: SessionContext;

  constructor(context: SessionContext) {
    this.#context = context;
  }

  get db(): SafeReferralDb {
    return this.#context.db;
  }

  get profileId(): string {
    return this.#context.profileId;
  }

  nowIso(): string {
    return this.#context.nowIso();
  }

  #seal(store: SyncStoreName, id: string, value: unknown): Promise<Sealed> {
    return seal(this.#context.requireKey(), value, recordAad(store, this.profileId, id));
  }

  async #open<T>(store: SyncStoreName, id: string, sealed: Sealed): Promise<T> {
    return (await open(this.#context.requireKey(), sealed, recordAad(store, this.profileId, id))) as T;
  }

  #range(): [[string, unknown], [string, unknown]] {
    return [
      [this.profileId, Dexie.minKey],
      [this.profileId, Dexie.maxKey],
    ];
  }

  /** One transaction over every sync store, through the session (refused once locked or wiped). */
  write<T>(body: () => Promise<T>): Promise<T> {
    return this.#context.write(syncTables(this.db), body);
  }

  // ------------------------------------------------------------------ device and state

  async readDevice(): Promise<StoredDevice | null> {
    const row = await this.db.syncDevice.get(this.profileId);
    return row ? this.#open<StoredDevice>("syncDevice", this.profileId, row.sealed) : null;
  }

  async deviceRow(device: StoredDevice): Promise<SyncSingletonRow> {
    return {
      profileId: this.profileId,
      updatedAt: this.nowIso(),
      sealed: await this.#seal("syncDevice", this.profileId, device),
    };
  }

  async readState(): Promise<SyncStateValue> {
    const row = await this.db.syncState.get(this.profileId);
    return row ? this.#open<SyncStateValue>("syncState", this.profileId, row.sealed) : { ...EMPTY_STATE };
  }

  async stateRow(state: SyncStateValue): Promise<SyncSingletonRow> {
    return {
      profileId: this.profileId,
      updatedAt: this.nowIso(),
      sealed: await this.#seal("syncState", this.profileId, state),
    };
  }

  // ------------------------------------------------------------------ records

  async getRecords(recordIds: Iterable<string>): Promise<Map<string, StoredRecord>> {
    const ids = [...new Set(recordIds)];
    const rows = await this.db.syncRecords.bulkGet(ids.map((id): [string, string] => [this.profileId, id]));
    const found = new Map<string, StoredRecord>();
    await Promise.all(
      rows.map(async (row) => {
        if (row) found.set(row.id, await this.#open<StoredRecord>("syncRecords", row.id, row.sealed));
      }),
    );
    return found;
  }

  async getRecord(recordId: string): Promise<StoredRecord | undefined> {
    return (await this.getRecords([recordId])).get(recordId);
  }

  async listRecords(): Promise<StoredRecord[]> {
    const rows = await this.db.syncRecords
      .where("[profileId+id]")
      .between(...this.#range())
      .toArray();
    return Promise.all(rows.map((row) => this.#open<StoredRecord>("syncRecords", row.id, row.sealed)));
  }

  async recordRow(record: StoredRecord): Promise<SyncRecordRow> {
    const id = record.document.recordId;
    return {
      profileId: this.profileId,
      id,
      caseId: record.document.caseId,
      version: record.version,
      sealed: await this.#seal("syncRecords", id, record),
    };
  }

  /**
   * A row of the records store holding some other sealed value under a record id (a coordinator's
   * device keeps each referral it received this way: marac-coordinator.ts). Marked applied: the vault
   * bridge has nothing to do with it.
   */
  async sealedRecordRow(id: string, caseId: string, version: number, value: unknown): Promise<SyncRecordRow> {
    return {
      profileId: this.profileId,
      id,
      caseId,
      version,
      applied: version,
      sealed: await this.#seal("syncRecords", id, value),
    };
  }

  /** The sealed values of records-store rows written by sealedRecordRow. */
  async openRecordRows<T>(rows: readonly SyncRecordRow[]): Promise<T[]> {
    return Promise.all(rows.map((row) => this.#open<T>("syncRecords", row.id, row.sealed)));
  }

  /** Records whose team version the vault's stores do not hold yet (clear fields only: nothing is opened). */
  async unappliedRecordIds(): Promise<string[]> {
    const rows = await this.db.syncRecords
      .where("[profileId+id]")
      .between(...this.#range())
      .filter((row) => (row.applied ?? 0) < row.version)
      .toArray();
    return rows.map((row) => row.id);
  }

  /** Notes that the vault holds these versions; a record that has moved on to another version stays unapplied. */
  async markApplied(records: readonly { recordId: string; version: number }[]): Promise<void> {
    if (records.length === 0) return;
    await this.write(async () => {
      const rows = await this.db.syncRecords.bulkGet(
        records.map(({ recordId }): [string, string] => [this.profileId, recordId]),
      );
      const updated = rows.flatMap((row, index) =>
        row && row.version === records[index]!.version ? [{ ...row, applied: row.version }] : [],
      );
      await this.db.syncRecords.bulkPut(updated);
    });
  }

  // ------------------------------------------------------------------ outbox

  async #openOutbox(rows: SyncOutboxRow[]): Promise<OutboxEntry[]> {
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        recordId: row.recordId,
        baseVersion: row.baseVersion,
        queuedAt: row.queuedAt,
        ...(await this.#open<Omit<OutboxEntry, "id" | "recordId" | "baseVersion" | "queuedAt">>(
          "syncOutbox",
          row.id,
          row.sealed,
        )),
      })),
    );
  }

  /** Every waiting change, oldest first. */
  async listOutbox(): Promise<OutboxEntry[]> {
    return this.#openOutbox(
      await this.db.syncOutbox
        .where("[profileId+id]")
        .between(...this.#range())
        .toArray(),
    );
  }

  /** The waiting changes of one record, in the order they must be sent (by base version). */
  async outboxFor(recordId: string): Promise<OutboxEntry[]> {
    const rows = await this.db.syncOutbox.where("[profileId+recordId]").equals([this.profileId, recordId]).toArray();
    return (await this.#openOutbox(rows)).sort(byBaseVersion);
  }

  /** The waiting changes of these records, each record's in sending order. */
  async outboxForRecords(recordIds: Iterable<string>): Promise<Map<string, OutboxEntry[]>> {
    const keys = [...new Set(recordIds)].map((id): [string, string] => [this.profileId, id]);
    const rows = keys.length === 0 ? [] : await this.db.syncOutbox.where("[profileId+recordId]").anyOf(keys).toArray();
    const byRecord = new Map<string, OutboxEntry[]>();
    for (const entry of await this.#openOutbox(rows)) {
      const list = byRecord.get(entry.recordId) ?? [];
      list.push(entry);
      byRecord.set(entry.recordId, list);
    }
    for (const list of byRecord.values()) list.sort(byBaseVersion);
    return byRecord;
  }

  countOutbox(): Promise<number> {
    return this.db.syncOutbox.where("profileId").equals(this.profileId).count();
  }

  async outboxRow(entry: OutboxEntry): Promise<SyncOutboxRow> {
    const { id, recordId, baseVersion, queuedAt, ...content } = entry;
    const row: SealedValue<SyncOutboxRow> = {
      profileId: this.profileId,
      id,
      recordId,
      baseVersion,
      queuedAt,
      sealed: await this.#seal("syncOutbox", id, content),
    };
    return row;
  }

  outboxKey(id: string): [string, string] {
    return [this.profileId, id];
  }

  // ------------------------------------------------------------------ conflicts

  async listConflicts(): Promise<ConflictCopy[]> {
    const rows = await this.db.syncConflicts
      .where("[profileId+id]")
      .between(...this.#range())
      .toArray();
    const copies = await Promise.all(rows.map((row) => this.#open<ConflictCopy>("syncConflicts", row.id, row.sealed)));
    return copies.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
  }

  async getConflict(id: string): Promise<ConflictCopy | undefined> {
    const row = await this.db.syncConflicts.get([this.profileId, id]);
    return row ? this.#open<ConflictCopy>("syncConflicts", id, row.sealed) : undefined;
  }

  countConflicts(): Promise<number> {
    return this.db.syncConflicts.where("profileId").equals(this.profileId).count();
  }

  async conflictRow(copy: ConflictCopy): Promise<SyncConflictRow> {
    return {
      profileId: this.profileId,
      id: copy.id,
      recordId: copy.recordId,
      caseId: copy.caseId,
      detectedAt: copy.detectedAt,
      sealed: await this.#seal("syncConflicts", copy.id, copy),
    };
  }

  conflictKey(id: string): [string, string] {
    return [this.profileId, id];
  }

  // ------------------------------------------------------------------ case keys

  async getKey(keyId: string): Promise<StoredKey | undefined> {
    const row = await this.db.syncKeys.get([this.profileId, keyId]);
    return row ? this.#open<StoredKey>("syncKeys", keyId, row.sealed) : undefined;
  }

  /** The case keys of these ids this device holds (one read for a whole pulled page). */
  async getKeys(keyIds: Iterable<string>): Promise<Map<string, StoredKey>> {
    const ids = [...new Set(keyIds)];
    const rows = await this.db.syncKeys.bulkGet(ids.map((id): [string, string] => [this.profileId, id]));
    const found = new Map<string, StoredKey>();
    await Promise.all(
      rows.map(async (row) => {
        if (row) found.set(row.id, await this.#open<StoredKey>("syncKeys", row.id, row.sealed));
      }),
    );
    return found;
  }

  /**
   * The key a case's records are written under, if this device has one: the lowest id among those not
   * replaced (every device picks the same).
   */
  async keyForCase(caseId: string): Promise<StoredKey | undefined> {
    const rows = await this.db.syncKeys.where("[profileId+caseId]").equals([this.profileId, caseId]).toArray();
    const keys = await Promise.all(rows.map((row) => this.#open<StoredKey>("syncKeys", row.id, row.sealed)));
    return keys.filter((key) => key.replacedBy === undefined).sort((a, b) => a.keyId.localeCompare(b.keyId))[0];
  }

  /** Every key of a case this device holds, replaced ones too (a reassignment gives them all). */
  async keysOfCase(caseId: string): Promise<StoredKey[]> {
    const rows = await this.db.syncKeys.where("[profileId+caseId]").equals([this.profileId, caseId]).toArray();
    return Promise.all(rows.map((row) => this.#open<StoredKey>("syncKeys", row.id, row.sealed)));
  }

  /** The newest key of a chain of replacements starting at `keyId` (itself when never replaced or not held). */
  async currentKeyId(keyId: string): Promise<string> {
    let current = keyId;
    for (let step = 0; step < 100; step += 1) {
      const next = (await this.getKey(current))?.replacedBy;
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  async keyRow(key: StoredKey): Promise<SyncKeyRow> {
    return {
      profileId: this.profileId,
      id: key.keyId,
      caseId: key.caseId,
      sealed: await this.#seal("syncKeys", key.keyId, key),
    };
  }

  /**
   * Removes what this profile synced — the cursor, the team's records, waiting changes, conflicts and
   * case keys — but keeps the device row, so the screens can still say the team removed this device.
   */
  async clearTeamData(): Promise<void> {
    const device = this.db.syncDevice;
    await this.write(async () => {
      for (const table of syncTables(this.db)) {
        if (table !== device) await table.where("profileId").equals(this.profileId).delete();
      }
    });
  }

  /** Removes every sync row of this profile (the device leaves its team). */
  async clear(): Promise<void> {
    await this.write(async () => {
      for (const table of syncTables(this.db)) await table.where("profileId").equals(this.profileId).delete();
    });
  }
}

export function byBaseVersion(a: OutboxEntry, b: OutboxEntry): number {
  return a.baseVersion - b.baseVersion || a.id.localeCompare(b.id);
}
