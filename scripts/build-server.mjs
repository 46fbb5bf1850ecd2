// Bundles the team server (src/server + the pure src/domain/team-sync it shares with the browser) into
// build/server.mjs and the operator's command into build/team.mjs, with esbuild, and copies the SQL
// migrations beside them. Packages stay external (PGlite loads its WebAssembly from its own folder).
// Run by `npm start` and `npm run team` through bin/server.mjs and bin/team.mjs.
import { cpSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const root = fileURLToPath(new URL("..", import.meta.url));

export async function buildServer() {
  await build({
    entryPoints: { server: `${root}src/server/main.ts`, team: `${root}src/server/team-main.ts` },
    outdir: `${root}build`,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    legalComments: "none",
  });
  mkdirSync(`${root}build/migrations`, { recursive: true });
  cpSync(`${root}src/server/migrations`, `${root}build/migrations`, { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
}
