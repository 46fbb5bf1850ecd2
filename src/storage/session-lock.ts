/**
 * The life of an unlocked session's keys: the data key and the MAC keys, held until `lock()` or a wipe,
 * and the work that must finish before they go (autosavers' flushes, registered with `onBeforeLock`).
 * Private to the `VaultSession` that creates it: store modules ask for a key per call through the
 * session's `SessionContext` and never keep one.
 */

import { appendAudit } from "./audit";
import type { SafeReferralDb } from "./db";
import { LockFlushError, PendingSaveError, VaultLockedError } from "./errors";
import type { IntegrityKeys } from "./integrity";

export interface SessionLockOptions {
  readonly db: SafeReferralDb;
  readonly profileId: string;
  readonly key: CryptoKey;
  readonly integrity: IntegrityKeys;
  nowIso(): string;
  /** The session's own cleanup once the keys are gone (queued drafts, listeners, the vault's list of sessions). */
  onDropped(): void;
}

export class SessionLock {
  readonly #db: SafeReferralDb;
  readonly #profileId: string;
  readonly #nowIso: () => string;
  readonly #onDropped: () => void;
  #key: CryptoKey | null;
  #integrity: IntegrityKeys | null;
  readonly #beforeLock = new Set<() => Promise<void>>();
  #locking: Promise<void> | null = null;

  constructor(options: SessionLockOptions) {
    this.#db = options.db;
    this.#profileId = options.profileId;
    this.#nowIso = options.nowIso;
    this.#onDropped = options.onDropped;
    this.#key = options.key;
    this.#integrity = options.integrity;
  }

  get isLocked(): boolean {
    return this.#key === null;
  }

  requireKey(): CryptoKey {
    if (this.#key === null) throw new VaultLockedError();
    return this.#key;
  }

  requireIntegrity(): IntegrityKeys {
    if (this.#integrity === null) throw new VaultLockedError();
    return this.#integrity;
  }

  /**
   * Registers work that must finish before the key is dropped, typically an
   * autosaver's flush. Returns an unregister function.
   */
  onBeforeLock(hook: () => Promise<void>): () => void {
    this.requireKey();
    this.#beforeLock.add(hook);
    return () => this.#beforeLock.delete(hook);
  }

  /**
   * Flushes pending saves, then forgets the key. Always ends locked; if a
   * flush failed it rejects with LockFlushError afterwards. Safe to call twice.
   */
  lock(): Promise<void> {
    if (this.#key === null) return Promise.resolve();
    // The hook loop is written out here and in flushPending rather than shared, so the first hook (or,
    // with none, the lock's audit write) still starts synchronously within the call, as it always has.
    this.#locking ??= (async () => {
      const failures: unknown[] = [];
      for (const hook of [...this.#beforeLock]) {
        try {
          await hook();
        } catch (error) {
          failures.push(error);
        }
      }
      try {
        const db = this.#db;
        const keys = this.requireIntegrity();
        await db.transaction("rw", [db.audit, db.manifest], () =>
          appendAudit(db, { profileId: this.#profileId, action: "lock", at: this.#nowIso() }, keys),
        );
      } catch {
        // Locking must never be prevented by a failed audit write.
      }
      this.drop();
      if (failures.length > 0) throw new LockFlushError(failures);
    })();
    return this.#locking;
  }

  /**
   * Runs the same hooks as `lock()` without locking. Rejects with PendingSaveError if any flush failed
   * (all are still attempted). The keys are kept.
   */
  async flushPending(): Promise<void> {
    this.requireKey();
    const failures: unknown[] = [];
    for (const hook of [...this.#beforeLock]) {
      try {
        await hook();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new PendingSaveError(failures);
  }

  /** Forget the keys immediately, without flushing (used by wipes, and by a write that finds the profile gone). */
  drop(): void {
    this.#key = null;
    this.#integrity = null;
    this.#beforeLock.clear();
    this.#onDropped();
  }
}
