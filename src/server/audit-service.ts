/**
 * The team's append-only audit (migration 005): every enrol, approve, revoke, case-key share and —
 * from issue 17 item 1 — send, written in the same transaction as what it records, so a refused or
 * rolled-back request leaves no row and a done one always leaves one. Rows are only ever inserted (the
 * table's triggers refuse UPDATE and DELETE). Managers (for an area, coordinators) read their unit's
 * audit, newest first, a page at a time.
 */
import { notAllowed } from "./api-error";
import type { Queryable } from "./database";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

/**
 * "send": a pack sent to a MARAC area (issue 17 item 1). "rotate-key": a case key replaced after a device
 * was removed (migration 006). "reassign": a manager gave a practitioner's device the key of a case
 * another practitioner's device held (migration 008; `subjectFromDeviceId` is that device).
 * "rotate-team-key": the team manager key replaced after a manager's device was removed (migration 009).
 */
export const AUDIT_ACTIONS = [
  "enrol",
  "approve",
  "revoke",
  "share-key",
  "send",
  "rotate-key",
  "reassign",
  "rotate-team-key",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The device's unit: a team's id, or an area's. */
  unit: { teamId: string | null; areaId: string | null };
  at: Date;
  action: AuditAction;
  actorDeviceId: string;
  subjectDeviceId?: string | null;
  subjectKeyId?: string | null;
  subjectRecordId?: string | null;
  subjectFromDeviceId?: string | null;
}

/** Within the caller's transaction: the row commits or rolls back with what it records. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO team_audit (team_id, area_id, at, action, actor_device_id, subject_device_id, subject_key_id,
       subject_record_id, subject_from_device_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.unit.teamId,
      entry.unit.areaId,
      entry.at,
      entry.action,
      entry.actorDeviceId,
      entry.subjectDeviceId ?? null,
      entry.subjectKeyId ?? null,
      entry.subjectRecordId ?? null,
      entry.subjectFromDeviceId ?? null,
    ],
  );
}

export interface AuditListEntry {
  id: number;
  at: string;
  action: AuditAction;
  actorDeviceId: string;
  subjectDeviceId: string | null;
  subjectKeyId: string | null;
  subjectRecordId: string | null;
  /** "reassign": the device the case moved from. */
  subjectFromDeviceId: string | null;
}

export interface AuditPage {
  entries: AuditListEntry[];
  /** Pass as `before` for the next (older) page; null when this page reaches the first entry. */
  before: number | null;
}

interface AuditRow {
  id: number;
  at: Date;
  action: AuditAction;
  actor_device_id: string;
  subject_device_id: string | null;
  subject_key_id: string | null;
  subject_record_id: string | null;
  subject_from_device_id: string | null;
}

export const AUDIT_PAGE_MAX = 200;

/** The unit's audit, newest first, `limit` entries older than `before` (an entry id) when given. */
export async function listAudit(
  context: ServerContext,
  device: SignedInDevice,
  page: { before?: number; limit: number },
): Promise<AuditPage> {
  // As devices-service.ts isApprover (not imported: that file writes here, and imports may not cycle).
  if (device.role !== "manager" && device.role !== "coordinator")
    throw notAllowed("Only a manager (or, for an area, a coordinator) can read the audit.");
  const column = device.teamId !== null ? "team_id" : "area_id";
  // One more than asked, to know whether an older page exists.
  const rows = await context.db.query<AuditRow>(
    `SELECT id, at, action, actor_device_id, subject_device_id, subject_key_id, subject_record_id, subject_from_device_id
     FROM team_audit
     WHERE ${column} = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [device.teamId ?? device.areaId, page.before ?? null, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  return {
    entries: shown.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      action: row.action,
      actorDeviceId: row.actor_device_id,
      subjectDeviceId: row.subject_device_id,
      subjectKeyId: row.subject_key_id,
      subjectRecordId: row.subject_record_id,
      subjectFromDeviceId: row.subject_from_device_id,
    })),
    before: rows.length > page.limit ? shown.at(-1)!.id : null,
  };
}
