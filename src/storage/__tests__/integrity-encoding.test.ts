// @vitest-environment node
// Every stored MAC and manifest head depends on these encodings byte for byte: rows written by an
// earlier version must still verify. The fast versions are compared here with the straightforward
// originals (kept in this file as the reference) on generated values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toBase64, toHex, utf8Encode } from "../bytes";
import { HmacKey } from "../hmac";
import { canonicalJson, ManifestWork, manifestSum, rowMac, type IntegrityKeys } from "../integrity";

function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => referenceCanonicalJson(item)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${referenceCanonicalJson(item)}`).join(",")}}`;
}

function referenceRowMac(keys: IntegrityKeys, store: string, row: object): string {
  const {
    mac: _mac,
    sealed,
    ...clear
  } = row as Record<string, unknown> & { sealed?: { v: number; iv: string } | null };
  const binding = sealed ? { v: sealed.v, iv: sealed.iv } : null;
  const text = `safe-referral/row/v1\n${store}\n${referenceCanonicalJson({ ...clear, sealed: binding })}`;
  return btoa(String.fromCharCode(...keys.record.mac(utf8Encode(text))));
}

function referenceSum(keys: IntegrityKeys, profileId: string, entries: { id: string; ver: number }[]): string {
  let sum = 0n;
  for (const { id, ver } of entries) {
    const digest = keys.manifest.mac(utf8Encode(`safe-referral/manifest-entry/v1\ncases\n${profileId}\n${id}\n${ver}`));
    sum = (sum + BigInt(`0x${toHex(digest)}`)) % (1n << 256n);
  }
  return sum.toString(16).padStart(64, "0");
}

const keyOf = (seed: number) => new HmacKey(new Uint8Array(32).fill(seed));
const keys: IntegrityKeys = { record: keyOf(1), manifest: keyOf(2), audit: keyOf(3) };

// JSON-like values with undefined mixed in (dropped from objects, "null" in arrays), odd keys included.
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.integer()),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("node"), { maxKeys: 5 }),
  ),
})).node;

describe("integrity encodings match the originals byte for byte", () => {
  it("canonicalJson", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
      }),
      { numRuns: 500 },
    );
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: "é" }], "€": 2, Z: null })).toBe(
      '{"Z":null,"a":[null,{"c":"é"}],"b":1,"€":2}',
    );
  });

  it("a row's MAC, with and without a sealed blob, a stored MAC and unusual fields", () => {
    const row = fc.record(
      {
        id: fc.uuid(),
        riskLevel: fc.constantFrom("standard", "high", null),
        flags: fc.array(fc.string(), { maxLength: 3 }),
        ver: fc.nat(),
        mac: fc.string(),
        extra: value,
        sealed: fc.oneof(
          fc.constant(null),
          fc.constant(undefined),
          fc.record({ v: fc.constant(1), iv: fc.base64String(), ct: fc.base64String() }),
        ),
      },
      { requiredKeys: ["id"] },
    );
    fc.assert(
      fc.property(row, (r) => {
        expect(rowMac(keys, "cases", r)).toBe(referenceRowMac(keys, "cases", r));
      }),
      { numRuns: 300 },
    );
  });

  it("the manifest sum, built up and taken apart, agrees with BigInt arithmetic", () => {
    const entries = fc.uniqueArray(fc.uuid(), { maxLength: 40 });
    fc.assert(
      fc.property(entries, (ids) => {
        const listed = ids.map((id, index) => ({ id, ver: index + 1 }));
        const expected = referenceSum(keys, "p1", listed);
        expect(
          manifestSum(
            keys,
            "p1",
            listed.map((e) => ({ store: "cases" as const, ...e })),
          ).sum,
        ).toBe(expected);
        // The same set built by a working copy: stamping gives versions 1…n from a new profile's clock.
        const work = new ManifestWork(keys, "p1", undefined);
        const stamped = ids.map((id) => work.stamp("cases", { id }));
        const head = work.row();
        expect(head.sum).toBe(expected);
        if (stamped.length === 0) return;
        // Replacing the first record (its version leaves the sum, the new one joins) exercises the borrow.
        const next = new ManifestWork(keys, "p1", head);
        next.stamp("cases", { id: stamped[0]!.id }, stamped[0]);
        const replaced = listed.map((e, index) => (index === 0 ? { ...e, ver: ids.length + 1 } : e));
        expect(next.row().sum).toBe(referenceSum(keys, "p1", replaced));
      }),
      { numRuns: 60 },
    );
  });

  it("a small byte array's base64 matches btoa's", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)));
      }),
      { numRuns: 500 },
    );
  });

  it("macText gives the same MAC as mac over the UTF-8 bytes, for every length class and any text", async () => {
    const key = keyOf(9);
    const imported = await crypto.subtle.importKey(
      "raw",
      new Uint8Array(32).fill(9),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    // Lengths around the block (64) and the padding boundary (55/56), and multi-byte characters.
    for (const length of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 500, 5000]) {
      for (const unit of ["a", "é", "€", "😀"]) {
        const text = unit.repeat(length);
        const expected = new Uint8Array(await crypto.subtle.sign("HMAC", imported, utf8Encode(text)));
        expect(key.macText(text)).toEqual(expected);
      }
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(key.macText(text)).toEqual(key.mac(utf8Encode(text)));
      }),
      { numRuns: 500 },
    );
  });
});
