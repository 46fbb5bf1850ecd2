/**
 * What a device signs (ECDSA P-256, SHA-256, Web Crypto's raw r‖s signature), in one place so the
 * browser that signs and the server that verifies can never disagree. Each input starts with its purpose,
 * so a signature made for one purpose is worthless for another (a signed challenge is not an envelope).
 */
import { framed } from "./framing";

const encoder = new TextEncoder();

const CHALLENGE_CONTEXT = "safe-referral session challenge v1";
const ENVELOPE_CONTEXT = "safe-referral envelope v1";

/** Signed to open a session: the challenge's id and its random nonce, as the server sent them. */
export function challengeSigningInput(challengeId: string, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  return framed(CHALLENGE_CONTEXT, [encoder.encode(challengeId), nonce]);
}

/** Where an envelope belongs: the server checks these against the row it stores. */
export interface EnvelopeAddress {
  teamId: string;
  recordId: string;
  keyId: string;
  /** The version this envelope becomes (its base version + 1). */
  version: number;
  /**
   * The signature of the version it was edited from (empty for version 1). A version number alone does
   * not say which text an edit started from: a device that chains a second edit on its own first, not
   * yet sent, would otherwise be accepted on top of someone else's version 1 and silently drop it.
   */
  parentSignature: Uint8Array;
}

/**
 * Signed by the author device over the envelope's address, its parent and its ciphertext, so a server
 * cannot move a ciphertext to another record, team, key, version or parent, nor alter a byte, without the
 * readers seeing it (a reader checks the parent against the previous version's signature it holds).
 */
export function envelopeSigningInput(address: EnvelopeAddress, ciphertext: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(address.version) || address.version < 1) {
    throw new RangeError("An envelope version is 1 or more");
  }
  if ((address.version === 1) !== (address.parentSignature.length === 0)) {
    throw new RangeError("Version 1 has no parent; every later version names its parent's signature");
  }
  return framed(ENVELOPE_CONTEXT, [
    encoder.encode(address.teamId),
    encoder.encode(address.recordId),
    encoder.encode(address.keyId),
    encoder.encode(String(address.version)),
    address.parentSignature,
    ciphertext,
  ]);
}
