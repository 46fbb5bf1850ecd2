// Sending to MARAC end to end with the app's own sync client (issue 17 items 1 and 2; the acceptance's
// flow without the screens): an officer's team and an IDVA's team, both linked to one MARAC area, each
// send the MARAC copy of a pack about the same victim over HTTP; the area's coordinator device (TeamSync
// over HttpSyncTransport) sees one match with its reasons and sets statuses that reach both referrers'
// cases. Then a dump of every table holds neither the victim's name nor the withheld address.
import { adminCall, createTeam } from "./support/team-fixture";
import { SyncClientDevice, syncedTeam } from "./support/sync-client-device";
import { dump, findings } from "./support/database-dump";
import { maracPackDocument, saveReadyMaracPack } from "../../src/testing/marac-pack-document";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";

const VICTIM = "Marianne Featherstonehaugh";
const WITHHELD = "17 Quillington Crescent";

function pack(agency: string) {
  return maracPackDocument(
    VICTIM,
    { label: "Address", value: WITHHELD, sourcePaths: ["details.victim.address"], withheld: true },
    { label: "Referred by", value: agency, sourcePaths: [] },
  );
}

async function sendReferral(device: SyncClientDevice, name: string, agency: string, areaId: string) {
  const saved = await device.session.saveCase({
    details: {
      victim: { name, dateOfBirth: "1988-07-21", address: { line1: WITHHELD, postcode: "S70 9ZZ" } },
      referrer: { agency },
      nonDisclosure: ["victim.address.line1"],
    },
  });
  await saveReadyMaracPack(device.session, saved.id, "marac-1", pack(agency));
  const sent = await device.teamSync.maracReferrer().sendToMarac({ caseId: saved.id, packId: "marac-1", areaId });
  return { caseId: saved.id, sent };
}

describe.skipIf(NO_DATABASE)("sending to MARAC with the app's sync client", () => {
  const server = serverUnderTest({ listen: true });

  it("brings both referrals to the coordinator with one match, and its statuses back to both cases", async () => {
    const police = await syncedTeam(server.baseUrl, (await createTeam(server.app, "Client Police Unit")).firstCode, 1);
    const idva = await syncedTeam(server.baseUrl, (await createTeam(server.app, "Client IDVA Service")).firstCode, 1);
    const area = await adminCall(server.app, "/api/admin/areas", { name: "Client MARAC" });
    for (const team of ["Client Police Unit", "Client IDVA Service"]) {
      expect((await adminCall(server.app, "/api/admin/team-areas", { team, area: "Client MARAC" })).status).toBe(200);
    }
    const coordinatorDevice = await SyncClientDevice.create(server.baseUrl, "Coordinator");
    await coordinatorDevice.enrolCoordinator(String(area.body.firstCode));
    const coordinator = await coordinatorDevice.startAreaSync();
    const officer = police.practitioners[0]!;
    const worker = idva.practitioners[0]!;
    try {
      const areaId = String(area.body.id);
      expect(await officer.teamSync.maracReferrer().linkedAreas()).toEqual([{ areaId, name: "Client MARAC" }]);
      const fromOfficer = await sendReferral(officer, VICTIM, "Police", areaId);
      const fromWorker = await sendReferral(worker, "FEATHERSTONEHAUGH, Mariane", "IDVA service", areaId);
      expect(fromOfficer.sent.waitingToSend).toBe(false);

      expect((await coordinatorDevice.teamSync.syncNow()).problem).toBeNull();
      const inbox = await coordinator.inbox();
      expect(inbox.map((referral) => referral.fromTeam).sort()).toEqual(["Client IDVA Service", "Client Police Unit"]);
      // Matches are one-way: the worker's referral, sent after the officer's, carries the match.
      const newer = inbox.find((referral) => referral.referralId === fromWorker.sent.referralId)!;
      expect(newer.matches.map((match) => match.otherReferralId)).toEqual([fromOfficer.sent.referralId]);
      expect(newer.matches[0]!.candidate.reasons.length).toBeGreaterThan(0);
      expect(inbox.find((referral) => referral.referralId === fromOfficer.sent.referralId)!.matches).toEqual([]);

      await coordinator.setStatus(fromOfficer.sent.referralId, {
        stage: "heard",
        meetingDate: "2026-12-15",
        actions: [{ text: "Safety plan reviewed", agency: "Police" }],
      });
      await coordinator.setStatus(fromWorker.sent.referralId, {
        stage: "on-agenda",
        meetingDate: "2026-12-15",
        actions: [],
      });
      await officer.sync();
      await worker.sync();
      const [officerView] = await officer.teamSync.maracReferrer().sentReferrals(fromOfficer.caseId);
      expect(officerView!.status).toMatchObject({ stage: "heard", actions: [{ text: "Safety plan reviewed" }] });
      const [workerView] = await worker.teamSync.maracReferrer().sentReferrals(fromWorker.caseId);
      expect(workerView!.status).toMatchObject({ stage: "on-agenda", meetingDate: "2026-12-15" });
      // The team's managers pull the referral and its statuses without a refusal.
      await police.manager.sync();
    } finally {
      for (const device of [...police.all, ...idva.all, coordinatorDevice]) await device.close();
    }

    const [sends] = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM team_audit WHERE action = 'send'",
    );
    expect(sends?.n).toBe(4); // two referrals, each audited for its team and for the area
    const tables = await dump(server.db);
    expect(findings(tables, ["Featherstonehaugh", "FEATHERSTONEHAUGH", WITHHELD, "1988-07-21"])).toEqual([]);
    // The scanner finds what is there in clear: the area's name.
    expect(findings(tables, ["Client MARAC"])).toContain("Client MARAC (utf-8) in areas");
  });
});
