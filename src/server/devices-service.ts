/**
 * The devices of a team (or area): listing them with their public keys (readers verify envelope
 * signatures against them), and a manager approving a device after comparing its fingerprint on both
 * screens, or revoking one. Approving a manager device wraps the team manager key to it in the same step.
 */
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import { recordAudit } from "./audit-service";
import type { Queryable } from "./database";
import { decodeBase64 } from "./device-keys";
import { wrapAreaKeyOnApproval } from "./marac-keys-service";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

export interface DeviceSummary {
  deviceId: string;
  role: string;
  status: string;
  fingerprint: string;
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
  createdAt: string;
  approvedAt: string | null;
  /** When a manager removed it; null while it is not removed. */
  revokedAt: string | null;
}

interface DeviceRow {
  id: string;
  team_id: string | null;
  area_id: string | null;
  role: string;
  status: string;
  fingerprint: string;
  ecdh_public_key: Uint8Array;
  ecdsa_public_key: Uint8Array;
  created_at: Date;
  approved_at: Date | null;
  revoked_at: Date | null;
}

function summary(row: DeviceRow): DeviceSummary {
  return {
    deviceId: row.id,
    role: row.role,
    status: row.status,
    fingerprint: row.fingerprint,
    ecdhPublicKey: Buffer.from(row.ecdh_public_key).toString("base64"),
    ecdsaPublicKey: Buffer.from(row.ecdsa_public_key).toString("base64"),
    createdAt: row.created_at.toISOString(),
    approvedAt: row.approved_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export function isApprover(device: SignedInDevice): boolean {
  return device.role === "manager" || device.role === "coordinator";
}

function sameUnit(device: SignedInDevice, row: Pick<DeviceRow, "team_id" | "area_id">): boolean {
  return device.teamId !== null ? row.team_id === device.teamId : row.area_id === device.areaId;
}

/**
 * Everyone sees the approved and revoked devices of their unit (to check signatures); approvers also the
 * pending. A team's sync asks for the coordinator devices of the areas it is linked to as well
 * (`withLinkedCoordinators`): they write the statuses of its referrals (issue 17), and its devices check
 * their signatures. The team's screens do not ask, so they list the team's own devices only.
 */
export async function listDevices(
  context: ServerContext,
  device: SignedInDevice,
  options: { withLinkedCoordinators?: boolean } = {},
): Promise<DeviceSummary[]> {
  const rows = await context.db.query<DeviceRow>(
    `SELECT * FROM devices WHERE ${device.teamId !== null ? "team_id" : "area_id"} = $1
       AND ($2 OR status <> 'pending') ORDER BY created_at, id`,
    [device.teamId ?? device.areaId, isApprover(device)],
  );
  if (!options.withLinkedCoordinators || device.teamId === null) return rows.map(summary);
  const coordinators = await context.db.query<DeviceRow>(
    `SELECT d.* FROM devices d JOIN team_areas l ON l.area_id = d.area_id
     WHERE l.team_id = $1 AND d.role = 'coordinator' AND d.status <> 'pending' ORDER BY d.created_at, d.id`,
    [device.teamId],
  );
  return [...rows, ...coordinators].map(summary);
}

async function targetDevice(tx: Queryable, approver: SignedInDevice, deviceId: string): Promise<DeviceRow> {
  if (!isApprover(approver)) throw notAllowed("Only a manager (or, for an area, a coordinator) can do that.");
  const [target] = await tx.query<DeviceRow>("SELECT * FROM devices WHERE id = $1 FOR UPDATE", [deviceId]);
  if (!target) throw new ApiError(404, "unknown-device", "There is no such device.");
  if (!sameUnit(approver, target)) throw wrongTeam();
  return target;
}

export interface ApproveRequest {
  /** The fingerprint the manager read on the new device's screen, as typed or confirmed. */
  fingerprint: string;
  /** For a manager device: the team manager key's private half, wrapped to the new device's ECDH key. */
  managerKeyWrapped?: string;
}

export async function approveDevice(
  context: ServerContext,
  approver: SignedInDevice,
  deviceId: string,
  request: ApproveRequest,
): Promise<DeviceSummary> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const target = await targetDevice(tx, approver, deviceId);
    if (target.status !== "pending") {
      throw new ApiError(409, "not-pending", `That device is already ${target.status}.`);
    }
    if (request.fingerprint.replace(/\s/g, "") !== target.fingerprint.replace(/\s/g, "")) {
      throw new ApiError(
        400,
        "fingerprint-mismatch",
        "The numbers do not match the device's. Do not approve it: ask its user to enrol again.",
      );
    }
    await wrapManagerKeyOnApproval(tx, approver, target, request.managerKeyWrapped, now);
    const [approved] = await tx.query<DeviceRow>(
      "UPDATE devices SET status = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1 RETURNING *",
      [deviceId, approver.deviceId, now],
    );
    await recordAudit(tx, {
      unit: approver,
      at: now,
      action: "approve",
      actorDeviceId: approver.deviceId,
      subjectDeviceId: deviceId,
    });
    return summary(approved!);
  });
}

async function wrapManagerKeyOnApproval(
  tx: Queryable,
  approver: SignedInDevice,
  target: DeviceRow,
  wrappedText: string | undefined,
  now: Date,
): Promise<void> {
  if (target.role === "coordinator") {
    await wrapAreaKeyOnApproval(tx, approver, target, wrappedText, now);
    return;
  }
  if (target.role !== "manager") {
    if (wrappedText !== undefined) {
      throw new ApiError(400, "not-a-manager", "Only a manager device is given the team manager key.");
    }
    return;
  }
  const [team] = await tx.query<{ manager_key_id: string | null }>("SELECT manager_key_id FROM teams WHERE id = $1", [
    target.team_id,
  ]);
  if (!team?.manager_key_id) return; // No manager key yet: the first manager device makes it.
  if (wrappedText === undefined) {
    throw new ApiError(
      400,
      "manager-key-missing",
      "A manager device must be given the team manager key when it is approved, or it could read no case.",
    );
  }
  const wrapped = decodeBase64(wrappedText, "wrapped manager key");
  if (wrapped.length === 0 || wrapped.length > 1024) {
    throw new ApiError(400, "bad-wrapped-key", "The wrapped manager key is empty or too long.");
  }
  await tx.query(
    `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
     VALUES ($1, $2, 'manager', $3, $4, $5, $6)`,
    [target.team_id, team.manager_key_id, target.id, wrapped, approver.deviceId, now],
  );
}

export async function revokeDevice(
  context: ServerContext,
  approver: SignedInDevice,
  deviceId: string,
): Promise<DeviceSummary> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const target = await targetDevice(tx, approver, deviceId);
    if (target.id === approver.deviceId) {
      throw new ApiError(400, "cannot-revoke-self", "A device cannot remove itself; ask another manager.");
    }
    if (target.status === "revoked") throw new ApiError(409, "not-approved", "That device is already removed.");
    await tx.query("DELETE FROM sessions WHERE device_id = $1", [deviceId]);
    const [revoked] = await tx.query<DeviceRow>(
      "UPDATE devices SET status = 'revoked', revoked_by = $2, revoked_at = $3 WHERE id = $1 RETURNING *",
      [deviceId, approver.deviceId, now],
    );
    await recordAudit(tx, {
      unit: approver,
      at: now,
      action: "revoke",
      actorDeviceId: approver.deviceId,
      subjectDeviceId: deviceId,
    });
    return summary(revoked!);
  });
}
