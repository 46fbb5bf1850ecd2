// Build the app and serve it as `npm start` does: the team server (src/server) serving dist/ and the
// team API on one origin, on loopback only, each server on its own empty in-memory PGlite database.
// Used by global-setup.ts for the whole run, and directly by tests that must stop and restart the
// server (offline tests): pass the old `port` back in so the origin — and with it any service worker
// and IndexedDB data — stays the same.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { openPgliteDatabase } from "../../../src/server/database-pglite";
import { applyMigrations } from "../../../src/server/migrations";
import { ensureAdminToken, startTeamServer } from "../../../src/server/server-start";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CONFIG_FILE = path.join(PROJECT_ROOT, "vite.config.ts");

export interface AppServer {
  /** e.g. "http://127.0.0.1:41234/" (always with a trailing slash). */
  url: string;
  port: number;
  /** For the operator's endpoints (/api/admin, header x-admin-token), e.g. to create a team. */
  adminToken: string;
  close: () => Promise<void>;
}

export interface StartAppServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. A given port must be free (strictPort). */
  port?: number;
  /** Absolute path of the built site to serve; defaults to the project's dist/. */
  outDir?: string;
}

export interface BuildAppOptions {
  /** Absolute path to build into instead of dist/ (e.g. a second, changed build for update tests). */
  outDir?: string;
  /** Overrides the version vite.config.ts injects (package.json's), so the build differs. */
  appVersion?: string;
}

/**
 * `vite build` with the project's own vite.config.ts, into dist/ unless told otherwise.
 * Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; the e2e tests
 * must exercise what ships, so the build runs with NODE_ENV=production (restored afterwards).
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<void> {
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await runBuild(options);
  } finally {
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousNodeEnv;
  }
}

async function runBuild(options: BuildAppOptions): Promise<void> {
  await build({
    root: PROJECT_ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    mode: "production",
    ...(options.outDir === undefined ? {} : { build: { outDir: options.outDir, emptyOutDir: true } }),
    ...(options.appVersion === undefined ? {} : { define: { __APP_VERSION__: JSON.stringify(options.appVersion) } }),
  });
}

/** Serve the already-built dist/ and the team API on 127.0.0.1. Does not build. */
export async function startAppServer(options: StartAppServerOptions = {}): Promise<AppServer> {
  // The operator's token lives in a data folder; the database itself is in memory.
  const dataDir = mkdtempSync(path.join(tmpdir(), "safe-referral-e2e-server-"));
  const db = await openPgliteDatabase();
  await applyMigrations(db);
  const server = await startTeamServer(
    {
      host: "127.0.0.1",
      port: options.port ?? 0,
      dataDir,
      databaseUrl: null,
      distDir: options.outDir ?? path.join(PROJECT_ROOT, "dist"),
    },
    { db },
  );
  let closed = false;
  return {
    url: server.url,
    port: server.port,
    adminToken: ensureAdminToken(dataDir),
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
