// The server a test file runs against: a fresh database, a movable clock, and the team server on them,
// opened before the file's tests and closed (the database deleted) after them. Call it in a describe
// body; its fields are filled in once the hooks have run, so read them inside hooks and tests.
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { testClock, testServer, type TestClock } from "./team-fixture";
import { openTestDatabase, type TestDatabase } from "./test-database";

export interface ServerUnderTest {
  db: TestDatabase;
  app: FastifyInstance;
  clock: TestClock;
  /** Where the server listens on loopback: only with `listen`, for the app's own HTTP sync client. */
  baseUrl: string;
}

export function serverUnderTest(options: { listen?: boolean } = {}): ServerUnderTest {
  const server = {} as ServerUnderTest;
  beforeAll(async () => {
    server.db = await openTestDatabase();
    server.clock = testClock();
    server.app = await testServer(server.db, server.clock);
    if (options.listen) {
      await server.app.listen({ host: "127.0.0.1", port: 0 });
      server.baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    }
  });
  afterAll(async () => {
    await server.app?.close();
    await server.db?.close();
  });
  return server;
}
