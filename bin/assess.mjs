#!/usr/bin/env node
// Launcher for `npm run assess`: runs the bundled command line, rebuilding it first if any
// source it depends on changed since it was built (so an edited checkout never runs stale rules).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "build", "assess.mjs");

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "__tests__") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let bundleTime;
try {
  bundleTime = statSync(bundle).mtimeMs;
} catch {
  bundleTime = 0; // not built yet
}
const sourcesTime = Math.max(newestSourceTime(join(root, "src", "domain")), newestSourceTime(join(root, "src", "cli")));
if (bundleTime < sourcesTime) {
  const { buildCli } = await import(pathToFileURL(join(root, "scripts", "build-cli.mjs")).href);
  await buildCli();
}
await import(pathToFileURL(bundle).href);
