/**
 * The team manager key's short fingerprint, which people compare by eye: a device pins the team key the
 * first time it sees it, and the screens show its numbers for comparison at approval. A device's own
 * fingerprint (and the digits' layout) is the team server's src/domain/team-sync/device-fingerprint.ts,
 * so the numbers on the new device and on the manager's screen come from the same code.
 */

import { concatBytes, lengthPrefix } from "../../domain/team-sync/framing";
import { fingerprintFromDigest } from "../../domain/team-sync/device-fingerprint";
import { utf8Encode } from "../bytes";

const MANAGER_KEY_CONTEXT = utf8Encode("safe-referral team manager key fingerprint v1\n");

/** The team manager key's fingerprint from its raw public key. */
export async function managerKeyFingerprint(publicKey: Uint8Array): Promise<string> {
  const input = concatBytes([MANAGER_KEY_CONTEXT, lengthPrefix(publicKey), publicKey]);
  return fingerprintFromDigest(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", input)));
}
