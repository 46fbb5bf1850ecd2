/**
 * Records in the form they leave the device (inside an encrypted backup or case export, see
 * backup.ts) and come back in: decrypted, without profileId. Exporting reads and decrypts a
 * profile's records; importing re-seals already validated records under the importing profile's
 * key and merges them in one transaction. Called through `VaultSession`.
 */

import { buildAuditRow, toPortableAuditEntry, type PortableAuditEntry } from "./audit";
import {
  toAssessmentSummary,
  readAssessmentPayload,
  type AssessmentPayload,
  type AssessmentSummary,
} from "./assessments";
import { toCaseSummary, type CaseSummary } from "./cases";
import { open, recordAad, seal } from "./crypto";
import type { AssessmentRow, AuditRow, CaseRow, JsonValue, PackRow, SettingRow } from "./db";
import { InvalidInputError, RecordNotFoundError } from "./errors";
import { toPackSummary, type PackSummary } from "./packs";
import { getReview, reviewSettingKey, type ReviewRecord } from "./review-notes";
import { checkRow, type SessionContext } from "./session-context";

/** Decrypted records in a form that can leave the device (inside an encrypted file). No profileId: they belong to whoever imports them. */
export interface PortableRecords {
  /** `review`: the reviewer's notes on the case, carried by case exports (e.g. a case returned to its practitioner). */
  cases: (CaseSummary & { details: unknown; review?: ReviewRecord })[];
  assessments: (AssessmentSummary & { content: unknown; outcome: unknown; notes?: unknown })[];
  packs: (PackSummary & { content: unknown })[];
  audit: PortableAuditEntry[];
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

/**
 * Decrypts records for an export file (see backup.ts). With `caseIds`, just
 * those cases and their assessments/packs; otherwise everything, including
 * the audit trail and settings. Audited as "export".
 */
export async function exportRecords(
  context: SessionContext,
  selection: { caseIds?: readonly string[]; includeCaseAudit?: boolean } = {},
): Promise<PortableRecords> {
  const key = context.requireKey();
  const db = context.db;
  const profileId = context.profileId;
  const whole = selection.caseIds === undefined;
  // Nothing altered outside the app leaves the device as if it were real.
  await context.verifyRecords();

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
    cases.forEach((row) => checkRow(context, "cases", row));
    assessments.forEach((row) => checkRow(context, "assessments", row));
    packs.forEach((row) => checkRow(context, "packs", row));
    settings.forEach((row) => checkRow(context, "settings", row));
    return { cases, assessments, packs, audit, settings };
  });

  const records: PortableRecords = {
    cases: await Promise.all(
      rows.cases.map(async (row) => ({
        ...toCaseSummary(row),
        // Cases made before authors were recorded were made by this profile.
        author: row.author ?? context.label,
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
    audit: rows.audit.map(toPortableAuditEntry),
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
      const review = await getReview(context, entry.id, { audit: false });
      if (review.notes.length > 0) entry.review = review;
    }
  }

  await context.write([db.audit], async () => {
    if (whole) {
      await context.audit("export", null, `backup: ${records.cases.length} cases`);
    } else {
      for (const row of records.cases) await context.audit("export", row.id, "case export");
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
export async function importRecords(
  context: SessionContext,
  records: PortableRecords,
  detail: string,
): Promise<ImportSummary> {
  const key = context.requireKey();
  const profileId = context.profileId;
  const db = context.db;

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
    const current = await getReview(context, entry.id, { audit: false });
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
      sealed: setting.sensitive ? await seal(key, setting.value, recordAad("settings", profileId, setting.key)) : null,
    })),
  );
  // Imported entries are marked with the import's description: the local chain vouches only that
  // they were imported here, never that what they say happened (see integrity-check.ts).
  const auditRows: AuditRow[] = records.audit.map((entry) => ({
    ...buildAuditRow({ ...entry, profileId, source: detail }),
    id: entry.id,
  }));

  return context.write([db.cases, db.assessments, db.packs, db.audit, db.settings], async () => {
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
    // Every record written is versioned and MACed, and replaces its predecessor in the manifest.
    const work = context.manifest();
    // A record written twice here (e.g. a review note also in the file's settings) replaces its own first write.
    const written = new Map<string, object>();
    const manifest = {
      stamp: <Row extends object>(
        store: "cases" | "assessments" | "packs" | "settings",
        row: Row,
        previous?: object,
      ) => {
        const id = `${store}/${String((row as { id?: string; key?: string }).id ?? (row as { key?: string }).key)}`;
        const stamped = work.stamp(store, row, written.get(id) ?? previous);
        written.set(id, stamped);
        return stamped;
      },
      chain: (row: AuditRow) => work.chain(row),
    };
    const existingCaseById = new Map(
      existingCases.filter((row): row is CaseRow => row !== undefined).map((row) => [row.id, row]),
    );
    await db.cases.bulkPut(caseWrites.map((row) => manifest.stamp("cases", row, existingCaseById.get(row.id))));
    if (reviewRows.length > 0) {
      const existingReviews = await db.settings.bulkGet(
        reviewRows.map((row): [string, string] => [profileId, row.key]),
      );
      await db.settings.bulkPut(
        reviewRows.map((row, index) => manifest.stamp("settings", row, existingReviews[index])),
      );
    }
    summary.reviewsMerged = new Set([...reviewsMergedIds, ...reviewNoteCaseIds]).size;

    const existingAssessments = await db.assessments.bulkGet(
      assessmentRows.map((row): [string, string] => [profileId, row.id]),
    );
    assertSameParent(assessmentRows, existingAssessments);
    const stampAll = <Row extends object>(
      store: "assessments" | "packs" | "settings",
      picked: Row[],
      incoming: Row[],
      existing: (object | undefined)[],
    ): Row[] => picked.map((row) => manifest.stamp(store, row, existing[incoming.indexOf(row)]));
    await db.assessments.bulkPut(
      stampAll(
        "assessments",
        pick(assessmentRows, existingAssessments, summary.assessments, (current) => current.status !== "completed"),
        assessmentRows,
        existingAssessments,
      ),
    );

    const existingPacks = await db.packs.bulkGet(packRows.map((row): [string, string] => [profileId, row.id]));
    assertSameParent(packRows, existingPacks);
    await db.packs.bulkPut(stampAll("packs", pick(packRows, existingPacks, summary.packs), packRows, existingPacks));

    const existingSettings = await db.settings.bulkGet(
      settingRows.map((row): [string, string] => [profileId, row.key]),
    );
    await db.settings.bulkPut(
      stampAll("settings", pick(settingRows, existingSettings, summary.settings), settingRows, existingSettings),
    );

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
    await db.audit.bulkAdd(newAudit.map((row) => manifest.chain(row)));
    summary.auditEntriesAdded = newAudit.length;

    await context.audit("import", null, detail);
    return summary;
  });
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

function isNewer(candidate: string, existing: string): boolean {
  return Date.parse(candidate) > Date.parse(existing);
}
