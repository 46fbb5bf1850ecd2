// initialJsKbGz: KB gzip (level 9) of the JS the built app's first page load needs. Its baseline,
// helloWorldKbGz, is the next figure (a bare React page). Also builds dist/, which later figures serve.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { build as viteBuild } from "vite";
import { CONFIG_FILE, ROOT, progress } from "../shared/helpers.mjs";
import { initialJsKbGz } from "../shared/initial-js.mjs";

const BUDGET_KB_GZ = 170;

async function buildApp() {
  progress("building app (vite build)…");
  const start = performance.now();
  await viteBuild({ root: ROOT, configFile: CONFIG_FILE, logLevel: "warn", mode: "production" });
  progress(`  built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const result = initialJsKbGz(path.join(ROOT, "dist"));
  progress(`  initial JS: ${result.files.join(", ")}`);
  return result.kb;
}

export default {
  label: "app build",
  keys: { initialJsKbGz: 1 },
  async measure(ctx) {
    const kb = await buildApp();
    ctx.appBuilt = true;
    return { results: { initialJsKbGz: kb } };
  },
  lines: ({ results, line }) => [
    line("initialJsKbGz", "KB", {
      baseline: results.helloWorldKbGz,
      baselineName: "helloWorldKbGz",
      budget: `≤ ${BUDGET_KB_GZ} KB`,
      over: results.initialJsKbGz !== null && results.initialJsKbGz > BUDGET_KB_GZ,
    }),
  ],
};
