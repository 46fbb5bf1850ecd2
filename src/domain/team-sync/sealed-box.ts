/**
 * Sealing bytes to an ECDH P-256 public key so only the holder of its private half can open them
 * (ECIES-style): how a case key is wrapped to its author's device and to the team manager key, how the
 * manager key's private half is wrapped to each manager device, and how a MARAC area key's is wrapped to
 * each coordinator device. The app's devices and the team server's tests seal and open with this one.
 *
 * Format (version 1):
 *   0x01 ‖ ephemeral public point (65 bytes, uncompressed) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
 * The AES key is HKDF-SHA-256 (empty salt, info "safe-referral sealed box v1 <purpose>") of the ECDH
 * secret between a fresh ephemeral key and the recipient; `purpose` (e.g. "case-key:<key id>") is also
 * the GCM associated data, so a box moved to another key id, or altered by one bit, does not open.
 * The recipient needs no binding of its own: only its private key completes the ECDH.
 */
import { concatBytes } from "./framing";

const VERSION = 1;
export const POINT_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

// Read at each call, not captured at load: the app and its tests may stand up WebCrypto after this loads.
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

/** Thrown when a box is not for this key or purpose, or was altered. Says nothing more, on purpose. */
export class SealedBoxError extends Error {
  override name = "SealedBoxError";
  constructor(options?: ErrorOptions) {
    super("A wrapped key could not be opened with this device's key.", options);
  }
}

async function boxKey(privateKey: CryptoKey, publicKey: CryptoKey, purpose: string, usage: KeyUsage) {
  const shared = await subtle().deriveBits({ name: "ECDH", public: publicKey }, privateKey, 256);
  const material = await subtle().importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return subtle().deriveKey(
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

export function importEcdhPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey("raw", new Uint8Array(raw), ECDH, true, []);
}

export async function sealToPublicKey(
  plaintext: Uint8Array<ArrayBuffer>,
  recipientPublicKey: Uint8Array,
  purpose: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const recipient = await importEcdhPublicKey(recipientPublicKey);
  const ephemeral = (await subtle().generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const key = await boxKey(ephemeral.privateKey, recipient, purpose, "encrypt");
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await subtle().encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(purpose) },
    key,
    plaintext,
  );
  const point = new Uint8Array(await subtle().exportKey("raw", ephemeral.publicKey));
  return concatBytes([Uint8Array.of(VERSION), point, iv, new Uint8Array(ciphertext)]);
}

/** The sealed bytes, or SealedBoxError if the box was not sealed to this key for this purpose, or was altered. */
export async function openSealed(
  sealed: Uint8Array,
  recipientPrivateKey: CryptoKey,
  purpose: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < 1 + POINT_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealedBoxError();
  try {
    const ephemeral = await importEcdhPublicKey(sealed.slice(1, 1 + POINT_BYTES));
    const key = await boxKey(recipientPrivateKey, ephemeral, purpose, "decrypt");
    const iv = sealed.slice(1 + POINT_BYTES, 1 + POINT_BYTES + IV_BYTES);
    const plaintext = await subtle().decrypt(
      { name: "AES-GCM", iv, additionalData: encoder.encode(purpose) },
      key,
      sealed.slice(1 + POINT_BYTES + IV_BYTES),
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    throw new SealedBoxError({ cause: error });
  }
}

/** What a case key is sealed under (the server's `caseKeyPurpose`). */
export function caseKeyPurpose(keyId: string): string {
  return `case-key:${keyId}`;
}

/** What the team manager key's private half is sealed under (the server's `managerKeyPurpose`). */
export function managerKeyPurpose(keyId: string): string {
  return `manager-key:${keyId}`;
}

/** What a MARAC area key's private half is sealed under, to each coordinator device of the area. */
export function areaKeyPurpose(keyId: string): string {
  return `area-key:${keyId}`;
}
