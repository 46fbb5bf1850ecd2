import { readFileSync } from "node:fs";
import { runAssessCommand } from "./assess-command";

// Node entry point for `npm run assess`.
const result = runAssessCommand(process.argv.slice(2), (path) => readFileSync(path, "utf8"));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
