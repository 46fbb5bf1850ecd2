/**
 * Typed errors thrown by the storage layer. Screens branch on `instanceof`
 * (or on `name`, which survives structured cloning across workers/tabs).
 * Messages are plain English and never contain case content, because they
 * may end up on screen or in a bug report.
 */

export class StorageError extends Error {
  // Spelled out per class (not new.target.name) because minifiers rename classes.
  override name = "StorageError";
}

/** The passphrase didn't unwrap the data key. Nothing is deleted by failed attempts. */
export class WrongPassphraseError extends StorageError {
  override name = "WrongPassphraseError";
  constructor(
    /** How long the screen must wait before the next attempt is accepted (0 = straight away). */
    readonly retryAfterMs: number,
    /** Consecutive failures recorded for this profile, including this one. */
    readonly failedAttempts: number,
  ) {
    super("That passphrase is not correct.");
  }
}

/** An unlock was attempted while the profile is still in its post-failure delay; the passphrase was not checked. */
export class UnlockThrottledError extends StorageError {
  override name = "UnlockThrottledError";
  constructor(readonly retryAfterMs: number) {
    super(`Too many incorrect attempts. Try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`);
  }
}

export class WrongRecoveryKeyError extends StorageError {
  override name = "WrongRecoveryKeyError";
  constructor(
    readonly reason: "malformed" | "incorrect",
    readonly retryAfterMs = 0,
  ) {
    super(
      reason === "malformed"
        ? "That recovery key is not in the right format. It should be 24 letters and numbers."
        : "That recovery key does not match this profile.",
    );
  }
}

/** The session was locked (or wiped); its key has been dropped. Unlock again to get a new session. */
export class VaultLockedError extends StorageError {
  override name = "VaultLockedError";
  constructor() {
    super("The vault is locked. Unlock it again to continue.");
  }
}

export class ProfileNotFoundError extends StorageError {
  override name = "ProfileNotFoundError";
  constructor() {
    super("That profile does not exist on this device.");
  }
}

/**
 * The record doesn't exist for this profile. Deliberately the same error
 * whether the id is unknown or belongs to another profile, so one
 * practitioner can't probe for another's case ids.
 */
export class RecordNotFoundError extends StorageError {
  override name = "RecordNotFoundError";
  constructor(readonly store: string) {
    super(`The requested ${store.replace(/s$/, "")} could not be found.`);
  }
}

/** A stored ciphertext failed authentication: corrupted, tampered with, or moved from another row/profile. */
export class IntegrityError extends StorageError {
  override name = "IntegrityError";
  constructor(options?: ErrorOptions) {
    super("Some saved data could not be read. It may be damaged.", options);
  }
}

export class InvalidInputError extends StorageError {
  override name = "InvalidInputError";
}

export class AssessmentCompletedError extends StorageError {
  override name = "AssessmentCompletedError";
  constructor() {
    super("This assessment has been completed and can no longer be edited.");
  }
}

/** One or more pre-lock flushes failed. The session is locked regardless; the unsaved value stays in the autosaver's memory. */
/**
 * A new draft was refused because the case already has a draft in progress (e.g. started in another
 * tab): one draft per case. `existingId` is that draft; open it instead.
 */
export class DraftExistsError extends StorageError {
  override name = "DraftExistsError";
  constructor(readonly existingId: string) {
    super("This case already has an assessment in progress.");
  }
}

export class LockFlushError extends StorageError {
  override name = "LockFlushError";
  constructor(readonly causes: unknown[]) {
    super("The vault was locked, but some recent changes could not be saved first.");
  }
}

export type ImportErrorCode =
  | "too-large"
  | "empty"
  | "not-json"
  | "not-a-backup"
  | "unsupported-version"
  | "invalid-envelope"
  | "cannot-decrypt"
  | "invalid-contents"
  | "digest-mismatch"
  | "kind-mismatch"
  | "duplicate-records"
  | "dangling-reference"
  /** A record is dated more than a few minutes after this device's clock. */
  | "future-timestamp"
  /** This device's records changed between checking the file and confirming the import. */
  | "changed-since-check"
  /** The practitioner cancelled the import. */
  | "cancelled"
  | "write-failed";

/** Import refused. The database is untouched whenever this is thrown. */
export class ImportError extends StorageError {
  override name = "ImportError";
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** `session.flushPending()` could not write some pending changes; the session stays unlocked and they stay pending. */
export class PendingSaveError extends StorageError {
  override name = "PendingSaveError";
  constructor(readonly causes: unknown[]) {
    super("Some recent changes could not be saved.");
  }
}

export type TamperReason =
  /** A row's clear fields, version or ciphertext don't match its MAC. */
  | "record-altered"
  /** A row without a MAC in a profile whose rows all carry one. */
  | "record-unauthenticated"
  /** The set of record versions doesn't match the manifest: a record was put back, deleted or added. */
  | "records-rolled-back"
  /** The manifest head is missing or altered. */
  | "manifest-altered";

/**
 * A kind of IntegrityError (screens that handle "damaged" data handle this too).
 * Stored data was changed outside the app (e.g. by someone holding a copy of the database): it is
 * refused rather than shown. Nothing is repaired or deleted; the message names no content.
 */
export class TamperEvidenceError extends IntegrityError {
  override name = "TamperEvidenceError";
  constructor(
    readonly reason: TamperReason,
    /** The store concerned ("cases", …), when one row is at fault. */
    readonly store: string | null = null,
  ) {
    super();
    this.message =
      reason === "records-rolled-back" || reason === "manifest-altered"
        ? "Saved records on this device have been changed outside the app (an older copy was put back, or a record was added or removed). They are not shown, so nothing untrue is displayed. Use a backup, and tell your manager."
        : `A saved ${store ? store.replace(/s$/, "") : "record"} has been changed outside the app and is not shown, so nothing untrue is displayed. Tell your manager.`;
  }
}
