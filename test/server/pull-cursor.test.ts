// The pull cursor never skips a row committed out of order. Pushes take their seq when they insert but
// may commit in any order: with push A (seq n) still open and push B (seq n+1) committed, a reader that
// took n+1 and moved its cursor past it would never see n. The real push is held inside its insert, after
// its row has taken its seq and before it commits, to make exactly that happen on a real PostgreSQL: the
// test locks the author's device row, which the insert's foreign-key check (author_device_id) waits for.
// That holds whichever way the push goes (one statement or a read then an insert), and PGlite runs one
// transaction at a time, so there the interleaving cannot arise.
import { insertHoldsReleasedAfterEach, readersWaitingForOpenPushes } from "./support/hold-inserts";
import { serverUnderTest } from "./support/server-under-test";
import { teamFixture, type TeamFixture } from "./support/team-fixture";
import { ENGINE, NO_DATABASE } from "./support/test-database";
import { TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE || ENGINE !== "postgresql")("pull cursor under concurrent pushes (PostgreSQL)", () => {
  const server = serverUnderTest();
  let team: TeamFixture;
  const holdInsertsBy = insertHoldsReleasedAfterEach();

  beforeAll(async () => {
    team = await teamFixture(server.app, "Cursor Team", 2);
  });

  it("does not hand out a later row while an earlier one is uncommitted, and hands out both once it commits", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const aliceKey = await alice.newCaseKey();
    const bobKey = await bob.newCaseKey();
    const { cursor: start } = await team.manager.pullAll();

    const gate = await holdInsertsBy(server.db, alice.deviceId);
    const slowPush = alice.push(
      await alice.envelope(crypto.randomUUID(), aliceKey.keyId, 0, await TestDevice.encrypt(aliceKey.key, "slow")),
    );
    await gate.reached;
    const fastPush = await bob.push(
      await bob.envelope(crypto.randomUUID(), bobKey.keyId, 0, await TestDevice.encrypt(bobKey.key, "fast")),
    );
    expect(fastPush.status).toBe(201);

    // The hazard is real: a plain read now sees the later row and not the earlier one.
    const visible = await server.db.query<{ seq: number }>(
      "SELECT seq FROM envelopes WHERE team_id = $1 AND seq > $2 ORDER BY seq",
      [team.teamId, start],
    );
    expect(visible.map((row) => row.seq)).toEqual([fastPush.body.seq]);

    // A pull now waits for the open push instead of answering past it.
    const pull = team.manager.pull(start);
    await expect.poll(() => readersWaitingForOpenPushes(server.db)).toBe(1);
    await gate.release();
    const slow = await slowPush;
    expect(slow.status).toBe(201);
    expect(slow.body.seq).toBeLessThan(fastPush.body.seq);

    const page = await pull;
    expect(page.status).toBe(200);
    expect(page.body.envelopes.map((e) => e.seq)).toEqual([slow.body.seq, fastPush.body.seq]);
    expect(page.body.cursor).toBe(fastPush.body.seq);
  });

  it("keeps every row under many concurrent pushes and pulls", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const keys = [await alice.newCaseKey(), await bob.newCaseKey()];
    let cursor = (await team.manager.pullAll()).cursor;
    const received: number[] = [];
    const pushes: Promise<{ status: number; body: { seq: number } }>[] = [];
    for (let round = 0; round < 40; round += 1) {
      const device = round % 2 === 0 ? alice : bob;
      const key = keys[round % 2]!;
      pushes.push(
        device
          .envelope(crypto.randomUUID(), key.keyId, 0, await TestDevice.encrypt(key.key, `r${round}`))
          .then((e) => device.push(e)),
      );
      if (round % 5 === 0) {
        const page = await team.manager.pullAll(cursor);
        received.push(...page.envelopes.map((e) => e.seq));
        cursor = page.cursor;
      }
    }
    const accepted = (await Promise.all(pushes)).map((answer) => {
      expect(answer.status).toBe(201);
      return answer.body.seq;
    });
    received.push(...(await team.manager.pullAll(cursor)).envelopes.map((e) => e.seq));
    expect([...received].sort((a, b) => a - b)).toEqual([...accepted].sort((a, b) => a - b));
    expect(new Set(received).size).toBe(received.length);
  });
});
