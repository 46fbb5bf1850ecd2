/**
 * Byte framing shared by everything team sync hashes, signs or binds as associated data: each input
 * starts with its purpose and every field sits behind its length, so no field can bleed into the next
 * and bytes made for one purpose are worthless for another.
 *
 * The same layout as the team server's src/domain/team-sync (device-fingerprint.ts `lengthPrefix`,
 * `concatBytes`; signing-input.ts `framed`): the server verifies what these bytes sign.
 */

import { utf8Encode } from "../bytes";

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
  const context = utf8Encode(purpose);
  const parts: Uint8Array[] = [lengthPrefix(context), context];
  for (const field of fields) parts.push(lengthPrefix(field), field);
  return concatBytes(parts);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
