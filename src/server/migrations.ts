/**
 * Versioned SQL migrations: `migrations/NNN-what-it-does.sql`, applied in number order at start, all
 * pending ones in one transaction, each recorded in schema_migrations. Additive only: a released file is
 * never edited, a change is a new file. An advisory lock lets several API processes start at once.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Beside this file in the sources; the bundle's build copies them beside build/server.mjs. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

// Any constant: "the migrator", so two processes starting together take turns.
const MIGRATION_LOCK_KEY = 7_316_001;

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file name ${file} is not NNN-name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(path.join(dir, file), "utf8") };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${migration.version} at ${index + 1}`);
    }
  });
  return migrations;
}

/** Applies what is pending; returns the schema version now in force (the latest migration number). */
export async function applyMigrations(
  db: Database,
  migrations: readonly Migration[] = readMigrations(),
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (" +
        "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const applied = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(applied.map((row) => row.version));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = [...done].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migration ${unknown.join(", ")} that this server does not know: it is older than the database.`,
      );
    }
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.script(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    return migrations.at(-1)?.version ?? 0;
  });
}

export async function schemaVersion(db: Database): Promise<number> {
  const [row] = await db.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations");
  return row?.version ?? 0;
}
