/**
 * A MARAC area's coordinators and the referrals sent to it (issue 17 item 1).
 *
 * The feed (GET /api/area/envelopes): every version of every record whose key a team's device wrapped
 * to the coordinator's area — the referrals, and the coordinators' own status records under the same
 * keys — with the area-key wrapping, the sending team's name and the author's signing key. Envelopes
 * live in their team's sequence, so the cursor is one team cursor per team, each moved exactly as the
 * team pull moves its own (envelopes-service.ts committedWatermark): never past a push still in flight.
 * The client keeps the cursor as the opaque text it is given.
 *
 * Status back (POST /api/area/envelopes): a coordinator's device writes a record into the sending
 * team's stream, only under a key wrapped to its own area, and only a record no device of the team
 * wrote first (a coordinator can never write a version of the referral itself). The team's devices pull
 * it as usual and check its author against the team's directory, which lists linked areas' coordinators.
 */
import { envelopeSigningInput } from "../domain/team-sync/signing-input";
import { ApiError, notAllowed } from "./api-error";
import { isUniqueViolation } from "./database";
import { signatureIsValid } from "./device-keys";
import { committedWatermark } from "./envelopes-service";
import { decodePush, insertEnvelopeUnderTeamLock, KEY_IS_CURRENT_SQL, requireCurrentKey } from "./envelope-push";
import { requireCoordinator } from "./marac-keys-service";
import type { SignedInDevice } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

export interface AreaEnvelope {
  seq: number;
  teamId: string;
  teamName: string;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  authorRole: string;
  authorEcdsaPublicKey: string;
  ciphertext: string;
  signature: string;
  createdAt: string;
  /** The record's key wrapped to the area key. */
  wrappedKey: string;
}

export interface AreaPullResult {
  envelopes: AreaEnvelope[];
  /** Pass back as `cursor` next time (opaque). */
  cursor: string;
  more: boolean;
}

type TeamCursors = Record<string, number>;

function readCursor(text: string | undefined): TeamCursors {
  if (text === undefined || text === "") return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    const cursors: TeamCursors = {};
    for (const [teamId, seq] of Object.entries(parsed)) {
      if (!/^[0-9a-f-]{36}$/.test(teamId) || !Number.isSafeInteger(seq) || (seq as number) < 0) {
        throw new Error("bad entry");
      }
      cursors[teamId] = seq as number;
    }
    return cursors;
  } catch {
    throw new ApiError(400, "bad-cursor", "That cursor is not one this server gave.");
  }
}

const writeCursor = (cursors: TeamCursors) => Buffer.from(JSON.stringify(cursors)).toString("base64url");

interface AreaRow {
  seq: number;
  record_id: string;
  key_id: string;
  version: number;
  author_device_id: string;
  author_role: string;
  author_key: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
  created_at: Date;
  wrapped: Uint8Array;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export async function pullAreaEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  request: { cursor?: string; limit: number },
): Promise<AreaPullResult> {
  const areaId = requireCoordinator(device);
  const cursors = readCursor(request.cursor);
  const limit = Math.min(request.limit, LIMITS.pullPageMax);
  const teams = await context.db.query<{ id: string; name: string }>(
    `SELECT t.id, t.name FROM teams t WHERE t.id IN (SELECT team_id FROM area_wrapped_keys WHERE area_id = $1)
     ORDER BY t.id`,
    [areaId],
  );
  const envelopes: AreaEnvelope[] = [];
  let more = false;
  for (const team of teams) {
    const after = cursors[team.id] ?? 0;
    const { watermark } = await committedWatermark(context, team.id);
    if (after >= watermark) {
      cursors[team.id] = Math.max(after, watermark);
      continue;
    }
    const room = limit - envelopes.length;
    const rows = await context.db.query<AreaRow>(
      `SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, d.role AS author_role,
              d.ecdsa_public_key AS author_key, e.ciphertext, e.signature, e.created_at, a.wrapped
       FROM envelopes e
       JOIN area_wrapped_keys a ON a.key_id = e.key_id AND a.area_id = $2 AND a.team_id = e.team_id
       JOIN devices d ON d.id = e.author_device_id
       WHERE e.team_id = $1 AND e.seq > $3 AND e.seq <= $4
       ORDER BY e.seq LIMIT $5`,
      [team.id, areaId, after, watermark, room],
    );
    envelopes.push(
      ...rows.map((row) => ({
        seq: row.seq,
        teamId: team.id,
        teamName: team.name,
        recordId: row.record_id,
        keyId: row.key_id,
        version: row.version,
        authorDeviceId: row.author_device_id,
        authorRole: row.author_role,
        authorEcdsaPublicKey: b64(row.author_key),
        ciphertext: b64(row.ciphertext),
        signature: b64(row.signature),
        createdAt: row.created_at.toISOString(),
        wrappedKey: b64(row.wrapped),
      })),
    );
    if (rows.length === room) {
      cursors[team.id] = rows.at(-1)!.seq;
      more = true;
      break;
    }
    cursors[team.id] = watermark;
  }
  return { envelopes, cursor: writeCursor(cursors), more };
}

export interface AreaPushRequest {
  teamId: string;
  recordId: string;
  keyId: string;
  baseVersion: number;
  baseSignature?: string;
  ciphertext: string;
  signature: string;
}

interface RecordState {
  area_wrapped: boolean;
  key_rotated: boolean;
  /** Open to a removed device and not replaced yet: no write until a manager's device gives it a new key. */
  key_exposed: boolean;
  first_author_is_coordinator: boolean | null;
  latest_version: number | null;
  latest_key_id: string | null;
  latest_signature: Uint8Array | null;
  latest_ciphertext: Uint8Array | null;
}

const conflict = (currentVersion: number) =>
  new ApiError(409, "version-conflict", "This record was changed on another device: pull, then try again.", {
    currentVersion,
  });

async function keyState(
  context: ServerContext,
  keyId: string,
): Promise<Pick<RecordState, "key_rotated" | "key_exposed">> {
  const [row] = await context.db.query<Pick<RecordState, "key_rotated" | "key_exposed">>(
    `SELECT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = $1) AS key_rotated,
       NOT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = $1) AND NOT (${KEY_IS_CURRENT_SQL("$1::uuid")})
         AS key_exposed`,
    [keyId],
  );
  return row!;
}

/** A coordinator's device stores one version of its own record (a referral's status) in the sending team's stream. */
export async function pushAreaEnvelope(
  context: ServerContext,
  device: SignedInDevice,
  request: AreaPushRequest,
): Promise<{ seq: number; version: number; duplicate: boolean }> {
  const areaId = requireCoordinator(device);
  const { ciphertext, signature, baseSignature, version } = decodePush(request);
  const signed = envelopeSigningInput(
    {
      teamId: request.teamId,
      recordId: request.recordId,
      keyId: request.keyId,
      version,
      parentSignature: baseSignature,
    },
    ciphertext,
  );
  if (!device.ecdsaPublicKey || !signatureIsValid(device.ecdsaPublicKey, signature, signed)) {
    throw new ApiError(
      400,
      "bad-signature",
      "The envelope's signature does not match its contents and this device's key.",
    );
  }
  const [state] = await context.db.query<RecordState>(
    `SELECT
       EXISTS (SELECT 1 FROM area_wrapped_keys a WHERE a.key_id = $3 AND a.area_id = $4 AND a.team_id = $1) AS area_wrapped,
       EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = $3) AS key_rotated,
       NOT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = $3) AND NOT (${KEY_IS_CURRENT_SQL("$3::uuid")})
         AS key_exposed,
       (SELECT d.role = 'coordinator' AND d.area_id = $4 FROM envelopes e JOIN devices d ON d.id = e.author_device_id
         WHERE e.team_id = $1 AND e.record_id = $2 AND e.version = 1) AS first_author_is_coordinator,
       latest.version AS latest_version, latest.key_id AS latest_key_id, latest.signature AS latest_signature,
       latest.ciphertext AS latest_ciphertext
     FROM (SELECT 1) one
     LEFT JOIN LATERAL (SELECT version, key_id, signature, ciphertext FROM envelopes
       WHERE team_id = $1 AND record_id = $2 ORDER BY version DESC LIMIT 1) latest ON true`,
    [request.teamId, request.recordId, request.keyId, areaId],
  );
  if (!state?.area_wrapped) {
    throw notAllowed("That key was not sent to this MARAC area, so this device cannot write under it.");
  }
  if (state.first_author_is_coordinator === false) {
    throw notAllowed("A coordinator's device can only write its own records, never the team's.");
  }
  const isRepeat = (row: { signature: Uint8Array; ciphertext: Uint8Array } | undefined) =>
    row !== undefined &&
    Buffer.compare(Buffer.from(row.signature), signature) === 0 &&
    Buffer.compare(Buffer.from(row.ciphertext), ciphertext) === 0;
  const stored = async () => {
    const [row] = await context.db.query<{ seq: number; signature: Uint8Array; ciphertext: Uint8Array }>(
      "SELECT seq, signature, ciphertext FROM envelopes WHERE team_id = $1 AND record_id = $2 AND version = $3",
      [request.teamId, request.recordId, version],
    );
    return row;
  };
  const latestVersion = state.latest_version ?? 0;
  if (latestVersion >= version) {
    const atVersion = await stored();
    if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
    throw conflict(latestVersion);
  }
  const onItsParent =
    latestVersion === request.baseVersion &&
    (state.latest_signature === null || Buffer.compare(Buffer.from(state.latest_signature), baseSignature) === 0);
  if (!onItsParent) throw conflict(latestVersion);
  // As a team push: under a rotated-away key nothing is written ("key-rotated", with the new key), nor under
  // a key a removed device could open before its rotation ("key-rotation-pending"); a record written under a
  // key takes only the newest key of its chain next.
  await requireCurrentKey(context, state, state.latest_key_id ?? undefined, request.keyId);
  try {
    // As a team push, under the team's envelope lock, and only while the key is current (not rotated away,
    // nor waiting for a rotation); a device revoked meanwhile writes nothing.
    const inserted = await insertEnvelopeUnderTeamLock(
      context.db,
      {
        teamId: request.teamId,
        recordId: request.recordId,
        keyId: request.keyId,
        version,
        authorDeviceId: device.deviceId,
        ciphertext,
        signature,
        createdAt: context.now(),
      },
      KEY_IS_CURRENT_SQL("$3::uuid"),
    );
    if (!inserted) {
      // Revoked, or the key rotated (or a holder removed) since the read: say which.
      const [author] = await context.db.query<{ status: string }>("SELECT status FROM devices WHERE id = $1", [
        device.deviceId,
      ]);
      if (author?.status === "approved") {
        await requireCurrentKey(context, await keyState(context, request.keyId), request.keyId, request.keyId);
      }
      throw new ApiError(403, "device-revoked", "This device has been removed from the area.");
    }
    return { seq: inserted.seq, version, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const atVersion = await stored();
    if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
    throw conflict(version);
  }
}
