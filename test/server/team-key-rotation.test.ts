// Replacing the team manager key after a manager's device is removed (issue 17 item 3, migration 009):
// the acting manager's device publishes a new team key, signed, wrapped to every remaining manager device
// and never to the removed one; until then and until each case has its new key, no write goes under a key
// the removed device could open; then cases are rotated with their manager wrapping to the new team key.
// A referral's key rotated after its sender's removal goes to the MARAC area too, and the area's pushes
// respect rotations as the team's do.
import type { FastifyInstance } from "fastify";
import { caseKeyCommitment, keyRotationSigningInput } from "../../src/domain/team-sync/key-rotation";
import { caseKeyPurpose, managerKeyPurpose, openSealed, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import { teamKeyRotationSigningInput } from "../../src/domain/team-sync/team-key-rotation";
import { createArea, linkTeam, sendReferral, type TestArea } from "./support/marac-fixture";
import { approvedDevice, teamFixture, testServer } from "./support/team-fixture";
import { NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";
import { b64, fromB64, TestDevice, type Answer } from "./support/test-device";

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

interface TeamKeyRotationBody {
  revokedDeviceId: string;
  sequence: number;
  oldKeyId: string;
  newKeyId: string;
  newPublicKey: string;
  oldKeyWrapped: string;
  signature: string;
  wraps: { recipient: string; wrapped: string }[];
}

/** A new team key made by `actor` (which holds the current one), wrapped to `managers`, signed. */
async function newTeamKey(
  actor: TestDevice,
  revoked: TestDevice,
  managers: TestDevice[],
  sequence = 1,
): Promise<{ body: TeamKeyRotationBody; privateKey: CryptoKey; publicKey: Uint8Array<ArrayBuffer> }> {
  const pair = (await crypto.subtle.generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const newKeyId = crypto.randomUUID();
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const oldPkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", actor.managerPrivateKey!));
  const signature = await actor.sign(
    teamKeyRotationSigningInput({
      teamId: actor.teamId,
      sequence,
      oldKeyId: actor.managerKeyId!,
      oldPublicKey: b64(actor.managerPublicKey!),
      newKeyId,
      newPublicKey: b64(publicKey),
      revokedDeviceId: revoked.deviceId,
    }),
  );
  const wraps = [];
  for (const manager of managers) {
    wraps.push({
      recipient: manager.deviceId,
      wrapped: b64(await sealToPublicKey(pkcs8, manager.ecdhPublic, managerKeyPurpose(newKeyId))),
    });
  }
  return {
    body: {
      revokedDeviceId: revoked.deviceId,
      sequence,
      oldKeyId: actor.managerKeyId!,
      newKeyId,
      newPublicKey: b64(publicKey),
      oldKeyWrapped: b64(await sealToPublicKey(oldPkcs8, publicKey, managerKeyPurpose(actor.managerKeyId!))),
      signature: b64(signature),
      wraps,
    },
    privateKey: pair.privateKey,
    publicKey,
  };
}

const rotateTeamKey = (device: TestDevice, body: TeamKeyRotationBody): Promise<Answer> =>
  device.request({ method: "POST", url: "/api/team/manager-key-rotations", payload: { ...body } });

/** A case key's rotation as key-rotation.test.ts makes it, its manager wrapping sealed to `teamKey`. */
async function caseRotation(
  manager: TestDevice,
  oldKeyId: string,
  teamKey: { keyId: string; publicKey: Uint8Array<ArrayBuffer> },
  areas: TestArea[] = [],
  holders: TestDevice[] = [],
) {
  const newKeyId = crypto.randomUUID();
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const commitment = await caseKeyCommitment(raw, newKeyId);
  const signature = await manager.sign(
    keyRotationSigningInput({ teamId: manager.teamId, oldKeyId, newKeyId }, commitment),
  );
  const body = {
    oldKeyId,
    newKeyId,
    commitment: b64(commitment),
    signature: b64(signature),
    wraps: [
      {
        recipient: "manager-key",
        managerKeyId: teamKey.keyId,
        wrapped: b64(await sealToPublicKey(raw, teamKey.publicKey, caseKeyPurpose(newKeyId))),
      },
      ...(await Promise.all(
        holders.map(async (holder) => ({
          recipient: holder.deviceId,
          wrapped: b64(await sealToPublicKey(raw, holder.ecdhPublic, caseKeyPurpose(newKeyId))),
        })),
      )),
    ],
    areaWraps: await Promise.all(
      areas.map(async (area) => ({
        areaId: area.areaId,
        wrapped: b64(await sealToPublicKey(raw, area.coordinator.areaPublicKey!, caseKeyPurpose(newKeyId))),
      })),
    ),
  };
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { body, raw, key };
}

const rotateCases = (manager: TestDevice, revokedDeviceId: string, rotations: unknown[]) =>
  manager.request({ method: "POST", url: "/api/team/key-rotations", payload: { revokedDeviceId, rotations } });

const revoke = (manager: TestDevice, device: TestDevice) =>
  manager.request({ method: "POST", url: `/api/devices/${device.deviceId}/revoke` });

async function decrypts(key: CryptoKey, ciphertext: string): Promise<boolean> {
  const bytes = fromB64(ciphertext);
  try {
    await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(NO_DATABASE)("replacing the team key after a manager's device is removed", () => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await testServer(db);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("holds writes, takes a signed new team key for the remaining managers only, then re-keys every case", async () => {
    const { manager, practitioners } = await teamFixture(app, "Manager Rotation Team", 1);
    const officer = practitioners[0]!;
    const deputy = await approvedDevice(app, manager, "manager");
    const third = await approvedDevice(app, manager, "manager");
    const { keyId: caseKeyId, key: caseKey } = await officer.newCaseKey();
    const recordId = crypto.randomUUID();
    const first = await officer.push(
      await officer.envelope(recordId, caseKeyId, 0, await TestDevice.encrypt(caseKey, "before the removal")),
    );
    expect(first.status).toBe(201);
    const oldTeamKey = { keyId: manager.managerKeyId!, privateKey: manager.managerPrivateKey! };
    expect((await revoke(manager, deputy)).status).toBe(200);

    // Every key wrapped to the team key the deputy held waits: no write under it, on either way of pushing.
    for (const text of ["too early", "still too early"]) {
      const held = await officer.push(
        await officer.envelope(recordId, caseKeyId, 1, await TestDevice.encrypt(caseKey, text)),
      );
      expect(held).toMatchObject({ status: 409, body: { error: "key-rotation-pending" } });
    }
    // Case keys cannot be rotated before the team key: their wrapping to it would be readable by the deputy.
    const tooSoon = await caseRotation(manager, caseKeyId, {
      keyId: manager.managerKeyId!,
      publicKey: manager.managerPublicKey!,
    });
    expect(await rotateCases(manager, deputy.deviceId, [tooSoon.body])).toMatchObject({
      status: 409,
      body: { error: "team-key-not-rotated" },
    });
    const listedBefore = await manager.request<{ teamKeyHeld: boolean; keys: { keyId: string }[] }>({
      method: "GET",
      url: `/api/devices/${deputy.deviceId}/readable-keys`,
    });
    expect(listedBefore.body).toMatchObject({ teamKeyHeld: true, keys: [{ keyId: caseKeyId }] });

    // Refusals: a practitioner; a wrapping to the removed device; a remaining manager left out; a forged
    // signature; the wrong sequence; an old key that is not the team's.
    const good = await newTeamKey(manager, deputy, [manager, third]);
    expect((await rotateTeamKey(officer, good.body)).status).toBe(403);
    const toRemoved = await newTeamKey(manager, deputy, [manager, third, deputy]);
    expect(await rotateTeamKey(manager, toRemoved.body)).toMatchObject({
      status: 409,
      body: { error: "recipient-not-approved" },
    });
    const leftOut = await newTeamKey(manager, deputy, [manager]);
    expect(await rotateTeamKey(manager, leftOut.body)).toMatchObject({
      status: 409,
      body: { error: "manager-not-covered" },
    });
    const toOfficer = await newTeamKey(manager, deputy, [manager, third, officer]);
    expect(await rotateTeamKey(manager, toOfficer.body)).toMatchObject({
      status: 409,
      body: { error: "not-a-manager" },
    });
    const forged = await newTeamKey(manager, deputy, [manager, third]);
    expect(
      await rotateTeamKey(manager, { ...forged.body, signature: (await newTeamKey(third, deputy, [])).body.signature }),
    ).toMatchObject({ status: 400, body: { error: "bad-signature" } });
    const skipped = await newTeamKey(manager, deputy, [manager, third], 2);
    expect(await rotateTeamKey(manager, skipped.body)).toMatchObject({ status: 409, body: { error: "bad-sequence" } });
    expect(await rotateTeamKey(manager, { ...good.body, oldKeyId: crypto.randomUUID() })).toMatchObject({
      status: 409,
      body: { error: "team-key-changed" },
    });
    const forPractitioner = await newTeamKey(manager, officer, [manager, third]);
    expect(await rotateTeamKey(manager, forPractitioner.body)).toMatchObject({
      status: 409,
      body: { error: "not-a-removed-manager" },
    });

    expect(await rotateTeamKey(manager, good.body)).toMatchObject({
      status: 201,
      body: { rotated: true, sequence: 1 },
    });
    // Sent again (its answer lost): stored once.
    expect(await rotateTeamKey(manager, good.body)).toMatchObject({ status: 201, body: { rotated: false } });
    // The removed device has no wrapping of the new key; both remaining managers do.
    const wrapped = await db.query<{ recipient_device_id: string }>(
      "SELECT recipient_device_id FROM wrapped_keys WHERE key_id = $1 AND kind = 'manager' ORDER BY 1",
      [good.body.newKeyId],
    );
    expect(wrapped.map((row) => row.recipient_device_id).sort()).toEqual([manager.deviceId, third.deviceId].sort());

    // Everyone sees the new key; the listing carries the signed statement; the old key's wrapping to the
    // new one only to managers.
    await third.loadManagerKey();
    expect(third.managerKeyId).toBe(good.body.newKeyId);
    await officer.loadManagerKey();
    expect(b64(officer.managerPublicKey!)).toBe(good.body.newPublicKey);
    const page = await officer.pull(0);
    expect(page.body).toMatchObject({ managerKeyId: good.body.newKeyId });
    const listed = await officer.request<{ rotations: Record<string, unknown>[] }>({
      method: "GET",
      url: "/api/team/manager-key-rotations",
    });
    expect(listed.body.rotations).toEqual([
      {
        sequence: 1,
        oldKeyId: oldTeamKey.keyId,
        oldPublicKey: expect.any(String),
        newKeyId: good.body.newKeyId,
        newPublicKey: good.body.newPublicKey,
        revokedDeviceId: deputy.deviceId,
        rotatedBy: manager.deviceId,
        signature: good.body.signature,
        oldKeyWrapped: null,
      },
    ]);
    const forManager = await third.request<{ rotations: { oldKeyWrapped: string }[] }>({
      method: "GET",
      url: "/api/team/manager-key-rotations",
    });
    // The new key opens the old (so old case keys stay readable to managers who join later).
    const oldPkcs8 = await openSealed(
      fromB64(forManager.body.rotations[0]!.oldKeyWrapped),
      third.managerPrivateKey!,
      managerKeyPurpose(oldTeamKey.keyId),
    );
    expect(oldPkcs8.length).toBeGreaterThan(0);

    // A device that has not learnt it cannot wrap a new case key to the old team key.
    const stale = crypto.getRandomValues(new Uint8Array(32));
    const staleKeyId = crypto.randomUUID();
    const staleWrap = await officer.request({
      method: "PUT",
      url: `/api/keys/${staleKeyId}`,
      payload: {
        wraps: [
          {
            recipient: "manager-key",
            managerKeyId: oldTeamKey.keyId,
            wrapped: b64(
              await sealToPublicKey(
                stale,
                fromB64(String(listed.body.rotations[0]!.oldPublicKey)),
                caseKeyPurpose(staleKeyId),
              ),
            ),
          },
        ],
      },
    });
    expect(staleWrap).toMatchObject({
      status: 409,
      body: { error: "manager-key-rotated", managerKeyId: good.body.newKeyId },
    });

    // Now the cases: the manager wrapping must go to the new team key.
    const listed2 = await manager.request<{ teamKeyHeld: boolean; keys: { keyId: string; holders: string[] }[] }>({
      method: "GET",
      url: `/api/devices/${deputy.deviceId}/readable-keys`,
    });
    expect(listed2.body.teamKeyHeld).toBe(false);
    expect(listed2.body.keys.map((entry) => entry.keyId)).toEqual([caseKeyId]);
    const toOldTeamKey = await caseRotation(manager, caseKeyId, {
      keyId: oldTeamKey.keyId,
      publicKey: fromB64(String(listed.body.rotations[0]!.oldPublicKey)),
    });
    expect(await rotateCases(manager, deputy.deviceId, [toOldTeamKey.body])).toMatchObject({
      status: 409,
      body: { error: "manager-key-rotated" },
    });
    // The officer held the old case key and is still on the team: its wrapping comes too.
    const next = await caseRotation(
      manager,
      caseKeyId,
      { keyId: good.body.newKeyId, publicKey: good.publicKey },
      [],
      [officer],
    );
    expect(await rotateCases(manager, deputy.deviceId, [next.body])).toMatchObject({
      status: 201,
      body: { rotated: 1 },
    });

    // A write after the removal, under the new key: the old team key cannot open its manager wrapping,
    // and the old case key cannot open it.
    const after = await officer.push(
      await officer.envelope(recordId, next.body.newKeyId, 1, await TestDevice.encrypt(next.key, "after the removal")),
    );
    expect(after).toMatchObject({ status: 201, body: { version: 2 } });
    const pulled = (await third.pullAll()).envelopes.filter((envelope) => envelope.recordId === recordId);
    expect(await third.read(pulled[1]!)).toBe("after the removal");
    await expect(
      openSealed(fromB64(pulled[1]!.wrappedKey), oldTeamKey.privateKey, caseKeyPurpose(pulled[1]!.keyId)),
    ).rejects.toThrow();
    expect(await decrypts(caseKey, pulled[1]!.ciphertext)).toBe(false);

    // Audited as its own action.
    const audit = await manager.request<{ entries: { action: string }[] }>({ method: "GET", url: "/api/team/audit" });
    expect(audit.body.entries.map((entry) => entry.action)).toContain("rotate-team-key");
    const teamRow = audit.body.entries.find((entry) => entry.action === "rotate-team-key");
    expect(teamRow).toMatchObject({ subjectDeviceId: deputy.deviceId, subjectKeyId: oldTeamKey.keyId });
  });

  it("re-keys a sent referral to its MARAC area after its sender is removed, and holds the area's writes until then", async () => {
    const { manager, practitioners, teamId } = await teamFixture(app, "Referral Rotation Team", 1);
    const area: TestArea = await createArea(app, "Rotation MARAC");
    await linkTeam(app, "Referral Rotation Team", "Rotation MARAC");
    const sender = practitioners[0]!;
    const sent = await sendReferral(sender, area, "the referral");
    expect((await revoke(manager, sender)).status).toBe(200);

    // The coordinator's status under the referral's key waits, as a team push does.
    const statusId = crypto.randomUUID();
    const waiting = await area.coordinator.pushToTeam(teamId, statusId, sent.keyId, sent.key, "received");
    expect(waiting).toMatchObject({ status: 409, body: { error: "key-rotation-pending" } });

    const readable = await manager.request<{ keys: { keyId: string; areas: string[] }[] }>({
      method: "GET",
      url: `/api/devices/${sender.deviceId}/readable-keys`,
    });
    expect(readable.body.keys).toEqual([{ keyId: sent.keyId, holders: [], areas: [area.areaId] }]);
    const teamKey = { keyId: manager.managerKeyId!, publicKey: manager.managerPublicKey! };
    // The new key must go to the area the old one was sent to.
    const withoutArea = await caseRotation(manager, sent.keyId, teamKey);
    expect(await rotateCases(manager, sender.deviceId, [withoutArea.body])).toMatchObject({
      status: 409,
      body: { error: "area-not-wrapped" },
    });
    const other = await createArea(app, "Unrelated MARAC");
    const widened = await caseRotation(manager, sent.keyId, teamKey, [area, other]);
    expect(await rotateCases(manager, sender.deviceId, [widened.body])).toMatchObject({
      status: 409,
      body: { error: "area-did-not-hold-key" },
    });
    const next = await caseRotation(manager, sent.keyId, teamKey, [area]);
    expect((await rotateCases(manager, sender.deviceId, [next.body])).status).toBe(201);

    // A correction written after the removal, under the new key: the coordinator reads it; the old key does not open it.
    await manager.pullAll();
    const correction = await manager.push(
      await manager.envelope(sent.recordId, next.body.newKeyId, 1, await TestDevice.encrypt(next.key, "a correction")),
    );
    expect(correction).toMatchObject({ status: 201, body: { version: 2 } });
    const feed = (await area.coordinator.feedAll()).filter((envelope) => envelope.recordId === sent.recordId);
    expect(feed.map((envelope) => envelope.version)).toEqual([1, 2]);
    expect(await area.coordinator.read(feed[1]!)).toBe("a correction");
    expect(await decrypts(sent.key, feed[1]!.ciphertext)).toBe(false);

    // The coordinator's status: under the old key refused with the new key named; under the new key taken.
    const underOld = await area.coordinator.pushToTeam(teamId, statusId, sent.keyId, sent.key, "received");
    expect(underOld).toMatchObject({ status: 409, body: { error: "key-rotated", newKeyId: next.body.newKeyId } });
    const underNew = await area.coordinator.pushToTeam(teamId, statusId, next.body.newKeyId, next.key, "received");
    expect(underNew.status).toBe(201);
  });
});
