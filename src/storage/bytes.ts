/**
 * Byte/text encodings used by the storage layer.
 *
 * Everything that ends up in IndexedDB or in an exported file is kept as plain
 * strings (base64) so that rows and backup files are JSON-safe and easy to
 * inspect in tests. Only browser-standard globals (atob/btoa, TextEncoder) are
 * used so the same code runs in the PWA and under Node.
 */

const utf8Encoder = new TextEncoder();
// fatal: a corrupted byte sequence must be an error, never silently replaced.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const SMALL_BASE64 = 96;

/** `Uint8Array.prototype.toBase64` (ES2026; Chromium 140+, Safari 18.2+, Firefox 133+), where the platform has it. */
type NativeToBase64 = (this: Uint8Array) => string;
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: NativeToBase64 }).toBase64;

export function toBase64(bytes: Uint8Array): string {
  // Small inputs (every record MAC is 32 bytes, thousands checked when a list opens) are encoded
  // directly: building a binary string for btoa cost more than the encoding itself.
  if (bytes.length <= SMALL_BASE64) return smallToBase64(bytes);
  // Every sealed write encodes its ciphertext: for a 2.6 KB draft the native encoder took 1 µs in
  // Chromium where the spread into fromCharCode below took over 100 µs, a sixth of a plain put.
  if (nativeToBase64) return nativeToBase64.call(bytes);
  return binaryToBase64(bytes);
}

/** The portable encoder (older tablets' browsers, Node before 25): btoa over a binary string. */
export function binaryToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked so large payloads don't overflow the argument limit of fromCharCode. `apply` takes the
  // typed array as it is; a spread (`...chunk`) walks an iterator and was ten times slower.
  const chunkSize = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    binary += String.fromCharCode.apply(null, bytes.subarray(offset, offset + chunkSize) as unknown as number[]);
  }
  return btoa(binary);
}

function smallToBase64(bytes: Uint8Array): string {
  let out = "";
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      BASE64_ALPHABET[n >>> 18]! +
      BASE64_ALPHABET[(n >>> 12) & 63]! +
      BASE64_ALPHABET[(n >>> 6) & 63]! +
      BASE64_ALPHABET[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = bytes[whole]! << 16;
    out += `${BASE64_ALPHABET[n >>> 18]!}${BASE64_ALPHABET[(n >>> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    out += `${BASE64_ALPHABET[n >>> 18]!}${BASE64_ALPHABET[(n >>> 12) & 63]!}${BASE64_ALPHABET[(n >>> 6) & 63]!}=`;
  }
  return out;
}

// Which UTF-16 code units are base64 digits (A–Z, a–z, 0–9, "+", "/"); "=" is padding only.
const BASE64_DIGIT = new Uint8Array(128);
for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
  BASE64_DIGIT[character.charCodeAt(0)] = 1;
}
const PADDING = 0x3d; // "="

/**
 * Canonical padded base64: groups of four digits, the last group optionally "xx==" or "xxx=",
 * nothing else (no whitespace, no missing padding); "" is valid. A plain loop, one pass, constant
 * stack: the regular expression it replaces, /^(?:[A-Za-z0-9+/]{4})*(?:…)?$/, threw "Maximum call
 * stack size exceeded" above about 4–5 MB, so a backup that saved fine could not be restored.
 */
export function isBase64(text: string): boolean {
  const length = text.length;
  if (length % 4 !== 0) return false;
  let digits = length;
  if (length > 0 && text.charCodeAt(length - 1) === PADDING) {
    digits = text.charCodeAt(length - 2) === PADDING ? length - 2 : length - 1;
  }
  for (let index = 0; index < digits; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128 || BASE64_DIGIT[code] === 0) return false;
  }
  return true;
}

/** Strict decode: atob alone tolerates whitespace and missing padding, which we don't want for stored data. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!isBase64(text)) {
    throw new TypeError("Not canonical base64");
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 1) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

/**
 * Crockford base32: no I, L, O or U, so a recovery key read aloud or copied
 * from paper can't be confused (0/O, 1/I/L) and can't spell common words.
 */
const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function toCrockfordBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += CROCKFORD_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    output += CROCKFORD_ALPHABET[(value << (5 - bits)) & 31];
  }
  return output;
}

/**
 * Decodes Crockford base32, forgiving the usual human slips: lower case,
 * spaces and hyphens, and O/I/L typed instead of 0/1. Returns null for
 * anything else so callers can give a friendly message.
 */
export function fromCrockfordBase32(input: string): Uint8Array<ArrayBuffer> | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  let bits = 0;
  let value = 0;
  const output: number[] = [];
  for (const character of cleaned) {
    const digit = CROCKFORD_ALPHABET.indexOf(character);
    if (digit === -1) {
      return null;
    }
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      output.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(output);
}
