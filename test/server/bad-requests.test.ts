// Bad requests change nothing: each is refused with a clear 4xx JSON answer, and every table's rows
// are exactly as before (counts and contents). One test per kind of bad request.
import type { InjectOptions } from "fastify";
import { ADMIN_TOKEN_HEADER } from "../../src/server/routes-admin";
import { serverUnderTest } from "./support/server-under-test";
import { ADMIN_TOKEN, approvedDevice, signInEveryone, teamFixture, type TeamFixture } from "./support/team-fixture";
import { databaseSnapshot, NO_DATABASE } from "./support/test-database";
import { b64, call, type Answer, TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE)("bad requests change nothing", () => {
  const server = serverUnderTest();
  let team: TeamFixture;
  let otherTeam: TeamFixture;

  beforeAll(async () => {
    team = await teamFixture(server.app, "Team A", 2);
    otherTeam = await teamFixture(server.app, "Team B", 1);
  });

  beforeEach(() => signInEveryone(team, otherTeam));

  /** Runs the request and checks the refusal and that no table changed. */
  async function refused(send: () => Promise<Answer>, status: number, error: string): Promise<Answer> {
    const before = await databaseSnapshot(server.db);
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error });
    expect(typeof answer.body.message).toBe("string");
    expect(await databaseSnapshot(server.db)).toEqual(before);
    return answer;
  }

  const raw = (options: InjectOptions) => () => call(server.app, options);

  describe("malformed and oversized", () => {
    it("refuses malformed JSON", async () => {
      await refused(
        raw({
          method: "POST",
          url: "/api/enrol",
          payload: '{"code": "ABCD',
          headers: { "content-type": "application/json" },
        }),
        400,
        "malformed-json",
      );
    });

    it("refuses a body over the limit", async () => {
      const device = await TestDevice.create(server.app);
      await refused(
        raw({
          method: "POST",
          url: "/api/enrol",
          payload: { ...device.enrolBody("AAAA-BBBB-CCCC-DDDD"), padding: "x".repeat(70_000) },
        }),
        413,
        "too-large",
      );
      const { keyId } = await team.practitioners[0]!.newCaseKey();
      const huge = await team.practitioners[0]!.envelope(
        crypto.randomUUID(),
        keyId,
        0,
        new Uint8Array(4 * 1024 * 1024 + 3000),
      );
      await refused(() => team.practitioners[0]!.push(huge), 413, "too-large");
    });

    it("refuses a field the server does not know, and a missing one", async () => {
      const device = await TestDevice.create(server.app);
      const code = (await team.manager.issueCode("practitioner")).body.code;
      await refused(
        raw({ method: "POST", url: "/api/enrol", payload: { ...device.enrolBody(code), name: "Jo Bloggs" } }),
        400,
        "invalid-request",
      );
      await refused(raw({ method: "POST", url: "/api/enrol", payload: { code } }), 400, "invalid-request");
    });

    it("refuses a body that is not JSON", async () => {
      await refused(
        raw({
          method: "POST",
          url: "/api/enrol",
          payload: "code=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        "not-json",
      );
    });

    it("refuses a key that is not a P-256 point", async () => {
      const device = await TestDevice.create(server.app);
      const code = (await team.manager.issueCode("practitioner")).body.code;
      const notAPoint = new Uint8Array(65).fill(7);
      notAPoint[0] = 4;
      await refused(
        raw({
          method: "POST",
          url: "/api/enrol",
          payload: { ...device.enrolBody(code), ecdsaPublicKey: b64(notAPoint) },
        }),
        400,
        "bad-public-key",
      );
    });

    it("answers an unknown API address with JSON, not the app", async () => {
      await refused(raw({ method: "GET", url: "/api/nothing-here" }), 404, "not-found");
    });
  });

  describe("enrolment codes", () => {
    it("refuses an unknown code", async () => {
      const device = await TestDevice.create(server.app);
      await refused(() => device.enrol("ZZZZ-ZZZZ-ZZZZ-ZZZZ"), 400, "code-not-recognised");
      await refused(() => device.enrol("not a code at all!"), 400, "code-not-recognised");
    });

    it("refuses a used code", async () => {
      const code = (await team.manager.issueCode("practitioner")).body.code;
      await (await TestDevice.create(server.app)).enrol(code);
      const second = await TestDevice.create(server.app);
      await refused(() => second.enrol(code), 410, "code-used");
    });

    it("refuses an expired code", async () => {
      const code = (await team.manager.issueCode("practitioner")).body.code;
      server.clock.advanceMinutes(72 * 60 + 1);
      const device = await TestDevice.create(server.app);
      await refused(() => device.enrol(code), 410, "code-expired");
    });

    it("counts a wrong secret against its code, and uses the code up after five", async () => {
      const code = (await team.manager.issueCode("practitioner")).body.code;
      const wrong = `${code.slice(0, 5)}${code.slice(5, 9) === "0000" ? "1111" : "0000"}${code.slice(9)}`;
      const device = await TestDevice.create(server.app);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const before = await databaseSnapshot(server.db);
        expect(await device.enrol(wrong)).toMatchObject({ status: 400, body: { error: "code-not-recognised" } });
        const after = await databaseSnapshot(server.db);
        // Only the attempt count moved: no device, no session.
        expect({ ...after, enrolment_codes: "" }).toEqual({ ...before, enrolment_codes: "" });
        const [row] = await server.db.query<{ failed_attempts: number }>(
          "SELECT failed_attempts FROM enrolment_codes WHERE id = $1",
          [code.slice(0, 4)],
        );
        expect(row!.failed_attempts).toBe(attempt);
      }
      await refused(() => device.enrol(code), 410, "code-used");
    });

    it("limits how many codes a manager issues in an hour, and who may issue them", async () => {
      const manager = await approvedDevice(server.app, team.manager, "manager");
      for (let index = 0; index < 20; index += 1) expect((await manager.issueCode("practitioner")).status).toBe(201);
      await refused(() => manager.issueCode("practitioner"), 429, "too-many-codes");
      await refused(() => team.practitioners[0]!.issueCode("practitioner"), 403, "not-allowed");
      await refused(() => team.manager.issueCode("coordinator"), 403, "not-allowed");
    });
  });

  describe("devices and sessions", () => {
    it("refuses a challenge for an unknown, unapproved or revoked device", async () => {
      const stranger = await TestDevice.create(server.app);
      stranger.deviceId = crypto.randomUUID();
      await refused(() => stranger.challenge(), 404, "unknown-device");
      const waiting = await TestDevice.create(server.app);
      await waiting.enrol((await team.manager.issueCode("practitioner")).body.code);
      await refused(() => waiting.challenge(), 403, "device-not-approved");
      const leaver = await approvedDevice(server.app, team.manager);
      await team.manager.request({ method: "POST", url: `/api/devices/${leaver.deviceId}/revoke` });
      await refused(() => leaver.challenge(), 403, "device-revoked");
    });

    it("refuses a replayed challenge, and a replayed signature on a new one", async () => {
      const device = team.practitioners[0]!;
      const challenge = (await device.challenge()).body;
      const signature = await device.signChallenge(challenge);
      const open = raw({
        method: "POST",
        url: "/api/session",
        payload: { challengeId: challenge.challengeId, signature },
      });
      expect((await open()).status).toBe(201);
      await refused(open, 409, "challenge-used");
      const fresh = (await device.challenge()).body;
      await refused(
        raw({ method: "POST", url: "/api/session", payload: { challengeId: fresh.challengeId, signature } }),
        401,
        "bad-signature",
      );
    });

    it("refuses an expired challenge, an unknown one, and one signed by another device", async () => {
      const device = team.practitioners[0]!;
      const challenge = (await device.challenge()).body;
      const signedByOther = await team.practitioners[1]!.signChallenge(challenge);
      await refused(
        raw({
          method: "POST",
          url: "/api/session",
          payload: { challengeId: challenge.challengeId, signature: signedByOther },
        }),
        401,
        "bad-signature",
      );
      const signature = await device.signChallenge(challenge);
      await refused(
        raw({ method: "POST", url: "/api/session", payload: { challengeId: crypto.randomUUID(), signature } }),
        400,
        "unknown-challenge",
      );
      server.clock.advanceMinutes(2);
      await refused(
        raw({ method: "POST", url: "/api/session", payload: { challengeId: challenge.challengeId, signature } }),
        410,
        "challenge-expired",
      );
    });

    it("refuses a missing, unknown or expired session", async () => {
      await refused(raw({ method: "GET", url: "/api/envelopes" }), 401, "not-signed-in");
      await refused(
        raw({ method: "GET", url: "/api/envelopes", headers: { authorization: `Bearer ${"A".repeat(43)}` } }),
        401,
        "not-signed-in",
      );
      server.clock.advanceMinutes(16);
      await refused(() => team.practitioners[0]!.pull(0), 401, "not-signed-in");
    });

    it("refuses approval with the wrong fingerprint, by a practitioner, or twice", async () => {
      const waiting = await TestDevice.create(server.app);
      await waiting.enrol((await team.manager.issueCode("practitioner")).body.code);
      await refused(() => team.manager.approve(waiting, "0000 0000 0000 0000 0000 0000"), 400, "fingerprint-mismatch");
      await refused(() => team.practitioners[0]!.approve(waiting), 403, "not-allowed");
      expect((await team.manager.approve(waiting)).status).toBe(200);
      await refused(() => team.manager.approve(waiting), 409, "not-pending");
    });

    it("refuses a manager device approved without the team manager key", async () => {
      const deputy = await TestDevice.create(server.app);
      await deputy.enrol((await team.manager.issueCode("manager")).body.code);
      await refused(
        () =>
          team.manager.request({
            method: "POST",
            url: `/api/devices/${deputy.deviceId}/approve`,
            payload: { fingerprint: deputy.fingerprint },
          }),
        400,
        "manager-key-missing",
      );
    });
  });

  describe("wrong team", () => {
    it("refuses a manager approving or revoking another team's device", async () => {
      const waiting = await TestDevice.create(server.app);
      await waiting.enrol((await otherTeam.manager.issueCode("practitioner")).body.code);
      await refused(() => team.manager.approve(waiting), 403, "wrong-team");
      await refused(
        () =>
          team.manager.request({ method: "POST", url: `/api/devices/${otherTeam.practitioners[0]!.deviceId}/revoke` }),
        403,
        "wrong-team",
      );
    });

    it("refuses pushing under, or sharing, another team's case key", async () => {
      const { keyId } = await team.practitioners[0]!.newCaseKey();
      const outsider = otherTeam.practitioners[0]!;
      const envelope = await outsider.envelope(crypto.randomUUID(), keyId, 0, new Uint8Array(32));
      await refused(() => outsider.push(envelope), 403, "wrong-team");
      await refused(
        () =>
          outsider.request({
            method: "PUT",
            url: `/api/keys/${keyId}`,
            payload: { wraps: [{ recipient: outsider.deviceId, wrapped: b64(new Uint8Array(100)) }] },
          }),
        403,
        "wrong-team",
      );
      const { keyId: ownKey } = await outsider.newCaseKey();
      await refused(
        () =>
          outsider.request({
            method: "PUT",
            url: `/api/keys/${ownKey}`,
            payload: { wraps: [{ recipient: team.practitioners[0]!.deviceId, wrapped: b64(new Uint8Array(100)) }] },
          }),
        403,
        "wrong-team",
      );
    });
  });

  describe("envelopes", () => {
    it("refuses an altered ciphertext, a signature by another device, and a signature moved to another record", async () => {
      const author = team.practitioners[0]!;
      const { keyId, key } = await author.newCaseKey();
      const envelope = await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "case"));
      const altered = Buffer.from(envelope.ciphertext, "base64");
      altered[0]! ^= 1;
      await refused(() => author.push({ ...envelope, ciphertext: altered.toString("base64") }), 400, "bad-signature");
      await refused(() => author.push({ ...envelope, recordId: crypto.randomUUID() }), 400, "bad-signature");
      await refused(
        () => author.push({ ...envelope, baseVersion: 1, baseSignature: envelope.signature }),
        400,
        "bad-signature",
      );
      const forged = await team.practitioners[1]!.envelope(
        envelope.recordId,
        keyId,
        0,
        Buffer.from(envelope.ciphertext, "base64"),
      );
      await refused(() => author.push({ ...envelope, signature: forged.signature }), 400, "bad-signature");
    });

    it("refuses a ciphertext that is not whole groups of base64, however its padding falls", async () => {
      const author = team.practitioners[0]!;
      const { keyId, key } = await author.newCaseKey();
      const envelope = await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "case"));
      for (const ciphertext of ["AAAAA", "AAAAAB=", "AAA", "AAAAAA="]) {
        await refused(() => author.push({ ...envelope, ciphertext }), 400, "bad-encoding");
      }
    });

    it("refuses a stale base version, keeping the stored version as it was", async () => {
      const author = team.practitioners[0]!;
      const { keyId, key } = await author.newCaseKey();
      const recordId = crypto.randomUUID();
      expect(
        (await author.push(await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "v1")))).status,
      ).toBe(201);
      expect(
        (await author.push(await author.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "v2")))).status,
      ).toBe(201);
      const stale = await author.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "v2 written elsewhere"));
      const answer = await refused(() => author.push(stale), 409, "version-conflict");
      expect(answer.body.currentVersion).toBe(2);
      const second = author.signatures.get(`${recordId}@2`)!;
      const ahead = await author.envelope(recordId, keyId, 5, await TestDevice.encrypt(key, "from the future"), second);
      await refused(() => author.push(ahead), 409, "version-conflict");
      // The right number on the wrong parent: an edit of a version 2 that is not the stored one.
      const first = author.signatures.get(`${recordId}@1`)!;
      const wrongParent = await author.envelope(recordId, keyId, 2, await TestDevice.encrypt(key, "v3"), first);
      await refused(() => author.push(wrongParent), 409, "version-conflict");
    });

    it("refuses an edit that names no parent, and a new record that names one", async () => {
      const author = team.practitioners[0]!;
      const { keyId, key } = await author.newCaseKey();
      const recordId = crypto.randomUUID();
      const created = await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "v1"));
      expect((await author.push(created)).status).toBe(201);
      const edit = await author.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "v2"));
      const { baseSignature: _parent, ...orphan } = edit;
      await refused(() => author.push(orphan), 400, "bad-base");
      const fresh = await author.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "new"));
      await refused(() => author.push({ ...fresh, baseSignature: created.signature }), 400, "bad-base");
    });

    it("refuses an envelope under a key the device does not hold", async () => {
      const { keyId } = await team.practitioners[0]!.newCaseKey();
      const colleague = team.practitioners[1]!;
      await refused(
        async () => colleague.push(await colleague.envelope(crypto.randomUUID(), keyId, 0, new Uint8Array(40))),
        403,
        "not-allowed",
      );
      await refused(
        async () =>
          colleague.push(await colleague.envelope(crypto.randomUUID(), crypto.randomUUID(), 0, new Uint8Array(40))),
        403,
        "not-allowed",
      );
    });
  });

  describe("operator endpoints", () => {
    it("refuses them from another machine and without the admin token", async () => {
      await refused(
        raw({
          method: "POST",
          url: "/api/admin/teams",
          payload: { name: "Team C" },
          headers: { [ADMIN_TOKEN_HEADER]: ADMIN_TOKEN },
          remoteAddress: "192.0.2.10",
        }),
        403,
        "loopback-only",
      );
      await refused(raw({ method: "POST", url: "/api/admin/teams", payload: { name: "Team C" } }), 401, "not-operator");
      await refused(() => createTeamAnswer("Team A"), 409, "name-taken");
    });
  });

  async function createTeamAnswer(name: string): Promise<Answer> {
    return call(server.app, {
      method: "POST",
      url: "/api/admin/teams",
      payload: { name },
      headers: { [ADMIN_TOKEN_HEADER]: ADMIN_TOKEN },
    });
  }
});
