/**
 * Checking a profile's stored data against its manifest head and audit chain (integrity.ts), and
 * adopting rows from before tamper evidence (schema version 3) on the first unlock afterwards.
 */

import { Dexie, type Table } from "dexie";
import type { CaseRowCache } from "./case-row-cache";
import { newestFirst } from "./case-row-cache";
import type { AuditRow, CaseRow, ManifestRow, SafeReferralDb } from "./db";
import { TamperEvidenceError } from "./errors";
import {
  ManifestWork,
  VERSIONED_STORES,
  auditMac,
  hasValidHeadMac,
  manifestSum,
  rowId,
  type IntegrityKeys,
  type VersionedStore,
  type Versioned,
} from "./integrity";

function versionedTable(db: SafeReferralDb, store: VersionedStore): Table<Versioned & { profileId: string }> {
  return db.table(store);
}

/**
 * Checks that the profile's records are exactly the versions its manifest head vouches for. One
 * read transaction over the profile's rows (the session starts this as soon as it opens, so the
 * first screen seldom waits for it), then one HMAC per record; no decryption. A profile
 * with no head and no versioned rows is from before version 3: its rows are adopted instead.
 * Throws TamperEvidenceError on any mismatch. Once the check passes, the case rows it read are
 * offered to `caseRows` (the case list's first read after unlock then reads nothing again).
 */
export async function verifyRecordVersions(
  db: SafeReferralDb,
  keys: IntegrityKeys,
  profileId: string,
  caseRows?: CaseRowCache,
): Promise<void> {
  const snapshot = await db.transaction(
    "r",
    [db.cases, db.assessments, db.packs, db.settings, db.audit, db.manifest],
    async () => {
      const head = await db.manifest.get(profileId);
      const versions: { store: VersionedStore; id: string; ver: number }[] = [];
      let unversioned = 0;
      // One getAll per store: cursors (even key-only ones) cost far more per row than reading the rows.
      const stores = await Promise.all(
        VERSIONED_STORES.map((store) => versionedTable(db, store).where("profileId").equals(profileId).toArray()),
      );
      VERSIONED_STORES.forEach((store, index) => {
        for (const row of stores[index]!) {
          if (typeof row.ver === "number") versions.push({ store, id: rowId(store, row), ver: row.ver });
          else unversioned += 1;
        }
      });
      const chain = db.audit.where("[profileId+seq]").between([profileId, Dexie.minKey], [profileId, Dexie.maxKey]);
      const [chained, lastEntry] = await Promise.all([chain.count(), chain.last()]);
      const cases = stores[VERSIONED_STORES.indexOf("cases")] as CaseRow[];
      return { head, versions, unversioned, chained, lastEntry, cases };
    },
  );
  const { head, versions, unversioned, chained, lastEntry, cases } = snapshot;
  if (head === undefined) {
    // Versioned rows or a chain without a head: the head was removed.
    if (versions.length > 0 || chained > 0) throw new TamperEvidenceError("manifest-altered");
    await adoptLegacyRows(db, keys, profileId);
    return;
  }
  if (!hasValidHeadMac(keys, head)) throw new TamperEvidenceError("manifest-altered");
  // A head older than the audit chain it has vouched for was put back (with older rows, probably).
  if (lastEntry?.seq !== undefined && lastEntry.seq > head.auditSeq) throw new TamperEvidenceError("manifest-altered");
  if (unversioned > 0) throw new TamperEvidenceError("record-unauthenticated");
  const { sum, count } = manifestSum(keys, profileId, versions);
  if (sum !== head.sum || count !== head.count) throw new TamperEvidenceError("records-rolled-back");
  caseRows?.offer(head, newestFirst(cases));
}

/**
 * The migration to tamper evidence, run once per profile with its key: every row gets a version
 * and a MAC, the audit trail (oldest first) becomes the start of the chain, and the head is
 * written, all in one transaction. What was stored before is trusted as it stands: it could not
 * be checked before either.
 */
async function adoptLegacyRows(db: SafeReferralDb, keys: IntegrityKeys, profileId: string): Promise<void> {
  await db.transaction("rw", [db.cases, db.assessments, db.packs, db.settings, db.audit, db.manifest], async () => {
    if (await db.manifest.get(profileId)) return; // another tab adopted them first
    const work = new ManifestWork(keys, profileId, undefined);
    for (const store of VERSIONED_STORES) {
      const table = versionedTable(db, store);
      const rows = await table.where("profileId").equals(profileId).toArray();
      if (rows.some((row) => row.ver !== undefined)) throw new TamperEvidenceError("manifest-altered");
      await table.bulkPut(rows.map((row) => work.stamp(store, row)));
    }
    const audit = (await db.audit.where("profileId").equals(profileId).toArray())
      .filter((row) => row.seq === undefined)
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1));
    await db.audit.bulkPut(audit.map((row) => work.chain(row)));
    await db.manifest.put(work.row());
  });
}

/** How far an audit entry can be trusted. */
export type AuditIntegrity =
  /** A link of this device's chain, intact. */
  | "verified"
  /** Brought in by an import (see `source`): the chain vouches only that it was imported here. */
  | "imported"
  /** Recorded while the profile was locked (a failed unlock), so it could not be signed. */
  | "unverified"
  /** Changed, out of place or not from this app: do not rely on it. */
  | "broken";

export interface AuditChainBreak {
  /**
   * altered: the entry's fields (e.g. its time) were changed, or it was not written by the app;
   * missing-before: one or more entries before it were removed;
   * tail-cut: the most recent entries were removed;
   * head-altered: the record of the chain's end is missing or changed.
   */
  reason: "altered" | "missing-before" | "tail-cut" | "head-altered";
  /** The entry at which the break shows (null for tail-cut / head-altered). */
  entryId: string | null;
  /** Its stored time (as stored: for an altered entry, possibly the altered time). */
  at: string | null;
  /** The time of the last intact entry before the break, if any. */
  after: string | null;
}

export interface AuditChainReport {
  intact: boolean;
  breaks: AuditChainBreak[];
}

/** Verifies every audit row of the profile; returns each row's status and where the chain is broken. */
export function verifyAuditChain(
  keys: IntegrityKeys,
  profileId: string,
  rows: readonly AuditRow[],
  head: ManifestRow | undefined,
): { status: Map<string, AuditIntegrity>; report: AuditChainReport } {
  const status = new Map<string, AuditIntegrity>();
  const breaks: AuditChainBreak[] = [];
  const chained = rows.filter((row) => row.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
  let previousMac: string | null = null;
  let previousAt: string | null = null;
  let expectedSeq = 1;
  for (const row of chained) {
    const linked = row.profileId === profileId && auditMac(keys, row, previousMac) === row.mac;
    if (row.seq !== expectedSeq) {
      breaks.push({ reason: "missing-before", entryId: row.id, at: row.at, after: previousAt });
      status.set(row.id, "broken");
    } else if (!linked) {
      breaks.push({ reason: "altered", entryId: row.id, at: row.at, after: previousAt });
      status.set(row.id, "broken");
    } else {
      status.set(row.id, row.source ? "imported" : "verified");
      previousAt = row.at;
    }
    previousMac = row.mac ?? null;
    expectedSeq = row.seq! + 1;
  }
  const last = chained[chained.length - 1];
  if (head === undefined ? chained.length > 0 : !hasValidHeadMac(keys, head)) {
    breaks.push({ reason: "head-altered", entryId: null, at: null, after: previousAt });
  } else if (head !== undefined && (head.auditSeq !== (last?.seq ?? 0) || head.auditMac !== (last?.mac ?? null))) {
    breaks.push({
      reason: head.auditSeq > (last?.seq ?? 0) ? "tail-cut" : "head-altered",
      entryId: null,
      at: null,
      after: last?.at ?? null,
    });
  }
  for (const row of rows) {
    if (row.seq !== undefined) continue;
    // Only failed unlocks are written without the key; anything else unchained was not written by the app.
    if (row.action === "unlock-failed" && !row.source && row.mac === undefined) {
      status.set(row.id, "unverified");
    } else {
      status.set(row.id, "broken");
      breaks.push({ reason: "altered", entryId: row.id, at: row.at, after: null });
    }
  }
  return { status, report: { intact: breaks.length === 0, breaks } };
}
