#!/usr/bin/env node
// `npm start` (after `vite build`): bundles the team server from the sources (esbuild, well under a
// second) so a checkout never runs a stale server, then starts it.
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { buildServer } = await import(pathToFileURL(join(root, "scripts", "build-server.mjs")).href);
await buildServer();
await import(pathToFileURL(join(root, "build", "server.mjs")).href);
