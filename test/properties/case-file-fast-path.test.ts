// @vitest-environment node
// The case file's fast recogniser (isPlainlyValidCaseFile) may only ever be more cautious than the
// schema, never more lenient: whatever it accepts, caseFileSchema must accept unchanged. Checked by
// mutating every field of generated, scenario and hand-made rich cases in every way a file can be
// wrong, and asserting the implication on each variant.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateCase } from "../../scripts/generate-cases.mjs";
import { caseFileSchema, isPlainlyValidCaseFile, validateCaseFile } from "../../src/domain/case-file";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const scenarioDir = fileURLToPath(new URL("../../../shared/scenarios/", import.meta.url));
const scenarioCases = readdirSync(scenarioDir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => (JSON.parse(readFileSync(scenarioDir + name, "utf8")) as { case: Json }).case);

// Every optional field of the contract present at once, so each has a value to mutate.
const richCase: Json = {
  schemaVersion: 1,
  caseId: "rich-1",
  assessedAt: "2024-03-10T21:00:00+01:00",
  assessor: { role: "idva", agency: "Refuge outreach" },
  questionSet: "dash-ric-24",
  safeToAsk: "yes",
  answers: {
    "dash.strangulation": { answer: "yes", detail: "held by the neck", source: "victim" },
    "dash.stalking": "not-known",
    "dash.injury": { answer: "no" },
  },
  context: {
    policeCallouts12m: 3,
    previousMaracDates: ["2023-05-01"],
    safeguardingConcerns: [{ date: "2023-06-01", agency: "GP" }],
    newIncident: true,
    children: [{ age: 4, relationshipToPerpetrator: "child" }],
    pregnant: "no",
    separation: { date: "2024-02-01", status: "recent" },
    victimRetracted: false,
    perpetratorChecks: "done",
    perpetratorHistory: ["previous-da"],
    careAndSupport: {
      needs: "yes",
      needsKinds: ["mental-ill-health"],
      abuseOrNeglect: "yes",
      unableToProtectSelf: "not-known",
      capacity: "has-capacity",
      rationale: "depends on others for care",
    },
    exploitation: ["financial"],
    housing: "temporary",
    substanceUse: ["alcohol"],
    movedArea: false,
    protectiveOrders: [{ type: "non-molestation", granted: "2024-01-01", expires: "2025-01-01" }],
    nonDisclosure: ["context.separation"],
  },
  professionalJudgement: { level: "high", rationale: "escalating" },
  bragJudgement: { colour: "red", rationale: "cannot keep herself safe" },
  previousAssessments: [{ date: "2023-01-01", riskLevel: "medium", agency: "Police" }],
};

// Values a field can wrongly (or rightly) hold: wrong types, blank and padded text, out-of-range
// numbers, impossible and out-of-range dates, words from other fields' vocabularies.
const REPLACEMENTS: (Json | undefined)[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  17,
  18,
  1e21,
  "",
  "   ",
  "yes",
  "maybe",
  "2024-02-30",
  "1899-12-31",
  "3000-01-01",
  "2024-01-01",
  "2024-03-10T24:00:00Z",
  "0999-03-10T12:00:00Z",
  "dash-2009-police",
  "previous-da",
  [],
  ["yes"],
  [null],
  {},
  { answer: "maybe" },
  { answer: "yes", extra: 1 },
];

function* variants(value: Json): Generator<Json> {
  yield value;
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const inner of variants(value[i]!)) if (inner !== value[i]) yield value.map((v, j) => (j === i ? inner : v));
    }
    return;
  }
  yield { ...value, unexpected: "x" };
  for (const key of Object.keys(value)) {
    for (const replacement of REPLACEMENTS) {
      const copy: { [key: string]: Json } = { ...value };
      if (replacement === undefined) delete copy[key];
      else copy[key] = replacement;
      yield copy;
    }
    for (const inner of variants(value[key]!)) if (inner !== value[key]) yield { ...value, [key]: inner };
  }
}

function checkEveryVariant(base: Json): { accepted: number; total: number } {
  let accepted = 0;
  let total = 0;
  for (const variant of variants(base)) {
    total++;
    if (!isPlainlyValidCaseFile(variant)) continue;
    accepted++;
    const parsed = caseFileSchema.safeParse(variant);
    if (!parsed.success) {
      throw new Error(`the fast path accepted what the schema refuses:\n${JSON.stringify(variant)}`);
    }
    expect(parsed.data).toEqual(variant);
  }
  return { accepted, total };
}

describe("the case file's fast recogniser is never more lenient than the schema", () => {
  it("accepts the rich case, every scenario's case and generated cases, as the schema does", () => {
    // Some scenarios are invalid on purpose (they expect a refusal); the rest must take the fast path.
    const validScenarios = scenarioCases.filter((c) => caseFileSchema.safeParse(c).success);
    expect(validScenarios.length).toBeGreaterThan(scenarioCases.length / 2);
    const bases = [
      richCase,
      ...validScenarios,
      ...Array.from({ length: 50 }, (_, i) => generateCase(7_000 + i) as Json),
    ];
    for (const base of bases) {
      expect(caseFileSchema.safeParse(base).success).toBe(true);
      // If this fails the fast path has fallen behind the schema: `assess --jsonl` is slow again.
      expect(isPlainlyValidCaseFile(base)).toBe(true);
    }
  });

  it("whatever it accepts among thousands of mutated cases, the schema accepts unchanged", () => {
    const rich = checkEveryVariant(richCase);
    expect(rich.total).toBeGreaterThan(1_000);
    // Some mutations are still valid (e.g. dropping an optional field): those take the fast path.
    expect(rich.accepted).toBeGreaterThan(10);
    expect(rich.accepted).toBeLessThan(rich.total / 4);
    for (const base of scenarioCases) checkEveryVariant(base);
    for (let i = 0; i < 10; i++) checkEveryVariant(generateCase(9_000 + i) as Json);
  });

  it("refuses what it does not know, leaving the schema to explain", () => {
    const withUndefined = { ...(richCase as object), caseId: undefined };
    expect(isPlainlyValidCaseFile(withUndefined)).toBe(false);
    expect(isPlainlyValidCaseFile(Object.assign(Object.create({ inherited: 1 }), richCase))).toBe(false);
    const refused = validateCaseFile({ ...(richCase as object), assessor: { role: "idva", agencyy: "x" } });
    expect(refused.ok).toBe(false);
  });

  it("the cross-field checks still run on the fast path", () => {
    const later = structuredClone(richCase) as { previousAssessments: { date: string }[] };
    later.previousAssessments[0]!.date = "2024-12-01";
    expect(isPlainlyValidCaseFile(later)).toBe(true);
    const result = validateCaseFile(later);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain("previousAssessments[0].date");
    const unknownId = structuredClone(richCase) as { answers: Record<string, string> };
    unknownId.answers["dash.strangulatoin"] = "yes";
    expect(isPlainlyValidCaseFile(unknownId)).toBe(true);
    expect(validateCaseFile(unknownId).ok).toBe(false);
  });
});
