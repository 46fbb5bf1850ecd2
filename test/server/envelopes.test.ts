// Pushing and pulling envelopes: versions never overwritten, repeated deliveries stored once, the
// cursor followed page by page, and access enforced twice — by the server, and by the keys a device
// can unwrap (a practitioner given every envelope and every wrapped key of the team still reads only
// their own cases).
import { caseKeyPurpose, openSealed, sealToPublicKey } from "../../src/domain/team-sync/sealed-box";
import { LIMITS } from "../../src/server/server-context";
import { approvedDevice, teamFixture, type TeamFixture } from "./support/team-fixture";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";
import { b64, fromB64, TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE)("envelopes", () => {
  const server = serverUnderTest();
  let team: TeamFixture;

  beforeAll(async () => {
    team = await teamFixture(server.app, "Envelope Team", 2);
  });

  it("stores each version once, answers a repeated delivery with the same seq, and never overwrites", async () => {
    const [officer] = team.practitioners;
    const { keyId, key } = await officer!.newCaseKey();
    const recordId = crypto.randomUUID();
    const first = await officer!.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "version one"));
    const pushed = await officer!.push(first);
    expect(pushed).toMatchObject({ status: 201, body: { version: 1, duplicate: false } });
    expect(await officer!.push(first)).toMatchObject({
      status: 200,
      body: { seq: pushed.body.seq, version: 1, duplicate: true },
    });

    // Two devices edit version 1 offline: the first to arrive wins version 2, the other is told, and
    // both texts survive (the loser's stays on its device until merged as version 3).
    const mine = await officer!.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "edited on the tablet"));
    const theirs = await officer!.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "edited on the laptop"));
    expect((await officer!.push(mine)).status).toBe(201);
    expect(await officer!.push(theirs)).toMatchObject({
      status: 409,
      body: { error: "version-conflict", currentVersion: 2 },
    });
    const merged = await officer!.envelope(recordId, keyId, 2, await TestDevice.encrypt(key, "tablet + laptop"));
    expect(await officer!.push(merged)).toMatchObject({ status: 201, body: { version: 3 } });

    const { envelopes } = await officer!.pullAll();
    const texts = await Promise.all(envelopes.filter((e) => e.recordId === recordId).map((e) => officer!.read(e)));
    expect(texts).toEqual(["version one", "edited on the tablet", "tablet + laptop"]);
  });

  it("pulls page by page in seq order with no gap and no repeat, and the manager reads every case", async () => {
    const author = team.practitioners[1]!;
    const { keyId, key } = await author.newCaseKey();
    for (let index = 0; index < 7; index += 1) {
      const envelope = await author.envelope(
        crypto.randomUUID(),
        keyId,
        0,
        await TestDevice.encrypt(key, `record ${index}`),
      );
      expect((await author.push(envelope)).status).toBe(201);
    }
    const paged = await team.manager.pullAll(0, 3);
    const whole = await team.manager.pullAll(0, 500);
    expect(paged.envelopes.map((e) => e.seq)).toEqual(whole.envelopes.map((e) => e.seq));
    expect(new Set(paged.envelopes.map((e) => e.seq)).size).toBe(paged.envelopes.length);
    expect([...paged.envelopes.map((e) => e.seq)].sort((a, b) => a - b)).toEqual(paged.envelopes.map((e) => e.seq));
    const texts = await Promise.all(whole.envelopes.map((e) => team.manager.read(e)));
    for (let index = 0; index < 7; index += 1) expect(texts).toContain(`record ${index}`);
    expect(whole.envelopes.every((e) => e.wrappedTo === "manager-key")).toBe(true);
    // Nothing new: the cursor stays where it is.
    expect((await team.manager.pull(whole.cursor)).body).toEqual({
      envelopes: [],
      cursor: whole.cursor,
      more: false,
      latestRotation: 0,
      latestGrant: 0,
      managerKeyId: team.manager.managerKeyId,
    });
  });

  it("ends a pull page at its ciphertext budget, after the envelope that crosses it, and never leaves a page empty", async () => {
    const author = team.practitioners[0]!;
    const { keyId, key } = await author.newCaseKey();
    const start = (await team.manager.pullAll()).cursor;
    const budget = LIMITS.pullPageBytes;
    // 3/8 and 6/8 of the budget cross it together; a small one, 7/8 and another small one do not.
    const sizes = [(budget * 3) / 8, (budget * 6) / 8, 100, (budget * 7) / 8, 100];
    const seqs: number[] = [];
    for (const size of sizes) {
      const envelope = await author.envelope(
        crypto.randomUUID(),
        keyId,
        0,
        await TestDevice.encrypt(key, "x".repeat(size)),
      );
      const pushed = await author.push(envelope);
      expect(pushed.status).toBe(201);
      seqs.push(pushed.body.seq);
    }

    const first = await team.manager.pull(start, LIMITS.pullPageMax);
    expect(first.body.envelopes.map((e) => e.seq)).toEqual(seqs.slice(0, 2));
    expect(first.body).toMatchObject({ cursor: seqs[1], more: true });
    const second = await team.manager.pull(first.body.cursor, LIMITS.pullPageMax);
    expect(second.body.envelopes.map((e) => e.seq)).toEqual(seqs.slice(2));
    expect(second.body).toMatchObject({ cursor: seqs[4], more: false });
    // An envelope as large as the whole budget (the most a push may hold) still comes.
    const whole = await author.envelope(
      crypto.randomUUID(),
      keyId,
      0,
      await TestDevice.encrypt(key, "x".repeat(budget - 64)),
    );
    const alone = (await author.push(whole)).body.seq;
    const third = await team.manager.pull(second.body.cursor, LIMITS.pullPageMax);
    expect(third.body.envelopes.map((e) => e.seq)).toEqual([alone]);
    expect(third.body.envelopes[0]!.ciphertext).toBe(whole.ciphertext);
  });

  it("hands back each envelope as it was pushed: the same base64, one line however long, with this device's wrapping", async () => {
    const author = team.practitioners[0]!;
    const { keyId, key } = await author.newCaseKey();
    const recordId = crypto.randomUUID();
    // Several kilobytes: PostgreSQL's encode(…, 'base64') breaks lines every 76 characters unless told not to.
    const pushed = await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "x".repeat(5000)));
    const { seq } = (await author.push(pushed)).body;
    const size = fromB64(pushed.ciphertext).length;

    const byAuthor = (await author.pullAll(seq - 1)).envelopes.find((e) => e.seq === seq);
    const byManager = (await team.manager.pullAll(seq - 1)).envelopes.find((e) => e.seq === seq);
    for (const pulled of [byAuthor, byManager]) {
      expect(pulled).toMatchObject({
        seq,
        recordId,
        keyId,
        version: 1,
        authorDeviceId: author.deviceId,
        ciphertext: pushed.ciphertext,
        signature: pushed.signature,
        size,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(pulled!.wrappedKey).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    }
    expect(byAuthor!.wrappedTo).toBe("device");
    expect(byManager!.wrappedTo).toBe("manager-key");
    // Each unwraps with its own key: the author's wrapping went to the author, the managers' to the manager.
    expect(await author.read(byAuthor!)).toBe("x".repeat(5000));
    expect(await team.manager.read(byManager!)).toBe("x".repeat(5000));
  });

  it("gives a practitioner only their own cases, and a colleague's case cannot be read even with every envelope and key", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const { keyId, key } = await bob.newCaseKey();
    const secret = "Bob's case: victim Jane Example, 1 Example Road";
    expect(
      (await bob.push(await bob.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, secret)))).status,
    ).toBe(201);

    // The server hands Alice none of Bob's envelopes.
    const pulled = await alice.pullAll();
    expect(pulled.envelopes.some((e) => e.keyId === keyId)).toBe(false);

    // A hostile server (or a stolen database) gives Alice everything: every envelope, every wrapped key.
    const envelopes = await server.db.query<{ key_id: string; ciphertext: Uint8Array }>(
      "SELECT key_id, ciphertext FROM envelopes WHERE key_id = $1",
      [keyId],
    );
    const wraps = await server.db.query<{ key_id: string; wrapped: Uint8Array }>(
      "SELECT key_id, wrapped FROM wrapped_keys WHERE key_id = $1",
      [keyId],
    );
    expect(envelopes.length).toBe(1);
    expect(wraps.length).toBe(2);
    for (const wrap of wraps) {
      await expect(
        openSealed(new Uint8Array(wrap.wrapped), alice.ecdh.privateKey, caseKeyPurpose(keyId)),
      ).rejects.toThrow();
    }
    // And the ciphertext says nothing in clear.
    expect(Buffer.from(envelopes[0]!.ciphertext).toString("latin1")).not.toContain("Jane");
    // The manager, holding the team manager key, can.
    const managerView = await team.manager.pullAll();
    const bobs = managerView.envelopes.find((e) => e.keyId === keyId)!;
    expect(await team.manager.read(bobs)).toBe(secret);
  });

  it("lets a device that holds a case key share it with another device of the team, and no one else", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const { keyId, key } = await alice.newCaseKey();
    await alice.push(await alice.envelope(crypto.randomUUID(), keyId, 0, await TestDevice.encrypt(key, "shared case")));
    // Bob cannot give himself Alice's key.
    const selfServed = await bob.request({
      method: "PUT",
      url: `/api/keys/${keyId}`,
      payload: { wraps: [{ recipient: bob.deviceId, wrapped: b64(new Uint8Array(90)) }] },
    });
    expect(selfServed).toMatchObject({ status: 403, body: { error: "not-allowed" } });
    // The manager can, from the manager key's wrapping.
    const managerCopy = (await team.manager.pullAll()).envelopes.find((e) => e.keyId === keyId)!;
    const raw = await openSealed(
      fromB64(managerCopy.wrappedKey),
      team.manager.managerPrivateKey!,
      caseKeyPurpose(keyId),
    );
    const wrapped = await sealToPublicKey(raw, bob.ecdhPublic, caseKeyPurpose(keyId));
    const shared = await team.manager.request({
      method: "PUT",
      url: `/api/keys/${keyId}`,
      payload: { wraps: [{ recipient: bob.deviceId, wrapped: b64(wrapped) }] },
    });
    expect(shared).toMatchObject({ status: 200, body: { stored: 1 } });
    // A stored wrapping is never replaced.
    const replaced = await team.manager.request({
      method: "PUT",
      url: `/api/keys/${keyId}`,
      payload: { wraps: [{ recipient: bob.deviceId, wrapped: b64(new Uint8Array(90)) }] },
    });
    expect(replaced).toMatchObject({ status: 409, body: { error: "key-already-wrapped" } });
  });

  it("makes a revoked device's envelopes still readable and its pushes impossible", async () => {
    const leaver = await approvedDevice(server.app, team.manager);
    const { keyId, key } = await leaver.newCaseKey();
    const recordId = crypto.randomUUID();
    await leaver.push(await leaver.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, "before leaving")));
    await team.manager.request({ method: "POST", url: `/api/devices/${leaver.deviceId}/revoke` });
    expect(
      (await leaver.push(await leaver.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, "after")))).status,
    ).toBe(401);
    const kept = (await team.manager.pullAll()).envelopes.filter((e) => e.recordId === recordId);
    expect(await Promise.all(kept.map((e) => team.manager.read(e)))).toEqual(["before leaving"]);
  });
});
