import { caseKeyPurpose, openSealed, sealToPublicKey } from "../sealed-box";

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
    await expect(openSealed(box, someoneElse.pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow();
    await expect(openSealed(box, mine.pair.privateKey, caseKeyPurpose("k2"))).rejects.toThrow();
    const altered = box.slice();
    altered[altered.length - 1]! ^= 1;
    await expect(openSealed(altered, mine.pair.privateKey, caseKeyPurpose("k1"))).rejects.toThrow();
  });
});
