// A push on a session the server has already seen takes a shorter way (src/server/envelope-push.ts: the
// signature checked against the remembered device key, then one statement that re-reads the session,
// the device's status, the key's wrappings and the latest version and inserts only if all hold). Every
// push here is made after the same device has had one accepted on the same session, and must get the
// answer the first push of a session gets, storing nothing when refused: the short way may never be
// looser than the long one, and a revoked device or an ended session is still out at once.
import { caseKeyPurpose, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import { serverUnderTest } from "./support/server-under-test";
import { signInEveryone, teamFixture, type TeamFixture } from "./support/team-fixture";
import { databaseSnapshot, NO_DATABASE } from "./support/test-database";
import { b64, type Answer, TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE)("pushes on a session the server has seen", () => {
  const server = serverUnderTest();
  let team: TeamFixture;
  let otherTeam: TeamFixture;

  beforeAll(async () => {
    team = await teamFixture(server.app, "Known Session Team", 2);
    otherTeam = await teamFixture(server.app, "Other Known Session Team", 1);
  });

  beforeEach(() => signInEveryone(team, otherTeam));

  /** One accepted push on the device's current session, so the server has seen it. */
  async function seen(device: TestDevice): Promise<void> {
    const { keyId, key } = await device.newCaseKey();
    const answer = await device.push(
      await device.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "seen")),
    );
    expect(answer.status).toBe(201);
  }

  async function refused(send: () => Promise<Answer>, status: number, error: string): Promise<Answer> {
    const before = await databaseSnapshot(server.db);
    const answer = await send();
    expect(answer).toMatchObject({ status, body: { error } });
    expect(await databaseSnapshot(server.db)).toEqual(before);
    return answer;
  }

  it("accepts a chain of edits and another device's manager writing under a shared key", async () => {
    const author = team.practitioners[0]!;
    await seen(author);
    const { keyId, key } = await author.newCaseKey();
    const recordId = crypto.randomUUID();
    const seqs: number[] = [];
    for (let base = 0; base < 3; base += 1) {
      const answer = await author.push(
        await author.envelope(recordId, keyId, base, await TestDevice.encrypt(key, `v${base + 1}`)),
      );
      expect(answer).toMatchObject({ status: 201, body: { version: base + 1, duplicate: false } });
      seqs.push(answer.body.seq);
    }
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await seen(team.manager);
    const note = await team.manager.push(
      await team.manager.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "manager's note")),
    );
    expect(note.status).toBe(201);
  });

  it("answers a repeat with its first seq and stores it once", async () => {
    const author = team.practitioners[0]!;
    await seen(author);
    const { keyId, key } = await author.newCaseKey();
    const envelope = await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "once"));
    const first = await author.push(envelope);
    expect(first.status).toBe(201);
    const before = await databaseSnapshot(server.db);
    expect(await author.push(envelope)).toMatchObject({
      status: 200,
      body: { seq: first.body.seq, version: 1, duplicate: true },
    });
    expect(await databaseSnapshot(server.db)).toEqual(before);
  });

  it("refuses a bad signature, a bad base, a stale, early or wrongly parented edit, and a change of key", async () => {
    const author = team.practitioners[0]!;
    await seen(author);
    const { keyId, key } = await author.newCaseKey();
    const recordId = crypto.randomUUID();
    const first = await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "v1"));
    expect((await author.push(first)).status).toBe(201);
    const altered = Buffer.from(first.ciphertext, "base64");
    altered[0]! ^= 1;
    const fresh = await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "new"));
    await refused(() => author.push({ ...fresh, ciphertext: altered.toString("base64") }), 400, "bad-signature");
    await refused(() => author.push({ ...fresh, baseSignature: first.signature }), 400, "bad-base");
    await refused(
      async () => author.push(await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "stale"))),
      409,
      "version-conflict",
    );
    expect(
      (await author.push(await author.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "v2")))).status,
    ).toBe(201);
    await refused(
      async () =>
        author.push(await author.envelope(recordId, keyId, 2, await TestDevice.encrypt(key, "v3"), first.signature)),
      409,
      "version-conflict",
    );
    // Ahead of the latest version though naming its signature, and an edit of a record that does not exist.
    const second = author.signatures.get(`${recordId}@2`)!;
    await refused(
      async () =>
        author.push(await author.envelope(recordId, keyId, 4, await TestDevice.encrypt(key, "ahead"), second)),
      409,
      "version-conflict",
    );
    await refused(
      async () =>
        author.push(
          await author.envelope(crypto.randomUUID(), keyId, 1, await TestDevice.encrypt(key, "orphan"), second),
        ),
      409,
      "version-conflict",
    );
    const other = await author.newCaseKey();
    await refused(
      async () =>
        author.push(await author.envelope(recordId, other.keyId, 2, await TestDevice.encrypt(other.key, "v3"))),
      409,
      "key-mismatch",
    );
  });

  it("refuses a key of another team (to a practitioner or a manager), a colleague's key, and a key not shared", async () => {
    const [author, colleague] = team.practitioners as [TestDevice, TestDevice];
    const outsider = otherTeam.practitioners[0]!;
    await seen(colleague);
    await seen(outsider);
    const { keyId } = await author.newCaseKey();
    await refused(
      async () => outsider.push(await outsider.envelope(crypto.randomUUID(), keyId, 0, new Uint8Array(40))),
      403,
      "wrong-team",
    );
    await refused(
      async () => colleague.push(await colleague.envelope(crypto.randomUUID(), keyId, 0, new Uint8Array(40))),
      403,
      "not-allowed",
    );
    // A manager may write under any key of its own team wrapped to the manager key, never another team's.
    await seen(otherTeam.manager);
    await refused(
      async () =>
        otherTeam.manager.push(await otherTeam.manager.envelope(crypto.randomUUID(), keyId, 0, new Uint8Array(40))),
      403,
      "wrong-team",
    );
    const unshared = crypto.randomUUID();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = b64(await sealToPublicKey(raw, colleague.ecdhPublic, caseKeyPurpose(unshared)));
    const stored = await colleague.request({
      method: "PUT",
      url: `/api/keys/${unshared}`,
      payload: { wraps: [{ recipient: colleague.deviceId, wrapped }] },
    });
    expect(stored.status).toBe(200);
    await refused(
      async () => colleague.push(await colleague.envelope(crypto.randomUUID(), unshared, 0, new Uint8Array(40))),
      409,
      "key-not-shared",
    );
  });

  it("refuses at once a device revoked, a device whose approval is withdrawn, and an ended session", async () => {
    const [author, colleague] = team.practitioners as [TestDevice, TestDevice];
    await seen(author);
    const { keyId, key } = await author.newCaseKey();
    const push = async () =>
      author.push(await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "late")));

    server.clock.advanceMinutes(16);
    await refused(push, 401, "not-signed-in");
    for (const device of [author, colleague, team.manager]) await device.signIn();
    await seen(author);

    // The status alone, with the session left in place: re-read on every push.
    await server.db.query("UPDATE devices SET status = 'revoked' WHERE id = $1", [author.deviceId]);
    await refused(push, 403, "device-revoked");
    await server.db.query("UPDATE devices SET status = 'approved' WHERE id = $1", [author.deviceId]);

    await seen(colleague);
    const leaving = await colleague.newCaseKey();
    expect(
      (await team.manager.request({ method: "POST", url: `/api/devices/${colleague.deviceId}/revoke` })).status,
    ).toBe(200);
    await refused(
      async () =>
        colleague.push(
          await colleague.envelope(crypto.randomUUID(), leaving.keyId, 0, await TestDevice.encrypt(leaving.key, "x")),
        ),
      401,
      "not-signed-in",
    );
  });
});
