/**
 * Reassigning a practitioner's cases (issue 17 item 3, migration 008). A leaver's cases stay readable by
 * the team's managers (every case key is wrapped to the team manager key); a manager's device can give
 * them to another practitioner's device of the team. The manager's device unwraps each key of the case
 * (the current one and the ones it replaced, whose envelopes still hold the case's older versions) and
 * wraps it to the chosen device's public key (`grantCaseKeys`): the server stores the wrappings, a grant
 * row and an audit row per key, and never sees a key. The receiving device's sequence cursor is already
 * past the case's envelopes, so it reads the keys granted to it after its own grant cursor
 * (`listKeyGrants`; each pull page says the latest) and pulls each key's envelopes (`pullKeyEnvelopes`).
 */
import { ApiError, notAllowed, wrongTeam } from "./api-error";
import { recordAudit } from "./audit-service";
import type { Queryable } from "./database";
import { decodeBase64 } from "./device-keys";
import {
  base64Of,
  committedWatermark,
  pulledEnvelopeOf,
  type PulledEnvelope,
  type PulledEnvelopeRow,
} from "./envelopes-service";
import { checkRecipient, readableKey, requireTeamMember } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import type { ServerContext } from "./server-context";

/** Keys one grant request may carry (one transaction). */
export const GRANT_BATCH_MAX = 100;
export const GRANT_PAGE_MAX = 500;
/** Envelopes of one key in a page: a case's versions, each at most an envelope's size. */
export const KEY_PULL_PAGE_MAX = 200;

export interface DeviceCaseKey {
  keyId: string;
  /** Other approved practitioner devices holding a wrapping of this key (the manager key aside). */
  holders: string[];
}

export interface GrantRequest {
  fromDeviceId: string;
  toDeviceId: string;
  grants: { keyId: string; wrapped: string }[];
}

function requireManager(device: SignedInDevice): string {
  const teamId = requireTeamMember(device);
  if (device.role !== "manager") throw notAllowed("Only a manager's device can reassign cases.");
  return teamId;
}

async function practitionerOfTeam(db: Queryable, teamId: string, deviceId: string): Promise<{ status: string }> {
  const [target] = await db.query<{ team_id: string | null; role: string; status: string }>(
    "SELECT team_id, role, status FROM devices WHERE id = $1",
    [deviceId],
  );
  if (!target) throw new ApiError(404, "unknown-device", "There is no such device.");
  if (target.team_id !== teamId) throw wrongTeam();
  if (target.role !== "practitioner") {
    throw new ApiError(409, "not-a-practitioner", "Cases are reassigned from and to practitioners' devices only.");
  }
  return target;
}

/** The case keys wrapped to a practitioner's device of the manager's team (approved or removed), with their other holders. */
export async function deviceCaseKeys(
  context: ServerContext,
  device: SignedInDevice,
  deviceId: string,
): Promise<{ keys: DeviceCaseKey[] }> {
  const teamId = requireManager(device);
  await practitionerOfTeam(context.db, teamId, deviceId);
  const rows = await context.db.query<{ key_id: string; holders: string[] }>(
    `SELECT k.key_id,
       coalesce(json_agg(w.recipient_device_id ORDER BY w.recipient_device_id)
         FILTER (WHERE d.status = 'approved' AND d.role = 'practitioner' AND w.recipient_device_id <> $2), '[]'::json)
         AS holders
     FROM wrapped_keys k
     LEFT JOIN wrapped_keys w ON w.key_id = k.key_id AND w.recipient_device_id IS NOT NULL
     LEFT JOIN devices d ON d.id = w.recipient_device_id
     WHERE k.team_id = $1 AND k.kind = 'case' AND k.recipient_device_id = $2
     GROUP BY k.key_id ORDER BY k.key_id`,
    [teamId, deviceId],
  );
  return { keys: rows.map((row) => ({ keyId: row.key_id, holders: row.holders })) };
}

// The key and every key it replaced or was replaced by (rotations after removals), and whether any of
// them is wrapped to the device the case moves from: a manager reassigns that device's cases, no others.
const CHAIN_OF_DEVICE_SQL = `
  WITH RECURSIVE chain (key_id) AS (
    SELECT $1::uuid
    UNION
    SELECT CASE WHEN r.old_key_id = c.key_id THEN r.new_key_id ELSE r.old_key_id END
    FROM key_rotations r JOIN chain c ON r.old_key_id = c.key_id OR r.new_key_id = c.key_id
  )
  SELECT EXISTS (
    SELECT 1 FROM wrapped_keys w JOIN chain c ON w.key_id = c.key_id WHERE w.recipient_device_id = $2
  ) AS of_device`;

async function grantOne(
  tx: Queryable,
  device: SignedInDevice & { teamId: string },
  request: GrantRequest,
  grant: { keyId: string; wrapped: Buffer },
  inRequest: ReadonlySet<string>,
  now: Date,
): Promise<boolean> {
  const access = await readableKey(tx, device, grant.keyId);
  if (!access.exists) throw new ApiError(404, "unknown-key", "There is no such case key.");
  if (!access.readable) throw notAllowed("The team's managers do not hold that case's key.");
  const [chain] = await tx.query<{ of_device: boolean }>(CHAIN_OF_DEVICE_SQL, [grant.keyId, request.fromDeviceId]);
  if (!chain?.of_device) {
    throw new ApiError(409, "key-not-of-device", "That case is not one of the device's the cases move from.");
  }
  const [rotated] = await tx.query<{ new_key_id: string; held: boolean }>(
    `SELECT r.new_key_id, EXISTS (SELECT 1 FROM wrapped_keys w
       WHERE w.key_id = r.new_key_id AND w.recipient_device_id = $2) AS held
     FROM key_rotations r WHERE r.old_key_id = $1`,
    [grant.keyId, request.toDeviceId],
  );
  if (rotated && !rotated.held && !inRequest.has(rotated.new_key_id)) {
    // Without the key that replaced it, the device could read the case's past but never write to it.
    throw new ApiError(409, "key-rotated", "That key has been replaced: give the new one with it.", {
      newKeyId: rotated.new_key_id,
    });
  }
  const [held] = await tx.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 AND recipient_device_id = $2", [
    grant.keyId,
    request.toDeviceId,
  ]);
  // Already held (its author, or this grant again with its answer lost): a wrapping is never replaced.
  if (held) return false;
  await tx.query(
    `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
     VALUES ($1, $2, 'case', $3, $4, $5, $6)`,
    [device.teamId, grant.keyId, request.toDeviceId, grant.wrapped, device.deviceId, now],
  );
  await tx.query(
    `INSERT INTO key_grants (team_id, key_id, recipient_device_id, from_device_id, granted_by, at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [device.teamId, grant.keyId, request.toDeviceId, request.fromDeviceId, device.deviceId, now],
  );
  await recordAudit(tx, {
    unit: device,
    at: now,
    action: "reassign",
    actorDeviceId: device.deviceId,
    subjectDeviceId: request.toDeviceId,
    subjectKeyId: grant.keyId,
    subjectFromDeviceId: request.fromDeviceId,
  });
  return true;
}

/**
 * Gives `toDeviceId` (an approved practitioner's device of the team) the case keys of `fromDeviceId`'s
 * cases, wrapped by the manager's device: all or none, each new one audited. A repeat stores nothing.
 */
export async function grantCaseKeys(
  context: ServerContext,
  device: SignedInDevice,
  request: GrantRequest,
): Promise<{ granted: number }> {
  const teamId = requireManager(device);
  if (request.fromDeviceId === request.toDeviceId) {
    throw new ApiError(400, "same-device", "A case is reassigned to another device.");
  }
  const grants = request.grants.map((grant) => {
    const wrapped = decodeBase64(grant.wrapped, "wrapped key");
    if (wrapped.length === 0 || wrapped.length > 1024) {
      throw new ApiError(400, "bad-wrapped-key", "A wrapped key must be between 1 and 1,024 bytes.");
    }
    return { keyId: grant.keyId, wrapped };
  });
  const inRequest = new Set(grants.map((grant) => grant.keyId));
  if (inRequest.size !== grants.length) throw new ApiError(400, "duplicate-key", "One grant per key.");
  const now = context.now();
  return context.db.transaction(async (tx) => {
    await practitionerOfTeam(tx, teamId, request.fromDeviceId);
    const target = await practitionerOfTeam(tx, teamId, request.toDeviceId);
    // A removed (or still waiting) device never receives a wrapping.
    if (target.status !== "approved") await checkRecipient(tx, teamId, request.toDeviceId);
    let granted = 0;
    for (const grant of grants) {
      if (await grantOne(tx, { ...device, teamId }, request, grant, inRequest, now)) granted += 1;
    }
    return { granted };
  });
}

export interface ListedGrant {
  id: number;
  keyId: string;
}

/** The keys granted to this device after `after`, oldest first. */
export async function listKeyGrants(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<{ grants: ListedGrant[]; cursor: number; more: boolean }> {
  requireTeamMember(device);
  const limit = Math.min(request.limit, GRANT_PAGE_MAX);
  const rows = await context.db.query<{ id: number; key_id: string }>(
    "SELECT id, key_id FROM key_grants WHERE recipient_device_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    [device.deviceId, request.after, limit],
  );
  const grants = rows.map((row) => ({ id: Number(row.id), keyId: row.key_id }));
  return { grants, cursor: grants.at(-1)?.id ?? request.after, more: rows.length === limit };
}

/**
 * The envelopes under one case key this device holds (its own wrapping, or a manager's through the
 * team manager key), after `after` and up to the team's committed watermark, in sequence order.
 */
export async function pullKeyEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  keyId: string,
  request: { after: number; limit: number },
): Promise<{ envelopes: PulledEnvelope[]; cursor: number; more: boolean }> {
  const teamId = requireTeamMember(device);
  const access = await readableKey(context.db, device, keyId);
  if (!access.readable) throw notAllowed("This device holds no key for that case.");
  const limit = Math.min(request.limit, KEY_PULL_PAGE_MAX);
  const { watermark } = await committedWatermark(context, teamId);
  const rows = await context.db.query<PulledEnvelopeRow>(
    `SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, ${base64Of("e.ciphertext")} AS ciphertext,
       ${base64Of("e.signature")} AS signature, e.size,
       to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       ${base64Of("coalesce(own.wrapped, mgr.wrapped)")} AS wrapped_key, own.wrapped IS NOT NULL AS wrapped_to_device
     FROM envelopes e
     LEFT JOIN wrapped_keys own ON own.key_id = e.key_id AND own.recipient_device_id = $3
     LEFT JOIN wrapped_keys mgr ON $4 AND mgr.key_id = e.key_id AND mgr.recipient_device_id IS NULL
     WHERE e.key_id = $1 AND e.team_id = $2 AND e.seq > $5 AND e.seq <= $6
     ORDER BY e.seq LIMIT $7`,
    [keyId, teamId, device.deviceId, device.role === "manager", request.after, watermark, limit],
  );
  const full = rows.length === limit;
  return {
    envelopes: rows.map(pulledEnvelopeOf),
    cursor: full ? Number(rows.at(-1)!.seq) : Math.max(request.after, watermark),
    more: full,
  };
}
