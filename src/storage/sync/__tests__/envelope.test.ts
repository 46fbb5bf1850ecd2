// @vitest-environment node
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64, utf8Encode } from "../../bytes";
import { importCaseKey, newCaseKeyBytes } from "../case-keys";
import { generateDeviceKeys, type DeviceKeys } from "../device-keys";
import {
  decryptEnvelope,
  envelopeContentAad,
  envelopeSignatureIsValid,
  sealEnvelope,
  type IncomingEnvelope,
  type SyncDocument,
} from "../envelope";
import { concatBytes } from "../../../domain/team-sync/framing";
import { envelopeSigningInput } from "../../../domain/team-sync/signing-input";
import { importSigningPublicKey, sign } from "../signing";

const teamId = "0e8f1c52-0b7a-4b63-9a4f-1f5c2a7d9e01";
const recordId = "8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d";
const caseId = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const keyId = "5b0c7c9e-3f6a-4d1e-9a51-0c2f0d7e8a11";
const authorDeviceId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
/** The signature of the version the change was made on (version 2). */
const PARENT = toBase64(new Uint8Array(64).fill(9));

const document: SyncDocument = {
  recordId,
  caseId,
  kind: "case",
  body: { victim: { name: "Planted Name" }, note: "Planted note" },
  savedAt: "2025-03-01T09:00:00.000Z",
};

async function written(
  author: DeviceKeys,
  caseKey: CryptoKey,
  version = 3,
): Promise<IncomingEnvelope & { baseVersion: number }> {
  const outgoing = await sealEnvelope({
    address: {
      teamId,
      recordId,
      keyId,
      version,
      parentSignature: version === 1 ? new Uint8Array(0) : fromBase64(PARENT),
    },
    authorDeviceId,
    caseKey,
    signingKey: author.ecdsaPrivateKey,
    document,
  });
  return {
    ...outgoing,
    seq: 10,
    version,
    authorDeviceId,
    wrappedKey: "",
    wrappedTo: "device",
  };
}

async function setUp() {
  const author = (await generateDeviceKeys()).keys;
  const caseKey = await importCaseKey(newCaseKeyBytes());
  const envelope = await written(author, caseKey);
  const authorKey = await importSigningPublicKey(author.ecdsaPublicKey);
  return { author, caseKey, envelope, authorKey };
}

describe("envelopes", () => {
  it("carry the record encrypted and signed: the author's signature checks and the case key opens it", async () => {
    const { caseKey, envelope, authorKey } = await setUp();
    expect(envelope.baseVersion).toBe(2);
    expect(fromBase64(envelope.signature)).toHaveLength(64);
    expect(fromBase64(envelope.ciphertext)[0]).toBe(1);
    expect(envelope.ciphertext).not.toContain("Planted");
    expect(await envelopeSignatureIsValid(envelope, teamId, authorKey, PARENT)).toBe(true);
    expect(await decryptEnvelope(envelope, teamId, caseKey)).toEqual({ ok: true, document });
  });

  it("refuse any altered byte of the ciphertext or the signature", async () => {
    const { caseKey, envelope, authorKey } = await setUp();
    const ciphertext = fromBase64(envelope.ciphertext);
    for (let index = 0; index < ciphertext.length; index += 1) {
      const altered = ciphertext.slice();
      altered[index]! ^= 0x80;
      const forged = { ...envelope, ciphertext: toBase64(altered) };
      expect(await envelopeSignatureIsValid(forged, teamId, authorKey, PARENT), `byte ${index}`).toBe(false);
      expect((await decryptEnvelope(forged, teamId, caseKey)).ok, `byte ${index}`).toBe(false);
    }
    const signature = fromBase64(envelope.signature);
    for (let index = 0; index < signature.length; index += 1) {
      const altered = signature.slice();
      altered[index]! ^= 0x01;
      expect(
        await envelopeSignatureIsValid({ ...envelope, signature: toBase64(altered) }, teamId, authorKey, PARENT),
      ).toBe(false);
    }
    expect(
      await envelopeSignatureIsValid(
        { ...envelope, signature: toBase64(signature.slice(0, 63)) },
        teamId,
        authorKey,
        PARENT,
      ),
    ).toBe(false);
    expect(await envelopeSignatureIsValid({ ...envelope, signature: "not base64!" }, teamId, authorKey, PARENT)).toBe(
      false,
    );
  });

  it("refuse altered metadata: another record, key, version or team, or another author", async () => {
    const { caseKey, envelope, authorKey } = await setUp();
    const otherId = "00000000-0000-4000-8000-000000000000";
    for (const forged of [
      { ...envelope, recordId: otherId },
      { ...envelope, keyId: otherId },
      { ...envelope, version: 4 },
      { ...envelope, version: 2 },
    ]) {
      expect(await envelopeSignatureIsValid(forged, teamId, authorKey, PARENT)).toBe(false);
      expect((await decryptEnvelope(forged, teamId, caseKey)).ok).toBe(false);
    }
    expect(await envelopeSignatureIsValid(envelope, otherId, authorKey, PARENT)).toBe(false);
    expect(await decryptEnvelope(envelope, otherId, caseKey)).toEqual({ ok: false, reason: "cannot-decrypt" });
    // The author is bound into the ciphertext: relabelled, it no longer opens.
    expect(await decryptEnvelope({ ...envelope, authorDeviceId: otherId }, teamId, caseKey)).toEqual({
      ok: false,
      reason: "cannot-decrypt",
    });
  });

  it("name their parent: a first version none, a later one the signature it was made on", async () => {
    const { caseKey, envelope, authorKey, author } = await setUp();
    expect(envelope.baseSignature).toBe(PARENT);
    const otherParent = toBase64(new Uint8Array(64).fill(8));
    // Made on another version than the one claimed: refused.
    expect(await envelopeSignatureIsValid(envelope, teamId, authorKey, otherParent)).toBe(false);
    expect(await envelopeSignatureIsValid(envelope, teamId, authorKey, "")).toBe(false);
    const first = await written(author, caseKey, 1);
    expect(first.baseSignature).toBeUndefined();
    expect(await envelopeSignatureIsValid(first, teamId, authorKey, "")).toBe(true);
    expect(await envelopeSignatureIsValid(first, teamId, authorKey, PARENT)).toBe(false);
  });

  it("refuse a signature by any device but the author", async () => {
    const { envelope } = await setUp();
    const stranger = (await generateDeviceKeys()).keys;
    expect(
      await envelopeSignatureIsValid(envelope, teamId, await importSigningPublicKey(stranger.ecdsaPublicKey), PARENT),
    ).toBe(false);
    // Re-signed by the stranger over the same bytes: valid for the stranger, still not the author's.
    const address = { teamId, recordId, keyId, version: envelope.version, parentSignature: fromBase64(PARENT) };
    const resigned = await sign(
      stranger.ecdsaPrivateKey,
      envelopeSigningInput(address, fromBase64(envelope.ciphertext)),
    );
    const { authorKey } = await setUp();
    expect(
      await envelopeSignatureIsValid({ ...envelope, signature: toBase64(resigned) }, teamId, authorKey, PARENT),
    ).toBe(false);
  });

  it("do not open under another case's key", async () => {
    const { envelope } = await setUp();
    const otherKey = await importCaseKey(newCaseKeyBytes());
    expect(await decryptEnvelope(envelope, teamId, otherKey)).toEqual({ ok: false, reason: "cannot-decrypt" });
  });

  it("refuse content that is not a record, or names another record, even when it decrypts", async () => {
    const caseKey = await importCaseKey(newCaseKeyBytes());
    const address = { teamId, recordId, keyId, version: 1 };
    const encrypt = async (plaintext: string) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const encrypted = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: envelopeContentAad(address, authorDeviceId) },
        caseKey,
        utf8Encode(plaintext),
      );
      return toBase64(concatBytes([Uint8Array.of(1), iv, new Uint8Array(encrypted)]));
    };
    const base = { recordId, keyId, version: 1, authorDeviceId };
    for (const plaintext of [
      "not json",
      JSON.stringify({ ...document, kind: "Case With Spaces" }),
      JSON.stringify({ ...document, extra: 1 }),
      JSON.stringify({ ...document, recordId: "00000000-0000-4000-8000-000000000000" }),
    ]) {
      expect(await decryptEnvelope({ ...base, ciphertext: await encrypt(plaintext) }, teamId, caseKey)).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
  });

  it("refuse to seal a document that is not the addressed record", async () => {
    const author = (await generateDeviceKeys()).keys;
    const caseKey = await importCaseKey(newCaseKeyBytes());
    await expect(
      sealEnvelope({
        address: { teamId, recordId: keyId, keyId, version: 1, parentSignature: new Uint8Array(0) },
        authorDeviceId,
        caseKey,
        signingKey: author.ecdsaPrivateKey,
        document,
      }),
    ).rejects.toThrow(RangeError);
  });
});
