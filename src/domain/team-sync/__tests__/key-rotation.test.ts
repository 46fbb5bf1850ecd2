import { caseKeyCommitment, keyRotationSigningInput } from "../key-rotation";

const address = {
  teamId: "11111111-1111-4111-8111-111111111111",
  oldKeyId: "22222222-2222-4222-8222-222222222222",
  newKeyId: "33333333-3333-4333-8333-333333333333",
};

describe("key rotation signing input", () => {
  it("binds the team, both key ids and the commitment, each behind its length", async () => {
    const commitment = await caseKeyCommitment(new Uint8Array(32).fill(7), address.newKeyId);
    const input = keyRotationSigningInput(address, commitment);
    const text = new TextDecoder().decode(input);
    expect(text).toContain("safe-referral key rotation v1");
    expect(text).toContain(address.teamId);
    // The old and new key ids in that order: swapping them signs something else.
    expect(text.indexOf(address.oldKeyId)).toBeLessThan(text.indexOf(address.newKeyId));
    const swapped = keyRotationSigningInput(
      { ...address, oldKeyId: address.newKeyId, newKeyId: address.oldKeyId },
      commitment,
    );
    expect(swapped).not.toEqual(input);
  });

  it("commits to the key's bytes and id: another key or id gives another commitment", async () => {
    const raw = new Uint8Array(32).fill(1);
    const same = await caseKeyCommitment(raw, address.newKeyId);
    expect(same).toHaveLength(32);
    expect(await caseKeyCommitment(raw, address.newKeyId)).toEqual(same);
    expect(await caseKeyCommitment(new Uint8Array(32).fill(2), address.newKeyId)).not.toEqual(same);
    expect(await caseKeyCommitment(raw, address.oldKeyId)).not.toEqual(same);
  });

  it("refuses a commitment of the wrong length and a key rotated to itself", () => {
    expect(() => keyRotationSigningInput(address, new Uint8Array(31))).toThrow(RangeError);
    expect(() => keyRotationSigningInput({ ...address, newKeyId: address.oldKeyId }, new Uint8Array(32))).toThrow(
      RangeError,
    );
  });
});
