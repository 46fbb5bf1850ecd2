// @vitest-environment node
import { describe, it, expect } from "vitest";
import { applyBragJudgement, applyProfessionalJudgement } from "../judgement";
import { assessBuilt, warningCodes, withYes, yesCount } from "../../__tests__/case-builder";

const because = "victim disclosed escalating threats after the call";

describe("professional judgement (direct)", () => {
  it("none given: not applied, the computed level stands", () => {
    expect(applyProfessionalJudgement(undefined, "medium")).toEqual({
      outcome: { applied: false },
      warning: null,
      level: "medium",
    });
  });

  it("a higher judgement is applied", () => {
    const result = applyProfessionalJudgement({ level: "high", rationale: because }, "standard");
    expect(result.level).toBe("high");
    expect(result.outcome).toEqual({ applied: true, level: "high", rationale: because });
    expect(result.warning).toBeNull();
  });

  it("an equal judgement is applied", () => {
    const result = applyProfessionalJudgement({ level: "medium", rationale: because }, "medium");
    expect(result.outcome.applied).toBe(true);
    expect(result.level).toBe("medium");
  });

  it("a lower judgement is refused with judgement-cannot-lower and a refusedBecause", () => {
    const result = applyProfessionalJudgement({ level: "standard", rationale: "she says it was a one-off" }, "high");
    expect(result.level).toBe("high");
    expect(result.outcome.applied).toBe(false);
    expect(result.outcome.level).toBe("standard");
    expect(result.outcome.refusedBecause?.trim()).toBeTruthy();
    expect(result.warning?.code).toBe("judgement-cannot-lower");
  });
});

describe("professional judgement through assessCase", () => {
  it("raising to high is applied and gives the MARAC criterion professional-judgement", () => {
    const outcome = assessBuilt({ professionalJudgement: { level: "high", rationale: because } });
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.professionalJudgement).toMatchObject({ applied: true, level: "high" });
    expect(outcome.marac.criteria).toEqual(["professional-judgement"]);
    expect(outcome.marac.refer).toBe(true);
  });

  it("an applied high judgement equal to the computed level still gives the criterion", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.strangulation"),
      professionalJudgement: { level: "high", rationale: because },
    });
    expect(outcome.professionalJudgement.applied).toBe(true);
    expect(outcome.marac.criteria).toEqual(expect.arrayContaining(["escalation-rule", "professional-judgement"]));
  });

  it("raising to medium is applied but gives no MARAC criterion", () => {
    const outcome = assessBuilt({ professionalJudgement: { level: "medium", rationale: because } });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.professionalJudgement.applied).toBe(true);
    expect(outcome.marac.criteria).not.toContain("professional-judgement");
  });

  it("lowering is refused: the level stays, warning judgement-cannot-lower, no criterion", () => {
    const outcome = assessBuilt({
      answers: yesCount(10),
      professionalJudgement: { level: "standard", rationale: "seems fine" },
    });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.professionalJudgement.applied).toBe(false);
    expect(outcome.professionalJudgement.refusedBecause).toBeTruthy();
    expect(warningCodes(outcome)).toContain("judgement-cannot-lower");
    expect(outcome.marac.criteria).not.toContain("professional-judgement");
  });

  it("a refused high-risk floor cannot be argued down to medium", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.strangulation"),
      professionalJudgement: { level: "medium", rationale: "one-off" },
    });
    expect(outcome.riskLevel).toBe("high");
    expect(warningCodes(outcome)).toContain("judgement-cannot-lower");
  });

  it("no judgement given is reported as { applied: false }", () => {
    expect(assessBuilt().professionalJudgement).toEqual({ applied: false });
  });
});

describe("BRAG judgement (direct)", () => {
  it("none given: the computed colour stands", () => {
    expect(applyBragJudgement(undefined, "amber")).toEqual({
      outcome: { applied: false },
      warning: null,
      colour: "amber",
    });
  });

  it("green above a computed blue is applied (green is only ever the assessor's call)", () => {
    const result = applyBragJudgement({ colour: "green", rationale: "advice only" }, "blue");
    expect(result.colour).toBe("green");
    expect(result.outcome).toEqual({ applied: true, colour: "green", rationale: "advice only" });
  });

  it("a raise is applied", () => {
    expect(applyBragJudgement({ colour: "red", rationale: because }, "amber").colour).toBe("red");
  });

  it("an equal colour is applied", () => {
    expect(applyBragJudgement({ colour: "amber", rationale: because }, "amber").outcome.applied).toBe(true);
  });

  it("a lower colour is refused with brag-judgement-cannot-lower", () => {
    const result = applyBragJudgement({ colour: "green", rationale: "coping" }, "amber");
    expect(result.colour).toBe("amber");
    expect(result.outcome.applied).toBe(false);
    expect(result.outcome.refusedBecause).toBeTruthy();
    expect(result.warning?.code).toBe("brag-judgement-cannot-lower");
  });
});
