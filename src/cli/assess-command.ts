import { assessCase } from "../domain/assess";
import { validateCaseFile } from "../domain/case-file";
import { decodeUtf8File, decodeUtf8Lines, parseJsonText } from "../domain/json-text";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy } from "../domain/policy";
import { describeIssues, issuesFromZod, type ValidationIssue } from "../domain/validation-issues";

// `npm run assess`: a thin adapter from files to the engine. Pure apart from the injected file
// reader, so it is tested without spawning processes. It never writes to any file it was given.

export interface CommandResult {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** Reads a file's bytes: they are checked as UTF-8 here, never silently repaired by the reader. */
export type ReadBytes = (path: string) => Uint8Array;

const USAGE = `usage:
  npm run --silent assess -- [--policy policy.json] case.json
  npm run --silent assess -- [--policy policy.json] --jsonl cases.jsonl`;

interface Arguments {
  policyPath?: string;
  jsonl: boolean;
  inputPath: string;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let policyPath: string | undefined;
  let jsonl = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--jsonl") jsonl = true;
    else if (arg === "--policy") {
      const next = argv[++i];
      if (next === undefined) return "--policy needs the path of a policy file";
      policyPath = next;
    } else if (arg.startsWith("--policy=")) policyPath = arg.slice("--policy=".length);
    else if (arg === "--help" || arg === "-h") return "";
    else if (arg.startsWith("-") && arg !== "-") return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length ? "give exactly one case file" : "no case file given";
  return { jsonl, inputPath: positional[0]!, ...(policyPath !== undefined ? { policyPath } : {}) };
}

function fail(message: string): CommandResult {
  return { exitCode: 2, stdout: "", stderr: `${message}\n` };
}

// A case or policy file: its bytes as UTF-8 (a leading byte-order mark ignored), then JSON, with
// any key repeated within one object returned as issues to report alongside the schema's own.
function readJson(
  read: ReadBytes,
  path: string,
  what: string,
): { ok: true; value: unknown; repeatedKeys: ValidationIssue[] } | { ok: false; message: string } {
  let bytes: Uint8Array;
  try {
    bytes = read(path);
  } catch (error) {
    return { ok: false, message: `cannot read the ${what} ${path}: ${(error as Error).message}` };
  }
  const decoded = decodeUtf8File(bytes);
  if (!decoded.ok) return { ok: false, message: `the ${what} ${path} is ${decoded.message}` };
  const parsed = parseJsonText(decoded.text);
  if (!parsed.ok) return { ok: false, message: `the ${what} ${path} is not valid JSON: ${parsed.message}` };
  return parsed;
}

function loadPolicy(read: ReadBytes, path: string): { ok: true; policy: Policy } | { ok: false; message: string } {
  const parsed = readJson(read, path, "policy file");
  if (!parsed.ok) return parsed;
  const result = policyFileSchema.safeParse(parsed.value);
  const issues = [...parsed.repeatedKeys, ...(result.success ? [] : issuesFromZod(result.error))];
  if (!result.success || issues.length) {
    return { ok: false, message: `the policy file ${path} was refused:\n${describeIssues(issues)}` };
  }
  return { ok: true, policy: policyFromFile(result.data) };
}

function inlineIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path || "(the case)"}: ${i.message}`).join("; ");
}

const isBlank = (line: string) => /^[ \t\r]*$/.test(line);

/** Receives stdout in chunks, so 10,000 outcomes need not sit in memory as one string. */
export type WriteText = (chunk: string) => void;

const LINES_PER_CHUNK = 500;

export function runAssessCommand(argv: readonly string[], read: ReadBytes, writeStdout?: WriteText): CommandResult {
  const args = parseArguments(argv);
  if (typeof args === "string") return fail(args ? `${args}\n${USAGE}` : USAGE);

  let policy = DEFAULT_POLICY;
  if (args.policyPath !== undefined) {
    const loaded = loadPolicy(read, args.policyPath);
    if (!loaded.ok) return fail(loaded.message);
    policy = loaded.policy;
  }

  if (!args.jsonl) {
    const parsed = readJson(read, args.inputPath, "case file");
    if (!parsed.ok) return fail(parsed.message);
    const validation = validateCaseFile(parsed.value);
    const issues = [...parsed.repeatedKeys, ...(validation.ok ? [] : validation.issues)];
    if (!validation.ok || issues.length) {
      return fail(`${args.inputPath} is not a valid case file:\n${describeIssues(issues)}`);
    }
    return { exitCode: 0, stdout: `${JSON.stringify(assessCase(validation.caseFile, policy), null, 2)}\n`, stderr: "" };
  }

  let bytes: Uint8Array;
  try {
    bytes = read(args.inputPath);
  } catch (error) {
    return fail(`cannot read ${args.inputPath}: ${(error as Error).message}`);
  }
  let out: string[] = [];
  let streamed = false;
  const emit = (line: string) => {
    out.push(line);
    if (writeStdout && out.length >= LINES_PER_CHUNK) {
      writeStdout(`${out.join("\n")}\n`);
      out = [];
      streamed = true;
    }
  };
  let bad = 0;
  // A byte-order mark is ignored at the start of the file only; "blank" means JSON whitespace
  // only, so a line of other characters (a stray mark, a no-break space) is reported, not skipped.
  const lines = decodeUtf8Lines(bytes);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (typeof line !== "string") {
      bad++;
      emit(JSON.stringify({ line: lineNumber, error: line.invalidUtf8 }));
      continue;
    }
    if (isBlank(line)) continue;
    const parsed = parseJsonText(line);
    if (!parsed.ok) {
      bad++;
      emit(JSON.stringify({ line: lineNumber, error: `not valid JSON: ${parsed.message}` }));
      continue;
    }
    const validation = validateCaseFile(parsed.value);
    if (!validation.ok || parsed.repeatedKeys.length) {
      bad++;
      const issues = [...parsed.repeatedKeys, ...(validation.ok ? [] : validation.issues)];
      emit(JSON.stringify({ line: lineNumber, error: inlineIssues(issues) }));
      continue;
    }
    emit(JSON.stringify(assessCase(validation.caseFile, policy)));
  }
  const rest = out.length ? `${out.join("\n")}\n` : "";
  if (writeStdout && streamed) writeStdout(rest);
  return {
    exitCode: bad ? 1 : 0,
    stdout: writeStdout && streamed ? "" : rest,
    stderr: bad ? `${bad} line(s) of ${args.inputPath} were not valid cases; see the "error" lines.\n` : "",
  };
}
