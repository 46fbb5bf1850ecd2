/**
 * The per-profile audit trail: who did what to which case, and when.
 *
 * Audit rows are stored in clear so a practitioner (or a supervisor with
 * them) can review activity without decrypting anything, which is also why
 * `detail` must never hold case content: only counts, kinds and codes.
 */

import {
  AUDIT_ACTIONS,
  profileRange,
  type AuditAction,
  type AuditActor,
  type AuditRow,
  type SafeReferralDb,
} from "./db";
import { InvalidInputError } from "./errors";
import type { SessionContext } from "./session-context";

export const AUDIT_DETAIL_MAX_LENGTH = 200;

export interface NewAuditEntry {
  profileId: string;
  action: AuditAction;
  at: string;
  caseId?: string | null;
  actor?: AuditActor;
  detail?: string | null;
}

let auditSequence = 0;

/**
 * Ids sort in creation order (time, then a per-tab counter), so entries made
 * within the same millisecond still list in the order they happened: the
 * [profileId+at] index breaks ties by primary key. The random tail keeps ids
 * unique across tabs and devices (backups merge audit trails by id).
 */
function nextAuditId(at: string): string {
  auditSequence += 1;
  const sequence = auditSequence.toString(36).padStart(8, "0");
  const random = globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 12);
  return `${at}_${sequence}_${random}`;
}

export function buildAuditRow(entry: NewAuditEntry): AuditRow {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(entry.action)) {
    throw new InvalidInputError(`Unknown audit action "${entry.action}".`);
  }
  const detail = entry.detail ?? null;
  if (detail !== null && detail.length > AUDIT_DETAIL_MAX_LENGTH) {
    // A long detail is a sign someone is putting content in the (clear) audit trail.
    throw new InvalidInputError(`Audit detail must be at most ${AUDIT_DETAIL_MAX_LENGTH} characters.`);
  }
  return {
    id: nextAuditId(entry.at),
    profileId: entry.profileId,
    caseId: entry.caseId ?? null,
    at: entry.at,
    actor: entry.actor ?? "practitioner",
    action: entry.action,
    detail,
  };
}

/** Appends one entry. Call inside the same Dexie transaction as the change it records, so both land or neither does. */
export async function appendAudit(db: SafeReferralDb, entry: NewAuditEntry): Promise<AuditRow> {
  const row = buildAuditRow(entry);
  await db.audit.add(row);
  return row;
}

export interface ListAuditOptions {
  caseId?: string;
  /** Most recent first; defaults to everything. */
  limit?: number;
}

/** Newest first, always scoped to one profile. */
export async function listAuditEntries(
  db: SafeReferralDb,
  profileId: string,
  options: ListAuditOptions = {},
): Promise<AuditRow[]> {
  const rows =
    options.caseId === undefined
      ? await db.audit
          .where("[profileId+at]")
          .between(...profileRange(profileId))
          .reverse()
          .toArray()
      : (await db.audit.where("[profileId+caseId]").equals([profileId, options.caseId]).toArray()).sort((a, b) =>
          a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1,
        );
  return options.limit === undefined ? rows : rows.slice(0, options.limit);
}

/** An audit entry as screens and files see it: the profile is implied. */
export type AuditEntry = Omit<AuditRow, "profileId">;

export function toAuditEntry({ profileId: _profileId, ...entry }: AuditRow): AuditEntry {
  return entry;
}

/** An event only the screens see, audited for an unlocked profile (see `VaultSession.recordAudit`). */
export async function recordAudit(
  context: SessionContext,
  action: AuditAction,
  options: { caseId?: string; detail?: string } = {},
): Promise<void> {
  context.requireKey();
  await context.write([context.db.audit], () => context.audit(action, options.caseId ?? null, options.detail ?? null));
}

/** The unlocked profile's audit trail, newest first. */
export async function listAudit(context: SessionContext, options: ListAuditOptions = {}): Promise<AuditEntry[]> {
  context.requireKey();
  const rows = await listAuditEntries(context.db, context.profileId, options);
  return rows.map(toAuditEntry);
}
