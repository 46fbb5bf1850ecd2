import {
  areaKeyPurpose,
  caseKeyPurpose,
  managerKeyPurpose,
  openSealed,
  SealedBoxError,
  sealToPublicKey,
} from "../sealed-box";

async function recipient() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  return { pair, publicRaw: new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)) };
}

const secret = new TextEncoder().encode("a 32-byte case key, for example!");

describe("sealed boxes", () => {
  it("open with the recipient's private key and the same purpose", async () => {
    const { pair, publicRaw } = await recipient();
    const sealed = await sealToPublicKey(secret, publicRaw, caseKeyPurpose("k1"));
    expect(await openSealed(sealed, pair.privateKey, caseKeyPurpose("k1"))).toEqual(secret);
    // Fresh ephemeral key and IV each time: sealing twice never gives the same bytes.
    expect(await sealToPublicKey(secret, publicRaw, caseKeyPurpose("k1"))).not.toEqual(sealed);
  });

  it("do not open with another private key, another purpose, or one altered byte", async () => {
    const someoneElse = await recipient();
    const mine = await recipient();
    const box = await sealToPublicKey(secret, mine.publicRaw, caseKeyPurpose("k1"));
    await expect(openSealed(box, someoneElse.pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow(SealedBoxError);
    await expect(openSealed(box, mine.pair.privateKey, caseKeyPurpose("k2"))).rejects.toThrow(SealedBoxError);
    const altered = box.slice();
    altered[altered.length - 1]! ^= 1;
    await expect(openSealed(altered, mine.pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow(SealedBoxError);
  });
});

describe("sealed box purposes", () => {
  it("name the kind of key and its id, so a box for one key does not open as another", () => {
    expect(caseKeyPurpose("k1")).toBe("case-key:k1");
    expect(managerKeyPurpose("k1")).toBe("manager-key:k1");
    expect(areaKeyPurpose("k1")).toBe("area-key:k1");
  });

  it("refuse a box too short to hold a point, an IV and a tag, or of another version, with SealedBoxError", async () => {
    const { pair } = await recipient();
    await expect(openSealed(new Uint8Array(20), pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow(SealedBoxError);
    const box = await sealToPublicKey(secret, (await recipient()).publicRaw, caseKeyPurpose("k1"));
    box[0] = 2;
    await expect(openSealed(box, pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow(SealedBoxError);
  });
});
