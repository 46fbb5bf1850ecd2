// @vitest-environment node
// Every acceptance scenario in ../shared/scenarios, asserted against the engine directly (the
// command line is covered by check.mjs). A missing ../shared fails the suite: it never skips.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assessCase } from "../../src/domain/assess";
import { validateCaseFile } from "../../src/domain/case-file";
import { DEFAULT_POLICY, policyFileSchema, policyFromFile } from "../../src/domain/policy";
import { describeIssues, issuesFromZod } from "../../src/domain/validation-issues";

const scenarioDir = fileURLToPath(new URL("../../../shared/scenarios/", import.meta.url));

interface Expect {
  error?: boolean;
  errorMentions?: string[];
  riskLevel?: string;
  provisional?: boolean;
  brag?: string;
  score?: Record<string, number>;
  paths?: Record<string, unknown>;
  escalations?: string[];
  noEscalations?: string[];
  marac?: { refer?: boolean; repeat?: boolean; criteria?: string[]; notCriteria?: string[] };
  s42?: { decision?: string; tests?: Record<string, string> };
  pathways?: Record<string, string>;
  timelineStages?: number[];
  notTimelineStages?: number[];
  warnings?: string[];
  noWarnings?: string[];
  missingInformation?: string[];
}

interface Scenario {
  name?: string;
  case: unknown;
  policy?: unknown;
  expect: Expect;
}

function run(
  scenario: Scenario,
): { ok: true; outcome: ReturnType<typeof assessCase> } | { ok: false; message: string } {
  let policy = DEFAULT_POLICY;
  if (scenario.policy !== undefined) {
    const parsed = policyFileSchema.safeParse(scenario.policy);
    if (!parsed.success) return { ok: false, message: describeIssues(issuesFromZod(parsed.error)) };
    policy = policyFromFile(parsed.data);
  }
  const input = typeof scenario.case === "string" ? (JSON.parse(scenario.case) as unknown) : scenario.case;
  const validation = validateCaseFile(input);
  if (!validation.ok) return { ok: false, message: describeIssues(validation.issues) };
  return { ok: true, outcome: assessCase(validation.caseFile, policy) };
}

describe("acceptance scenarios (../shared/scenarios)", () => {
  it("finds the shared scenarios folder", () => {
    expect(existsSync(scenarioDir), `missing ${scenarioDir}: the shared contract must sit beside the project`).toBe(
      true,
    );
  });

  const files = existsSync(scenarioDir)
    ? readdirSync(scenarioDir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];

  it("has scenarios to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(scenarioDir, file), "utf8")) as Scenario;
    const e = scenario.expect;
    it(`${file}: ${scenario.name ?? ""}`, () => {
      const result = run(scenario);
      if (e.error) {
        expect(result.ok, "an invalid case or policy must be refused").toBe(false);
        if (!result.ok) for (const word of e.errorMentions ?? []) expect(result.message).toContain(word);
        return;
      }
      if (!result.ok) throw new Error(`valid scenario refused:\n${result.message}`);
      const o = result.outcome;
      if (e.riskLevel !== undefined) expect(o.riskLevel).toBe(e.riskLevel);
      if (e.provisional !== undefined) expect(o.provisional).toBe(e.provisional);
      if (e.brag !== undefined) expect(o.brag).toBe(e.brag);
      for (const [key, value] of Object.entries(e.score ?? {}))
        expect(o.score[key as keyof typeof o.score], `score.${key}`).toBe(value);
      for (const [path, value] of Object.entries(e.paths ?? {})) {
        const got = path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);
        expect(got, path).toEqual(value);
      }
      const rules = o.escalations.map((x) => x.rule);
      for (const rule of e.escalations ?? []) expect(rules).toContain(rule);
      for (const rule of e.noEscalations ?? []) expect(rules).not.toContain(rule);
      for (const escalation of o.escalations) {
        expect(escalation.reason.length, `${escalation.rule} reason`).toBeGreaterThan(0);
        expect(escalation.evidence.length, `${escalation.rule} evidence`).toBeGreaterThan(0);
      }
      if (e.marac) {
        if (e.marac.refer !== undefined) expect(o.marac.refer).toBe(e.marac.refer);
        if (e.marac.repeat !== undefined) expect(o.marac.repeat).toBe(e.marac.repeat);
        for (const c of e.marac.criteria ?? []) expect(o.marac.criteria).toContain(c);
        for (const c of e.marac.notCriteria ?? []) expect(o.marac.criteria).not.toContain(c);
      }
      if (e.s42) {
        if (e.s42.decision !== undefined) expect(o.s42.decision).toBe(e.s42.decision);
        for (const [test, value] of Object.entries(e.s42.tests ?? {})) {
          expect(o.s42.tests[test as keyof typeof o.s42.tests], `s42.tests.${test}`).toBe(value);
        }
      }
      const decisions = Object.fromEntries(o.pathways.map((p) => [p.pathway, p.decision]));
      for (const [pathway, decision] of Object.entries(e.pathways ?? {}))
        expect(decisions[pathway] ?? "absent", pathway).toBe(decision);
      for (const p of o.pathways)
        if (p.decision !== "not-met") expect(p.reasons.length, `${p.pathway} reasons`).toBeGreaterThan(0);
      const stages = o.timeline.stages.map((s) => s.stage);
      for (const s of e.timelineStages ?? []) expect(stages).toContain(s);
      for (const s of e.notTimelineStages ?? []) expect(stages).not.toContain(s);
      const codes = o.warnings.map((w) => w.code);
      for (const code of e.warnings ?? []) expect(codes).toContain(code);
      for (const code of e.noWarnings ?? []) expect(codes).not.toContain(code);
      const fields = o.missingInformation.map((m) => m.field);
      for (const field of e.missingInformation ?? []) {
        expect(
          fields.some((g) => g === field || g.startsWith(`${field}.`)),
          `missingInformation ${field} in ${JSON.stringify(fields)}`,
        ).toBe(true);
      }
    });
  }
});
