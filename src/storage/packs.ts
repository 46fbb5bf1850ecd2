/**
 * The referral packs store of an unlocked profile: sealed pack content beside clear kind, status
 * and ready/sent times. Called through `VaultSession`.
 */

import { recordAad, seal } from "./crypto";
import type { PackRow } from "./db";
import { InvalidInputError, RecordNotFoundError } from "./errors";
import { codeSchema, isoTimestampSchema, parseInput } from "./record-schemas";
import { checkRow, laterThan, openAndAudit, type SessionContext } from "./session-context";

export type PackSummary = Omit<PackRow, "profileId" | "sealed" | "ver" | "mac">;

/**
 * The status of a pack whose MARAC copy was sent to a MARAC area (issue 17 item 1). Such a pack is
 * read-only: the vault refuses to change it, so what was sent stays what the case shows. A correction
 * is a newer pack, sent as a new version of the referral with what changed.
 */
export const PACK_SENT_TO_MARAC = "sent-to-marac";

export const SENT_PACK_IS_READ_ONLY =
  "This pack was sent to the MARAC, so it cannot be changed. Send a correction instead: it goes as a new version that says what changed.";
export interface PackRecord extends PackSummary {
  content: unknown;
}

export interface SavePackInput {
  id?: string;
  caseId: string;
  kind: string;
  status: string;
  content: unknown;
  /** ISO time the pack was marked ready to send; null clears it; omit to keep what is stored. */
  readyAt?: string | null;
  /** ISO time the pack was marked as sent; null clears it; omit to keep what is stored. */
  sentAt?: string | null;
}

export function toPackSummary({
  profileId: _profileId,
  sealed: _sealed,
  ver: _ver,
  mac: _mac,
  ...summary
}: PackRow): PackSummary {
  return summary;
}

export async function savePack(context: SessionContext, input: SavePackInput): Promise<PackSummary> {
  const key = context.requireKey();
  const id = input.id === undefined ? globalThis.crypto.randomUUID() : parseInput(codeSchema, input.id, "pack id");
  const caseId = parseInput(codeSchema, input.caseId, "case id");
  const kind = parseInput(codeSchema, input.kind, "pack kind");
  const status = parseInput(codeSchema, input.status, "pack status");
  const readyAt = parseInput(isoTimestampSchema.nullable().optional(), input.readyAt, "pack readyAt");
  const sentAt = parseInput(isoTimestampSchema.nullable().optional(), input.sentAt, "pack sentAt");
  const { db, profileId } = context;
  const sealed = await seal(key, input.content, recordAad("packs", profileId, id));
  const summary = await context.write([db.cases, db.packs, db.audit], async () => {
    if (!(await db.cases.get([profileId, caseId]))) throw new RecordNotFoundError("cases");
    const existing = await db.packs.get([profileId, id]);
    if (existing && existing.caseId !== caseId) throw new InvalidInputError("That pack belongs to a different case.");
    if (existing) checkRow(context, "packs", existing);
    if (existing?.status === PACK_SENT_TO_MARAC) throw new InvalidInputError(SENT_PACK_IS_READ_ONLY);
    const now = context.now();
    const unstamped: PackRow = {
      id,
      caseId,
      profileId,
      createdAt: existing?.createdAt ?? now.toISOString(),
      updatedAt: laterThan(existing?.updatedAt ?? null, now),
      kind,
      status,
      // Kept from the stored row unless given, so a later save of the content never loses them.
      ...(readyAt !== undefined ? { readyAt } : existing?.readyAt !== undefined ? { readyAt: existing.readyAt } : {}),
      ...(sentAt !== undefined ? { sentAt } : existing?.sentAt !== undefined ? { sentAt: existing.sentAt } : {}),
      sealed,
    };
    const row = context.manifest().stamp("packs", unstamped, existing);
    await db.packs.put(row);
    if (existing) await context.auditEditOnce("packs", id, caseId);
    else await context.audit("create", caseId, `pack: ${kind}`);
    return toPackSummary(row);
  });
  await context.changes.saved([{ store: "packs", id, caseId }]);
  return summary;
}

/**
 * Marks a pack as sent to the MARAC (status PACK_SENT_TO_MARAC, `sentAt`): from then on it is
 * read-only. Its content is left as it is. Marking it again changes nothing.
 */
export async function markPackSentToMarac(context: SessionContext, packId: string, at: Date): Promise<PackSummary> {
  context.requireKey();
  const id = parseInput(codeSchema, packId, "pack id");
  const sentAt = parseInput(isoTimestampSchema, at.toISOString(), "pack sentAt");
  const { db, profileId } = context;
  let changed = false;
  const summary = await context.write([db.cases, db.packs, db.audit], async () => {
    const existing = await db.packs.get([profileId, id]);
    if (!existing) throw new RecordNotFoundError("packs");
    checkRow(context, "packs", existing);
    if (existing.status === PACK_SENT_TO_MARAC) return toPackSummary(existing);
    const updated: PackRow = {
      ...existing,
      status: PACK_SENT_TO_MARAC,
      sentAt,
      updatedAt: laterThan(existing.updatedAt, context.now()),
    };
    const row = context.manifest().stamp("packs", updated, existing);
    await db.packs.put(row);
    await context.auditEditOnce("packs", id, existing.caseId);
    changed = true;
    return toPackSummary(row);
  });
  if (changed) await context.changes.saved([{ store: "packs", id, caseId: summary.caseId }]);
  return summary;
}

export async function listPacks(context: SessionContext, caseId: string): Promise<PackSummary[]> {
  context.requireKey();
  await context.verifyRecords();
  const rows = await context.db.packs.where("[profileId+caseId]").equals([context.profileId, caseId]).toArray();
  return rows.map((row) => toPackSummary(checkRow(context, "packs", row)));
}

export async function getPack(context: SessionContext, packId: string): Promise<PackRecord> {
  const { row, value: content } = await openAndAudit(context, context.db.packs, "packs", packId, (row) => ({
    caseId: row.caseId,
    detail: `pack: ${row.kind}`,
  }));
  return { ...toPackSummary(row), content };
}
