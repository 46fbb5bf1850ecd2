/**
 * Wrapped keys. The server never sees a key in clear: a case key is stored wrapped to a device's ECDH
 * public key or to the team manager key; the team manager key's private half is stored wrapped to each
 * manager device. What a device may read, the server also checks (`readableKey`), so access is enforced
 * twice: by the server and by the keys a device can unwrap.
 */
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import { recordAudit } from "./audit-service";
import type { Queryable } from "./database";
import { checkPublicKey, decodeBase64 } from "./device-keys";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

/** "manager-key" as a recipient: the case key wrapped to the team manager key. */
export const MANAGER_KEY_RECIPIENT = "manager-key";

export function requireTeamMember(device: SignedInDevice): string {
  if (device.teamId === null) throw notAllowed("Only a team's practitioners and managers can do that.");
  return device.teamId;
}

function decodeWrapped(text: string): Buffer {
  const wrapped = decodeBase64(text, "wrapped key");
  if (wrapped.length === 0 || wrapped.length > 1024) {
    throw new ApiError(400, "bad-wrapped-key", "A wrapped key must be between 1 and 1,024 bytes.");
  }
  return wrapped;
}

export interface ManagerKey {
  keyId: string | null;
  publicKey: string | null;
  /** The private half wrapped to this device: manager devices only. */
  wrapped: string | null;
}

export async function getManagerKey(context: ServerContext, device: SignedInDevice): Promise<ManagerKey> {
  const teamId = requireTeamMember(device);
  const [row] = await context.db.query<{
    manager_key_id: string | null;
    manager_public_key: Uint8Array | null;
    wrapped: Uint8Array | null;
  }>(
    `SELECT t.manager_key_id, t.manager_public_key, w.wrapped FROM teams t
     LEFT JOIN wrapped_keys w ON w.key_id = t.manager_key_id AND w.recipient_device_id = $2
     WHERE t.id = $1`,
    [teamId, device.deviceId],
  );
  return {
    keyId: row?.manager_key_id ?? null,
    publicKey: row?.manager_public_key ? Buffer.from(row.manager_public_key).toString("base64") : null,
    wrapped: row?.wrapped ? Buffer.from(row.wrapped).toString("base64") : null,
  };
}

/** The first manager device makes the team manager key once; after that it only travels wrapped. */
export async function setManagerKey(
  context: ServerContext,
  device: SignedInDevice,
  request: { keyId: string; publicKey: string; wrapped: string },
): Promise<ManagerKey> {
  const teamId = requireTeamMember(device);
  if (device.role !== "manager") throw notAllowed("Only a manager device can set up the team manager key.");
  const publicKey = decodeBase64(request.publicKey, "manager public key");
  await checkPublicKey(publicKey, "ecdh");
  const wrapped = decodeWrapped(request.wrapped);
  const now = context.now();
  await context.db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE teams SET manager_key_id = $2, manager_public_key = $3 WHERE id = $1 AND manager_key_id IS NULL RETURNING id`,
      [teamId, request.keyId, publicKey],
    );
    if (updated.length === 0) {
      throw new ApiError(409, "manager-key-exists", "This team already has a manager key; it is never replaced.");
    }
    await tx.query(
      `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
       VALUES ($1, $2, 'manager', $3, $4, $3, $5)`,
      [teamId, request.keyId, device.deviceId, wrapped, now],
    );
  });
  return { keyId: request.keyId, publicKey: request.publicKey, wrapped: request.wrapped };
}

/** One stored wrapping of a key, as far as access to it goes. */
export interface WrappingOfKey {
  team_id: string;
  recipient_device_id: string | null;
  kind: string;
}

export interface KeyAccess {
  exists: boolean;
  readable: boolean;
  sharedWithManagers: boolean;
}

/**
 * Whether the device holds a wrapping of a case key, from all the key's stored wrappings: its own, or
 * (a manager) the manager key's. Throws wrong-team if the key belongs to another team.
 */
export function keyAccess(wrappings: readonly WrappingOfKey[], device: SignedInDevice): KeyAccess {
  if (wrappings.some((row) => row.team_id !== device.teamId || row.kind !== "case")) throw wrongTeam();
  const toManagers = wrappings.some((row) => row.recipient_device_id === null);
  const toDevice = wrappings.some((row) => row.recipient_device_id === device.deviceId);
  return {
    exists: wrappings.length > 0,
    readable: toDevice || (device.role === "manager" && toManagers),
    sharedWithManagers: toManagers,
  };
}

/** keyAccess for a key read now. */
export async function readableKey(tx: Queryable, device: SignedInDevice, keyId: string): Promise<KeyAccess> {
  const rows = await tx.query<WrappingOfKey>(
    "SELECT team_id, recipient_device_id, kind FROM wrapped_keys WHERE key_id = $1",
    [keyId],
  );
  return keyAccess(rows, device);
}

export interface CaseKeyWrap {
  /** A device id of the team, or "manager-key". */
  recipient: string;
  wrapped: string;
  /**
   * For "manager-key": the team key the device sealed it to (its pinned key). Refused unless it is the
   * team's current key (a device that has not learnt a new team key must not wrap to the old one, which a
   * removed manager's device holds). Absent: taken as the current key.
   */
  managerKeyId?: string;
}

/**
 * Stores wrappings of a case key. A new key is claimed by the device that first wraps it; after that
 * only a device that can read it may wrap it to others. A stored wrapping is never replaced (a server
 * that let it be could be made to hand out garbage); sending the same one again is a no-op.
 */
export async function putCaseKey(
  context: ServerContext,
  device: SignedInDevice,
  request: { keyId: string; wraps: CaseKeyWrap[] },
): Promise<{ stored: number }> {
  const teamId = requireTeamMember(device);
  const wraps = request.wraps.map((wrap) => ({ ...wrap, wrapped: decodeWrapped(wrap.wrapped) }));
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const access = await readableKey(tx, device, request.keyId);
    if (access.exists && !access.readable) {
      throw notAllowed("This device holds no key for that case, so it cannot share it.");
    }
    let stored = 0;
    for (const wrap of wraps) {
      const recipient = wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient;
      const managerKeyId = await checkRecipient(tx, teamId, recipient, wrap.managerKeyId);
      const [existing] = await tx.query<{ wrapped: Uint8Array }>(
        `SELECT wrapped FROM wrapped_keys WHERE key_id = $1 AND recipient_device_id IS NOT DISTINCT FROM $2`,
        [request.keyId, recipient],
      );
      if (existing) {
        if (Buffer.compare(Buffer.from(existing.wrapped), wrap.wrapped) !== 0) {
          throw new ApiError(
            409,
            "key-already-wrapped",
            "That key is already wrapped for that recipient; it is never replaced.",
          );
        }
        continue;
      }
      await tx.query(
        `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at, manager_key_id)
         VALUES ($1, $2, 'case', $3, $4, $5, $6, $7)`,
        [teamId, request.keyId, recipient, wrap.wrapped, device.deviceId, now, managerKeyId],
      );
      // One row per wrapping stored (a repeat of a stored one stores nothing, so records nothing).
      await recordAudit(tx, {
        unit: device,
        at: now,
        action: "share-key",
        actorDeviceId: device.deviceId,
        subjectDeviceId: recipient,
        subjectKeyId: request.keyId,
      });
      stored += 1;
    }
    return { stored };
  });
}

/**
 * Checks a wrapping's recipient: an approved device of the team, or (null) the team manager key — then
 * returns the team's current key id, refusing a wrapping the device says it sealed to another
 * ("manager-key-rotated": the team key was replaced, migration 009).
 */
export async function checkRecipient(
  tx: Queryable,
  teamId: string,
  recipient: string | null,
  claimedManagerKeyId?: string,
): Promise<string | null> {
  if (recipient === null) {
    const [team] = await tx.query<{ manager_key_id: string | null }>("SELECT manager_key_id FROM teams WHERE id = $1", [
      teamId,
    ]);
    if (!team?.manager_key_id) {
      throw new ApiError(409, "no-manager-key", "Your team's manager has not finished setting up the team yet.");
    }
    if (claimedManagerKeyId !== undefined && claimedManagerKeyId !== team.manager_key_id) {
      throw new ApiError(
        409,
        "manager-key-rotated",
        "The team key has been replaced: learn the new one and wrap to it.",
        {
          managerKeyId: team.manager_key_id,
        },
      );
    }
    return team.manager_key_id;
  }
  const [target] = await tx.query<{ team_id: string | null; status: string }>(
    "SELECT team_id, status FROM devices WHERE id = $1",
    [recipient],
  );
  if (!target) throw new ApiError(404, "unknown-device", "There is no such device.");
  if (target.team_id !== teamId) throw wrongTeam();
  if (target.status !== "approved") {
    throw new ApiError(409, "recipient-not-approved", "A key can only be given to an approved device.");
  }
  return null;
}
