/**
 * A page of GET /api/envelopes in bytes (docs/decisions.md §36): what a device asks for with
 * `Accept: application/x-safe-referral-envelope-page-2`. The same envelopes as the JSON answer, but the
 * ciphertext, signature and wrapped key travel as raw bytes and the ids as 16 bytes each, so the server
 * neither base64-encodes nor serialises anything (PostgreSQL hands it the fields in their bytes, the API
 * lays them out: writeEnvelopeBytes) and the device parses no JSON. At a million envelopes of 1 KB the
 * JSON answer was 1.8 GB and most of the pull's time (docs/scaling.md).
 *
 * Layout, every number big-endian:
 *   page      = start · envelope × count · end
 *   start     = "SRP2" · latest rotation (uint64) · latest grant (uint64)
 *   envelope  = seq (uint64) · record id (16) · key id (16) · version (uint32) · author device id (16) ·
 *               wrapped to (uint8: 1 this device, 0 the team manager key) ·
 *               signature length (uint16) · signature · wrapped key length (uint16) · wrapped key ·
 *               ciphertext length (uint32) · ciphertext
 *   end       = "SRPE" · cursor (uint64) · more (uint8: 0 or 1) · envelope count (uint32)
 * What depends on the envelopes (how many, the cursor, whether more follow) comes after them, so the
 * server streams the envelopes as PostgreSQL writes them rather than holding the page back until the
 * last (decisions §39; layout 1, "SRP1", carried them in front).
 * Envelopes come in rising seq order, each seq above 0, and nothing may follow the end. A page that breaks
 * any of this is refused whole.
 */

// The layout's number is in the name: an app of the version before (layout 1, asking for
// "application/x-safe-referral-envelope-page") is answered in JSON, which it also reads, until it updates.
export const ENVELOPE_PAGE_MEDIA_TYPE = "application/x-safe-referral-envelope-page-2";

/** "SRP2": Safe Referral page, layout 2. */
export const ENVELOPE_PAGE_MAGIC = Uint8Array.of(0x53, 0x52, 0x50, 0x32);
/** "SRPE": the end of a page, in front of what depends on its envelopes. */
export const ENVELOPE_PAGE_END_MAGIC = Uint8Array.of(0x53, 0x52, 0x50, 0x45);

/** An envelope's fixed fields: seq, three ids, version and whom its key is wrapped to. */
const FIXED_BYTES = 8 + 16 + 16 + 4 + 16 + 1;

/** Bytes before the first envelope. */
export const ENVELOPE_PAGE_START_BYTES = 4 + 8 + 8;
/** Bytes after the last envelope. */
export const ENVELOPE_PAGE_END_BYTES = 4 + 8 + 1 + 4;

/**
 * An envelope as GET /api/envelopes hands it out, whichever the format: the fields every reader uses,
 * bytes as base64. The JSON answer adds `size` and `createdAt` (the server's PulledEnvelope).
 */
export interface DecodedPageEnvelope {
  seq: number;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  ciphertext: string;
  signature: string;
  wrappedKey: string;
  wrappedTo: "device" | "manager-key";
}

export interface DecodedEnvelopePage {
  envelopes: DecodedPageEnvelope[];
  cursor: number;
  more: boolean;
  latestRotation: number;
  /** The newest key grant to this device (a reassigned case, decisions §33). */
  latestGrant: number;
}

export class EnvelopePageFormatError extends Error {
  constructor(reason: string) {
    super(`The envelope page could not be read: ${reason}`);
    this.name = "EnvelopePageFormatError";
  }
}

/** The page's start, in front of its envelopes. */
export function encodeEnvelopePageStart(page: {
  latestRotation: number;
  latestGrant: number;
}): Uint8Array<ArrayBuffer> {
  const start = new Uint8Array(ENVELOPE_PAGE_START_BYTES);
  const view = new DataView(start.buffer);
  start.set(ENVELOPE_PAGE_MAGIC, 0);
  view.setBigUint64(4, BigInt(page.latestRotation));
  view.setBigUint64(12, BigInt(page.latestGrant));
  return start;
}

/** The page's end, after its envelopes: how many there were, the cursor, and whether more follow. */
export function encodeEnvelopePageEnd(page: { cursor: number; more: boolean; count: number }): Uint8Array<ArrayBuffer> {
  const end = new Uint8Array(ENVELOPE_PAGE_END_BYTES);
  const view = new DataView(end.buffer);
  end.set(ENVELOPE_PAGE_END_MAGIC, 0);
  view.setBigUint64(4, BigInt(page.cursor));
  view.setUint8(12, page.more ? 1 : 0);
  view.setUint32(13, page.count);
  return end;
}

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError("Not a lower-case UUID");
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
}

/**
 * One envelope's fields, each already in the bytes the page carries: seq as 8, version as 4 (big-endian),
 * ids as 16. The team server has them so from PostgreSQL; encodeEnvelopePage makes them from a decoded page.
 */
export interface EnvelopeFieldBytes {
  seq: Uint8Array;
  recordId: Uint8Array;
  keyId: Uint8Array;
  version: Uint8Array;
  authorDeviceId: Uint8Array;
  /** 1: wrapped to this device; 0: to the team manager key. */
  wrappedTo: number;
  signature: Uint8Array;
  wrappedKey: Uint8Array;
  ciphertext: Uint8Array;
}

const UINT16_MAX = 0xffff;

/** How many bytes `envelope` takes in a page. */
export function envelopeByteLength(envelope: EnvelopeFieldBytes): number {
  return FIXED_BYTES + 2 + envelope.signature.length + 2 + envelope.wrappedKey.length + 4 + envelope.ciphertext.length;
}

/**
 * Writes `envelope` into `out` at `at` in the page's layout (the one place it is written); returns where the
 * next envelope begins. A field of the wrong size, or one longer than its length can say, is a RangeError.
 */
export function writeEnvelopeBytes(envelope: EnvelopeFieldBytes, out: Uint8Array, at: number): number {
  const { seq, recordId, keyId, version, authorDeviceId, signature, wrappedKey, ciphertext } = envelope;
  if (seq.length !== 8 || version.length !== 4) throw new RangeError("A seq is 8 bytes and a version 4");
  if (recordId.length !== 16 || keyId.length !== 16 || authorDeviceId.length !== 16) {
    throw new RangeError("An id is 16 bytes");
  }
  if (envelope.wrappedTo !== 0 && envelope.wrappedTo !== 1) throw new RangeError("Wrapped to is 0 or 1");
  if (signature.length > UINT16_MAX || wrappedKey.length > UINT16_MAX || ciphertext.length > 0xffffffff) {
    throw new RangeError("A field is longer than its length can say");
  }
  let next = at;
  for (const field of [seq, recordId, keyId, version, authorDeviceId]) {
    out.set(field, next);
    next += field.length;
  }
  out[next++] = envelope.wrappedTo;
  for (const [field, lengthBytes] of [
    [signature, 2],
    [wrappedKey, 2],
    [ciphertext, 4],
  ] as const) {
    for (let shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) out[next++] = (field.length >>> shift) & 0xff;
    out.set(field, next);
    next += field.length;
  }
  return next;
}

/**
 * A whole page in bytes, as the team server writes it (src/server/envelopes-service.ts): the reference the
 * tests and the in-memory fake server hold the layout to. `decodeBase64` is the platform's decoder (the
 * app's fromBase64).
 */
export function encodeEnvelopePage(
  page: DecodedEnvelopePage,
  decodeBase64: (text: string) => Uint8Array,
): Uint8Array<ArrayBuffer> {
  const envelopes = page.envelopes.map((envelope): EnvelopeFieldBytes => {
    const seq = new Uint8Array(8);
    new DataView(seq.buffer).setBigUint64(0, BigInt(envelope.seq));
    const version = new Uint8Array(4);
    new DataView(version.buffer).setUint32(0, envelope.version);
    return {
      seq,
      recordId: uuidBytes(envelope.recordId),
      keyId: uuidBytes(envelope.keyId),
      version,
      authorDeviceId: uuidBytes(envelope.authorDeviceId),
      wrappedTo: envelope.wrappedTo === "device" ? 1 : 0,
      signature: decodeBase64(envelope.signature),
      wrappedKey: decodeBase64(envelope.wrappedKey),
      ciphertext: decodeBase64(envelope.ciphertext),
    };
  });
  const start = encodeEnvelopePageStart({ latestRotation: page.latestRotation, latestGrant: page.latestGrant });
  const end = encodeEnvelopePageEnd({ cursor: page.cursor, more: page.more, count: envelopes.length });
  const out = new Uint8Array(
    start.length + envelopes.reduce((total, envelope) => total + envelopeByteLength(envelope), 0) + end.length,
  );
  out.set(start, 0);
  let at = start.length;
  for (const envelope of envelopes) at = writeEnvelopeBytes(envelope, out, at);
  out.set(end, at);
  return out;
}

// Each byte's two hex digits as character codes, low byte first (as a Uint16Array lays them out).
const HEX_DIGIT_PAIRS = Uint16Array.from({ length: 256 }, (_, byte) => {
  const hex = byte.toString(16).padStart(2, "0");
  return hex.charCodeAt(0) | (hex.charCodeAt(1) << 8);
});
const UUID_TEXT_LENGTH = 36;
const DASH = 0x2d;
const asciiDecoder = new TextDecoder();

/**
 * Writes a UUID's 16 bytes as its lower-case text (the form every id of the API takes) into `text` at
 * `to`. A page's ids are written into one buffer and decoded as one string: building each id from
 * strings cost more than reading the rest of its envelope.
 */
function writeUuidText(bytes: Uint8Array, at: number, text: Uint8Array, to: number): void {
  let out = to;
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[out++] = DASH;
    const pair = HEX_DIGIT_PAIRS[bytes[at + index]!]!;
    text[out++] = pair & 0xff;
    text[out++] = pair >> 8;
  }
}

// A uint64 the page carries (seq, cursor, rotation id) must be an exact JavaScript number (below 2^53).
function readSafeUint64(view: DataView, at: number, what: string): number {
  const high = view.getUint32(at);
  if (high >= 0x200000) throw new EnvelopePageFormatError(`${what} is out of range`);
  return high * 0x100000000 + view.getUint32(at + 4);
}

/**
 * Reads a page. `encodeBase64` is the platform's encoder (the app's toBase64): the fields leave as the
 * JSON answer's base64 so everything after the transport is the same for both.
 */
export function decodeEnvelopePage(
  bytes: Uint8Array,
  encodeBase64: (bytes: Uint8Array) => string,
): DecodedEnvelopePage {
  if (bytes.length < ENVELOPE_PAGE_START_BYTES + ENVELOPE_PAGE_END_BYTES) {
    throw new EnvelopePageFormatError("it is too short");
  }
  const endAt = bytes.length - ENVELOPE_PAGE_END_BYTES;
  for (let index = 0; index < ENVELOPE_PAGE_MAGIC.length; index += 1) {
    if (bytes[index] !== ENVELOPE_PAGE_MAGIC[index]) throw new EnvelopePageFormatError("it is not a page of layout 2");
    // A page cut short (a stream that broke off) does not end with the end's magic where the end should be.
    if (bytes[endAt + index] !== ENVELOPE_PAGE_END_MAGIC[index]) throw new EnvelopePageFormatError("it has no end");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latestRotation = readSafeUint64(view, 4, "the latest rotation");
  const latestGrant = readSafeUint64(view, 12, "the latest grant");
  const cursor = readSafeUint64(view, endAt + 4, "the cursor");
  const moreByte = view.getUint8(endAt + 12);
  if (moreByte > 1) throw new EnvelopePageFormatError("'more' is neither yes nor no");
  const count = view.getUint32(endAt + 13);
  let at = ENVELOPE_PAGE_START_BYTES;
  const need = (length: number) => {
    if (at + length > endAt) throw new EnvelopePageFormatError("it ends inside an envelope");
  };
  const field = (length: number) => {
    need(length);
    const value = encodeBase64(bytes.subarray(at, at + length));
    at += length;
    return value;
  };
  const envelopes: DecodedPageEnvelope[] = [];
  // Never more ids than the bytes could hold, whatever the count says.
  const ids = new Uint8Array(Math.min(count, Math.floor(endAt / FIXED_BYTES)) * 3 * UUID_TEXT_LENGTH);
  let previousSeq = 0;
  for (let index = 0; index < count; index += 1) {
    need(FIXED_BYTES);
    const seq = readSafeUint64(view, at, "a sequence number");
    const version = view.getUint32(at + 40);
    const wrappedToByte = view.getUint8(at + 60);
    if (version < 1) throw new EnvelopePageFormatError("an envelope has version 0");
    if (seq <= previousSeq) throw new EnvelopePageFormatError("its envelopes are not in sequence order");
    if (wrappedToByte > 1) throw new EnvelopePageFormatError("an envelope's key is wrapped to nobody known");
    previousSeq = seq;
    const idsAt = index * 3 * UUID_TEXT_LENGTH;
    writeUuidText(bytes, at + 8, ids, idsAt);
    writeUuidText(bytes, at + 24, ids, idsAt + UUID_TEXT_LENGTH);
    writeUuidText(bytes, at + 44, ids, idsAt + 2 * UUID_TEXT_LENGTH);
    at += FIXED_BYTES;
    need(2);
    const signatureLength = view.getUint16(at);
    at += 2;
    const signature = field(signatureLength);
    need(2);
    const wrappedKeyLength = view.getUint16(at);
    at += 2;
    const wrappedKey = field(wrappedKeyLength);
    need(4);
    const ciphertextLength = view.getUint32(at);
    at += 4;
    const ciphertext = field(ciphertextLength);
    envelopes.push({
      seq,
      recordId: "",
      keyId: "",
      version,
      authorDeviceId: "",
      ciphertext,
      signature,
      wrappedKey,
      wrappedTo: wrappedToByte === 1 ? "device" : "manager-key",
    });
  }
  if (at !== endAt) throw new EnvelopePageFormatError("bytes follow the last envelope");
  const idText = asciiDecoder.decode(ids);
  envelopes.forEach((envelope, index) => {
    const idsAt = index * 3 * UUID_TEXT_LENGTH;
    envelope.recordId = idText.slice(idsAt, idsAt + UUID_TEXT_LENGTH);
    envelope.keyId = idText.slice(idsAt + UUID_TEXT_LENGTH, idsAt + 2 * UUID_TEXT_LENGTH);
    envelope.authorDeviceId = idText.slice(idsAt + 2 * UUID_TEXT_LENGTH, idsAt + 3 * UUID_TEXT_LENGTH);
  });
  return { envelopes, cursor, more: moreByte === 1, latestRotation, latestGrant };
}

/**
 * Beside a byte page, the response header naming the team's current team key id (docs/decisions.md §34):
 * a device that pinned another follows the key's signed rotations before it opens the page.
 */
export const TEAM_KEY_HEADER = "team-key-id";
