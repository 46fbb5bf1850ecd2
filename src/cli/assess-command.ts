import { assessCase } from "../domain/assess";
import { validateCaseFile } from "../domain/case-file";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy } from "../domain/policy";
import { describeIssues, issuesFromZod, type ValidationIssue } from "../domain/validation-issues";

// `npm run assess`: a thin adapter from files to the engine. Pure apart from the injected file
// reader, so it is tested without spawning processes. It never writes to any file it was given.

export interface CommandResult {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export type ReadText = (path: string) => string;

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

function readJson(
  read: ReadText,
  path: string,
  what: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    return { ok: false, message: `cannot read the ${what} ${path}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `the ${what} ${path} is not valid JSON: ${(error as Error).message}` };
  }
}

function loadPolicy(read: ReadText, path: string): { ok: true; policy: Policy } | { ok: false; message: string } {
  const parsed = readJson(read, path, "policy file");
  if (!parsed.ok) return parsed;
  const result = policyFileSchema.safeParse(parsed.value);
  if (!result.success) {
    return {
      ok: false,
      message: `the policy file ${path} was refused:\n${describeIssues(issuesFromZod(result.error))}`,
    };
  }
  return { ok: true, policy: policyFromFile(result.data) };
}

function inlineIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path || "(the case)"}: ${i.message}`).join("; ");
}

/** Receives stdout in chunks, so 10,000 outcomes need not sit in memory as one string. */
export type WriteText = (chunk: string) => void;

const LINES_PER_CHUNK = 500;

export function runAssessCommand(argv: readonly string[], read: ReadText, writeStdout?: WriteText): CommandResult {
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
    if (!validation.ok) {
      return fail(`${args.inputPath} is not a valid case file:\n${describeIssues(validation.issues)}`);
    }
    return { exitCode: 0, stdout: `${JSON.stringify(assessCase(validation.caseFile, policy), null, 2)}\n`, stderr: "" };
  }

  let text: string;
  try {
    text = read(args.inputPath);
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
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (!line) continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      bad++;
      emit(JSON.stringify({ line: lineNumber, error: `not valid JSON: ${(error as Error).message}` }));
      continue;
    }
    const validation = validateCaseFile(value);
    if (!validation.ok) {
      bad++;
      emit(JSON.stringify({ line: lineNumber, error: inlineIssues(validation.issues) }));
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
