// The pull cursor never skips a row committed out of order. Pushes take their seq when they insert but
// may commit in any order: with push A (seq n) still open and push B (seq n+1) committed, a reader that
// took n+1 and moved its cursor past it would never see n. The real push code is paused just after its
// insert (a gate in the database wrapper) to make exactly that happen on a real PostgreSQL; PGlite runs
// one transaction at a time, so there the interleaving cannot arise.
import type { FastifyInstance } from "fastify";
import type { Database, Queryable } from "../../src/server/database";
import { teamFixture, testServer, type TeamFixture } from "./support/team-fixture";
import { ENGINE, NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";
import { TestDevice } from "./support/test-device";

interface Gate {
  armed: boolean;
  reached: Promise<void>;
  release: () => void;
}

/** The same database, but the next envelope insert waits (inside its transaction) until released. */
function gated(db: Database): { db: Database; arm: () => Gate } {
  let gate: (Gate & { signalReached: () => void; released: Promise<void> }) | null = null;
  const wrap = (tx: Queryable): Queryable => ({
    script: (sql) => tx.script(sql),
    async query<Row extends object>(
      sql: string,
      params?: readonly (string | number | boolean | null | Uint8Array | Date)[],
    ) {
      const rows = await tx.query<Row>(sql, params);
      if (gate?.armed && /^\s*INSERT INTO envelopes/.test(sql)) {
        const current = gate;
        current.armed = false;
        current.signalReached();
        await current.released;
      }
      return rows;
    },
  });
  return {
    db: {
      ...db,
      kind: db.kind,
      query: db.query,
      script: db.script,
      close: db.close,
      transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    },
    arm() {
      let signalReached = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => (signalReached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { armed: true, reached, release, signalReached, released };
      return gate;
    },
  };
}

describe.skipIf(NO_DATABASE || ENGINE !== "postgresql")("pull cursor under concurrent pushes (PostgreSQL)", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let team: TeamFixture;
  let arm: () => Gate;

  beforeAll(async () => {
    db = await openTestDatabase();
    const wrapped = gated(db);
    arm = wrapped.arm;
    app = await testServer(wrapped.db);
    team = await teamFixture(app, "Cursor Team", 2);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("does not hand out a later row while an earlier one is uncommitted, and hands out both once it commits", async () => {
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const aliceKey = await alice.newCaseKey();
    const bobKey = await bob.newCaseKey();
    const { cursor: start } = await team.manager.pullAll();

    const gate = arm();
    const slowPush = alice.push(
      await alice.envelope(crypto.randomUUID(), aliceKey.keyId, 0, await TestDevice.encrypt(aliceKey.key, "slow")),
    );
    await gate.reached;
    const fastPush = await bob.push(
      await bob.envelope(crypto.randomUUID(), bobKey.keyId, 0, await TestDevice.encrypt(bobKey.key, "fast")),
    );
    expect(fastPush.status).toBe(201);

    // The hazard is real: a plain read now sees the later row and not the earlier one.
    const visible = await db.query<{ seq: number }>(
      "SELECT seq FROM envelopes WHERE team_id = $1 AND seq > $2 ORDER BY seq",
      [team.teamId, start],
    );
    expect(visible.map((row) => row.seq)).toEqual([fastPush.body.seq]);

    // A pull now waits for the open push instead of answering past it.
    const pull = team.manager.pull(start);
    await expect
      .poll(
        async () =>
          (
            await db.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            )
          )[0]!.n,
      )
      .toBe(1);
    gate.release();
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
