/**
 * The short fingerprint a manager compares on two screens before approving a device: the device shows
 * it from the keys it made, the manager's screen shows it from the keys the server holds. If a server
 * (or anyone between) swapped a key, the two differ. Pure: Web Crypto's SHA-256 is in browsers and Node.
 */

import { concatBytes, lengthPrefix } from "./framing";

/** Groups of four digits shown; 6 × 4 digits ≈ 80 bits, beyond any attacker's key-search budget. */
export const FINGERPRINT_GROUPS = 6;

// Binds the hash to its purpose, so these bytes can never be mistaken for another hash in the app.
const FINGERPRINT_CONTEXT = new TextEncoder().encode("safe-referral device fingerprint v1\n");

/** The two public keys of a device, each Web Crypto's "raw" export of a P-256 point (65 bytes). */
export interface DevicePublicKeys {
  ecdhPublicKey: Uint8Array;
  ecdsaPublicKey: Uint8Array;
}

/**
 * Six groups of four digits from a 32-byte digest: each group is one big-endian 32-bit word modulo
 * 10,000 (the bias, under 1 in 400,000, does not help an attacker).
 */
export function fingerprintFromDigest(digest: Uint8Array): string {
  if (digest.length < FINGERPRINT_GROUPS * 4) throw new RangeError("A fingerprint needs a 32-byte digest");
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const groups: string[] = [];
  for (let group = 0; group < FINGERPRINT_GROUPS; group += 1) {
    groups.push(String(view.getUint32(group * 4) % 10_000).padStart(4, "0"));
  }
  return groups.join(" ");
}

/** The bytes hashed: purpose, then each key behind its length so no two key pairs give the same input. */
export function fingerprintInput(keys: DevicePublicKeys): Uint8Array<ArrayBuffer> {
  const parts = [FINGERPRINT_CONTEXT, lengthPrefix(keys.ecdhPublicKey), keys.ecdhPublicKey];
  parts.push(lengthPrefix(keys.ecdsaPublicKey), keys.ecdsaPublicKey);
  return concatBytes(parts);
}

export async function deviceFingerprint(keys: DevicePublicKeys): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", fingerprintInput(keys));
  return fingerprintFromDigest(new Uint8Array(digest));
}
