import { deviceFingerprint, fingerprintFromDigest, fingerprintInput } from "../device-fingerprint";

async function rawPublicKey(algorithm: "ECDH" | "ECDSA"): Promise<Uint8Array> {
  const usages: KeyUsage[] = algorithm === "ECDH" ? ["deriveBits"] : ["sign", "verify"];
  const pair = (await crypto.subtle.generateKey(
    { name: algorithm, namedCurve: "P-256" },
    true,
    usages,
  )) as CryptoKeyPair;
  return new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
}

describe("fingerprintFromDigest", () => {
  it("reads six big-endian words, each modulo 10,000, as four zero-padded digits", () => {
    const digest = new Uint8Array(32);
    const view = new DataView(digest.buffer);
    [0, 7, 10_000, 12_345_678, 0xffffffff, 99_999].forEach((word, index) => view.setUint32(index * 4, word));
    expect(fingerprintFromDigest(digest)).toBe("0000 0007 0000 5678 7295 9999");
  });

  it("refuses a digest too short to fill six groups", () => {
    expect(() => fingerprintFromDigest(new Uint8Array(20))).toThrow(/32-byte/);
  });
});

describe("deviceFingerprint", () => {
  it("is six groups of four digits, the same for the same keys", async () => {
    const keys = { ecdhPublicKey: await rawPublicKey("ECDH"), ecdsaPublicKey: await rawPublicKey("ECDSA") };
    const fingerprint = await deviceFingerprint(keys);
    expect(fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);
    expect(await deviceFingerprint({ ...keys })).toBe(fingerprint);
  });

  it("changes when either key is swapped, or the two are given the other way round", async () => {
    const ecdh = await rawPublicKey("ECDH");
    const ecdsa = await rawPublicKey("ECDSA");
    const original = await deviceFingerprint({ ecdhPublicKey: ecdh, ecdsaPublicKey: ecdsa });
    const others = [
      await deviceFingerprint({ ecdhPublicKey: await rawPublicKey("ECDH"), ecdsaPublicKey: ecdsa }),
      await deviceFingerprint({ ecdhPublicKey: ecdh, ecdsaPublicKey: await rawPublicKey("ECDSA") }),
      await deviceFingerprint({ ecdhPublicKey: ecdsa, ecdsaPublicKey: ecdh }),
    ];
    for (const other of others) expect(other).not.toBe(original);
  });

  it("frames each key by its length, so moving bytes between the two keys changes the input", () => {
    const a = fingerprintInput({ ecdhPublicKey: Uint8Array.of(1, 2), ecdsaPublicKey: Uint8Array.of(3) });
    const b = fingerprintInput({ ecdhPublicKey: Uint8Array.of(1), ecdsaPublicKey: Uint8Array.of(2, 3) });
    expect(a).not.toEqual(b);
  });
});
