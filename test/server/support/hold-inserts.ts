// Holds a real push inside its insert, after its row has taken its seq and before it commits (PostgreSQL
// only): the test locks the author's device row, which the insert's foreign-key check waits for. Shared by
// the team pull's and the area feed's cursor tests.
import pg from "pg";
import { afterEach } from "vitest";
import type { TestDatabase } from "./test-database";

export interface Gate {
  /** Resolves once a push is waiting inside its insert. */
  reached: Promise<void>;
  release: () => Promise<void>;
}

/** Holds the next envelope insert by `deviceId` inside its statement (its row has a seq) until released. */
export async function holdInsertsBy(db: TestDatabase, deviceId: string): Promise<Gate> {
  const holder = new pg.Client({ connectionString: db.url! });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("SELECT 1 FROM devices WHERE id = $1 FOR UPDATE", [deviceId]);
  let released: Promise<void> | null = null;
  const reached = (async () => {
    while (released === null) {
      const [waiting] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO envelopes%'`,
      );
      if (waiting!.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    reached,
    release: () =>
      (released ??= (async () => {
        await holder.query("COMMIT");
        await holder.end();
      })()),
  };
}

/**
 * `holdInsertsBy` for a describe block: the gate a test opened is released after it, so a failed test
 * does not leave the author's pushes held for the next one.
 */
export function insertHoldsReleasedAfterEach(): (db: TestDatabase, deviceId: string) => Promise<Gate> {
  let gate: Gate | null = null;
  afterEach(async () => {
    await gate?.release();
    gate = null;
  });
  return async (db, deviceId) => (gate = await holdInsertsBy(db, deviceId));
}

/** How many readers wait on the cursor's advisory lock: a pull or feed waiting for an open push. */
export async function readersWaitingForOpenPushes(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
  );
  return row!.n;
}
