// Bundles the command line (src/cli + src/domain) into build/assess.mjs with esbuild, so that
// `npm run assess` starts in milliseconds with plain Node. Run by `npm ci` (the prepare script),
// and again automatically by bin/assess.mjs whenever a source file is newer than the bundle.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const bundlePath = `${root}build/assess.mjs`;

export async function buildCli() {
  await build({
    entryPoints: [`${root}src/cli/main.ts`],
    outfile: bundlePath,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    legalComments: "none",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
