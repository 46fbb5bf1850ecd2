/**
 * Envelopes: each version of each record, as ciphertext signed by its author device.
 *
 * Push is optimistic: a device sends the version it edited (its base); if the record has moved on, the
 * answer is 409 with the current version and nothing is written, so no version is ever overwritten (the
 * device keeps both and the practitioner chooses or merges). The same envelope sent twice is
 * acknowledged twice and stored once.
 *
 * Pull follows the team's sequence cursor. Sequence numbers are taken when a push inserts, but pushes
 * commit in any order: seq 11 can be visible while seq 10 is still being written. A reader that moved
 * its cursor past 11 would never see 10. So every push holds a shared per-team advisory lock from before
 * it takes a number until it commits, and a pull briefly takes the same lock exclusively to read the
 * team's highest committed seq (the watermark): at that instant no push of the team is half done, so
 * every seq up to the watermark is final. The pull then hands out rows up to the watermark only.
 */
import { envelopeSigningInput } from "../domain/team-sync/signing-input";
import { ApiError, notAllowed } from "./api-error";
import { isUniqueViolation, type Queryable } from "./database";
import { decodeBase64, signatureIsValid } from "./device-keys";
import { readableKey, requireTeamMember } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

// First half of the two-part advisory lock key: "envelopes of a team". The second is the team's hash.
const ENVELOPE_LOCK_CLASS = 7316;

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

export async function pushEnvelope(
  context: ServerContext,
  device: SignedInDevice,
  request: PushRequest,
): Promise<PushResult> {
  const teamId = requireTeamMember(device);
  if (device.role === "coordinator") throw notAllowed("A coordinator's device does not write team records.");
  const ciphertext = decodeBase64(request.ciphertext, "ciphertext");
  const signature = decodeBase64(request.signature, "signature");
  if (ciphertext.length === 0) throw new ApiError(400, "empty-ciphertext", "An envelope needs a ciphertext.");
  const version = request.baseVersion + 1;
  const baseSignature =
    request.baseSignature === undefined ? new Uint8Array(0) : decodeBase64(request.baseSignature, "base signature");
  if ((request.baseVersion === 0) !== (baseSignature.length === 0)) {
    throw new ApiError(
      400,
      "bad-base",
      "An edit of an existing record names the signature of the version it started from; a new record names none.",
    );
  }
  const authorKey =
    device.ecdsaPublicKey ??
    (
      await context.db.query<{ ecdsa_public_key: Uint8Array }>("SELECT ecdsa_public_key FROM devices WHERE id = $1", [
        device.deviceId,
      ])
    )[0]?.ecdsa_public_key;
  const signed = envelopeSigningInput(
    { teamId, recordId: request.recordId, keyId: request.keyId, version, parentSignature: baseSignature },
    ciphertext,
  );
  if (!authorKey || !(await signatureIsValid(authorKey, signature, signed))) {
    throw new ApiError(
      400,
      "bad-signature",
      "The envelope's signature does not match its contents and this device's key.",
    );
  }
  const now = context.now();
  const isRepeat = (row: StoredVersion | undefined) =>
    row !== undefined && sameBytes(row.signature, signature) && sameBytes(row.ciphertext, ciphertext);
  // The checks read outside the insert's transaction, both at once: wrappings are never removed or
  // replaced and versions never change, so what they establish still holds at the insert — except that
  // another push may take this version meanwhile, which the unique (team, record, version) refuses
  // below. Fewer round trips per push is what lets the server keep up with many devices at once.
  const [access, latest] = await Promise.all([
    readableKey(context.db, device, request.keyId),
    latestVersion(context.db, teamId, request.recordId),
  ]);
  if (!access.readable) {
    throw notAllowed("This device holds no key for that case. Store the case key before its records.");
  }
  if (!access.sharedWithManagers) {
    throw new ApiError(409, "key-not-shared", "The case key must be wrapped to the team manager key first.");
  }
  // Versions run 1, 2, 3… without gaps: beyond the latest there is none to be a repeat of.
  const atVersion =
    latest?.version === version
      ? latest
      : latest !== undefined && latest.version > version
        ? await storedVersion(context.db, teamId, request.recordId, version)
        : undefined;
  if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
  // Same number is not enough: the stored version must be the very one the device edited.
  const onItsParent =
    (latest?.version ?? 0) === request.baseVersion && (!latest || sameBytes(latest.signature, baseSignature));
  if (!onItsParent) throw conflict(latest?.version ?? 0);
  if (latest && latest.key_id !== request.keyId) {
    throw new ApiError(409, "key-mismatch", "A record keeps the key it was first written with.");
  }
  try {
    return await context.db.transaction(async (tx) => {
      // The team's shared envelope lock is taken in the same statement, before the row takes its seq
      // (the lock's subquery yields the row the seq is drawn for), and held until the commit.
      const [inserted] = await tx.query<{ seq: number }>(
        `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::int, $5::uuid, $6::bytea, $7::bytea, $8::int, $9::timestamptz
         FROM (SELECT pg_advisory_xact_lock_shared($10::int, hashtext($11::text))) AS team_lock
         RETURNING seq`,
        [
          teamId,
          request.recordId,
          request.keyId,
          version,
          device.deviceId,
          ciphertext,
          signature,
          ciphertext.length,
          now,
          ENVELOPE_LOCK_CLASS,
          teamId,
        ],
      );
      return { seq: inserted!.seq, version, duplicate: false };
    });
  } catch (error) {
    // Another push of the same record took this version between our read and our insert.
    if (!isUniqueViolation(error)) throw error;
    const atVersion = await storedVersion(context.db, teamId, request.recordId, version);
    if (isRepeat(atVersion)) return { seq: atVersion!.seq, version, duplicate: true };
    throw conflict((await latestVersion(context.db, teamId, request.recordId))?.version ?? version);
  }
}

export interface PulledEnvelope {
  seq: number;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  ciphertext: string;
  signature: string;
  size: number;
  createdAt: string;
  /** The case key, wrapped to this device or (for managers) to the team manager key. */
  wrappedKey: string;
  wrappedTo: "device" | "manager-key";
}

export interface PullResult {
  envelopes: PulledEnvelope[];
  /** Pass back as `after` next time. */
  cursor: number;
  /** True when more envelopes are ready now: pull again straight away. */
  more: boolean;
}

/** The team's highest seq with no push of the team still in flight below it. */
async function committedWatermark(context: ServerContext, teamId: string): Promise<number> {
  return context.db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ENVELOPE_LOCK_CLASS, teamId]);
    const [row] = await tx.query<{ watermark: number }>(
      "SELECT coalesce(max(seq), 0)::bigint AS watermark FROM envelopes WHERE team_id = $1",
      [teamId],
    );
    return row?.watermark ?? 0;
  });
}

interface PulledRow {
  seq: number;
  record_id: string;
  key_id: string;
  version: number;
  author_device_id: string;
  ciphertext: Uint8Array;
  signature: Uint8Array;
  size: number;
  created_at: Date;
  own_wrap: Uint8Array | null;
  manager_wrap: Uint8Array | null;
}

/** Envelopes after `after`, in seq order, that this device may read (those whose case key it holds). */
export async function pullEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<PullResult> {
  const teamId = requireTeamMember(device);
  const limit = Math.min(request.limit, LIMITS.pullPageMax);
  const watermark = await committedWatermark(context, teamId);
  if (request.after >= watermark) return { envelopes: [], cursor: Math.max(request.after, watermark), more: false };
  const rows = await context.db.query<PulledRow>(
    `SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, e.ciphertext, e.signature, e.size, e.created_at,
            own.wrapped AS own_wrap, mgr.wrapped AS manager_wrap
     FROM envelopes e
     LEFT JOIN wrapped_keys own ON own.key_id = e.key_id AND own.recipient_device_id = $2
     LEFT JOIN wrapped_keys mgr ON $3 AND mgr.key_id = e.key_id AND mgr.recipient_device_id IS NULL
     WHERE e.team_id = $1 AND e.seq > $4 AND e.seq <= $5 AND (own.wrapped IS NOT NULL OR mgr.wrapped IS NOT NULL)
     ORDER BY e.seq LIMIT $6`,
    [teamId, device.deviceId, device.role === "manager", request.after, watermark, limit],
  );
  const full = rows.length === limit;
  return {
    envelopes: rows.map((row) => ({
      seq: row.seq,
      recordId: row.record_id,
      keyId: row.key_id,
      version: row.version,
      authorDeviceId: row.author_device_id,
      ciphertext: Buffer.from(row.ciphertext).toString("base64"),
      signature: Buffer.from(row.signature).toString("base64"),
      size: row.size,
      createdAt: row.created_at.toISOString(),
      wrappedKey: Buffer.from((row.own_wrap ?? row.manager_wrap)!).toString("base64"),
      wrappedTo: row.own_wrap ? "device" : "manager-key",
    })),
    cursor: full ? rows.at(-1)!.seq : watermark,
    more: full,
  };
}
