/**
 * The device's single IndexedDB database, its row shapes and its schema history.
 *
 * One database per device ("safe-referral") shared by every practitioner
 * profile on it. Every row except `profiles` carries `profileId`, and the
 * primary keys of per-profile stores are compound `[profileId+id]`, so a
 * lookup physically cannot reach another profile's row without naming that
 * profile. Each profile's data key is different too, so even a scoping bug
 * could not decrypt another practitioner's content.
 *
 * Migrations are additive only: a new version may add stores, indexes and
 * fields (with an `upgrade` that backfills), never remove or re-key anything,
 * so an older tab or a restored backup never meets a shape it can't read.
 */

import { Dexie, type Table, type Transaction } from "dexie";
import type { Sealed } from "./crypto";

export const DATABASE_NAME = "safe-referral";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ProfileRow {
  id: string;
  /** What the practitioner sees on the "who are you?" screen. Not secret. */
  label: string;
  createdAt: string;
  kdf: { salt: string; iterations: number };
  /** Data key wrapped (AES-KW) under the passphrase-derived key. */
  wrappedDataKey: string;
  /** Same data key wrapped under the recovery-key-derived key. */
  recovery: { salt: string; wrappedDataKey: string };
  /** Consecutive failed unlocks; reset on success. Failures never delete anything. */
  failedAttempts: number;
  /** ISO time before which unlock attempts are refused unchecked, or null. */
  lockedUntil: string | null;
}

export const CASE_STATUSES = ["open", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Clear (unencrypted) per-case fields, so the case list can be drawn for
 * thousands of cases without decrypting anything. They must stay
 * non-identifying: codes and numbers, never names or free text.
 */
export interface CaseSummaryFields {
  riskLevel: string | null;
  /** Blue/Red/Amber/Green rating code. */
  brag: string | null;
  flags: string[];
  qualityScore: number | null;
  latestAssessedAt: string | null;
}

/** One referral marked as sent (see VaultSession.markReferralSent). Clear: timestamps only. */
export interface ReferralSentRecord {
  sentAt: string;
  /** The case's latestAssessedAt when the referral was sent, so time-to-referral needs no decryption. */
  assessedAt: string | null;
}

/**
 * Clear fields the manager's review reads (added after version 2; optional, so older rows and
 * older backups stay valid). `author` and `agency` are practitioner-side labels (who wrote the
 * case, for which agency), never anything about the victim; the rest are codes and timestamps.
 */
export interface CaseReviewFields {
  /** The label of the profile that created the case; kept when the case is exported and imported. */
  author?: string | null;
  agency?: string | null;
  /** The assessor role code of the latest completed assessment (e.g. "police", "idva"). */
  assessorRole?: string | null;
  /** "returned-for-improvement" or "reviewed" once a manager has reviewed the case; null before. */
  reviewStatus?: string | null;
  reviewedAt?: string | null;
  /** By referral kind ("marac", "s42", …): when it was sent. */
  referralsSent?: Record<string, ReferralSentRecord>;
}

/**
 * Tamper evidence (version 3, see integrity.ts): the record's version (from the profile's manifest
 * clock) and a MAC over its clear fields, version and ciphertext IV. Absent only on rows written
 * before version 3, until the first unlock adopts them.
 */
export interface RowIntegrity {
  ver?: number;
  mac?: string;
}

export interface CaseRow extends CaseSummaryFields, CaseReviewFields, RowIntegrity {
  id: string;
  profileId: string;
  createdAt: string;
  updatedAt: string;
  status: CaseStatus;
  /** Identifying details (names, addresses, narrative). */
  sealed: Sealed;
}

export const ASSESSMENT_STATUSES = ["draft", "completed"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface AssessmentRow extends RowIntegrity {
  id: string;
  caseId: string;
  profileId: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the assessment is completed; null while it is a draft. */
  assessedAt: string | null;
  status: AssessmentStatus;
  questionSetId: string;
  questionSetVersion: string;
  policyName: string;
  policyVersion: string;
  riskLevel: string | null;
  /** `{ content, outcome }`: the answers and the computed outcome. */
  sealed: Sealed;
}

export interface PackRow extends RowIntegrity {
  id: string;
  caseId: string;
  profileId: string;
  createdAt: string;
  updatedAt: string;
  kind: string;
  status: string;
  /**
   * When the pack was marked ready to send / marked as sent (ISO time), or null. Clear, like
   * `status`, so a manager's review can see which referrals went out, and when, without decrypting
   * anything; a timestamp identifies no one. Absent on packs saved without them.
   */
  readyAt?: string | null;
  sentAt?: string | null;
  sealed: Sealed;
}

export const AUDIT_ACTIONS = [
  "create",
  "view",
  "edit",
  "export",
  "share-pack",
  "delete",
  "import",
  "unlock",
  "unlock-failed",
  "lock",
  "passphrase-change",
  "recovery-reset",
  "recovery-key-regenerated",
  "wipe",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `practitioner` = the profile's owner acted; `system` = the app acted on its own (e.g. an import's bookkeeping). */
export type AuditActor = "practitioner" | "system";

export interface AuditRow {
  id: string;
  profileId: string;
  caseId: string | null;
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** Short, non-identifying note such as "3 cases". Never case content. */
  detail: string | null;
  /**
   * Position in the profile's audit chain (1, 2, …) and the chain MAC (this entry's fields, seq and
   * the previous entry's MAC). Absent on entries written without the key (failed unlocks) and on
   * entries from before version 3 until the first unlock adopts them.
   */
  seq?: number;
  mac?: string;
  /**
   * Set on entries brought in by an import: the import's description (file kind and contents). The
   * chain vouches only that this device imported the entry, not that the event happened.
   */
  source?: string | null;
}

/**
 * One per profile (version 3): the authenticated head of the record-version manifest and of the
 * audit chain (see integrity.ts). `sum` is hex; `mac` covers every other field.
 */
export interface ManifestRow {
  profileId: string;
  /** The last version handed out; every write takes the next one. */
  clock: number;
  /** Live versioned records. */
  count: number;
  sum: string;
  /** The audit chain's last entry (0 / null: empty chain). */
  auditSeq: number;
  auditMac: string | null;
  mac: string;
}

/** A setting is either clear (`value`, e.g. UI preferences) or sealed (`sealed`), never both. */
export interface SettingRow extends RowIntegrity {
  profileId: string;
  key: string;
  updatedAt: string;
  value: JsonValue | null;
  sealed: Sealed | null;
}

/**
 * Team sync (version 4, src/storage/sync). Every row's content is sealed under the profile's data key
 * (AAD: store, profile, id); the clear fields are ids the server also sees (random UUIDs), numbers and
 * times, never case content. The rows are outside the tamper-evidence manifest on purpose: the server's
 * signed envelopes are the authority for synced records, and a rolled-back sync row only makes the
 * device pull again (see src/storage/sync/README.md).
 */
export interface SyncSingletonRow {
  profileId: string;
  updatedAt: string;
  sealed: Sealed;
}

/** The team's latest version of one record this device may read (id = the record id). */
export interface SyncRecordRow {
  profileId: string;
  id: string;
  caseId: string;
  version: number;
  /**
   * The version the vault's stores hold (written there from another device's version, or this device's
   * own); absent or lower: not applied yet (sync/vault-bridge.ts). A fresh version is written without it.
   */
  applied?: number;
  sealed: Sealed;
}

/** One local change waiting to be sent (id orders the queue). */
export interface SyncOutboxRow {
  profileId: string;
  id: string;
  recordId: string;
  /** The team version the change was made on (0: a new record). It becomes version baseVersion + 1. */
  baseVersion: number;
  queuedAt: string;
  sealed: Sealed;
}

/** "Changed on another device": both versions of a record, kept until the practitioner chooses or merges. */
export interface SyncConflictRow {
  profileId: string;
  id: string;
  recordId: string;
  caseId: string;
  detectedAt: string;
  sealed: Sealed;
}

/** A case key this device holds (id = the key id), sealed, with the wrappings it sends for it. */
export interface SyncKeyRow {
  profileId: string;
  id: string;
  caseId: string;
  sealed: Sealed;
}

type OriginalStoreName = "profiles" | "cases" | "assessments" | "packs" | "audit" | "settings";
export type SyncStoreName = "syncDevice" | "syncState" | "syncRecords" | "syncOutbox" | "syncConflicts" | "syncKeys";
export type StoreName = OriginalStoreName | "manifest" | SyncStoreName;

export interface SchemaVersion {
  version: number;
  /** Why this version exists, for whoever writes the next one. */
  description: string;
  /** Complete Dexie schema for this version (every store, not just changes), so additivity can be checked. */
  stores: Record<OriginalStoreName, string> & Partial<Record<StoreName, string>>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}

/**
 * The schema history. Append new versions; never edit or delete old ones,
 * because devices in the field may still be on any of them.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    description: "Initial stores.",
    stores: {
      profiles: "id",
      cases: "[profileId+id], profileId, [profileId+updatedAt]",
      assessments: "[profileId+id], profileId, [profileId+caseId]",
      packs: "[profileId+id], profileId, [profileId+caseId]",
      audit: "id, profileId, [profileId+at]",
      settings: "[profileId+key], profileId",
    },
  },
  {
    version: 2,
    description:
      'Case list can sort by "last assessed" and the audit trail can be filtered by case. ' +
      "Backfills cases.latestAssessedAt from the clear assessedAt of completed assessments.",
    stores: {
      profiles: "id",
      cases: "[profileId+id], profileId, [profileId+updatedAt], [profileId+latestAssessedAt]",
      assessments: "[profileId+id], profileId, [profileId+caseId]",
      packs: "[profileId+id], profileId, [profileId+caseId]",
      audit: "id, profileId, [profileId+at], [profileId+caseId]",
      settings: "[profileId+key], profileId",
    },
    upgrade: backfillLatestAssessedAt,
  },
  {
    version: 3,
    description:
      "Tamper evidence (issue 15): a per-profile manifest head, and the audit chain in order " +
      "([profileId+seq]). No upgrade function: MACs need the key, " +
      "so rows from before this version are adopted (versioned, MACed, chained) on the profile's first " +
      "unlock afterwards (integrity-check.ts).",
    stores: {
      profiles: "id",
      cases: "[profileId+id], profileId, [profileId+updatedAt], [profileId+latestAssessedAt]",
      assessments: "[profileId+id], profileId, [profileId+caseId]",
      packs: "[profileId+id], profileId, [profileId+caseId]",
      audit: "id, profileId, [profileId+at], [profileId+caseId], [profileId+seq]",
      settings: "[profileId+key], profileId",
      manifest: "profileId",
    },
  },
  {
    version: 4,
    description:
      "Team sync (issue 16): the device's sealed identity (syncDevice), the pull cursor and last sync " +
      "(syncState), the team's latest version of each readable record (syncRecords), local changes waiting " +
      "to be sent (syncOutbox), both versions of a record changed on two devices (syncConflicts) and case " +
      "keys (syncKeys). New stores only; nothing existing changes, so no upgrade function.",
    stores: {
      profiles: "id",
      cases: "[profileId+id], profileId, [profileId+updatedAt], [profileId+latestAssessedAt]",
      assessments: "[profileId+id], profileId, [profileId+caseId]",
      packs: "[profileId+id], profileId, [profileId+caseId]",
      audit: "id, profileId, [profileId+at], [profileId+caseId], [profileId+seq]",
      settings: "[profileId+key], profileId",
      manifest: "profileId",
      syncDevice: "profileId",
      syncState: "profileId",
      syncRecords: "[profileId+id], profileId, [profileId+caseId]",
      syncOutbox: "[profileId+id], profileId, [profileId+recordId]",
      syncConflicts: "[profileId+id], profileId, [profileId+recordId]",
      syncKeys: "[profileId+id], profileId, [profileId+caseId]",
    },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

async function backfillLatestAssessedAt(transaction: Transaction): Promise<void> {
  // Only clear fields are read, so the migration needs no keys and can run before anyone unlocks.
  const latestByCase = new Map<string, string>();
  await transaction.table<AssessmentRow>("assessments").each((assessment) => {
    if (assessment.status !== "completed" || assessment.assessedAt === null) return;
    const caseKey = `${assessment.profileId}\u0000${assessment.caseId}`;
    const known = latestByCase.get(caseKey);
    if (known === undefined || assessment.assessedAt > known) {
      latestByCase.set(caseKey, assessment.assessedAt);
    }
  });
  await transaction
    .table<Partial<CaseRow> & Pick<CaseRow, "id" | "profileId">>("cases")
    .toCollection()
    .modify((row) => {
      if (row.latestAssessedAt === undefined) {
        row.latestAssessedAt = latestByCase.get(`${row.profileId}\u0000${row.id}`) ?? null;
      }
    });
}

export interface OpenDatabaseOptions {
  name?: string;
  /** Inject an IndexedDB implementation (tests pass a fresh fake-indexeddb factory per test). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Open at an older schema version. Only migration tests need this. */
  schemaVersion?: number;
}

export class SafeReferralDb extends Dexie {
  declare profiles: Table<ProfileRow, string>;
  declare cases: Table<CaseRow, [string, string]>;
  declare assessments: Table<AssessmentRow, [string, string]>;
  declare packs: Table<PackRow, [string, string]>;
  declare audit: Table<AuditRow, string>;
  declare settings: Table<SettingRow, [string, string]>;
  declare manifest: Table<ManifestRow, string>;
  declare syncDevice: Table<SyncSingletonRow, string>;
  declare syncState: Table<SyncSingletonRow, string>;
  declare syncRecords: Table<SyncRecordRow, [string, string]>;
  declare syncOutbox: Table<SyncOutboxRow, [string, string]>;
  declare syncConflicts: Table<SyncConflictRow, [string, string]>;
  declare syncKeys: Table<SyncKeyRow, [string, string]>;

  constructor(options: OpenDatabaseOptions = {}) {
    super(options.name ?? DATABASE_NAME, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    const upTo = options.schemaVersion ?? LATEST_SCHEMA_VERSION;
    for (const schema of SCHEMA_VERSIONS) {
      if (schema.version > upTo) break;
      const declared = this.version(schema.version).stores(schema.stores);
      if (schema.upgrade) declared.upgrade(schema.upgrade);
    }
  }
}

export function openDatabase(options: OpenDatabaseOptions = {}): SafeReferralDb {
  return new SafeReferralDb(options);
}

/** Lower/upper bounds covering every compound key that starts with `profileId`. */
export function profileRange(profileId: string): [lower: [string, number], upper: [string, typeof Dexie.maxKey]] {
  return [
    [profileId, Dexie.minKey],
    [profileId, Dexie.maxKey],
  ];
}

/** The team sync stores (version 4): every one keyed or indexed by profileId, so a profile's wipe reaches them. */
export function syncTables(db: SafeReferralDb): Table[] {
  return [db.syncDevice, db.syncState, db.syncRecords, db.syncOutbox, db.syncConflicts, db.syncKeys];
}
