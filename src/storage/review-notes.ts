/**
 * A reviewer's notes on a case: sealed, one setting per case (every note kept, newest first),
 * with the review outcome in clear on the case row so the practitioner's case list can show it.
 * Called through `VaultSession`; backups carry the notes as settings, case exports beside each
 * case (portable-records.ts).
 */

import { z } from "zod";
import { open, recordAad, seal, sha256Hex } from "./crypto";
import { InvalidInputError, RecordNotFoundError } from "./errors";
import { codeSchema, parseInput } from "./record-schemas";
import { checkRow, type SessionContext } from "./session-context";

export const REVIEW_STATUSES = ["reviewed", "returned-for-improvement"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewNote {
  at: string;
  /** The reviewing profile's label. */
  reviewer: string;
  status: ReviewStatus;
  note: string;
}

export interface ReviewRecord {
  /** Newest first. */
  notes: ReviewNote[];
}

const reviewRecordSchema = z.object({
  notes: z.array(z.object({ at: z.string(), reviewer: z.string(), status: z.enum(REVIEW_STATUSES), note: z.string() })),
});

function readReviewRecord(value: unknown): ReviewRecord {
  const parsed = reviewRecordSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError("A stored review note is not in the expected shape.");
  return parsed.data;
}

/**
 * Review notes live in sealed settings, one per case. The key is derived from the case id (a
 * digest, so any valid case id fits the setting-key length and the key says nothing by itself).
 */
export async function reviewSettingKey(caseId: string): Promise<string> {
  return `review-note:${(await sha256Hex(caseId)).slice(0, 40)}`;
}

export async function saveReview(
  context: SessionContext,
  caseId: string,
  input: { note: string; status: ReviewStatus },
): Promise<ReviewRecord> {
  const key = context.requireKey();
  const id = parseInput(codeSchema, caseId, "case id");
  const status = parseInput(z.enum(REVIEW_STATUSES), input.status, "review status");
  const note = parseInput(z.string().max(10_000), input.note, "review note");
  const settingKey = await reviewSettingKey(id);
  const now = context.nowIso();
  const previous = await getReview(context, id, { audit: false });
  const record: ReviewRecord = { notes: [{ at: now, reviewer: context.label, status, note }, ...previous.notes] };
  const { db, profileId } = context;
  const sealed = await seal(key, record, recordAad("settings", profileId, settingKey));
  await context.write([db.cases, db.settings, db.audit], async () => {
    const existing = await db.cases.get([profileId, id]);
    if (!existing) throw new RecordNotFoundError("cases");
    checkRow(context, "cases", existing);
    const returned = "returned-for-improvement";
    const flags = existing.flags.filter((flag) => flag !== returned);
    const manifest = context.manifest();
    await db.cases.put(
      manifest.stamp(
        "cases",
        {
          ...existing,
          reviewStatus: status,
          reviewedAt: now,
          flags: status === returned ? [...flags, returned] : flags,
        },
        existing,
      ),
    );
    const existingNote = await db.settings.get([profileId, settingKey]);
    await db.settings.put(
      manifest.stamp("settings", { profileId, key: settingKey, updatedAt: now, value: null, sealed }, existingNote),
    );
    await context.audit("edit", id, `review: ${status}`);
  });
  // Only the review is sent to the team: each device sets the case's review status from it.
  await context.changes.saved([{ store: "review", id, caseId: id }]);
  return record;
}

export async function getReview(
  context: SessionContext,
  caseId: string,
  options: { audit?: boolean } = {},
): Promise<ReviewRecord> {
  const key = context.requireKey();
  const settingKey = await reviewSettingKey(caseId);
  await context.verifyRecords();
  const row = await context.db.settings.get([context.profileId, settingKey]);
  if (row) checkRow(context, "settings", row);
  const record = row?.sealed
    ? readReviewRecord(await open(key, row.sealed, recordAad("settings", context.profileId, settingKey)))
    : { notes: [] };
  if (options.audit !== false && record.notes.length > 0) {
    await context.write([context.db.audit], () => context.audit("view", caseId, "review note"));
  }
  return record;
}
