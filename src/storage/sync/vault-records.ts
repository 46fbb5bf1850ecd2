/**
 * The vault's records as team sync carries them, and back. A record's body is its portable form, the
 * one a case export carries (portable-records.ts): decrypted, with names rather than this device's
 * codes, without profileId. So what arrives from another device is checked by the same schemas as a
 * file (backup-file.ts, backup-read.ts) before the import path writes it.
 *
 * Kinds: "case" (record id = case id), "assessment" (= assessment id), "pack" (= pack id), and
 * "review" (the reviewer's notes on a case; record id derived from the case id, `reviewRecordId`).
 */

import { z } from "zod";
import { readAssessmentPayload, toAssessmentSummary } from "../assessments";
import { MAX_CLOCK_SKEW_MS, MAX_RECORD_DEPTH, futureTimestampIn, nestingDepthExceeds } from "../backup-read";
import { portableAssessmentSchema, portableCaseSchema, portablePackSchema, portableReviewSchema } from "../backup-file";
import { toCaseSummary } from "../cases";
import { loadIndex, withNames } from "../clear-metadata";
import { open, recordAad, sha256Hex } from "../crypto";
import type { JsonValue } from "../db";
import { toPackSummary } from "../packs";
import type { PortableRecords } from "../portable-records";
import type { VaultRecordChange } from "../record-changes";
import { getReview } from "../review-notes";
import { checkRow, type SessionContext } from "../session-context";
import type { SyncDocument } from "./envelope";
import type { TeamRecord, TeamRecordKind } from "./team-records-api";

export type PortableCase = PortableRecords["cases"][number];
export type PortableAssessment = PortableRecords["assessments"][number];
export type PortablePack = PortableRecords["packs"][number];

const KIND_OF_STORE: Record<VaultRecordChange["store"], TeamRecordKind> = {
  cases: "case",
  assessments: "assessment",
  packs: "pack",
  review: "review",
};

/**
 * The record id of a case's review: a UUID from SHA-256 of the case id, so every device (the officer's,
 * each manager's) names the same record and two reviews of one case meet as versions of one record.
 */
export function reviewRecordId(caseId: string): Promise<string> {
  return nameBasedUuid(`safe-referral review record v1\n${caseId}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A name-based UUID (RFC 9562 version 8) from SHA-256 of `name`: the same on every device. */
async function nameBasedUuid(name: string): Promise<string> {
  const hex = (await sha256Hex(name)).slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/**
 * The sync record id of an assessment or a pack. The team server names records by UUID, but a pack's id
 * is made from its kind and assessment ("marac-<assessment id>", and "-v2"… for a correction) and an
 * imported record keeps the id its file gave it: such an id is carried as a UUID derived from it (the
 * body keeps the real one), the same on every device, so each version meets the one before.
 */
export async function syncRecordIdOf(kind: "assessment" | "pack", id: string): Promise<string> {
  return UUID.test(id) ? id : nameBasedUuid(`safe-referral ${kind} record v1\n${id}`);
}

/** Plain JSON (an undefined property is left out, as in a file). */
function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** The change to send for a saved record: its record id, kind and body; null when it is no longer here. */
export async function localChangeFor(
  context: SessionContext,
  change: VaultRecordChange,
): Promise<{ recordId: string; caseId: string; kind: TeamRecordKind; body: JsonValue } | null> {
  const key = context.requireKey();
  const { db, profileId } = context;
  await context.verifyRecords();
  const kind = KIND_OF_STORE[change.store];
  const wrap = (recordId: string, body: unknown) => ({ recordId, caseId: change.caseId, kind, body: asJson(body) });
  // Read without a "view" entry: the save being sent was audited; sending it is not a viewing.
  if (change.store === "cases") {
    const row = await db.cases.get([profileId, change.id]);
    if (!row) return null;
    checkRow(context, "cases", row);
    const summary = withNames(await loadIndex(context), toCaseSummary(row));
    const details = await open(key, row.sealed, recordAad("cases", profileId, row.id));
    const body: PortableCase = { ...summary, author: summary.author ?? context.label, details };
    return wrap(row.id, body);
  }
  if (change.store === "assessments") {
    const row = await db.assessments.get([profileId, change.id]);
    if (!row || row.caseId !== change.caseId) return null;
    checkRow(context, "assessments", row);
    const payload = readAssessmentPayload(await open(key, row.sealed, recordAad("assessments", profileId, row.id)));
    const body: PortableAssessment = { ...toAssessmentSummary(row), ...payload };
    return wrap(await syncRecordIdOf("assessment", row.id), body);
  }
  if (change.store === "packs") {
    const row = await db.packs.get([profileId, change.id]);
    if (!row || row.caseId !== change.caseId) return null;
    checkRow(context, "packs", row);
    const content = await open(key, row.sealed, recordAad("packs", profileId, row.id));
    const body: PortablePack = { ...toPackSummary(row), content };
    return wrap(await syncRecordIdOf("pack", row.id), body);
  }
  const review = await getReview(context, change.caseId, { audit: false });
  if (review.notes.length === 0) return null;
  return wrap(await reviewRecordId(change.caseId), review);
}

/** Every record of a case as a saved change: the case first, then its assessments, packs and review. */
export async function changesOfCase(context: SessionContext, caseId: string): Promise<VaultRecordChange[]> {
  const { db, profileId } = context;
  const [assessments, packs] = await Promise.all([
    db.assessments.where("[profileId+caseId]").equals([profileId, caseId]).primaryKeys(),
    db.packs.where("[profileId+caseId]").equals([profileId, caseId]).primaryKeys(),
  ]);
  return [
    { store: "cases", id: caseId, caseId },
    ...(assessments as [string, string][]).map(([, id]): VaultRecordChange => ({ store: "assessments", id, caseId })),
    ...(packs as [string, string][]).map(([, id]): VaultRecordChange => ({ store: "packs", id, caseId })),
    { store: "review", id: caseId, caseId },
  ];
}

export type DecodedDocument = { ok: true; record: TeamRecord } | { ok: false; reason: string };

const CLEAR_OF: Record<TeamRecordKind, (body: Record<string, unknown>) => unknown> = {
  case: ({ details: _details, ...clear }) => clear,
  assessment: ({ content: _content, outcome: _outcome, notes: _notes, ...clear }) => clear,
  pack: ({ content: _content, ...clear }) => clear,
  review: (body) => body,
};

const SCHEMA_OF: Record<TeamRecordKind, z.ZodType> = {
  case: portableCaseSchema,
  assessment: portableAssessmentSchema,
  pack: portablePackSchema,
  review: portableReviewSchema,
};

function isKind(kind: string): kind is TeamRecordKind {
  return Object.hasOwn(SCHEMA_OF, kind);
}

/**
 * Checks a document from the team as an import checks a file's record: its kind, nesting depth, the
 * file schema of its kind, that it is the record it is sent as (ids and case), and no clear timestamp
 * more than MAX_CLOCK_SKEW_MS ahead of this device's clock. The reason is for the report, never shown as is.
 */
export async function decodeDocument(document: SyncDocument, now: Date): Promise<DecodedDocument> {
  const { kind, body, recordId, caseId } = document;
  if (!isKind(kind)) return { ok: false, reason: "unknown-kind" };
  if (nestingDepthExceeds(body, MAX_RECORD_DEPTH)) return { ok: false, reason: "too-deep" };
  const parsed = SCHEMA_OF[kind].safeParse(body);
  if (!parsed.success) return { ok: false, reason: "invalid-record" };
  const value = parsed.data as Record<string, unknown>;
  if (kind === "case" && (value.id !== recordId || recordId !== caseId || value.review !== undefined)) {
    return { ok: false, reason: "wrong-record" };
  }
  if (
    (kind === "assessment" || kind === "pack") &&
    (typeof value.id !== "string" || (await syncRecordIdOf(kind, value.id)) !== recordId || value.caseId !== caseId)
  ) {
    return { ok: false, reason: "wrong-record" };
  }
  if (kind === "review" && recordId !== (await reviewRecordId(caseId))) return { ok: false, reason: "wrong-record" };
  if (futureTimestampIn(CLEAR_OF[kind](value), now.getTime() + MAX_CLOCK_SKEW_MS) !== null) {
    return { ok: false, reason: "future-timestamp" };
  }
  return { ok: true, record: { kind, record: value } as unknown as TeamRecord };
}
