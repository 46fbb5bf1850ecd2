// The area feed's cursor never skips a referral committed out of order (PostgreSQL; PGlite runs one
// transaction at a time). As the team pull: with one referral's push held inside its insert (its seq
// taken) and a later one committed, the coordinators' feed waits for the held push instead of answering
// past it, then hands out both in order.
import { insertHoldsReleasedAfterEach, readersWaitingForOpenPushes } from "./support/hold-inserts";
import { serverUnderTest } from "./support/server-under-test";
import { createArea, linkTeam, wrapToArea, type TestArea } from "./support/marac-fixture";
import { teamFixture, type TeamFixture } from "./support/team-fixture";
import { ENGINE, NO_DATABASE } from "./support/test-database";
import { TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE || ENGINE !== "postgresql")("area feed cursor under concurrent sends (PostgreSQL)", () => {
  const server = serverUnderTest();
  let team: TeamFixture;
  let area: TestArea;
  const holdInsertsBy = insertHoldsReleasedAfterEach();

  beforeAll(async () => {
    team = await teamFixture(server.app, "Feed Cursor Team", 2);
    area = await createArea(server.app, "Feed Cursor MARAC");
    await linkTeam(server.app, "Feed Cursor Team", "Feed Cursor MARAC");
  });

  it("does not hand out a later referral while an earlier one is uncommitted, and hands out both once it commits", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const keys = [await alice.newCaseKey(), await bob.newCaseKey()] as const;
    expect((await wrapToArea(alice, keys[0].keyId, keys[0].raw, area)).status).toBe(200);
    expect((await wrapToArea(bob, keys[1].keyId, keys[1].raw, area)).status).toBe(200);
    const start = (await area.coordinator.feed()).body.cursor;

    const gate = await holdInsertsBy(server.db, alice.deviceId);
    const slowPush = alice.push(
      await alice.envelope(crypto.randomUUID(), keys[0].keyId, 0, await TestDevice.encrypt(keys[0].key, "slow")),
    );
    await gate.reached;
    const fastPush = await bob.push(
      await bob.envelope(crypto.randomUUID(), keys[1].keyId, 0, await TestDevice.encrypt(keys[1].key, "fast")),
    );
    expect(fastPush.status).toBe(201);

    const feed = area.coordinator.feed(start);
    await expect.poll(() => readersWaitingForOpenPushes(server.db)).toBe(1);
    await gate.release();
    const slow = await slowPush;
    expect(slow.body.seq).toBeLessThan(fastPush.body.seq);
    const page = await feed;
    expect(page.body.envelopes.map((envelope) => envelope.seq)).toEqual([slow.body.seq, fastPush.body.seq]);
    const next = await area.coordinator.feed(page.body.cursor);
    expect(next.body.envelopes).toEqual([]);
  });
});
