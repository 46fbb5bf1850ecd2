// The server as `npm start` runs it: migrations applied once and recorded, the built PWA served with
// its headers beside the API, the embedded data folder kept across restarts and held by one process,
// and the operator's command going through the running server or refusing while the folder is held.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { readServerConfig } from "../../src/server/config";
import { DataFolderInUseError, LOCK_FILE_NAME } from "../../src/server/data-folder-lock";
import { openPgliteDatabase } from "../../src/server/database-pglite";
import { applyMigrations, readMigrations } from "../../src/server/migrations";
import { startTeamServer } from "../../src/server/server-start";
import { parseCommand, runTeamCommand } from "../../src/server/team-command";
import { testServer } from "./support/team-fixture";
import { ENGINE, NO_DATABASE, openTestDatabase, reopenableDatabase, type TestDatabase } from "./support/test-database";

describe.skipIf(NO_DATABASE)("migrations", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("records each numbered file once, in order, and applying again changes nothing", async () => {
    const files = readMigrations();
    expect(files.map((file) => file.version)).toEqual(files.map((_, index) => index + 1));
    const recorded = await db.query<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations ORDER BY version",
    );
    expect(recorded).toEqual(files.map(({ version, name }) => ({ version, name })));
    expect(await applyMigrations(db)).toBe(files.length);
    expect((await db.query("SELECT * FROM schema_migrations")).length).toBe(files.length);
  });

  it("refuses to run on a database with a migration it does not know", async () => {
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')");
    await expect(applyMigrations(db)).rejects.toThrow(/migration 99/);
    await db.query("DELETE FROM schema_migrations WHERE version = 99");
  });

  it("holds nothing but the tables docs/team-server.md describes", async () => {
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((table) => table.table_name)).toEqual([
      "area_key_wraps",
      "area_wrapped_keys",
      "areas",
      "challenges",
      "devices",
      "enrolment_codes",
      "envelopes",
      "key_grants",
      "key_rotations",
      "schema_migrations",
      "sessions",
      "team_areas",
      "team_audit",
      "team_key_rotations",
      "teams",
      "wrapped_keys",
    ]);
  });
});

describe.skipIf(NO_DATABASE)("the built app beside the API", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let distDir: string;

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(tmpdir(), "safe-referral-dist-"));
    mkdirSync(path.join(distDir, "assets"));
    writeFileSync(path.join(distDir, "index.html"), "<!doctype html><title>Safe Referral</title>");
    writeFileSync(path.join(distDir, "sw.js"), "// worker");
    writeFileSync(path.join(distDir, "assets", "index-abc123.js"), "console.log(1)");
    db = await openTestDatabase();
    app = await testServer(db, undefined, distDir);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it("serves the page and the worker revalidated, hashed assets for a year, all with the security headers", async () => {
    const page = await app.inject({ method: "GET", url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Safe Referral");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect((await app.inject({ method: "GET", url: "/sw.js" })).headers["cache-control"]).toBe("no-cache");
    const asset = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers an app route with the page, a missing file with 404, and /api never with the page", async () => {
    const route = await app.inject({ method: "GET", url: "/cases/123" });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain("Safe Referral");
    expect((await app.inject({ method: "GET", url: "/assets/gone-999.js" })).statusCode).toBe(404);
    const api = await app.inject({ method: "GET", url: "/api/unknown", headers: { accept: "text/html" } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: "not-found" });
    expect(api.headers["cache-control"]).toBe("no-store");
  });
});

describe.skipIf(NO_DATABASE)("startTeamServer on a real port", () => {
  it("listens, answers the health check over HTTP, and keeps its data across a restart", async () => {
    const store = await reopenableDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), "safe-referral-data-"));
    const config = { ...readServerConfig({ PORT: "0", DATA_DIR: dataDir, DIST_DIR: path.join(dataDir, "no-dist") }) };
    try {
      let server = await startTeamServer(config, { db: await opened(store) });
      expect(await (await fetch(new URL("api/health", server.url))).json()).toEqual({
        ok: true,
        database: ENGINE,
        schema: 9,
      });
      await server.db.query("INSERT INTO teams (id, name) VALUES ($1, 'Kept Team')", [crypto.randomUUID()]);
      await server.close();
      server = await startTeamServer(config, { db: await opened(store) });
      expect((await server.db.query("SELECT name FROM teams")).length).toBe(1);
      await server.close();
    } finally {
      await store.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  async function opened(store: Awaited<ReturnType<typeof reopenableDatabase>>) {
    const db = await store.open();
    await applyMigrations(db);
    return db;
  }
});

describe.runIf(ENGINE === "pglite")("the embedded data folder", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "safe-referral-folder-"));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is held by one opener at a time, and a lock left by a dead process is taken over", async () => {
    const db = await openPgliteDatabase(dataDir);
    await expect(openPgliteDatabase(dataDir)).rejects.toBeInstanceOf(DataFolderInUseError);
    await db.close();
    // A pid that cannot be running (above the kernel's pid_max).
    writeFileSync(path.join(dataDir, LOCK_FILE_NAME), "99999999");
    const again = await openPgliteDatabase(dataDir);
    await again.close();
  });

  it("makes the operator's command refuse while another process holds the folder and no server answers", async () => {
    writeFileSync(path.join(dataDir, LOCK_FILE_NAME), String(process.ppid));
    const result = await runTeamCommand(["create", "Unit 9"], { DATA_DIR: dataDir, PORT: "1" });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/in use by another process/);
  });

  it("creates a team directly when no server runs, and through the server when one does", async () => {
    const direct = await runTeamCommand(["create", "Unit 1"], { DATA_DIR: dataDir, PORT: "1" });
    expect(direct.code).toBe(0);
    expect(direct.out).toMatch(/Team "Unit 1" created/);
    expect(direct.out).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/);

    const server = await startTeamServer(
      readServerConfig({ PORT: "0", DATA_DIR: dataDir, DIST_DIR: path.join(dataDir, "none") }),
    );
    try {
      const env = { DATA_DIR: dataDir, PORT: String(server.port) };
      const through = await runTeamCommand(["create", "Unit 2"], env);
      expect(through).toMatchObject({ code: 0, out: expect.stringMatching(/Team "Unit 2" created/) });
      expect(await runTeamCommand(["create", "Unit 2"], env)).toEqual({
        code: 1,
        out: 'There is already a team called "Unit 2".',
      });
      expect((await runTeamCommand(["area", "Area 1"], env)).code).toBe(0);
      expect(await runTeamCommand(["link", "Unit 2", "Area 1"], env)).toEqual({
        code: 0,
        out: 'Team "Unit 2" now refers to area "Area 1".',
      });
      expect((await server.db.query("SELECT name FROM teams ORDER BY name")).length).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe("the operator's command line", () => {
  it("reads its commands and refuses anything else with the usage", async () => {
    expect(parseCommand(["create", "Unit 1"])).toEqual({ kind: "create", name: "Unit 1" });
    expect(parseCommand(["link", "Unit 1", "Area"])).toEqual({ kind: "link", team: "Unit 1", area: "Area" });
    expect(parseCommand(["create"])).toBeNull();
    expect(parseCommand(["create", "  "])).toBeNull();
    expect(parseCommand(["delete", "Unit 1"])).toBeNull();
    const usage = await runTeamCommand([], {});
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/never name a team or area after a refuge/);
  });
});
