/**
 * Devices' public keys and signatures, checked with Web Crypto exactly as the browser made them: keys
 * are "raw" P-256 points (65 bytes, base64 on the wire), signatures ECDSA P-256 with SHA-256 in Web
 * Crypto's raw r‖s form (IEEE P1363, 64 bytes).
 */
import { ApiError } from "./api-error";

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

export function decodeBase64(text: string, what: string): Buffer {
  // Strict: canonical padded base64 only, so one value has one spelling.
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
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

// Imported verification keys, by their bytes: a device signs every push, and importing its key each
// time is wasted work. Bounded, oldest first out; a key is public, so keeping it in memory costs nothing.
const verifyKeys = new Map<string, Promise<CryptoKey>>();
const VERIFY_KEYS_KEPT = 2000;

function verifyKey(ecdsaPublicKey: Uint8Array): Promise<CryptoKey> {
  const id = Buffer.from(ecdsaPublicKey).toString("base64");
  let key = verifyKeys.get(id);
  if (!key) {
    key = crypto.subtle.importKey("raw", new Uint8Array(ecdsaPublicKey), ECDSA, false, ["verify"]);
    key.catch(() => verifyKeys.delete(id));
    verifyKeys.set(id, key);
    if (verifyKeys.size > VERIFY_KEYS_KEPT) verifyKeys.delete(verifyKeys.keys().next().value!);
  }
  return key;
}

export async function signatureIsValid(
  ecdsaPublicKey: Uint8Array,
  signature: Uint8Array,
  signedBytes: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  if (signature.length !== 64) return false;
  const key = await verifyKey(ecdsaPublicKey);
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, new Uint8Array(signature), signedBytes);
}
