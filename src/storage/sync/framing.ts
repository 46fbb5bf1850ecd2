/**
 * Comparing bytes without an early exit. The framing that team sync hashes, signs and binds as
 * associated data is shared with the team server: src/domain/team-sync/framing.ts.
 */

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
