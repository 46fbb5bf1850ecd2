/**
 * Signing in without a password: the server sends a fresh random challenge, the device signs it with
 * its ECDSA key, and gets a short-lived session token. Challenges are single use and expire within a
 * minute; only the token's hash is stored. Both live in the database, so any API process can serve them.
 */
import { challengeSigningInput } from "../domain/team-sync/signing-input";
import { ApiError, notSignedIn } from "./api-error";
import { decodeBase64, signatureIsValid } from "./device-keys";
import { addMinutes, LIMITS, type ServerContext } from "./server-context";
import { newNonce, newSessionToken, sha256 } from "./tokens";

export type DeviceRole = "practitioner" | "manager" | "coordinator";

/** The device behind a valid session, as every authenticated route sees it. */
export interface SignedInDevice {
  deviceId: string;
  role: DeviceRole;
  teamId: string | null;
  areaId: string | null;
  /** Read with the session, so a push need not read it again to check its signature. */
  ecdsaPublicKey?: Uint8Array;
}

interface DeviceRow {
  id: string;
  role: DeviceRole;
  team_id: string | null;
  area_id: string | null;
  status: "pending" | "approved" | "revoked";
  ecdsa_public_key: Uint8Array;
}

/** Refuses a device that is not (or no longer) approved, in words its user can act on. */
export function requireApproved(device: Pick<DeviceRow, "status">): void {
  if (device.status === "pending") {
    throw new ApiError(403, "device-not-approved", "This device is waiting for a manager to approve it.");
  }
  if (device.status === "revoked") {
    throw new ApiError(403, "device-revoked", "This device has been removed from the team. Ask your manager.");
  }
}

export async function createChallenge(
  context: ServerContext,
  deviceId: string,
): Promise<{ challengeId: string; nonce: string; expiresAt: string }> {
  const now = context.now();
  const expiresAt = new Date(now.getTime() + LIMITS.challengeSeconds * 1000);
  const challengeId = crypto.randomUUID();
  const nonce = newNonce();
  await context.db.transaction(async (tx) => {
    const [device] = await tx.query<DeviceRow>("SELECT * FROM devices WHERE id = $1 FOR UPDATE", [deviceId]);
    if (!device) throw new ApiError(404, "unknown-device", "This device is not enrolled with this server.");
    requireApproved(device);
    const [open] = await tx.query<{ open: number }>(
      "SELECT count(*)::int AS open FROM challenges WHERE device_id = $1 AND used_at IS NULL AND expires_at > $2",
      [deviceId, now],
    );
    if ((open?.open ?? 0) >= LIMITS.openChallenges) {
      throw new ApiError(429, "too-many-challenges", "Too many sign-in attempts at once. Wait a minute and try again.");
    }
    await tx.query("INSERT INTO challenges (id, device_id, nonce, expires_at) VALUES ($1, $2, $3, $4)", [
      challengeId,
      deviceId,
      nonce,
      expiresAt,
    ]);
  });
  return { challengeId, nonce: nonce.toString("base64"), expiresAt: expiresAt.toISOString() };
}

export interface OpenedSession extends SignedInDevice {
  token: string;
  expiresAt: string;
}

export async function openSession(
  context: ServerContext,
  request: { challengeId: string; signature: string },
): Promise<OpenedSession> {
  const signature = decodeBase64(request.signature, "signature");
  const now = context.now();
  const { token, tokenHash } = newSessionToken();
  const expiresAt = addMinutes(now, LIMITS.sessionMinutes);
  return context.db.transaction(async (tx) => {
    const [challenge] = await tx.query<{ nonce: Uint8Array; expires_at: Date; used_at: Date | null } & DeviceRow>(
      `SELECT c.nonce, c.expires_at, c.used_at, d.*
       FROM challenges c JOIN devices d ON d.id = c.device_id WHERE c.id = $1 FOR UPDATE OF c`,
      [request.challengeId],
    );
    if (!challenge) throw new ApiError(400, "unknown-challenge", "That sign-in challenge is not known. Start again.");
    if (challenge.used_at !== null) {
      throw new ApiError(409, "challenge-used", "That sign-in challenge has already been used. Start again.");
    }
    if (challenge.expires_at.getTime() <= now.getTime()) {
      throw new ApiError(410, "challenge-expired", "That sign-in challenge has expired. Start again.");
    }
    requireApproved(challenge);
    const signed = challengeSigningInput(request.challengeId, challenge.nonce);
    if (!signatureIsValid(challenge.ecdsa_public_key, signature, signed)) {
      throw new ApiError(401, "bad-signature", "The challenge was not signed by this device's key.");
    }
    await tx.query("UPDATE challenges SET used_at = $2 WHERE id = $1", [request.challengeId, now]);
    await tx.query("INSERT INTO sessions (token_hash, device_id, expires_at, created_at) VALUES ($1, $2, $3, $4)", [
      tokenHash,
      challenge.id,
      expiresAt,
      now,
    ]);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      deviceId: challenge.id,
      role: challenge.role,
      teamId: challenge.team_id,
      areaId: challenge.area_id,
    };
  });
}

/** The stored hash of the session token in an Authorization header; not-signed-in when there is none. */
export function sessionTokenHash(authorization: string | undefined): Buffer {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(authorization ?? "");
  if (!match) throw notSignedIn();
  return sha256(match[1]!);
}

/** A session row joined to its device (`s.expires_at, d.*`), as the queries that authenticate read it. */
export type SessionDeviceRow = DeviceRow & { expires_at: Date };

/** The device behind a session row read on this request: none, expired, or not approved is refused. */
export function signedInDevice(row: SessionDeviceRow | undefined, now: Date): SignedInDevice {
  if (!row || row.expires_at.getTime() <= now.getTime()) throw notSignedIn();
  requireApproved(row);
  return {
    deviceId: row.id,
    role: row.role,
    teamId: row.team_id,
    areaId: row.area_id,
    ecdsaPublicKey: row.ecdsa_public_key,
  };
}

/** The device behind a bearer token, checked on every request: a revoked device is out at once. */
export async function authenticate(context: ServerContext, authorization: string | undefined): Promise<SignedInDevice> {
  const tokenHash = sessionTokenHash(authorization);
  const [row] = await context.db.query<SessionDeviceRow>(
    `SELECT s.expires_at, d.* FROM sessions s JOIN devices d ON d.id = s.device_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return signedInDevice(row, context.now());
}

/** What never changes about an open session: its device, that device's team, role and signing key, and its end. */
export interface SessionFacts {
  deviceId: string;
  teamId: string | null;
  role: DeviceRole;
  ecdsaPublicKey: Uint8Array;
  expiresAt: number;
}

// Facts of sessions seen lately, by token hash, so that a push can check its signature before it reads
// the database and then read and write in one statement. Never trusted alone: that statement re-reads
// the session and the device's status, so a revoked device (whose sessions are deleted) or an ended
// session is refused as at once as ever. Bounded; a session is dropped once it has ended.
const sessionFacts = new Map<string, SessionFacts>();
const SESSION_FACTS_KEPT = 10_000;

export function rememberSession(tokenHash: Buffer, facts: SessionFacts): void {
  const key = tokenHash.toString("base64");
  sessionFacts.delete(key);
  sessionFacts.set(key, facts);
  if (sessionFacts.size > SESSION_FACTS_KEPT) sessionFacts.delete(sessionFacts.keys().next().value!);
}

/** The facts of a session seen lately and not ended by `now`; undefined if none (read the database). */
export function rememberedSession(tokenHash: Buffer, now: Date): SessionFacts | undefined {
  const key = tokenHash.toString("base64");
  const facts = sessionFacts.get(key);
  if (facts && facts.expiresAt <= now.getTime()) {
    sessionFacts.delete(key);
    return undefined;
  }
  return facts;
}

/** Housekeeping: expired challenges and sessions are of no use to anyone; run now and then. */
export async function deleteExpired(context: ServerContext): Promise<void> {
  const now = context.now();
  await context.db.query("DELETE FROM challenges WHERE expires_at <= $1", [now]);
  await context.db.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
}
