// A MARAC referral whose key was rotated after its sender's device was removed (decisions §34, §38, §40), on
// the fake servers: the coordinator's device joins a correction under the new key to the referral it
// corrects (by record id, not key id), and writes its status under the newest key. A status refused as
// "key-rotated" fetches the key the refusal names from the area's wrapping of it and goes again at once;
// when the area cannot have that key, it is tried once more in the round, never in a loop, and waits.
import { FakeMaracArea } from "../../../testing/fake-marac-area";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { maracPackDocument, saveReadyMaracPack } from "../../../testing/marac-pack-document";
import { TestCoordinatorDevice } from "../../../testing/marac-sync-devices";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { statusRecordId } from "../marac-records";

async function readyPack(device: TestSyncDevice, caseId: string, packId: string, note: string) {
  const document = maracPackDocument(
    "Jane Smith",
    { label: "Where she is staying", value: "Flat 2", sourcePaths: ["details.victim.address"], withheld: true },
    { label: "Note", value: note, sourcePaths: [] },
  );
  await saveReadyMaracPack(device.session, caseId, packId, document);
}

describe("a MARAC referral re-keyed after its sender's removal", () => {
  it("joins the correction under the new key to its referral, and the coordinator's status follows the new key", async () => {
    const police = new FakeTeamServer();
    police.name = "Northshire Police";
    const north = new FakeMaracArea("Northshire MARAC");
    north.link(police);
    const manager = await TestSyncDevice.enrol(police, "Sgt Manager", "manager");
    const officer = await TestSyncDevice.enrol(police, "PC Officer", "practitioner", manager);
    const coordinator = await TestCoordinatorDevice.enrol(north, "MARAC Coordinator");

    const saved = await officer.session.saveCase({
      details: {
        victim: { name: "Jane Smith", dateOfBirth: "1990-03-04", address: { line1: "Flat 2", postcode: "NE1 4XD" } },
        referrer: { agency: "Police" },
        nonDisclosure: ["victim.address.line1"],
      },
    });
    await readyPack(officer, saved.id, "marac-1", "first");
    await officer.teamSync.maracReferrer().linkedAreas();
    const sent = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: saved.id, packId: "marac-1", areaId: north.areaId });
    await coordinator.sync();
    expect((await coordinator.inbox.inbox()).map((referral) => referral.referralId)).toEqual([sent.referralId]);
    const oldKeyId = police.envelopes.find((row) => row.recordId === sent.referralId)!.keyId;

    // The officer's device is removed; the manager's device re-keys the referral (its new key goes to the area).
    expect((await manager.teamSync.syncNow()).problem).toBeNull();
    police.revoke(officer.deviceId);
    expect(await manager.teamSync.rekeyAfterRemoval(manager.transport, officer.deviceId)).toMatchObject({
      status: "done",
    });
    const newKeyId = police.rotations.find((row) => row.oldKeyId === oldKeyId)!.newKeyId;
    expect(north.holdsKey(newKeyId)).toBe(true);

    // While the area holds no wrapping of the new key, a status goes under the old key: refused as
    // "key-rotated", the new key asked for and not found, the feed read once more and the push tried once
    // more, then it waits (no loop).
    const wrapOfNewKey = north.areaWraps.get(newKeyId)!;
    north.areaWraps.delete(newKeyId);
    coordinator.network.calls.length = 0;
    await coordinator.inbox.setStatus(sent.referralId, { stage: "on-agenda", meetingDate: "2026-12-15", actions: [] });
    expect(coordinator.network.calls.filter((kind) => kind === "area-push")).toHaveLength(2);
    expect(coordinator.network.calls.filter((kind) => kind === "area-referral-key")).toHaveLength(1);
    const waiting = (await coordinator.inbox.inbox())[0]!;
    expect(waiting.status).toMatchObject({ stage: "on-agenda" });
    const statusId = await statusRecordId(sent.referralId);
    expect(police.envelopes.filter((row) => row.recordId === statusId).map((row) => row.keyId)).toEqual([oldKeyId]);

    // With the wrapping there (as a removal's re-key leaves it), the next round reads the named key and the
    // waiting status goes under it at once, before any version under the new key has come.
    north.areaWraps.set(newKeyId, wrapOfNewKey);
    coordinator.network.calls.length = 0;
    expect((await coordinator.teamSync.syncNow()).problem).toBeNull();
    expect(coordinator.network.calls.filter((kind) => kind === "area-push")).toHaveLength(2);
    const statuses = police.envelopes.filter((row) => row.recordId === statusId);
    expect(statuses.map((row) => [row.version, row.keyId])).toEqual([
      [1, oldKeyId],
      [2, newKeyId],
    ]);
    expect(police.envelopes.some((row) => row.recordId === sent.referralId && row.keyId === newKeyId)).toBe(false);

    // The manager's device sends a correction: under the new key, by another device than the sender's.
    await readyPack(manager, saved.id, "marac-2", "corrected");
    await manager.teamSync
      .maracReferrer()
      .sendCorrection({ referralId: sent.referralId, packId: "marac-2", whatChanged: "The risk has gone up." });
    await manager.syncUntilSettled();
    const correction = police.envelopes.find((row) => row.recordId === sent.referralId && row.version === 2)!;
    expect(correction.keyId).toBe(newKeyId);
    expect(correction.authorDeviceId).toBe(manager.deviceId);

    // The coordinator joins it to the same referral; its status needs nothing more.
    await coordinator.sync();
    const inbox = await coordinator.inbox.inbox();
    expect(inbox.map((referral) => referral.referralId)).toEqual([sent.referralId]);
    expect(inbox[0]!.versions.map((version) => version.whatChanged ?? null)).toEqual([null, "The risk has gone up."]);
    expect(police.envelopes.filter((row) => row.recordId === statusId).map((row) => row.keyId)).toEqual([
      oldKeyId,
      newKeyId,
    ]);
    await manager.syncUntilSettled();
    const [view] = await manager.teamSync.maracReferrer().sentReferrals(saved.id);
    expect(view!.status).toMatchObject({ stage: "on-agenda", meetingDate: "2026-12-15" });
  });
});
