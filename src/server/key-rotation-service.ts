/**
 * Key rotation after a device is removed (issue 17 item 3, migrations 006 and 008). A manager's device asks which
 * case keys the removed device could read (`readableKeys`), makes a fresh key for each, wraps it to the
 * team manager key and to the remaining devices that held the old one, signs each rotation, and posts
 * them in batches (`rotateKeys`, one transaction per batch, each rotation audited). From then on a push
 * under the old key is refused ("key-rotated", envelope-push.ts) and devices learn the new key
 * (`listRotations`). Old envelopes stay readable under their old keys; nothing is re-encrypted.
 */
import { keyRotationSigningInput } from "../domain/team-sync/key-rotation";
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import { recordAudit } from "./audit-service";
import type { Queryable } from "./database";
import { decodeBase64, signatureIsValid } from "./device-keys";
import { checkRecipient, MANAGER_KEY_RECIPIENT, requireTeamMember, type CaseKeyWrap } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

/** The most rotations one request may carry (one transaction each batch). */
export const ROTATION_BATCH_MAX = 100;
export const ROTATION_PAGE_MAX = 500;

export interface ReadableKey {
  keyId: string;
  /** The remaining approved devices holding a wrapping of it (the manager key aside). */
  holders: string[];
  /** The MARAC areas it was sent to (a referral's key): the new key goes to each of them too. */
  areas: string[];
}

export interface RotationRequest {
  oldKeyId: string;
  newKeyId: string;
  /** caseKeyCommitment of the new key, base64 (32 bytes). */
  commitment: string;
  /** The rotating device's signature over keyRotationSigningInput, base64 (64 bytes). */
  signature: string;
  wraps: CaseKeyWrap[];
  /** A referral's new key wrapped to each area the old key was sent to (and to no other). */
  areaWraps?: { areaId: string; wrapped: string }[];
}

interface TargetRow {
  id: string;
  team_id: string | null;
  role: string;
  status: string;
}

function requireManager(device: SignedInDevice): string {
  const teamId = requireTeamMember(device);
  if (device.role !== "manager") throw notAllowed("Only a manager's device can give cases new keys.");
  return teamId;
}

/** The removed device the rotation is for: of the manager's team, and removed. */
async function revokedTarget(db: Queryable, teamId: string, deviceId: string): Promise<TargetRow> {
  const [target] = await db.query<TargetRow>("SELECT id, team_id, role, status FROM devices WHERE id = $1", [deviceId]);
  if (!target) throw new ApiError(404, "unknown-device", "There is no such device.");
  if (target.team_id !== teamId) throw wrongTeam();
  if (target.status !== "revoked") {
    throw new ApiError(409, "not-revoked", "Cases get new keys only after a device has been removed.");
  }
  return target;
}

// The case keys a removed device could open: wrapped to it, or wrapped to a team key it held (a manager's
// device; migration 009 records which team key each such wrapping was sealed to). $1 the key, $2 the device.
const EXPOSED_TO_DEVICE_SQL = `
  EXISTS (SELECT 1 FROM wrapped_keys x WHERE x.key_id = $1 AND x.recipient_device_id = $2)
  OR EXISTS (SELECT 1 FROM wrapped_keys x JOIN wrapped_keys m ON m.key_id = x.manager_key_id AND m.kind = 'manager'
             WHERE x.key_id = $1 AND x.recipient_device_id IS NULL AND m.recipient_device_id = $2)`;

/**
 * The case keys the removed device could read and that have not been replaced yet: those wrapped to it,
 * or — a manager's device — every case key wrapped to a team key it held. With each, the remaining
 * approved devices that hold it and the MARAC areas it was sent to, so the new key goes to them too and
 * to no one else. `teamKeyHeld`: the removed device holds the team's current key, which must be replaced
 * first (team-key-rotation-service.ts), or the new keys' wrappings to it would be readable by the device.
 */
export async function readableKeys(
  context: ServerContext,
  device: SignedInDevice,
  revokedDeviceId: string,
): Promise<{ role: string; teamKeyHeld: boolean; keys: ReadableKey[] }> {
  const teamId = requireManager(device);
  const target = await revokedTarget(context.db, teamId, revokedDeviceId);
  const rows = await context.db.query<{ key_id: string; holders: string[]; areas: string[] }>(
    `SELECT k.key_id,
       coalesce(json_agg(DISTINCT w.recipient_device_id) FILTER (WHERE d.status = 'approved'), '[]'::json) AS holders,
       coalesce((SELECT json_agg(a.area_id ORDER BY a.area_id) FROM area_wrapped_keys a WHERE a.key_id = k.key_id),
         '[]'::json) AS areas
     FROM (SELECT DISTINCT x.key_id FROM wrapped_keys x
           WHERE x.team_id = $1 AND x.kind = 'case' AND (x.recipient_device_id = $2
             OR (x.recipient_device_id IS NULL AND x.manager_key_id IN (
               SELECT m.key_id FROM wrapped_keys m WHERE m.kind = 'manager' AND m.recipient_device_id = $2)))) k
     LEFT JOIN wrapped_keys w ON w.key_id = k.key_id AND w.recipient_device_id IS NOT NULL
     LEFT JOIN devices d ON d.id = w.recipient_device_id
     WHERE NOT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = k.key_id)
     GROUP BY k.key_id ORDER BY k.key_id`,
    [teamId, target.id],
  );
  const teamKeyHeld = target.role === "manager" && (await targetHoldsCurrentTeamKey(context.db, teamId, target.id));
  return {
    role: target.role,
    teamKeyHeld,
    keys: rows.map((row) => ({ keyId: row.key_id, holders: [...row.holders].sort(), areas: row.areas })),
  };
}

async function targetHoldsCurrentTeamKey(db: Queryable, teamId: string, deviceId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT 1 FROM teams t JOIN wrapped_keys m ON m.key_id = t.manager_key_id AND m.kind = 'manager'
     WHERE t.id = $1 AND m.recipient_device_id = $2`,
    [teamId, deviceId],
  );
  return row !== undefined;
}

interface OldKeyRow {
  team_id: string;
  kind: string;
  recipient_device_id: string | null;
}

async function rotateOne(
  tx: Queryable,
  device: SignedInDevice & { teamId: string },
  ecdsaPublicKey: Uint8Array,
  target: TargetRow,
  rotation: RotationRequest,
  now: Date,
): Promise<boolean> {
  const commitment = decodeBase64(rotation.commitment, "commitment");
  const signature = decodeBase64(rotation.signature, "signature");
  if (commitment.length !== 32) throw new ApiError(400, "bad-commitment", "A key commitment is 32 bytes.");
  if (rotation.oldKeyId === rotation.newKeyId) throw new ApiError(400, "same-key", "A key is replaced by another.");
  const signed = keyRotationSigningInput(
    { teamId: device.teamId, oldKeyId: rotation.oldKeyId, newKeyId: rotation.newKeyId },
    commitment,
  );
  if (!signatureIsValid(ecdsaPublicKey, signature, signed)) {
    throw new ApiError(400, "bad-signature", "The rotation's signature does not match it and this device's key.");
  }
  const [done] = await tx.query<{ new_key_id: string }>("SELECT new_key_id FROM key_rotations WHERE old_key_id = $1", [
    rotation.oldKeyId,
  ]);
  if (done) {
    // The same rotation again (its answer was lost): already stored, nothing more to do.
    if (done.new_key_id === rotation.newKeyId) return false;
    throw new ApiError(409, "key-already-rotated", "That key has already been replaced.", {
      newKeyId: done.new_key_id,
    });
  }
  const old = await tx.query<OldKeyRow>(
    "SELECT team_id, kind, recipient_device_id FROM wrapped_keys WHERE key_id = $1",
    [rotation.oldKeyId],
  );
  if (old.length === 0) throw new ApiError(404, "unknown-key", "There is no such case key.");
  if (old.some((row) => row.team_id !== device.teamId || row.kind !== "case")) throw wrongTeam();
  const [exposed] = await tx.query(`SELECT 1 WHERE ${EXPOSED_TO_DEVICE_SQL}`, [rotation.oldKeyId, target.id]);
  if (!exposed) {
    throw new ApiError(409, "key-not-exposed", "The removed device never held that key; it keeps its key.");
  }
  const [taken] = await tx.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 LIMIT 1", [rotation.newKeyId]);
  if (taken) throw new ApiError(409, "key-exists", "The new key's id is already in use.");
  const holders = new Set(old.flatMap((row) => (row.recipient_device_id === null ? [] : [row.recipient_device_id])));
  const recipients = new Set<string>();
  const managerKeyIds = new Map<string, string | null>();
  for (const wrap of rotation.wraps) {
    if (recipients.has(wrap.recipient)) throw new ApiError(400, "duplicate-recipient", "One wrapping per recipient.");
    recipients.add(wrap.recipient);
    const recipient = wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient;
    // Only to those who could read the old key: a rotation never widens who can read a case.
    if (recipient !== null && !holders.has(recipient)) {
      throw new ApiError(409, "recipient-did-not-hold-key", "A new key goes only to devices that held the old one.");
    }
    managerKeyIds.set(wrap.recipient, await checkRecipient(tx, device.teamId, recipient, wrap.managerKeyId));
  }
  if (!recipients.has(MANAGER_KEY_RECIPIENT)) {
    throw new ApiError(409, "key-not-shared", "The new key must be wrapped to the team manager key.");
  }
  for (const wrap of rotation.wraps) {
    await tx.query(
      `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at, manager_key_id)
       VALUES ($1, $2, 'case', $3, $4, $5, $6, $7)`,
      [
        device.teamId,
        rotation.newKeyId,
        wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient,
        decodeWrapped(wrap.wrapped),
        device.deviceId,
        now,
        managerKeyIds.get(wrap.recipient) ?? null,
      ],
    );
  }
  await rotateAreaWraps(tx, device, rotation, now);
  await tx.query(
    `INSERT INTO key_rotations (team_id, old_key_id, new_key_id, revoked_device_id, rotated_by, commitment, signature, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [device.teamId, rotation.oldKeyId, rotation.newKeyId, target.id, device.deviceId, commitment, signature, now],
  );
  await recordAudit(tx, {
    unit: device,
    at: now,
    action: "rotate-key",
    actorDeviceId: device.deviceId,
    subjectDeviceId: target.id,
    subjectKeyId: rotation.oldKeyId,
  });
  return true;
}

/**
 * A referral's key was sent to MARAC areas (area_wrapped_keys): the new key goes to exactly those areas,
 * so their coordinators keep reading the referral's later versions (corrections) and writing its status.
 */
async function rotateAreaWraps(
  tx: Queryable,
  device: SignedInDevice & { teamId: string },
  rotation: RotationRequest,
  now: Date,
): Promise<void> {
  const sentTo = await tx.query<{ area_id: string }>("SELECT area_id FROM area_wrapped_keys WHERE key_id = $1", [
    rotation.oldKeyId,
  ]);
  const given = new Map((rotation.areaWraps ?? []).map((wrap) => [wrap.areaId, wrap.wrapped]));
  if (given.size !== (rotation.areaWraps ?? []).length) {
    throw new ApiError(400, "duplicate-recipient", "One wrapping per area.");
  }
  const areas = new Set(sentTo.map((row) => row.area_id));
  if ([...given.keys()].some((areaId) => !areas.has(areaId))) {
    throw new ApiError(409, "area-did-not-hold-key", "A new key goes only to the MARAC areas the old one was sent to.");
  }
  if ([...areas].some((areaId) => !given.has(areaId))) {
    throw new ApiError(409, "area-not-wrapped", "The new key must go to every MARAC area the old one was sent to.");
  }
  for (const [areaId, wrapped] of given) {
    await tx.query(
      `INSERT INTO area_wrapped_keys (key_id, area_id, team_id, wrapped, wrapped_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [rotation.newKeyId, areaId, device.teamId, decodeWrapped(wrapped), device.deviceId, now],
    );
  }
}

function decodeWrapped(text: string): Buffer {
  const wrapped = decodeBase64(text, "wrapped key");
  if (wrapped.length === 0 || wrapped.length > 1024) {
    throw new ApiError(400, "bad-wrapped-key", "A wrapped key must be between 1 and 1,024 bytes.");
  }
  return wrapped;
}

/** Stores a batch of rotations for one removed device, all or none. */
export async function rotateKeys(
  context: ServerContext,
  device: SignedInDevice,
  request: { revokedDeviceId: string; rotations: RotationRequest[] },
): Promise<{ rotated: number }> {
  const teamId = requireManager(device);
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const target = await revokedTarget(tx, teamId, request.revokedDeviceId);
    if (target.role === "manager" && (await targetHoldsCurrentTeamKey(tx, teamId, target.id))) {
      // Its wrapping to the team key would be readable by the removed device: the team key goes first.
      throw new ApiError(409, "team-key-not-rotated", "Change the team key before giving the cases new keys.");
    }
    const [own] = await tx.query<{ ecdsa_public_key: Uint8Array }>(
      "SELECT ecdsa_public_key FROM devices WHERE id = $1",
      [device.deviceId],
    );
    let rotated = 0;
    for (const rotation of request.rotations) {
      if (await rotateOne(tx, { ...device, teamId }, own!.ecdsa_public_key, target, rotation, now)) rotated += 1;
    }
    return { rotated };
  });
}

export interface ListedRotation {
  id: number;
  oldKeyId: string;
  newKeyId: string;
  rotatedBy: string;
  commitment: string;
  signature: string;
  /** The new key wrapped to this device, or (a manager's device) to the team manager key. */
  wrappedKey: string;
  wrappedTo: "device" | "manager-key";
}

/** Rotations after `after` whose new key this device holds a wrapping of, oldest first. */
export async function listRotations(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<{ rotations: ListedRotation[]; cursor: number; more: boolean }> {
  const teamId = requireTeamMember(device);
  const limit = Math.min(request.limit, ROTATION_PAGE_MAX);
  const rows = await context.db.query<{
    id: number;
    old_key_id: string;
    new_key_id: string;
    rotated_by: string;
    commitment: Uint8Array;
    signature: Uint8Array;
    own_wrap: Uint8Array | null;
    manager_wrap: Uint8Array | null;
  }>(
    `SELECT r.id, r.old_key_id, r.new_key_id, r.rotated_by, r.commitment, r.signature,
            own.wrapped AS own_wrap, mgr.wrapped AS manager_wrap
     FROM key_rotations r
     LEFT JOIN wrapped_keys own ON own.key_id = r.new_key_id AND own.recipient_device_id = $2
     LEFT JOIN wrapped_keys mgr ON $3 AND mgr.key_id = r.new_key_id AND mgr.recipient_device_id IS NULL
     WHERE r.team_id = $1 AND r.id > $4 AND (own.wrapped IS NOT NULL OR mgr.wrapped IS NOT NULL)
     ORDER BY r.id LIMIT $5`,
    [teamId, device.deviceId, device.role === "manager", request.after, limit],
  );
  const full = rows.length === limit;
  // Past the rows this device cannot read too: the cursor is the team's latest rotation when the page is not full.
  const [latest] = full
    ? [{ id: rows.at(-1)!.id }]
    : await context.db.query<{ id: number }>(
        "SELECT coalesce(max(id), 0)::bigint AS id FROM key_rotations WHERE team_id = $1",
        [teamId],
      );
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    rotations: rows.map((row) => ({
      id: Number(row.id),
      oldKeyId: row.old_key_id,
      newKeyId: row.new_key_id,
      rotatedBy: row.rotated_by,
      commitment: b64(row.commitment),
      signature: b64(row.signature),
      wrappedKey: b64((row.own_wrap ?? row.manager_wrap)!),
      wrappedTo: row.own_wrap ? "device" : "manager-key",
    })),
    cursor: Math.max(request.after, Number(latest?.id ?? 0)),
    more: full,
  };
}

/** The newest key a key was rotated to (itself when never rotated), following a chain of rotations. */
export async function newestKeyId(db: Queryable, keyId: string): Promise<string> {
  const [row] = await db.query<{ key_id: string }>(
    `WITH RECURSIVE chain (key_id, depth) AS (
       SELECT $1::uuid, 0
       UNION ALL
       SELECT r.new_key_id, c.depth + 1 FROM key_rotations r JOIN chain c ON r.old_key_id = c.key_id WHERE c.depth < 100)
     SELECT key_id FROM chain ORDER BY depth DESC LIMIT 1`,
    [keyId],
  );
  return row!.key_id;
}
