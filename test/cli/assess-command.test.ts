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

function filesReader(files: Record<string, string>) {
  return (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error("ENOENT: no such file");
    return text;
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
      if (path === "p.json") return JSON.stringify({ name: "x", version: 1, rules: { "threats-to-kill": false } });
      casesRead++;
      return JSON.stringify(strangulationCase);
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
