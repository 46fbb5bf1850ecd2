/**
 * A key per case, and the team manager key that lets managers read every case without one wrapping
 * per manager device per case.
 *
 *   case key      random AES-256-GCM key (32 raw bytes); every record of the case is encrypted under it.
 *                 Wrapped (domain/team-sync/sealed-box.ts, purpose "case-key:<key id>") to the author's
 *                 device and to the team manager key's public half; nobody else ever receives it.
 *   manager key   one ECDH P-256 key pair per team, made by the first manager device. Its public half is
 *                 on the server; its private half (PKCS #8) is wrapped (purpose "manager-key:<key id>") to
 *                 each manager device, so approving a manager device wraps one key, not one per case.
 *
 * A practitioner's device holds no wrapping of a colleague's case key and no wrapping of the manager
 * key, so no envelope of that case can be decrypted on it, whatever the server hands over.
 */

import { fromBase64, toBase64 } from "../bytes";
import { randomBytes } from "../crypto";
import type { DeviceKeys } from "./device-keys";
import { managerKeyFingerprint } from "./fingerprint";
import {
  caseKeyPurpose,
  managerKeyPurpose,
  openSealed,
  sealToPublicKey,
  SealedBoxError,
} from "../../domain/team-sync/sealed-box";

export const CASE_KEY_BYTES = 32;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export function newCaseKeyBytes(): Uint8Array<ArrayBuffer> {
  return randomBytes(CASE_KEY_BYTES);
}

/** The case key for encrypting and decrypting, non-extractable. */
export async function importCaseKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== CASE_KEY_BYTES) throw new SealedBoxError();
  return subtle().importKey("raw", new Uint8Array(raw), { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
}

/** The case key sealed to one recipient's ECDH public key (a device's, or the team manager key's). Base64. */
export async function wrapCaseKey(raw: Uint8Array<ArrayBuffer>, recipientPublicKey: Uint8Array, keyId: string) {
  return toBase64(await sealToPublicKey(raw, recipientPublicKey, caseKeyPurpose(keyId)));
}

/** The case key's raw bytes from a wrapping this private key can open; SealedBoxError otherwise. */
export async function unwrapCaseKey(
  wrapped: string,
  privateKey: CryptoKey,
  keyId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const raw = await openSealed(fromBase64(wrapped), privateKey, caseKeyPurpose(keyId));
  if (raw.length !== CASE_KEY_BYTES) throw new SealedBoxError();
  return raw;
}

/** The team manager key as a manager device holds it while unlocked. */
export interface ManagerKey {
  keyId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  /** Non-extractable. */
  privateKey: CryptoKey;
}

/**
 * The first manager device makes the team manager key: the request body for PUT /api/team/manager-key
 * (`keyId`, `publicKey`, `wrapped` = the private half sealed to this device) and the key to use.
 */
export async function createTeamManagerKey(
  device: DeviceKeys,
): Promise<{ request: { keyId: string; publicKey: string; wrapped: string }; key: ManagerKey; fingerprint: string }> {
  const pair = (await subtle().generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const keyId = globalThis.crypto.randomUUID();
  const publicKey = new Uint8Array(await subtle().exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle().exportKey("pkcs8", pair.privateKey));
  const wrapped = toBase64(await sealToPublicKey(pkcs8, device.ecdhPublicKey, managerKeyPurpose(keyId)));
  pkcs8.fill(0);
  const privateKey = await openManagerKey({ keyId, wrapped }, device);
  return {
    request: { keyId, publicKey: toBase64(publicKey), wrapped },
    key: { keyId, publicKey, privateKey },
    fingerprint: await managerKeyFingerprint(publicKey),
  };
}

/**
 * The manager key's private half (non-extractable) from its wrapping to this device — or, for an older
 * team key, from its wrapping to the team key that replaced it (`device` is then that key's private half).
 */
export async function openManagerKey(
  wrapping: { keyId: string; wrapped: string },
  device: Pick<DeviceKeys, "ecdhPrivateKey">,
) {
  const pkcs8 = await openSealed(
    fromBase64(wrapping.wrapped),
    device.ecdhPrivateKey,
    managerKeyPurpose(wrapping.keyId),
  );
  try {
    return await subtle().importKey("pkcs8", pkcs8, ECDH, false, ["deriveBits"]);
  } catch (error) {
    throw new SealedBoxError({ cause: error });
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Approving another manager device: this device's own wrapping of the manager key, opened and sealed
 * again to the new device's ECDH public key (base64). The body's `managerKeyWrapped`.
 */
export async function wrapManagerKeyForDevice(
  ownWrapping: { keyId: string; wrapped: string },
  device: DeviceKeys,
  recipientEcdhPublicKey: string,
): Promise<string> {
  const purpose = managerKeyPurpose(ownWrapping.keyId);
  const pkcs8 = await openSealed(fromBase64(ownWrapping.wrapped), device.ecdhPrivateKey, purpose);
  try {
    return toBase64(await sealToPublicKey(pkcs8, fromBase64(recipientEcdhPublicKey), purpose));
  } finally {
    pkcs8.fill(0);
  }
}
