/**
 * An unlocked session's write path: the record-version check every read and write waits for, the
 * transaction every write goes through (with the manifest head it updates), and the audit helpers
 * used inside it. The `VaultSession` hands these to the stores through its `SessionContext`.
 */

import { Dexie, type Table } from "dexie";
import { buildAuditRow } from "./audit";
import type { CaseRowCache } from "./case-row-cache";
import type { AuditAction, SafeReferralDb } from "./db";
import { VaultLockedError } from "./errors";
import { ManifestWork } from "./integrity";
import { verifyRecordVersions } from "./integrity-check";
import type { SessionLock } from "./session-lock";

export interface SessionWritesOptions {
  readonly db: SafeReferralDb;
  readonly profileId: string;
  /** The session's keys: checked inside every transaction, dropped when the profile is found gone. */
  readonly lock: SessionLock;
  readonly caseRows: CaseRowCache;
  nowIso(): string;
}

export class SessionWrites {
  readonly #db: SafeReferralDb;
  readonly #profileId: string;
  readonly #lock: SessionLock;
  readonly #caseRows: CaseRowCache;
  readonly #nowIso: () => string;
  /** The record-version check, run once per session (see SessionContext.verifyRecords). */
  #verified: Promise<void> | null = null;
  /** The manifest head each open write transaction is updating. */
  readonly #manifests = new WeakMap<object, ManifestWork>();
  /** Records already audited as "edit" in this session: one entry per record per session, not one per autosave. */
  readonly #auditedEdits = new Set<string>();

  constructor(options: SessionWritesOptions) {
    this.#db = options.db;
    this.#profileId = options.profileId;
    this.#lock = options.lock;
    this.#caseRows = options.caseRows;
    this.#nowIso = options.nowIso;
  }

  verifyRecords(): Promise<void> {
    const keys = this.#lock.requireIntegrity();
    this.#verified ??= verifyRecordVersions(this.#db, keys, this.#profileId, this.#caseRows);
    return this.#verified;
  }

  currentManifest(): ManifestWork {
    const transaction = Dexie.currentTransaction;
    const work = transaction ? this.#manifests.get(transaction) : undefined;
    if (!work) throw new Error("The manifest is only available inside a session write.");
    return work;
  }

  /**
   * Every write goes through here. The lock check runs inside the
   * transaction, so a write queued behind a wipe or lock can't land after it,
   * and the profile check stops another tab's still-open session writing into
   * a profile that has been wiped.
   */
  async write<T>(tables: Table[], body: () => Promise<T>): Promise<T> {
    const keys = this.#lock.requireIntegrity();
    // Nothing is written over records that fail the check (the write would vouch for them).
    await this.verifyRecords();
    const db = this.#db;
    const scope = [...tables, db.profiles, db.manifest];
    return db.transaction("rw", scope, async () => {
      this.#lock.requireKey();
      // The profile may have been wiped from another tab. The check is issued alongside the
      // body's own reads (autosave runs on every change, so round trips count); if it fails,
      // throwing aborts the transaction and nothing the body wrote is kept.
      const profileStillExists = db.profiles.get(this.#profileId);
      // The manifest head is read and written in the same transaction as the records it vouches for.
      const work = new ManifestWork(keys, this.#profileId, await db.manifest.get(this.#profileId));
      this.#manifests.set(Dexie.currentTransaction!, work);
      const result = await body();
      if (!(await profileStillExists)) {
        this.#lock.drop();
        throw new VaultLockedError();
      }
      if (work.dirty) await db.manifest.put(work.row());
      return result;
    });
  }

  async audit(action: AuditAction, caseId: string | null = null, detail: string | null = null): Promise<void> {
    const row = buildAuditRow({ profileId: this.#profileId, action, caseId, detail, at: this.#nowIso() });
    await this.#db.audit.add(this.currentManifest().chain(row));
  }

  async auditEditOnce(store: string, recordId: string, caseId: string): Promise<void> {
    const marker = `${store}/${recordId}`;
    if (this.#auditedEdits.has(marker)) return;
    await this.audit("edit", caseId, store === "cases" ? "case" : store.replace(/s$/, ""));
    this.#auditedEdits.add(marker);
  }

  isEditAudited(store: string, recordId: string): boolean {
    return this.#auditedEdits.has(`${store}/${recordId}`);
  }

  markEditAudited(store: string, recordId: string): void {
    this.#auditedEdits.add(`${store}/${recordId}`);
  }
}
