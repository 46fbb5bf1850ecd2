// @vitest-environment node
// Re-keying after a device is removed (issue 17 item 3), on the fake team server that checks what the
// real one checks: the manager's device gives the removed officer's cases new keys, every device learns
// them before pushing, a change made before the re-keying is rebuilt under the new key, and a rotation
// that no manager's device signed is never used.
import { describe, expect, it } from "vitest";
import { toBase64 } from "../../bytes";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { caseKeyCommitment } from "../../../domain/team-sync/key-rotation";
import { newCaseKeyBytes, wrapCaseKey } from "../case-keys";
import { fromBase64 } from "../../bytes";
import type { RekeyProgress } from "../key-rotation";
import type { LocalChange } from "../sync-engine";

const newId = () => crypto.randomUUID();

function change(caseId: string, body: LocalChange["body"], recordId = caseId, kind = "case"): LocalChange {
  return { recordId, caseId, kind, body };
}

/** A manager and an officer whose cases reached the manager; then the officer's device is removed. */
async function removedOfficer(cases = 1) {
  const server = new FakeTeamServer();
  const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
  const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
  const caseIds = Array.from({ length: cases }, newId);
  for (const caseId of caseIds) await officer.engine.recordChange(change(caseId, { victim: "V", step: 1 }));
  await officer.engine.syncNow();
  await manager.engine.syncNow();
  const oldKeyIds = caseIds.map((caseId) => server.envelopes.find((row) => row.recordId === caseId)!.keyId);
  server.revoke(officer.deviceId);
  return { server, manager, officer, caseIds, oldKeyIds };
}

describe("re-keying a removed device's cases", () => {
  it("gives each case a new key the removed device never gets, and the manager's later writes use it", async () => {
    const { server, manager, officer, caseIds, oldKeyIds } = await removedOfficer(3);
    const progress: RekeyProgress[] = [];
    const outcome = await manager.teamSync.rekeyAfterRemoval(manager.transport, officer.deviceId, (step) =>
      progress.push(step),
    );
    expect(outcome).toEqual({ status: "done", rotated: 3 });
    expect(progress).toEqual([
      { done: 0, total: 3 },
      { done: 3, total: 3 },
    ]);
    expect(server.rotations.map((row) => row.oldKeyId).sort()).toEqual([...oldKeyIds].sort());
    const newKeyIds = server.rotations.map((row) => row.newKeyId);
    // Wrapped to the team manager key only: not to the removed device, nor to anyone else.
    for (const keyId of newKeyIds) {
      expect(server.wrappedKeys.filter((row) => row.keyId === keyId).map((row) => row.recipient)).toEqual([null]);
    }
    // Nothing left to re-key: a second run (as the retry button does) rotates nothing.
    expect(await manager.teamSync.rekeyAfterRemoval(manager.transport, officer.deviceId)).toEqual({
      status: "done",
      rotated: 0,
    });

    // The manager edits the first case and adds a review to the second: both under the new keys.
    const reviewId = newId();
    await manager.engine.recordChange(change(caseIds[0]!, { victim: "V", step: 2 }));
    await manager.engine.recordChange(change(caseIds[1]!, { note: "Check" }, reviewId, "review"));
    const report = await manager.engine.syncNow();
    expect(report.problem).toBeNull();
    expect(report.sent).toBe(2);
    const edited = server.envelopes.find((row) => row.recordId === caseIds[0] && row.version === 2)!;
    const review = server.envelopes.find((row) => row.recordId === reviewId)!;
    const rotatedTo = new Map(server.rotations.map((row) => [row.oldKeyId, row.newKeyId]));
    expect(edited.keyId).toBe(rotatedTo.get(oldKeyIds[0]!));
    expect(review.keyId).toBe(rotatedTo.get(oldKeyIds[1]!));
    // The removed device is refused; its synced rows are cleared (the removal's own behaviour).
    expect((await officer.engine.syncNow()).problem?.code).toBe("signed-out");
  });

  it("holds a change made between the removal and the re-keying, then rebuilds and sends it under the new key", async () => {
    const { server, manager, officer, caseIds, oldKeyIds } = await removedOfficer(1);
    const caseId = caseIds[0]!;
    await manager.engine.recordChange(change(caseId, { victim: "V", step: "before the new key" }));
    const held = await manager.engine.syncNow();
    expect(held.problem).toMatchObject({ code: "change-refused", detail: "key-rotation-pending" });
    expect(await manager.engine.listOutbox()).toHaveLength(1);
    expect(server.envelopes.filter((row) => row.recordId === caseId)).toHaveLength(1);

    await manager.teamSync.rekeyAfterRemoval(manager.transport, officer.deviceId);
    // A send without a pull does not learn the rotation first: the server's "key-rotated" makes it.
    const sent = await manager.engine.sendNow();
    expect(sent.problem).toBeNull();
    expect(await manager.engine.listOutbox()).toEqual([]);
    const stored = server.envelopes.filter((row) => row.recordId === caseId).sort((a, b) => a.version - b.version);
    expect(stored.map((row) => row.keyId)).toEqual([oldKeyIds[0], server.rotations[0]!.newKeyId]);
    expect((await manager.engine.getRecord(caseId))?.document.body).toEqual({
      victim: "V",
      step: "before the new key",
    });
  });

  it("never writes under a key no manager's device signed for (a server's own key)", async () => {
    const { server, manager, caseIds, oldKeyIds, officer } = await removedOfficer(1);
    // The server makes up a key, wraps it to the team manager key (anyone can) and calls it a rotation.
    const newKeyId = newId();
    const raw = newCaseKeyBytes();
    server.wrappedKeys.push({
      keyId: newKeyId,
      kind: "case",
      recipient: null,
      wrapped: await wrapCaseKey(raw, fromBase64(server.managerKey!.publicKey), newKeyId),
    });
    server.rotations.push({
      id: 1,
      oldKeyId: oldKeyIds[0]!,
      newKeyId,
      revokedDeviceId: officer.deviceId,
      rotatedBy: manager.deviceId,
      // A true commitment to its key: only the missing manager's signature gives it away.
      commitment: toBase64(await caseKeyCommitment(raw, newKeyId)),
      signature: toBase64(new Uint8Array(64)),
    });
    await manager.engine.recordChange(change(caseIds[0]!, { victim: "V", step: 2 }));
    const report = await manager.engine.syncNow();
    // Refused as the server now says the key was rotated, and never sent under the server's key.
    expect(report.problem?.code).toBe("change-refused");
    expect(server.envelopes.some((row) => row.keyId === newKeyId)).toBe(false);
    expect(await manager.engine.listOutbox()).toHaveLength(1);
  });

  it("rotates nothing for a removed manager's device, and says so", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const deputy = await TestSyncDevice.enrol(server, "Deputy", "manager", manager);
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    await officer.engine.recordChange(change(newId(), { victim: "V" }));
    await officer.engine.syncNow();
    await manager.engine.syncNow();
    server.revoke(deputy.deviceId);
    expect(await manager.teamSync.rekeyAfterRemoval(manager.transport, deputy.deviceId)).toEqual({
      status: "manager-device",
      exposed: 1,
    });
    expect(server.rotations).toEqual([]);
  });

  it("refuses to re-key from a practitioner's device", async () => {
    const { officer, manager } = await removedOfficer(1);
    const colleague = await TestSyncDevice.enrol(manager.server, "Colleague", "practitioner", manager);
    await expect(colleague.teamSync.rekeyAfterRemoval(colleague.transport, officer.deviceId)).rejects.toThrow(
      /manager/,
    );
  });
});
