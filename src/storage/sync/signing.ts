/**
 * What a device signs (ECDSA P-256 with SHA-256; Web Crypto's raw r‖s signature, IEEE P1363, 64 bytes)
 * and checking it. The inputs are byte-for-byte those of the team server's
 * src/domain/team-sync/signing-input.ts, which verifies them: each starts with its purpose, so a signed
 * sign-in challenge can never pass for an envelope, and every field is length-framed.
 */

import { utf8Encode } from "../bytes";
import { framed } from "./framing";

const CHALLENGE_PURPOSE = "safe-referral session challenge v1";
const ENVELOPE_PURPOSE = "safe-referral envelope v1";
const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNATURE = { name: "ECDSA", hash: "SHA-256" } as const;
export const SIGNATURE_BYTES = 64;

/** Where an envelope belongs. The server checks it against the row it stores; readers check it again. */
export interface EnvelopeAddress {
  teamId: string;
  recordId: string;
  keyId: string;
  /** The version this envelope is (its base version + 1). */
  version: number;
  /**
   * The signature of the version it was made on (empty for version 1). A number alone does not say
   * which text an edit started from; the server accepts an edit only on top of that very version.
   */
  parentSignature: Uint8Array;
}

/** Signed to open a session: the challenge's id and its random nonce, as the server sent them. */
export function challengeSigningInput(challengeId: string, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  return framed(CHALLENGE_PURPOSE, [utf8Encode(challengeId), nonce]);
}

/** Signed by the author over the address, the parent and the ciphertext: nothing can be moved or altered unseen. */
export function envelopeSigningInput(address: EnvelopeAddress, ciphertext: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(address.version) || address.version < 1) {
    throw new RangeError("An envelope version is 1 or more");
  }
  if ((address.version === 1) !== (address.parentSignature.length === 0)) {
    throw new RangeError("Version 1 has no parent; every later version names its parent's signature");
  }
  return framed(ENVELOPE_PURPOSE, [
    utf8Encode(address.teamId),
    utf8Encode(address.recordId),
    utf8Encode(address.keyId),
    utf8Encode(String(address.version)),
    address.parentSignature,
    ciphertext,
  ]);
}

export async function sign(privateKey: CryptoKey, bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.sign(SIGNATURE, privateKey, bytes));
}

export function importSigningPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("raw", new Uint8Array(raw), ECDSA, false, ["verify"]);
}

/** False for a wrong signer, altered bytes or a signature of the wrong shape; never throws for those. */
export async function verifySignature(
  publicKey: CryptoKey,
  signature: Uint8Array,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    return await globalThis.crypto.subtle.verify(SIGNATURE, publicKey, new Uint8Array(signature), bytes);
  } catch {
    return false;
  }
}
