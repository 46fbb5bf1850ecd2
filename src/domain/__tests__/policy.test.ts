// @vitest-environment node
import { describe, it, expect } from "vitest";
import {
  DEFAULT_POLICY,
  isRuleEnabled,
  LOCKED_RULES,
  MAX_YES_COUNT_THRESHOLD,
  OPTIONAL_RULES,
  policyFileSchema,
  policyFromFile,
} from "../policy";
import { issuesFromZod } from "../validation-issues";

function refusal(input: unknown): { path: string; message: string }[] {
  const result = policyFileSchema.safeParse(input);
  if (result.success) throw new Error("expected the policy to be refused, but it was accepted");
  return issuesFromZod(result.error);
}

const base = { name: "area-x", version: 2 };

describe("the shipped default policy", () => {
  it("has the documented thresholds and every optional rule on", () => {
    expect(DEFAULT_POLICY).toMatchObject({
      name: "default",
      version: 1,
      highRiskYesCount: 14,
      mediumRiskYesCount: 10,
      potentialEscalationCallouts: 3,
      repeatMaracMonths: 12,
      s42ConcernsCount: 3,
      s42ConcernsMonths: 6,
      reviewDays: 28,
      carryForwardMonths: 12,
    });
    for (const rule of OPTIONAL_RULES) expect(DEFAULT_POLICY.rules[rule], rule).toBe(true);
  });
});

describe("policy files", () => {
  it("need a name and a version; fields left out take the shipped default", () => {
    const policy = policyFromFile(policyFileSchema.parse({ ...base, highRiskYesCount: 12 }));
    expect(policy).toMatchObject({
      name: "area-x",
      version: 2,
      highRiskYesCount: 12,
      mediumRiskYesCount: 10,
      reviewDays: 28,
    });
  });

  it("refuse a file without a name or version", () => {
    expect(refusal({ version: 1 }).map((i) => i.path)).toContain("name");
    expect(refusal({ name: "x" }).map((i) => i.path)).toContain("version");
  });

  it.each(LOCKED_RULES)("refuse switching off the locked rule %s, naming it", (rule) => {
    const issues = refusal({ ...base, rules: { [rule]: false } });
    expect(issues.map((i) => i.path)).toContain(`rules.${rule}`);
    expect(issues.map((i) => i.message).join(" ")).toContain(rule);
  });

  it.each(LOCKED_RULES)("accept restating the locked rule %s as true", (rule) => {
    expect(policyFileSchema.safeParse({ ...base, rules: { [rule]: true } }).success).toBe(true);
  });

  it.each(OPTIONAL_RULES)("may switch off the optional rule %s", (rule) => {
    const policy = policyFromFile(policyFileSchema.parse({ ...base, rules: { [rule]: false } }));
    expect(isRuleEnabled(policy, rule)).toBe(false);
    for (const other of OPTIONAL_RULES.filter((r) => r !== rule)) expect(isRuleEnabled(policy, other)).toBe(true);
  });

  it("locked rules are always enabled", () => {
    for (const rule of LOCKED_RULES) expect(isRuleEnabled(DEFAULT_POLICY, rule)).toBe(true);
  });

  it("refuse unknown settings and unknown rule names", () => {
    expect(refusal({ ...base, highRiskCount: 12 }).map((i) => i.path)).toContain("highRiskCount");
    expect(refusal({ ...base, rules: { "stalking-only": true } }).map((i) => i.path)).toContain("rules.stalking-only");
  });

  it.each([
    "highRiskYesCount",
    "mediumRiskYesCount",
    "potentialEscalationCallouts",
    "repeatMaracMonths",
    "s42ConcernsCount",
    "s42ConcernsMonths",
    "reviewDays",
    "carryForwardMonths",
  ])("refuse %s below 1", (field) => {
    expect(refusal({ ...base, [field]: 0 }).map((i) => i.path)).toContain(field);
  });

  it("refuse a medium threshold above the high one", () => {
    expect(refusal({ ...base, highRiskYesCount: 8, mediumRiskYesCount: 9 }).map((i) => i.path)).toContain(
      "mediumRiskYesCount",
    );
    expect(refusal({ ...base, mediumRiskYesCount: 15 }).map((i) => i.path)).toContain("mediumRiskYesCount");
  });

  it("refuse a yes-count threshold above 24, the smallest question set's scored questions", () => {
    expect(MAX_YES_COUNT_THRESHOLD).toBe(24);
    expect(refusal({ ...base, highRiskYesCount: 25 }).map((i) => i.path)).toEqual(["highRiskYesCount"]);
    expect(refusal({ ...base, highRiskYesCount: 27, mediumRiskYesCount: 25 }).map((i) => i.path)).toEqual([
      "highRiskYesCount",
      "mediumRiskYesCount",
    ]);
    expect(policyFileSchema.safeParse({ ...base, highRiskYesCount: 24, mediumRiskYesCount: 24 }).success).toBe(true);
  });

  it("report an unknown setting or rule name as unknown, at its own path", () => {
    const issues = refusal({ ...base, colour: "red", rules: { "made-up": true } });
    expect(issues).toHaveLength(2);
    expect(issues).toContainEqual({ path: "colour", message: "unknown policy setting" });
    expect(issues).toContainEqual({ path: "rules.made-up", message: "unknown rule name" });
  });

  it("accept a medium threshold equal to the high one", () => {
    expect(policyFileSchema.safeParse({ ...base, highRiskYesCount: 9, mediumRiskYesCount: 9 }).success).toBe(true);
  });
});
