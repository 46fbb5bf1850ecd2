// A referral re-keyed after its sender's removal, with the app's own sync client (docs/decisions.md §38):
// the officer sends a referral to the MARAC, the officer's device is removed and the manager re-keys what
// it could read (the referral's new key goes to the area, §34); the manager sends a correction under the
// new key; the coordinator's device joins it to the same referral (one referral, two versions) and its
// next status is written under the new key and reaches the team.
import { adminCall, createTeam } from "./support/team-fixture";
import { SyncClientDevice, syncedTeam } from "./support/sync-client-device";
import { maracPackDocument, saveReadyMaracPack } from "../../src/testing/marac-pack-document";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";
import { statusRecordId } from "../../src/storage/sync/marac-records";

function pack(note: string) {
  return maracPackDocument(
    "Rosalind Pemberton-Quayle",
    { label: "Address", value: "4 Hidden Row", sourcePaths: ["details.victim.address"], withheld: true },
    { label: "Note", value: note, sourcePaths: [] },
  );
}

async function readyPack(device: SyncClientDevice, caseId: string, packId: string, note: string) {
  await saveReadyMaracPack(device.session, caseId, packId, pack(note));
}

describe.skipIf(NO_DATABASE)("a MARAC referral re-keyed after its sender's removal, with the app's sync client", () => {
  const server = serverUnderTest({ listen: true });

  it("joins the correction under the new key to its referral, and the coordinator's status reaches the team", async () => {
    const team = await syncedTeam(server.baseUrl, (await createTeam(server.app, "Rekey Police Unit")).firstCode, 1);
    const area = await adminCall(server.app, "/api/admin/areas", { name: "Rekey MARAC" });
    expect(
      (await adminCall(server.app, "/api/admin/team-areas", { team: "Rekey Police Unit", area: "Rekey MARAC" })).status,
    ).toBe(200);
    const coordinatorDevice = await SyncClientDevice.create(server.baseUrl, "Coordinator");
    await coordinatorDevice.enrolCoordinator(String(area.body.firstCode));
    const coordinator = await coordinatorDevice.startAreaSync();
    const { manager } = team;
    const officer = team.practitioners[0]!;
    try {
      const areaId = String(area.body.id);
      await officer.teamSync.maracReferrer().linkedAreas();
      const saved = await officer.session.saveCase({
        details: {
          victim: { name: "Rosalind Pemberton-Quayle", dateOfBirth: "1979-02-11", address: { line1: "4 Hidden Row" } },
          referrer: { agency: "Police" },
          nonDisclosure: ["victim.address.line1"],
        },
      });
      await readyPack(officer, saved.id, "marac-1", "first");
      const sent = await officer.teamSync.maracReferrer().sendToMarac({ caseId: saved.id, packId: "marac-1", areaId });
      expect(sent.waitingToSend).toBe(false);
      expect((await coordinatorDevice.teamSync.syncNow()).problem).toBeNull();
      expect((await coordinator.inbox()).map((referral) => referral.referralId)).toEqual([sent.referralId]);
      const [first] = await server.db.query<{ key_id: string }>(
        "SELECT key_id FROM envelopes WHERE record_id = $1 AND version = 1",
        [sent.referralId],
      );

      // The officer's device is removed; the manager's device re-keys what it could read, the referral included.
      await manager.sync();
      expect((await manager.teamSync.syncNow()).problem).toBeNull();
      const admin = manager.adminClient();
      await admin.revoke(officer.deviceId);
      expect(await manager.teamSync.rekeyAfterRemoval(admin, officer.deviceId)).toMatchObject({ status: "done" });

      // The manager sends a correction from a newer pack: it goes under the referral's new key.
      await readyPack(manager, saved.id, "marac-2", "corrected");
      await manager.teamSync
        .maracReferrer()
        .sendCorrection({ referralId: sent.referralId, packId: "marac-2", whatChanged: "The risk has gone up." });
      await manager.sync();
      const [second] = await server.db.query<{ key_id: string; author_device_id: string }>(
        "SELECT key_id, author_device_id FROM envelopes WHERE record_id = $1 AND version = 2",
        [sent.referralId],
      );
      expect(second!.key_id).not.toBe(first!.key_id);
      expect(second!.author_device_id).toBe(manager.deviceId);

      // The coordinator sees one referral, with both versions, the correction's words among them.
      expect((await coordinatorDevice.teamSync.syncNow()).problem).toBeNull();
      const inbox = await coordinator.inbox();
      expect(inbox.map((referral) => referral.referralId)).toEqual([sent.referralId]);
      expect(inbox[0]!.versions.map((version) => version.whatChanged ?? null)).toEqual([null, "The risk has gone up."]);

      // Its status now goes under the new key and reaches the team.
      await coordinator.setStatus(sent.referralId, { stage: "on-agenda", meetingDate: "2026-12-21", actions: [] });
      const [status] = await server.db.query<{ key_id: string }>(
        "SELECT key_id FROM envelopes WHERE record_id = $1 ORDER BY version DESC LIMIT 1",
        [await statusRecordId(sent.referralId)],
      );
      expect(status!.key_id).toBe(second!.key_id);
      await manager.sync();
      const [view] = await manager.teamSync.maracReferrer().sentReferrals(saved.id);
      expect(view!.status).toMatchObject({ stage: "on-agenda", meetingDate: "2026-12-21" });
    } finally {
      for (const device of [...team.all, coordinatorDevice]) await device.close();
    }
  });
});
