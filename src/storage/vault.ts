/**
 * The vault: practitioner profiles on a shared device and unlocking them.
 *
 * `Vault` works without any key (create/list profiles, unlock, recovery,
 * wipe device). `unlock` returns a `VaultSession` (vault-session.ts), the only
 * object that holds a profile's data key; every case operation goes through it
 * and is scoped to its profile. `session.lock()` drops the key and makes the
 * session permanently unusable.
 */

import { appendAudit, buildAuditRow } from "./audit";
import {
  DEFAULT_PBKDF2_ITERATIONS,
  derivePassphraseWrappingKey,
  deriveRecoveryWrappingKey,
  generateExtractableDataKey,
  generateRecoveryKey,
  generateSalt,
  parseRecoveryKey,
  unwrapDataKey,
  unwrapIntegrityMaterial,
  wrapDataKey,
} from "./crypto";
import type { AuditAction, ProfileRow, SafeReferralDb } from "./db";
import { ProfileNotFoundError, UnlockThrottledError, WrongPassphraseError, WrongRecoveryKeyError } from "./errors";
import { ManifestWork, deriveIntegrityKeys, type IntegrityKeys } from "./integrity";
import { labelSchema, passphraseSchema } from "./profile-rules";
import { parseInput } from "./record-schemas";
import { clearFailedAttempts, recordFailedAttempt, remainingDelayMs } from "./unlock-throttle";
import { VaultSession } from "./vault-session";

export interface VaultOptions {
  db: SafeReferralDb;
  /** PBKDF2 cost for new profiles and passphrase changes. Existing profiles keep the cost stored with them. */
  iterations?: number;
  /** Injectable clock so tests can step through unlock delays. */
  now?: () => Date;
}

export interface ProfileListing {
  id: string;
  label: string;
  createdAt: string;
}

export class Vault {
  readonly db: SafeReferralDb;
  readonly #iterations: number;
  readonly #now: () => Date;
  readonly #sessions = new Set<VaultSession>();

  constructor(options: VaultOptions) {
    this.db = options.db;
    this.#iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Sets up a practitioner on this device. The returned recovery key is the
   * only way back in if the passphrase is forgotten; it is not stored anywhere
   * and must be shown to the practitioner exactly once.
   */
  async createProfile(label: string, passphrase: string): Promise<{ profileId: string; recoveryKey: string }> {
    const cleanLabel = parseInput(labelSchema, label, "profile name");
    parseInput(passphraseSchema, passphrase, "passphrase");

    const profileId = globalThis.crypto.randomUUID();
    const recoveryKey = generateRecoveryKey();
    const kdf = { salt: generateSalt(), iterations: this.#iterations };
    const recoverySalt = generateSalt();

    // The only moment the data key is extractable: wrap it twice, then let it go.
    const dataKey = await generateExtractableDataKey();
    const passphraseKey = await derivePassphraseWrappingKey(passphrase, kdf.salt, kdf.iterations);
    const recoveryWrappingKey = await deriveRecoveryWrappingKey(parseRecoveryKey(recoveryKey)!, recoverySalt);
    const row: ProfileRow = {
      id: profileId,
      label: cleanLabel,
      createdAt: this.#now().toISOString(),
      kdf,
      wrappedDataKey: await wrapDataKey(dataKey, passphraseKey),
      recovery: { salt: recoverySalt, wrappedDataKey: await wrapDataKey(dataKey, recoveryWrappingKey) },
      failedAttempts: 0,
      lockedUntil: null,
    };
    const keys = await integrityKeysFor(row.wrappedDataKey, passphraseKey);
    await this.db.transaction("rw", [this.db.profiles, this.db.audit, this.db.manifest], async () => {
      await this.db.profiles.add(row);
      // A new profile starts with its manifest head and the first link of its audit chain.
      const work = new ManifestWork(keys, profileId, undefined);
      await this.db.audit.add(
        work.chain(buildAuditRow({ profileId, action: "create", at: row.createdAt, detail: "profile" })),
      );
      await this.db.manifest.put(work.row());
    });
    return { profileId, recoveryKey };
  }

  /** For the "who are you?" screen: labels only, nothing that needs a key. */
  async listProfiles(): Promise<ProfileListing[]> {
    const rows = await this.db.profiles.toArray();
    return rows
      .map(({ id, label, createdAt }) => ({ id, label, createdAt }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  /** How long the unlock screen must wait before accepting another attempt. */
  async unlockDelayMs(profileId: string): Promise<number> {
    return remainingDelayMs((await this.#getProfile(profileId)).lockedUntil, this.#now());
  }

  /**
   * Opens a session. A wrong passphrase throws WrongPassphraseError (with the
   * delay before the next try); an attempt during that delay throws
   * UnlockThrottledError without checking the passphrase. Nothing is ever
   * deleted because of failed attempts.
   */
  async unlock(profileId: string, passphrase: string): Promise<VaultSession> {
    const profile = await this.#getProfile(profileId);
    this.#assertNotThrottled(profile);
    const wrappingKey = await derivePassphraseWrappingKey(passphrase, profile.kdf.salt, profile.kdf.iterations);
    const dataKey = await unwrapDataKey(profile.wrappedDataKey, wrappingKey, { extractable: false });
    if (dataKey === null) {
      const { retryAfterMs, failedAttempts } = await recordFailedAttempt(this.db, profileId, this.#now());
      throw new WrongPassphraseError(retryAfterMs, failedAttempts);
    }
    const keys = await integrityKeysFor(profile.wrappedDataKey, wrappingKey);
    return this.#startSession(profile, dataKey, keys, "unlock");
  }

  /**
   * Forgotten passphrase: the recovery key unwraps the data key, which is
   * re-wrapped under the new passphrase. Records are untouched. The recovery
   * key stays valid; `session.regenerateRecoveryKey` issues a new one.
   */
  async resetPassphraseWithRecoveryKey(
    profileId: string,
    recoveryKey: string,
    newPassphrase: string,
  ): Promise<VaultSession> {
    parseInput(passphraseSchema, newPassphrase, "new passphrase");
    const profile = await this.#getProfile(profileId);
    const recoveryBytes = parseRecoveryKey(recoveryKey);
    if (recoveryBytes === null) throw new WrongRecoveryKeyError("malformed");
    this.#assertNotThrottled(profile);

    const recoveryWrappingKey = await deriveRecoveryWrappingKey(recoveryBytes, profile.recovery.salt);
    const extractableKey = await unwrapDataKey(profile.recovery.wrappedDataKey, recoveryWrappingKey, {
      extractable: true,
    });
    if (extractableKey === null) {
      const { retryAfterMs } = await recordFailedAttempt(this.db, profileId, this.#now());
      throw new WrongRecoveryKeyError("incorrect", retryAfterMs);
    }
    const kdf = { salt: generateSalt(), iterations: this.#iterations };
    const newWrappingKey = await derivePassphraseWrappingKey(newPassphrase, kdf.salt, kdf.iterations);
    const wrappedDataKey = await wrapDataKey(extractableKey, newWrappingKey);
    const sessionKey = (await unwrapDataKey(wrappedDataKey, newWrappingKey, { extractable: false }))!;
    const keys = await integrityKeysFor(wrappedDataKey, newWrappingKey);
    await this.db.transaction("rw", [this.db.profiles, this.db.audit, this.db.manifest], async () => {
      await this.db.profiles.update(profileId, { kdf, wrappedDataKey });
      await appendAudit(this.db, { profileId, action: "recovery-reset", at: this.#now().toISOString() }, keys);
    });
    return this.#startSession({ ...profile, kdf, wrappedDataKey }, sessionKey, keys, "unlock");
  }

  /**
   * Deletes every profile and record on this device (the whole database).
   * Needs no passphrase, deliberately: it is the way out for a device whose
   * passphrases are all lost, and anyone holding the device could clear site
   * data anyway. Screens must confirm before calling it.
   */
  async wipeDevice(): Promise<void> {
    for (const session of [...this.#sessions]) session._dropKey();
    // Keep auto-open so the app can create a fresh profile straight afterwards.
    await this.db.delete({ disableAutoOpen: false });
  }

  /** @internal Used by sessions for operations that need the passphrase again (change passphrase, new recovery key). */
  async _verifyPassphrase(
    profileId: string,
    passphrase: string,
  ): Promise<{ profile: ProfileRow; extractableKey: CryptoKey }> {
    const profile = await this.#getProfile(profileId);
    this.#assertNotThrottled(profile);
    const wrappingKey = await derivePassphraseWrappingKey(passphrase, profile.kdf.salt, profile.kdf.iterations);
    const extractableKey = await unwrapDataKey(profile.wrappedDataKey, wrappingKey, { extractable: true });
    if (extractableKey === null) {
      const { retryAfterMs, failedAttempts } = await recordFailedAttempt(this.db, profileId, this.#now());
      throw new WrongPassphraseError(retryAfterMs, failedAttempts);
    }
    await clearFailedAttempts(this.db, profileId);
    return { profile, extractableKey };
  }

  /** @internal */
  get _iterations(): number {
    return this.#iterations;
  }

  /** @internal */
  _now(): Date {
    return this.#now();
  }

  /** @internal */
  _forgetSession(session: VaultSession): void {
    this.#sessions.delete(session);
  }

  /** @internal Drop every open session of a profile (after its vault is wiped). */
  _dropSessionsFor(profileId: string): void {
    for (const session of [...this.#sessions]) {
      if (session.profileId === profileId) session._dropKey();
    }
  }

  async #getProfile(profileId: string): Promise<ProfileRow> {
    const profile = await this.db.profiles.get(profileId);
    if (!profile) throw new ProfileNotFoundError();
    return profile;
  }

  #assertNotThrottled(profile: ProfileRow): void {
    const waitMs = remainingDelayMs(profile.lockedUntil, this.#now());
    if (waitMs > 0) throw new UnlockThrottledError(waitMs);
  }

  async #startSession(
    profile: ProfileRow,
    dataKey: CryptoKey,
    keys: IntegrityKeys,
    action: AuditAction,
  ): Promise<VaultSession> {
    await this.db.transaction("rw", [this.db.profiles, this.db.audit, this.db.manifest], async () => {
      await clearFailedAttempts(this.db, profile.id);
      await appendAudit(this.db, { profileId: profile.id, action, at: this.#now().toISOString() }, keys);
    });
    const session = new VaultSession(this, profile.id, profile.label, dataKey, keys);
    this.#sessions.add(session);
    // Older rows' free-text agency/author and named flags move into the sealed index. It waits for
    // the session's record-version check (and the adoption of pre-version-3 rows) first, and stamps
    // its rewrites and the index into the manifest in one transaction. A failure (a tampered profile
    // included: the first read reports it) leaves them as they were and is retried at the next unlock.
    await session.migrateClearMetadata().catch(() => 0);
    return session;
  }
}

/** The profile's MAC keys, from the same wrapped data key (unwrapped again as HKDF material). */
async function integrityKeysFor(wrappedDataKey: string, wrappingKey: CryptoKey): Promise<IntegrityKeys> {
  const material = await unwrapIntegrityMaterial(wrappedDataKey, wrappingKey);
  if (material === null) throw new Error("The data key could not be unwrapped for integrity keys.");
  return deriveIntegrityKeys(material);
}
