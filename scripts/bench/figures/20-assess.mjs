// assess10kSeconds: wall clock of `npm run assess -- --jsonl` over 10,000 generated cases (median of
// TIMED_RUNS after a warm-up). Baseline jsonBaselineSeconds: the least any JSONL tool must do.
import path from "node:path";
import { writeFileSync } from "node:fs";
import { generateCase } from "../../generate-cases.mjs";
import { median, progress, timeCommand } from "../shared/helpers.mjs";

const BUDGET_SECONDS = 2;
const CASE_COUNT = 10_000;
const TIMED_RUNS = 3;

async function measureAssess(workDir) {
  progress(`generating ${CASE_COUNT.toLocaleString("en-GB")} cases…`);
  const file = path.join(workDir, "cases.jsonl");
  const lines = [];
  for (let i = 0; i < CASE_COUNT; i++) lines.push(JSON.stringify(generateCase(1_000_003 + i)));
  writeFileSync(file, `${lines.join("\n")}\n`);

  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const assessArgs = ["run", "--silent", "assess", "--", "--jsonl", file];
  progress("assess --jsonl: warm-up run (also rebuilds the CLI bundle if stale)…");
  const warm = await timeCommand(npm, assessArgs);
  if (warm.code !== 0 && warm.code !== 1) {
    throw new Error(`npm run assess exited with ${warm.code}:\n${warm.stderr}`);
  }
  if (warm.lines < CASE_COUNT) {
    throw new Error(`npm run assess printed ${warm.lines} lines for ${CASE_COUNT} cases:\n${warm.stderr}`);
  }
  const assessRuns = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const run = await timeCommand(npm, assessArgs);
    if (run.code !== warm.code) throw new Error(`npm run assess exited with ${run.code} (warm-up: ${warm.code})`);
    assessRuns.push(run.seconds);
    progress(`  assess run ${i + 1}: ${run.seconds.toFixed(2)} s`);
  }

  // Baseline: the least any JSONL tool must do — read the file, parse and re-serialise every line, write it out.
  const baselineScript = `
    const fs = require("node:fs");
    const out = [];
    for (const line of fs.readFileSync(process.argv[1], "utf8").split("\\n")) {
      if (line) out.push(JSON.stringify(JSON.parse(line)));
    }
    process.stdout.write(out.join("\\n") + "\\n");
  `;
  const baselineRuns = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const run = await timeCommand(process.execPath, ["-e", baselineScript, file]);
    if (run.code !== 0) throw new Error(`JSON baseline failed:\n${run.stderr}`);
    baselineRuns.push(run.seconds);
    progress(`  JSON baseline run ${i + 1}: ${run.seconds.toFixed(2)} s`);
  }
  return { assess10kSeconds: median(assessRuns), jsonBaselineSeconds: median(baselineRuns) };
}

export default {
  label: "assess benchmark",
  keys: { assess10kSeconds: 2, jsonBaselineSeconds: 2 },
  measure: async (ctx) => ({ results: await measureAssess(ctx.workDir) }),
  lines: ({ results, line }) => [
    line("assess10kSeconds", "s", {
      baseline: results.jsonBaselineSeconds,
      baselineName: "jsonBaselineSeconds",
      budget: `≤ ${BUDGET_SECONDS} s`,
      over: results.assess10kSeconds !== null && results.assess10kSeconds > BUDGET_SECONDS,
    }),
    line("jsonBaselineSeconds", "s"),
  ],
};
