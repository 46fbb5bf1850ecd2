/**
 * Sealing bytes to a device's (or the team manager key's) ECDH P-256 public key, so only the holder of
 * the private key can open them: how a case key is wrapped to its author's devices and to the team
 * manager key, and how the manager key's private half is wrapped to each manager device.
 *
 * Format (version 1): 0x01 ‖ ephemeral public point (65) ‖ IV (12) ‖ AES-256-GCM ciphertext and tag.
 * The AES key is HKDF-SHA-256 of the ECDH shared secret, bound to a `purpose` (e.g. "case-key:<id>"),
 * which is also the GCM additional data: a sealed key moved to another id does not open.
 */
import { concatBytes } from "./framing";

const VERSION = 1;
const POINT_BYTES = 65;
const IV_BYTES = 12;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
const encoder = new TextEncoder();

async function sealingKey(privateKey: CryptoKey, publicKey: CryptoKey, purpose: string, usage: KeyUsage) {
  const shared = await crypto.subtle.deriveBits({ name: "ECDH", public: publicKey }, privateKey, 256);
  const material = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(0),
      info: encoder.encode(`safe-referral sealed box v1 ${purpose}`),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

export async function sealToPublicKey(
  plaintext: Uint8Array<ArrayBuffer>,
  recipientPublicKey: Uint8Array<ArrayBuffer>,
  purpose: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const recipient = await crypto.subtle.importKey("raw", recipientPublicKey, ECDH, false, []);
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ["deriveBits"]);
  const key = await sealingKey(ephemeral.privateKey, recipient, purpose, "encrypt");
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(purpose) },
    key,
    plaintext,
  );
  const ephemeralPoint = new Uint8Array(await crypto.subtle.exportKey("raw", ephemeral.publicKey));
  return concatBytes([Uint8Array.of(VERSION), ephemeralPoint, iv, new Uint8Array(ciphertext)]);
}

/** Throws if the box was not sealed to this key, for this purpose, or was altered. */
export async function openSealed(
  sealed: Uint8Array<ArrayBuffer>,
  recipientPrivateKey: CryptoKey,
  purpose: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < 1 + POINT_BYTES + IV_BYTES + 16 || sealed[0] !== VERSION) {
    throw new Error("Not a sealed box this version can open");
  }
  const ephemeral = await crypto.subtle.importKey("raw", sealed.slice(1, 1 + POINT_BYTES), ECDH, false, []);
  const key = await sealingKey(recipientPrivateKey, ephemeral, purpose, "decrypt");
  const iv = sealed.slice(1 + POINT_BYTES, 1 + POINT_BYTES + IV_BYTES);
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(purpose) },
    key,
    sealed.slice(1 + POINT_BYTES + IV_BYTES),
  );
  return new Uint8Array(plaintext);
}

/** The purpose string a case key is sealed under. */
export function caseKeyPurpose(keyId: string): string {
  return `case-key:${keyId}`;
}

/** The purpose string the team manager key's private half is sealed under. */
export function managerKeyPurpose(keyId: string): string {
  return `manager-key:${keyId}`;
}
