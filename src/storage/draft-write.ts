/**
 * The autosave write path for assessment drafts, on the raw IndexedDB transaction under Dexie.
 *
 * Why not Dexie here: drafts are saved on every change, and the bench showed Dexie's own
 * per-request overhead (not encryption) made an autosave cost over 3x a plain IndexedDB put.
 * This path keeps every check the Dexie version made, in one readwrite transaction: the profile
 * and case still exist, the assessment is not completed and belongs to this case. Any failed
 * check aborts the transaction, so nothing is written.
 *
 * Two ways to write, with the same checks:
 * - Checked first (`writeDraftAssessment` without an expectation): read, check, then put. Two
 *   round trips to the IndexedDB backend. Used for the first save of a draft in a session.
 * - Optimistic (with an expectation of the stored row, taken from this session's last write):
 *   the profile's manifest head is read and the puts are issued together. IndexedDB runs requests
 *   in the order they were made, so the read sees the head as it was before the put. Every write
 *   the app makes moves the head on (its clock never repeats), so an unchanged head proves the
 *   row, case and profile are as this session's last write checked them. If the head differs
 *   (another tab saved or completed it, the case or profile went), the transaction is aborted,
 *   the puts never land, and the caller retries checked-first. One read, in a transaction over
 *   two stores (three when an audit entry is due): what keeps autosave close to a plain put.
 *
 * Tamper evidence adds one small put: the profile's manifest head (integrity.ts), read with the
 * other checks and written in the same transaction. The row's version and MAC, the head and any
 * chained audit entry come from `prepare`: on the checked path, synchronously between the reads and
 * the puts; on the optimistic path, before the transaction opens (from the expected state, which
 * the head read then confirms), so the transaction is open only for its requests. The optimistic
 * path expects the head as this draft's last write left it; any other write in between makes it
 * stale, and that save goes checked-first (stamping afresh over what it read).
 */
import type { AssessmentRow, AuditRow, ManifestRow } from "./db";
import {
  AssessmentCompletedError,
  DraftExistsError,
  InvalidInputError,
  RecordNotFoundError,
  TamperEvidenceError,
  VaultLockedError,
} from "./errors";

export interface DraftWrite {
  profileId: string;
  caseId: string;
  id: string;
  /**
   * The row to store (versioned and MACed), the audit entry to append with it (if any) and the new
   * manifest head, from the existing draft (undefined for a new one) and the stored head.
   */
  prepare(existing: DraftState | undefined, head: ManifestRow | undefined): DraftPrepared;
  /** Whether a stored row's MAC matches it (a row altered outside the app is refused, not built on). */
  isAuthentic(row: AssessmentRow): boolean;
}

export interface DraftPrepared {
  row: AssessmentRow;
  audit: AuditRow | null;
  head: ManifestRow;
}

/** The parts of a stored assessment (and of the manifest head) a draft write depends on. */
export interface DraftState {
  caseId: string;
  status: AssessmentRow["status"];
  createdAt: string;
  updatedAt: string;
  ver?: number;
  mac?: string;
  /** The manifest head as it was stored with this row. */
  head: ManifestRow | undefined;
}

/** Raised (and handled inside this module) when an optimistic write found the row not as expected. */
class StaleExpectation extends Error {}

/**
 * Writes a draft. With `expected` (the row as this session last wrote it), tries the one-round-trip
 * optimistic write first and falls back to checked-first if the stored row has moved on.
 */
export async function writeDraftAssessment(
  idb: IDBDatabase,
  write: DraftWrite,
  expected?: DraftState,
): Promise<DraftPrepared> {
  if (expected) {
    try {
      return await runDraftTransaction(idb, write, expected);
    } catch (error) {
      if (!(error instanceof StaleExpectation)) throw error;
    }
  }
  return runDraftTransaction(idb, write, undefined);
}

export function draftStateOf(row: AssessmentRow, head: ManifestRow | undefined): DraftState {
  return {
    caseId: row.caseId,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(row.ver === undefined ? {} : { ver: row.ver }),
    ...(row.mac === undefined ? {} : { mac: row.mac }),
    head,
  };
}

export function sameState(
  stored: AssessmentRow | undefined,
  head: ManifestRow | undefined,
  expected: DraftState,
): boolean {
  return (
    stored !== undefined &&
    stored.caseId === expected.caseId &&
    stored.status === expected.status &&
    stored.createdAt === expected.createdAt &&
    stored.updatedAt === expected.updatedAt &&
    stored.ver === expected.ver &&
    stored.mac === expected.mac &&
    head?.mac === expected.head?.mac
  );
}

function runDraftTransaction(
  idb: IDBDatabase,
  write: DraftWrite,
  expected: DraftState | undefined,
): Promise<DraftPrepared> {
  if (expected) return runOptimisticTransaction(idb, write, expected);
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(["profiles", "cases", "assessments", "audit", "manifest"], "readwrite");
    const { fail, done } = settleWith(tx, resolve, reject);

    // The checking reads are issued together; getKey avoids cloning whole rows we only test for.
    const profileKey = tx.objectStore("profiles").getKey(write.profileId);
    const caseKey = tx.objectStore("cases").getKey([write.profileId, write.caseId]);
    const headRequest = tx.objectStore("manifest").get(write.profileId);
    const existingRequest = tx.objectStore("assessments").get([write.profileId, write.id]);

    const check = (existing: AssessmentRow | undefined): Error | null => {
      if (profileKey.result === undefined) return new VaultLockedError();
      if (caseKey.result === undefined) return new RecordNotFoundError("cases");
      if (existing && existing.status === "completed") return new AssessmentCompletedError();
      if (existing && existing.caseId !== write.caseId)
        return new InvalidInputError("That assessment belongs to a different case.");
      if (existing && !write.isAuthentic(existing)) {
        return new TamperEvidenceError(
          existing.mac === undefined ? "record-unauthenticated" : "record-altered",
          "assessments",
        );
      }
      return null;
    };

    // One draft per case: creating a new draft row is refused, in this same transaction, if the
    // case already has another draft (two tabs, or a late save of an abandoned one).
    const otherDrafts = tx
      .objectStore("assessments")
      .index("[profileId+caseId]")
      .getAll([write.profileId, write.caseId]);
    otherDrafts.onsuccess = () => {
      if (done()) return;
      if (existingRequest.result !== undefined) return;
      const other = (otherDrafts.result as AssessmentRow[]).find(
        (row) => row.status === "draft" && row.id !== write.id,
      );
      if (other) return fail(new DraftExistsError(other.id));
      put(undefined);
    };

    const put = (existing: AssessmentRow | undefined): void => {
      try {
        const head = headRequest.result as ManifestRow | undefined;
        const prepared = write.prepare(existing ? draftStateOf(existing, head) : undefined, head);
        tx.objectStore("assessments").put(prepared.row);
        if (prepared.audit) tx.objectStore("audit").add(prepared.audit);
        tx.objectStore("manifest").put(prepared.head);
        done(prepared);
      } catch (error) {
        fail(error as Error);
      }
    };

    existingRequest.onsuccess = () => {
      if (done()) return;
      const existing = existingRequest.result as AssessmentRow | undefined;
      const problem = check(existing);
      if (problem) return fail(problem);
      // A new row waits for the one-draft-per-case check (its request was issued after this one).
      if (existing) put(existing);
    };
  });
}

/**
 * The one-round-trip write: the manifest head is read and the puts are issued at once. Every write
 * the app makes to a profile (any record, any tab) moves its head on, and its clock never repeats,
 * so a head exactly as this session's last draft write left it proves nothing in the profile has
 * changed since: the draft row, its case and the profile are as that write saw them, already
 * checked. Anything else (another tab's save, completion, deletion, a wipe that removed the head)
 * aborts the transaction before the puts land, and the caller goes checked-first.
 */
function runOptimisticTransaction(idb: IDBDatabase, write: DraftWrite, expected: DraftState): Promise<DraftPrepared> {
  return new Promise((resolve, reject) => {
    // The same draft moved to another case: the checked path reports it.
    if (expected.caseId !== write.caseId || expected.head === undefined) {
      reject(new StaleExpectation());
      return;
    }
    // Everything the puts need is computed before the transaction opens: a failure leaves nothing to
    // abort, and the transaction is open only for its requests.
    let prepared: DraftPrepared;
    try {
      prepared = write.prepare(expected, expected.head);
    } catch (error) {
      reject(error as Error);
      return;
    }
    const tx = idb.transaction(
      prepared.audit ? ["assessments", "audit", "manifest"] : ["assessments", "manifest"],
      "readwrite",
    );
    const { fail, done } = settleWith(tx, resolve, reject);
    const headRequest = tx.objectStore("manifest").get(write.profileId);
    headRequest.onsuccess = () => {
      const head = headRequest.result as ManifestRow | undefined;
      if (head?.mac !== expected.head?.mac) fail(new StaleExpectation());
    };
    tx.objectStore("assessments").put(prepared.row);
    if (prepared.audit) tx.objectStore("audit").add(prepared.audit);
    tx.objectStore("manifest").put(prepared.head);
    done(prepared);
  });
}

/**
 * Settles a draft transaction's promise: resolved with the prepared write once it commits, rejected
 * with the first failure (which aborts it, so nothing is written). `done()` says whether the
 * outcome is already decided; `done(prepared)` records what the puts wrote.
 */
function settleWith(
  tx: IDBTransaction,
  resolve: (value: DraftPrepared) => void,
  reject: (error: Error) => void,
): { fail: (error: Error) => void; done: (prepared?: DraftPrepared) => boolean } {
  let failure: Error | null = null;
  let written: DraftPrepared | null = null;
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    tx.abort();
  };
  tx.oncomplete = () => (written ? resolve(written) : reject(new Error("Draft write completed without a row.")));
  tx.onabort = () => reject(failure ?? tx.error ?? new Error("Draft write was aborted."));
  tx.onerror = (event) => {
    // Let onabort report the first cause; stop the error bubbling to the database.
    event.preventDefault();
    fail((event.target as IDBRequest).error ?? new Error("Draft write failed."));
  };
  const done = (prepared?: DraftPrepared) => {
    if (prepared) written = prepared;
    return failure !== null || written !== null;
  };
  return { fail, done };
}
