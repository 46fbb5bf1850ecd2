// @vitest-environment node
// The command line contract (case-format.md, "Command line"): exit codes, stdout/stderr, --jsonl
// and --policy. Most tests use the pure command with an in-memory file reader; one block runs
// the real `npm run assess` to prove the installed launcher works.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAssessCommand } from "../../src/cli/assess-command";

const strangulationCase = {
  schemaVersion: 1,
  assessedAt: "2024-03-10T21:00:00Z",
  assessor: { role: "police" },
  questionSet: "dash-ric-24",
  safeToAsk: "yes",
  answers: { "dash.strangulation": "yes" },
};

/** An in-memory file reader: text is stored as UTF-8; a Uint8Array is given as exact bytes. */
function filesReader(files: Record<string, string | Uint8Array>) {
  return (path: string): Uint8Array => {
    const content = files[path];
    if (content === undefined) throw new Error("ENOENT: no such file");
    return typeof content === "string" ? Buffer.from(content, "utf8") : content;
  };
}

describe("assess command", () => {
  it("prints one outcome object for a valid case and exits 0", () => {
    const result = runAssessCommand(["case.json"], filesReader({ "case.json": JSON.stringify(strangulationCase) }));
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    const outcome = JSON.parse(result.stdout);
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.policy).toEqual({ name: "default", version: 1 });
  });

  it("refuses an invalid case with exit 2, nothing on stdout, and every offending field named", () => {
    const bad = { ...strangulationCase, answers: { "dash.injury": "maybe", "dash.nope": "yes" }, contxt: {} };
    const result = runAssessCommand(["case.json"], filesReader({ "case.json": JSON.stringify(bad) }));
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("answers.dash.injury");
    expect(result.stderr).toContain("dash.nope");
    expect(result.stderr).toContain("contxt");
  });

  it("explains a file that is not JSON, or missing", () => {
    const notJson = runAssessCommand(["case.json"], filesReader({ "case.json": "{ not json" }));
    expect(notJson).toMatchObject({ exitCode: 2, stdout: "" });
    expect(notJson.stderr).toMatch(/not valid JSON/);
    const missing = runAssessCommand(["nowhere.json"], filesReader({}));
    expect(missing).toMatchObject({ exitCode: 2, stdout: "" });
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it("shows usage for no arguments or an unknown option, with exit 2", () => {
    expect(runAssessCommand([], filesReader({}))).toMatchObject({ exitCode: 2, stdout: "" });
    const unknown = runAssessCommand(["--fast", "case.json"], filesReader({}));
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("--fast");
  });

  it("applies a policy file and records its name and version", () => {
    const policy = { name: "test-area", version: 3, highRiskYesCount: 12, mediumRiskYesCount: 8 };
    const result = runAssessCommand(
      ["--policy", "p.json", "case.json"],
      filesReader({ "p.json": JSON.stringify(policy), "case.json": JSON.stringify(strangulationCase) }),
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).policy).toEqual({ name: "test-area", version: 3 });
  });

  it("refuses a bad policy before reading any case", () => {
    let casesRead = 0;
    const read = (path: string) => {
      if (path === "p.json")
        return Buffer.from(JSON.stringify({ name: "x", version: 1, rules: { "threats-to-kill": false } }));
      casesRead++;
      return Buffer.from(JSON.stringify(strangulationCase));
    };
    const result = runAssessCommand(["--policy", "p.json", "case.json"], read);
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toContain("threats-to-kill");
    expect(casesRead).toBe(0);
  });

  it("refuses policies with unknown keys, counts below 1, or medium above high", () => {
    for (const [policy, word] of [
      [{ name: "x", version: 1, highRiskYesCount: 0 }, "highRiskYesCount"],
      [{ name: "x", version: 1, colour: "red" }, "colour"],
      [{ name: "x", version: 1, rules: { "made-up": true } }, "made-up"],
      [{ name: "x", version: 1, highRiskYesCount: 9, mediumRiskYesCount: 10 }, "mediumRiskYesCount"],
      [{ version: 1 }, "name"],
      [{ name: "x" }, "version"],
    ] as const) {
      const result = runAssessCommand(
        ["--policy", "p.json", "c.json"],
        filesReader({ "p.json": JSON.stringify(policy), "c.json": "{}" }),
      );
      expect(result.exitCode, JSON.stringify(policy)).toBe(2);
      expect(result.stderr, JSON.stringify(policy)).toContain(word);
    }
  });

  it("--jsonl: one outcome per line, blank lines skipped, bad lines reported by 1-based number, exit 1", () => {
    const lines = [
      JSON.stringify(strangulationCase),
      "",
      "{bad",
      JSON.stringify({ ...strangulationCase, safeToAsk: "perhaps" }),
      JSON.stringify(strangulationCase),
    ];
    const result = runAssessCommand(["--jsonl", "cases.jsonl"], filesReader({ "cases.jsonl": lines.join("\n") }));
    expect(result.exitCode).toBe(1);
    const out = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].riskLevel).toBe("high");
    expect(out[1]).toMatchObject({ line: 3 });
    expect(out[2]).toMatchObject({ line: 4 });
    expect(out[2].error).toContain("safeToAsk");
    expect(out[3].riskLevel).toBe("high");
  });

  it("--jsonl streams large outputs in order through the writer, keeping line numbers", () => {
    const lines = Array.from({ length: 1_201 }, (_, i) =>
      i === 700 ? "{bad" : JSON.stringify({ ...strangulationCase, caseId: `c${i + 1}` }),
    );
    const chunks: string[] = [];
    const result = runAssessCommand(["--jsonl", "big.jsonl"], filesReader({ "big.jsonl": lines.join("\n") }), (c) =>
      chunks.push(c),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(chunks.length).toBeGreaterThan(1);
    const out = chunks
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(1_201);
    expect(out[700]).toMatchObject({ line: 701 });
    expect(out.map((o) => o.caseId ?? `line ${o.line}`).slice(698, 703)).toEqual([
      "c699",
      "c700",
      "line 701",
      "c702",
      "c703",
    ]);
  });

  it("--jsonl with every line valid exits 0", () => {
    const text = `${JSON.stringify(strangulationCase)}\n${JSON.stringify(strangulationCase)}\n`;
    const result = runAssessCommand(["--jsonl", "c.jsonl"], filesReader({ "c.jsonl": text }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
  });
});

// Issue 15: the updated "Validation" and "Policy file" sections of case-format.md.
describe("assess command: the updated validation contract", () => {
  const run = (files: Record<string, string | Uint8Array>, ...argv: string[]) =>
    runAssessCommand(argv.length ? argv : ["case.json"], filesReader(files));
  const refusedCase = (content: string | Uint8Array) => {
    const result = run({ "case.json": content });
    expect(result.exitCode, result.stdout).toBe(2);
    expect(result.stdout).toBe("");
    return result.stderr;
  };
  const jsonlOut = (stdout: string) =>
    stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  const UTF8_BOM = "\uFEFF";

  it("refuses assessedAt with hour 24 (Date.parse would roll it into the next day)", () => {
    const stderr = refusedCase(JSON.stringify({ ...strangulationCase, assessedAt: "2024-03-10T24:00:00Z" }));
    expect(stderr).toContain("assessedAt");
    expect(stderr).toContain("00–23");
  });

  it("refuses a date outside the years 1900–2999, at every date field, instead of a reviewBy of NaN", () => {
    const stderr = refusedCase(
      JSON.stringify({
        ...strangulationCase,
        assessedAt: "0999-06-01T12:00:00Z",
        previousAssessments: [{ date: "1899-12-31", riskLevel: "medium" }],
        context: { protectiveOrders: [{ type: "dvpo", expires: "3000-01-01" }] },
      }),
    );
    expect(stderr).not.toContain("NaN");
    for (const path of ["assessedAt", "previousAssessments[0].date", "context.protectiveOrders[0].expires"])
      expect(stderr).toContain(`${path}:`);
    expect(stderr).toContain("1900–2999");
  });

  it("checks assessedAt's London date, and accepts the first and last days of the range", () => {
    expect(refusedCase(JSON.stringify({ ...strangulationCase, assessedAt: "2999-12-31T23:30:00-05:00" }))).toContain(
      "assessedAt",
    );
    for (const assessedAt of ["1900-01-01T12:00:00Z", "2999-12-31T12:00:00Z"]) {
      const result = run({ "case.json": JSON.stringify({ ...strangulationCase, assessedAt }) });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).reviewBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("reports an unknown field under assessor as an unknown field at its own path, not 'assessor is required'", () => {
    const stderr = refusedCase(JSON.stringify({ ...strangulationCase, assessor: { role: "police", badge: "123" } }));
    expect(stderr).toContain("assessor.badge: unknown field");
    expect(stderr).not.toContain("required");
  });

  it("refuses a key repeated in one object, naming its path, at any depth", () => {
    const text = `{"schemaVersion":1,"assessedAt":"2024-03-10T21:00:00Z","assessor":{"role":"police"},
      "questionSet":"dash-ric-24","safeToAsk":"yes",
      "answers":{"dash.strangulation":"yes","dash.strangulation":"no"},
      "context":{"children":[{"relationshipToPerpetrator":"child"},{"age":3,"age":4,"relationshipToPerpetrator":"child"}]}}`;
    const stderr = refusedCase(text);
    expect(stderr).toContain("answers.dash.strangulation:");
    expect(stderr).toContain("context.children[1].age:");
    expect(stderr).toMatch(/more than once/);
  });

  it("refuses invalid UTF-8, saying where, instead of reading it as U+FFFD", () => {
    const good = Buffer.from(JSON.stringify({ ...strangulationCase, caseId: "Zoë" }));
    const at = good.indexOf(0xc3); // "ë" is C3 AB; C3 followed by a quote is invalid
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xc3]), good.subarray(at + 2)]);
    const stderr = refusedCase(bad);
    expect(stderr).toContain("not valid UTF-8");
    expect(stderr).toContain(`at byte ${at + 1} (line 1)`);
    expect(run({ "case.json": good }).exitCode).toBe(0);
  });

  it("ignores a leading byte-order mark in a case file, a policy file and at the start of a --jsonl file alike", () => {
    const caseText = `${UTF8_BOM}${JSON.stringify(strangulationCase)}`;
    const policyText = `${UTF8_BOM}${JSON.stringify({ name: "bom", version: 2 })}`;
    const single = run({ "case.json": caseText, "p.json": policyText }, "--policy", "p.json", "case.json");
    expect(single.exitCode, single.stderr).toBe(0);
    expect(JSON.parse(single.stdout).policy).toEqual({ name: "bom", version: 2 });
    const jsonl = run({ "c.jsonl": `${caseText}\n${JSON.stringify(strangulationCase)}\n` }, "--jsonl", "c.jsonl");
    expect(jsonl.exitCode, jsonl.stdout).toBe(0);
    expect(jsonlOut(jsonl.stdout)).toHaveLength(2);
  });

  it("--jsonl: a byte-order mark other than at the start of the file is an error on its line", () => {
    const line = JSON.stringify(strangulationCase);
    const result = run({ "c.jsonl": `${line}\n${UTF8_BOM}${line}\n` }, "--jsonl", "c.jsonl");
    expect(result.exitCode).toBe(1);
    expect(jsonlOut(result.stdout)[1]).toMatchObject({ line: 2 });
  });

  it("--jsonl: repeated keys and invalid UTF-8 are errors on their own lines; the run goes on", () => {
    const line = JSON.stringify(strangulationCase);
    const repeated = line.replace('"safeToAsk":"yes"', '"safeToAsk":"yes","safeToAsk":"no"');
    const bytes = Buffer.concat([
      Buffer.from(`${line}\n${repeated}\n`),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`${line}\r\n`),
    ]);
    const result = run({ "c.jsonl": bytes }, "--jsonl", "c.jsonl");
    expect(result.exitCode).toBe(1);
    const out = jsonlOut(result.stdout);
    expect(out).toHaveLength(4);
    expect(out[0].riskLevel).toBe("high");
    expect(out[1]).toMatchObject({ line: 2 });
    expect(out[1].error).toContain("safeToAsk");
    expect(out[2]).toMatchObject({ line: 3 });
    expect(out[2].error).toContain("not valid UTF-8 at byte 2");
    expect(out[3].riskLevel).toBe("high");
  });

  it("refuses a policy with repeated keys or invalid UTF-8, before any case is read", () => {
    for (const policy of [
      '{"name":"x","version":1,"rules":{"hbv-threats":false,"hbv-threats":true}}',
      Buffer.from([...Buffer.from('{"name":"x'), 0xe2, 0x82, ...Buffer.from('","version":1}')]),
    ]) {
      const result = run({ "p.json": policy }, "--policy", "p.json", "unread.json");
      expect(result).toMatchObject({ exitCode: 2, stdout: "" });
      expect(result.stderr).toMatch(/rules\.hbv-threats|not valid UTF-8 at byte 11/);
      expect(result.stderr).not.toContain("unread.json");
    }
  });

  it("refuses a yes-count threshold above 24 (visible-high-risk could never fire); 24 is accepted", () => {
    for (const field of ["highRiskYesCount", "mediumRiskYesCount"]) {
      const policy = { name: "x", version: 1, highRiskYesCount: 25, mediumRiskYesCount: 25 };
      const result = run({ "p.json": JSON.stringify(policy) }, "--policy", "p.json", "case.json");
      expect(result).toMatchObject({ exitCode: 2, stdout: "" });
      expect(result.stderr).toContain(`${field}:`);
      expect(result.stderr).toContain("at most 24");
    }
    const ok = { name: "x", version: 1, highRiskYesCount: 24, mediumRiskYesCount: 24 };
    const result = run(
      { "p.json": JSON.stringify(ok), "case.json": JSON.stringify(strangulationCase) },
      "--policy",
      "p.json",
      "case.json",
    );
    expect(result.exitCode, result.stderr).toBe(0);
  });
});

describe("npm run assess (the installed launcher)", () => {
  const dir = mkdtempSync(join(tmpdir(), "assess-cli-"));
  const casePath = join(dir, "case.json");
  const text = JSON.stringify(strangulationCase);
  writeFileSync(casePath, text);

  it("runs from the project root, exits 0 and leaves the input file untouched", () => {
    const before = statSync(casePath).mtimeMs;
    const run = spawnSync("npm", ["run", "--silent", "assess", "--", casePath], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).escalations[0].rule).toBe("strangulation");
    expect(readFileSync(casePath, "utf8")).toBe(text);
    expect(statSync(casePath).mtimeMs).toBe(before);
  });

  it("exits 2 with nothing on stdout for an invalid case", () => {
    const badPath = join(dir, "bad.json");
    writeFileSync(badPath, JSON.stringify({ ...strangulationCase, questionSet: "dash-99" }));
    const run = spawnSync("npm", ["run", "--silent", "assess", "--", badPath], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("questionSet");
  });
});
