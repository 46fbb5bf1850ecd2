// The real team server for the sync figures (syncPull5kSeconds, syncPushP95Ms, serverPushesPerSecond),
// started once per bench run through ctx.shared and stopped by ctx.cleanup:
//
// - a throwaway PostgreSQL 15 cluster, made as the server tests make theirs (test/server/support/
//   postgres-cluster.ts: initdb as the postgres user, loopback, fsync off); without PostgreSQL
//   installed, the server runs on PGlite and the figures that need PostgreSQL say so;
// - the team server exactly as `npm start` runs it (scripts/build-server.mjs → build/server.mjs), in its
//   own process, with DATABASE_URL, serving as its "built site" only the bench page
//   (scripts/bench/sync-entry.ts), so the page and the API share one origin as the app and the API do;
// - the Node side (scripts/bench/team-client-node.ts, bundled here): enrolled devices that push with the
//   app's own sync cryptography over HTTP.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build as esbuild } from "esbuild";
import { buildServer } from "../../build-server.mjs";
import { bundleBenchEntry } from "./bench-page.mjs";
import { ROOT, progress } from "./helpers.mjs";

export const NO_POSTGRES = "PostgreSQL is not installed (the server tests' cluster needs /usr/lib/postgresql/15)";

async function bundleNodeClient(workDir) {
  const outfile = path.join(workDir, "team-client-node.mjs");
  await esbuild({
    entryPoints: [path.join(ROOT, "scripts", "bench", "team-client-node.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

/** Spawns build/server.mjs; resolves with its origin once it says where it listens. */
function spawnServer(env) {
  return new Promise((resolve, reject) => {
    // TEAM_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server on its own.
    const nodeArgs = (process.env.TEAM_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, "build", "server.mjs")], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const match = /is at (http:\/\/[^/\s]+)\//.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        resolve({ child, origin: match[1] });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`the team server exited (${code}): ${output.slice(0, 2000)}`)));
    child.once("error", reject);
  });
}

async function startTeamServer(ctx) {
  const client = await bundleNodeClient(ctx.workDir);
  const binDir = client.findPostgresBinaries();
  let databaseUrl = null;
  if (binDir) {
    progress("starting a throwaway PostgreSQL cluster…");
    const cluster = await client.startPostgresCluster(binDir);
    ctx.cleanup(() => cluster.stop());
    databaseUrl = cluster.url;
  } else progress(`  ${NO_POSTGRES}: the team server runs on PGlite`);

  progress("bundling the team server and the sync bench page…");
  await buildServer();
  const site = path.join(ctx.workDir, "sync-site");
  mkdirSync(site, { recursive: true });
  writeFileSync(path.join(site, "bench.js"), await bundleBenchEntry(ctx.workDir, "sync-entry.ts"));
  writeFileSync(
    path.join(site, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>sync bench</title>
<script type="module" src="/bench.js"></script></head><body></body></html>`,
  );
  const dataDir = path.join(ctx.workDir, "server-data");
  const { child, origin } = await spawnServer({
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    DIST_DIR: site,
    DATABASE_URL: databaseUrl ?? "",
    LOG_REQUESTS: "",
  });
  ctx.cleanup(
    () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  );
  const health = await (await fetch(`${origin}/api/health`)).json();
  progress(`  team server at ${origin} on ${health.database}, schema ${health.schema}`);
  const adminToken = readFileSync(path.join(dataDir, "admin-token"), "utf8").trim();
  return { client, origin, adminToken, databaseUrl, database: health.database };
}

/** { client, origin, adminToken, databaseUrl (null on PGlite), database } for this bench run. */
export function teamServerSession(ctx) {
  return ctx.shared("team server", () => startTeamServer(ctx));
}
