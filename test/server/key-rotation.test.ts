// Key rotation after a device is removed (issue 17 item 3, migration 006): a manager's device learns
// which case keys the removed device could read, replaces each with a fresh key wrapped to the
// remaining holders and the team manager key (never to the removed device), signed; pushes under the
// old key are refused from then on, pushes under the new one accepted, and devices learn the new key.
import type { FastifyInstance } from "fastify";
import { caseKeyCommitment, keyRotationSigningInput } from "../../src/domain/team-sync/key-rotation";
import { caseKeyPurpose, openSealed, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import { approvedDevice, teamFixture, testServer, type TeamFixture } from "./support/team-fixture";
import { NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";
import { b64, fromB64, TestDevice, type Answer } from "./support/test-device";

interface Rotation {
  oldKeyId: string;
  newKeyId: string;
  commitment: string;
  signature: string;
  wraps: { recipient: string; wrapped: string }[];
}

/** A fresh key replacing `oldKeyId`, wrapped to the team manager key and `holders`, signed by `manager`. */
async function rotation(
  manager: TestDevice,
  oldKeyId: string,
  holders: TestDevice[] = [],
): Promise<{ body: Rotation; raw: Uint8Array<ArrayBuffer>; key: CryptoKey }> {
  const newKeyId = crypto.randomUUID();
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const commitment = await caseKeyCommitment(raw, newKeyId);
  const signature = await manager.sign(
    keyRotationSigningInput({ teamId: manager.teamId, oldKeyId, newKeyId }, commitment),
  );
  const wraps = [
    {
      recipient: "manager-key",
      wrapped: b64(await sealToPublicKey(raw, manager.managerPublicKey!, caseKeyPurpose(newKeyId))),
    },
  ];
  for (const holder of holders) {
    wraps.push({
      recipient: holder.deviceId,
      wrapped: b64(await sealToPublicKey(raw, holder.ecdhPublic, caseKeyPurpose(newKeyId))),
    });
  }
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    body: { oldKeyId, newKeyId, commitment: b64(commitment), signature: b64(signature), wraps },
    raw,
    key,
  };
}

function rotate(device: TestDevice, revokedDeviceId: string, rotations: Rotation[]): Promise<Answer> {
  return device.request({
    method: "POST",
    url: "/api/team/key-rotations",
    payload: { revokedDeviceId, rotations },
  });
}

function readableKeys(device: TestDevice, deviceId: string) {
  return device.request<{ role: string; teamKeyHeld: boolean; keys: { keyId: string; holders: string[] }[] }>({
    method: "GET",
    url: `/api/devices/${deviceId}/readable-keys`,
  });
}

interface ListedRotation {
  id: number;
  oldKeyId: string;
  newKeyId: string;
  rotatedBy: string;
  commitment: string;
  signature: string;
  wrappedKey: string;
  wrappedTo: string;
}

function rotations(device: TestDevice, after = 0) {
  return device.request<{ rotations: ListedRotation[]; cursor: number; more: boolean }>({
    method: "GET",
    url: `/api/key-rotations?after=${after}`,
  });
}

const revoke = (manager: TestDevice, device: TestDevice) =>
  manager.request({ method: "POST", url: `/api/devices/${device.deviceId}/revoke` });

describe.skipIf(NO_DATABASE)("key rotation after a device is removed", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let team: TeamFixture;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await testServer(db);
    team = await teamFixture(app, "Rotation Team", 1);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** A practitioner with one case (one record at version 1), removed by the team's manager. */
  async function removedOfficerWithCase() {
    const officer = await approvedDevice(app, team.manager);
    const { keyId, key } = await officer.newCaseKey();
    const recordId = crypto.randomUUID();
    const pushed = await officer.push(
      await officer.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "the officer's first version")),
    );
    expect(pushed.status).toBe(201);
    await team.manager.pullAll();
    expect((await revoke(team.manager, officer)).status).toBe(200);
    return { officer, keyId, key, recordId };
  }

  it("lists what a removed practitioner could read, replaces it, refuses the old key and accepts the new", async () => {
    const { officer, keyId, key, recordId } = await removedOfficerWithCase();
    const manager = team.manager;

    const readable = await readableKeys(manager, officer.deviceId);
    expect(readable).toMatchObject({ status: 200, body: { role: "practitioner" } });
    // Wrapped to the officer and the manager key only: no remaining device holds it.
    expect(readable.body.keys).toEqual([{ keyId, holders: [], areas: [] }]);

    // Until the case has its new key, no one may write under the old one.
    const waiting = await manager.push(
      await manager.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "too early")),
    );
    expect(waiting).toMatchObject({ status: 409, body: { error: "key-rotation-pending" } });
    // Again, now that the server has seen the session (the one-statement way must refuse it too).
    const waitingAgain = await manager.push(
      await manager.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "still too early")),
    );
    expect(waitingAgain).toMatchObject({ status: 409, body: { error: "key-rotation-pending" } });

    const next = await rotation(manager, keyId);
    expect(await rotate(manager, officer.deviceId, [next.body])).toMatchObject({ status: 201, body: { rotated: 1 } });
    // The same batch again (its answer lost) stores nothing more.
    expect(await rotate(manager, officer.deviceId, [next.body])).toMatchObject({ status: 201, body: { rotated: 0 } });
    expect((await readableKeys(manager, officer.deviceId)).body.keys).toEqual([]);

    const underOld = await manager.push(
      await manager.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "under the old key")),
    );
    expect(underOld).toMatchObject({ status: 409, body: { error: "key-rotated", newKeyId: next.body.newKeyId } });
    // A new record of the case under the old key is refused too.
    const newRecord = await manager.push(
      await manager.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "new record, old key")),
    );
    expect(newRecord).toMatchObject({ status: 409, body: { error: "key-rotated" } });

    const underNew = await manager.push(
      await manager.envelope(recordId, next.body.newKeyId, 1, await TestDevice.encrypt(next.key, "after removal")),
    );
    expect(underNew).toMatchObject({ status: 201, body: { version: 2 } });
    // Then on the known session (the one-statement way), the next edit under the new key too.
    const again = await manager.push(
      await manager.envelope(recordId, next.body.newKeyId, 2, await TestDevice.encrypt(next.key, "edited again")),
    );
    expect(again).toMatchObject({ status: 201, body: { version: 3 } });

    // Readers: the old version under its old key, the new ones under the new key.
    const pulled = (await manager.pullAll()).envelopes.filter((envelope) => envelope.recordId === recordId);
    expect(pulled.map((envelope) => envelope.keyId)).toEqual([keyId, next.body.newKeyId, next.body.newKeyId]);
    expect(await Promise.all(pulled.map((envelope) => manager.read(envelope)))).toEqual([
      "the officer's first version",
      "after removal",
      "edited again",
    ]);
    // The old key does not open what was written after the removal.
    const newest = fromB64(pulled[1]!.ciphertext);
    await expect(
      crypto.subtle.decrypt({ name: "AES-GCM", iv: newest.slice(0, 12) }, key, newest.slice(12)),
    ).rejects.toThrow();

    // The removed device gets nothing: not signed in, not able to sign in, and no wrapping of the new key.
    expect((await rotations(officer)).status).toBe(401);
    expect((await officer.challenge()).status).toBe(403);
    const toOfficer = await db.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 AND recipient_device_id = $2", [
      next.body.newKeyId,
      officer.deviceId,
    ]);
    expect(toOfficer).toEqual([]);

    // The manager learns the rotation, signed, with the new key wrapped to the manager key.
    const listed = await rotations(manager);
    const mine = listed.body.rotations.find((entry) => entry.oldKeyId === keyId)!;
    expect(mine).toMatchObject({
      newKeyId: next.body.newKeyId,
      rotatedBy: manager.deviceId,
      commitment: next.body.commitment,
      signature: next.body.signature,
      wrappedTo: "manager-key",
    });
    const raw = await openSealed(fromB64(mine.wrappedKey), manager.managerPrivateKey!, caseKeyPurpose(mine.newKeyId));
    expect(raw).toEqual(next.raw);
    expect(listed.body.cursor).toBeGreaterThanOrEqual(mine.id);
    expect((await rotations(manager, listed.body.cursor)).body.rotations).toEqual([]);
    // Every pull says the team's latest rotation, so a device asks for rotations only when there is one.
    const pulledPage = await manager.pull(0);
    expect(pulledPage.body).toMatchObject({ latestRotation: listed.body.cursor });

    // Audited: one rotate-key row naming the old key and the removed device.
    const audit = await manager.request<{ entries: { action: string; subjectKeyId: string | null }[] }>({
      method: "GET",
      url: "/api/team/audit",
    });
    expect(audit.body.entries[0]).toMatchObject({
      action: "rotate-key",
      actorDeviceId: manager.deviceId,
      subjectDeviceId: officer.deviceId,
      subjectKeyId: keyId,
    });
  });

  it("follows a key rotated twice to the newest, and refuses a second different rotation of one key", async () => {
    const manager = team.manager;
    const { officer, keyId, key, recordId } = await removedOfficerWithCase();
    const first = await rotation(manager, keyId);
    expect((await rotate(manager, officer.deviceId, [first.body])).status).toBe(201);
    const other = await rotation(manager, keyId);
    expect(await rotate(manager, officer.deviceId, [other.body])).toMatchObject({
      status: 409,
      body: { error: "key-already-rotated", newKeyId: first.body.newKeyId },
    });

    // The new key is given to a second practitioner, who is then removed too: it is rotated again.
    const second = await approvedDevice(app, manager);
    expect((await manager.shareCaseKey(first.body.newKeyId, first.raw, second)).status).toBe(200);
    expect((await revoke(manager, second)).status).toBe(200);
    expect((await readableKeys(manager, second.deviceId)).body.keys).toEqual([
      { keyId: first.body.newKeyId, holders: [], areas: [] },
    ]);
    const third = await rotation(manager, first.body.newKeyId);
    expect((await rotate(manager, second.deviceId, [third.body])).status).toBe(201);

    // A push under the first key names the newest; the record (still under the first key) takes the newest.
    const underFirst = await manager.push(
      await manager.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "old")),
    );
    expect(underFirst).toMatchObject({ status: 409, body: { error: "key-rotated", newKeyId: third.body.newKeyId } });
    const underMiddle = await manager.push(
      await manager.envelope(recordId, first.body.newKeyId, 1, await TestDevice.encrypt(first.key, "middle")),
    );
    expect(underMiddle).toMatchObject({ status: 409, body: { error: "key-rotated", newKeyId: third.body.newKeyId } });
    const underNewest = await manager.push(
      await manager.envelope(recordId, third.body.newKeyId, 1, await TestDevice.encrypt(third.key, "newest")),
    );
    expect(underNewest.status).toBe(201);
  });

  it("gives a new key to the remaining devices that held the old one, and to no one else", async () => {
    const manager = team.manager;
    const officer = await approvedDevice(app, manager);
    const colleague = await approvedDevice(app, manager);
    const stranger = await approvedDevice(app, manager);
    const { keyId, raw, key } = await officer.newCaseKey();
    const recordId = crypto.randomUUID();
    await officer.push(await officer.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "shared case")));
    expect((await officer.shareCaseKey(keyId, raw, colleague)).status).toBe(200);
    expect((await revoke(manager, officer)).status).toBe(200);

    expect((await readableKeys(manager, officer.deviceId)).body.keys).toEqual([
      { keyId, holders: [colleague.deviceId], areas: [] },
    ]);
    const widened = await rotation(manager, keyId, [colleague, stranger]);
    expect(await rotate(manager, officer.deviceId, [widened.body])).toMatchObject({
      status: 409,
      body: { error: "recipient-did-not-hold-key" },
    });
    const toRemoved = await rotation(manager, keyId, [officer]);
    expect((await rotate(manager, officer.deviceId, [toRemoved.body])).status).toBe(409);
    const noManagerKey = await rotation(manager, keyId, [colleague]);
    noManagerKey.body.wraps = noManagerKey.body.wraps.filter((wrap) => wrap.recipient !== "manager-key");
    expect(await rotate(manager, officer.deviceId, [noManagerKey.body])).toMatchObject({
      status: 409,
      body: { error: "key-not-shared" },
    });

    const next = await rotation(manager, keyId, [colleague]);
    expect((await rotate(manager, officer.deviceId, [next.body])).status).toBe(201);
    // The colleague learns it, wrapped to its own device; the stranger learns nothing.
    const learnt = (await rotations(colleague)).body.rotations.find((entry) => entry.oldKeyId === keyId)!;
    expect(learnt).toMatchObject({ newKeyId: next.body.newKeyId, wrappedTo: "device" });
    expect(
      await openSealed(fromB64(learnt.wrappedKey), colleague.ecdh.privateKey, caseKeyPurpose(next.body.newKeyId)),
    ).toEqual(next.raw);
    expect((await rotations(stranger)).body.rotations.some((entry) => entry.oldKeyId === keyId)).toBe(false);
    // The colleague writes under the new key; under the old it is told which key to use.
    await colleague.pullAll();
    expect(
      (await colleague.push(await colleague.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "old")))).body,
    ).toMatchObject({ error: "key-rotated", newKeyId: next.body.newKeyId });
    expect(
      (
        await colleague.push(
          await colleague.envelope(recordId, next.body.newKeyId, 1, await TestDevice.encrypt(next.key, "new")),
        )
      ).status,
    ).toBe(201);
  });

  it("refuses rotation to practitioners, for devices not removed, for other teams' keys, and unsigned", async () => {
    const manager = team.manager;
    const officer = await approvedDevice(app, manager);
    const { keyId } = await officer.newCaseKey();
    const practitioner = await approvedDevice(app, manager);
    await practitioner.loadManagerKey();

    // Not removed yet: nothing to list or rotate.
    expect(await readableKeys(manager, officer.deviceId)).toMatchObject({
      status: 409,
      body: { error: "not-revoked" },
    });
    const early = await rotation(manager, keyId);
    expect(await rotate(manager, officer.deviceId, [early.body])).toMatchObject({
      status: 409,
      body: { error: "not-revoked" },
    });

    expect((await revoke(manager, officer)).status).toBe(200);
    // A practitioner may do neither.
    expect((await readableKeys(practitioner, officer.deviceId)).status).toBe(403);
    const byPractitioner = await rotation(practitioner, keyId);
    expect((await rotate(practitioner, officer.deviceId, [byPractitioner.body])).status).toBe(403);

    // A key the removed device never held is not rotated for it.
    const { keyId: otherKey } = await practitioner.newCaseKey();
    const notExposed = await rotation(manager, otherKey);
    expect(await rotate(manager, officer.deviceId, [notExposed.body])).toMatchObject({
      status: 409,
      body: { error: "key-not-exposed" },
    });

    // Another team's manager, its own removed device, this team's key: refused.
    const otherTeam = await teamFixture(app, "Other Rotation Team", 1);
    const otherLeaver = otherTeam.practitioners[0]!;
    expect((await revoke(otherTeam.manager, otherLeaver)).status).toBe(200);
    const foreign = await rotation(otherTeam.manager, keyId);
    expect(await rotate(otherTeam.manager, otherLeaver.deviceId, [foreign.body])).toMatchObject({
      status: 403,
      body: { error: "wrong-team" },
    });
    expect(await readableKeys(otherTeam.manager, officer.deviceId)).toMatchObject({
      status: 403,
      body: { error: "wrong-team" },
    });

    // A signature that is not the rotating device's over this rotation.
    const forged = await rotation(manager, keyId);
    forged.body.signature = (await rotation(manager, keyId)).body.signature;
    expect(await rotate(manager, officer.deviceId, [forged.body])).toMatchObject({
      status: 400,
      body: { error: "bad-signature" },
    });

    // A batch is all or none: one bad rotation stores none of it.
    const good = await rotation(manager, keyId);
    expect((await rotate(manager, officer.deviceId, [good.body, notExposed.body])).status).toBe(409);
    expect((await readableKeys(manager, officer.deviceId)).body.keys.map((entry) => entry.keyId)).toEqual([keyId]);
  });

  it("lists every case key of the team for a removed manager's device", async () => {
    const { manager } = await teamFixture(app, "Two Manager Team", 0);
    const deputy = await approvedDevice(app, manager, "manager");
    const officer = await approvedDevice(app, manager);
    const { keyId: officerKey } = await officer.newCaseKey();
    const { keyId: managerKey } = await manager.newCaseKey();
    const { keyId: deputyKey, key: deputyCaseKey } = await deputy.newCaseKey();
    const recordId = crypto.randomUUID();
    const first = await deputy.push(
      await deputy.envelope(recordId, deputyKey, 0, await TestDevice.encrypt(deputyCaseKey, "deputy's case")),
    );
    expect(first.status).toBe(201);
    await manager.pullAll();
    expect((await revoke(manager, deputy)).status).toBe(200);
    // It held the team key, which opens every case key wrapped to it: every case waits for its new key
    // (the team key first: team-key-rotation.test.ts), and no write goes under the old keys meanwhile.
    const edit = await manager.push(
      await manager.envelope(recordId, deputyKey, 1, await TestDevice.encrypt(deputyCaseKey, "manager's edit")),
    );
    expect(edit).toMatchObject({ status: 409, body: { error: "key-rotation-pending" } });
    const readable = await readableKeys(manager, deputy.deviceId);
    expect(readable.body).toMatchObject({ role: "manager", teamKeyHeld: true });
    expect(readable.body.keys.map((entry) => entry.keyId).sort()).toEqual([officerKey, managerKey, deputyKey].sort());
    expect(readable.body.keys.find((entry) => entry.keyId === officerKey)!.holders).toEqual([officer.deviceId]);
  });
});
