// Sending to MARAC through team sync (issue 17 items 1 and 2), on the fake servers: an officer (police
// team) and an IDVA (IDVA team), both linked to one MARAC area, refer the same victim; the area's
// coordinator sees both in the inbox with one strong match and its reasons, decides it, and sets
// statuses that flow back to each referrer's case. Corrections, read-only sent packs, an offline send,
// and another area that sees nothing.
import type { ReferralPackDocument } from "../../../domain/referral-pack/pack-document";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { FakeMaracArea } from "../../../testing/fake-marac-area";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { maracPackDocument, saveReadyMaracPack } from "../../../testing/marac-pack-document";
import { TestCoordinatorDevice } from "../../../testing/marac-sync-devices";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { InvalidInputError } from "../../errors";
import { PACK_SENT_TO_MARAC, SENT_PACK_IS_READ_ONLY } from "../../packs";
import { saveActivePolicy } from "../../policy-setting";
import { londonDateOf } from "../../../domain/dates";
import { MaracSendError } from "../marac-records-api";
import { decisionsRecordId, statusRecordId } from "../marac-records";
import { importCaseKey, newCaseKeyBytes } from "../case-keys";
import { devicePublicKeys, generateDeviceKeys } from "../device-keys";
import { sealEnvelope } from "../envelope";

const HIDDEN = "Flat 2, Secret Refuge Lane";

function packDocument(note: string): ReferralPackDocument {
  return maracPackDocument(
    "Jane Smith",
    { label: "Where she is staying", value: HIDDEN, sourcePaths: ["details.victim.address"], withheld: true },
    { label: "Note", value: note, sourcePaths: [] },
  );
}

/** A case of the victim with a complete MARAC pack ("ready"), as the pack screen saves one. */
async function caseWithReadyPack(device: TestSyncDevice, victim: { name: string; postcode: string }, agency: string) {
  const saved = await device.session.saveCase({
    details: {
      victim: { name: victim.name, dateOfBirth: "1990-03-04", address: { line1: HIDDEN, postcode: victim.postcode } },
      referrer: { agency },
      nonDisclosure: ["victim.address.line1"],
    },
  });
  const packId = await readyPack(device, saved.id, "marac-1", "first");
  return { caseId: saved.id, packId };
}

async function readyPack(device: TestSyncDevice, caseId: string, packId: string, note: string): Promise<string> {
  await saveReadyMaracPack(device.session, caseId, packId, packDocument(note));
  return packId;
}

describe("sending to MARAC through team sync", () => {
  let police: FakeTeamServer;
  let idvaTeam: FakeTeamServer;
  let north: FakeMaracArea;
  let south: FakeMaracArea;
  let officer: TestSyncDevice;
  let policeManager: TestSyncDevice;
  let idva: TestSyncDevice;
  let coordinator: TestCoordinatorDevice;
  let otherAreaCoordinator: TestCoordinatorDevice;

  beforeEach(async () => {
    police = new FakeTeamServer();
    police.name = "Northshire Police";
    idvaTeam = new FakeTeamServer();
    idvaTeam.name = "Northshire IDVA Service";
    north = new FakeMaracArea("Northshire MARAC");
    south = new FakeMaracArea("Southshire MARAC");
    north.link(police);
    north.link(idvaTeam);
    south.link(police);
    policeManager = await TestSyncDevice.enrol(police, "Sgt Manager", "manager");
    officer = await TestSyncDevice.enrol(police, "PC Officer", "practitioner", policeManager);
    const idvaManager = await TestSyncDevice.enrol(idvaTeam, "IDVA Manager", "manager");
    idva = await TestSyncDevice.enrol(idvaTeam, "IDVA Worker", "practitioner", idvaManager);
    coordinator = await TestCoordinatorDevice.enrol(north, "MARAC Coordinator");
    otherAreaCoordinator = await TestCoordinatorDevice.enrol(south, "Other Coordinator");
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows the coordinator both referrals of one victim with one strong match and its reasons, and statuses flow back", async () => {
    const officerCase = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const idvaCase = await caseWithReadyPack(idva, { name: "SMITH, Jayne", postcode: "NE1 4XD" }, "IDVA service");
    const areas = await officer.teamSync.maracReferrer().linkedAreas();
    expect(areas.map((area) => area.name).sort()).toEqual(["Northshire MARAC", "Southshire MARAC"]);

    // The officer sends first, the IDVA five minutes later (both in the past: a device refuses a record
    // dated in the future); the coordinator's device takes both in one round.
    const startedAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(startedAt - 10 * 60_000);
    const fromOfficer = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: officerCase.caseId, packId: officerCase.packId, areaId: north.areaId });
    vi.setSystemTime(startedAt - 5 * 60_000);
    const fromIdva = await idva.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: idvaCase.caseId, packId: idvaCase.packId, areaId: north.areaId });
    vi.useRealTimers();
    expect(fromOfficer.waitingToSend).toBe(false);
    expect(fromOfficer.status.stage).toBe("sent");
    expect(fromOfficer.versions).toEqual([{ version: 1, sentAt: expect.any(String) }]);

    await coordinator.sync();
    const inbox = await coordinator.inbox.inbox();
    expect(inbox.map((referral) => referral.fromTeam).sort()).toEqual(["Northshire IDVA Service", "Northshire Police"]);
    // Newest first, and matches are one-way: the newer referral carries the one match, the older none.
    expect(inbox.map((referral) => referral.referralId)).toEqual([fromIdva.referralId, fromOfficer.referralId]);
    const officerReferral = inbox.find((referral) => referral.referralId === fromOfficer.referralId)!;
    const idvaReferral = inbox.find((referral) => referral.referralId === fromIdva.referralId)!;
    expect(officerReferral.matches).toEqual([]);
    expect(idvaReferral.matches).toHaveLength(1);
    const [match] = idvaReferral.matches;
    expect(match!.otherReferralId).toBe(fromOfficer.referralId);
    expect(match!.candidate.strength).toBe("strong");
    expect(match!.candidate.reasons.join(" ")).toMatch(/date of birth/i);
    expect(match!.candidate.reasons.join(" ")).toMatch(/postcode/i);
    expect(match!.decision).toBeNull();
    // The MARAC copy only: the withheld fact is the marker, never the text.
    expect(JSON.stringify(officerReferral.pack)).not.toContain(HIDDEN);
    expect(JSON.stringify(officerReferral.pack)).toContain(WITHHELD_MARKER);
    expect(JSON.stringify(officerReferral.referral)).not.toContain(HIDDEN);

    const decided = await coordinator.inbox.decideMatch(
      fromIdva.referralId,
      fromOfficer.referralId,
      "confirmed",
      "same person",
    );
    expect(decided.matches[0]!.decision).toMatchObject({ verdict: "confirmed", note: "same person" });

    // "received" went back as soon as the coordinator's device held them.
    await officer.syncUntilSettled();
    await idva.syncUntilSettled();
    // Every change of the case went to the team, the pack too (its id is not a UUID: "marac-1").
    expect((await officer.teamSync.state()).problem).toBeNull();
    expect((await idva.teamSync.state()).problem).toBeNull();
    expect((await officer.engine.status()).waitingToSend).toBe(0);
    expect((await officer.teamSync.maracReferrer().sentReferrals(officerCase.caseId))[0]!.status.stage).toBe(
      "received",
    );
    expect((await idva.teamSync.maracReferrer().sentReferrals(idvaCase.caseId))[0]!.status.stage).toBe("received");

    // The case screen reads the referral again when told that team records arrived.
    let officerToldOfArrivals = 0;
    const stopListening = officer.session.onTeamRecordsArrived(() => (officerToldOfArrivals += 1));
    await coordinator.inbox.setStatus(fromOfficer.referralId, {
      stage: "on-agenda",
      meetingDate: "2026-12-15",
      actions: [],
    });
    await coordinator.inbox.setStatus(fromIdva.referralId, {
      stage: "heard",
      meetingDate: "2026-12-15",
      actions: [{ text: "Refuge place to be offered", agency: "IDVA service" }],
    });
    await officer.syncUntilSettled();
    await idva.syncUntilSettled();
    const officerView = (await officer.teamSync.maracReferrer().sentReferrals(officerCase.caseId))[0]!;
    expect(officerView.status).toMatchObject({ stage: "on-agenda", meetingDate: "2026-12-15", actions: [] });
    expect(officerToldOfArrivals, "the officer's screens told that the status arrived").toBeGreaterThan(0);
    stopListening();
    const idvaView = (await idva.teamSync.maracReferrer().sentReferrals(idvaCase.caseId))[0]!;
    expect(idvaView.status).toMatchObject({
      stage: "heard",
      meetingDate: "2026-12-15",
      actions: [{ text: "Refuge place to be offered", agency: "IDVA service" }],
    });
    // The team's manager holds them too, and nothing was refused on the way.
    await policeManager.syncUntilSettled();
    expect(policeManager.teamSync.listRefusedRecords()).toEqual([]);
    expect((await officer.engine.status()).refusedEnvelopes).toBe(0);

    // Another area's coordinator sees nothing of it.
    await otherAreaCoordinator.sync();
    expect(await otherAreaCoordinator.inbox.inbox()).toEqual([]);
  });

  it("makes a sent pack read-only, and sends a correction as the next version saying what changed", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referrer = officer.teamSync.maracReferrer();
    const first = await referrer.sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    await expect(
      officer.session.savePack({ id: sent.packId, caseId: sent.caseId, kind: "marac", status: "draft", content: {} }),
    ).rejects.toThrow(SENT_PACK_IS_READ_ONLY);
    const [lockedPack] = (await officer.session.listPacks(sent.caseId)).filter((pack) => pack.id === sent.packId);
    expect(lockedPack).toMatchObject({ status: PACK_SENT_TO_MARAC, sentAt: first.versions[0]!.sentAt });
    await expect(
      referrer.sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId }),
    ).rejects.toThrow(expect.objectContaining({ refusal: "already-sent" }) as Error);
    expect((await officer.session.getCase(sent.caseId)).referralsSent?.marac).toBeDefined();

    const newer = await readyPack(officer, sent.caseId, "marac-2", "corrected");
    await expect(
      referrer.sendCorrection({ referralId: first.referralId, packId: newer, whatChanged: "  " }),
    ).rejects.toThrow(InvalidInputError);
    await expect(
      referrer.sendCorrection({ referralId: first.referralId, packId: newer, whatChanged: "x".repeat(501) }),
    ).rejects.toThrow(InvalidInputError);
    const corrected = await referrer.sendCorrection({
      referralId: first.referralId,
      packId: newer,
      whatChanged: " Date of birth corrected ",
    });
    expect(corrected.versions.map(({ version, whatChanged }) => ({ version, whatChanged }))).toEqual([
      { version: 1, whatChanged: undefined },
      { version: 2, whatChanged: "Date of birth corrected" },
    ]);
    expect(corrected.packId).toBe(newer);

    await coordinator.sync();
    const [held] = await coordinator.inbox.inbox();
    expect(held!.versions).toHaveLength(2);
    expect(JSON.stringify(held!.pack)).toContain("corrected");
  });

  it("refuses what cannot be sent, in the contract's words", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referrer = officer.teamSync.maracReferrer();
    await officer.session.savePack({
      id: "draft-pack",
      caseId: sent.caseId,
      kind: "marac",
      status: "draft",
      content: { document: packDocument("draft") },
    });
    await expect(
      referrer.sendToMarac({ caseId: sent.caseId, packId: "draft-pack", areaId: north.areaId }),
    ).rejects.toThrow(expect.objectContaining({ refusal: "pack-incomplete" }) as Error);
    // An area whose key the server now gives differently from the one first seen is not offered.
    expect((await referrer.linkedAreas()).map((area) => area.areaId)).toContain(south.areaId);
    south.areaKey = { ...south.areaKey!, publicKey: north.areaKey!.publicKey };
    expect((await referrer.linkedAreas()).map((area) => area.areaId)).toEqual([north.areaId]);
    await expect(
      referrer.sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: south.areaId }),
    ).rejects.toThrow(expect.objectContaining({ refusal: "no-linked-area" }) as Error);
    const unlinked = new FakeMaracArea("Unlinked MARAC");
    await expect(
      referrer.sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: unlinked.areaId }),
    ).rejects.toThrow(MaracSendError);
  });

  it("keeps a send made offline waiting, and sends it once back online", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referrer = officer.teamSync.maracReferrer();
    await referrer.linkedAreas(); // listed once online: remembered for offline sends
    officer.network.online = false;
    const waiting = await referrer.sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    expect(waiting.waitingToSend).toBe(true);
    await coordinator.sync();
    expect(await coordinator.inbox.inbox()).toEqual([]);

    officer.network.online = true;
    await officer.syncUntilSettled();
    expect((await referrer.sentReferrals(sent.caseId))[0]!.waitingToSend).toBe(false);
    await coordinator.sync();
    expect((await coordinator.inbox.inbox()).map((referral) => referral.referralId)).toEqual([waiting.referralId]);
  });

  it("classifies a repeat by the repeat window of the policy the coordinator's profile has loaded", async () => {
    const officerCase = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const earlier = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: officerCase.caseId, packId: officerCase.packId, areaId: north.areaId });
    await coordinator.sync();
    const fiveMonthsAgo = new Date();
    fiveMonthsAgo.setMonth(fiveMonthsAgo.getMonth() - 5);
    const heardOn = londonDateOf(fiveMonthsAgo.toISOString());
    await coordinator.inbox.setStatus(earlier.referralId, { stage: "heard", meetingDate: heardOn, actions: [] });
    const idvaCase = await caseWithReadyPack(idva, { name: "Jane Smith", postcode: "NE1 4XD" }, "IDVA service");
    const later = await idva.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: idvaCase.caseId, packId: idvaCase.packId, areaId: north.areaId });
    await coordinator.sync();
    const classification = async () =>
      (await coordinator.inbox.inbox()).find((referral) => referral.referralId === later.referralId)!.matches[0]!
        .candidate.classification;
    // The shipped default: heard within 12 months is a repeat.
    expect(await classification()).toBe("repeat");
    await saveActivePolicy(coordinator.session, {
      name: "Northshire MARAC operating protocol",
      version: 2,
      repeatMaracMonths: 3,
    });
    expect(await classification()).toBe("earlier-referral");
  });

  it("gives a second coordinator of the area the same inbox and statuses", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referral = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    await coordinator.sync();
    await coordinator.inbox.setStatus(referral.referralId, {
      stage: "on-agenda",
      meetingDate: "2026-12-15",
      actions: [],
    });
    const deputy = await TestCoordinatorDevice.enrol(north, "Deputy Coordinator", coordinator);
    await deputy.sync();
    const [seen] = await deputy.inbox.inbox();
    expect(seen!.referralId).toBe(referral.referralId);
    expect(seen!.status).toMatchObject({ stage: "on-agenda", meetingDate: "2026-12-15" });
    // The deputy moves it on; the first coordinator's device and the officer's case follow.
    await deputy.inbox.setStatus(referral.referralId, { stage: "heard", meetingDate: "2026-12-15", actions: [] });
    await coordinator.sync();
    expect((await coordinator.inbox.inbox())[0]!.status.stage).toBe("heard");
    await officer.syncUntilSettled();
    expect((await officer.teamSync.maracReferrer().sentReferrals(sent.caseId))[0]!.status.stage).toBe("heard");
  });

  it("shares answers to matches with the area's other coordinator devices; two at once settle on the later everywhere", async () => {
    const officerCase = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const earlier = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: officerCase.caseId, packId: officerCase.packId, areaId: north.areaId });
    await coordinator.sync();
    const idvaCase = await caseWithReadyPack(idva, { name: "SMITH, Jayne", postcode: "NE1 4XD" }, "IDVA service");
    const later = await idva.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: idvaCase.caseId, packId: idvaCase.packId, areaId: north.areaId });
    await coordinator.sync();
    const deputy = await TestCoordinatorDevice.enrol(north, "Deputy Coordinator", coordinator);
    await deputy.sync();
    const answerOn = async (device: TestCoordinatorDevice) =>
      (await device.inbox.inbox()).find((referral) => referral.referralId === later.referralId)!.matches[0]!;
    expect((await answerOn(deputy)).decision).toBeNull();

    // Answered on one device: the other shows the answer, who gave it and when, and does not ask again.
    await coordinator.inbox.decideMatch(later.referralId, earlier.referralId, "confirmed", "Same person: checked DOB");
    await deputy.sync();
    expect((await answerOn(deputy)).decision).toMatchObject({
      verdict: "confirmed",
      decidedBy: "MARAC Coordinator",
      note: "Same person: checked DOB",
    });

    // Two answers at once. The coordinator answers first, but its push is held on the way; the deputy
    // answers a moment later and reaches the server first, so the coordinator's push is a conflict.
    let held!: () => void;
    const coordinatorHeld = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    coordinator.network.hold = async (where) => {
      if (where !== "request" || coordinator.network.calls.at(-1) !== "area-push") return;
      held();
      await released;
    };
    const coordinatorAnswer = coordinator.inbox.decideMatch(later.referralId, earlier.referralId, "rejected", "No");
    await coordinatorHeld;
    coordinator.network.hold = () => Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 5)); // the deputy's answer is later in time
    await deputy.inbox.decideMatch(later.referralId, earlier.referralId, "confirmed", "Yes: same person");
    const decisionsRecord = await decisionsRecordId(later.referralId);
    expect(idvaTeam.versionsOf(decisionsRecord)).toHaveLength(2);
    release();
    await coordinatorAnswer;
    // Refused as a conflict: nothing went on top of the deputy's version.
    expect(idvaTeam.versionsOf(decisionsRecord)).toHaveLength(2);
    expect(idvaTeam.versionsOf(decisionsRecord)[1]!.authorDeviceId).toBe(deputy.deviceId);

    // The next rounds merge the histories; the later answer (the deputy's) counts on both, the other stays.
    await coordinator.sync();
    await deputy.sync();
    expect(idvaTeam.versionsOf(decisionsRecord)).toHaveLength(3);
    for (const device of [coordinator, deputy]) {
      const match = await answerOn(device);
      expect(match.decision).toMatchObject({ verdict: "confirmed", decidedBy: "Deputy Coordinator" });
    }
    const coordinatorRow = await answerOn(coordinator);
    const deputyRow = await answerOn(deputy);
    expect(coordinatorRow.decision).toEqual(deputyRow.decision);
    expect(coordinatorRow.earlierDecisions).toEqual(deputyRow.earlierDecisions);
    expect(coordinatorRow.earlierDecisions.map(({ verdict, decidedBy }) => [verdict, decidedBy])).toEqual([
      ["confirmed", "MARAC Coordinator"],
      ["rejected", "MARAC Coordinator"],
    ]);

    // The referring teams hold the record but cannot read it, and refuse nothing.
    await idva.syncUntilSettled();
    await officer.syncUntilSettled();
    expect(idva.teamSync.listRefusedRecords()).toEqual([]);
    expect((await idva.engine.status()).refusedEnvelopes).toBe(0);
    expect((await idva.teamSync.maracReferrer().sentReferrals(idvaCase.caseId))[0]!.status.stage).toBe("received");
  });

  it("refuses a status written by a team's device, and a status under another area's referral", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referral = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    // The officer's device forges a "heard" status under the referral's key: the manager's device refuses it.
    await officer.engine.recordChange({
      recordId: await statusRecordId(referral.referralId),
      caseId: referral.referralId,
      kind: "marac-status",
      body: {
        statusBodyVersion: 1,
        referralId: referral.referralId,
        stage: "heard",
        meetingDate: "2026-12-15",
        actions: [],
        updatedAt: new Date().toISOString(),
      },
    });
    await officer.syncUntilSettled();
    const report = await policeManager.teamSync.syncNow();
    expect(report.refused.map((refusal) => refusal.reason)).toEqual(["malformed"]);

    // Another area's coordinator, signing properly, cannot write into the police team's stream under
    // north's key; north's own coordinator can (the same envelope, signed by it, is taken).
    const keyId = police.envelopes.find((row) => row.recordId === referral.referralId)!.keyId;
    const stranger = await generateDeviceKeys();
    const strangerKeys = await devicePublicKeys(stranger.keys);
    const strangerId = await south.enrol(strangerKeys);
    south.approve(otherAreaCoordinator.deviceId, strangerId, strangerKeys.fingerprint, "AAAA");
    const addressed = async (signingKey: CryptoKey, authorDeviceId: string) => {
      const recordId = crypto.randomUUID();
      return sealEnvelope({
        address: { teamId: police.teamId, recordId, keyId, version: 1, parentSignature: new Uint8Array(0) },
        authorDeviceId,
        caseKey: await importCaseKey(newCaseKeyBytes()),
        signingKey,
        document: {
          recordId,
          caseId: referral.referralId,
          kind: "marac-status",
          body: {},
          savedAt: new Date().toISOString(),
        },
      });
    };
    await expect(
      south.pushToTeam(strangerId, police.teamId, await addressed(stranger.keys.ecdsaPrivateKey, strangerId)),
    ).rejects.toMatchObject({ code: "not-allowed" });
    const northStranger = await generateDeviceKeys();
    const northKeys = await devicePublicKeys(northStranger.keys);
    const northId = await north.enrol(northKeys);
    north.approve(coordinator.deviceId, northId, northKeys.fingerprint, "AAAA");
    const taken = await north.pushToTeam(
      northId,
      police.teamId,
      await addressed(northStranger.keys.ecdsaPrivateKey, northId),
    );
    expect(taken.status).toBe("accepted");
  });

  it("stops a coordinator's device the area removed, and clears the referrals it held", async () => {
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    await coordinator.sync();
    expect(await coordinator.inbox.inbox()).toHaveLength(1);
    north.devices.get(coordinator.deviceId)!.status = "revoked";
    await coordinator.sync();
    expect((await coordinator.teamSync.state()).membership).toBe("revoked");
    expect(await coordinator.inbox.inbox()).toEqual([]);
    expect(() => coordinator.teamSync.maracCoordinator()).toThrow(InvalidInputError);
  });

  it('never puts a coordinator device\'s own "received" on top of a status another one set first', async () => {
    const deputy = await TestCoordinatorDevice.enrol(north, "Deputy Coordinator", coordinator);
    const sent = await caseWithReadyPack(officer, { name: "Jane Smith", postcode: "NE1 4XD" }, "Police");
    const referral = await officer.teamSync
      .maracReferrer()
      .sendToMarac({ caseId: sent.caseId, packId: sent.packId, areaId: north.areaId });
    // The deputy's device holds it and queues "received", but its push is lost on the way.
    deputy.network.loseRequest = () => deputy.network.calls.at(-1) === "area-push";
    await deputy.sync();
    deputy.network.loseRequest = () => false;
    // Meanwhile the other coordinator lists it for a meeting.
    await coordinator.sync();
    await coordinator.inbox.setStatus(referral.referralId, {
      stage: "on-agenda",
      meetingDate: "2026-12-15",
      actions: [],
    });
    await deputy.sync();
    await deputy.sync();
    expect((await deputy.inbox.inbox())[0]!.status.stage).toBe("on-agenda");
    await officer.syncUntilSettled();
    expect((await officer.teamSync.maracReferrer().sentReferrals(sent.caseId))[0]!.status.stage).toBe("on-agenda");
  });
});
