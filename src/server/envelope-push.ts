/**
 * Pushing an envelope: one version of one record, ciphertext signed by its author device.
 *
 * Push is optimistic: a device sends the version it edited (its base); if the record has moved on, the
 * answer is 409 with the current version and nothing is written, so no version is ever overwritten (the
 * device keeps both and the practitioner chooses or merges). The same envelope sent twice is
 * acknowledged twice and stored once. Every push holds the team's shared envelope lock from before its
 * row takes a seq until it commits (why: envelopes-service.ts, the pull watermark).
 *
 * Two ways to the same answer, because under many devices at once the database round trips are what the
 * server spends its time on:
 *
 * - `pushOnKnownSession`, for a session this process has seen (its device's signing key is remembered):
 *   the signature is checked first, then ONE statement re-reads the session, the device's status, the
 *   case key's wrappings and the record's latest version and inserts only if every check passes. Its
 *   conditions imply every check of the other way, so it never stores what that would refuse; when it
 *   stores nothing, the other way runs and gives the answer.
 * - `pushAfterReading`: one read (session, device, wrappings, latest version), the checks in the order
 *   a client can act on them (signed in, well formed, signed by this device, a key it holds and shared
 *   with the managers, on the latest version), and an autocommitted insert.
 */
import { envelopeSigningInput } from "../domain/team-sync/signing-input";
import { ApiError, notAllowed } from "./api-error";
import { isUniqueViolation, type Queryable } from "./database";
import { decodeBase64, signatureIsValid } from "./device-keys";
import { ENVELOPE_LOCK_CLASS } from "./envelopes-service";
import { newestKeyId } from "./key-rotation-service";
import { keyAccess, requireTeamMember, type WrappingOfKey } from "./keys-service";
import {
  rememberedSession,
  rememberSession,
  requireApproved,
  sessionTokenHash,
  signedInDevice,
  type SessionDeviceRow,
} from "./session-service";
import type { ServerContext } from "./server-context";

export interface PushRequest {
  recordId: string;
  keyId: string;
  /** The version the device edited; 0 for a new record. */
  baseVersion: number;
  /** That version's signature (omitted for a new record): the edit is accepted only on top of it. */
  baseSignature?: string;
  ciphertext: string;
  signature: string;
}

export interface PushResult {
  seq: number;
  version: number;
  /** True when this exact envelope was already stored (a repeated delivery). */
  duplicate: boolean;
}

interface StoredVersion {
  seq: number;
  version: number;
  key_id: string;
  ciphertext: Uint8Array;
  signature: Uint8Array;
}

/** A push's fields decoded and its form checked (nothing read yet). */
export interface DecodedPush {
  ciphertext: Buffer;
  signature: Buffer;
  baseSignature: Uint8Array;
  version: number;
}

const conflict = (currentVersion: number) =>
  new ApiError(
    409,
    "version-conflict",
    "This record was changed on another device. Both versions are kept: pull, then choose or merge.",
    { currentVersion },
  );

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** The push body's bytes, checked: a ciphertext, and a base signature exactly when it edits a version. */
export function decodePush(
  request: Pick<PushRequest, "ciphertext" | "signature" | "baseSignature" | "baseVersion">,
): DecodedPush {
  const ciphertext = decodeBase64(request.ciphertext, "ciphertext");
  const signature = decodeBase64(request.signature, "signature");
  if (ciphertext.length === 0) throw new ApiError(400, "empty-ciphertext", "An envelope needs a ciphertext.");
  const baseSignature =
    request.baseSignature === undefined ? new Uint8Array(0) : decodeBase64(request.baseSignature, "base signature");
  if ((request.baseVersion === 0) !== (baseSignature.length === 0)) {
    throw new ApiError(
      400,
      "bad-base",
      "An edit of an existing record names the signature of the version it started from; a new record names none.",
    );
  }
  return { ciphertext, signature, baseSignature, version: request.baseVersion + 1 };
}

function isSignedBy(ecdsaPublicKey: Uint8Array, teamId: string, request: PushRequest, push: DecodedPush): boolean {
  const signed = envelopeSigningInput(
    {
      teamId,
      recordId: request.recordId,
      keyId: request.keyId,
      version: push.version,
      parentSignature: push.baseSignature,
    },
    push.ciphertext,
  );
  return signatureIsValid(ecdsaPublicKey, push.signature, signed);
}

async function latestVersion(db: Queryable, teamId: string, recordId: string): Promise<StoredVersion | undefined> {
  const [row] = await db.query<StoredVersion>(
    `SELECT seq, version, key_id, ciphertext, signature FROM envelopes
     WHERE team_id = $1 AND record_id = $2 ORDER BY version DESC LIMIT 1`,
    [teamId, recordId],
  );
  return row;
}

async function storedVersion(db: Queryable, teamId: string, recordId: string, version: number) {
  const [row] = await db.query<StoredVersion>(
    "SELECT seq, version, key_id, ciphertext, signature FROM envelopes WHERE team_id = $1 AND record_id = $2 AND version = $3",
    [teamId, recordId, version],
  );
  return row;
}

/** One envelope version as it is stored. */
export interface NewEnvelope {
  teamId: string;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  ciphertext: Buffer;
  signature: Buffer;
  createdAt: Date;
}

/**
 * Stores one envelope version in one statement, so one transaction of its own (a push acknowledged is
 * committed). The team's shared envelope lock is taken in it, before the row takes its seq (the lock's
 * subquery yields the row the seq is drawn for), and held until its commit: the team pull's watermark and
 * the area feed's rely on it. Writes nothing, and answers undefined, when the author has been revoked
 * since the caller's read, or `alsoWhere` (a condition on $3, the key id) no longer holds.
 */
export async function insertEnvelopeUnderTeamLock(
  db: Queryable,
  envelope: NewEnvelope,
  alsoWhere?: string,
): Promise<{ seq: number } | undefined> {
  const [inserted] = await db.query<{ seq: number }>(
    `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
     SELECT $1::uuid, $2::uuid, $3::uuid, $4::int, $5::uuid, $6::bytea, $7::bytea, $8::int, $9::timestamptz
     FROM (SELECT pg_advisory_xact_lock_shared($10::int, hashtext($11::text))) AS team_lock
     WHERE EXISTS (SELECT 1 FROM devices WHERE id = $5::uuid AND status = 'approved')
       ${alsoWhere === undefined ? "" : `AND ${alsoWhere}`}
     RETURNING seq`,
    [
      envelope.teamId,
      envelope.recordId,
      envelope.keyId,
      envelope.version,
      envelope.authorDeviceId,
      envelope.ciphertext,
      envelope.signature,
      envelope.ciphertext.length,
      envelope.createdAt,
      ENVELOPE_LOCK_CLASS,
      envelope.teamId,
    ],
  );
  return inserted;
}

// A removed device could open the key: wrapped to it, or wrapped to a team key it held (a manager's
// device; migration 009 records which team key each wrapping to "the manager key" was sealed to).
const KEY_EXPOSED_SQL = (keyId: string) => `
    EXISTS (
      SELECT 1 FROM wrapped_keys x JOIN devices xd ON xd.id = x.recipient_device_id
      WHERE x.key_id = ${keyId} AND xd.status = 'revoked')
    OR EXISTS (
      SELECT 1 FROM wrapped_keys x
      JOIN wrapped_keys m ON m.key_id = x.manager_key_id AND m.kind = 'manager'
      JOIN devices md ON md.id = m.recipient_device_id
      WHERE x.key_id = ${keyId} AND x.recipient_device_id IS NULL AND md.status = 'revoked')`;

// A key may take new writes only while it is current: not rotated away (migration 006), and not open to
// a removed device (its cases wait for their new keys: "key-rotation-pending") — a practitioner's, or a
// manager's through the team key it held (docs/decisions.md §34). Checked in the insert's own
// statement, so a rotation or removal committed after a push's read still stops it. Used by the area's
// pushes too (area-envelopes-service.ts).
export const KEY_IS_CURRENT_SQL = (keyId: string) => `
    NOT EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = ${keyId})
    AND NOT (${KEY_EXPOSED_SQL(keyId)})`;

// Every condition of pushAfterReading's acceptance, read in the insert's own statement: the session
// ($1) is open and is this device's ($2), of this team ($3) and role ($4), still approved; every
// wrapping of the key ($6) is a case key's of this team, one is to the manager key, and one to this
// device unless it is a manager's (no wrapping at all: NULL, so nothing is stored); the record's ($7)
// latest version is the base ($8), signed $9, under this key — or it has none and the base is 0; the key is
// current (KEY_IS_CURRENT_SQL; a write under the key that replaced the record's takes the other way). The
// team's shared envelope lock is taken before the row takes its seq (the row is drawn from the lock's
// subquery; $15 is the team as text, as the pull hashes it) and held to the commit.
// The session's end is guarded twice (remembered facts are dropped once it has passed); every other
// condition has a test in test/server/push-on-known-session.test.ts that fails without it.
const PUSH_IF_ALL_HOLD_SQL = `
  INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
  SELECT $3::uuid, $7::uuid, $6::uuid, $10::int, $2::uuid, $11::bytea, $12::bytea, $13::int, $5::timestamptz
  FROM (SELECT pg_advisory_xact_lock_shared($14::int, hashtext($15::text))) AS team_lock
  WHERE EXISTS (
      SELECT 1 FROM sessions s JOIN devices d ON d.id = s.device_id
      WHERE s.token_hash = $1::bytea AND s.expires_at > $5::timestamptz
        AND d.id = $2::uuid AND d.team_id = $3::uuid AND d.role = $4::text AND d.status = 'approved')
    AND (
      SELECT bool_and(w.team_id = $3::uuid AND w.kind = 'case')
        AND bool_or(w.recipient_device_id IS NULL)
        AND ($4::text = 'manager' OR bool_or(w.recipient_device_id IS NOT DISTINCT FROM $2::uuid))
      FROM wrapped_keys w WHERE w.key_id = $6::uuid)
    AND coalesce((
      SELECT e.version = $8::int AND e.signature = $9::bytea AND e.key_id = $6::uuid
      FROM envelopes e WHERE e.team_id = $3::uuid AND e.record_id = $7::uuid ORDER BY e.version DESC LIMIT 1),
      $8::int = 0)
    AND ${KEY_IS_CURRENT_SQL("$6::uuid")}
  RETURNING seq`;

/**
 * The push in one statement, for a session this process has seen. Null whenever it stores nothing —
 * not signed in any more, malformed, not this device's signature, refused, a repeat, a conflict — and
 * pushAfterReading then answers as it always does.
 */
async function pushOnKnownSession(
  context: ServerContext,
  tokenHash: Buffer,
  request: PushRequest,
): Promise<PushResult | null> {
  const now = context.now();
  const session = rememberedSession(tokenHash, now);
  if (!session || session.teamId === null || session.role === "coordinator") return null;
  let push: DecodedPush;
  try {
    push = decodePush(request);
  } catch {
    return null;
  }
  if (!isSignedBy(session.ecdsaPublicKey, session.teamId, request, push)) return null;
  try {
    const [inserted] = await context.db.query<{ seq: number }>(PUSH_IF_ALL_HOLD_SQL, [
      tokenHash,
      session.deviceId,
      session.teamId,
      session.role,
      now,
      request.keyId,
      request.recordId,
      request.baseVersion,
      push.baseSignature,
      push.version,
      push.ciphertext,
      push.signature,
      push.ciphertext.length,
      ENVELOPE_LOCK_CLASS,
      session.teamId,
    ]);
    return inserted ? { seq: inserted.seq, version: push.version, duplicate: false } : null;
  } catch (error) {
    // Another push took this version meanwhile: the other way tells a repeat from a conflict.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** What a push reads before it writes, in one round trip: the session's device, the key's wrappings, the latest version. */
type PushStateRow = SessionDeviceRow & {
  key_wrappings: WrappingOfKey[];
  key_rotated: boolean;
  key_exposed: boolean;
  latest_version: number | null;
  latest_key_id: string | null;
  latest_signature: Uint8Array | null;
};

// The latest version's ciphertext is not read here: it is compared only when its signature is the one
// pushed (a repeated delivery), which is rare, and an edit would otherwise fetch the record it replaces.
const PUSH_STATE_SQL = `
  SELECT s.expires_at, d.*,
    (SELECT coalesce(json_agg(json_build_object(
              'team_id', w.team_id, 'recipient_device_id', w.recipient_device_id, 'kind', w.kind)), '[]'::json)
       FROM wrapped_keys w WHERE w.key_id = $2::uuid) AS key_wrappings,
    EXISTS (SELECT 1 FROM key_rotations r WHERE r.old_key_id = $2::uuid) AS key_rotated,
    (${KEY_EXPOSED_SQL("$2::uuid")}) AS key_exposed,
    latest.version AS latest_version, latest.key_id AS latest_key_id, latest.signature AS latest_signature
  FROM sessions s
  JOIN devices d ON d.id = s.device_id
  LEFT JOIN LATERAL (
    SELECT e.version, e.key_id, e.signature FROM envelopes e
    WHERE e.team_id = d.team_id AND e.record_id = $3::uuid ORDER BY e.version DESC LIMIT 1
  ) latest ON true
  WHERE s.token_hash = $1`;

async function pushAfterReading(context: ServerContext, tokenHash: Buffer, request: PushRequest): Promise<PushResult> {
  const [state] = await context.db.query<PushStateRow>(PUSH_STATE_SQL, [tokenHash, request.keyId, request.recordId]);
  const device = signedInDevice(state, context.now());
  rememberSession(tokenHash, {
    deviceId: device.deviceId,
    teamId: device.teamId,
    role: device.role,
    ecdsaPublicKey: state!.ecdsa_public_key,
    expiresAt: state!.expires_at.getTime(),
  });
  const teamId = requireTeamMember(device);
  if (device.role === "coordinator") throw notAllowed("A coordinator's device does not write team records.");
  const push = decodePush(request);
  const { ciphertext, signature, baseSignature, version } = push;
  if (!isSignedBy(state!.ecdsa_public_key, teamId, request, push)) {
    throw new ApiError(
      400,
      "bad-signature",
      "The envelope's signature does not match its contents and this device's key.",
    );
  }
  // Read outside the insert's transaction: wrappings are never removed or replaced and versions never
  // change, so what the read established still holds at the insert — except that another push may take
  // this version meanwhile, which the unique (team, record, version) refuses below.
  const access = keyAccess(state!.key_wrappings, device);
  if (!access.readable) {
    throw notAllowed("This device holds no key for that case. Store the case key before its records.");
  }
  if (!access.sharedWithManagers) {
    throw new ApiError(409, "key-not-shared", "The case key must be wrapped to the team manager key first.");
  }
  const latest =
    state!.latest_version === null
      ? undefined
      : { version: state!.latest_version, keyId: state!.latest_key_id!, signature: state!.latest_signature! };
  const isRepeat = (row: StoredVersion | undefined) =>
    row !== undefined && sameBytes(row.signature, signature) && sameBytes(row.ciphertext, ciphertext);
  // Versions run 1, 2, 3… without gaps: beyond the latest there is none to be a repeat of. The latest
  // can only be a repeat if its signature is this one.
  const mayBeRepeat =
    latest !== undefined &&
    (latest.version > version || (latest.version === version && sameBytes(latest.signature, signature)));
  const atVersion = mayBeRepeat ? await storedVersion(context.db, teamId, request.recordId, version) : undefined;
  if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
  // Same number is not enough: the stored version must be the very one the device edited.
  const onItsParent =
    (latest?.version ?? 0) === request.baseVersion && (!latest || sameBytes(latest.signature, baseSignature));
  if (!onItsParent) throw conflict(latest?.version ?? 0);
  await requireCurrentKey(context, state!, latest?.keyId, request.keyId);
  let inserted: { seq: number } | undefined;
  try {
    // Also refused, writing nothing, when the key has stopped being current since the read above.
    inserted = await insertEnvelopeUnderTeamLock(
      context.db,
      {
        teamId,
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
  } catch (error) {
    // Another push of the same record took this version between our read and our insert.
    if (!isUniqueViolation(error)) throw error;
    const atVersion = await storedVersion(context.db, teamId, request.recordId, version);
    if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
    throw conflict((await latestVersion(context.db, teamId, request.recordId))?.version ?? version);
  }
  if (!inserted) {
    // Revoked, or the key rotated (or a holder removed) since the read: say which.
    const [again] = await context.db.query<PushStateRow>(PUSH_STATE_SQL, [tokenHash, request.keyId, request.recordId]);
    if (again?.status === "approved") await requireCurrentKey(context, again, request.keyId, request.keyId);
    requireApproved({ status: "revoked" });
  }
  return { seq: inserted!.seq, version, duplicate: false };
}

/**
 * A record keeps the key it was first written with until that key is rotated (a device that could read
 * it was removed); then it takes only the newest key of the chain. Under a rotated-away key nothing is
 * written ("key-rotated", with the key to use); under a key a removed device holds and that has not been
 * replaced yet, nothing is written either ("key-rotation-pending": the manager's re-keying is not done).
 */
export async function requireCurrentKey(
  context: ServerContext,
  state: Pick<PushStateRow, "key_rotated" | "key_exposed">,
  recordKeyId: string | undefined,
  keyId: string,
): Promise<void> {
  if (state.key_rotated) {
    throw new ApiError(409, "key-rotated", "That case has a new key: write with it.", {
      newKeyId: await newestKeyId(context.db, keyId),
    });
  }
  if (recordKeyId !== undefined && recordKeyId !== keyId && (await newestKeyId(context.db, recordKeyId)) !== keyId) {
    throw new ApiError(409, "key-mismatch", "A record keeps the key it was first written with.");
  }
  if (state.key_exposed) {
    throw new ApiError(
      409,
      "key-rotation-pending",
      "A removed device held this case's key and the case has no new key yet. The change waits until a manager's device gives it one.",
    );
  }
}

/** Stores one envelope pushed with the session token in `authorization` (or says why not). */
export async function pushEnvelope(
  context: ServerContext,
  authorization: string | undefined,
  request: PushRequest,
): Promise<PushResult> {
  const tokenHash = sessionTokenHash(authorization);
  return (await pushOnKnownSession(context, tokenHash, request)) ?? pushAfterReading(context, tokenHash, request);
}
