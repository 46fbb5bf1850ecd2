// A referral's key rotated after its sender's removal goes to the MARAC areas its old key went to, and no
// other (decisions §34), as src/server/key-rotation-service.ts checks it; for FakeTeamServer.rotateKeys.
interface AreaHoldingKeys {
  readonly areaId: string;
  holdsKey(keyId: string): boolean;
}

/** The areas an old key went to, as readable-keys lists them (absent: none). */
export function areasHolding(areas: readonly AreaHoldingKeys[], keyId: string): { areas?: string[] } {
  const holding = areas.filter((area) => area.holdsKey(keyId)).map((area) => area.areaId);
  return holding.length === 0 ? {} : { areas: holding.sort() };
}

/** Refuses a rotation whose new key does not go to exactly the areas of the old one; its wrappings to keep. */
export function newKeyAreaWraps(
  areas: readonly AreaHoldingKeys[],
  request: { oldKeyId: string; newKeyId: string; areaWraps?: { areaId: string; wrapped: string }[] },
  refuse: () => Error,
): { areaId: string; keyId: string; wrapped: string }[] {
  const wraps = request.areaWraps ?? [];
  const toAreas = wraps.map((wrap) => wrap.areaId).sort();
  if (JSON.stringify(toAreas) !== JSON.stringify(areasHolding(areas, request.oldKeyId).areas ?? [])) throw refuse();
  return wraps.map((wrap) => ({ ...wrap, keyId: request.newKeyId }));
}
