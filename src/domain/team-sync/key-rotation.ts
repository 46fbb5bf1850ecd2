/**
 * A case key replaced after a device that could read it was removed (issue 17 item 3). The manager's
 * device that makes the new key signs the rotation, and every device checks that signature before it
 * writes under the new key: anyone can seal a key to the team manager key's public half, so without it
 * a server could hand devices a key it chose and read every later write.
 *
 * The signature covers the team, the old and new key ids, and a commitment to the new key's bytes
 * (SHA-256 under its own purpose), so a device that unwraps the key checks it is the very key the
 * manager made. The commitment reveals nothing usable: the key is 32 random bytes.
 */
import { framed } from "./framing";

const encoder = new TextEncoder();

const ROTATION_CONTEXT = "safe-referral key rotation v1";
const COMMITMENT_CONTEXT = "safe-referral case key commitment v1";

export interface KeyRotationAddress {
  teamId: string;
  oldKeyId: string;
  newKeyId: string;
}

/** SHA-256 of the new key's raw bytes under the commitment's purpose (32 bytes). */
export async function caseKeyCommitment(raw: Uint8Array, keyId: string): Promise<Uint8Array<ArrayBuffer>> {
  const input = framed(COMMITMENT_CONTEXT, [encoder.encode(keyId), raw]);
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", input));
}

/** What the rotating manager device signs (ECDSA P-256, SHA-256, raw r‖s), and the server and readers verify. */
export function keyRotationSigningInput(address: KeyRotationAddress, commitment: Uint8Array): Uint8Array<ArrayBuffer> {
  if (commitment.length !== 32) throw new RangeError("A key commitment is 32 bytes");
  if (address.oldKeyId === address.newKeyId) throw new RangeError("A rotation replaces a key with another");
  return framed(ROTATION_CONTEXT, [
    encoder.encode(address.teamId),
    encoder.encode(address.oldKeyId),
    encoder.encode(address.newKeyId),
    commitment,
  ]);
}
