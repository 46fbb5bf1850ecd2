/**
 * Records in the form they leave the device (inside an encrypted backup or case export, see
 * backup.ts) and come back in: decrypted, without profileId. Exporting reads and decrypts a
 * profile's records; importing re-seals already validated records under the importing profile's
 * key and merges them in one transaction. Called through `VaultSession`.
 */

import { CLEAR_METADATA_KEY, loadIndex, withNames } from "./clear-metadata";
import type { Table } from "dexie";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy } from "../domain/policy";
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
import { rowId, type Versioned, type VersionedStore } from "./integrity";
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

  // Files carry names and every flag, not this device's codes (clear-metadata.ts); the index itself stays here.
  const clearIndex = await loadIndex(context);
  const records: PortableRecords = {
    cases: await Promise.all(
      rows.cases.map(async (row) => ({
        ...withNames(clearIndex, toCaseSummary(row)),
        // Cases made before authors were recorded were made by this profile.
        author: withNames(clearIndex, toCaseSummary(row)).author ?? context.label,
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
      rows.settings
        .filter((row) => row.key !== CLEAR_METADATA_KEY)
        .map(async (row) => ({
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

// ------------------------------------------------------------------ import
//
// Two steps, so nothing on this device is ever replaced without the practitioner seeing it first:
// `analyseImport` compares the file's records with this device's (reads only) and lists what would
// be replaced; `commitImport` then writes, in ONE transaction, only what was decided. The commit
// checks that nothing on the device changed since the analysis, reports progress, and can be
// cancelled at any point before the transaction commits (the transaction is then rolled back).

/** What happened to a store's records from the file. */
export interface ImportCounts {
  /** Not on this device before: added. */
  added: number;
  /** This device's copy was replaced by the file's (only after the practitioner confirmed it). */
  replaced: number;
  /** This device's copy differs from the file's and stayed: it is newer, it is a completed assessment, or replacing was declined. */
  kept: number;
  /** Nothing to do: the file's copy is the version already here, or it can't be used (a policy breaking the rules). */
  skipped: number;
}

/** What became of the file's local policy (the "policy.active" setting of a full backup). */
export type PolicyOutcome = "applied" | "kept" | "refused" | "unchanged";

export interface ImportSummary {
  cases: ImportCounts;
  assessments: ImportCounts;
  packs: ImportCounts;
  settings: ImportCounts;
  auditEntriesAdded: number;
  /** Cases whose review status or reviewer's notes were brought up to date from the file. */
  reviewsMerged: number;
  policy: PolicyOutcome;
}

export type PortableStore = "cases" | "assessments" | "packs";

/** One record of this device that the file would replace, and what in it would change. */
export interface RecordChange {
  store: PortableStore;
  id: string;
  localUpdatedAt: string;
  fileUpdatedAt: string;
  /** Cases: open/closed; assessments: draft/completed; packs: their status. */
  localStatus: string;
  fileStatus: string;
  /** What differs, as dotted paths at most three levels deep: "details.victim.name", "riskLevel", "content.answers". */
  fields: string[];
}

/** The records of one case that the file would replace. */
export interface CaseReplacement {
  caseId: string;
  /** Clear fields of the case (this device's copy when there is one), to label it without its details. */
  summary: CaseSummary;
  changes: RecordChange[];
}

export interface PolicyChange {
  current: Policy;
  currentIsDefault: boolean;
  incoming: Policy;
  incomingIsDefault: boolean;
}

/** A record's fate as analysed: `replace?` and `policy?` wait for the practitioner's decision. */
type Fate = "add" | "replace?" | "policy?" | "keep" | "skip";
type StoreName = PortableStore | "settings";

export interface ImportPlan {
  readonly records: PortableRecords;
  /** Cases with records the file would replace, if the practitioner agrees. Empty: nothing would be replaced. */
  readonly replacements: CaseReplacement[];
  /** Set when the file would change the active local policy, if the practitioner agrees. */
  readonly policyChange: PolicyChange | null;
  /** The file's local policy breaks the policy rules: it is never applied. */
  readonly policyRefused: boolean;
  /** Per store, in the file's order: each record's fate, and the updatedAt of this device's copy when analysed. */
  readonly fates: Readonly<Record<StoreName, { fate: Fate[]; seen: (string | undefined)[] }>>;
}

export interface ImportDecisions {
  /** Replace this device's cases, drafts and packs listed in `plan.replacements` with the file's copies. */
  replace: boolean;
  /** Make the file's local policy active (`plan.policyChange`). */
  applyPolicy: boolean;
}

export const KEEP_EVERYTHING: ImportDecisions = Object.freeze({ replace: false, applyPolicy: false });

export interface ImportProgress {
  /** "restoring": records re-encrypted for this profile; "saving": records written. */
  phase: "restoring" | "saving";
  done: number;
  total: number;
}

export interface ImportControl {
  /** Aborting cancels the import before it commits: nothing is written. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/** This device changed (a record was saved, added or deleted) between the analysis and the commit. */
export class ImportChangedError extends InvalidInputError {
  override name = "ImportChangedError";
  constructor() {
    super("Records on this device changed after the file was checked. Check the file again.");
  }
}

/** The same key as `ACTIVE_POLICY_SETTING` (policy-setting.ts), which this module can't import without a cycle. */
export const POLICY_SETTING_KEY = "policy.active";

/** A row to write, and the stored row it replaces (undefined for a new record). */
interface Write<Row> {
  row: Row;
  previous: Versioned | undefined;
}

/** Records re-encrypted (or written) between progress reports and cancel checks. */
const BATCH = 250;

/**
 * Compares the file's (already validated) records with this profile's, reading only: which would be
 * added, which are already here, which this device has newer, and which would replace a record here
 * (with what changes in each). Decrypts only the local records the file would replace.
 */
export async function analyseImport(context: SessionContext, records: PortableRecords): Promise<ImportPlan> {
  const key = context.requireKey();
  const profileId = context.profileId;
  const db = context.db;
  // Nothing altered outside the app is shown as this device's copy, or compared with the file's.
  await context.verifyRecords();
  const existing = await db.transaction("r", [db.cases, db.assessments, db.packs, db.settings], () =>
    existingRows(context, records),
  );
  for (const store of ["cases", "assessments", "packs", "settings"] as const) {
    for (const row of existing[store]) if (row !== undefined) checkRow(context, store, row);
  }
  assertSameParent(records.assessments, existing.assessments);
  assertSameParent(records.packs, existing.packs);

  const byVersion = (incoming: { updatedAt: string }, current: { updatedAt: string } | undefined): Fate => {
    if (current === undefined) return "add";
    if (Date.parse(incoming.updatedAt) === Date.parse(current.updatedAt)) return "skip";
    return isNewer(incoming.updatedAt, current.updatedAt) ? "replace?" : "keep";
  };
  const fates = {
    cases: {
      fate: records.cases.map((row, i) => byVersion(row, existing.cases[i])),
      seen: [] as (string | undefined)[],
    },
    assessments: {
      // A completed assessment here is never replaced.
      fate: records.assessments.map((row, i) => {
        const fate = byVersion(row, existing.assessments[i]);
        return fate === "replace?" && existing.assessments[i]!.status === "completed" ? "keep" : fate;
      }),
      seen: [] as (string | undefined)[],
    },
    packs: {
      fate: records.packs.map((row, i) => byVersion(row, existing.packs[i])),
      seen: [] as (string | undefined)[],
    },
    settings: {
      // Settings other than the policy are the profile's own preferences: a newer copy from the file
      // is taken ("add" marks it to be written; it counts as replaced when one was here).
      fate: records.settings.map((row, i): Fate => {
        const fate = byVersion(row, existing.settings[i]);
        return fate === "replace?" ? "add" : fate;
      }),
      seen: [] as (string | undefined)[],
    },
  };
  fates.cases.seen = existing.cases.map((row) => row?.updatedAt);
  fates.assessments.seen = existing.assessments.map((row) => row?.updatedAt);
  fates.packs.seen = existing.packs.map((row) => row?.updatedAt);
  fates.settings.seen = existing.settings.map((row) => row?.updatedAt);

  // The active policy decides who is high risk: a file may change it only when the practitioner agrees.
  let policyChange: PolicyChange | null = null;
  let policyRefused = false;
  records.settings.forEach((setting, i) => {
    // Another device's codes would rename this device's cases: never imported (names travel on the cases).
    if (setting.key === CLEAR_METADATA_KEY) fates.settings.fate[i] = "skip";
    if (setting.key !== POLICY_SETTING_KEY) return;
    const incoming = effectivePolicy(setting.value);
    if (incoming === null) {
      policyRefused = true;
      fates.settings.fate[i] = "skip";
      return;
    }
    if (fates.settings.fate[i] !== "add") return;
    const current = effectivePolicy(existing.settings[i]?.value ?? null) ?? { policy: DEFAULT_POLICY, isDefault: true };
    if (sameJson(current.policy, incoming.policy)) return;
    fates.settings.fate[i] = "policy?";
    policyChange = {
      current: current.policy,
      currentIsDefault: current.isDefault,
      incoming: incoming.policy,
      incomingIsDefault: incoming.isDefault,
    };
  });

  // What each replacement would change, grouped by case, in the file's order (local rows by name, as files are).
  const clearIndex = await loadIndex(context);
  const replacements = new Map<string, CaseReplacement>();
  const localCases = new Map(existing.cases.flatMap((row) => (row === undefined ? [] : [[row.id, row] as const])));
  const fileCases = new Map(records.cases.map((row) => [row.id, row]));
  const group = (caseId: string): CaseReplacement => {
    let entry = replacements.get(caseId);
    if (entry === undefined) {
      const local = localCases.get(caseId);
      const { details: _details, review: _review, ...fromFile } = fileCases.get(caseId)!;
      entry = { caseId, summary: local ? withNames(clearIndex, toCaseSummary(local)) : fromFile, changes: [] };
      replacements.set(caseId, entry);
    }
    return entry;
  };
  for (const [i, incoming] of records.cases.entries()) {
    if (fates.cases.fate[i] !== "replace?") continue;
    const local = existing.cases[i]!;
    const details = await open(key, local.sealed, recordAad("cases", profileId, local.id));
    const { details: fileDetails, review: _review, ...fileSummary } = incoming;
    group(incoming.id).changes.push({
      store: "cases",
      id: incoming.id,
      localUpdatedAt: local.updatedAt,
      fileUpdatedAt: incoming.updatedAt,
      localStatus: local.status,
      fileStatus: incoming.status,
      fields: changedFields(
        { ...caseComparable(withNames(clearIndex, toCaseSummary(local))), details },
        { ...caseComparable(fileSummary), details: fileDetails },
      ),
    });
  }
  for (const [i, incoming] of records.assessments.entries()) {
    if (fates.assessments.fate[i] !== "replace?") continue;
    const local = existing.assessments[i]!;
    const payload = readAssessmentPayload(await open(key, local.sealed, recordAad("assessments", profileId, local.id)));
    const { id: _id, createdAt: _c, updatedAt: _u, ...fileRest } = incoming;
    const { id: _lid, createdAt: _lc, updatedAt: _lu, ...localRest } = toAssessmentSummary(local);
    group(incoming.caseId).changes.push({
      store: "assessments",
      id: incoming.id,
      localUpdatedAt: local.updatedAt,
      fileUpdatedAt: incoming.updatedAt,
      localStatus: local.status,
      fileStatus: incoming.status,
      fields: changedFields({ ...localRest, ...payload }, fileRest),
    });
  }
  for (const [i, incoming] of records.packs.entries()) {
    if (fates.packs.fate[i] !== "replace?") continue;
    const local = existing.packs[i]!;
    const content = await open(key, local.sealed, recordAad("packs", profileId, local.id));
    const { id: _id, createdAt: _c, updatedAt: _u, ...fileRest } = incoming;
    const { id: _lid, createdAt: _lc, updatedAt: _lu, ...localRest } = toPackSummary(local);
    group(incoming.caseId).changes.push({
      store: "packs",
      id: incoming.id,
      localUpdatedAt: local.updatedAt,
      fileUpdatedAt: incoming.updatedAt,
      localStatus: local.status,
      fileStatus: incoming.status,
      fields: changedFields({ ...localRest, content }, fileRest),
    });
  }

  return { records, replacements: [...replacements.values()], policyChange, policyRefused, fates };
}

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

/**
 * This profile's rows with the ids of the file's records (undefined where there is none), in the
 * file's order. Reads the profile's keys first and fetches only the rows that exist: a restore into
 * an empty profile then costs four key scans instead of a lookup per record.
 */
async function existingRows(context: SessionContext, records: PortableRecords) {
  const { db, profileId } = context;
  const rowsFor = async <Row>(table: Table<Row, [string, string]>, ids: string[]): Promise<(Row | undefined)[]> => {
    const keys = (await table.where("profileId").equals(profileId).primaryKeys()) as [string, string][];
    const present = new Set(keys.map((key) => key[1]));
    const wanted = ids.filter((id) => present.has(id));
    const found = wanted.length === 0 ? [] : await table.bulkGet(wanted.map((id): [string, string] => [profileId, id]));
    const byId = new Map(wanted.map((id, index) => [id, found[index]]));
    return ids.map((id) => byId.get(id));
  };
  return {
    cases: await rowsFor(
      db.cases,
      records.cases.map((row) => row.id),
    ),
    assessments: await rowsFor(
      db.assessments,
      records.assessments.map((row) => row.id),
    ),
    packs: await rowsFor(
      db.packs,
      records.packs.map((row) => row.id),
    ),
    settings: await rowsFor(
      db.settings,
      records.settings.map((row) => row.key),
    ),
  };
}

/** The policy a stored "policy.active" value makes active; null if it breaks the policy rules. */
function effectivePolicy(value: unknown): { policy: Policy; isDefault: boolean } | null {
  if (value === null || value === undefined) return { policy: DEFAULT_POLICY, isDefault: true };
  const parsed = policyFileSchema.safeParse(value);
  return parsed.success ? { policy: policyFromFile(parsed.data), isDefault: false } : null;
}

/** The clear fields of a case worth comparing (not ids, times or review status, which merge on their own). */
function caseComparable(summary: Omit<CaseSummary, "profileId"> & Record<string, unknown>): Record<string, unknown> {
  const {
    id: _id,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    reviewStatus: _reviewStatus,
    reviewedAt: _reviewedAt,
    flags,
    ...rest
  } = summary;
  // The "returned" flag follows the review status, not the content.
  return { ...rest, flags: (flags as string[]).filter((flag) => flag !== RETURNED_FLAG) };
}

const DIFF_DEPTH = 3;

/** Dotted paths (at most DIFF_DEPTH levels) where `local` and `file` differ, in a stable order. */
export function changedFields(local: unknown, file: unknown): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string, depth: number): void => {
    if (sameJson(a, b)) return;
    if (depth < DIFF_DEPTH && isPlainObject(a) && isPlainObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const name of keys) walk(a[name], b[name], path === "" ? name : `${path}.${name}`, depth + 1);
      return;
    }
    out.push(path === "" ? "(everything)" : path);
  };
  walk(local, file, "", 0);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep equality of JSON values; a missing property equals an undefined one. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const name of keys) if (!sameJson(a[name], b[name])) return false;
    return true;
  }
  return (a === undefined || a === null) && (b === undefined || b === null) ? a === b : false;
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

function isNewer(candidate: string, existing: string): boolean {
  return Date.parse(candidate) > Date.parse(existing);
}
