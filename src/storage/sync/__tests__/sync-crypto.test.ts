// @vitest-environment node
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64, toHex } from "../../bytes";
import {
  createTeamManagerKey,
  importCaseKey,
  newCaseKeyBytes,
  openManagerKey,
  unwrapCaseKey,
  wrapCaseKey,
  wrapManagerKeyForDevice,
} from "../case-keys";
import { generateDeviceKeys, importDeviceKeys, devicePublicKeys, signChallenge } from "../device-keys";
import { deviceFingerprint, fingerprintFromDigest } from "../../../domain/team-sync/device-fingerprint";
import { managerKeyFingerprint } from "../fingerprint";
import {
  caseKeyPurpose,
  managerKeyPurpose,
  openSealed,
  sealToPublicKey,
  SealedBoxError,
} from "../../../domain/team-sync/sealed-box";
import { challengeSigningInput, envelopeSigningInput } from "../../../domain/team-sync/signing-input";
import { importSigningPublicKey, verifySignature } from "../signing";
import { SERVER_VECTORS } from "./team-server-vectors";

const sha256Hex = async (bytes: Uint8Array<ArrayBuffer>) =>
  toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));

async function importEcdhPrivate(pkcs8: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("pkcs8", fromBase64(pkcs8), { name: "ECDH", namedCurve: "P-256" }, false, [
    "deriveBits",
  ]);
}

describe("fingerprints", () => {
  it("are six groups of four digits, the same as the team server computes from the same keys", async () => {
    const fingerprint = await deviceFingerprint({
      ecdhPublicKey: fromBase64(SERVER_VECTORS.ecdhPublicKey),
      ecdsaPublicKey: fromBase64(SERVER_VECTORS.ecdsaPublicKey),
    });
    expect(fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);
    expect(fingerprint).toBe(SERVER_VECTORS.fingerprint);
  });

  it("change when either key changes, and tell a manager key from a device's", async () => {
    const device = await generateDeviceKeys();
    const other = await generateDeviceKeys();
    const own = await deviceFingerprint(device.keys);
    expect(await deviceFingerprint({ ...device.keys, ecdhPublicKey: other.keys.ecdhPublicKey })).not.toBe(own);
    expect(await deviceFingerprint({ ...device.keys, ecdsaPublicKey: other.keys.ecdsaPublicKey })).not.toBe(own);
    // Swapping the two keys is a different device, not the same one.
    expect(
      await deviceFingerprint({ ecdhPublicKey: device.keys.ecdsaPublicKey, ecdsaPublicKey: device.keys.ecdhPublicKey }),
    ).not.toBe(own);
    expect(await managerKeyFingerprint(device.keys.ecdhPublicKey)).toMatch(/^\d{4}( \d{4}){5}$/);
  });

  it("read each group as a big-endian word modulo 10,000, zero-padded", () => {
    const digest = new Uint8Array(32);
    new DataView(digest.buffer).setUint32(0, 10_007);
    new DataView(digest.buffer).setUint32(4, 0xffffffff);
    expect(fingerprintFromDigest(digest)).toBe("0007 7295 0000 0000 0000 0000");
    expect(() => fingerprintFromDigest(new Uint8Array(8))).toThrow(RangeError);
  });
});

describe("signing inputs", () => {
  it("are byte for byte the team server's (challenge and envelope)", async () => {
    const { challenge, envelope, keyId } = SERVER_VECTORS;
    expect(
      await sha256Hex(challengeSigningInput(challenge.challengeId, new Uint8Array(32).fill(challenge.nonceByte))),
    ).toBe(challenge.inputSha256);
    const address = { teamId: envelope.teamId, recordId: envelope.recordId, keyId };
    const ciphertext = Uint8Array.from(envelope.ciphertext);
    const third = envelopeSigningInput(
      { ...address, version: 3, parentSignature: new Uint8Array(64).fill(envelope.version3ParentByte) },
      ciphertext,
    );
    expect(await sha256Hex(third)).toBe(envelope.version3InputSha256);
    const first = envelopeSigningInput({ ...address, version: 1, parentSignature: new Uint8Array(0) }, ciphertext);
    expect(await sha256Hex(first)).toBe(envelope.version1InputSha256);
  });

  it("refuse version 0 (a version is its base + 1), a first version with a parent, and a later one without", () => {
    const address = { teamId: "t", recordId: "r", keyId: "k" };
    const none = new Uint8Array(0);
    const parent = new Uint8Array(64);
    expect(() => envelopeSigningInput({ ...address, version: 0, parentSignature: none }, parent)).toThrow(RangeError);
    expect(() => envelopeSigningInput({ ...address, version: 1, parentSignature: parent }, parent)).toThrow(RangeError);
    expect(() => envelopeSigningInput({ ...address, version: 2, parentSignature: none }, parent)).toThrow(RangeError);
  });
});

describe("sealed boxes (how keys are wrapped)", () => {
  it("open a box the team server's code sealed", async () => {
    const privateKey = await importEcdhPrivate(SERVER_VECTORS.ecdhPrivatePkcs8);
    const opened = await unwrapCaseKey(SERVER_VECTORS.sealedCaseKey, privateKey, SERVER_VECTORS.keyId);
    expect([...opened]).toEqual(new Array(32).fill(7));
  });

  it("open only with the recipient's key, for the same purpose, unaltered", async () => {
    const recipient = await generateDeviceKeys();
    const stranger = await generateDeviceKeys();
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const box = await sealToPublicKey(secret, recipient.keys.ecdhPublicKey, caseKeyPurpose("key-1"));
    expect(box[0]).toBe(1);
    expect(box.length).toBe(1 + 65 + 12 + 32 + 16);
    expect(await openSealed(box, recipient.keys.ecdhPrivateKey, caseKeyPurpose("key-1"))).toEqual(secret);

    await expect(openSealed(box, stranger.keys.ecdhPrivateKey, caseKeyPurpose("key-1"))).rejects.toThrow(
      SealedBoxError,
    );
    await expect(openSealed(box, recipient.keys.ecdhPrivateKey, caseKeyPurpose("key-2"))).rejects.toThrow(
      SealedBoxError,
    );
    await expect(openSealed(box, recipient.keys.ecdhPrivateKey, managerKeyPurpose("key-1"))).rejects.toThrow(
      SealedBoxError,
    );
    for (const index of [0, 1, 40, 66, 70, 78, box.length - 1]) {
      const altered = box.slice();
      altered[index]! ^= 0x01;
      await expect(openSealed(altered, recipient.keys.ecdhPrivateKey, caseKeyPurpose("key-1"))).rejects.toThrow(
        SealedBoxError,
      );
    }
    await expect(openSealed(box.slice(0, 90), recipient.keys.ecdhPrivateKey, caseKeyPurpose("key-1"))).rejects.toThrow(
      SealedBoxError,
    );
  });

  it("are fresh every time (a new ephemeral key and IV), so two wrappings never match", async () => {
    const recipient = await generateDeviceKeys();
    const secret = new Uint8Array(32).fill(1);
    const first = await sealToPublicKey(secret, recipient.keys.ecdhPublicKey, "p");
    const second = await sealToPublicKey(secret, recipient.keys.ecdhPublicKey, "p");
    expect(toBase64(first)).not.toBe(toBase64(second));
  });
});

describe("device keys", () => {
  it("keep their private halves non-extractable in use, and come back the same from their sealed form", async () => {
    const { material, keys } = await generateDeviceKeys();
    expect(keys.ecdhPrivateKey.extractable).toBe(false);
    expect(keys.ecdsaPrivateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("pkcs8", keys.ecdsaPrivateKey)).rejects.toThrow();
    expect(keys.ecdhPublicKey.length).toBe(65);
    expect(keys.ecdsaPublicKey.length).toBe(65);
    const again = await importDeviceKeys(material);
    expect(again.ecdsaPrivateKey.extractable).toBe(false);
    expect(await deviceFingerprint(again)).toBe(await deviceFingerprint(keys));
    const published = await devicePublicKeys(keys);
    // What POST /api/enrol takes: 88 base64 characters each.
    expect(published.ecdhPublicKey).toHaveLength(88);
    expect(published.ecdsaPublicKey).toHaveLength(88);
  });

  it("sign a challenge the way the server checks it", async () => {
    const { keys } = await generateDeviceKeys();
    const nonce = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    const signature = await signChallenge(keys, "challenge-1", nonce);
    const publicKey = await importSigningPublicKey(keys.ecdsaPublicKey);
    expect(fromBase64(signature)).toHaveLength(64);
    expect(
      await verifySignature(publicKey, fromBase64(signature), challengeSigningInput("challenge-1", fromBase64(nonce))),
    ).toBe(true);
    expect(
      await verifySignature(publicKey, fromBase64(signature), challengeSigningInput("challenge-2", fromBase64(nonce))),
    ).toBe(false);
  });
});

describe("case keys and the team manager key", () => {
  it("a case key wrapped to the author and to the manager key opens for both and no one else", async () => {
    const author = await generateDeviceKeys();
    const colleague = await generateDeviceKeys();
    const manager = await generateDeviceKeys();
    const team = await createTeamManagerKey(manager.keys);
    const raw = newCaseKeyBytes();
    const toAuthor = await wrapCaseKey(raw, author.keys.ecdhPublicKey, "case-key-id");
    const toManagers = await wrapCaseKey(raw, team.key.publicKey, "case-key-id");

    expect(await unwrapCaseKey(toAuthor, author.keys.ecdhPrivateKey, "case-key-id")).toEqual(raw);
    const managerPrivate = await openManagerKey(team.request, manager.keys);
    expect(await unwrapCaseKey(toManagers, managerPrivate, "case-key-id")).toEqual(raw);
    // A colleague's device holds neither private key: every wrapping of this case is closed to it.
    for (const wrapping of [toAuthor, toManagers]) {
      await expect(unwrapCaseKey(wrapping, colleague.keys.ecdhPrivateKey, "case-key-id")).rejects.toThrow(
        SealedBoxError,
      );
    }
    await expect(openManagerKey(team.request, colleague.keys)).rejects.toThrow(SealedBoxError);
  });

  it("approving a second manager wraps the one manager key to it, and only to it", async () => {
    const first = await generateDeviceKeys();
    const second = await generateDeviceKeys();
    const practitioner = await generateDeviceKeys();
    const team = await createTeamManagerKey(first.keys);
    expect(team.request.publicKey).toHaveLength(88);
    expect(team.fingerprint).toBe(await managerKeyFingerprint(team.key.publicKey));
    const published = await devicePublicKeys(second.keys);
    const wrapped = await wrapManagerKeyForDevice(team.request, first.keys, published.ecdhPublicKey);
    const secondPrivate = await openManagerKey({ keyId: team.request.keyId, wrapped }, second.keys);
    const raw = newCaseKeyBytes();
    const toManagers = await wrapCaseKey(raw, team.key.publicKey, "k");
    expect(await unwrapCaseKey(toManagers, secondPrivate, "k")).toEqual(raw);
    await expect(openManagerKey({ keyId: team.request.keyId, wrapped }, practitioner.keys)).rejects.toThrow(
      SealedBoxError,
    );
    expect(secondPrivate.extractable).toBe(false);
  });

  it("case keys in use are non-extractable AES-GCM keys of 32 bytes", async () => {
    const key = await importCaseKey(newCaseKeyBytes());
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    await expect(importCaseKey(new Uint8Array(16))).rejects.toThrow(SealedBoxError);
  });
});
