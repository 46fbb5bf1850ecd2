/**
 * Step two of an import (see import-types.ts): re-seals what the analysis and the practitioner's
 * decisions say under this profile's key and writes it in ONE transaction. Called through
 * `VaultSession`.
 */

import type { Table } from "dexie";
import { buildAuditRow } from "./audit";
import type { AssessmentPayload } from "./assessments";
import { recordAad, seal } from "./crypto";
import type { AssessmentRow, AuditRow, CaseRow, JsonValue, PackRow, SettingRow } from "./db";
import { analyseImport, existingRows, isNewer, RETURNED_FLAG } from "./import-analysis";
import {
  ImportChangedError,
  KEEP_EVERYTHING,
  POLICY_SETTING_KEY,
  type Fate,
  type ImportControl,
  type ImportCounts,
  type ImportDecisions,
  type ImportPlan,
  type ImportSummary,
  type StoreName,
} from "./import-types";
import { rowId, type Versioned, type VersionedStore } from "./integrity";
import type { PortableRecords } from "./portable-records";
import { getReview, reviewSettingKey, type ReviewRecord } from "./review-notes";
import { checkRow, type SessionContext } from "./session-context";

/** A row to write, and the stored row it replaces (undefined for a new record). */
interface Write<Row> {
  row: Row;
  previous: Versioned | undefined;
}

/** Records re-encrypted (or written) between progress reports and cancel checks. */
const BATCH = 250;
/**
 * Writes what `plan` and `decisions` say into this profile, re-sealed under this profile's key, in ONE
 * transaction: either everything lands or nothing does. A record is replaced only if the plan listed
 * it and `decisions.replace` is true; the active policy changes only with `decisions.applyPolicy`.
 * Throws ImportChangedError (nothing written) if this device's records changed since the analysis.
 */
export async function commitImport(
  context: SessionContext,
  plan: ImportPlan,
  decisions: ImportDecisions,
  detail: string,
  control: ImportControl = {},
): Promise<ImportSummary> {
  const key = context.requireKey();
  const profileId = context.profileId;
  const db = context.db;
  const { records, fates } = plan;
  const { signal, onProgress } = control;

  const decide = (fate: Fate, seen: string | undefined): "add" | "replace" | "keep" | "skip" => {
    if (fate === "replace?") return decisions.replace ? "replace" : "keep";
    if (fate === "policy?") return decisions.applyPolicy ? (seen === undefined ? "add" : "replace") : "keep";
    if (fate === "add") return seen === undefined ? "add" : "replace";
    return fate;
  };
  const final = {
    cases: fates.cases.fate.map((fate, i) => decide(fate, fates.cases.seen[i])),
    assessments: fates.assessments.fate.map((fate, i) => decide(fate, fates.assessments.seen[i])),
    packs: fates.packs.fate.map((fate, i) => decide(fate, fates.packs.seen[i])),
    settings: fates.settings.fate.map((fate, i) => decide(fate, fates.settings.seen[i])),
  };
  // The file's index of each record to be written, per store, in the file's order.
  const writeIndexes = (store: StoreName): number[] =>
    final[store].flatMap((fate, i) => (fate === "add" || fate === "replace" ? [i] : []));
  const written = {
    cases: writeIndexes("cases"),
    assessments: writeIndexes("assessments"),
    packs: writeIndexes("packs"),
    settings: writeIndexes("settings"),
  };
  const writes = <T>(rows: T[], store: StoreName): T[] => written[store].map((i) => rows[i]!);

  // Encrypt first (Web Crypto calls can't happen inside an IndexedDB transaction: it would
  // auto-commit), in batches, reporting progress and stopping at once if cancelled.
  const toSeal = {
    cases: writes(records.cases, "cases"),
    assessments: writes(records.assessments, "assessments"),
    packs: writes(records.packs, "packs"),
    settings: writes(records.settings, "settings"),
  };
  const total = toSeal.cases.length + toSeal.assessments.length + toSeal.packs.length + toSeal.settings.length;
  let done = 0;
  onProgress?.({ phase: "restoring", done, total });
  const sealAll = async <T, Row>(items: T[], sealOne: (item: T) => Promise<Row>): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let start = 0; start < items.length; start += BATCH) {
      signal?.throwIfAborted();
      const batch = items.slice(start, start + BATCH);
      for (const row of await Promise.all(batch.map(sealOne))) rows.push(row);
      done += batch.length;
      onProgress?.({ phase: "restoring", done, total });
    }
    return rows;
  };

  const caseRows = await sealAll(toSeal.cases, async ({ details, review: _review, ...summary }): Promise<CaseRow> => ({
    ...summary,
    profileId,
    sealed: await seal(key, details, recordAad("cases", profileId, summary.id)),
  }));
  const assessmentRows = await sealAll(
    toSeal.assessments,
    async ({ content, outcome, notes, ...summary }): Promise<AssessmentRow> => ({
      ...summary,
      profileId,
      sealed: await seal(
        key,
        { content, outcome, ...(notes === undefined ? {} : { notes }) } satisfies AssessmentPayload,
        recordAad("assessments", profileId, summary.id),
      ),
    }),
  );
  const packRows = await sealAll(toSeal.packs, async ({ content, ...summary }): Promise<PackRow> => ({
    ...summary,
    profileId,
    sealed: await seal(key, content, recordAad("packs", profileId, summary.id)),
  }));
  const settingRows = await sealAll(toSeal.settings, async (setting): Promise<SettingRow> => ({
    profileId,
    key: setting.key,
    updatedAt: setting.updatedAt,
    value: setting.sensitive ? null : (setting.value as JsonValue),
    sealed: setting.sensitive ? await seal(key, setting.value, recordAad("settings", profileId, setting.key)) : null,
  }));
  // Reviewer's notes travelling with cases: merged with any already here (same note twice is kept once).
  const reviewRows: SettingRow[] = [];
  const reviewNoteCaseIds: string[] = [];
  for (const entry of records.cases) {
    if (entry.review === undefined || entry.review.notes.length === 0) continue;
    signal?.throwIfAborted();
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
  // Imported entries are marked with the import's description: the local chain vouches only that
  // they were imported here, never that what they say happened (see integrity-check.ts).
  const auditRows: AuditRow[] = records.audit.map((entry) => ({
    ...buildAuditRow({ ...entry, profileId, source: detail }),
    id: entry.id,
  }));
  signal?.throwIfAborted();

  return context.write([db.cases, db.assessments, db.packs, db.audit, db.settings], async () => {
    // Nothing on this device may have changed since the analysis the practitioner confirmed.
    const {
      cases: existingCases,
      assessments: existingAssessments,
      packs: existingPacks,
      settings: existingSettings,
    } = await existingRows(context, records);
    const unchangedSince = (rows: ({ updatedAt: string } | undefined)[], seen: (string | undefined)[]) =>
      rows.every((row, i) => row?.updatedAt === seen[i]);
    if (
      !unchangedSince(existingCases, fates.cases.seen) ||
      !unchangedSince(existingAssessments, fates.assessments.seen) ||
      !unchangedSince(existingPacks, fates.packs.seen) ||
      !unchangedSince(existingSettings, fates.settings.seen)
    ) {
      throw new ImportChangedError();
    }

    // Review fields follow the later review, whichever copy of the case content wins: a returned case
    // reaches its practitioner, and a resubmission does not wipe a review made after it was edited.
    const sealedCases = new Map(caseRows.map((row) => [row.id, row]));
    const caseWrites: Write<CaseRow>[] = [];
    const reviewsMergedIds = new Set<string>();
    records.cases.forEach((incoming, i) => {
      const current = existingCases[i];
      const sealedCase = sealedCases.get(incoming.id);
      if (current === undefined) {
        if (sealedCase !== undefined) caseWrites.push({ row: sealedCase, previous: undefined });
        return;
      }
      if (sealedCase !== undefined) {
        caseWrites.push({ row: withLaterReview(sealedCase, current), previous: current });
        return;
      }
      const merged = withLaterReview(current, incoming);
      if (merged !== current) {
        reviewsMergedIds.add(incoming.id);
        caseWrites.push({ row: merged, previous: current });
      }
    });
    // The reviewer's notes as they are here now (read in this transaction: what each write replaces).
    const existingReviews =
      reviewRows.length === 0
        ? []
        : await db.settings.bulkGet(reviewRows.map((row): [string, string] => [profileId, row.key]));
    const paired = <Row>(rows: Row[], indexes: number[], existing: (Versioned | undefined)[]): Write<Row>[] =>
      rows.map((row, j) => ({ row, previous: existing[indexes[j]!] }));

    // Every record written is versioned and MACed, and replaces its predecessor in the manifest, in
    // this same transaction (the MAC is synchronous, so stamping never lets the transaction commit
    // early; a cancel aborts the writes and the manifest head together).
    const work = context.manifest();
    // A record written twice here (a reviewer's note also in the file's settings) replaces its own first write.
    const stampedHere = new Map<string, Versioned>();
    const stamp = <Row extends object>(store: VersionedStore, { row, previous }: Write<Row>): Row => {
      const id = `${store}/${rowId(store, row)}`;
      const before = stampedHere.get(id);
      // A stored row is checked before its version leaves the manifest (and before a merge reuses it).
      if (before === undefined && previous !== undefined) checkRow(context, store, previous);
      const stamped = work.stamp(store, row, before ?? previous);
      stampedHere.set(id, stamped);
      return stamped;
    };

    const batches: [VersionedStore, Table<never>, Write<object>[]][] = [
      ["cases", db.cases as Table<never>, caseWrites],
      ["settings", db.settings as Table<never>, reviewRows.map((row, j) => ({ row, previous: existingReviews[j] }))],
      ["assessments", db.assessments as Table<never>, paired(assessmentRows, written.assessments, existingAssessments)],
      ["packs", db.packs as Table<never>, paired(packRows, written.packs, existingPacks)],
      ["settings", db.settings as Table<never>, paired(settingRows, written.settings, existingSettings)],
    ];
    const saveTotal = batches.reduce((sum, [, , rows]) => sum + rows.length, 0);
    let saved = 0;
    onProgress?.({ phase: "saving", done: saved, total: saveTotal });
    for (const [store, table, rows] of batches) {
      for (let start = 0; start < rows.length; start += BATCH * 4) {
        // Throwing here aborts the transaction: nothing written so far is kept, nor the manifest head.
        signal?.throwIfAborted();
        const chunk = rows.slice(start, start + BATCH * 4).map((write) => stamp(store, write));
        await table.bulkPut(chunk as never[]);
        saved += chunk.length;
        onProgress?.({ phase: "saving", done: saved, total: saveTotal });
      }
    }

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
    // Chained in the order they are stored, after this device's last entry.
    await db.audit.bulkAdd(newAudit.map((row) => work.chain(row)));
    signal?.throwIfAborted();

    await context.audit("import", null, detail);

    const tally = (fatesOf: ("add" | "replace" | "keep" | "skip")[]): ImportCounts => {
      const counts: ImportCounts = { added: 0, replaced: 0, kept: 0, skipped: 0 };
      for (const fate of fatesOf) {
        if (fate === "add") counts.added += 1;
        else if (fate === "replace") counts.replaced += 1;
        else if (fate === "keep") counts.kept += 1;
        else counts.skipped += 1;
      }
      return counts;
    };
    const policyIndex = records.settings.findIndex((row) => row.key === POLICY_SETTING_KEY);
    const policyFate = policyIndex === -1 ? null : fates.settings.fate[policyIndex]!;
    return {
      cases: tally(final.cases),
      assessments: tally(final.assessments),
      packs: tally(final.packs),
      settings: tally(final.settings),
      auditEntriesAdded: newAudit.length,
      reviewsMerged: new Set([...reviewsMergedIds, ...reviewNoteCaseIds]).size,
      policy: plan.policyRefused
        ? "refused"
        : policyFate === "policy?"
          ? decisions.applyPolicy
            ? "applied"
            : "kept"
          : "unchanged",
    };
  });
}

/**
 * Analyses and commits in one go, with `decisions` given up front (KEEP_EVERYTHING by default: no
 * record here is replaced and the policy stays). For callers that have already shown the analysis,
 * or that write into an empty profile (the bench seed).
 */
export async function importRecords(
  context: SessionContext,
  records: PortableRecords,
  detail: string,
  decisions: ImportDecisions = KEEP_EVERYTHING,
  control: ImportControl = {},
): Promise<ImportSummary> {
  return commitImport(context, await analyseImport(context, records), decisions, detail, control);
}
/** `base` with the review status of `other` if `other` was reviewed later; `base` itself otherwise. */
function withLaterReview<Row extends Pick<CaseRow, "flags" | "reviewStatus" | "reviewedAt">>(
  base: Row,
  other: Pick<CaseRow, "reviewStatus" | "reviewedAt">,
): Row {
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
