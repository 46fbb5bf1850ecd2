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
 *   the checking reads and the put are issued together. IndexedDB runs requests in the order
 *   they were made, so the reads see the row as it was before the put. If anything differs from
 *   the expectation (another tab saved or completed it, the case or profile went), the
 *   transaction is aborted, the put never lands, and the caller retries checked-first. One round
 *   trip, which is what keeps autosave close to a plain put.
 */
import type { AssessmentRow, AuditRow } from "./db";
import {
  AssessmentCompletedError,
  DraftExistsError,
  InvalidInputError,
  RecordNotFoundError,
  VaultLockedError,
} from "./errors";

export interface DraftWrite {
  profileId: string;
  caseId: string;
  id: string;
  /** Builds the row to store from the existing one (undefined for a new draft). */
  buildRow(existing: DraftState | undefined): AssessmentRow;
  /** The audit entry to append with this write, if any (decided from the existing row). */
  auditRow(existing: DraftState | undefined): AuditRow | null;
}

/** The parts of a stored assessment a draft write depends on. */
export interface DraftState {
  caseId: string;
  status: AssessmentRow["status"];
  createdAt: string;
  updatedAt: string;
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
): Promise<AssessmentRow> {
  if (expected) {
    try {
      return await runDraftTransaction(idb, write, expected);
    } catch (error) {
      if (!(error instanceof StaleExpectation)) throw error;
    }
  }
  return runDraftTransaction(idb, write, undefined);
}

export function draftStateOf(row: AssessmentRow): DraftState {
  return { caseId: row.caseId, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function sameState(stored: AssessmentRow | undefined, expected: DraftState): boolean {
  return (
    stored !== undefined &&
    stored.caseId === expected.caseId &&
    stored.status === expected.status &&
    stored.createdAt === expected.createdAt &&
    stored.updatedAt === expected.updatedAt
  );
}

function runDraftTransaction(
  idb: IDBDatabase,
  write: DraftWrite,
  expected: DraftState | undefined,
): Promise<AssessmentRow> {
  return new Promise((resolve, reject) => {
    // The audit store is only in scope when this write may add an entry.
    const optimisticAudit = expected ? write.auditRow(expected) : null;
    const needsAuditStore = expected === undefined || optimisticAudit !== null;
    const scope = needsAuditStore
      ? ["profiles", "cases", "assessments", "audit"]
      : ["profiles", "cases", "assessments"];
    const tx = idb.transaction(scope, "readwrite");
    let failure: Error | null = null;
    let written: AssessmentRow | null = null;
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

    // The checking reads are issued together; getKey avoids cloning whole rows we only test for.
    const profileKey = tx.objectStore("profiles").getKey(write.profileId);
    const caseKey = tx.objectStore("cases").getKey([write.profileId, write.caseId]);
    const existingRequest = tx.objectStore("assessments").get([write.profileId, write.id]);

    const check = (existing: AssessmentRow | undefined): Error | null => {
      if (profileKey.result === undefined) return new VaultLockedError();
      if (caseKey.result === undefined) return new RecordNotFoundError("cases");
      if (existing && existing.status === "completed") return new AssessmentCompletedError();
      if (existing && existing.caseId !== write.caseId)
        return new InvalidInputError("That assessment belongs to a different case.");
      return null;
    };

    if (expected) {
      // Optimistic: issue the put now; the reads above still see the row as it was before it.
      let row: AssessmentRow;
      try {
        row = write.buildRow(expected);
      } catch (error) {
        fail(error as Error);
        return;
      }
      existingRequest.onsuccess = () => {
        if (failure) return;
        const existing = existingRequest.result as AssessmentRow | undefined;
        const problem = check(existing);
        if (problem) return fail(problem);
        if (!sameState(existing, expected)) return fail(new StaleExpectation());
      };
      tx.objectStore("assessments").put(row);
      if (optimisticAudit) tx.objectStore("audit").add(optimisticAudit);
      written = row;
      return;
    }

    // One draft per case: creating a new draft row is refused, in this same transaction, if the
    // case already has another draft (two tabs, or a late save of an abandoned one).
    const otherDrafts = tx
      .objectStore("assessments")
      .index("[profileId+caseId]")
      .getAll([write.profileId, write.caseId]);
    otherDrafts.onsuccess = () => {
      if (failure || written) return;
      if (existingRequest.result !== undefined) return;
      const other = (otherDrafts.result as AssessmentRow[]).find(
        (row) => row.status === "draft" && row.id !== write.id,
      );
      if (other) return fail(new DraftExistsError(other.id));
      put(undefined);
    };

    const put = (existing: AssessmentRow | undefined): void => {
      try {
        const state = existing ? draftStateOf(existing) : undefined;
        const row = write.buildRow(state);
        const audit = write.auditRow(state);
        tx.objectStore("assessments").put(row);
        if (audit) tx.objectStore("audit").add(audit);
        written = row;
      } catch (error) {
        fail(error as Error);
      }
    };

    existingRequest.onsuccess = () => {
      if (failure) return;
      const existing = existingRequest.result as AssessmentRow | undefined;
      const problem = check(existing);
      if (problem) return fail(problem);
      // A new row waits for the one-draft-per-case check (its request was issued after this one).
      if (existing) put(existing);
    };
  });
}
