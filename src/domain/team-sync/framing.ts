/**
 * Byte framing shared by everything team sync hashes, signs or binds as associated data — in the
 * browser that signs and on the server that verifies, so the two can never disagree: each input starts
 * with its purpose and every field sits behind its length, so no field can bleed into the next and bytes
 * made for one purpose are worthless for another.
 */

const encoder = new TextEncoder();

/** Four bytes, big-endian: the length of what follows. */
export function lengthPrefix(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, bytes.length);
  return prefix;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** The purpose behind its length, then every field behind its length. */
export function framed(purpose: string, fields: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const context = encoder.encode(purpose);
  const parts: Uint8Array[] = [lengthPrefix(context), context];
  for (const field of fields) parts.push(lengthPrefix(field), field);
  return concatBytes(parts);
}
