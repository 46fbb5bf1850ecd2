// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  derivePassphraseWrappingKey,
  generateExtractableDataKey,
  generateRecoveryKey,
  generateSalt,
  open,
  parseRecoveryKey,
  recordAad,
  seal,
  unwrapDataKey,
  wrapDataKey,
  type Sealed,
} from "../crypto";
import { fromBase64, toBase64 } from "../bytes";
import { IntegrityError } from "../errors";

async function sessionKeyPair(): Promise<{ wrapped: string; passphraseSalt: string; key: CryptoKey }> {
  const passphraseSalt = generateSalt();
  const wrappingKey = await derivePassphraseWrappingKey("passphrase one", passphraseSalt, 1_000);
  const wrapped = await wrapDataKey(await generateExtractableDataKey(), wrappingKey);
  const key = (await unwrapDataKey(wrapped, wrappingKey, { extractable: false }))!;
  return { wrapped, passphraseSalt, key };
}

function flipFirstByte(base64: string): string {
  const bytes = fromBase64(base64);
  bytes[0] = bytes[0]! ^ 0xff;
  return toBase64(bytes);
}

describe("seal/open", () => {
  const aad = recordAad("cases", "profile-1", "case-1");

  it("round-trips any JSON value", async () => {
    const { key } = await sessionKeyPair();
    const value = { name: "A Person", nested: [1, true, null, { x: "ü✓" }] };
    const sealed = await seal(key, value, aad);
    expect(await open(key, sealed, aad)).toEqual(value);
  });

  it("uses a fresh random 12-byte IV for every write, so equal values give different ciphertexts", async () => {
    const { key } = await sessionKeyPair();
    const seals = await Promise.all(Array.from({ length: 20 }, () => seal(key, "same value", aad)));
    expect(new Set(seals.map((sealed) => sealed.iv)).size).toBe(20);
    expect(new Set(seals.map((sealed) => sealed.ct)).size).toBe(20);
    expect(fromBase64(seals[0]!.iv)).toHaveLength(12);
  });

  it("refuses a ciphertext moved to another row (associated data binds store, profile and id)", async () => {
    const { key } = await sessionKeyPair();
    const sealed = await seal(key, "secret", aad);
    await expect(open(key, sealed, recordAad("cases", "profile-1", "case-2"))).rejects.toBeInstanceOf(IntegrityError);
    await expect(open(key, sealed, recordAad("packs", "profile-1", "case-1"))).rejects.toBeInstanceOf(IntegrityError);
    await expect(open(key, sealed, recordAad("cases", "profile-2", "case-1"))).rejects.toBeInstanceOf(IntegrityError);
  });

  it("detects tampering with the ciphertext or IV", async () => {
    const { key } = await sessionKeyPair();
    const sealed = await seal(key, "secret", aad);
    const tamperedCt: Sealed = { ...sealed, ct: flipFirstByte(sealed.ct) };
    const tamperedIv: Sealed = { ...sealed, iv: flipFirstByte(sealed.iv) };
    await expect(open(key, tamperedCt, aad)).rejects.toBeInstanceOf(IntegrityError);
    await expect(open(key, tamperedIv, aad)).rejects.toBeInstanceOf(IntegrityError);
  });

  it("cannot be opened with another profile’s key", async () => {
    const one = await sessionKeyPair();
    const two = await sessionKeyPair();
    const sealed = await seal(one.key, "secret", aad);
    await expect(open(two.key, sealed, aad)).rejects.toBeInstanceOf(IntegrityError);
  });

  it("rejects values that are not JSON-serialisable rather than storing nothing", async () => {
    const { key } = await sessionKeyPair();
    await expect(seal(key, undefined, aad)).rejects.toThrow(TypeError);
  });
});

describe("data key wrapping", () => {
  it("unwraps as a non-extractable key that cannot be exported", async () => {
    const { key } = await sessionKeyPair();
    expect(key.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey("raw", key)).rejects.toThrow();
  });

  it("returns null (not a garbage key) when the passphrase is wrong", async () => {
    const { wrapped, passphraseSalt } = await sessionKeyPair();
    const wrongKey = await derivePassphraseWrappingKey("passphrase two", passphraseSalt, 1_000);
    expect(await unwrapDataKey(wrapped, wrongKey, { extractable: false })).toBeNull();
  });

  it("normalises Unicode so the same passphrase typed differently derives the same key", async () => {
    const salt = generateSalt();
    const composed = await derivePassphraseWrappingKey("caf\u00e9 au lait!", salt, 1_000);
    const decomposed = await derivePassphraseWrappingKey("cafe\u0301 au lait!", salt, 1_000);
    const wrapped = await wrapDataKey(await generateExtractableDataKey(), composed);
    expect(await unwrapDataKey(wrapped, decomposed, { extractable: false })).not.toBeNull();
  });
});

describe("recovery keys", () => {
  it("are 24 Crockford base32 characters in groups of four", () => {
    const key = generateRecoveryKey();
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(generateRecoveryKey()).not.toBe(key);
  });

  it("parse forgivingly (case, spaces, O for 0, I/L for 1) and reject anything else", () => {
    const key = generateRecoveryKey();
    const bytes = parseRecoveryKey(key)!;
    expect(bytes).toHaveLength(15);
    const typedSloppily = key.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    expect(parseRecoveryKey(typedSloppily)).toEqual(bytes);
    expect(parseRecoveryKey(key.slice(0, -1))).toBeNull();
    expect(parseRecoveryKey(`${key}X`)).toBeNull();
    expect(parseRecoveryKey(key.replace(/^./, "U"))).toBeNull();
  });
});
