/**
 * An unlocked profile: the only object that holds a profile's data key. The methods here are the API
 * screens call; each delegates to the module that does the work, with this session's `SessionContext`:
 * the key's life (lock, onBeforeLock, flushPending) in session-lock.ts, the write and audit paths every
 * store goes through in session-writes.ts, passphrase and recovery-key changes in session-credentials.ts,
 * export and import in session-transfers.ts, team sync in session-team-sync.ts, and each store's reads
 * and writes in its own module (cases.ts, assessments.ts, packs.ts, review-notes.ts, settings.ts,
 * audit.ts, clear-metadata.ts).
 */

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
import { listAudit, recordAudit, type AuditList, type ListAuditOptions } from "./audit";
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
import type { AuditAction, SafeReferralDb } from "./db";
import { getPack, listPacks, savePack, type PackRecord, type PackSummary, type SavePackInput } from "./packs";
import type { ImportControl, ImportDecisions, ImportPlan, ImportSummary } from "./import-types";
import type { PortableRecords } from "./portable-records";
import { wipeProfileRecords } from "./profile-wipe";
import { RecordArrivals, RecordChanges } from "./record-changes";
import type { CaseSummaryInput } from "./record-schemas";
import type { IntegrityKeys } from "./integrity";
import { CaseRowCache } from "./case-row-cache";
import { getReview, saveReview, type ReviewRecord, type ReviewStatus } from "./review-notes";
import type { SessionContext } from "./session-context";
import { changePassphrase, regenerateRecoveryKey, type PassphraseCheck } from "./session-credentials";
import { SessionLock } from "./session-lock";
import { SessionTeamSync } from "./session-team-sync";
import { analyseImport, commitImport, exportRecords, importRecords } from "./session-transfers";
import { SessionWrites } from "./session-writes";
import { getSetting, setSetting } from "./settings";
import type { TeamSync } from "./sync/team-sync";

/** What a session needs from the `Vault` that opened it. */
export interface SessionOwner extends PassphraseCheck {
  readonly db: SafeReferralDb;
  _now(): Date;
  _forgetSession(session: VaultSession): void;
  _dropSessionsFor(profileId: string): void;
}

/**
 * An unlocked profile. Holds the profile's non-extractable data key until
 * `lock()`; afterwards every method rejects with VaultLockedError.
 *
 * Create through `Vault.unlock` / `Vault.resetPassphraseWithRecoveryKey`.
 */
export class VaultSession {
  readonly profileId: string;
  readonly label: string;
  readonly #vault: SessionOwner;
  /** The keys and their life: only this session holds them (session-lock.ts). */
  readonly #lock: SessionLock;
  readonly #context: SessionContext;
  readonly #drafts: AssessmentDrafts;
  readonly #changes = new RecordChanges();
  readonly #arrivals = new RecordArrivals();
  readonly #teamSync: SessionTeamSync;

  constructor(vault: SessionOwner, profileId: string, label: string, key: CryptoKey, integrity: IntegrityKeys) {
    this.#vault = vault;
    this.profileId = profileId;
    this.label = label;
    const db = vault.db;
    const nowIso = () => vault._now().toISOString();
    const lock = new SessionLock({ db, profileId, key, integrity, nowIso, onDropped: () => this.#forget() });
    const caseRows = new CaseRowCache();
    const writes = new SessionWrites({ db, profileId, lock, caseRows, nowIso });
    this.#lock = lock;
    this.#context = {
      db,
      profileId,
      label,
      requireKey: () => lock.requireKey(),
      integrity: () => lock.requireIntegrity(),
      verifyRecords: () => writes.verifyRecords(),
      caseRows,
      manifest: () => writes.currentManifest(),
      now: () => vault._now(),
      nowIso,
      write: (tables, body) => writes.write(tables, body),
      audit: (action, caseId, detail) => writes.audit(action, caseId, detail),
      auditEditOnce: (store, recordId, caseId) => writes.auditEditOnce(store, recordId, caseId),
      isEditAudited: (store, recordId) => writes.isEditAudited(store, recordId),
      markEditAudited: (store, recordId) => writes.markEditAudited(store, recordId),
      dropKey: () => this._dropKey(),
      changes: this.#changes,
      arrivals: this.#arrivals,
    };
    this.#drafts = new AssessmentDrafts(this.#context);
    this.#teamSync = new SessionTeamSync(this.#context, (hook) => this.onBeforeLock(hook));
    // Start the record-version check now, so the first screen after unlock seldom waits for it;
    // whoever reads or writes first gets its result (a failure is reported there, not here).
    writes.verifyRecords().catch(() => undefined);
  }

  get isLocked(): boolean {
    return this.#lock.isLocked;
  }

  /**
   * Registers work that must finish before the key is dropped, typically an
   * autosaver's flush. Returns an unregister function.
   */
  onBeforeLock(hook: () => Promise<void>): () => void {
    return this.#lock.onBeforeLock(hook);
  }

  /**
   * Flushes pending saves, then forgets the key. Always ends locked; if a
   * flush failed it rejects with LockFlushError afterwards. Safe to call twice.
   */
  lock(): Promise<void> {
    return this.#lock.lock();
  }

  /**
   * Runs the same hooks as `lock()` (every registered autosaver's flush) without locking, e.g. before
   * the app reloads into a new version. Resolves once everything scheduled before the call is stored;
   * rejects with PendingSaveError if any flush failed (all are still attempted). The session stays open.
   */
  flushPending(): Promise<void> {
    return this.#lock.flushPending();
  }

  /** @internal Forget the key immediately, without flushing (used by wipes). */
  _dropKey(): void {
    this.#lock.drop();
  }

  /** What goes with the key: queued draft writes, change listeners, and the vault's hold on this session. */
  #forget(): void {
    this.#drafts.forgetWrites();
    this.#changes.clear();
    this.#arrivals.clear();
    this.#vault._forgetSession(this);
  }

  // ---------------------------------------------------------------- profile (session-credentials.ts)

  /** Re-wraps the data key under a new passphrase. No record is re-encrypted. */
  changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    return changePassphrase(this.#context, this.#vault, currentPassphrase, newPassphrase);
  }

  /** Issues a new recovery key (shown once); the old one stops working. */
  regenerateRecoveryKey(currentPassphrase: string): Promise<string> {
    return regenerateRecoveryKey(this.#context, this.#vault, currentPassphrase);
  }

  /**
   * Deletes everything this profile stored. By default the profile itself
   * goes too; with `keepProfile` it remains (same passphrase) with an empty
   * vault and a "wipe" audit entry. Other profiles are untouched. The session
   * is locked first (without flushing, so no pending autosave can write data
   * back after the wipe).
   */
  async wipeVault(options: { keepProfile?: boolean } = {}): Promise<void> {
    this.#context.requireKey();
    const keys = this.#context.integrity();
    this.#vault._dropSessionsFor(this.profileId);
    await wipeProfileRecords(this.#context.db, keys, this.profileId, { ...options, at: this.#context.nowIso() });
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
   * The promise (never rejected) says when the seal is ready; the screen need not wait for it.
   */
  prepareAssessmentDraft(input: SaveAssessmentDraftInput & { id: string }): Promise<void> {
    return this.#drafts.prepare(input);
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

  // ---------------- backup support (session-transfers.ts: loaded on first use, out of the first download)

  /**
   * Decrypts records for an export file (see backup-file.ts). With `caseIds`, just
   * those cases and their assessments/packs; otherwise everything, including
   * the audit trail and settings. Audited as "export".
   */
  exportRecords(selection: { caseIds?: readonly string[]; includeCaseAudit?: boolean } = {}): Promise<PortableRecords> {
    return exportRecords(this.#context, selection);
  }

  /**
   * Compares already-validated imported records with this profile's, reading only: what would be
   * added, and which records here would be replaced (with what changes). See commitImport.
   */
  analyseImport(records: PortableRecords): Promise<ImportPlan> {
    return analyseImport(this.#context, records);
  }

  /**
   * Writes an analysed import in ONE transaction: either everything lands or nothing does. Records
   * here are replaced only with `decisions.replace`, the policy only with `decisions.applyPolicy`;
   * cancelling through `control.signal` before the commit writes nothing. Imported rows' names and
   * flags then move into the sealed index.
   */
  commitImport(
    plan: ImportPlan,
    decisions: ImportDecisions,
    detail: string,
    control?: ImportControl,
  ): Promise<ImportSummary> {
    return commitImport(this.#context, plan, decisions, detail, control);
  }

  /** analyseImport + commitImport with the decisions given up front (by default nothing here is replaced). */
  importRecords(
    records: PortableRecords,
    detail: string,
    decisions?: ImportDecisions,
    control?: ImportControl,
  ): Promise<ImportSummary> {
    return importRecords(this.#context, records, detail, decisions, control);
  }

  // ------------------------------------------------ team sync (session-team-sync.ts, loaded after unlock)

  /**
   * Team sync for this profile: the device's keys and enrolment, and the sync engine. Loaded on first
   * use, so the app's first download carries none of it; the engine stops when the vault locks.
   */
  async openTeamSync(): Promise<TeamSync> {
    return this.#teamSync.open();
  }

  /** Calls `listener` when records from another device have been written here (team sync). Returns the unsubscribe. */
  onTeamRecordsArrived(listener: () => void): () => void {
    return this.#arrivals.listen(listener);
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
}
