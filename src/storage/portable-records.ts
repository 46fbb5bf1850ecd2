/**
 * Records in the form they leave the device (inside an encrypted backup or case export, see
 * backup-file.ts) and come back in: decrypted, without profileId. Exporting reads and decrypts a
 * profile's records; importing them is import-analysis.ts and import-commit.ts. Called through
 * `VaultSession`.
 */

import { CLEAR_METADATA_KEY, loadIndex, withNames } from "./clear-metadata";
import { toPortableAuditEntry, type PortableAuditEntry } from "./audit";
import { toAssessmentSummary, readAssessmentPayload, type AssessmentSummary } from "./assessments";
import { toCaseSummary, type CaseSummary } from "./cases";
import { open, recordAad } from "./crypto";
import type { CaseRow } from "./db";
import { RecordNotFoundError } from "./errors";
import { toPackSummary, type PackSummary } from "./packs";
import { getReview, type ReviewRecord } from "./review-notes";
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
