/**
 * An unlocked profile: the only object that holds a profile's data key. Owns the key's life
 * (lock, onBeforeLock, flushPending, wipes), passphrase and recovery-key changes, and the write
 * and audit paths every store goes through. Each store's reads and writes live in its own module
 * (cases.ts, assessments.ts, packs.ts, review-notes.ts, settings.ts, audit.ts, portable-records.ts,
 * import-analysis.ts, import-commit.ts); the methods here are the API screens call, and delegate
 * to them with this session's `SessionContext`.
 */

import { Dexie, type Table } from "dexie";
import {
  completeAssessment,
  getAssessment,
  listAssessments,
  replaceDraftCaseCodes,
  type AssessmentRecord,
  type AssessmentSummary,
  type CompleteAssessmentInput,
  type DraftCaseCodesInput,
  type SaveAssessmentDraftInput,
} from "./assessments";
import { AssessmentDrafts } from "./draft-saves";
import { appendAudit, buildAuditRow, listAudit, recordAudit, type AuditList, type ListAuditOptions } from "./audit";
import {
  deleteCase,
  getCase,
  listCaseSummaries,
  markReferralSent,
  saveCase,
  updateCaseSummary,
  type CaseRecord,
  type CaseSummary,
  type SaveCaseInput,
} from "./cases";
import {
  addAgency,
  listAgencies,
  migrateClearMetadata,
  removeAgency,
  renameAgency,
  type Agency,
} from "./clear-metadata";
import {
  deriveRecoveryWrappingKey,
  derivePassphraseWrappingKey,
  generateRecoveryKey,
  generateSalt,
  parseRecoveryKey,
  wrapDataKey,
} from "./crypto";
import type { AuditAction, ProfileRow, SafeReferralDb } from "./db";
import { LockFlushError, PendingSaveError, VaultLockedError } from "./errors";
import { getPack, listPacks, savePack, type PackRecord, type PackSummary, type SavePackInput } from "./packs";
import type { ImportControl, ImportDecisions, ImportPlan, ImportSummary } from "./import-types";
import type { PortableRecords } from "./portable-records";
import { passphraseSchema } from "./profile-rules";
import { wipeProfileRecords } from "./profile-wipe";
import { RecordArrivals, RecordChanges } from "./record-changes";
import { parseInput, type CaseSummaryInput } from "./record-schemas";
import { ManifestWork, type IntegrityKeys } from "./integrity";
import { verifyRecordVersions } from "./integrity-check";
import { CaseRowCache } from "./case-row-cache";
import { getReview, saveReview, type ReviewRecord, type ReviewStatus } from "./review-notes";
import type { SessionContext } from "./session-context";
import { getSetting, setSetting } from "./settings";
import type { TeamSync } from "./sync/team-sync";

/** What a session needs from the `Vault` that opened it. */
export interface SessionOwner {
  readonly db: SafeReferralDb;
  readonly _iterations: number;
  _now(): Date;
  _verifyPassphrase(profileId: string, passphrase: string): Promise<{ profile: ProfileRow; extractableKey: CryptoKey }>;
  _forgetSession(session: VaultSession): void;
  _dropSessionsFor(profileId: string): void;
}

const loadPortableRecords = () => import("./portable-records");
const loadImportAnalysis = () => import("./import-analysis");
const loadImportCommit = () => import("./import-commit");
const loadTeamSync = () => import("./sync/team-sync");

/**
 * An unlocked profile. Holds the profile's non-extractable data key until
 * `lock()`; afterwards every method rejects with VaultLockedError.
 *
 * Create through `Vault.unlock` / `Vault.resetPassphraseWithRecoveryKey`.
 */
export class VaultSession {
  readonly profileId: string;
  readonly label: string;
  #key: CryptoKey | null;
  #integrity: IntegrityKeys | null;
  /** The record-version check, run once per session (see SessionContext.verifyRecords). */
  #verified: Promise<void> | null = null;
  /** The manifest head each open write transaction is updating. */
  readonly #manifests = new WeakMap<object, ManifestWork>();
  readonly #vault: SessionOwner;
  readonly #db: SafeReferralDb;
  readonly #beforeLock = new Set<() => Promise<void>>();
  /** Records already audited as "edit" in this session: one entry per record per session, not one per autosave. */
  readonly #auditedEdits = new Set<string>();
  readonly #context: SessionContext;
  readonly #drafts: AssessmentDrafts;
  readonly #changes = new RecordChanges();
  readonly #arrivals = new RecordArrivals();
  #teamSync: Promise<TeamSync> | null = null;
  #locking: Promise<void> | null = null;

  constructor(vault: SessionOwner, profileId: string, label: string, key: CryptoKey, integrity: IntegrityKeys) {
    this.#vault = vault;
    this.#db = vault.db;
    this.profileId = profileId;
    this.label = label;
    this.#key = key;
    this.#integrity = integrity;
    this.#context = {
      db: this.#db,
      profileId,
      label,
      requireKey: () => this.#requireKey(),
      integrity: () => this.#requireIntegrity(),
      verifyRecords: () => this.#verifyRecords(),
      caseRows: new CaseRowCache(),
      manifest: () => this.#currentManifest(),
      now: () => this.#vault._now(),
      nowIso: () => this.#nowIso(),
      write: (tables, body) => this.#write(tables, body),
      audit: (action, caseId, detail) => this.#audit(action, caseId, detail),
      auditEditOnce: (store, recordId, caseId) => this.#auditEditOnce(store, recordId, caseId),
      isEditAudited: (store, recordId) => this.#auditedEdits.has(`${store}/${recordId}`),
      markEditAudited: (store, recordId) => {
        this.#auditedEdits.add(`${store}/${recordId}`);
      },
      dropKey: () => this._dropKey(),
      changes: this.#changes,
      arrivals: this.#arrivals,
    };
    this.#drafts = new AssessmentDrafts(this.#context);
    // Start the record-version check now, so the first screen after unlock seldom waits for it;
    // whoever reads or writes first gets its result (a failure is reported there, not here).
    this.#verifyRecords().catch(() => undefined);
  }

  get isLocked(): boolean {
    return this.#key === null;
  }

  /**
   * Registers work that must finish before the key is dropped, typically an
   * autosaver's flush. Returns an unregister function.
   */
  /** Calls `listener` when records from another device have been written here (team sync). Returns the unsubscribe. */
  onTeamRecordsArrived(listener: () => void): () => void {
    return this.#arrivals.listen(listener);
  }

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
        const db = this.#db;
        const keys = this.#requireIntegrity();
        await db.transaction("rw", [db.audit, db.manifest], () =>
          appendAudit(db, { profileId: this.profileId, action: "lock", at: this.#nowIso() }, keys),
        );
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
    this.#integrity = null;
    this.#beforeLock.clear();
    this.#drafts.forgetWrites();
    this.#changes.clear();
    this.#arrivals.clear();
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
    const keys = this.#requireIntegrity();
    this.#vault._dropSessionsFor(this.profileId);
    await wipeProfileRecords(this.#db, keys, this.profileId, { ...options, at: this.#nowIso() });
  }

  // ------------------------------------------------------------------ cases (cases.ts)

  /** Creates (no id) or updates (existing id) a case. */
  saveCase(input: SaveCaseInput): Promise<CaseSummary> {
    return saveCase(this.#context, input);
  }

  /** Clear summary fields only, newest first. Decrypts nothing, so it stays fast for thousands of cases. */
  listCaseSummaries(): Promise<CaseSummary[]> {
    return listCaseSummaries(this.#context);
  }

  /** Decrypts one case. Audited as a "view". */
  getCase(caseId: string): Promise<CaseRecord> {
    return getCase(this.#context, caseId);
  }

  /** Deletes a case with its assessments and packs. The audit trail keeps a "delete" entry. */
  deleteCase(caseId: string): Promise<void> {
    return deleteCase(this.#context, caseId);
  }

  /**
   * Records that a referral of `kind` ("marac", "s42", …) was sent for a case: the referral-pack
   * screen calls this when a pack is sent. Clear fields only (the time, and the case's
   * latestAssessedAt at that moment, for time-to-referral), plus the `<kind>-sent` flag the
   * review dashboard reads. The first send is kept: sending again does not restart the clock.
   */
  markReferralSent(caseId: string, kind: string, at?: Date): Promise<CaseSummary> {
    return markReferralSent(this.#context, caseId, kind, at);
  }

  /**
   * Refreshes a case's clear summary fields without touching its sealed details, e.g. the review
   * screen storing the quality score and flags it has just computed for one case. Not audited
   * (codes only, derived from content already audited as viewed) and does not change updatedAt,
   * so a refreshed summary never makes a stale copy look newer than the practitioner's own.
   */
  updateCaseSummary(caseId: string, summaryInput: CaseSummaryInput): Promise<CaseSummary> {
    return updateCaseSummary(this.#context, caseId, summaryInput);
  }

  // ------------------------------------------------------------ assessments (assessments.ts)

  /**
   * Saves a draft. Saves of the same draft run one after another in the order they were called, so
   * the last call always wins (see `AssessmentDrafts.save`).
   */
  saveAssessmentDraft(input: SaveAssessmentDraftInput): Promise<AssessmentSummary> {
    return this.#drafts.save(input);
  }

  /**
   * Seals a draft's newest content ahead of time (stores nothing), so `writePreparedAssessmentDraft`
   * can store it without waiting for encryption. Call on every change, beside scheduling the save.
   */
  prepareAssessmentDraft(input: SaveAssessmentDraftInput & { id: string }): void {
    this.#drafts.prepare(input);
  }

  /**
   * For pagehide and a tab being hidden: synchronously queues (and commits) the IndexedDB write of
   * the draft's newest prepared content, so it is stored even if the page goes straight away.
   * Returns false when it could not (first save of the draft this session, or nothing prepared):
   * then only the normal save, which the caller starts too, writes it.
   */
  writePreparedAssessmentDraft(assessmentId: string): boolean {
    return this.#drafts.writePreparedNow(assessmentId);
  }

  /**
   * Finalises a draft: stores the final answers and outcome, stamps
   * assessedAt, and refreshes the case's clear summary (riskLevel,
   * latestAssessedAt) in the same transaction. Completed assessments are
   * read-only afterwards.
   */
  completeAssessment(input: CompleteAssessmentInput): Promise<AssessmentSummary> {
    return completeAssessment(this.#context, input);
  }

  /** An open draft's codes on its case (sealed), e.g. "not safe to ask" (see `replaceDraftCaseCodes`). */
  replaceDraftCaseCodes(input: DraftCaseCodesInput): Promise<boolean> {
    return replaceDraftCaseCodes(this.#context, input);
  }

  /** Clear metadata of a case's assessments, newest first. */
  listAssessments(caseId: string): Promise<AssessmentSummary[]> {
    return listAssessments(this.#context, caseId);
  }

  /** Decrypts one assessment. Audited as a "view". */
  getAssessment(assessmentId: string): Promise<AssessmentRecord> {
    return getAssessment(this.#context, assessmentId);
  }

  // ------------------------------------------------------------------ review notes (review-notes.ts)

  /**
   * A reviewer's note on a case (sealed) and the review outcome (clear: "reviewed" or
   * "returned-for-improvement", which the practitioner's case list can show). Every note is kept,
   * newest first, and each save is audited. The case's updatedAt is not changed (see
   * updateCaseSummary), so a later resubmission from the practitioner still replaces the case.
   */
  saveReview(caseId: string, input: { note: string; status: ReviewStatus }): Promise<ReviewRecord> {
    return saveReview(this.#context, caseId, input);
  }

  /** The reviewer's notes on a case, newest first (none yet: an empty list). Audited as a "view". */
  getReview(caseId: string, options: { audit?: boolean } = {}): Promise<ReviewRecord> {
    return getReview(this.#context, caseId, options);
  }

  // ------------------------------------------------------------------ packs (packs.ts)

  /** Creates (no id / new id) or updates a referral pack. */
  savePack(input: SavePackInput): Promise<PackSummary> {
    return savePack(this.#context, input);
  }

  listPacks(caseId: string): Promise<PackSummary[]> {
    return listPacks(this.#context, caseId);
  }

  /** Decrypts one pack. Audited as a "view". */
  getPack(packId: string): Promise<PackRecord> {
    return getPack(this.#context, packId);
  }

  // ------------------------------------------------------------------ audit (audit.ts)

  /**
   * For events only the screens see, e.g. "share-pack" when a pack is handed
   * over or "export" when something is printed. `detail` is stored in clear:
   * never put names or case content in it.
   */
  recordAudit(action: AuditAction, options: { caseId?: string; detail?: string } = {}): Promise<void> {
    return recordAudit(this.#context, action, options);
  }

  /**
   * Newest first. Each entry says how far it can be trusted (`integrity`: verified, imported,
   * unverified or broken); the list's `chain` reports where the audit chain is broken, if anywhere.
   */
  listAudit(options: ListAuditOptions = {}): Promise<AuditList> {
    return listAudit(this.#context, options);
  }

  // --------------------------------------------------------------- settings (settings.ts)

  /** `sensitive: true` encrypts the value; otherwise it is stored in clear (UI preferences). */
  setSetting(key: string, value: unknown, options: { sensitive: boolean }): Promise<void> {
    return setSetting(this.#context, key, value, options);
  }

  /** The stored value, or undefined if never set. */
  getSetting(key: string): Promise<unknown> {
    return getSetting(this.#context, key);
  }

  // ---------------- backup support (portable-records.ts, import-analysis.ts, import-commit.ts)
  // Loaded on first use: export and import (with the policy rules they check) are not needed to
  // open the app, so they stay out of the first download.

  /**
   * Decrypts records for an export file (see backup-file.ts). With `caseIds`, just
   * those cases and their assessments/packs; otherwise everything, including
   * the audit trail and settings. Audited as "export".
   */
  exportRecords(selection: { caseIds?: readonly string[]; includeCaseAudit?: boolean } = {}): Promise<PortableRecords> {
    return loadPortableRecords().then((portable) => portable.exportRecords(this.#context, selection));
  }

  /**
   * Compares already-validated imported records with this profile's, reading only: what would be
   * added, and which records here would be replaced (with what changes). See commitImport.
   */
  analyseImport(records: PortableRecords): Promise<ImportPlan> {
    return loadImportAnalysis().then((analysis) => analysis.analyseImport(this.#context, records));
  }

  /**
   * Writes an analysed import in ONE transaction: either everything lands or nothing does. Records
   * here are replaced only with `decisions.replace`, the policy only with `decisions.applyPolicy`;
   * cancelling through `control.signal` before the commit writes nothing.
   */
  commitImport(
    plan: ImportPlan,
    decisions: ImportDecisions,
    detail: string,
    control?: ImportControl,
  ): Promise<ImportSummary> {
    return loadImportCommit()
      .then((commit) => commit.commitImport(this.#context, plan, decisions, detail, control))
      .then((summary) => this.#afterImport(summary));
  }

  /** analyseImport + commitImport with the decisions given up front (by default nothing here is replaced). */
  importRecords(
    records: PortableRecords,
    detail: string,
    decisions?: ImportDecisions,
    control?: ImportControl,
  ): Promise<ImportSummary> {
    return loadImportCommit()
      .then((commit) => commit.importRecords(this.#context, records, detail, decisions, control))
      .then((summary) => this.#afterImport(summary));
  }

  /** Imported rows carry names and full flags: move them into the sealed index like older rows. */
  async #afterImport(summary: ImportSummary): Promise<ImportSummary> {
    await migrateClearMetadata(this.#context);
    return summary;
  }

  // ------------------------------------------------ team sync (sync/team-sync.ts, loaded after unlock)

  /**
   * Team sync for this profile: the device's keys and enrolment, and the sync engine. Loaded on first
   * use, so the app's first download carries none of it; the engine stops when the vault locks.
   */
  async openTeamSync(): Promise<TeamSync> {
    this.#requireKey();
    // One per session: its engine, its outbox listener and its state are the session's.
    this.#teamSync ??= loadTeamSync().then((module) =>
      module.openTeamSync(this.#context, (hook) => this.onBeforeLock(hook)),
    );
    return this.#teamSync;
  }

  // ------------------------------------------------ agencies and clear metadata (clear-metadata.ts)

  /** The agencies this profile works for (sealed names; case rows hold their codes). */
  listAgencies(): Promise<Agency[]> {
    return listAgencies(this.#context);
  }

  /** Adds an agency (or brings back a removed one of the same name); returns it with its code. */
  addAgency(name: string): Promise<Agency> {
    return addAgency(this.#context, name);
  }

  renameAgency(code: string, name: string): Promise<void> {
    return renameAgency(this.#context, code, name);
  }

  /** Hides the agency from the choices; cases that name it keep its name. */
  removeAgency(code: string): Promise<void> {
    return removeAgency(this.#context, code);
  }

  /**
   * Moves free-text agency/author and flags no list reads from older case rows into the sealed
   * index. Run by the vault on unlock (idempotent); returns how many rows changed.
   */
  migrateClearMetadata(): Promise<number> {
    return migrateClearMetadata(this.#context);
  }

  // -------------------------------------------------------------- internals

  #requireKey(): CryptoKey {
    if (this.#key === null) throw new VaultLockedError();
    return this.#key;
  }

  #requireIntegrity(): IntegrityKeys {
    if (this.#integrity === null) throw new VaultLockedError();
    return this.#integrity;
  }

  #verifyRecords(): Promise<void> {
    const keys = this.#requireIntegrity();
    this.#verified ??= verifyRecordVersions(this.#db, keys, this.profileId, this.#context.caseRows);
    return this.#verified;
  }

  #currentManifest(): ManifestWork {
    const transaction = Dexie.currentTransaction;
    const work = transaction ? this.#manifests.get(transaction) : undefined;
    if (!work) throw new Error("The manifest is only available inside a session write.");
    return work;
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
    const keys = this.#requireIntegrity();
    // Nothing is written over records that fail the check (the write would vouch for them).
    await this.#verifyRecords();
    const db = this.#db;
    const scope = [...tables, db.profiles, db.manifest];
    return db.transaction("rw", scope, async () => {
      this.#requireKey();
      // The profile may have been wiped from another tab. The check is issued alongside the
      // body's own reads (autosave runs on every change, so round trips count); if it fails,
      // throwing aborts the transaction and nothing the body wrote is kept.
      const profileStillExists = db.profiles.get(this.profileId);
      // The manifest head is read and written in the same transaction as the records it vouches for.
      const work = new ManifestWork(keys, this.profileId, await db.manifest.get(this.profileId));
      this.#manifests.set(Dexie.currentTransaction!, work);
      const result = await body();
      if (!(await profileStillExists)) {
        this._dropKey();
        throw new VaultLockedError();
      }
      if (work.dirty) await db.manifest.put(work.row());
      return result;
    });
  }

  async #audit(action: AuditAction, caseId: string | null = null, detail: string | null = null): Promise<void> {
    const row = buildAuditRow({ profileId: this.profileId, action, caseId, detail, at: this.#nowIso() });
    await this.#db.audit.add(this.#currentManifest().chain(row));
  }

  async #auditEditOnce(store: string, recordId: string, caseId: string): Promise<void> {
    const marker = `${store}/${recordId}`;
    if (this.#auditedEdits.has(marker)) return;
    await this.#audit("edit", caseId, store === "cases" ? "case" : store.replace(/s$/, ""));
    this.#auditedEdits.add(marker);
  }
}
