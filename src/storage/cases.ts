/**
 * The cases store of an unlocked profile: sealed identifying details beside clear summary fields
 * (codes only) that the case list, the review dashboard and the referral flags read without
 * decrypting anything. Called through `VaultSession`.
 */

import { recordAad, seal } from "./crypto";
import type { CaseRow, CaseStatus } from "./db";
import { loadIndex, toClearFields, updateIndex, withNames } from "./clear-metadata";
import { readCaseRows } from "./case-row-cache";
import { RecordNotFoundError } from "./errors";
import {
  EMPTY_CASE_SUMMARY,
  caseStatusSchema,
  caseSummaryInputSchema,
  codeSchema,
  isoTimestampSchema,
  parseInput,
  type CaseSummaryInput,
} from "./record-schemas";
import { checkRow, laterThan, openAndAudit, type SessionContext } from "./session-context";

export type CaseSummary = Omit<CaseRow, "profileId" | "sealed" | "ver" | "mac">;
export interface CaseRecord extends CaseSummary {
  /** The decrypted identifying details, exactly as saved (opaque to storage). */
  details: unknown;
}

export interface SaveCaseInput {
  /** Omit to create a new case; give an existing id to update it (an unknown id is an error, so a deleted case is never resurrected by a late autosave). */
  id?: string;
  status?: CaseStatus;
  summary?: CaseSummaryInput;
  details: unknown;
}

export function toCaseSummary({
  profileId: _profileId,
  sealed: _sealed,
  ver: _ver,
  mac: _mac,
  ...summary
}: CaseRow): CaseSummary {
  return summary;
}

export async function saveCase(context: SessionContext, input: SaveCaseInput): Promise<CaseSummary> {
  const key = context.requireKey();
  const summary = parseInput(caseSummaryInputSchema, input.summary ?? {}, "case summary");
  const status = input.status === undefined ? undefined : parseInput(caseStatusSchema, input.status, "case status");
  const { db, profileId } = context;

  if (input.id === undefined) {
    const id = globalThis.crypto.randomUUID();
    const sealed = await seal(key, input.details, recordAad("cases", profileId, id));
    let row: CaseRow | undefined;
    // Agency and author are stored as codes, sealed flags beside the index (clear-metadata.ts); the
    // index row and the case row are stamped into the manifest in the same transaction.
    const index = await updateIndex(
      context,
      (index) => ({ index, clear: toClearFields(index, id, { author: context.label, ...summary }) }),
      async ({ clear }) => {
        const now = context.nowIso();
        row = context.manifest().stamp("cases", {
          ...EMPTY_CASE_SUMMARY,
          ...clear,
          id,
          profileId,
          createdAt: now,
          updatedAt: now,
          status: status ?? ("open" as const),
          sealed,
        });
        await db.cases.add(row);
        await context.audit("create", id, "case");
        context.markEditAudited("cases", id);
      },
      [db.cases, db.audit],
    );
    await context.changes.saved([{ store: "cases", id, caseId: id }]);
    return withNames(index.index, toCaseSummary(row!));
  }

  const id = parseInput(codeSchema, input.id, "case id");
  const sealed = await seal(key, input.details, recordAad("cases", profileId, id));
  let row: CaseRow | undefined;
  const { index } = await updateIndex(
    context,
    (index) => ({ index, clear: toClearFields(index, id, summary) }),
    async ({ clear }) => {
      const existing = await db.cases.get([profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      checkRow(context, "cases", existing);
      row = context.manifest().stamp(
        "cases",
        {
          ...existing,
          ...clear,
          status: status ?? existing.status,
          updatedAt: laterThan(existing.updatedAt, context.now()),
          sealed,
        },
        existing,
      );
      await db.cases.put(row);
      await context.auditEditOnce("cases", id, id);
    },
    [db.cases, db.audit],
  );
  await context.changes.saved([{ store: "cases", id, caseId: id }]);
  return withNames(index, toCaseSummary(row!));
}

export async function listCaseSummaries(context: SessionContext): Promise<CaseSummary[]> {
  context.requireKey();
  await context.verifyRecords();
  const { rows, checked } = await readCaseRows(context.db, context.profileId, context.caseRows);
  // Each row's clear fields are checked against its MAC: an altered risk level is refused, not listed.
  // Rows held from an earlier read with the same manifest head passed that check already.
  if (!checked) {
    for (const row of rows) checkRow(context, "cases", row);
    context.caseRows.markChecked(rows);
  }
  // One decrypt of the (MAC-checked) index puts the names and sealed flags back for every row.
  const index = await loadIndex(context);
  return rows.map((row) => withNames(index, toCaseSummary(row)));
}

export async function getCase(context: SessionContext, caseId: string): Promise<CaseRecord> {
  const { row, value: details } = await openAndAudit(context, context.db.cases, "cases", caseId, () => ({
    caseId,
    detail: "case",
  }));
  return { ...withNames(await loadIndex(context), toCaseSummary(row)), details };
}

export async function deleteCase(context: SessionContext, caseId: string): Promise<void> {
  context.requireKey();
  const { db, profileId } = context;
  await context.write([db.cases, db.assessments, db.packs, db.audit], async () => {
    const existing = await db.cases.get([profileId, caseId]);
    if (!existing) throw new RecordNotFoundError("cases");
    // Every record deleted leaves the manifest, so its absence is not mistaken for tampering.
    const manifest = context.manifest();
    const assessments = await db.assessments.where("[profileId+caseId]").equals([profileId, caseId]).toArray();
    const packs = await db.packs.where("[profileId+caseId]").equals([profileId, caseId]).toArray();
    assessments.forEach((row) => manifest.remove("assessments", row.id, row));
    packs.forEach((row) => manifest.remove("packs", row.id, row));
    manifest.remove("cases", caseId, existing);
    const assessmentCount = await db.assessments.where("[profileId+caseId]").equals([profileId, caseId]).delete();
    const packCount = await db.packs.where("[profileId+caseId]").equals([profileId, caseId]).delete();
    await db.cases.delete([profileId, caseId]);
    await context.audit("delete", caseId, `case with ${assessmentCount} assessments and ${packCount} packs`);
  });
}

export async function markReferralSent(
  context: SessionContext,
  caseId: string,
  kind: string,
  at?: Date,
): Promise<CaseSummary> {
  context.requireKey();
  const id = parseInput(codeSchema, caseId, "case id");
  const referralKind = parseInput(codeSchema, kind, "referral kind");
  const sentAt = parseInput(isoTimestampSchema, (at ?? context.now()).toISOString(), "sent time");
  const { db, profileId } = context;
  return context
    .write([db.cases, db.audit], async () => {
      const existing = await db.cases.get([profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      checkRow(context, "cases", existing);
      const previous = existing.referralsSent?.[referralKind];
      const flag = `${referralKind}-sent`;
      const row: CaseRow = context.manifest().stamp(
        "cases",
        {
          ...existing,
          referralsSent: {
            ...existing.referralsSent,
            [referralKind]: previous ?? { sentAt, assessedAt: existing.latestAssessedAt },
          },
          flags: existing.flags.includes(flag) ? existing.flags : [...existing.flags, flag],
          updatedAt: laterThan(existing.updatedAt, context.now()),
        },
        existing,
      );
      await db.cases.put(row);
      await context.audit("edit", id, `referral sent: ${referralKind}`);
      return row;
    })
    .then(async (row) => {
      await context.changes.saved([{ store: "cases", id, caseId: id }]);
      return withNames(await loadIndex(context), toCaseSummary(row));
    });
}

export async function updateCaseSummary(
  context: SessionContext,
  caseId: string,
  summaryInput: CaseSummaryInput,
): Promise<CaseSummary> {
  context.requireKey();
  const id = parseInput(codeSchema, caseId, "case id");
  const summary = parseInput(caseSummaryInputSchema, summaryInput, "case summary");
  const { db, profileId } = context;
  let row: CaseRow | undefined;
  const { index } = await updateIndex(
    context,
    (index) => ({ index, clear: toClearFields(index, id, summary) }),
    async ({ clear }) => {
      const existing = await db.cases.get([profileId, id]);
      if (!existing) throw new RecordNotFoundError("cases");
      checkRow(context, "cases", existing);
      row = context.manifest().stamp("cases", { ...existing, ...clear }, existing);
      await db.cases.put(row);
    },
    [db.cases],
  );
  return withNames(index, toCaseSummary(row!));
}
