/**
 * The autosave write path for assessment drafts, on the raw IndexedDB transaction under Dexie.
 *
 * Why not Dexie here: drafts are saved on every change, and the bench showed Dexie's own
 * per-request overhead (not encryption) made an autosave cost over 3x a plain IndexedDB put.
 * This path keeps every check the Dexie version made, in one readwrite transaction: the profile
 * and case still exist, the assessment is not completed and belongs to this case. Any failed
 * check aborts the transaction, so nothing is written.
 */
import type { AssessmentRow, AuditRow } from './db';
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError, VaultLockedError } from './errors';

export interface DraftWrite {
  profileId: string;
  caseId: string;
  id: string;
  /** Builds the row to store from the existing one (undefined for a new draft). */
  buildRow(existing: AssessmentRow | undefined): AssessmentRow;
  /** The audit entry to append with this write, if any (decided from the existing row). */
  auditRow(existing: AssessmentRow | undefined): AuditRow | null;
}

export function writeDraftAssessment(idb: IDBDatabase, write: DraftWrite): Promise<AssessmentRow> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['profiles', 'cases', 'assessments', 'audit'], 'readwrite');
    let failure: Error | null = null;
    let written: AssessmentRow | null = null;
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      tx.abort();
    };
    tx.oncomplete = () => (written ? resolve(written) : reject(new Error('Draft write completed without a row.')));
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('Draft write was aborted.'));
    tx.onerror = (event) => {
      // Let onabort report the first cause; stop the error bubbling to the database.
      event.preventDefault();
      fail((event.target as IDBRequest).error ?? new Error('Draft write failed.'));
    };

    // All three reads are issued at once; the write follows when the last one answers.
    const profile = tx.objectStore('profiles').get(write.profileId);
    const caseRow = tx.objectStore('cases').get([write.profileId, write.caseId]);
    const existingRequest = tx.objectStore('assessments').get([write.profileId, write.id]);
    existingRequest.onsuccess = () => {
      if (failure) return;
      if (profile.result === undefined) return fail(new VaultLockedError());
      if (caseRow.result === undefined) return fail(new RecordNotFoundError('cases'));
      const existing = existingRequest.result as AssessmentRow | undefined;
      if (existing && existing.status === 'completed') return fail(new AssessmentCompletedError());
      if (existing && existing.caseId !== write.caseId) {
        return fail(new InvalidInputError('That assessment belongs to a different case.'));
      }
      try {
        const row = write.buildRow(existing);
        const audit = write.auditRow(existing);
        tx.objectStore('assessments').put(row);
        if (audit) tx.objectStore('audit').add(audit);
        written = row;
      } catch (error) {
        fail(error as Error);
      }
    };
  });
}
