import { readFileSync, writeSync } from "node:fs";
import { runAssessCommand } from "./assess-command";

// Node entry point for `npm run assess`.
// Large --jsonl outputs are written as they are produced, synchronously so order is kept.
const writeStdout = (chunk: string) => {
  const bytes = Buffer.from(chunk, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      // A pipe that is momentarily full: try again rather than lose output.
      if (code !== "EAGAIN") throw error;
    }
  }
};
const result = runAssessCommand(process.argv.slice(2), (path) => readFileSync(path), writeStdout);
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
