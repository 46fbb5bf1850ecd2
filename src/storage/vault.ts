/**
 * The vault: practitioner profiles on a shared device, unlocking, and all
 * reads/writes of case data for an unlocked profile.
 *
 * `Vault` works without any key (create/list profiles, unlock, recovery,
 * wipe device). `unlock` returns a `VaultSession`, the only object that holds
 * a profile's data key; every case operation goes through it and is scoped
 * to its profile. `session.lock()` drops the key and makes the session
 * permanently unusable.
 */

import type { Table } from "dexie";
import { z } from "zod";
import { appendAudit, buildAuditRow, listAuditEntries, type ListAuditOptions } from "./audit";
import {
  DEFAULT_PBKDF2_ITERATIONS,
  derivePassphraseWrappingKey,
  deriveRecoveryWrappingKey,
  generateExtractableDataKey,
  generateRecoveryKey,
  generateSalt,
  open,
  parseRecoveryKey,
  recordAad,
  seal,
  sha256Hex,
  unwrapDataKey,
  wrapDataKey,
} from "./crypto";
import {
  profileRange,
  type AssessmentRow,
  type AuditAction,
  type AuditRow,
  type CaseRow,
  type CaseStatus,
  type JsonValue,
  type PackRow,
  type ProfileRow,
  type SafeReferralDb,
  type SettingRow,
} from "./db";
import {
  AssessmentCompletedError,
  InvalidInputError,
  LockFlushError,
  PendingSaveError,
  ProfileNotFoundError,
  RecordNotFoundError,
  UnlockThrottledError,
  VaultLockedError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
} from "./errors";
import {
  EMPTY_CASE_SUMMARY,
  caseStatusSchema,
  caseSummaryInputSchema,
  codeSchema,
  isoTimestampSchema,
  type CaseSummaryInput,
} from "./record-schemas";
import { clearFailedAttempts, recordFailedAttempt, remainingDelayMs } from "./unlock-throttle";
import { draftStateOf, writeDraftAssessment, type DraftState } from "./draft-write";

export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1024;
export const MAX_PROFILE_LABEL_LENGTH = 60;

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

export type CaseSummary = Omit<CaseRow, "profileId" | "sealed">;
export interface CaseRecord extends CaseSummary {
  /** The decrypted identifying details, exactly as saved (opaque to storage). */
  details: unknown;
}

export type AssessmentSummary = Omit<AssessmentRow, "profileId" | "sealed">;
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

export type PackSummary = Omit<PackRow, "profileId" | "sealed">;
export interface PackRecord extends PackSummary {
  content: unknown;
}

export type AuditEntry = Omit<AuditRow, "profileId">;

export interface SaveCaseInput {
  /** Omit to create a new case; give an existing id to update it (an unknown id is an error, so a deleted case is never resurrected by a late autosave). */
  id?: string;
  status?: CaseStatus;
  summary?: CaseSummaryInput;
  details: unknown;
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

export interface SavePackInput {
  id?: string;
  caseId: string;
  kind: string;
  status: string;
  content: unknown;
  /** ISO time the pack was marked ready to send; null clears it; omit to keep what is stored. */
  readyAt?: string | null;
  /** ISO time the pack was marked as sent; null clears it; omit to keep what is stored. */
  sentAt?: string | null;
}

/** Decrypted records in a form that can leave the device (inside an encrypted file). No profileId: they belong to whoever imports them. */
export interface PortableRecords {
  /** `review`: the reviewer's notes on the case, carried by case exports (e.g. a case returned to its practitioner). */
  cases: (CaseSummary & { details: unknown; review?: ReviewRecord })[];
  assessments: (AssessmentSummary & { content: unknown; outcome: unknown; notes?: unknown })[];
  packs: (PackSummary & { content: unknown })[];
  audit: AuditEntry[];
  settings: { key: string; updatedAt: string; sensitive: boolean; value: unknown }[];
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  cases: ImportCounts;
  assessments: ImportCounts;
  packs: ImportCounts;
  settings: ImportCounts;
  auditEntriesAdded: number;
  /** Cases whose review status or reviewer's notes were brought up to date from the file. */
  reviewsMerged?: number;
}

export const REVIEW_STATUSES = ["reviewed", "returned-for-improvement"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewNote {
  at: string;
  /** The reviewing profile's label. */
  reviewer: string;
  status: ReviewStatus;
  note: string;
}

export interface ReviewRecord {
  /** Newest first. */
  notes: ReviewNote[];
}

const reviewRecordSchema = z.object({
  notes: z.array(z.object({ at: z.string(), reviewer: z.string(), status: z.enum(REVIEW_STATUSES), note: z.string() })),
});

function readReviewRecord(value: unknown): ReviewRecord {
  const parsed = reviewRecordSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError("A stored review note is not in the expected shape.");
  return parsed.data;
}

/**
 * Review notes live in sealed settings, one per case. The key is derived from the case id (a
 * digest, so any valid case id fits the setting-key length and the key says nothing by itself).
 */
async function reviewSettingKey(caseId: string): Promise<string> {
  return `review-note:${(await sha256Hex(caseId)).slice(0, 40)}`;
}

const passphraseSchema = z
  .string()
  .refine((value) => [...value.normalize("NFC")].length >= MIN_PASSPHRASE_LENGTH, {
    message: `must be at least ${MIN_PASSPHRASE_LENGTH} characters`,
  })
  .refine((value) => value.length <= MAX_PASSPHRASE_LENGTH, { message: "is too long" });

const labelSchema = z.string().trim().min(1, "must not be empty").max(MAX_PROFILE_LABEL_LENGTH);

function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(`Invalid ${what}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** A timestamp strictly after `previous`, so "newer" comparisons (e.g. on re-import) never tie. */
function laterThan(previous: string | null, now: Date): string {
  if (previous !== null && Date.parse(previous) >= now.getTime()) {
    return new Date(Date.parse(previous) + 1).toISOString();
  }
  return now.toISOString();
}

function isNewer(candidate: string, existing: string): boolean {
  return Date.parse(candidate) > Date.parse(existing);
}

function toCaseSummary({ profileId: _profileId, sealed: _sealed, ...summary }: CaseRow): CaseSummary {
  return summary;
}

function toAssessmentSummary({ profileId: _profileId, sealed: _sealed, ...summary }: AssessmentRow): AssessmentSummary {
  return summary;
}

function toPackSummary({ profileId: _profileId, sealed: _sealed, ...summary }: PackRow): PackSummary {
  return summary;
}

interface AssessmentPayload {
  content: unknown;
  outcome: unknown;
  /** Added later and optional: older sealed payloads have no notes. */
  notes?: unknown;
}

function readAssessmentPayload(value: unknown): AssessmentPayload {
  if (typeof value !== "object" || value === null || !("content" in value) || !("outcome" in value)) {
    throw new InvalidInputError("A stored assessment is not in the expected shape.");
  }
  const notes = "notes" in value ? value.notes : undefined;
  return { content: value.content, outcome: value.outcome, ...(notes === undefined ? {} : { notes }) };
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
    await this.db.transaction("rw", [this.db.profiles, this.db.audit], async () => {
      await this.db.profiles.add(row);
      await appendAudit(this.db, { profileId, action: "create", at: row.createdAt, detail: "profile" });
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
    return this.#startSession(profile, dataKey, "unlock");
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
    await this.db.transaction("rw", [this.db.profiles, this.db.audit], async () => {
      await this.db.profiles.update(profileId, { kdf, wrappedDataKey });
      await appendAudit(this.db, { profileId, action: "recovery-reset", at: this.#now().toISOString() });
    });
    return this.#startSession({ ...profile, kdf, wrappedDataKey }, sessionKey, "unlock");
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

  async #startSession(profile: ProfileRow, dataKey: CryptoKey, action: AuditAction): Promise<VaultSession> {
    await this.db.transaction("rw", [this.db.profiles, this.db.audit], async () => {
      await clearFailedAttempts(this.db, profile.id);
      await appendAudit(this.db, { profileId: profile.id, action, at: this.#now().toISOString() });
    });
    const session = new VaultSession(this, profile.id, profile.label, dataKey);
    this.#sessions.add(session);
    return session;
  }
}

/**
 * An unlocked profile. Holds the profile's non-extractable data key until
 * `lock()`; afterwards every method rejects with VaultLockedError.
 *
 * Create through `Vault.unlock` / `Vault.resetPassphraseWithRecoveryKey`.
 */
const assessmentMetaSchema = z.strictObject({
  questionSetId: codeSchema,
  questionSetVersion: codeSchema,
  policyName: codeSchema,
  policyVersion: codeSchema,
});

export class VaultSession {
  readonly profileId: string;
  readonly label: string;
  #key: CryptoKey | null;
  readonly #vault: Vault;
  readonly #db: SafeReferralDb;
  readonly #beforeLock = new Set<() => Promise<void>>();
  /** Records already audited as "edit" in this session: one entry per record per session, not one per autosave. */
  readonly #auditedEdits = new Set<string>();
  /** Each draft as this session last wrote it, so the next autosave can take the one-round-trip path. */
  readonly #draftStates = new Map<string, DraftState>();
  /** The latest save of each draft still in progress; the next save of that draft waits for it. */
  readonly #draftQueue = new Map<string, Promise<AssessmentSummary>>();
  #locking: Promise<void> | null = null;

  constructor(vault: Vault, profileId: string, label: string, key: CryptoKey) {
    this.#vault = vault;
    this.#db = vault.db;
    this.profileId = profileId;
    this.label = label;
    this.#key = key;
  }

  get isLocked(): boolean {
    return this.#key === null;
  }

  /**
   * Registers work that must finish before the key is dropped, typically an
   * autosaver's flush. Returns an unregister function.
   */
  onBeforeLock(hook: () => Promise<void>): () => void {
    this.#requireKey();
    this.#beforeLock.add(hook);
    return () => this.#beforeLock.delete(hook);
  }

  /**
   * Flushes pending saves, then forgets the key. Always ends locked; if a
   * flush failed it rejects with LockFlushError afterwards. Safe to call twice.
   */
  lock(): Promise<void> {
    if (this.#key === null) return Promise.resolve();
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
        await appendAudit(this.#db, { profileId: this.profileId, action: "lock", at: this.#nowIso() });
      } catch {
        // Locking must never be prevented by a failed audit write.
      }
      this._dropKey();
      if (failures.length > 0) throw new LockFlushError(failures);
    })();
    return this.#locking;
  }

  /**
   * Runs the same hooks as `lock()` (every registered autosaver's flush) without locking, e.g. before
   * the app reloads into a new version. Resolves once everything scheduled before the call is stored;
   * rejects with PendingSaveError if any flush failed (all are still attempted). The session stays open.
   */
  async flushPending(): Promise<void> {
    this.#requireKey();
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

  /** @internal Forget the key immediately, without flushing (used by wipes). */
  _dropKey(): void {
    this.#key = null;
    this.#beforeLock.clear();
    this.#draftStates.clear();
    this.#vault._forgetSession(this);
  }

  // ---------------------------------------------------------------- profile

  /** Re-wraps the data key under a new passphrase. No record is re-encrypted. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    this.#requireKey();
    parseInput(passphraseSchema, newPassphrase, "new passphrase");
    const { extractableKey } = await this.#vault._verifyPassphrase(this.profileId, currentPassphrase);
    const kdf = { salt: generateSalt(), iterations: this.#vault._iterations };
    const wrappingKey = await derivePassphraseWrappingKey(newPassphrase, kdf.salt, kdf.iterations);
    const wrappedDataKey = await wrapDataKey(extractableKey, wrappingKey);
    await this.#write([this.#db.profiles, this.#db.audit], async () => {
      await this.#db.profiles.update(this.profileId, { kdf, wrappedDataKey });
      await this.#audit("passphrase-change");
    });
  }

  /** Issues a new recovery key (shown once); the old one stops working. */
  async regenerateRecoveryKey(currentPassphrase: string): Promise<string> {
    this.#requireKey();
    const { extractableKey } = await this.#vault._verifyPassphrase(this.profileId, currentPassphrase);
    const recoveryKey = generateRecoveryKey();
    const salt = generateSalt();
    const wrappingKey = await deriveRecoveryWrappingKey(parseRecoveryKey(recoveryKey)!, salt);
    const recovery = { salt, wrappedDataKey: await wrapDataKey(extractableKey, wrappingKey) };
    await this.#write([this.#db.profiles, this.#db.audit], async () => {
      await this.#db.profiles.update(this.profileId, { recovery });
      await this.#audit("recovery-key-regenerated");
    });
    return recoveryKey;
  }

  /**
   * Deletes everything this profile stored. By default the profile itself
   * goes too; with `keepProfile` it remains (same passphrase) with an empty
   * vault and a "wipe" audit entry. Other profiles are untouched. The session
   * is locked first (without flushing, so no pending autosave can write data
   * back after the wipe).
   */
  async wipeVault(options: { keepProfile?: boolean } = {}): Promise<void> {
    this.#requireKey();
    const db = this.#db;
    const profileId = this.profileId;
    this.#vault._dropSessionsFor(profileId);
    await db.transaction("rw", [db.profiles, db.cases, db.assessments, db.packs, db.audit, db.settings], async () => {
      for (const table of [db.cases, db.assessments, db.packs, db.audit, db.settings] as const) {
        await table.where("profileId").equals(profileId).delete();
      }
      if (options.keepProfile) {
        await appendAudit(db, { profileId, action: "wipe", at: this.#nowIso() });
      } else {
        await db.profiles.delete(profileId);
      }
    });
  }

  // ------------------------------------------------------------------ cases

  /** Creates (no id) or updates (existing id) a case. */
  async saveCase(input: SaveCaseInput): Promise<CaseSummary> {
    const key = this.#requireKey();
    const summary = parseInput(caseSummaryInputSchema, input.summary ?? {}, "case summary");
    const status = input.status === undefined ? undefined : parseInput(caseStatusSchema, input.status, "case status");
    const db = this.#db;

    if (input.id === undefined) {
      const id = globalThis.crypto.randomUUID();
      const sealed = await seal(key, input.details, recordAad("cases", this.profileId, id));
      return this.#write([db.cases, db.audit], async () => {
        const now = this.#nowIso();
        const row: CaseRow = {
          ...EMPTY_CASE_SUMMARY,
          author: this.label,
          ...summary,
          id,
          profileId: this.profileId,
          createdAt: now,
          updatedAt: now,
          status: status ?? "open",
          sealed,
        };
        await db.cases.add(row);
        await this.#audit("create", id, "case");
        this.#auditedEdits.add(`cases/${id}`);
        return toCaseSummary(row);
      });
    }

    const id = parseInput(codeSchema, input.id, "case id");
    const sealed = await seal(key, input.details, recordAad("cases", this.profileId, id));
    return this.#write([db.cases, db.audit], async () => {
      const existing = await db.cases.get([this.profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      const row: CaseRow = {
        ...existing,
        ...summary,
        status: status ?? existing.status,
        updatedAt: laterThan(existing.updatedAt, this.#vault._now()),
        sealed,
      };
      await db.cases.put(row);
      await this.#auditEditOnce("cases", id, id);
      return toCaseSummary(row);
    });
  }

  /** Clear summary fields only, newest first. Decrypts nothing, so it stays fast for thousands of cases. */
  async listCaseSummaries(): Promise<CaseSummary[]> {
    this.#requireKey();
    const rows = await this.#db.cases
      .where("[profileId+updatedAt]")
      .between(...profileRange(this.profileId))
      .reverse()
      .toArray();
    return rows.map(toCaseSummary);
  }

  /** Decrypts one case. Audited as a "view". */
  async getCase(caseId: string): Promise<CaseRecord> {
    const key = this.#requireKey();
    const row = await this.#db.cases.get([this.profileId, caseId]);
    if (!row) throw new RecordNotFoundError("cases");
    const details = await open(key, row.sealed, recordAad("cases", this.profileId, caseId));
    await this.#write([this.#db.audit], () => this.#audit("view", caseId, "case"));
    return { ...toCaseSummary(row), details };
  }

  /** Deletes a case with its assessments and packs. The audit trail keeps a "delete" entry. */
  async deleteCase(caseId: string): Promise<void> {
    this.#requireKey();
    const db = this.#db;
    await this.#write([db.cases, db.assessments, db.packs, db.audit], async () => {
      const existing = await db.cases.get([this.profileId, caseId]);
      if (!existing) throw new RecordNotFoundError("cases");
      const assessmentCount = await db.assessments
        .where("[profileId+caseId]")
        .equals([this.profileId, caseId])
        .delete();
      const packCount = await db.packs.where("[profileId+caseId]").equals([this.profileId, caseId]).delete();
      await db.cases.delete([this.profileId, caseId]);
      await this.#audit("delete", caseId, `case with ${assessmentCount} assessments and ${packCount} packs`);
    });
  }

  // ------------------------------------------------------------ assessments

  /**
   * Saves a draft. Saves of the same draft run one after another in the order they were called, so
   * the last call always wins: sealing is asynchronous, and without the queue a later save's
   * encryption could finish first and be overwritten by an earlier one. (Async so a locked session
   * rejects rather than throws; the queue is still joined synchronously, in call order.)
   */
  async saveAssessmentDraft(input: SaveAssessmentDraftInput): Promise<AssessmentSummary> {
    this.#requireKey();
    const id =
      input.id === undefined ? globalThis.crypto.randomUUID() : parseInput(codeSchema, input.id, "assessment id");
    const previous = this.#draftQueue.get(id);
    const run = previous
      ? previous.then(
          () => this.#saveAssessmentDraftNow(id, input),
          () => this.#saveAssessmentDraftNow(id, input),
        )
      : this.#saveAssessmentDraftNow(id, input);
    this.#draftQueue.set(id, run);
    const forget = () => {
      if (this.#draftQueue.get(id) === run) this.#draftQueue.delete(id);
    };
    run.then(forget, forget);
    return run;
  }

  async #saveAssessmentDraftNow(id: string, input: SaveAssessmentDraftInput): Promise<AssessmentSummary> {
    const key = this.#requireKey();
    const caseId = parseInput(codeSchema, input.caseId, "case id");
    const meta = parseInput(
      assessmentMetaSchema,
      {
        questionSetId: input.questionSetId,
        questionSetVersion: input.questionSetVersion,
        policyName: input.policyName,
        policyVersion: input.policyVersion,
      },
      "assessment details",
    );
    const payload: AssessmentPayload = { content: input.content, outcome: null };
    const sealed = await seal(key, payload, recordAad("assessments", this.profileId, id));
    const now = this.#vault._now();
    const auditMarker = `assessments/${id}`;
    try {
      const expected = this.#draftStates.get(id);
      const row = await writeDraftAssessment(
        await this.#backend(),
        {
          profileId: this.profileId,
          caseId,
          id,
          buildRow: (existing) => ({
            id,
            caseId,
            profileId: this.profileId,
            createdAt: existing?.createdAt ?? now.toISOString(),
            updatedAt: laterThan(existing?.updatedAt ?? null, now),
            assessedAt: null,
            status: "draft",
            ...meta,
            riskLevel: null,
            sealed,
          }),
          // One "create" per draft, then one "edit" per draft per session: an autosave per
          // keystroke must not flood the audit trail.
          auditRow: (existing) => {
            if (existing && this.#auditedEdits.has(auditMarker)) return null;
            return buildAuditRow({
              profileId: this.profileId,
              action: existing ? "edit" : "create",
              caseId,
              detail: "assessment",
              at: this.#nowIso(),
            });
          },
        },
        expected,
      );
      this.#auditedEdits.add(auditMarker);
      this.#draftStates.set(id, draftStateOf(row));
      return toAssessmentSummary(row);
    } catch (error) {
      this.#draftStates.delete(id);
      if (error instanceof VaultLockedError) this._dropKey();
      throw error;
    }
  }

  /** The raw IndexedDB connection under Dexie, for the autosave fast path. */
  async #backend(): Promise<IDBDatabase> {
    if (!this.#db.isOpen()) await this.#db.open();
    return this.#db.backendDB();
  }

  /**
   * Finalises a draft: stores the final answers and outcome, stamps
   * assessedAt, and refreshes the case's clear summary (riskLevel,
   * latestAssessedAt) in the same transaction. Completed assessments are
   * read-only afterwards.
   */
  async completeAssessment(input: CompleteAssessmentInput): Promise<AssessmentSummary> {
    const key = this.#requireKey();
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
    const sealed = await seal(key, payload, recordAad("assessments", this.profileId, id));
    const db = this.#db;
    return this.#write([db.cases, db.assessments, db.audit], async () => {
      const existing = await db.assessments.get([this.profileId, id]);
      if (!existing) throw new RecordNotFoundError("assessments");
      if (existing.status === "completed") throw new AssessmentCompletedError();
      const caseRow = await db.cases.get([this.profileId, existing.caseId]);
      if (!caseRow) throw new RecordNotFoundError("cases");
      const now = this.#vault._now();
      const assessedAt = laterThan(existing.updatedAt, now);
      const row: AssessmentRow = {
        ...existing,
        status: "completed",
        assessedAt,
        updatedAt: assessedAt,
        riskLevel,
        sealed,
      };
      await db.assessments.put(row);
      await db.cases.put({
        ...caseRow,
        ...caseSummary,
        riskLevel,
        latestAssessedAt: assessedAt,
        updatedAt: laterThan(caseRow.updatedAt, now),
      });
      await this.#audit("edit", existing.caseId, "assessment completed");
      return toAssessmentSummary(row);
    });
  }

  /** Clear metadata of a case's assessments, newest first. */
  async listAssessments(caseId: string): Promise<AssessmentSummary[]> {
    this.#requireKey();
    const rows = await this.#db.assessments.where("[profileId+caseId]").equals([this.profileId, caseId]).toArray();
    return rows
      .map(toAssessmentSummary)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** Decrypts one assessment. Audited as a "view". */
  async getAssessment(assessmentId: string): Promise<AssessmentRecord> {
    const key = this.#requireKey();
    const row = await this.#db.assessments.get([this.profileId, assessmentId]);
    if (!row) throw new RecordNotFoundError("assessments");
    const payload = readAssessmentPayload(
      await open(key, row.sealed, recordAad("assessments", this.profileId, assessmentId)),
    );
    await this.#write([this.#db.audit], () => this.#audit("view", row.caseId, "assessment"));
    return { ...toAssessmentSummary(row), ...payload };
  }

  // ------------------------------------------------------------------ review

  /**
   * Records that a referral of `kind` ("marac", "s42", …) was sent for a case: the referral-pack
   * screen calls this when a pack is sent. Clear fields only (the time, and the case's
   * latestAssessedAt at that moment, for time-to-referral), plus the `<kind>-sent` flag the
   * review dashboard reads. The first send is kept: sending again does not restart the clock.
   */
  async markReferralSent(caseId: string, kind: string, at?: Date): Promise<CaseSummary> {
    this.#requireKey();
    const id = parseInput(codeSchema, caseId, "case id");
    const referralKind = parseInput(codeSchema, kind, "referral kind");
    const sentAt = parseInput(isoTimestampSchema, (at ?? this.#vault._now()).toISOString(), "sent time");
    const db = this.#db;
    return this.#write([db.cases, db.audit], async () => {
      const existing = await db.cases.get([this.profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      const previous = existing.referralsSent?.[referralKind];
      const flag = `${referralKind}-sent`;
      const row: CaseRow = {
        ...existing,
        referralsSent: {
          ...existing.referralsSent,
          [referralKind]: previous ?? { sentAt, assessedAt: existing.latestAssessedAt },
        },
        flags: existing.flags.includes(flag) ? existing.flags : [...existing.flags, flag],
        updatedAt: laterThan(existing.updatedAt, this.#vault._now()),
      };
      await db.cases.put(row);
      await this.#audit("edit", id, `referral sent: ${referralKind}`);
      return toCaseSummary(row);
    });
  }

  /**
   * Refreshes a case's clear summary fields without touching its sealed details, e.g. the review
   * screen storing the quality score and flags it has just computed for one case. Not audited
   * (codes only, derived from content already audited as viewed) and does not change updatedAt,
   * so a refreshed summary never makes a stale copy look newer than the practitioner's own.
   */
  async updateCaseSummary(caseId: string, summaryInput: CaseSummaryInput): Promise<CaseSummary> {
    this.#requireKey();
    const id = parseInput(codeSchema, caseId, "case id");
    const summary = parseInput(caseSummaryInputSchema, summaryInput, "case summary");
    const db = this.#db;
    return this.#write([db.cases], async () => {
      const existing = await db.cases.get([this.profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      const row: CaseRow = { ...existing, ...summary };
      await db.cases.put(row);
      return toCaseSummary(row);
    });
  }

  /**
   * A reviewer's note on a case (sealed) and the review outcome (clear: "reviewed" or
   * "returned-for-improvement", which the practitioner's case list can show). Every note is kept,
   * newest first, and each save is audited. The case's updatedAt is not changed (see
   * updateCaseSummary), so a later resubmission from the practitioner still replaces the case.
   */
  async saveReview(caseId: string, input: { note: string; status: ReviewStatus }): Promise<ReviewRecord> {
    const key = this.#requireKey();
    const id = parseInput(codeSchema, caseId, "case id");
    const status = parseInput(z.enum(REVIEW_STATUSES), input.status, "review status");
    const note = parseInput(z.string().max(10_000), input.note, "review note");
    const settingKey = await reviewSettingKey(id);
    const now = this.#nowIso();
    const previous = await this.getReview(id, { audit: false });
    const record: ReviewRecord = { notes: [{ at: now, reviewer: this.label, status, note }, ...previous.notes] };
    const sealed = await seal(key, record, recordAad("settings", this.profileId, settingKey));
    const db = this.#db;
    await this.#write([db.cases, db.settings, db.audit], async () => {
      const existing = await db.cases.get([this.profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      const returned = "returned-for-improvement";
      const flags = existing.flags.filter((flag) => flag !== returned);
      await db.cases.put({
        ...existing,
        reviewStatus: status,
        reviewedAt: now,
        flags: status === returned ? [...flags, returned] : flags,
      });
      await db.settings.put({ profileId: this.profileId, key: settingKey, updatedAt: now, value: null, sealed });
      await this.#audit("edit", id, `review: ${status}`);
    });
    return record;
  }

  /** The reviewer's notes on a case, newest first (none yet: an empty list). Audited as a "view". */
  async getReview(caseId: string, options: { audit?: boolean } = {}): Promise<ReviewRecord> {
    const key = this.#requireKey();
    const settingKey = await reviewSettingKey(caseId);
    const row = await this.#db.settings.get([this.profileId, settingKey]);
    const record = row?.sealed
      ? readReviewRecord(await open(key, row.sealed, recordAad("settings", this.profileId, settingKey)))
      : { notes: [] };
    if (options.audit !== false && record.notes.length > 0) {
      await this.#write([this.#db.audit], () => this.#audit("view", caseId, "review note"));
    }
    return record;
  }

  // ------------------------------------------------------------------ packs

  /** Creates (no id / new id) or updates a referral pack. */
  async savePack(input: SavePackInput): Promise<PackSummary> {
    const key = this.#requireKey();
    const id = input.id === undefined ? globalThis.crypto.randomUUID() : parseInput(codeSchema, input.id, "pack id");
    const caseId = parseInput(codeSchema, input.caseId, "case id");
    const kind = parseInput(codeSchema, input.kind, "pack kind");
    const status = parseInput(codeSchema, input.status, "pack status");
    const readyAt = parseInput(isoTimestampSchema.nullable().optional(), input.readyAt, "pack readyAt");
    const sentAt = parseInput(isoTimestampSchema.nullable().optional(), input.sentAt, "pack sentAt");
    const sealed = await seal(key, input.content, recordAad("packs", this.profileId, id));
    const db = this.#db;
    return this.#write([db.cases, db.packs, db.audit], async () => {
      if (!(await db.cases.get([this.profileId, caseId]))) throw new RecordNotFoundError("cases");
      const existing = await db.packs.get([this.profileId, id]);
      if (existing && existing.caseId !== caseId) throw new InvalidInputError("That pack belongs to a different case.");
      const now = this.#vault._now();
      const row: PackRow = {
        id,
        caseId,
        profileId: this.profileId,
        createdAt: existing?.createdAt ?? now.toISOString(),
        updatedAt: laterThan(existing?.updatedAt ?? null, now),
        kind,
        status,
        // Kept from the stored row unless given, so a later save of the content never loses them.
        ...(readyAt !== undefined ? { readyAt } : existing?.readyAt !== undefined ? { readyAt: existing.readyAt } : {}),
        ...(sentAt !== undefined ? { sentAt } : existing?.sentAt !== undefined ? { sentAt: existing.sentAt } : {}),
        sealed,
      };
      await db.packs.put(row);
      if (existing) await this.#auditEditOnce("packs", id, caseId);
      else await this.#audit("create", caseId, `pack: ${kind}`);
      return toPackSummary(row);
    });
  }

  async listPacks(caseId: string): Promise<PackSummary[]> {
    this.#requireKey();
    const rows = await this.#db.packs.where("[profileId+caseId]").equals([this.profileId, caseId]).toArray();
    return rows.map(toPackSummary);
  }

  /** Decrypts one pack. Audited as a "view". */
  async getPack(packId: string): Promise<PackRecord> {
    const key = this.#requireKey();
    const row = await this.#db.packs.get([this.profileId, packId]);
    if (!row) throw new RecordNotFoundError("packs");
    const content = await open(key, row.sealed, recordAad("packs", this.profileId, packId));
    await this.#write([this.#db.audit], () => this.#audit("view", row.caseId, `pack: ${row.kind}`));
    return { ...toPackSummary(row), content };
  }

  // ------------------------------------------------------------------ audit

  /**
   * For events only the screens see, e.g. "share-pack" when a pack is handed
   * over or "export" when something is printed. `detail` is stored in clear:
   * never put names or case content in it.
   */
  async recordAudit(action: AuditAction, options: { caseId?: string; detail?: string } = {}): Promise<void> {
    this.#requireKey();
    await this.#write([this.#db.audit], () => this.#audit(action, options.caseId ?? null, options.detail ?? null));
  }

  async listAudit(options: ListAuditOptions = {}): Promise<AuditEntry[]> {
    this.#requireKey();
    const rows = await listAuditEntries(this.#db, this.profileId, options);
    return rows.map(({ profileId: _profileId, ...entry }) => entry);
  }

  // --------------------------------------------------------------- settings

  /** `sensitive: true` encrypts the value; otherwise it is stored in clear (UI preferences). */
  async setSetting(key: string, value: unknown, options: { sensitive: boolean }): Promise<void> {
    const dataKey = this.#requireKey();
    const settingKey = parseInput(codeSchema, key, "setting name");
    const sealed = options.sensitive
      ? await seal(dataKey, value, recordAad("settings", this.profileId, settingKey))
      : null;
    const clearValue = options.sensitive ? null : (parseInput(z.json(), value, "setting value") as JsonValue);
    const db = this.#db;
    await this.#write([db.settings], async () => {
      const existing = await db.settings.get([this.profileId, settingKey]);
      const row: SettingRow = {
        profileId: this.profileId,
        key: settingKey,
        updatedAt: laterThan(existing?.updatedAt ?? null, this.#vault._now()),
        value: clearValue,
        sealed,
      };
      await db.settings.put(row);
    });
  }

  /** The stored value, or undefined if never set. */
  async getSetting(key: string): Promise<unknown> {
    const dataKey = this.#requireKey();
    const row = await this.#db.settings.get([this.profileId, key]);
    if (!row) return undefined;
    return row.sealed ? open(dataKey, row.sealed, recordAad("settings", this.profileId, key)) : row.value;
  }

  // ------------------------------------------------------- backup support

  /**
   * Decrypts records for an export file (see backup.ts). With `caseIds`, just
   * those cases and their assessments/packs; otherwise everything, including
   * the audit trail and settings. Audited as "export".
   */
  async exportRecords(
    selection: { caseIds?: readonly string[]; includeCaseAudit?: boolean } = {},
  ): Promise<PortableRecords> {
    const key = this.#requireKey();
    const db = this.#db;
    const profileId = this.profileId;
    const whole = selection.caseIds === undefined;

    const rows = await db.transaction("r", [db.cases, db.assessments, db.packs, db.audit, db.settings], async () => {
      let cases: CaseRow[];
      if (selection.caseIds === undefined) {
        cases = await db.cases.where("profileId").equals(profileId).toArray();
      } else {
        const found = await db.cases.bulkGet(
          [...new Set(selection.caseIds)].map((id): [string, string] => [profileId, id]),
        );
        if (found.some((row) => row === undefined)) throw new RecordNotFoundError("cases");
        cases = found as CaseRow[];
      }
      const caseIds = new Set(cases.map((row) => row.id));
      const assessments = (await db.assessments.where("profileId").equals(profileId).toArray()).filter((row) =>
        caseIds.has(row.caseId),
      );
      const packs = (await db.packs.where("profileId").equals(profileId).toArray()).filter((row) =>
        caseIds.has(row.caseId),
      );
      // A case export carries those cases' own audit entries only when asked (e.g. sending cases to a
      // manager for review, so the trail travels with them); never profile-level entries.
      const audit = whole
        ? await db.audit.where("profileId").equals(profileId).toArray()
        : selection.includeCaseAudit
          ? (await db.audit.where("profileId").equals(profileId).toArray()).filter(
              (row) => row.caseId !== null && caseIds.has(row.caseId),
            )
          : [];
      const settings = whole ? await db.settings.where("profileId").equals(profileId).toArray() : [];
      return { cases, assessments, packs, audit, settings };
    });

    const records: PortableRecords = {
      cases: await Promise.all(
        rows.cases.map(async (row) => ({
          ...toCaseSummary(row),
          // Cases made before authors were recorded were made by this profile.
          author: row.author ?? this.label,
          details: await open(key, row.sealed, recordAad("cases", profileId, row.id)),
        })),
      ),
      assessments: await Promise.all(
        rows.assessments.map(async (row) => ({
          ...toAssessmentSummary(row),
          ...readAssessmentPayload(await open(key, row.sealed, recordAad("assessments", profileId, row.id))),
        })),
      ),
      packs: await Promise.all(
        rows.packs.map(async (row) => ({
          ...toPackSummary(row),
          content: await open(key, row.sealed, recordAad("packs", profileId, row.id)),
        })),
      ),
      audit: rows.audit.map(({ profileId: _profileId, ...entry }) => entry),
      settings: await Promise.all(
        rows.settings.map(async (row) => ({
          key: row.key,
          updatedAt: row.updatedAt,
          sensitive: row.sealed !== null,
          value: row.sealed ? await open(key, row.sealed, recordAad("settings", profileId, row.key)) : row.value,
        })),
      ),
    };

    if (!whole) {
      // A case export carries the reviewer's notes with each case (a whole backup has them as settings already).
      for (const entry of records.cases) {
        const review = await this.getReview(entry.id, { audit: false });
        if (review.notes.length > 0) entry.review = review;
      }
    }

    await this.#write([db.audit], async () => {
      if (whole) {
        await this.#audit("export", null, `backup: ${records.cases.length} cases`);
      } else {
        for (const row of records.cases) await this.#audit("export", row.id, "case export");
      }
    });
    return records;
  }

  /**
   * Writes already-validated imported records into this profile, re-sealed
   * under this profile's key, in ONE transaction: either everything lands or
   * nothing does. A record whose id already exists is replaced only if the
   * imported copy is newer (updatedAt); completed assessments are never
   * replaced; audit entries are added if missing.
   */
  async importRecords(records: PortableRecords, detail: string): Promise<ImportSummary> {
    const key = this.#requireKey();
    const profileId = this.profileId;
    const db = this.#db;

    // Encrypt everything first: Web Crypto calls can't happen inside an IndexedDB transaction (it would auto-commit).
    const caseRows: CaseRow[] = await Promise.all(
      records.cases.map(async ({ details, review: _review, ...summary }) => ({
        ...summary,
        profileId,
        sealed: await seal(key, details, recordAad("cases", profileId, summary.id)),
      })),
    );
    // Reviewer's notes travelling with cases: merged with any already here (same note twice is kept once).
    const reviewRows: SettingRow[] = [];
    const reviewNoteCaseIds: string[] = [];
    for (const entry of records.cases) {
      if (entry.review === undefined || entry.review.notes.length === 0) continue;
      const settingKey = await reviewSettingKey(entry.id);
      const current = await this.getReview(entry.id, { audit: false });
      const merged = mergeReviewNotes(current, entry.review);
      if (merged.notes.length === current.notes.length) continue;
      reviewNoteCaseIds.push(entry.id);
      reviewRows.push({
        profileId,
        key: settingKey,
        updatedAt: merged.notes[0]!.at,
        value: null,
        sealed: await seal(key, merged, recordAad("settings", profileId, settingKey)),
      });
    }
    const assessmentRows: AssessmentRow[] = await Promise.all(
      records.assessments.map(async ({ content, outcome, notes, ...summary }) => ({
        ...summary,
        profileId,
        sealed: await seal(
          key,
          { content, outcome, ...(notes === undefined ? {} : { notes }) } satisfies AssessmentPayload,
          recordAad("assessments", profileId, summary.id),
        ),
      })),
    );
    const packRows: PackRow[] = await Promise.all(
      records.packs.map(async ({ content, ...summary }) => ({
        ...summary,
        profileId,
        sealed: await seal(key, content, recordAad("packs", profileId, summary.id)),
      })),
    );
    const settingRows: SettingRow[] = await Promise.all(
      records.settings.map(async (setting) => ({
        profileId,
        key: setting.key,
        updatedAt: setting.updatedAt,
        value: setting.sensitive ? null : (setting.value as JsonValue),
        sealed: setting.sensitive
          ? await seal(key, setting.value, recordAad("settings", profileId, setting.key))
          : null,
      })),
    );
    const auditRows: AuditRow[] = records.audit.map((entry) => ({ ...entry, profileId }));

    return this.#write([db.cases, db.assessments, db.packs, db.audit, db.settings], async () => {
      const counts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });
      const summary: ImportSummary = {
        cases: counts(),
        assessments: counts(),
        packs: counts(),
        settings: counts(),
        auditEntriesAdded: 0,
      };

      const pick = <Row extends { updatedAt: string }>(
        incoming: Row[],
        existing: (Row | undefined)[],
        tally: ImportCounts,
        mayReplace: (current: Row, next: Row) => boolean = () => true,
      ): Row[] =>
        incoming.filter((row, index) => {
          const current = existing[index];
          if (current === undefined) {
            tally.added += 1;
            return true;
          }
          if (isNewer(row.updatedAt, current.updatedAt) && mayReplace(current, row)) {
            tally.updated += 1;
            return true;
          }
          tally.unchanged += 1;
          return false;
        });

      const existingCases = await db.cases.bulkGet(caseRows.map((row): [string, string] => [profileId, row.id]));
      const replacing = new Set(pick(caseRows, existingCases, summary.cases));
      // Review fields follow the later review, whichever copy of the case content wins: a returned case
      // reaches its practitioner, and a resubmission does not wipe a review made after it was edited.
      const caseWrites: CaseRow[] = [];
      const reviewsMergedIds = new Set<string>();
      caseRows.forEach((row, index) => {
        const current = existingCases[index];
        if (current === undefined) {
          caseWrites.push(row);
          return;
        }
        const base = replacing.has(row) ? row : current;
        const other = replacing.has(row) ? current : row;
        const merged = withLaterReview(base, other);
        if (merged !== base && !replacing.has(row)) reviewsMergedIds.add(row.id);
        if (replacing.has(row) || merged !== base) caseWrites.push(merged);
      });
      await db.cases.bulkPut(caseWrites);
      if (reviewRows.length > 0) await db.settings.bulkPut(reviewRows);
      summary.reviewsMerged = new Set([...reviewsMergedIds, ...reviewNoteCaseIds]).size;

      const existingAssessments = await db.assessments.bulkGet(
        assessmentRows.map((row): [string, string] => [profileId, row.id]),
      );
      assertSameParent(assessmentRows, existingAssessments);
      await db.assessments.bulkPut(
        pick(assessmentRows, existingAssessments, summary.assessments, (current) => current.status !== "completed"),
      );

      const existingPacks = await db.packs.bulkGet(packRows.map((row): [string, string] => [profileId, row.id]));
      assertSameParent(packRows, existingPacks);
      await db.packs.bulkPut(pick(packRows, existingPacks, summary.packs));

      const existingSettings = await db.settings.bulkGet(
        settingRows.map((row): [string, string] => [profileId, row.key]),
      );
      await db.settings.bulkPut(pick(settingRows, existingSettings, summary.settings));

      // Audit ids are unique per device, not per profile: an entry imported from another profile on
      // this same device (a case sent to a manager who shares the tablet) would clash with the
      // sender's own row, so it is stored under an id derived for this profile instead of dropped.
      const existingAudit = await db.audit.bulkGet(auditRows.map((row) => row.id));
      const candidates = auditRows.map((row, index) => {
        const clash = existingAudit[index];
        return clash === undefined || clash.profileId === profileId
          ? row
          : { ...row, id: `${row.id}~${profileId.slice(0, 8)}` };
      });
      const existingCandidates = await db.audit.bulkGet(candidates.map((row) => row.id));
      const newAudit = candidates.filter((_row, index) => existingCandidates[index] === undefined);
      await db.audit.bulkAdd(newAudit);
      summary.auditEntriesAdded = newAudit.length;

      await this.#audit("import", null, detail);
      return summary;
    });
  }

  // -------------------------------------------------------------- internals

  #requireKey(): CryptoKey {
    if (this.#key === null) throw new VaultLockedError();
    return this.#key;
  }

  #nowIso(): string {
    return this.#vault._now().toISOString();
  }

  /**
   * Every write goes through here. The lock check runs inside the
   * transaction, so a write queued behind a wipe or lock can't land after it,
   * and the profile check stops another tab's still-open session writing into
   * a profile that has been wiped.
   */
  async #write<T>(tables: Table[], body: () => Promise<T>): Promise<T> {
    const db = this.#db;
    const scope = [...tables, db.profiles];
    return db.transaction("rw", scope, async () => {
      this.#requireKey();
      // The profile may have been wiped from another tab. The check is issued alongside the
      // body's own reads (autosave runs on every change, so round trips count); if it fails,
      // throwing aborts the transaction and nothing the body wrote is kept.
      const profileStillExists = db.profiles.get(this.profileId);
      const result = await body();
      if (!(await profileStillExists)) {
        this._dropKey();
        throw new VaultLockedError();
      }
      return result;
    });
  }

  async #audit(action: AuditAction, caseId: string | null = null, detail: string | null = null): Promise<void> {
    await appendAudit(this.#db, { profileId: this.profileId, action, caseId, detail, at: this.#nowIso() });
  }

  async #auditEditOnce(store: string, recordId: string, caseId: string): Promise<void> {
    const marker = `${store}/${recordId}`;
    if (this.#auditedEdits.has(marker)) return;
    await this.#audit("edit", caseId, store === "cases" ? "case" : store.replace(/s$/, ""));
    this.#auditedEdits.add(marker);
  }
}

/** An imported child record may update a local one only if both belong to the same case. */
function assertSameParent(incoming: { caseId: string }[], existing: ({ caseId: string } | undefined)[]): void {
  incoming.forEach((row, index) => {
    const current = existing[index];
    if (current !== undefined && current.caseId !== row.caseId) {
      throw new InvalidInputError("A record in the file clashes with a different record already on this device.");
    }
  });
}

const RETURNED_FLAG = "returned-for-improvement";

/** `base` with the review status of `other` if `other` was reviewed later; `base` itself otherwise. */
function withLaterReview(base: CaseRow, other: CaseRow): CaseRow {
  const otherAt = other.reviewedAt ?? null;
  const baseAt = base.reviewedAt ?? null;
  if (otherAt === null || (baseAt !== null && !isNewer(otherAt, baseAt))) return base;
  const flags = base.flags.filter((flag) => flag !== RETURNED_FLAG);
  return {
    ...base,
    reviewStatus: other.reviewStatus ?? null,
    reviewedAt: otherAt,
    flags: other.reviewStatus === RETURNED_FLAG ? [...flags, RETURNED_FLAG] : flags,
  };
}

/** Both sets of notes, each once, newest first. */
function mergeReviewNotes(current: ReviewRecord, incoming: ReviewRecord): ReviewRecord {
  const seen = new Set<string>();
  const notes = [...current.notes, ...incoming.notes].filter((note) => {
    const identity = JSON.stringify([note.at, note.reviewer, note.status, note.note]);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
  return { notes: notes.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)) };
}
