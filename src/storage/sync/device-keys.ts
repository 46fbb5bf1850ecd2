/**
 * A device's own key pairs, made with Web Crypto when the device enrols: ECDH P-256 to receive keys
 * (case keys and the team manager key are sealed to it) and ECDSA P-256 to sign (sign-in challenges and
 * every envelope it sends). The private halves exist in two forms only: sealed under the profile's data
 * key in the vault (PKCS #8, see sync-store.ts), and, while the vault is unlocked, as non-extractable
 * CryptoKeys. They are extractable for the single moment after generation in which they are sealed.
 * Public halves travel as Web Crypto "raw" points (65 bytes), base64 on the wire.
 */

import { fromBase64, toBase64 } from "../bytes";
import { deviceFingerprint } from "../../domain/team-sync/device-fingerprint";
import { challengeSigningInput } from "../../domain/team-sync/signing-input";
import { sign } from "./signing";

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** The device's keys as the vault stores them (inside a sealed row; never in clear). Base64 throughout. */
export interface DeviceKeyMaterial {
  ecdhPrivateKey: string;
  ecdsaPrivateKey: string;
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
}

/** The device's keys in use: private halves non-extractable. */
export interface DeviceKeys {
  readonly ecdhPrivateKey: CryptoKey;
  readonly ecdsaPrivateKey: CryptoKey;
  readonly ecdhPublicKey: Uint8Array<ArrayBuffer>;
  readonly ecdsaPublicKey: Uint8Array<ArrayBuffer>;
}

/** What the enrolment request carries, and what the device shows for the manager to compare. */
export interface DevicePublicKeys {
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
  fingerprint: string;
}

/** New key pairs, in the form to seal (material) and in the form to use (keys). */
export async function generateDeviceKeys(): Promise<{ material: DeviceKeyMaterial; keys: DeviceKeys }> {
  const ecdh = (await subtle().generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const ecdsa = (await subtle().generateKey(ECDSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const material: DeviceKeyMaterial = {
    ecdhPrivateKey: toBase64(new Uint8Array(await subtle().exportKey("pkcs8", ecdh.privateKey))),
    ecdsaPrivateKey: toBase64(new Uint8Array(await subtle().exportKey("pkcs8", ecdsa.privateKey))),
    ecdhPublicKey: toBase64(new Uint8Array(await subtle().exportKey("raw", ecdh.publicKey))),
    ecdsaPublicKey: toBase64(new Uint8Array(await subtle().exportKey("raw", ecdsa.publicKey))),
  };
  // The extractable pairs go out of scope here; only non-extractable copies are handed on.
  return { material, keys: await importDeviceKeys(material) };
}

/** The keys to use, from their sealed form: the private halves come back non-extractable. */
export async function importDeviceKeys(material: DeviceKeyMaterial): Promise<DeviceKeys> {
  const [ecdhPrivateKey, ecdsaPrivateKey] = await Promise.all([
    subtle().importKey("pkcs8", fromBase64(material.ecdhPrivateKey), ECDH, false, ["deriveBits"]),
    subtle().importKey("pkcs8", fromBase64(material.ecdsaPrivateKey), ECDSA, false, ["sign"]),
  ]);
  return {
    ecdhPrivateKey,
    ecdsaPrivateKey,
    ecdhPublicKey: fromBase64(material.ecdhPublicKey),
    ecdsaPublicKey: fromBase64(material.ecdsaPublicKey),
  };
}

export async function devicePublicKeys(keys: DeviceKeys): Promise<DevicePublicKeys> {
  return {
    ecdhPublicKey: toBase64(keys.ecdhPublicKey),
    ecdsaPublicKey: toBase64(keys.ecdsaPublicKey),
    fingerprint: await deviceFingerprint(keys),
  };
}

/** The signature (base64) that opens a session: over the challenge id and the nonce the server sent. */
export async function signChallenge(keys: DeviceKeys, challengeId: string, nonceBase64: string): Promise<string> {
  return toBase64(await sign(keys.ecdsaPrivateKey, challengeSigningInput(challengeId, fromBase64(nonceBase64))));
}
