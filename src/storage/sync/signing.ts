/**
 * Signing and checking (ECDSA P-256 with SHA-256; Web Crypto's raw r‖s signature, IEEE P1363, 64 bytes).
 * What is signed comes from the team server's own src/domain/team-sync/signing-input.ts, so the device
 * that signs and the server that verifies use the very same bytes.
 */

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNATURE = { name: "ECDSA", hash: "SHA-256" } as const;
export const SIGNATURE_BYTES = 64;

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
