/**
 * Opening the database, migrating it, and listening: shared by `npm start` (main.ts), the operator's
 * command when no server is running, and the tests that start a real server.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildTeamServer } from "./app";
import type { ServerConfig } from "./config";
import type { Database } from "./database";
import { openPgliteDatabase } from "./database-pglite";
import { openPostgresDatabase } from "./database-postgres";
import { applyMigrations } from "./migrations";
import { deleteExpired } from "./session-service";
import type { ServerContext } from "./server-context";

export const ADMIN_TOKEN_FILE = "admin-token";

export async function openConfiguredDatabase(config: ServerConfig): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgresDatabase(config.databaseUrl)
    : await openPgliteDatabase(config.dataDir);
  try {
    await applyMigrations(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** The operator's token, made once and kept (0600) so several processes and restarts share it. */
export function ensureAdminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // Not made yet.
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString("base64url");
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTeamServer(
  config: ServerConfig,
  options: { now?: () => Date; logger?: boolean; db?: Database } = {},
): Promise<RunningServer> {
  const db = options.db ?? (await openConfiguredDatabase(config));
  const context: ServerContext = { db, now: options.now ?? (() => new Date()) };
  let app: FastifyInstance;
  try {
    app = await buildTeamServer({
      context,
      distDir: config.distDir,
      adminToken: ensureAdminToken(config.dataDir),
      logger: options.logger ?? false,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  // Expired challenges and sessions are useless; clear them now and then (not a correctness matter:
  // every check compares expiry times itself).
  const housekeeping = setInterval(() => void deleteExpired(context).catch(() => {}), 10 * 60_000);
  housekeeping.unref();
  let closed = false;
  return {
    app,
    db,
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(housekeeping);
      await app.close();
      await db.close();
    },
  };
}
