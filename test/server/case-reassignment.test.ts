// Reassigning a leaver's cases (issue 17 item 3, migration 008): a manager's device lists the case keys
// wrapped to a practitioner's device, wraps them (the current key and those it replaced) to another
// approved practitioner's device of the team, and that device learns of the grant after its cursor and
// pulls the key's earlier envelopes. A practitioner cannot do it; a removed device never receives a key.
import type { FastifyInstance } from "fastify";
import { caseKeyCommitment, keyRotationSigningInput } from "../../src/domain/team-sync/key-rotation";
import { caseKeyPurpose, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import { approvedDevice, teamFixture, testServer, type TeamFixture } from "./support/team-fixture";
import { NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";
import type { PulledEnvelope } from "../../src/server/envelopes-service";
import { b64, TestDevice, type Answer } from "./support/test-device";

async function wrapFor(raw: Uint8Array<ArrayBuffer>, keyId: string, to: TestDevice): Promise<string> {
  return b64(await sealToPublicKey(raw, to.ecdhPublic, caseKeyPurpose(keyId)));
}

function grant(
  by: TestDevice,
  from: TestDevice,
  to: TestDevice,
  grants: { keyId: string; wrapped: string }[],
): Promise<Answer<{ granted: number }>> {
  return by.request({
    method: "POST",
    url: "/api/team/key-grants",
    payload: { fromDeviceId: from.deviceId, toDeviceId: to.deviceId, grants },
  });
}

function caseKeysOf(by: TestDevice, device: TestDevice) {
  return by.request<{ keys: { keyId: string; holders: string[] }[] }>({
    method: "GET",
    url: `/api/devices/${device.deviceId}/case-keys`,
  });
}

function grantsTo(device: TestDevice, after = 0) {
  return device.request<{ grants: { id: number; keyId: string }[]; cursor: number; more: boolean }>({
    method: "GET",
    url: `/api/key-grants?after=${after}`,
  });
}

function keyEnvelopes(device: TestDevice, keyId: string, after = 0) {
  return device.request<{ envelopes: PulledEnvelope[]; cursor: number; more: boolean }>({
    method: "GET",
    url: `/api/keys/${keyId}/envelopes?after=${after}`,
  });
}

function audit(manager: TestDevice) {
  return manager.request<{
    entries: {
      action: string;
      actorDeviceId: string;
      subjectDeviceId: string | null;
      subjectKeyId: string | null;
      subjectFromDeviceId: string | null;
    }[];
  }>({ method: "GET", url: "/api/team/audit" });
}

const revoke = (manager: TestDevice, device: TestDevice) =>
  manager.request({ method: "POST", url: `/api/devices/${device.deviceId}/revoke` });

describe.skipIf(NO_DATABASE)("reassigning a practitioner's cases", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let team: TeamFixture;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await testServer(db);
    team = await teamFixture(app, "Reassign Team", 0);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** A practitioner with one case of two versions under its key. */
  async function officerWithCase() {
    const officer = await approvedDevice(app, team.manager);
    const { keyId, key, raw } = await officer.newCaseKey();
    const recordId = crypto.randomUUID();
    expect(
      (await officer.push(await officer.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "v1")))).status,
    ).toBe(201);
    expect(
      (await officer.push(await officer.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "v2")))).status,
    ).toBe(201);
    return { officer, keyId, key, raw, recordId };
  }

  it("gives a removed officer's case to another officer, who pulls the envelopes its cursor had passed", async () => {
    const { officer, keyId, raw, recordId } = await officerWithCase();
    const colleague = await approvedDevice(app, team.manager);
    // The colleague's cursor is past the case's envelopes, and it could read none of them.
    const before = await colleague.pullAll();
    expect(before.envelopes.filter((envelope) => envelope.keyId === keyId)).toEqual([]);
    expect((await revoke(team.manager, officer)).status).toBe(200);

    const listed = await caseKeysOf(team.manager, officer);
    expect(listed).toMatchObject({ status: 200, body: { keys: [{ keyId, holders: [] }] } });

    const wrapped = await wrapFor(raw, keyId, colleague);
    expect(await grant(team.manager, officer, colleague, [{ keyId, wrapped }])).toMatchObject({
      status: 201,
      body: { granted: 1 },
    });
    // The same grant again (its answer lost, wrapped afresh) stores and audits nothing more.
    expect(
      await grant(team.manager, officer, colleague, [{ keyId, wrapped: await wrapFor(raw, keyId, colleague) }]),
    ).toMatchObject({
      status: 201,
      body: { granted: 0 },
    });

    // The next pull page says there is a grant to learn; the feed names the key.
    const page = await colleague.pull(before.cursor);
    const latestGrant = (page.body as unknown as { latestGrant: number }).latestGrant;
    expect(latestGrant).toBeGreaterThan(0);
    const grants = await grantsTo(colleague);
    expect(grants.body.grants).toEqual([{ id: latestGrant, keyId }]);
    expect(grants.body.cursor).toBe(latestGrant);
    expect((await grantsTo(colleague, latestGrant)).body.grants).toEqual([]);

    const pulled = await keyEnvelopes(colleague, keyId);
    expect(pulled.status).toBe(200);
    expect(pulled.body.envelopes.map((envelope) => [envelope.recordId, envelope.version, envelope.wrappedTo])).toEqual([
      [recordId, 1, "device"],
      [recordId, 2, "device"],
    ]);
    expect(await colleague.read(pulled.body.envelopes[1]!)).toBe("v2");
    expect((await caseKeysOf(team.manager, colleague)).body.keys).toEqual([{ keyId, holders: [] }]);

    const rows = (await audit(team.manager)).body.entries.filter((entry) => entry.action === "reassign");
    expect(rows).toHaveLength(1);
    expect(rows).toMatchObject([
      {
        action: "reassign",
        actorDeviceId: team.manager.deviceId,
        subjectDeviceId: colleague.deviceId,
        subjectKeyId: keyId,
        subjectFromDeviceId: officer.deviceId,
      },
    ]);
  });

  it("refuses a practitioner, a removed or waiting recipient, another device's key, and another team", async () => {
    const { officer, keyId, raw } = await officerWithCase();
    const colleague = await approvedDevice(app, team.manager);
    const wrapped = await wrapFor(raw, keyId, colleague);

    // The officer holds the key, but reassigning is a manager's.
    expect(await grant(officer, officer, colleague, [{ keyId, wrapped }])).toMatchObject({
      status: 403,
      body: { error: "not-allowed" },
    });
    expect((await caseKeysOf(officer, colleague)).status).toBe(403);
    expect((await keyEnvelopes(colleague, keyId)).status).toBe(403);

    // A removed device never receives a wrapping.
    const leaver = await approvedDevice(app, team.manager);
    expect((await revoke(team.manager, leaver)).status).toBe(200);
    expect(
      await grant(team.manager, officer, leaver, [{ keyId, wrapped: await wrapFor(raw, keyId, leaver) }]),
    ).toMatchObject({
      status: 409,
      body: { error: "recipient-not-approved" },
    });
    // Nor does a device still waiting for approval.
    const code = await team.manager.issueCode("practitioner");
    const waiting = await TestDevice.create(app);
    expect((await waiting.enrol(code.body.code)).status).toBe(201);
    expect(
      await grant(team.manager, officer, waiting, [{ keyId, wrapped: await wrapFor(raw, keyId, waiting) }]),
    ).toMatchObject({
      status: 409,
      body: { error: "recipient-not-approved" },
    });

    // A case that was never the "from" device's is not reassigned from it.
    const other = await approvedDevice(app, team.manager);
    expect(await grant(team.manager, other, colleague, [{ keyId, wrapped }])).toMatchObject({
      status: 409,
      body: { error: "key-not-of-device" },
    });
    // Nor to a manager's device (managers read every case already).
    expect(await grant(team.manager, officer, team.manager, [{ keyId, wrapped }])).toMatchObject({
      status: 409,
      body: { error: "not-a-practitioner" },
    });

    // Another team's manager sees nothing of this team's devices.
    const elsewhere = await teamFixture(app, "Another Reassign Team", 0);
    expect((await caseKeysOf(elsewhere.manager, officer)).body).toMatchObject({ error: "wrong-team" });
    expect((await grant(elsewhere.manager, officer, colleague, [{ keyId, wrapped }])).body).toMatchObject({
      error: "wrong-team",
    });

    // None of it stored a wrapping, a grant or an audit row.
    const [stored] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM wrapped_keys WHERE key_id = $1 AND recipient_device_id <> $2",
      [keyId, officer.deviceId],
    );
    expect(stored?.n).toBe(0);
    const [granted] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM key_grants WHERE key_id = $1", [
      keyId,
    ]);
    expect(granted?.n).toBe(0);
    const [audited] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM team_audit WHERE action = 'reassign' AND subject_key_id = $1",
      [keyId],
    );
    expect(audited?.n).toBe(0);
  });

  it("after a rotation, needs the new key given with the old, and a batch is all or none", async () => {
    const { officer, keyId, raw } = await officerWithCase();
    const colleague = await approvedDevice(app, team.manager);
    expect((await revoke(team.manager, officer)).status).toBe(200);
    // The manager gives the case a new key, as the removal's re-keying does.
    const newKeyId = crypto.randomUUID();
    const newRaw = crypto.getRandomValues(new Uint8Array(32));
    const commitment = await caseKeyCommitment(newRaw, newKeyId);
    const signature = await team.manager.sign(
      keyRotationSigningInput({ teamId: team.manager.teamId, oldKeyId: keyId, newKeyId }, commitment),
    );
    const rotated = await team.manager.request({
      method: "POST",
      url: "/api/team/key-rotations",
      payload: {
        revokedDeviceId: officer.deviceId,
        rotations: [
          {
            oldKeyId: keyId,
            newKeyId,
            commitment: b64(commitment),
            signature: b64(signature),
            wraps: [
              {
                recipient: "manager-key",
                wrapped: b64(await sealToPublicKey(newRaw, team.manager.managerPublicKey!, caseKeyPurpose(newKeyId))),
              },
            ],
          },
        ],
      },
    });
    expect(rotated.status).toBe(201);

    const oldGrant = { keyId, wrapped: await wrapFor(raw, keyId, colleague) };
    const newGrant = { keyId: newKeyId, wrapped: await wrapFor(newRaw, newKeyId, colleague) };
    // The old key alone would let the colleague read the case but never write to it.
    expect(await grant(team.manager, officer, colleague, [oldGrant])).toMatchObject({
      status: 409,
      body: { error: "key-rotated", newKeyId },
    });
    expect((await grantsTo(colleague)).body.grants).toEqual([]);
    // The new key is of the officer's case too (through the rotation), so both go, oldest first.
    expect(await grant(team.manager, officer, colleague, [oldGrant, newGrant])).toMatchObject({
      status: 201,
      body: { granted: 2 },
    });
    expect((await grantsTo(colleague)).body.grants.map((entry) => entry.keyId)).toEqual([keyId, newKeyId]);
  });
});
