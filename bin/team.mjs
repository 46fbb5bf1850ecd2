#!/usr/bin/env node
// `npm run team`: bundles the operator's command from the sources (esbuild, well under a
// second) so a checkout never runs a stale one, then runs it.
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { buildServer } = await import(pathToFileURL(join(root, "scripts", "build-server.mjs")).href);
await buildServer();
await import(pathToFileURL(join(root, "build", "team.mjs")).href);
