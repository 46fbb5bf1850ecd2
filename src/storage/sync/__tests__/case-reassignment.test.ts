// @vitest-environment node
// The manager's side of reassigning a leaver's cases (docs/decisions.md §33), on fake IndexedDB with a
// recording API: each case's key chain goes oldest first, only the chains of the "from" device's keys,
// batches stay within the server's 100 keys and count progress in cases, a MARAC referral's key is not a
// case, and a case whose keys are not here stops the run before anything is sent.
import { describe, expect, it } from "vitest";
import { toBase64 } from "../../bytes";
import { unlockedSession } from "../../../testing/test-vault";
import { casesOfDevice, reassignCases, type CaseReassignmentApi } from "../case-reassignment";
import { generateDeviceKeys } from "../device-keys";
import type { JsonValue } from "../../db";
import { MARAC_REFERRAL_KIND, newReferralId, type ReferralBody } from "../marac-records";
import { maracPackDocument } from "../../../testing/marac-pack-document";
import type { StoredKey, SyncStore } from "../sync-store";

async function managerStore(): Promise<SyncStore> {
  const session = await unlockedSession("Sgt 4567 Jones");
  return (await session.openTeamSync()).reassignment().store;
}

async function keep(store: SyncStore, keys: Omit<StoredKey, "raw" | "wraps" | "shared">[]): Promise<void> {
  const rows = await Promise.all(
    keys.map((key) =>
      store.keyRow({ ...key, raw: toBase64(crypto.getRandomValues(new Uint8Array(32))), wraps: null, shared: true }),
    ),
  );
  await store.write(() => store.db.syncKeys.bulkPut(rows));
}

/** A MARAC referral of `caseId` as a team device stores it: its own record, its own sync "case". */
async function keepReferral(store: SyncStore, caseId: string, referralId: string, keyId: string): Promise<void> {
  const body: ReferralBody = {
    referralBodyVersion: 1,
    caseId,
    packId: crypto.randomUUID(),
    area: { areaId: crypto.randomUUID(), name: "Northtown MARAC" },
    versions: [{ version: 1, sentAt: "2026-12-01T10:00:00.000Z" }],
    // The area's copy, as a referral carries it.
    pack: {
      ...maracPackDocument(
        "Dana Leaver",
        { label: "Address", value: "withheld", sourcePaths: ["details.victim.address"] },
        { label: "Risk", value: "High", sourcePaths: ["assessment.risk"] },
      ),
      copy: "shareable",
    },
    referral: { referralId, victim: { name: "Dana Leaver" }, referredOn: "2026-12-01" },
  };
  const row = await store.recordRow({
    document: {
      recordId: referralId,
      caseId: referralId,
      kind: MARAC_REFERRAL_KIND,
      body: body as unknown as JsonValue,
      savedAt: "2026-12-01T10:00:00.000Z",
    },
    version: 1,
    keyId,
    authorDeviceId: LEAVER,
    signature: "AAAA",
    seq: 1,
  });
  await store.write(() => store.db.syncRecords.put(row));
}

function recordingApi(keysOfDevice: Record<string, { keyId: string; holders: string[] }[]>) {
  const posted: { keyIds: string[] }[] = [];
  const api: CaseReassignmentApi = {
    deviceCaseKeys: async (deviceId) => ({ keys: keysOfDevice[deviceId] ?? [] }),
    grantCaseKeys: async (request) => {
      posted.push({ keyIds: request.grants.map((grant) => grant.keyId) });
      return { granted: request.grants.length };
    },
  };
  return { api, posted };
}

const LEAVER = crypto.randomUUID();
const COLLEAGUE = crypto.randomUUID();

async function colleague() {
  const keys = await generateDeviceKeys();
  return { deviceId: COLLEAGUE, ecdhPublicKey: keys.material.ecdhPublicKey };
}

describe("reassigning a leaver's cases on the manager's device", () => {
  it("lists the device's cases by the keys it held, with who else holds them, and no MARAC referral", async () => {
    const store = await managerStore();
    const [caseA, caseB, referral] = [crypto.randomUUID(), crypto.randomUUID(), newReferralId()];
    const [keyA, keyB, keyR, unknown] = [1, 2, 3, 4].map(() => crypto.randomUUID()) as [string, string, string, string];
    await keep(store, [
      { keyId: keyA, caseId: caseA },
      { keyId: keyB, caseId: caseB },
      { keyId: keyR, caseId: referral },
    ]);
    const { api } = recordingApi({
      [LEAVER]: [
        { keyId: keyA, holders: [] },
        { keyId: keyB, holders: [COLLEAGUE] },
        { keyId: keyR, holders: [] },
        { keyId: unknown, holders: [] },
      ],
    });
    const found = await casesOfDevice(api, store, LEAVER);
    expect(found.notHeld).toBe(1);
    expect(found.cases.sort((a, b) => a.caseId.localeCompare(b.caseId))).toEqual(
      [
        { caseId: caseA, alsoWith: [] },
        { caseId: caseB, alsoWith: [COLLEAGUE] },
      ].sort((a, b) => a.caseId.localeCompare(b.caseId)),
    );
  });

  it("gives each case's key chain oldest first, only the chains of the leaver's keys", async () => {
    const store = await managerStore();
    const caseId = crypto.randomUUID();
    const [old, rotated, unrelated] = [1, 2, 3].map(() => crypto.randomUUID()) as [string, string, string];
    await keep(store, [
      { keyId: rotated, caseId },
      { keyId: old, caseId, replacedBy: rotated },
      // Another key of the same case that never reached the leaver (not its to give away).
      { keyId: unrelated, caseId },
    ]);
    const { api, posted } = recordingApi({ [LEAVER]: [{ keyId: old, holders: [] }] });
    const progress: { done: number; total: number }[] = [];
    const outcome = await reassignCases(
      api,
      store,
      { fromDeviceId: LEAVER, to: await colleague(), caseIds: [caseId] },
      (step) => progress.push(step),
    );
    expect(outcome).toEqual({ reassigned: 1, granted: 2 });
    expect(posted).toEqual([{ keyIds: [old, rotated] }]);
    expect(progress).toEqual([
      { done: 0, total: 1 },
      { done: 1, total: 1 },
    ]);
  });

  it("gives a case's MARAC referral keys with it, and no other case's referral", async () => {
    const store = await managerStore();
    const [caseId, otherCase] = [crypto.randomUUID(), crypto.randomUUID()];
    const [referral, correctedReferral, otherReferral] = [newReferralId(), newReferralId(), newReferralId()];
    const [caseKey, referralKey, oldReferralKey, newReferralKey, otherCaseKey, otherReferralKey] = [
      1, 2, 3, 4, 5, 6,
    ].map(() => crypto.randomUUID()) as [string, string, string, string, string, string];
    await keep(store, [
      { keyId: caseKey, caseId },
      { keyId: referralKey, caseId: referral },
      // A referral whose key was replaced after the leaver's device was removed (§34): the whole chain goes.
      { keyId: oldReferralKey, caseId: correctedReferral, replacedBy: newReferralKey },
      { keyId: newReferralKey, caseId: correctedReferral },
      { keyId: otherCaseKey, caseId: otherCase },
      { keyId: otherReferralKey, caseId: otherReferral },
    ]);
    await keepReferral(store, caseId, referral, referralKey);
    await keepReferral(store, caseId, correctedReferral, newReferralKey);
    await keepReferral(store, otherCase, otherReferral, otherReferralKey);
    const leaverKeys = [caseKey, referralKey, oldReferralKey, otherCaseKey, otherReferralKey];
    const { api, posted } = recordingApi({ [LEAVER]: leaverKeys.map((keyId) => ({ keyId, holders: [] })) });

    const outcome = await reassignCases(api, store, { fromDeviceId: LEAVER, to: await colleague(), caseIds: [caseId] });

    expect(outcome).toEqual({ reassigned: 1, granted: 4 });
    expect(posted).toHaveLength(1);
    const [referralChains, [firstKey]] = [posted[0]!.keyIds.slice(1), posted[0]!.keyIds];
    expect(firstKey).toBe(caseKey);
    expect(referralChains).toHaveLength(3);
    expect(referralChains).toEqual(
      expect.arrayContaining([referralKey, oldReferralKey, newReferralKey]) as unknown as string[],
    );
    // Oldest first within the corrected referral's chain.
    expect(referralChains.indexOf(oldReferralKey)).toBeLessThan(referralChains.indexOf(newReferralKey));
    // Still listed as one case, its referrals no cases of their own.
    expect((await casesOfDevice(api, store, LEAVER)).cases.map((found) => found.caseId).sort()).toEqual(
      [caseId, otherCase].sort(),
    );
  });

  it("sends at most 100 keys a request, whole cases only, and counts progress in cases", async () => {
    const store = await managerStore();
    const caseIds = Array.from({ length: 150 }, () => crypto.randomUUID());
    const keys = caseIds.map((caseId) => ({ keyId: crypto.randomUUID(), caseId }));
    await keep(store, keys);
    const { api, posted } = recordingApi({ [LEAVER]: keys.map(({ keyId }) => ({ keyId, holders: [] })) });
    const progress: number[] = [];
    await reassignCases(api, store, { fromDeviceId: LEAVER, to: await colleague(), caseIds }, (step) =>
      progress.push(step.done),
    );
    expect(posted.map((request) => request.keyIds.length)).toEqual([100, 50]);
    expect(progress).toEqual([0, 100, 150]);
  });

  it("stops before sending anything when a chosen case's keys are not on this device", async () => {
    const store = await managerStore();
    const [held, missing] = [crypto.randomUUID(), crypto.randomUUID()];
    const keyId = crypto.randomUUID();
    await keep(store, [{ keyId, caseId: held }]);
    const { api, posted } = recordingApi({ [LEAVER]: [{ keyId, holders: [] }] });
    await expect(
      reassignCases(api, store, { fromDeviceId: LEAVER, to: await colleague(), caseIds: [held, missing] }),
    ).rejects.toThrow("A chosen case's key is not on this device yet.");
    expect(posted).toEqual([]);
  });
});
