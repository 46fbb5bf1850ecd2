// A fresh, migrated database for one test file, on the engine this run is testing (TEST_DATABASE):
// PGlite in memory (or in a folder, for restart tests), or a new database on the test PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { Database, DatabaseKind } from "../../../src/server/database";
import { openPgliteDatabase } from "../../../src/server/database-pglite";
import { openPostgresDatabase } from "../../../src/server/database-postgres";
import { applyMigrations } from "../../../src/server/migrations";

export const ENGINE = (process.env.TEST_DATABASE ?? "pglite") as DatabaseKind;

/** True when this run has no database to test (PostgreSQL not installed, not required): skip. */
export const NO_DATABASE = ENGINE === "postgresql" && inject("postgresAdminUrl") === "";

/** A database that can be closed and opened again with its data: a PGlite folder, or a PostgreSQL database. */
export interface ReopenableDatabase {
  open(): Promise<Database>;
  /** Deletes the database (or folder). Close every connection first. */
  destroy(): Promise<void>;
  /** For node-postgres connections of the test's own (e.g. holding a transaction open). */
  url: string | null;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function reopenableDatabase(): Promise<ReopenableDatabase> {
  if (ENGINE === "pglite") {
    const folder = mkdtempSync(path.join(tmpdir(), "safe-referral-pglite-"));
    return {
      url: null,
      open: () => openPgliteDatabase(folder),
      destroy: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject("postgresAdminUrl");
  const name = `test_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  return {
    url,
    open: () => openPostgresDatabase(url),
    async destroy() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDatabase extends Database {
  /** For node-postgres connections of the test's own; null on PGlite. */
  url: string | null;
}

/** A fresh migrated database; close() also deletes it. PGlite runs in memory. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (ENGINE === "pglite") {
    const db = await openPgliteDatabase();
    await applyMigrations(db);
    return Object.assign(db, { url: null });
  }
  const store = await reopenableDatabase();
  const db = await store.open();
  await applyMigrations(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    url: store.url,
    async close() {
      await close();
      await store.destroy();
    },
  });
}

export async function tableNames(db: Database): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  return tables.map((table) => table.table_name);
}

/**
 * Every table's row count and a digest of all its rows: what "nothing stored, nothing changed" is
 * checked against (a digest catches an UPDATE that a count would miss).
 */
export async function databaseSnapshot(db: Database): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of await tableNames(db)) {
    const [row] = await db.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
    );
    snapshot[table] = `${row!.n} rows ${row!.digest ?? "-"}`;
  }
  return snapshot;
}
