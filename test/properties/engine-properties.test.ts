// @vitest-environment node
// Properties that must hold for every case, checked over generated cases: the ways a level can
// never go down. Each property names the review failure it guards against.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCase } from "../../scripts/generate-cases.mjs";
import { riskRank, type RiskLevel } from "../../src/domain/answers";
import { assessCase } from "../../src/domain/assess";
import { validateCaseFile, type CaseFile } from "../../src/domain/case-file";
import { answerValueOf } from "../../src/domain/case-facts";

const RUNS = 400;

function valid(input: unknown): CaseFile {
  const result = validateCaseFile(input);
  if (!result.ok) throw new Error(`generator produced an invalid case: ${JSON.stringify(result.issues)}`);
  return result.caseFile;
}

function withAnswer(caseFile: CaseFile, id: string, answer: "yes" | "no" | "not-known"): CaseFile {
  const entry = caseFile.answers[id];
  const next = typeof entry === "object" ? { ...entry, answer } : answer;
  return valid({ ...caseFile, answers: { ...caseFile.answers, [id]: next } });
}

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const rank = (level: RiskLevel) => riskRank(level);

describe("engine properties over generated cases", () => {
  it("the generator only makes valid cases", () => {
    fc.assert(
      fc.property(seed, (s) => validateCaseFile(generateCase(s)).ok),
      { numRuns: RUNS },
    );
  });

  it("changing a no to yes never lowers the level (more risk factors can only mean more risk)", () => {
    fc.assert(
      fc.property(seed, fc.nat(), (s, pickIndex) => {
        const base = valid(generateCase(s));
        const noIds = Object.keys(base.answers).filter((id) => answerValueOf(base.answers[id]) === "no");
        fc.pre(noIds.length > 0);
        const id = noIds[pickIndex % noIds.length]!;
        const before = assessCase(base).riskLevel;
        const after = assessCase(withAnswer(base, id, "yes")).riskLevel;
        expect(rank(after), `${id}: ${before} → ${after}`).toBeGreaterThanOrEqual(rank(before));
      }),
      { numRuns: RUNS },
    );
  });

  it("a professional judgement never lowers the level", () => {
    fc.assert(
      fc.property(seed, fc.constantFrom<RiskLevel>("standard", "medium", "high"), (s, level) => {
        const base = valid(generateCase(s));
        const { professionalJudgement: _omit, ...withoutJudgement } = base;
        const without = assessCase(valid(withoutJudgement)).riskLevel;
        const withJudgement = assessCase(
          valid({ ...withoutJudgement, professionalJudgement: { level, rationale: "view" } }),
        ).riskLevel;
        expect(rank(withJudgement)).toBeGreaterThanOrEqual(rank(without));
      }),
      { numRuns: RUNS },
    );
  });

  it("setting victimRetracted never lowers the level (retraction is not safety)", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const base = valid(generateCase(s));
        const notRetracted = valid({ ...base, context: { ...base.context, victimRetracted: false } });
        const retracted = valid({ ...base, context: { ...base.context, victimRetracted: true } });
        expect(rank(assessCase(retracted).riskLevel)).toBeGreaterThanOrEqual(rank(assessCase(notRetracted).riskLevel));
      }),
      { numRuns: RUNS },
    );
  });

  it("changing a not-known to yes never lowers the level while the outcome stays provisional", () => {
    fc.assert(
      fc.property(seed, fc.nat(), (s, pickIndex) => {
        const base = valid(generateCase(s));
        const unknownIds = Object.keys(base.answers).filter((id) => answerValueOf(base.answers[id]) === "not-known");
        fc.pre(unknownIds.length > 0);
        const id = unknownIds[pickIndex % unknownIds.length]!;
        const before = assessCase(base);
        const after = assessCase(withAnswer(base, id, "yes"));
        fc.pre(after.provisional);
        expect(rank(after.riskLevel), `${id}: ${before.riskLevel} → ${after.riskLevel}`).toBeGreaterThanOrEqual(
          rank(before.riskLevel),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("the same case and policy always give the same outcome", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const input = generateCase(s);
        expect(assessCase(valid(structuredClone(input)))).toEqual(assessCase(valid(structuredClone(input))));
      }),
      { numRuns: RUNS },
    );
  });

  it("the level is never below the rule floor, and every escalation carries a reason and evidence", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const outcome = assessCase(valid(generateCase(s)));
        expect(rank(outcome.riskLevel)).toBeGreaterThanOrEqual(rank(outcome.ruleFloor));
        for (const e of outcome.escalations) {
          expect(e.reason.trim()).not.toBe("");
          expect(e.evidence.length).toBeGreaterThan(0);
        }
        for (const p of outcome.pathways) if (p.decision !== "not-met") expect(p.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
