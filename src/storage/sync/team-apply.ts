/**
 * Writing other devices' versions into the vault's stores, through the import path (import-analysis.ts,
 * import-commit.ts): re-sealed under this profile's key, versioned and MACed into the manifest, in one
 * transaction, with an "import" audit entry naming the author device. The records have been checked
 * already (vault-records.ts `decodeDocument`).
 *
 * The team's order is the authority, not the clocks: a version arriving here is the team's latest and
 * nothing here waits to be sent on top of it (the bridge checks), so it replaces this device's copy even
 * when the other device's clock put an earlier updatedAt on it (it is then stamped just after this
 * device's copy). A completed assessment here is still never replaced. A review merges with the notes
 * here, and the case takes the later review status, as a case export's review does.
 */

import { migrateClearMetadata } from "../clear-metadata";
import { toCaseSummary } from "../cases";
import { existingRows, analyseImport, isNewer } from "../import-analysis";
import { commitImport } from "../import-commit";
import { ImportChangedError } from "../import-types";
import type { PortableRecords } from "../portable-records";
import type { ReviewRecord } from "../review-notes";
import { laterThan, type SessionContext } from "../session-context";
import type { TeamRecord } from "./team-records-api";
import type { PortableAssessment, PortableCase, PortablePack } from "./vault-records";

/** One checked version of a record from another device. */
export interface TeamVersion {
  recordId: string;
  caseId: string;
  version: number;
  authorDeviceId: string;
  record: TeamRecord;
}

export interface ApplyOutcome {
  /** Now in the vault (or already there, or kept: a completed assessment here). */
  applied: TeamVersion[];
  /** Not yet: its case is not here yet, or the vault changed meanwhile. Try again after the next round. */
  deferred: TeamVersion[];
  /** A record here of that id belongs to another case: never applied. */
  refused: TeamVersion[];
}

const DECISIONS = { replace: true, applyPolicy: false } as const;

/** Applies versions of one author device in one import. */
export async function applyTeamVersions(
  context: SessionContext,
  versions: readonly TeamVersion[],
  detail: string,
): Promise<ApplyOutcome> {
  const { db, profileId } = context;
  const outcome: ApplyOutcome = { applied: [], deferred: [], refused: [] };
  const caseIds = [...new Set(versions.map((version) => version.caseId))];
  const localCases = new Map(
    (await db.cases.bulkGet(caseIds.map((id): [string, string] => [profileId, id]))).flatMap((row) =>
      row ? [[row.id, row] as const] : [],
    ),
  );
  const records: PortableRecords = { cases: [], assessments: [], packs: [], audit: [], settings: [] };
  const included: TeamVersion[] = [];
  const caseEntries = new Map<string, PortableCase>();
  for (const version of versions) {
    if (version.record.kind !== "case") continue;
    const entry = structuredClone(version.record.record) as PortableCase;
    caseEntries.set(entry.id, entry);
    records.cases.push(entry);
    included.push(version);
  }
  // An import carries each record beside its case: the arriving case, or this device's own (same
  // updatedAt, so it is left as it is). Without it the import cannot group a replaced assessment or pack
  // (or a review) under its case: a pack changed on its own, with no new version of its case, failed.
  const untouched = new Set<string>();
  const caseEntryFor = (caseId: string): PortableCase => {
    let entry = caseEntries.get(caseId);
    if (!entry) {
      entry = { ...toCaseSummary(localCases.get(caseId)!), details: null };
      untouched.add(entry.id);
      caseEntries.set(entry.id, entry);
      records.cases.push(entry);
    }
    return entry;
  };
  const reviews: [TeamVersion, ReviewRecord][] = [];
  for (const version of versions) {
    const { record } = version;
    if (record.kind === "case") continue;
    if (!caseEntries.has(version.caseId) && !localCases.has(version.caseId)) {
      outcome.deferred.push(version);
      continue;
    }
    included.push(version);
    caseEntryFor(version.caseId);
    if (record.kind === "assessment") records.assessments.push(structuredClone(record.record) as PortableAssessment);
    else if (record.kind === "pack") records.packs.push(structuredClone(record.record) as PortablePack);
    else reviews.push([version, record.record]);
  }
  for (const [version, review] of reviews) {
    const entry = caseEntryFor(version.caseId);
    entry.review = structuredClone(review);
    const newest = review.notes[0];
    if (newest && (!entry.reviewedAt || isNewer(newest.at, entry.reviewedAt))) {
      entry.reviewStatus = newest.status;
      entry.reviewedAt = newest.at;
    }
  }

  const existing = await existingRows(context, records);
  const refusedIds = new Set<string>();
  const stamp = <Entry extends { id: string; updatedAt: string; caseId?: string }>(
    entries: Entry[],
    rows: ({ updatedAt: string; caseId?: string } | undefined)[],
  ) =>
    entries.forEach((entry, index) => {
      const row = rows[index];
      if (row === undefined || untouched.has(entry.id)) return;
      if (row.caseId !== undefined && row.caseId !== entry.caseId) refusedIds.add(entry.id);
      else if (isNewer(row.updatedAt, entry.updatedAt)) entry.updatedAt = laterThan(row.updatedAt, context.now());
    });
  stamp(records.cases, existing.cases);
  stamp(records.assessments, existing.assessments);
  stamp(records.packs, existing.packs);
  if (refusedIds.size > 0) {
    records.assessments = records.assessments.filter((entry) => !refusedIds.has(entry.id));
    records.packs = records.packs.filter((entry) => !refusedIds.has(entry.id));
  }
  const kept = included.filter((version) => !refusedIds.has(version.recordId));
  outcome.refused.push(...included.filter((version) => refusedIds.has(version.recordId)));
  if (kept.length === 0) return outcome;

  try {
    const plan = await analyseImport(context, records);
    const fates = [...plan.fates.cases.fate, ...plan.fates.assessments.fate, ...plan.fates.packs.fate];
    const writes = reviews.length > 0 || fates.some((fate) => fate === "add" || fate === "replace?");
    if (writes) {
      await commitImport(context, plan, DECISIONS, detail);
      await migrateClearMetadata(context);
    }
  } catch (error) {
    if (!(error instanceof ImportChangedError)) throw error;
    outcome.deferred.push(...kept);
    return outcome;
  }
  outcome.applied.push(...kept);
  return outcome;
}
