/**
 * Short fingerprints people compare by eye. A manager approves a device only after the numbers on the
 * new device's screen match those on the manager's (computed from the public keys the server holds), so
 * a server, or anyone between, that swapped a key is caught. The team manager key has one too: a device
 * pins it the first time it sees it, and the screens can show it for comparison at approval.
 *
 * Byte-compatible with the team server's src/domain/team-sync/device-fingerprint.ts (it computes the
 * device fingerprint the manager's screen shows): SHA-256 of a purpose line, then each key behind its
 * length; six groups of four digits, each a big-endian 32-bit word of the digest modulo 10,000.
 */

import { utf8Encode } from "../bytes";
import { concatBytes, lengthPrefix } from "./framing";

export const FINGERPRINT_GROUPS = 6;

const DEVICE_CONTEXT = utf8Encode("safe-referral device fingerprint v1\n");
const MANAGER_KEY_CONTEXT = utf8Encode("safe-referral team manager key fingerprint v1\n");

/** "1234 5678 9012 3456 7890 1234" from the first 24 bytes of a digest (≈ 80 bits). */
export function fingerprintFromDigest(digest: Uint8Array): string {
  if (digest.length < FINGERPRINT_GROUPS * 4) throw new RangeError("A fingerprint needs a 32-byte digest");
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const groups: string[] = [];
  for (let group = 0; group < FINGERPRINT_GROUPS; group += 1) {
    groups.push(String(view.getUint32(group * 4) % 10_000).padStart(4, "0"));
  }
  return groups.join(" ");
}

async function digestFingerprint(parts: readonly Uint8Array[]): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", concatBytes(parts));
  return fingerprintFromDigest(new Uint8Array(digest));
}

/** A device's fingerprint from its two raw P-256 public keys (65 bytes each). */
export function deviceFingerprint(keys: { ecdhPublicKey: Uint8Array; ecdsaPublicKey: Uint8Array }): Promise<string> {
  const { ecdhPublicKey, ecdsaPublicKey } = keys;
  return digestFingerprint([
    DEVICE_CONTEXT,
    lengthPrefix(ecdhPublicKey),
    ecdhPublicKey,
    lengthPrefix(ecdsaPublicKey),
    ecdsaPublicKey,
  ]);
}

/** The team manager key's fingerprint from its raw public key. */
export function managerKeyFingerprint(publicKey: Uint8Array): Promise<string> {
  return digestFingerprint([MANAGER_KEY_CONTEXT, lengthPrefix(publicKey), publicKey]);
}
