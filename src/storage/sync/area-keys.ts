/**
 * A MARAC area's key (issue 17 item 1), made and passed on as the team manager key is (case-keys.ts):
 * an ECDH P-256 key pair per area, made by the area's first coordinator device; its public half on the
 * server (each referral's key is wrapped to it), its private half (PKCS #8) sealed with purpose
 * "area-key:<key id>" to each coordinator device, the approving coordinator sealing it to the next.
 */

import { fromBase64, toBase64 } from "../bytes";
import type { DeviceKeys } from "./device-keys";
import { managerKeyFingerprint } from "./fingerprint";
import { areaKeyPurpose, openSealed, sealToPublicKey, SealedBoxError } from "../../domain/team-sync/sealed-box";

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

/** The body of PUT /api/area/key: a new area key, its private half sealed to this device. */
export async function createAreaKey(
  device: DeviceKeys,
): Promise<{ request: { keyId: string; publicKey: string; wrapped: string }; fingerprint: string }> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const keyId = globalThis.crypto.randomUUID();
  const publicKey = new Uint8Array(await subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey("pkcs8", pair.privateKey));
  try {
    const wrapped = toBase64(await sealToPublicKey(pkcs8, device.ecdhPublicKey, areaKeyPurpose(keyId)));
    return {
      request: { keyId, publicKey: toBase64(publicKey), wrapped },
      fingerprint: await managerKeyFingerprint(publicKey),
    };
  } finally {
    pkcs8.fill(0);
  }
}

/** The area key's private half (non-extractable) from its wrapping to this device; SealedBoxError otherwise. */
export async function openAreaKey(
  wrapping: { keyId: string; wrapped: string },
  device: DeviceKeys,
): Promise<CryptoKey> {
  const pkcs8 = await openSealed(fromBase64(wrapping.wrapped), device.ecdhPrivateKey, areaKeyPurpose(wrapping.keyId));
  try {
    return await globalThis.crypto.subtle.importKey("pkcs8", pkcs8, ECDH, false, ["deriveBits"]);
  } catch (error) {
    throw new SealedBoxError({ cause: error });
  } finally {
    pkcs8.fill(0);
  }
}

/** Approving another coordinator device: this device's wrapping of the area key sealed again to the new device. */
export async function wrapAreaKeyForDevice(
  ownWrapping: { keyId: string; wrapped: string },
  device: DeviceKeys,
  recipientEcdhPublicKey: string,
): Promise<string> {
  const purpose = areaKeyPurpose(ownWrapping.keyId);
  const pkcs8 = await openSealed(fromBase64(ownWrapping.wrapped), device.ecdhPrivateKey, purpose);
  try {
    return toBase64(await sealToPublicKey(pkcs8, fromBase64(recipientEcdhPublicKey), purpose));
  } finally {
    pkcs8.fill(0);
  }
}
