/**
 * Key rotation after a device is removed (issue 17 item 3, migration 006). A manager's device asks which
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
}

export interface RotationRequest {
  oldKeyId: string;
  newKeyId: string;
  /** caseKeyCommitment of the new key, base64 (32 bytes). */
  commitment: string;
  /** The rotating device's signature over keyRotationSigningInput, base64 (64 bytes). */
  signature: string;
  wraps: CaseKeyWrap[];
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

/**
 * The case keys the removed device could read and that have not been replaced yet: those wrapped to it,
 * or — a manager's device, which held the team manager key — every case key of the team. With each, the
 * remaining approved devices that hold it, so the new key goes to them too and to no one else.
 */
export async function readableKeys(
  context: ServerContext,
  device: SignedInDevice,
  revokedDeviceId: string,
): Promise<{ role: string; keys: ReadableKey[] }> {
  const teamId = requireManager(device);
  const target = await revokedTarget(context.db, teamId, revokedDeviceId);
  const rows = await context.db.query<{ key_id: string; holders: string[] }>(
    `SELECT k.key_id,
       coalesce(json_agg(w.recipient_device_id ORDER BY w.recipient_device_id)
         FILTER (WHERE d.status = 'approved'), '[]'::json) AS holders
     FROM (SELECT DISTINCT key_id FROM wrapped_keys
           WHERE team_id = $1 AND kind = 'case' AND ($3 OR recipient_device_id = $2)) k
     LEFT JOIN wrapped_keys w ON w.key_id = k.key_id AND w.recipient_device_id IS NOT NULL
     LEFT JOIN devices d ON d.id = w.recipient_device_id
     WHERE NOT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = k.key_id)
     GROUP BY k.key_id ORDER BY k.key_id`,
    [teamId, target.id, target.role === "manager"],
  );
  return { role: target.role, keys: rows.map((row) => ({ keyId: row.key_id, holders: row.holders })) };
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
  const exposed = target.role === "manager" || old.some((row) => row.recipient_device_id === target.id);
  if (!exposed) {
    throw new ApiError(409, "key-not-exposed", "The removed device never held that key; it keeps its key.");
  }
  const [taken] = await tx.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 LIMIT 1", [rotation.newKeyId]);
  if (taken) throw new ApiError(409, "key-exists", "The new key's id is already in use.");
  const holders = new Set(old.flatMap((row) => (row.recipient_device_id === null ? [] : [row.recipient_device_id])));
  const recipients = new Set<string>();
  for (const wrap of rotation.wraps) {
    if (recipients.has(wrap.recipient)) throw new ApiError(400, "duplicate-recipient", "One wrapping per recipient.");
    recipients.add(wrap.recipient);
    const recipient = wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient;
    // Only to those who could read the old key: a rotation never widens who can read a case.
    if (recipient !== null && !holders.has(recipient)) {
      throw new ApiError(409, "recipient-did-not-hold-key", "A new key goes only to devices that held the old one.");
    }
    await checkRecipient(tx, device.teamId, recipient);
  }
  if (!recipients.has(MANAGER_KEY_RECIPIENT)) {
    throw new ApiError(409, "key-not-shared", "The new key must be wrapped to the team manager key.");
  }
  for (const wrap of rotation.wraps) {
    await tx.query(
      `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
       VALUES ($1, $2, 'case', $3, $4, $5, $6)`,
      [
        device.teamId,
        rotation.newKeyId,
        wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient,
        decodeWrapped(wrap.wrapped),
        device.deviceId,
        now,
      ],
    );
  }
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
