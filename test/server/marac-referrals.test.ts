// Sending to MARAC (issue 17 item 1) on the server: the area key and its wrapping on approval, the send
// (a referral's own key wrapped to a linked area's key), the coordinators' feed (their area's referrals
// only, from every linked team), status records back into the sending team's stream (only under keys
// sent to the area), the team's directory of linked coordinators, and the audit's "send" rows.
import { caseKeyPurpose, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import {
  createArea,
  linkTeam,
  sendReferral,
  TestCoordinator,
  wrapToArea,
  type TestArea,
} from "./support/marac-fixture";
import { teamFixture, type TeamFixture } from "./support/team-fixture";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";
import { TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE)("sending referrals to a MARAC area", () => {
  const server = serverUnderTest();
  let police: TeamFixture;
  let idva: TeamFixture;
  let unlinked: TeamFixture;
  let north: TestArea;
  let south: TestArea;

  beforeAll(async () => {
    police = await teamFixture(server.app, "Police Unit", 1);
    idva = await teamFixture(server.app, "IDVA Service", 1);
    unlinked = await teamFixture(server.app, "Other Unit", 1);
    north = await createArea(server.app, "Northshire MARAC");
    south = await createArea(server.app, "Southshire MARAC");
    await linkTeam(server.app, "Police Unit", "Northshire MARAC");
    await linkTeam(server.app, "IDVA Service", "Northshire MARAC");
  });

  it("keeps the area key once, and gives it to a coordinator only on approval", async () => {
    const again = await north.coordinator.setUpAreaKey();
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("area-key-exists");

    const code = await north.coordinator.device.issueCode("coordinator");
    expect(code.status).toBe(201);
    const second = await TestDevice.create(server.app);
    expect((await second.enrol(code.body.code)).status).toBe(201);
    const approveBody = { fingerprint: second.fingerprint };
    const withoutKey = await north.coordinator.device.request({
      method: "POST",
      url: `/api/devices/${second.deviceId}/approve`,
      payload: approveBody,
    });
    expect(withoutKey.status).toBe(400);
    expect(withoutKey.body.error).toBe("area-key-missing");
    const approved = await north.coordinator.device.request({
      method: "POST",
      url: `/api/devices/${second.deviceId}/approve`,
      payload: { ...approveBody, managerKeyWrapped: await north.coordinator.areaKeyFor(second) },
    });
    expect(approved.status).toBe(200);
    await second.signIn();
    const secondCoordinator = new TestCoordinator(second);
    await secondCoordinator.loadAreaKey();
    expect(secondCoordinator.areaKeyId).toBe(north.coordinator.areaKeyId);

    // A team's device has no area key to read or set.
    const fromTeam = await police.practitioners[0]!.request({ method: "GET", url: "/api/area/key" });
    expect(fromTeam.status).toBe(403);
  });

  it("lists to a team only the linked areas with a key, and refuses a send anywhere else", async () => {
    const officer = police.practitioners[0]!;
    const listed = await officer.request<{ areas: { areaId: string; name: string }[] }>({
      method: "GET",
      url: "/api/marac/areas",
    });
    expect(listed.body.areas.map((area) => area.name)).toEqual(["Northshire MARAC"]);

    const { keyId, raw } = await officer.newCaseKey();
    const toUnlinked = await wrapToArea(officer, keyId, raw, south);
    expect(toUnlinked.status).toBe(403);
    expect(toUnlinked.body.error).toBe("area-not-linked");

    // Another team's key: not this device's to send.
    const other = await idva.practitioners[0]!.newCaseKey();
    const notOurs = await wrapToArea(officer, other.keyId, other.raw, north);
    expect(notOurs.status).toBe(403);

    // A key never stored for the device and the managers first.
    const unknown = await wrapToArea(officer, crypto.randomUUID(), raw, north);
    expect(unknown.status).toBe(403);

    // A team not linked to the area cannot send to it.
    const stranger = await unlinked.practitioners[0]!.newCaseKey();
    expect((await wrapToArea(unlinked.practitioners[0]!, stranger.keyId, stranger.raw, north)).status).toBe(403);

    // The same wrapping again is a no-op; another one for the same area is refused.
    const first = await wrapToArea(officer, keyId, raw, north);
    expect(first.body).toEqual({ stored: true });
    const sealed = await sealToPublicKey(raw, north.coordinator.areaPublicKey!, caseKeyPurpose(keyId));
    const [stored] = await server.db.query<{ wrapped: Uint8Array }>(
      "SELECT wrapped FROM area_wrapped_keys WHERE key_id = $1",
      [keyId],
    );
    const again = await wrapToArea(officer, keyId, raw, north, Buffer.from(stored!.wrapped).toString("base64"));
    expect(again.body).toEqual({ stored: false });
    const replaced = await wrapToArea(officer, keyId, raw, north, Buffer.from(sealed).toString("base64"));
    expect(replaced.status).toBe(409);
  });

  it("feeds an area's coordinators the referrals of every linked team, and another area none", async () => {
    const fromPolice = await sendReferral(police.practitioners[0]!, north, "referral from the police");
    const fromIdva = await sendReferral(idva.practitioners[0]!, north, "referral from the IDVA");
    const corrected = await police.practitioners[0]!.push(
      await police.practitioners[0]!.envelope(
        fromPolice.recordId,
        fromPolice.keyId,
        1,
        await TestDevice.encrypt(fromPolice.key, "corrected referral"),
      ),
    );
    expect(corrected.status).toBe(201);
    // A case of the same team, never sent: not in the feed.
    await police.practitioners[0]!.newCaseKey();

    const feed = await north.coordinator.feedAll();
    const mine = feed.filter((envelope) => [fromPolice.recordId, fromIdva.recordId].includes(envelope.recordId));
    expect(mine.map((envelope) => [envelope.teamName, envelope.version])).toEqual(
      expect.arrayContaining([
        ["Police Unit", 1],
        ["Police Unit", 2],
        ["IDVA Service", 1],
      ]),
    );
    expect(mine).toHaveLength(3);
    const texts = await Promise.all(mine.map((envelope) => north.coordinator.read(envelope)));
    expect(texts.sort()).toEqual(["corrected referral", "referral from the IDVA", "referral from the police"]);
    expect(mine.every((envelope) => envelope.authorRole === "practitioner")).toBe(true);

    // Nothing new: an empty page with the same cursor's worth.
    const first = await north.coordinator.feed();
    const next = await north.coordinator.feed(first.body.cursor);
    expect(next.body.envelopes).toEqual([]);

    expect(await south.coordinator.feedAll()).toEqual([]);
    // A team's device has no area feed.
    expect((await police.practitioners[0]!.request({ method: "GET", url: "/api/area/envelopes" })).status).toBe(403);
    expect((await north.coordinator.feed("not a cursor!")).status).toBe(400);
  });

  it("gives a coordinator a referral key's wrapping to its own area by id, and nobody else any", async () => {
    const sent = await sendReferral(idva.practitioners[0]!, north, "a referral read by its key");
    const byId = (device: TestDevice, keyId: string) =>
      device.request({ method: "GET", url: `/api/area/keys/${keyId}` });
    const answer = await byId(north.coordinator.device, sent.keyId);
    expect(answer.status).toBe(200);
    const [stored] = await server.db.query<{ wrapped: Uint8Array }>(
      "SELECT wrapped FROM area_wrapped_keys WHERE key_id = $1",
      [sent.keyId],
    );
    expect(answer.body).toEqual({
      keyId: sent.keyId,
      teamId: idva.manager.teamId,
      wrapped: Buffer.from(stored!.wrapped).toString("base64"),
    });
    // Another area's coordinator: as if there were no such key. A team's device: not a coordinator.
    expect((await byId(south.coordinator.device, sent.keyId)).status).toBe(404);
    expect((await byId(north.coordinator.device, crypto.randomUUID())).status).toBe(404);
    expect((await byId(idva.practitioners[0]!, sent.keyId)).status).toBe(403);
    expect((await byId(north.coordinator.device, "not-a-key")).status).toBe(400);
  });

  it("takes a coordinator's status record into the sending team's stream only under a key sent to its area", async () => {
    const officer = police.practitioners[0]!;
    const sent = await sendReferral(officer, north, "a referral");
    const statusId = crypto.randomUUID();
    const status = await north.coordinator.pushToTeam(police.teamId, statusId, sent.keyId, sent.key, "on the agenda");
    expect(status.status).toBe(201);
    const update = await north.coordinator.pushToTeam(
      police.teamId,
      statusId,
      sent.keyId,
      sent.key,
      "heard",
      1,
      north.coordinator.device.signatures.get(`${statusId}@1`) ?? (await signatureOf(status.body.seq)),
    );
    expect(update.status).toBe(201);

    // The referrer's device pulls it as any record of its team.
    const pulled = await officer.pullAll();
    const ofStatus = pulled.envelopes.filter((envelope) => envelope.recordId === statusId);
    expect(ofStatus.map((envelope) => envelope.version)).toEqual([1, 2]);
    expect(await officer.read(ofStatus[1]!)).toBe("heard");

    // Another area's coordinator: refused. A key never sent: refused. The referral itself: refused.
    const fromSouth = await south.coordinator.pushToTeam(police.teamId, crypto.randomUUID(), sent.keyId, sent.key, "x");
    expect(fromSouth.status).toBe(403);
    const caseKey = await officer.newCaseKey();
    const unsent = await north.coordinator.pushToTeam(
      police.teamId,
      crypto.randomUUID(),
      caseKey.keyId,
      caseKey.key,
      "x",
    );
    expect(unsent.status).toBe(403);
    const overReferral = await north.coordinator.pushToTeam(
      police.teamId,
      sent.recordId,
      sent.keyId,
      sent.key,
      "rewritten",
      1,
      officer.signatures.get(`${sent.recordId}@1`),
    );
    expect(overReferral.status).toBe(403);
    // Signed for another team than the one it names: refused.
    const wrongTeam = await north.coordinator.pushToTeam(idva.teamId, crypto.randomUUID(), sent.keyId, sent.key, "x");
    expect(wrongTeam.status).toBe(403);
  });

  it("lists a team's linked coordinators in its directory when its sync asks, and only then", async () => {
    const officer = police.practitioners[0]!;
    const plain = await officer.request<{ devices: { deviceId: string; role: string }[] }>({
      method: "GET",
      url: "/api/devices",
    });
    expect(plain.body.devices.some((device) => device.role === "coordinator")).toBe(false);
    const withCoordinators = await officer.request<{ devices: { deviceId: string; role: string }[] }>({
      method: "GET",
      url: "/api/devices?linkedCoordinators=true",
    });
    const coordinators = withCoordinators.body.devices.filter((device) => device.role === "coordinator");
    expect(coordinators.map((device) => device.deviceId)).toContain(north.coordinator.device.deviceId);
    expect(coordinators.map((device) => device.deviceId)).not.toContain(south.coordinator.device.deviceId);
    // A team linked to no area lists none.
    const other = await unlinked.practitioners[0]!.request<{ devices: { role: string }[] }>({
      method: "GET",
      url: "/api/devices?linkedCoordinators=true",
    });
    expect(other.body.devices.some((device) => device.role === "coordinator")).toBe(false);
  });

  it("audits every version a team's device sends as a send, for the team and for the area, and nothing else", async () => {
    const nurse = idva.practitioners[0]!;
    const sent = await sendReferral(nurse, north, "audited referral");
    await north.coordinator.pushToTeam(idva.teamId, crypto.randomUUID(), sent.keyId, sent.key, "received");
    const rows = await server.db.query<{
      team_id: string | null;
      area_id: string | null;
      action: string;
      actor_device_id: string;
    }>("SELECT team_id, area_id, action, actor_device_id FROM team_audit WHERE subject_record_id = $1 ORDER BY id", [
      sent.recordId,
    ]);
    expect(rows).toEqual([
      { team_id: idva.teamId, area_id: null, action: "send", actor_device_id: nurse.deviceId },
      { team_id: null, area_id: north.areaId, action: "send", actor_device_id: nurse.deviceId },
    ]);
    const managerView = await idva.manager.request<{ entries: { action: string; subjectRecordId: string | null }[] }>({
      method: "GET",
      url: "/api/team/audit",
    });
    expect(managerView.body.entries.filter((entry) => entry.subjectRecordId === sent.recordId)).toHaveLength(1);
    const coordinatorView = await north.coordinator.device.request<{
      entries: { action: string; subjectRecordId: string | null }[];
    }>({ method: "GET", url: "/api/team/audit" });
    expect(
      coordinatorView.body.entries.some((entry) => entry.action === "send" && entry.subjectRecordId === sent.recordId),
    ).toBe(true);
    // A case never sent leaves no send row.
    const caseKey = await nurse.newCaseKey();
    const caseRecord = crypto.randomUUID();
    await nurse.push(await nurse.envelope(caseRecord, caseKey.keyId, 0, await TestDevice.encrypt(caseKey.key, "case")));
    expect(await server.db.query("SELECT id FROM team_audit WHERE subject_record_id = $1", [caseRecord])).toEqual([]);
  });

  async function signatureOf(seq: number): Promise<string> {
    const [row] = await server.db.query<{ signature: Uint8Array }>("SELECT signature FROM envelopes WHERE seq = $1", [
      seq,
    ]);
    return Buffer.from(row!.signature).toString("base64");
  }
});
