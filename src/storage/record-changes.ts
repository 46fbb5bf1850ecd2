/**
 * Who is told when a record of the vault has been saved: after the write has committed, each store
 * reports the records it changed (a case, an assessment, a pack, the review of a case) and every
 * listener is awaited, so when a save resolves its listeners have seen it (team sync queues it in its
 * outbox; a lock's final autosave is queued before the key goes). A listener's failure never fails the
 * save: the record is stored, and the listener reports its own problem.
 */

/** One saved record: its store ("review": the reviewer's notes on a case) and the case it belongs to. */
export interface VaultRecordChange {
  store: "cases" | "assessments" | "packs" | "review";
  id: string;
  caseId: string;
}

export type RecordChangeListener = (changes: readonly VaultRecordChange[]) => Promise<void>;

export class RecordChanges {
  readonly #listeners = new Set<RecordChangeListener>();

  /** Returns the unsubscribe. */
  listen(listener: RecordChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Call after the write has committed. Resolves once every listener has handled the changes. */
  async saved(changes: readonly VaultRecordChange[]): Promise<void> {
    if (this.#listeners.size === 0 || changes.length === 0) return;
    for (const listener of [...this.#listeners]) {
      try {
        await listener(changes);
      } catch {
        // The record is stored; a listener reports its own failures (team sync keeps them to retry).
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

/**
 * Who is told when records from another device have been written into the vault (team sync applied
 * them, or a conflict was settled), so a list on screen can read itself again: the manager's dashboard
 * fills as the team's cases arrive, and a returned note shows on the practitioner's list.
 */
export class RecordArrivals {
  readonly #listeners = new Set<() => void>();

  /** Returns the unsubscribe. */
  listen(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Call after the write has committed. */
  arrived(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch {
        // A screen's listener failing must not stop the others, or sync.
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
