/**
 * Devices' public keys and signatures, checked with Web Crypto exactly as the browser made them: keys
 * are "raw" P-256 points (65 bytes, base64 on the wire), signatures ECDSA P-256 with SHA-256 in Web
 * Crypto's raw r‖s form (IEEE P1363, 64 bytes).
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { ApiError } from "./api-error";

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

export function decodeBase64(text: string, what: string): Buffer {
  // Strict: canonical padded base64 only, so one value has one spelling. Whole groups of four with at most
  // two "=" at the end, checked without a repeated group: as /^(?:[A-Za-z0-9+/]{4})*…$/ the regex engine
  // ran out of stack on a ciphertext of about 3.5 MB (the push limit is 4 MB) and the push failed with 500.
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new ApiError(400, "bad-encoding", `The ${what} is not valid base64.`);
  }
  return Buffer.from(text, "base64");
}

/** Throws a 400 unless the bytes are a valid P-256 public point for the given use. */
export async function checkPublicKey(bytes: Uint8Array, use: "ecdh" | "ecdsa"): Promise<void> {
  const what = use === "ecdh" ? "key-agreement (ECDH)" : "signing (ECDSA)";
  try {
    if (bytes.length !== 65 || bytes[0] !== 4) throw new Error("not an uncompressed point");
    await crypto.subtle.importKey(
      "raw",
      new Uint8Array(bytes),
      use === "ecdh" ? ECDH : ECDSA,
      true,
      use === "ecdh" ? [] : ["verify"],
    );
  } catch {
    throw new ApiError(400, "bad-public-key", `The ${what} public key is not a P-256 public key.`);
  }
}

// Verification keys, by their bytes: a device signs every push, and building its key each time is
// wasted work. Bounded, oldest first out; a key is public, so keeping it in memory costs nothing.
// node:crypto rather than Web Crypto here: a synchronous verify skips the thread-pool round trip and the
// promise machinery of crypto.subtle, which under 50 devices at once was an eighth of the server's time.
const verifyKeys = new Map<string, KeyObject | null>();
const VERIFY_KEYS_KEPT = 2000;

/** The key of a raw P-256 point; null if it is not one (stored keys were checked at enrolment). */
function verifyKey(ecdsaPublicKey: Uint8Array): KeyObject | null {
  const id = Buffer.from(ecdsaPublicKey).toString("base64");
  let key = verifyKeys.get(id);
  if (key === undefined) {
    try {
      if (ecdsaPublicKey.length !== 65 || ecdsaPublicKey[0] !== 4) throw new Error("not an uncompressed point");
      const point = Buffer.from(ecdsaPublicKey);
      key = createPublicKey({
        format: "jwk",
        key: {
          kty: "EC",
          crv: "P-256",
          x: point.subarray(1, 33).toString("base64url"),
          y: point.subarray(33, 65).toString("base64url"),
        },
      });
    } catch {
      key = null;
    }
    verifyKeys.set(id, key);
    if (verifyKeys.size > VERIFY_KEYS_KEPT) verifyKeys.delete(verifyKeys.keys().next().value!);
  }
  return key;
}

/** ECDSA P-256 with SHA-256 over `signedBytes`, the signature in Web Crypto's raw r‖s form. */
export function signatureIsValid(ecdsaPublicKey: Uint8Array, signature: Uint8Array, signedBytes: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const key = verifyKey(ecdsaPublicKey);
  if (!key) return false;
  try {
    return verify("sha256", signedBytes, { key, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    return false;
  }
}
