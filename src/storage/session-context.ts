/**
 * What the per-store modules (cases, assessments, packs, review notes, settings, portable records)
 * get from the unlocked `VaultSession` that calls them: the database, the profile, the key while
 * the session is open, and the session's write and audit paths. Built once by the session; the
 * stores hold no state of their own beyond what the session gives them.
 */

import type { Table } from "dexie";
import type { CaseRowCache } from "./case-row-cache";
import { open, recordAad, type Sealed } from "./crypto";
import type { AuditAction, SafeReferralDb } from "./db";
import { RecordNotFoundError, TamperEvidenceError } from "./errors";
import {
  hasValidRowMac,
  type IntegrityKeys,
  type ManifestWork,
  type Versioned,
  type VersionedStore,
} from "./integrity";
import type { RecordArrivals, RecordChanges } from "./record-changes";

export interface SessionContext {
  readonly db: SafeReferralDb;
  readonly profileId: string;
  /** The profile's label (the author of new cases, the reviewer on review notes). */
  readonly label: string;
  /** The data key; throws VaultLockedError once the session is locked. */
  requireKey(): CryptoKey;
  /** The profile's MAC keys (integrity.ts); throws VaultLockedError once the session is locked. */
  integrity(): IntegrityKeys;
  /**
   * Checks once per session (first call; later calls share the result) that the profile's records
   * are the versions its manifest vouches for, adopting pre-version-3 rows on the first run.
   * Rejects with TamperEvidenceError. Every read of records and every write waits for it.
   */
  verifyRecords(): Promise<void>;
  /** The case rows last read with the manifest head (case-row-cache.ts), filled by the record-version check. */
  readonly caseRows: CaseRowCache;
  /**
   * The manifest head being updated by the current `write` (call only inside one): stamp every
   * versioned row written (`stamp`), remove every one deleted (`remove`). Stored when the write ends.
   */
  manifest(): ManifestWork;
  now(): Date;
  nowIso(): string;
  /**
   * Every write goes through here: one transaction over `tables` (plus profiles) that checks the
   * session is still unlocked and the profile still exists, so nothing lands after a lock or wipe.
   */
  write<T>(tables: Table[], body: () => Promise<T>): Promise<T>;
  /** Appends an audit entry for this profile; call inside `write`. */
  audit(action: AuditAction, caseId?: string | null, detail?: string | null): Promise<void>;
  /** One "edit" entry per record per session, not one per autosave; call inside `write`. */
  auditEditOnce(store: string, recordId: string, caseId: string): Promise<void>;
  /** Whether this session has already audited an edit (or the creation) of the record. */
  isEditAudited(store: string, recordId: string): boolean;
  /** Later edits of the record in this session need no further "edit" entry. */
  markEditAudited(store: string, recordId: string): void;
  /** Forget the key at once (the profile is gone). */
  dropKey(): void;
  /** Told after a case, assessment, pack or review is saved (team sync's outbox listens). */
  readonly changes: RecordChanges;
  /** Told after records from another device have been written here (team sync). */
  readonly arrivals: RecordArrivals;
}

/** A timestamp strictly after `previous`, so "newer" comparisons (e.g. on re-import) never tie. */
export function laterThan(previous: string | null, now: Date): string {
  if (previous !== null && Date.parse(previous) >= now.getTime()) {
    return new Date(Date.parse(previous) + 1).toISOString();
  }
  return now.toISOString();
}

/**
 * Refuses a stored row whose clear fields, version or ciphertext don't match its MAC (TamperEvidenceError),
 * so nothing altered outside the app is shown or carried into a new write. Returns the row.
 */
export function checkRow<Row extends Versioned>(context: SessionContext, store: VersionedStore, row: Row): Row {
  if (!hasValidRowMac(context.integrity(), store, row)) {
    throw new TamperEvidenceError(row.mac === undefined ? "record-unauthenticated" : "record-altered", store);
  }
  return row;
}

/**
 * Reads one sealed record of this profile, decrypts it and records the "view" in the audit trail.
 * `read` checks the decrypted value before the view is audited, so a record that can't be read
 * leaves no "view" entry.
 */
export async function openAndAudit<Row extends { sealed: Sealed } & Versioned, Value = unknown>(
  context: SessionContext,
  table: Table<Row, [string, string]>,
  store: "cases" | "assessments" | "packs",
  id: string,
  view: (row: Row) => { caseId: string; detail: string },
  read: (opened: unknown) => Value = (opened) => opened as Value,
): Promise<{ row: Row; value: Value }> {
  const key = context.requireKey();
  await context.verifyRecords();
  const row = await table.get([context.profileId, id]);
  if (!row) throw new RecordNotFoundError(store);
  checkRow(context, store, row);
  const value = read(await open(key, row.sealed, recordAad(store, context.profileId, id)));
  const { caseId, detail } = view(row);
  await context.write([context.db.audit], () => context.audit("view", caseId, detail));
  return { row, value };
}
