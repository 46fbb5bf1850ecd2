/**
 * Replacing the team manager key after a manager's device is removed (issue 17 item 3, migration 009,
 * docs/decisions.md §34). The removed device held the team key, so the acting manager's device makes a
 * new key pair, wraps its private half to every remaining approved manager device (never the removed
 * one) and posts it with its signature over the statement (teamKeyRotationSigningInput). The server
 * checks the statement continues from the team's current key at the next sequence number, that the
 * signer is this approved manager device, and that the wrappings go to exactly the team's approved
 * manager devices; then the team's key is the new one, in one transaction with the audit row. Devices
 * learn it from the pull page's `managerKeyId` and `listTeamKeyRotations`, and re-pin only on a signed
 * chain (domain/team-sync/team-key-rotation.ts). The case keys the removed device could open are then
 * rotated as for any removed device (key-rotation-service.ts), wrapped to the new team key.
 */
import {
  teamKeyRotationSigningInput,
  type TeamKeyRotationNotice,
  type TeamKeyRotationRequest,
} from "../domain/team-sync/team-key-rotation";
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import { recordAudit } from "./audit-service";
import type { Queryable } from "./database";
import { checkPublicKey, decodeBase64, signatureIsValid } from "./device-keys";
import { checkRecipient, requireTeamMember } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

export type { TeamKeyRotationRequest };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

function decodeWrapped(text: string, what: string): Buffer {
  const wrapped = decodeBase64(text, what);
  if (wrapped.length === 0 || wrapped.length > 1024) {
    throw new ApiError(400, "bad-wrapped-key", `The ${what} must be between 1 and 1,024 bytes.`);
  }
  return wrapped;
}

/** The team's current key and the number of rotations so far, the team row locked for the transaction. */
async function lockedTeamKey(tx: Queryable, teamId: string) {
  const [team] = await tx.query<{ manager_key_id: string | null; manager_public_key: Uint8Array | null }>(
    "SELECT manager_key_id, manager_public_key FROM teams WHERE id = $1 FOR UPDATE",
    [teamId],
  );
  const [latest] = await tx.query<{ sequence: number }>(
    "SELECT coalesce(max(sequence), 0)::int AS sequence FROM team_key_rotations WHERE team_id = $1",
    [teamId],
  );
  if (!team?.manager_key_id || !team.manager_public_key) {
    throw new ApiError(409, "no-manager-key", "Your team's manager has not finished setting up the team yet.");
  }
  return { keyId: team.manager_key_id, publicKey: team.manager_public_key, sequence: Number(latest?.sequence ?? 0) };
}

/** Whether a device holds a wrapping of the given team key. */
export async function holdsTeamKey(tx: Queryable, deviceId: string, teamKeyId: string): Promise<boolean> {
  const [row] = await tx.query(
    "SELECT 1 FROM wrapped_keys WHERE kind = 'manager' AND key_id = $1 AND recipient_device_id = $2",
    [teamKeyId, deviceId],
  );
  return row !== undefined;
}

/** Stores a new team key for a removed manager's device (or, sent again after a lost answer, nothing). */
export async function rotateTeamKey(
  context: ServerContext,
  device: SignedInDevice,
  request: TeamKeyRotationRequest,
): Promise<{ rotated: boolean; sequence: number }> {
  const teamId = requireTeamMember(device);
  if (device.role !== "manager") throw notAllowed("Only a manager's device can change the team key.");
  const newPublicKey = decodeBase64(request.newPublicKey, "new team key");
  await checkPublicKey(newPublicKey, "ecdh");
  const signature = decodeBase64(request.signature, "signature");
  const oldKeyWrapped = decodeWrapped(request.oldKeyWrapped, "old team key's wrapping");
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const [target] = await tx.query<{ team_id: string | null; role: string; status: string }>(
      "SELECT team_id, role, status FROM devices WHERE id = $1",
      [request.revokedDeviceId],
    );
    if (!target) throw new ApiError(404, "unknown-device", "There is no such device.");
    if (target.team_id !== teamId) throw wrongTeam();
    if (target.role !== "manager" || target.status !== "revoked") {
      throw new ApiError(
        409,
        "not-a-removed-manager",
        "The team key changes only after a manager's device is removed.",
      );
    }
    const [done] = await tx.query<{ sequence: number; signature: Uint8Array }>(
      "SELECT sequence, signature FROM team_key_rotations WHERE new_key_id = $1",
      [request.newKeyId],
    );
    if (done) {
      // The same rotation again (its answer was lost): already stored.
      if (Buffer.compare(Buffer.from(done.signature), signature) === 0)
        return { rotated: false, sequence: done.sequence };
      throw new ApiError(409, "key-exists", "The new key's id is already in use.");
    }
    const current = await lockedTeamKey(tx, teamId);
    if (request.oldKeyId !== current.keyId) {
      throw new ApiError(409, "team-key-changed", "The team key has changed since this device read it.", {
        managerKeyId: current.keyId,
      });
    }
    if (request.sequence !== current.sequence + 1) {
      throw new ApiError(409, "bad-sequence", "A team key rotation takes the next number.", {
        sequence: current.sequence + 1,
      });
    }
    if (!(await holdsTeamKey(tx, request.revokedDeviceId, current.keyId))) {
      throw new ApiError(409, "team-key-already-rotated", "The removed device never held the team's current key.");
    }
    if (Buffer.compare(newPublicKey, Buffer.from(current.publicKey)) === 0 || request.newKeyId === current.keyId) {
      throw new ApiError(400, "same-key", "A team key is replaced by another.");
    }
    const [own] = await tx.query<{ ecdsa_public_key: Uint8Array }>(
      "SELECT ecdsa_public_key FROM devices WHERE id = $1",
      [device.deviceId],
    );
    const signed = teamKeyRotationSigningInput({
      teamId,
      sequence: request.sequence,
      oldKeyId: current.keyId,
      oldPublicKey: b64(current.publicKey),
      newKeyId: request.newKeyId,
      newPublicKey: request.newPublicKey,
      revokedDeviceId: request.revokedDeviceId,
    });
    if (!signatureIsValid(own!.ecdsa_public_key, signature, signed)) {
      throw new ApiError(400, "bad-signature", "The rotation's signature does not match it and this device's key.");
    }
    await checkManagerRecipients(tx, teamId, request.wraps);
    const [taken] = await tx.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 LIMIT 1", [request.newKeyId]);
    if (taken) throw new ApiError(409, "key-exists", "The new key's id is already in use.");
    await tx.query("UPDATE teams SET manager_key_id = $2, manager_public_key = $3 WHERE id = $1", [
      teamId,
      request.newKeyId,
      newPublicKey,
    ]);
    for (const wrap of request.wraps) {
      await tx.query(
        `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
         VALUES ($1, $2, 'manager', $3, $4, $5, $6)`,
        [
          teamId,
          request.newKeyId,
          wrap.recipient,
          decodeWrapped(wrap.wrapped, "wrapped team key"),
          device.deviceId,
          now,
        ],
      );
    }
    await tx.query(
      `INSERT INTO team_key_rotations (team_id, sequence, old_key_id, new_key_id, old_public_key, new_public_key,
         old_key_wrapped, revoked_device_id, rotated_by, signature, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        teamId,
        request.sequence,
        current.keyId,
        request.newKeyId,
        current.publicKey,
        newPublicKey,
        oldKeyWrapped,
        request.revokedDeviceId,
        device.deviceId,
        signature,
        now,
      ],
    );
    await recordAudit(tx, {
      unit: device,
      at: now,
      action: "rotate-team-key",
      actorDeviceId: device.deviceId,
      subjectDeviceId: request.revokedDeviceId,
      subjectKeyId: current.keyId,
    });
    return { rotated: true, sequence: request.sequence };
  });
}

/**
 * The new team key goes to exactly the team's approved manager devices: never to a removed one (refused
 * as for any key), and to every remaining one, or a manager would be locked out of every later case.
 */
async function checkManagerRecipients(
  tx: Queryable,
  teamId: string,
  wraps: readonly { recipient: string }[],
): Promise<void> {
  const recipients = new Set<string>();
  for (const wrap of wraps) {
    if (recipients.has(wrap.recipient)) throw new ApiError(400, "duplicate-recipient", "One wrapping per recipient.");
    recipients.add(wrap.recipient);
    await checkRecipient(tx, teamId, wrap.recipient);
  }
  const managers = await tx.query<{ id: string }>(
    "SELECT id FROM devices WHERE team_id = $1 AND role = 'manager' AND status = 'approved'",
    [teamId],
  );
  const managerIds = new Set(managers.map((row) => row.id));
  if ([...recipients].some((recipient) => !managerIds.has(recipient))) {
    throw new ApiError(409, "not-a-manager", "Only a manager's device is given the team key.");
  }
  if (managers.some((row) => !recipients.has(row.id))) {
    throw new ApiError(409, "manager-not-covered", "Every remaining manager's device must be given the new team key.");
  }
}

export type ListedTeamKeyRotation = TeamKeyRotationNotice;

/** Every rotation of the team's key, oldest first (a team has few: one per manager's device removed). */
export async function listTeamKeyRotations(
  context: ServerContext,
  device: SignedInDevice,
): Promise<{ rotations: ListedTeamKeyRotation[] }> {
  const teamId = requireTeamMember(device);
  const rows = await context.db.query<{
    sequence: number;
    old_key_id: string;
    old_public_key: Uint8Array;
    new_key_id: string;
    new_public_key: Uint8Array;
    revoked_device_id: string;
    rotated_by: string;
    signature: Uint8Array;
    old_key_wrapped: Uint8Array;
  }>("SELECT * FROM team_key_rotations WHERE team_id = $1 ORDER BY sequence", [teamId]);
  return {
    rotations: rows.map((row) => ({
      sequence: row.sequence,
      oldKeyId: row.old_key_id,
      oldPublicKey: b64(row.old_public_key),
      newKeyId: row.new_key_id,
      newPublicKey: b64(row.new_public_key),
      revokedDeviceId: row.revoked_device_id,
      rotatedBy: row.rotated_by,
      signature: b64(row.signature),
      oldKeyWrapped: device.role === "manager" ? b64(row.old_key_wrapped) : null,
    })),
  };
}
