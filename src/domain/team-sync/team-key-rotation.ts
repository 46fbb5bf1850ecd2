/**
 * Replacing the team manager key after a manager's device is removed (issue 17 item 3, docs/decisions.md
 * §34). The removed device held the team key, which opens every case key wrapped to it; the acting
 * manager's device makes a new key pair and signs a statement naming the team, the rotation's sequence
 * number and the old and new keys (ids and public halves). Every device re-pins the team key only along
 * an unbroken chain of such statements from the key it pinned, each signed by a manager device of the
 * team it knows: anyone can make a key pair, so without this a server could swap in a key of its own and
 * read every case key wrapped to it from then on.
 */
import { framed } from "./framing";

const encoder = new TextEncoder();

const TEAM_KEY_ROTATION_CONTEXT = "safe-referral team key rotation v1";

/** A team key as a device pins it: the key that began the team is sequence 0, each rotation adds one. */
export interface PinnedTeamKey {
  keyId: string;
  /** The public half, raw P-256 point, base64. */
  publicKey: string;
  sequence: number;
}

/** POST /api/team/manager-key-rotations: a new team key after a manager's device was removed. */
export interface TeamKeyRotationRequest {
  revokedDeviceId: string;
  sequence: number;
  oldKeyId: string;
  newKeyId: string;
  /** Raw P-256 point, base64. */
  newPublicKey: string;
  /** The old team key's private half sealed to the new public key (purpose "manager-key:<old key id>"). */
  oldKeyWrapped: string;
  signature: string;
  /** The new key's private half sealed to each remaining approved manager device. */
  wraps: { recipient: string; wrapped: string }[];
}

/**
 * GET /api/team/manager-key-rotations: the team key replaced after a manager's device was removed, with
 * the rotating manager device's signature over (team, sequence, old key, new key, removed device), and,
 * for managers' devices, the old key's private half sealed to the new key (null for others).
 */
export interface TeamKeyRotationNotice {
  sequence: number;
  oldKeyId: string;
  oldPublicKey: string;
  newKeyId: string;
  newPublicKey: string;
  revokedDeviceId: string;
  rotatedBy: string;
  signature: string;
  oldKeyWrapped: string | null;
}

export interface TeamKeyStatement {
  teamId: string;
  sequence: number;
  oldKeyId: string;
  /** Base64, as the pinned key's. */
  oldPublicKey: string;
  newKeyId: string;
  newPublicKey: string;
  /** The removed manager's device the rotation is for: it never signs a later step. */
  revokedDeviceId: string;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function sequenceBytes(sequence: number): Uint8Array {
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError("A team key rotation's sequence is 1 or more");
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(sequence));
  return bytes;
}

/** What the rotating manager device signs (ECDSA P-256, SHA-256, raw r‖s), and the server and every device verify. */
export function teamKeyRotationSigningInput(statement: TeamKeyStatement): Uint8Array<ArrayBuffer> {
  if (statement.oldKeyId === statement.newKeyId || statement.oldPublicKey === statement.newPublicKey) {
    throw new RangeError("A team key rotation replaces a key with another");
  }
  return framed(TEAM_KEY_ROTATION_CONTEXT, [
    encoder.encode(statement.teamId),
    sequenceBytes(statement.sequence),
    encoder.encode(statement.oldKeyId),
    decodeBase64(statement.oldPublicKey),
    encoder.encode(statement.newKeyId),
    decodeBase64(statement.newPublicKey),
    encoder.encode(statement.revokedDeviceId),
  ]);
}

/** A published rotation as a device received it, with what it found when it checked the signature. */
export interface ReceivedTeamKeyRotation {
  statement: TeamKeyStatement;
  rotatedBy: string;
  /** Whether the signature verified under `rotatedBy`'s signing key from the team's directory. */
  signatureValid: boolean;
}

export type TeamKeyRefusal =
  /** The server's current team key is not where the signed chain from the pinned key leads. */
  | "not-on-chain"
  /** A statement of the chain does not continue from the key before it (another old key, a skipped number). */
  | "broken-chain"
  /** Signed by a device that is not a manager's device of the team, or by one a rotation removed. */
  | "unknown-signer"
  | "bad-signature"
  | "wrong-team";

export type TeamKeyDecision =
  | { status: "current" }
  | { status: "repin"; key: PinnedTeamKey; path: ReceivedTeamKeyRotation[] }
  | { status: "refused"; reason: TeamKeyRefusal };

/**
 * Whether to re-pin the team key, from the pinned key, the server's current key and the published
 * rotations (any order). Statements at or below the pinned sequence are history this device already
 * passed and are ignored, so an old statement sent again (a replay) changes nothing; the chain must
 * then run from the pinned key one sequence at a time, each step signed by a trusted manager device and
 * replacing exactly the key before it, and end at the server's current key. `trustedManagers` are the
 * team's manager devices from its directory (approved, or removed since: a later removal does not undo a
 * step a manager signed while approved); a device any rotation removed never signs a later one.
 * Anything else is refused and the pinned key stays.
 */
export function decideTeamKey(
  teamId: string,
  pinned: PinnedTeamKey,
  current: { keyId: string; publicKey: string },
  rotations: readonly ReceivedTeamKeyRotation[],
  trustedManagers: ReadonlySet<string>,
): TeamKeyDecision {
  if (current.keyId === pinned.keyId && current.publicKey === pinned.publicKey) return { status: "current" };
  const ahead = [...rotations]
    .filter((rotation) => rotation.statement.sequence > pinned.sequence)
    .sort((a, b) => a.statement.sequence - b.statement.sequence);
  let key = pinned;
  const removed = new Set(
    rotations.filter((r) => r.statement.sequence <= pinned.sequence).map((r) => r.statement.revokedDeviceId),
  );
  const path: ReceivedTeamKeyRotation[] = [];
  for (const rotation of ahead) {
    const { statement } = rotation;
    if (statement.teamId !== teamId) return { status: "refused", reason: "wrong-team" };
    if (
      statement.sequence !== key.sequence + 1 ||
      statement.oldKeyId !== key.keyId ||
      statement.oldPublicKey !== key.publicKey
    ) {
      return { status: "refused", reason: "broken-chain" };
    }
    removed.add(statement.revokedDeviceId);
    if (!trustedManagers.has(rotation.rotatedBy) || removed.has(rotation.rotatedBy))
      return { status: "refused", reason: "unknown-signer" };
    if (!rotation.signatureValid) return { status: "refused", reason: "bad-signature" };
    key = { keyId: statement.newKeyId, publicKey: statement.newPublicKey, sequence: statement.sequence };
    path.push(rotation);
    if (key.keyId === current.keyId) break;
  }
  if (key.keyId !== current.keyId || key.publicKey !== current.publicKey) {
    return { status: "refused", reason: "not-on-chain" };
  }
  return { status: "repin", key, path };
}
