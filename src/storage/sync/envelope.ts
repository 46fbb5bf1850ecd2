/**
 * Envelopes: one version of one record, encrypted under its case key and signed by the device that
 * wrote it. What the server stores and hands out, and all it ever learns of a record's content.
 *
 * Plaintext  UTF-8 JSON of a SyncDocument (record id, case id, kind, body, savedAt).
 * Ciphertext 0x01 ‖ IV (12 random bytes) ‖ AES-256-GCM(case key) ciphertext ‖ tag (16).
 *            Associated data: framed("safe-referral envelope content v1",
 *            [team id, record id, key id, version, author device id]), so a ciphertext opens only as
 *            the version of the record it was written as, by the device that wrote it.
 * Signature  ECDSA P-256 / SHA-256, raw r‖s (64 bytes), by the author device over
 *            envelopeSigningInput({team id, record id, key id, version, parent signature}, ciphertext):
 *            what the server checks before storing, and what every reader checks again with the author's
 *            public key. The parent is the signature of the version the change was made on (none for
 *            version 1); the server stores an edit only on top of that very version.
 *
 * A forged or altered envelope (any byte of ciphertext, signature or address, or a wrong author) is
 * refused with a reason; nothing from it is kept.
 */

import type { DecodedPageEnvelope } from "../../domain/team-sync/envelope-page";
import { z } from "zod";
import { fromBase64, isBase64, toBase64, utf8Decode, utf8Encode } from "../bytes";
import { randomBytes } from "../crypto";
import type { JsonValue } from "../db";
import { concatBytes, framed } from "../../domain/team-sync/framing";
import { envelopeSigningInput, type EnvelopeAddress } from "../../domain/team-sync/signing-input";
import { sign, verifySignature } from "./signing";

const CONTENT_VERSION = 1;
const IV_BYTES = 12;
const CONTENT_PURPOSE = "safe-referral envelope content v1";
/** The server's limit (LIMITS.envelopeBytesMax): larger envelopes are refused with 413. */
export const ENVELOPE_BYTES_MAX = 4 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const uuidSchema = z.string().regex(UUID, "a lower-case UUID");

/** One record as every device that may read it receives it. */
export interface SyncDocument {
  /** The server's record id (a UUID): a case, an assessment, a pack, the review of a case. */
  recordId: string;
  /** The case it belongs to; every record of a case shares the case key. */
  caseId: string;
  /** What the record is ("case", "assessment", "pack", "review", …): a code, never shown as is. */
  kind: string;
  body: JsonValue;
  /** When the author saved it, by the author's clock (for the screens; the version orders changes). */
  savedAt: string;
}

export const syncDocumentSchema = z.strictObject({
  recordId: uuidSchema,
  caseId: uuidSchema,
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  body: z.json(),
  savedAt: z.iso.datetime(),
});

/** POST /api/envelopes body. */
export interface OutgoingEnvelope {
  recordId: string;
  keyId: string;
  /** The version the change was made on; the envelope becomes baseVersion + 1. */
  baseVersion: number;
  /** That version's signature; absent for a new record (baseVersion 0). */
  baseSignature?: string;
  ciphertext: string;
  signature: string;
}

/** An envelope as GET /api/envelopes hands it out (the fields readers use), in JSON or in bytes. */
export interface IncomingEnvelope extends DecodedPageEnvelope {
  /**
   * The parent's signature, if the server sends it (the team server does not yet: readers take it from
   * the version before, which they pulled just before).
   */
  baseSignature?: string;
}

export type EnvelopeRefusal =
  /** The author is not a device of this team the directory knows (or it was never approved). */
  | "unknown-author"
  /** The version it was made on never reached this device, so its signature cannot be checked. */
  | "unknown-parent"
  /** The signature does not match the address, the ciphertext and the author's key. */
  | "bad-signature"
  /** This device holds no way to the case key (nothing to unwrap it with, or the wrapping is not for it). */
  | "no-key"
  /** The ciphertext does not decrypt under the case key as this version of this record by this author. */
  | "cannot-decrypt"
  /** It decrypted, but is not a record this version of the app understands, or names another record. */
  | "malformed";

export type OpenedEnvelope = { ok: true; document: SyncDocument } | { ok: false; reason: EnvelopeRefusal };

export function envelopeContentAad(
  address: Omit<EnvelopeAddress, "parentSignature">,
  authorDeviceId: string,
): Uint8Array<ArrayBuffer> {
  return framed(CONTENT_PURPOSE, [
    utf8Encode(address.teamId),
    utf8Encode(address.recordId),
    utf8Encode(address.keyId),
    utf8Encode(String(address.version)),
    utf8Encode(authorDeviceId),
  ]);
}

/** Encrypts and signs one version of a record, ready to push. */
export async function sealEnvelope(input: {
  address: EnvelopeAddress;
  authorDeviceId: string;
  caseKey: CryptoKey;
  signingKey: CryptoKey;
  document: SyncDocument;
}): Promise<OutgoingEnvelope> {
  const { address, document } = input;
  if (document.recordId !== address.recordId) throw new RangeError("The document is not the addressed record");
  const iv = randomBytes(IV_BYTES);
  const encrypted = await globalThis.crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: envelopeContentAad(address, input.authorDeviceId) },
    input.caseKey,
    utf8Encode(JSON.stringify(document)),
  );
  const ciphertext = concatBytes([Uint8Array.of(CONTENT_VERSION), iv, new Uint8Array(encrypted)]);
  if (ciphertext.length > ENVELOPE_BYTES_MAX) throw new RangeError("The record is larger than the server accepts");
  const signature = await sign(input.signingKey, envelopeSigningInput(address, ciphertext));
  return {
    recordId: address.recordId,
    keyId: address.keyId,
    baseVersion: address.version - 1,
    ...(address.version > 1 ? { baseSignature: toBase64(address.parentSignature) } : {}),
    ciphertext: toBase64(ciphertext),
    signature: toBase64(signature),
  };
}

/**
 * True when the author's signature covers this address, this parent (the signature of the version
 * before, base64; "" for version 1) and this ciphertext.
 */
export async function envelopeSignatureIsValid(
  envelope: Pick<IncomingEnvelope, "recordId" | "keyId" | "version" | "ciphertext" | "signature">,
  teamId: string,
  authorKey: CryptoKey,
  parentSignature: string,
): Promise<boolean> {
  if (!isBase64(envelope.ciphertext) || !isBase64(envelope.signature) || !isBase64(parentSignature)) return false;
  if (!Number.isSafeInteger(envelope.version) || envelope.version < 1) return false;
  if ((envelope.version === 1) !== (parentSignature === "")) return false;
  const address = {
    teamId,
    recordId: envelope.recordId,
    keyId: envelope.keyId,
    version: envelope.version,
    parentSignature: fromBase64(parentSignature),
  };
  const signed = envelopeSigningInput(address, fromBase64(envelope.ciphertext));
  return verifySignature(authorKey, fromBase64(envelope.signature), signed);
}

/**
 * Decrypts an envelope whose signature has been checked (envelopeSignatureIsValid) with its case key,
 * and checks what is inside names the same record.
 */
export async function decryptEnvelope(
  envelope: Pick<IncomingEnvelope, "recordId" | "keyId" | "version" | "authorDeviceId" | "ciphertext">,
  teamId: string,
  caseKey: CryptoKey,
): Promise<OpenedEnvelope> {
  const bytes = fromBase64(envelope.ciphertext);
  if (bytes.length < 1 + IV_BYTES + 16 || bytes[0] !== CONTENT_VERSION) return { ok: false, reason: "cannot-decrypt" };
  const address = { teamId, recordId: envelope.recordId, keyId: envelope.keyId, version: envelope.version };
  let plaintext: ArrayBuffer;
  try {
    plaintext = await globalThis.crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: bytes.slice(1, 1 + IV_BYTES),
        additionalData: envelopeContentAad(address, envelope.authorDeviceId),
      },
      caseKey,
      bytes.slice(1 + IV_BYTES),
    );
  } catch {
    return { ok: false, reason: "cannot-decrypt" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(new Uint8Array(plaintext)));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const document = syncDocumentSchema.safeParse(parsed);
  if (!document.success || document.data.recordId !== envelope.recordId) return { ok: false, reason: "malformed" };
  return { ok: true, document: document.data as SyncDocument };
}
