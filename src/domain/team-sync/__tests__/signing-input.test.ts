import { challengeSigningInput, envelopeSigningInput } from "../signing-input";

const address = { teamId: "team", recordId: "record", keyId: "key", version: 2, parentSignature: Uint8Array.of(5, 5) };
const ciphertext = Uint8Array.of(9, 8, 7);

describe("envelopeSigningInput", () => {
  it("differs when any part of the address or a byte of the ciphertext differs", () => {
    const original = envelopeSigningInput(address, ciphertext);
    const variants = [
      envelopeSigningInput({ ...address, teamId: "other" }, ciphertext),
      envelopeSigningInput({ ...address, recordId: "other" }, ciphertext),
      envelopeSigningInput({ ...address, keyId: "other" }, ciphertext),
      envelopeSigningInput({ ...address, version: 3 }, ciphertext),
      envelopeSigningInput({ ...address, parentSignature: Uint8Array.of(5, 6) }, ciphertext),
      envelopeSigningInput(address, Uint8Array.of(9, 8, 6)),
    ];
    for (const variant of variants) expect(variant).not.toEqual(original);
  });

  it("does not let one field bleed into the next", () => {
    const a = envelopeSigningInput({ ...address, teamId: "ab", recordId: "c" }, ciphertext);
    const b = envelopeSigningInput({ ...address, teamId: "a", recordId: "bc" }, ciphertext);
    expect(a).not.toEqual(b);
  });

  it("refuses a version below 1", () => {
    expect(() => envelopeSigningInput({ ...address, version: 0 }, ciphertext)).toThrow(/version/);
  });

  it("requires a parent for every version after the first, and none for the first", () => {
    expect(() => envelopeSigningInput({ ...address, parentSignature: new Uint8Array(0) }, ciphertext)).toThrow(
      /parent/,
    );
    expect(() => envelopeSigningInput({ ...address, version: 1 }, ciphertext)).toThrow(/parent/);
    expect(
      envelopeSigningInput({ ...address, version: 1, parentSignature: new Uint8Array(0) }, ciphertext).length,
    ).toBeGreaterThan(0);
  });
});

describe("challengeSigningInput", () => {
  it("never equals an envelope's input, so a signed challenge cannot pass as an envelope", () => {
    const nonce = Uint8Array.of(1, 2, 3);
    expect(challengeSigningInput("id", nonce)).not.toEqual(
      envelopeSigningInput(
        { teamId: "id", recordId: "", keyId: "", version: 1, parentSignature: new Uint8Array(0) },
        nonce,
      ),
    );
    expect(challengeSigningInput("id", nonce)).not.toEqual(challengeSigningInput("id", Uint8Array.of(1, 2, 4)));
  });
});
