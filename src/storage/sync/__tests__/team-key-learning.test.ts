// Following a replaced team key (docs/decisions.md §34): real ECDSA signatures over real statements, a
// device row in a stand-in store. Re-pinned only along a chain signed by the team's managers; a key the
// server swaps in, a statement signed by someone else, and a replayed old statement change nothing.
import { teamKeyRotationSigningInput } from "../../../domain/team-sync/team-key-rotation";
import { toBase64 } from "../../bytes";
import type { PinnedManagerKey, StoredDevice, SyncStore } from "../sync-store";
import { learnTeamKey } from "../team-key-learning";
import type { TeamKeyRotationNotice } from "../transport";

const TEAM = "11111111-1111-4111-8111-111111111111";
const MANAGER = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const DEPUTY = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const THIRD = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;

async function signer() {
  return (await crypto.subtle.generateKey(ECDSA, false, ["sign", "verify"])) as CryptoKeyPair;
}

async function teamKey() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  return {
    keyId: crypto.randomUUID(),
    publicKey: toBase64(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey))),
  };
}

async function rotation(
  by: { id: string; keys: CryptoKeyPair },
  sequence: number,
  from: { keyId: string; publicKey: string },
  to: { keyId: string; publicKey: string },
  revokedDeviceId = DEPUTY,
): Promise<TeamKeyRotationNotice> {
  const statement = {
    teamId: TEAM,
    sequence,
    oldKeyId: from.keyId,
    oldPublicKey: from.publicKey,
    newKeyId: to.keyId,
    newPublicKey: to.publicKey,
    revokedDeviceId,
  };
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      by.keys.privateKey,
      teamKeyRotationSigningInput(statement),
    ),
  );
  return { ...statement, rotatedBy: by.id, signature: toBase64(signature), oldKeyWrapped: null };
}

/** A stand-in for the sync store: just the device row. */
function storeWith(pinned: PinnedManagerKey) {
  const row = { device: { managerKey: pinned } as StoredDevice };
  const store = {
    readDevice: async () => row.device,
    deviceRow: async (device: StoredDevice) => device,
    write: async (body: () => Promise<unknown>) => body(),
    db: { syncDevice: { put: async (device: StoredDevice) => void (row.device = device) } },
  } as unknown as SyncStore;
  return { store, row };
}

describe("following a replaced team key", () => {
  it("re-pins along a chain of two rotations signed by managers, even from a key pinned without its number", async () => {
    const manager = { id: MANAGER, keys: await signer() };
    const third = { id: THIRD, keys: await signer() };
    const [k0, k1, k2] = [await teamKey(), await teamKey(), await teamKey()];
    const rotations = [await rotation(manager, 1, k0, k1), await rotation(third, 2, k1, k2, MANAGER)];
    // Pinned at first sight after the first rotation: no sequence stored.
    const pinned: PinnedManagerKey = { ...k1, fingerprint: "x" };
    const { store, row } = storeWith(pinned);
    const signers = new Map([
      [MANAGER, manager.keys.publicKey],
      [THIRD, third.keys.publicKey],
    ]);
    const learnt = await learnTeamKey(
      {
        store,
        teamId: TEAM,
        transport: { listTeamKeyRotations: async () => rotations },
        managerSigningKeys: async () => signers,
      },
      pinned,
      k2,
    );
    expect(learnt).toMatchObject({ keyId: k2.keyId, publicKey: k2.publicKey, sequence: 2 });
    expect(row.device.managerKey).toMatchObject({ keyId: k2.keyId, sequence: 2 });
  });

  it("refuses a key the server swapped in, signed by a device that is not a manager's, or replayed", async () => {
    const manager = { id: MANAGER, keys: await signer() };
    const stranger = { id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd", keys: await signer() };
    const [k0, k1, forged] = [await teamKey(), await teamKey(), await teamKey()];
    const pinned: PinnedManagerKey = { ...k0, fingerprint: "x", sequence: 0 };
    const signers = new Map([[MANAGER, manager.keys.publicKey]]);
    const learn = async (rotations: TeamKeyRotationNotice[], current: { keyId: string; publicKey: string }) => {
      const { store, row } = storeWith(pinned);
      const transport = { listTeamKeyRotations: async () => rotations };
      const learnt = await learnTeamKey(
        { store, teamId: TEAM, transport, managerSigningKeys: async () => signers },
        pinned,
        current,
      );
      return { learnt, pinnedAfter: row.device.managerKey };
    };
    // No statement at all.
    expect(await learn([], forged)).toEqual({ learnt: null, pinnedAfter: pinned });
    // Signed by a device not in the team's managers.
    expect((await learn([await rotation(stranger, 1, k0, forged)], forged)).learnt).toBeNull();
    // A manager's signature over another statement, put on the forged one.
    const genuine = await rotation(manager, 1, k0, k1);
    const tampered = { ...(await rotation(stranger, 1, k0, forged)), rotatedBy: MANAGER, signature: genuine.signature };
    expect((await learn([tampered], forged)).learnt).toBeNull();
    // The genuine statement still works.
    expect((await learn([genuine], k1)).learnt).toMatchObject({ keyId: k1.keyId, sequence: 1 });
  });
});
