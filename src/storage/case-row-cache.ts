/**
 * The profile's case rows as last read in one transaction with the manifest head, kept for the
 * session so the case list and the review dashboard need not read 5,000 rows again straight after
 * unlock (the record-version check has just read them all). The head's MAC is the cache key: every
 * write by any tab moves the head on, so a matching head proves the rows are still the stored ones.
 * Rows are MAC-checked once per read; a cached copy that passed is not checked again.
 * Holds what IndexedDB holds (ciphertext and clear codes), nothing decrypted; dropped with the session.
 */

import { profileRange, type CaseRow, type ManifestRow, type SafeReferralDb } from "./db";

interface CachedRows {
  headMac: string;
  rows: CaseRow[];
  checked: boolean;
}

export class CaseRowCache {
  #cached: CachedRows | null = null;

  /** Rows, newest first, read in the same transaction as `head` (undefined head: nothing is cached). */
  offer(head: ManifestRow | undefined, rows: CaseRow[]): void {
    // Frozen: every list built from them shares their flags, and a screen that changed one in place
    // would change what later lists show without any check seeing it.
    for (const row of rows) {
      Object.freeze(row.flags);
      Object.freeze(row);
    }
    this.#cached = head?.mac === undefined ? null : { headMac: head.mac, rows, checked: false };
  }

  /** The rows read with this head, or null when the head has moved on since (or nothing is held). */
  rowsFor(head: ManifestRow | undefined): { rows: CaseRow[]; checked: boolean } | null {
    const cached = this.#cached;
    if (cached === null || head?.mac !== cached.headMac) return null;
    return { rows: cached.rows, checked: cached.checked };
  }

  /** Every row of the entry for `rows` passed its MAC check. */
  markChecked(rows: CaseRow[]): void {
    if (this.#cached?.rows === rows) this.#cached.checked = true;
  }

  clear(): void {
    this.#cached = null;
  }
}

/** Newest first, as the [profileId+updatedAt] index read in reverse gives them (ties: id, descending). */
export function newestFirst(rows: readonly CaseRow[]): CaseRow[] {
  return [...rows].sort((a, b) =>
    a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
}

/**
 * The profile's case rows, newest first: those held since the last read when the manifest head is
 * unchanged (no write by any tab since), else read afresh with the head in one transaction.
 */
export async function readCaseRows(
  db: SafeReferralDb,
  profileId: string,
  cache: CaseRowCache,
): Promise<{ rows: CaseRow[]; checked: boolean }> {
  return db.transaction("r", [db.manifest, db.cases], async () => {
    const [head, stored] = await Promise.all([
      db.manifest.get(profileId),
      db.cases.where("profileId").equals(profileId).count(),
    ]);
    // The count catches a row added or removed without the app (e.g. copied in by a bug): read afresh.
    const held = cache.rowsFor(head);
    if (held && held.rows.length === stored) return held;
    const rows = await db.cases
      .where("[profileId+updatedAt]")
      .between(...profileRange(profileId))
      .reverse()
      .toArray();
    cache.offer(head, rows);
    return { rows, checked: false };
  });
}
