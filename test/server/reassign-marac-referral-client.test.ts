// A reassigned case's MARAC referral goes with it (issue 17 items 1 and 3, decisions §40), with the app's
// own code on every side over HTTP: an officer sends the case to MARAC and the coordinator lists it for a
// meeting; the officer's tablet is removed, the manager re-keys and reassigns the case to a colleague, and
// the colleague's device then shows the referral with where it stands, and the coordinator's next status
// reaches it.
import { maracPackDocument, saveReadyMaracPack } from "../../src/testing/marac-pack-document";
import { serverUnderTest } from "./support/server-under-test";
import { SyncClientDevice, syncedTeam } from "./support/sync-client-device";
import { adminCall, createTeam } from "./support/team-fixture";
import { NO_DATABASE } from "./support/test-database";

describe.skipIf(NO_DATABASE)("a reassigned case's MARAC referral", () => {
  const server = serverUnderTest({ listen: true });

  it("reaches the colleague's device with its status, and later statuses follow it there", async () => {
    const team = await syncedTeam(server.baseUrl, (await createTeam(server.app, "Reassign MARAC Unit")).firstCode, 2);
    const area = await adminCall(server.app, "/api/admin/areas", { name: "Reassign MARAC" });
    await adminCall(server.app, "/api/admin/team-areas", { team: "Reassign MARAC Unit", area: "Reassign MARAC" });
    const coordinatorDevice = await SyncClientDevice.create(server.baseUrl, "Coordinator");
    await coordinatorDevice.enrolCoordinator(String(area.body.firstCode));
    const coordinator = await coordinatorDevice.startAreaSync();
    const [officer, colleague] = team.practitioners as [SyncClientDevice, SyncClientDevice];
    const { manager } = team;
    try {
      const saved = await officer.session.saveCase({ details: { victim: { name: "Dana Leaver" } } });
      const document = maracPackDocument(
        "Dana Leaver",
        { label: "Address", value: "4 Hidden Row", sourcePaths: ["details.victim.address"], withheld: true },
        { label: "Referred by", value: "Police", sourcePaths: [] },
      );
      await saveReadyMaracPack(officer.session, saved.id, "marac-1", document);
      const sent = await officer.teamSync
        .maracReferrer()
        .sendToMarac({ caseId: saved.id, packId: "marac-1", areaId: String(area.body.id) });
      await officer.sync();
      expect((await coordinatorDevice.teamSync.syncNow()).problem).toBeNull();
      await coordinator.setStatus(sent.referralId, { stage: "on-agenda", meetingDate: "2026-12-15", actions: [] });
      await colleague.teamSync.syncNow();
      await manager.teamSync.syncNow();

      const admin = manager.adminClient();
      await admin.revoke(officer.deviceId);
      expect((await manager.teamSync.rekeyAfterRemoval(admin, officer.deviceId)).status).toBe("done");
      await manager.teamSync.syncNow();
      const listed = (await admin.listDevices()).find((device) => device.deviceId === colleague.deviceId)!;
      const outcome = await manager.teamSync.reassignment().reassign(admin, {
        fromDeviceId: officer.deviceId,
        to: { deviceId: colleague.deviceId, ecdhPublicKey: listed.ecdhPublicKey },
        caseIds: [saved.id],
      });
      // The case's key and the referral's, each with the key that replaced it after the removal.
      expect(outcome).toEqual({ reassigned: 1, granted: 4 });

      const report = await colleague.teamSync.syncNow();
      expect(report.problem).toBeNull();
      expect(report.refused).toEqual([]);
      await vi.waitFor(async () => {
        const [shown] = await colleague.teamSync.maracReferrer().sentReferrals(saved.id);
        expect(shown).toMatchObject({ referralId: sent.referralId, status: { stage: "on-agenda" } });
      });

      // The coordinator's next status, written under the referral's newest key, reaches the colleague.
      await coordinatorDevice.teamSync.syncNow();
      await coordinator.setStatus(sent.referralId, {
        stage: "heard",
        meetingDate: "2026-12-15",
        actions: [{ text: "Safety plan reviewed", agency: "Police" }],
      });
      expect((await colleague.teamSync.syncNow()).problem).toBeNull();
      await vi.waitFor(async () => {
        const [shown] = await colleague.teamSync.maracReferrer().sentReferrals(saved.id);
        expect(shown?.status).toMatchObject({ stage: "heard", actions: [{ text: "Safety plan reviewed" }] });
      });
    } finally {
      for (const device of [...team.all, coordinatorDevice]) await device.close();
    }
  });
});
