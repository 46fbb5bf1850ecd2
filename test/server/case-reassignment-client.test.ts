// Reassigning a removed officer's case with the app's own code on both sides (issue 17 item 3): vaults on
// fake IndexedDB, TeamSync and the sync engine over HTTP to the real server. The manager removes the
// officer, the case gets a new key (§27), the manager's device reassigns it to a colleague's device, and
// the colleague's device — whose cursor is long past the case's envelopes — gets the whole case into its
// vault on its next round and writes to it under the case's newest key.
import { syncedTeam, type SyncClientDevice } from "./support/sync-client-device";
import { serverUnderTest } from "./support/server-under-test";
import { createTeam } from "./support/team-fixture";
import { NO_DATABASE } from "./support/test-database";

async function caseIds(device: SyncClientDevice): Promise<string[]> {
  return (await device.session.listCaseSummaries()).map((summary) => summary.id);
}

describe.skipIf(NO_DATABASE)("reassigning a leaver's case, device to device", () => {
  const server = serverUnderTest({ listen: true });

  it("gives the colleague's device the whole case, which it then writes to under the newest key", async () => {
    const { app, db, baseUrl } = server;
    const { firstCode } = await createTeam(app, "Reassign Client Unit");
    const team = await syncedTeam(baseUrl, firstCode, 2);
    const [officer, colleague] = team.practitioners as [SyncClientDevice, SyncClientDevice];
    const { manager } = team;
    try {
      const saved = await officer.session.saveCase({ details: { victim: "Dana Leaver" }, summary: { brag: "red" } });
      const draft = await officer.session.saveAssessmentDraft({
        caseId: saved.id,
        questionSetId: "dash",
        questionSetVersion: "2009",
        policyName: "default",
        policyVersion: "1",
        content: { answers: { q1: "yes" } },
      });
      await officer.session.saveCase({ id: saved.id, details: { victim: "Dana Leaver", notes: "second version" } });
      await officer.sync();
      // The colleague's cursor passes the case's envelopes, none of which it may read.
      await colleague.teamSync.syncNow();
      await manager.teamSync.syncNow();
      expect(await caseIds(colleague)).toEqual([]);

      const admin = manager.adminClient();
      await admin.revoke(officer.deviceId);
      expect(await manager.teamSync.rekeyAfterRemoval(admin, officer.deviceId)).toEqual({ status: "done", rotated: 1 });
      await manager.teamSync.syncNow();

      const reassignment = manager.teamSync.reassignment();
      expect(await reassignment.casesOf(admin, officer.deviceId)).toEqual({
        cases: [{ caseId: saved.id, alsoWith: [] }],
        notHeld: 0,
      });
      const listed = (await admin.listDevices()).find((device) => device.deviceId === colleague.deviceId)!;
      const progress: { done: number; total: number }[] = [];
      const outcome = await reassignment.reassign(
        admin,
        {
          fromDeviceId: officer.deviceId,
          to: { deviceId: colleague.deviceId, ecdhPublicKey: listed.ecdhPublicKey },
          caseIds: [saved.id],
        },
        (step) => progress.push(step),
      );
      // The old key (the case's past) and the new one (its future).
      expect(outcome).toEqual({ reassigned: 1, granted: 2 });
      expect(progress).toEqual([
        { done: 0, total: 1 },
        { done: 1, total: 1 },
      ]);
      // Again (an answer lost): nothing more stored.
      expect(
        await reassignment.reassign(admin, {
          fromDeviceId: officer.deviceId,
          to: { deviceId: colleague.deviceId, ecdhPublicKey: listed.ecdhPublicKey },
          caseIds: [saved.id],
        }),
      ).toEqual({ reassigned: 1, granted: 0 });
      expect((await reassignment.casesOf(admin, officer.deviceId)).cases).toEqual([
        { caseId: saved.id, alsoWith: [colleague.deviceId] },
      ]);

      const report = await colleague.teamSync.syncNow();
      expect(report.problem).toBeNull();
      expect(report.refused).toEqual([]);
      await vi.waitFor(async () => expect(await caseIds(colleague)).toEqual([saved.id]));
      const arrived = await colleague.session.getCase(saved.id);
      expect(arrived.details).toEqual({ victim: "Dana Leaver", notes: "second version" });
      await vi.waitFor(async () =>
        expect((await colleague.session.listAssessments(saved.id)).map((each) => each.id)).toEqual([draft.id]),
      );

      // The colleague now works on the case: its change goes under the key that replaced the officer's.
      await colleague.session.saveCase({ id: saved.id, details: { victim: "Dana Leaver", notes: "taken over" } });
      await colleague.sync();
      const held = await colleague.engine!.getRecord(saved.id);
      const [rotation] = await db.query<{ new_key_id: string }>("SELECT new_key_id FROM key_rotations");
      expect(held?.keyId).toBe(rotation?.new_key_id);
      await manager.teamSync.syncNow();
      await vi.waitFor(async () =>
        expect((await manager.session.getCase(saved.id)).details).toMatchObject({ notes: "taken over" }),
      );
    } finally {
      for (const device of team.all) await device.close().catch(() => undefined);
    }
  });
});
