import {
  decideTeamKey,
  teamKeyRotationSigningInput,
  type PinnedTeamKey,
  type ReceivedTeamKeyRotation,
  type TeamKeyStatement,
} from "../team-key-rotation";

const TEAM = "11111111-1111-4111-8111-111111111111";
const MANAGER = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const DEPUTY = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const THIRD = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(65).fill(fill)));
const keyId = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;

const pinned: PinnedTeamKey = { keyId: keyId(0), publicKey: key(0), sequence: 0 };

function step(sequence: number, overrides: Partial<TeamKeyStatement> = {}, rotatedBy = MANAGER, signatureValid = true) {
  const statement: TeamKeyStatement = {
    teamId: TEAM,
    sequence,
    oldKeyId: keyId(sequence - 1),
    oldPublicKey: key(sequence - 1),
    newKeyId: keyId(sequence),
    newPublicKey: key(sequence),
    revokedDeviceId: DEPUTY,
    ...overrides,
  };
  return { statement, rotatedBy, signatureValid } satisfies ReceivedTeamKeyRotation;
}

const current = (n: number) => ({ keyId: keyId(n), publicKey: key(n) });
const managers = new Set([MANAGER, DEPUTY, THIRD]);

describe("the team key rotation statement", () => {
  it("binds the team, the sequence, both keys and the removed device", () => {
    const input = teamKeyRotationSigningInput(step(1).statement);
    const text = new TextDecoder().decode(input);
    expect(text).toContain("safe-referral team key rotation v1");
    expect(text).toContain(TEAM);
    expect(text).toContain(DEPUTY);
    expect(teamKeyRotationSigningInput(step(1, { sequence: 2 }).statement)).not.toEqual(input);
    expect(teamKeyRotationSigningInput(step(1, { newPublicKey: key(9) }).statement)).not.toEqual(input);
    expect(teamKeyRotationSigningInput(step(1, { revokedDeviceId: THIRD }).statement)).not.toEqual(input);
  });

  it("refuses a key replaced by itself and a sequence below 1", () => {
    expect(() => teamKeyRotationSigningInput(step(1, { newKeyId: keyId(0) }).statement)).toThrow(RangeError);
    expect(() => teamKeyRotationSigningInput(step(1, { newPublicKey: key(0) }).statement)).toThrow(RangeError);
    expect(() => teamKeyRotationSigningInput(step(1, { sequence: 0 }).statement)).toThrow(RangeError);
  });
});

describe("deciding whether to re-pin the team key", () => {
  it("keeps the pinned key when the server's is the same", () => {
    expect(decideTeamKey(TEAM, pinned, current(0), [], managers)).toEqual({ status: "current" });
  });

  it("re-pins along a signed chain from the pinned key to the server's, one sequence at a time", () => {
    const decision = decideTeamKey(TEAM, pinned, current(2), [step(2, {}, THIRD), step(1)], managers);
    expect(decision).toMatchObject({ status: "repin", key: { keyId: keyId(2), publicKey: key(2), sequence: 2 } });
  });

  it("refuses a new key with no statement (a server swapping the key)", () => {
    expect(decideTeamKey(TEAM, pinned, current(1), [], managers)).toEqual({
      status: "refused",
      reason: "not-on-chain",
    });
  });

  it("refuses a statement signed by a device that is not one of the team's managers", () => {
    const stranger = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
    expect(decideTeamKey(TEAM, pinned, current(1), [step(1, {}, stranger)], managers)).toEqual({
      status: "refused",
      reason: "unknown-signer",
    });
  });

  it("refuses a statement signed by the removed device itself, or by one an earlier rotation removed", () => {
    expect(decideTeamKey(TEAM, pinned, current(1), [step(1, {}, DEPUTY)], managers)).toMatchObject({
      reason: "unknown-signer",
    });
    const later = step(2, { revokedDeviceId: THIRD }, DEPUTY);
    expect(decideTeamKey(TEAM, pinned, current(2), [step(1), later], managers)).toMatchObject({
      reason: "unknown-signer",
    });
  });

  it("refuses a signature that does not verify", () => {
    expect(decideTeamKey(TEAM, pinned, current(1), [step(1, {}, MANAGER, false)], managers)).toEqual({
      status: "refused",
      reason: "bad-signature",
    });
  });

  it("ignores an old statement replayed (at or below the pinned sequence) and refuses one that skips or forks", () => {
    const atOne: PinnedTeamKey = { keyId: keyId(1), publicKey: key(1), sequence: 1 };
    // Replaying sequence 1 to take the device back to (or away from) its key changes nothing.
    expect(decideTeamKey(TEAM, atOne, current(1), [step(1)], managers)).toEqual({ status: "current" });
    const replayedFork = step(1, { newKeyId: keyId(7), newPublicKey: key(7) });
    expect(decideTeamKey(TEAM, atOne, current(7), [replayedFork], managers)).toMatchObject({ reason: "not-on-chain" });
    // A statement that does not continue from the pinned key.
    expect(decideTeamKey(TEAM, pinned, current(2), [step(2)], managers)).toMatchObject({ reason: "broken-chain" });
    const forked = step(1, { oldKeyId: keyId(5), oldPublicKey: key(5) });
    expect(decideTeamKey(TEAM, pinned, current(1), [forked], managers)).toMatchObject({ reason: "broken-chain" });
  });

  it("refuses another team's statement", () => {
    const other = step(1, { teamId: "22222222-2222-4222-8222-222222222222" });
    expect(decideTeamKey(TEAM, pinned, current(1), [other], managers)).toMatchObject({ reason: "wrong-team" });
  });
});
