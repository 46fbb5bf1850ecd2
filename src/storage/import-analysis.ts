/**
 * Step one of an import (see import-types.ts): compares the file's records with this profile's,
 * reading only, and lists what would be added, kept or replaced. Called through `VaultSession`.
 */

import { CLEAR_METADATA_KEY, loadIndex, withNames } from "./clear-metadata";
import type { Table } from "dexie";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy } from "../domain/policy";
import { toAssessmentSummary, readAssessmentPayload } from "./assessments";
import { toCaseSummary, type CaseSummary } from "./cases";
import { open, recordAad } from "./crypto";
import { InvalidInputError } from "./errors";
import {
  POLICY_SETTING_KEY,
  type CaseReplacement,
  type Fate,
  type ImportPlan,
  type PolicyChange,
} from "./import-types";
import { toPackSummary } from "./packs";
import type { PortableRecords } from "./portable-records";
import { checkRow, type SessionContext } from "./session-context";

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
 * This profile's rows with the ids of the file's records (undefined where there is none), in the
 * file's order. Reads the profile's keys first and fetches only the rows that exist: a restore into
 * an empty profile then costs four key scans instead of a lookup per record.
 */
export async function existingRows(context: SessionContext, records: PortableRecords) {
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

export const RETURNED_FLAG = "returned-for-improvement";
export function isNewer(candidate: string, existing: string): boolean {
  return Date.parse(candidate) > Date.parse(existing);
}
