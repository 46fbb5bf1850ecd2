// @vitest-environment node
import { describe, it, expect } from "vitest";
import {
  BRAG_FACTORS,
  computeBragColour,
  presentVulnerabilityFactors,
  type BragFactor,
  type PresentFactor,
} from "../brag";
import {
  assessBuilt,
  buildCase,
  warningCodes,
  withNotKnown,
  withYes,
  type CaseOptions,
} from "../../__tests__/case-builder";

const factorsOf = (options: CaseOptions) => presentVulnerabilityFactors(buildCase(options));
const namesOf = (options: CaseOptions) => factorsOf(options).map((f) => f.factor);
const present = (...factors: BragFactor[]): PresentFactor[] =>
  factors.map((factor) => ({ factor, evidence: [factor] }));

describe("vulnerability factors from answers", () => {
  it("none on a plain case", () => {
    expect(namesOf({})).toEqual([]);
  });

  it.each(BRAG_FACTORS)("%s yes makes that factor present, with its answer as evidence", (id) => {
    expect(factorsOf({ answers: withYes(id) })).toEqual([{ factor: id, evidence: [id] }]);
  });

  it("a not-known BRAG answer is not a present factor", () => {
    expect(namesOf({ answers: withNotKnown("brag.violence") })).toEqual([]);
  });
});

describe("vulnerability factors implied by context facts", () => {
  it.each(["rough-sleeping", "sofa-surfing", "temporary"] as const)("housing %s → brag.no-safe-home", (housing) => {
    expect(factorsOf({ context: { housing } })).toEqual([
      { factor: "brag.no-safe-home", evidence: ["context.housing"] },
    ]);
  });

  it.each(["settled", "refuge", "high-rise"] as const)("housing %s implies no factor", (housing) => {
    expect(namesOf({ context: { housing } })).toEqual([]);
  });

  it("any substanceUse → brag.substance-use, naming each substance", () => {
    expect(factorsOf({ context: { substanceUse: ["alcohol", "crack"] } })).toEqual([
      { factor: "brag.substance-use", evidence: ["context.substanceUse.alcohol", "context.substanceUse.crack"] },
    ]);
  });

  it.each([
    "sexual-exploitation",
    "sex-for-accommodation",
    "cuckooing",
    "financial",
    "benefits-control",
    "forced-criminality",
    "trafficking",
  ] as const)("exploitation tag %s → brag.exploitation", (tag) => {
    expect(factorsOf({ context: { exploitation: [tag] } })).toEqual([
      { factor: "brag.exploitation", evidence: [`context.exploitation.${tag}`] },
    ]);
  });

  it.each([
    ["mental-ill-health", "brag.mental-health"],
    ["substance-dependence", "brag.substance-use"],
    ["physical-disability", "brag.disability"],
    ["learning-disability", "brag.disability"],
    ["neurodivergence", "brag.disability"],
    ["brain-injury", "brag.disability"],
    ["sensory", "brag.disability"],
  ] as const)("careAndSupport.needsKinds %s → %s", (kind, factor) => {
    expect(factorsOf({ context: { careAndSupport: { needsKinds: [kind] } } })).toEqual([
      { factor, evidence: [`context.careAndSupport.needsKinds.${kind}`] },
    ]);
  });

  it.each(["frailty", "other"] as const)("careAndSupport.needsKinds %s implies no BRAG factor", (kind) => {
    expect(namesOf({ context: { careAndSupport: { needsKinds: [kind] } } })).toEqual([]);
  });

  it("an answer and a context fact for the same factor are merged into one factor with both as evidence", () => {
    expect(factorsOf({ answers: withYes("brag.substance-use"), context: { substanceUse: ["opiates"] } })).toEqual([
      { factor: "brag.substance-use", evidence: ["brag.substance-use", "context.substanceUse.opiates"] },
    ]);
  });
});

describe("computeBragColour", () => {
  it("blue when no factor is present and the level is not high", () => {
    expect(computeBragColour([], "standard")).toBe("blue");
    expect(computeBragColour([], "medium")).toBe("blue");
  });

  it("red when the final level is high, even with no factor", () => {
    expect(computeBragColour([], "high")).toBe("red");
  });

  it("red when immediate risk is present", () => {
    expect(computeBragColour(present("brag.immediate-risk"), "standard")).toBe("red");
  });

  it("amber for any single factor", () => {
    expect(computeBragColour(present("brag.isolated"), "standard")).toBe("amber");
  });

  it("red for exploitation with two further factors", () => {
    expect(computeBragColour(present("brag.exploitation", "brag.no-safe-home", "brag.substance-use"), "standard")).toBe(
      "red",
    );
  });

  it("red for violence with two further factors", () => {
    expect(computeBragColour(present("brag.violence", "brag.mental-health", "brag.no-money"), "medium")).toBe("red");
  });

  it("red for exploitation and violence with one more (each counts as the other's further factor)", () => {
    expect(computeBragColour(present("brag.exploitation", "brag.violence", "brag.isolated"), "standard")).toBe("red");
  });

  it("not red for exploitation with only one further factor", () => {
    expect(computeBragColour(present("brag.exploitation", "brag.no-safe-home"), "standard")).toBe("amber");
  });

  it("immediate risk is not one of the further factors (it makes the colour red on its own anyway)", () => {
    // Red here comes from immediate risk itself; without it, exploitation + one factor stays amber.
    expect(computeBragColour(present("brag.exploitation", "brag.isolated"), "standard")).toBe("amber");
    expect(computeBragColour(present("brag.exploitation", "brag.isolated", "brag.immediate-risk"), "standard")).toBe(
      "red",
    );
  });

  it("not red for violence with only one further factor", () => {
    expect(computeBragColour(present("brag.violence", "brag.isolated"), "medium")).toBe("amber");
  });

  it("not red for three factors without exploitation or violence", () => {
    expect(computeBragColour(present("brag.no-safe-home", "brag.substance-use", "brag.mental-health"), "medium")).toBe(
      "amber",
    );
  });

  it("green is never computed", () => {
    const all = [[], ...BRAG_FACTORS.map((f) => present(f)), present("brag.exploitation", "brag.isolated")];
    for (const factors of all)
      for (const level of ["standard", "medium", "high"] as const) {
        expect(computeBragColour(factors, level)).not.toBe("green");
      }
  });
});

describe("BRAG through assessCase", () => {
  it("blue on a plain case", () => {
    const outcome = assessBuilt();
    expect(outcome.brag).toBe("blue");
    expect(outcome.vulnerability.present).toBe(false);
  });

  it("red for immediate risk at standard level", () => {
    const outcome = assessBuilt({ answers: withYes("brag.immediate-risk") });
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.brag).toBe("red");
  });

  it("red when the final level is high", () => {
    expect(assessBuilt({ answers: withYes("dash.strangulation") }).brag).toBe("red");
  });

  it("red for exploitation plus two more factors implied only by context", () => {
    const outcome = assessBuilt({
      context: { exploitation: ["cuckooing"], housing: "sofa-surfing", substanceUse: ["crack"] },
    });
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.brag).toBe("red");
  });

  it("amber for exploitation plus one more", () => {
    expect(assessBuilt({ context: { exploitation: ["cuckooing"], housing: "sofa-surfing" } }).brag).toBe("amber");
  });

  it("red for violence plus two more", () => {
    expect(assessBuilt({ answers: withYes("brag.violence", "brag.no-money", "brag.isolated") }).brag).toBe("red");
  });

  it("a raised bragJudgement is applied", () => {
    const outcome = assessBuilt({ bragJudgement: { colour: "green", rationale: "noted, advice only" } });
    expect(outcome.computedBrag).toBe("blue");
    expect(outcome.brag).toBe("green");
    expect(outcome.bragJudgement).toMatchObject({ applied: true, colour: "green" });
  });

  it("a lower bragJudgement is refused with brag-judgement-cannot-lower", () => {
    const outcome = assessBuilt({
      answers: withYes("brag.isolated"),
      bragJudgement: { colour: "green", rationale: "has friends really" },
    });
    expect(outcome.brag).toBe("amber");
    expect(outcome.bragJudgement.applied).toBe(false);
    expect(outcome.bragJudgement.refusedBecause).toBeTruthy();
    expect(warningCodes(outcome)).toContain("brag-judgement-cannot-lower");
  });

  it("no BRAG judgement given is reported as { applied: false }", () => {
    expect(assessBuilt().bragJudgement).toEqual({ applied: false });
  });
});
