/**
 * MARAC areas' keys (issue 17 item 1). An area key is an ECDH P-256 key pair per MARAC area, like the
 * team manager key: its public half is here, its private half only wrapped to each approved
 * coordinator device of the area. A team's device sends a referral by wrapping the referral's own key
 * (never a case key) to the area key of an area its team is linked to: from then on the area's
 * coordinators receive every version of that record (area-envelopes-service.ts).
 */
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import type { Queryable } from "./database";
import { checkPublicKey, decodeBase64 } from "./device-keys";
import { keyAccess, requireTeamMember, type WrappingOfKey } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

export function requireCoordinator(device: SignedInDevice): string {
  if (device.role !== "coordinator" || device.areaId === null) {
    throw notAllowed("Only a MARAC coordinator's device can do that.");
  }
  return device.areaId;
}

function decodeWrapped(text: string, what: string): Buffer {
  const wrapped = decodeBase64(text, what);
  if (wrapped.length === 0 || wrapped.length > 1024) {
    throw new ApiError(400, "bad-wrapped-key", "A wrapped key must be between 1 and 1,024 bytes.");
  }
  return wrapped;
}

const b64 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString("base64") : null);

export interface AreaKey {
  areaId: string;
  name: string;
  keyId: string | null;
  publicKey: string | null;
  /** The private half wrapped to this coordinator device, or null. */
  wrapped: string | null;
}

/** GET /api/area/key: the coordinator's area, its key, and its wrapping to this device. */
export async function getAreaKey(context: ServerContext, device: SignedInDevice): Promise<AreaKey> {
  const areaId = requireCoordinator(device);
  const [row] = await context.db.query<{
    name: string;
    area_key_id: string | null;
    area_public_key: Uint8Array | null;
    wrapped: Uint8Array | null;
  }>(
    `SELECT a.name, a.area_key_id, a.area_public_key, w.wrapped FROM areas a
     LEFT JOIN area_key_wraps w ON w.key_id = a.area_key_id AND w.recipient_device_id = $2
     WHERE a.id = $1`,
    [areaId, device.deviceId],
  );
  return {
    areaId,
    name: row?.name ?? "",
    keyId: row?.area_key_id ?? null,
    publicKey: b64(row?.area_public_key),
    wrapped: b64(row?.wrapped),
  };
}

/** PUT /api/area/key: the area's first coordinator device makes the area key, once; it is never replaced. */
export async function setAreaKey(
  context: ServerContext,
  device: SignedInDevice,
  request: { keyId: string; publicKey: string; wrapped: string },
): Promise<AreaKey> {
  const areaId = requireCoordinator(device);
  const publicKey = decodeBase64(request.publicKey, "area public key");
  await checkPublicKey(publicKey, "ecdh");
  const wrapped = decodeWrapped(request.wrapped, "wrapped area key");
  const now = context.now();
  await context.db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE areas SET area_key_id = $2, area_public_key = $3 WHERE id = $1 AND area_key_id IS NULL RETURNING id`,
      [areaId, request.keyId, publicKey],
    );
    if (updated.length === 0) {
      throw new ApiError(409, "area-key-exists", "This MARAC area already has its key; it is never replaced.");
    }
    await tx.query(
      `INSERT INTO area_key_wraps (area_id, key_id, recipient_device_id, wrapped, wrapped_by, created_at)
       VALUES ($1, $2, $3, $4, $3, $5)`,
      [areaId, request.keyId, device.deviceId, wrapped, now],
    );
  });
  return getAreaKey(context, device);
}

/**
 * Approving a coordinator device (within the approval's transaction): once the area has its key, the
 * approving coordinator must give it to the new device (the approval's `managerKeyWrapped`), or the new
 * device could read no referral.
 */
export async function wrapAreaKeyOnApproval(
  tx: Queryable,
  approver: SignedInDevice,
  target: { id: string; area_id: string | null },
  wrappedText: string | undefined,
  now: Date,
): Promise<void> {
  const [area] = await tx.query<{ area_key_id: string | null }>("SELECT area_key_id FROM areas WHERE id = $1", [
    target.area_id,
  ]);
  if (!area?.area_key_id) {
    if (wrappedText !== undefined) throw new ApiError(409, "no-area-key", "This MARAC area has no key yet.");
    return; // The area's first coordinator device makes it.
  }
  if (wrappedText === undefined) {
    throw new ApiError(
      400,
      "area-key-missing",
      "A coordinator's device must be given the area key when it is approved, or it could read no referral.",
    );
  }
  await tx.query(
    `INSERT INTO area_key_wraps (area_id, key_id, recipient_device_id, wrapped, wrapped_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      target.area_id,
      area.area_key_id,
      target.id,
      decodeWrapped(wrappedText, "wrapped area key"),
      approver.deviceId,
      now,
    ],
  );
}

export interface LinkedArea {
  areaId: string;
  name: string;
  keyId: string;
  publicKey: string;
}

/** GET /api/marac/areas: the areas the device's team is linked to that can receive referrals (a key is set up). */
export async function linkedAreas(context: ServerContext, device: SignedInDevice): Promise<LinkedArea[]> {
  const teamId = requireTeamMember(device);
  const rows = await context.db.query<{ id: string; name: string; area_key_id: string; area_public_key: Uint8Array }>(
    `SELECT a.id, a.name, a.area_key_id, a.area_public_key FROM team_areas l JOIN areas a ON a.id = l.area_id
     WHERE l.team_id = $1 AND a.area_key_id IS NOT NULL ORDER BY a.name, a.id`,
    [teamId],
  );
  return rows.map((row) => ({
    areaId: row.id,
    name: row.name,
    keyId: row.area_key_id,
    publicKey: b64(row.area_public_key)!,
  }));
}

/**
 * PUT /api/marac/keys/:keyId: a referral's key wrapped to an area's key — the send itself. Only a device
 * of the team that can read the key (it was first wrapped to its author device and the team manager
 * key), only to an area the team is linked to that has its key, never replaced. The versions stored
 * under it are audited as sends (migration 007's trigger).
 */
export async function putAreaWrap(
  context: ServerContext,
  device: SignedInDevice,
  request: { keyId: string; areaId: string; wrapped: string },
): Promise<{ stored: boolean }> {
  const teamId = requireTeamMember(device);
  const wrapped = decodeWrapped(request.wrapped, "wrapped referral key");
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const wrappings = await tx.query<WrappingOfKey>(
      "SELECT team_id, recipient_device_id, kind FROM wrapped_keys WHERE key_id = $1",
      [request.keyId],
    );
    const access = keyAccess(wrappings, device);
    if (!access.exists || !access.readable || !access.sharedWithManagers) {
      throw notAllowed("Store the referral's key for this device and the team manager key before sending it.");
    }
    const [area] = await tx.query<{ area_key_id: string | null; linked: boolean }>(
      `SELECT a.area_key_id, EXISTS (SELECT 1 FROM team_areas l WHERE l.team_id = $2 AND l.area_id = a.id) AS linked
       FROM areas a WHERE a.id = $1`,
      [request.areaId, teamId],
    );
    if (!area || !area.linked) {
      throw new ApiError(403, "area-not-linked", "Your team is not linked to that MARAC area.");
    }
    if (!area.area_key_id) {
      throw new ApiError(409, "no-area-key", "That MARAC area's coordinator has not finished setting it up yet.");
    }
    const [existing] = await tx.query<{ wrapped: Uint8Array; team_id: string }>(
      "SELECT wrapped, team_id FROM area_wrapped_keys WHERE key_id = $1 AND area_id = $2",
      [request.keyId, request.areaId],
    );
    if (existing) {
      if (existing.team_id !== teamId) throw wrongTeam();
      if (Buffer.compare(Buffer.from(existing.wrapped), wrapped) !== 0) {
        throw new ApiError(
          409,
          "key-already-wrapped",
          "That key is already wrapped for that area; it is never replaced.",
        );
      }
      return { stored: false };
    }
    await tx.query(
      `INSERT INTO area_wrapped_keys (key_id, area_id, team_id, wrapped, wrapped_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [request.keyId, request.areaId, teamId, wrapped, device.deviceId, now],
    );
    return { stored: true };
  });
}

/**
 * GET /api/area/keys/:keyId: a referral key's wrapping to the coordinator's own area, by its id. A
 * coordinator whose status was refused as "key-rotated" (the referral's key was replaced after its
 * sender's device was removed) reads the new key here rather than wait for a version under it (decisions
 * §40). Only what was wrapped to this area: anything else is "not found", as it is for a key that never was.
 */
export async function getAreaWrap(
  context: ServerContext,
  device: SignedInDevice,
  keyId: string,
): Promise<{ keyId: string; teamId: string; wrapped: string }> {
  const areaId = requireCoordinator(device);
  const [row] = await context.db.query<{ team_id: string; wrapped: Uint8Array }>(
    "SELECT team_id, wrapped FROM area_wrapped_keys WHERE key_id = $1 AND area_id = $2",
    [keyId, areaId],
  );
  if (!row) throw new ApiError(404, "unknown-key", "That key is not wrapped to your MARAC area.");
  return { keyId, teamId: row.team_id, wrapped: Buffer.from(row.wrapped).toString("base64") };
}
