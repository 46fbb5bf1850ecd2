// @vitest-environment node
import { describe, it, expect } from "vitest";
import { carryForwardRule, changeSinceLastAssessment, mostRecentPreviousAssessment } from "../previous-assessment";
import {
  ASSESSMENT_DATE,
  assessBuilt,
  buildCase,
  policyWith,
  warningCodes,
  withNotKnown,
  withYes,
  type CaseOptions,
} from "../../__tests__/case-builder";

const provisional: CaseOptions = { answers: withNotKnown("dash.breach") };

describe("mostRecentPreviousAssessment", () => {
  it("is null without previous assessments", () => {
    expect(mostRecentPreviousAssessment(buildCase())).toBeNull();
    expect(mostRecentPreviousAssessment(buildCase({ previousAssessments: [] }))).toBeNull();
  });

  it("is the most recent by date, whatever the input order, keeping the input index", () => {
    const a = { date: "2024-02-01", riskLevel: "medium" as const };
    const b = { date: "2023-12-01", riskLevel: "high" as const };
    expect(mostRecentPreviousAssessment(buildCase({ previousAssessments: [a, b] }))).toMatchObject({
      index: 0,
      date: "2024-02-01",
      riskLevel: "medium",
    });
    expect(mostRecentPreviousAssessment(buildCase({ previousAssessments: [b, a] }))).toMatchObject({
      index: 1,
      date: "2024-02-01",
      riskLevel: "medium",
    });
  });

  it("on a tie of dates takes the highest level among that date's, any agency", () => {
    const previousAssessments = [
      { date: "2024-01-05", riskLevel: "standard" as const, agency: "health" },
      { date: "2024-01-05", riskLevel: "high" as const, agency: "police" },
      { date: "2024-01-05", riskLevel: "medium" as const, agency: "idva" },
      { date: "2023-11-01", riskLevel: "high" as const },
    ];
    expect(mostRecentPreviousAssessment(buildCase({ previousAssessments }))).toMatchObject({
      index: 1,
      riskLevel: "high",
      agency: "police",
    });
  });
});

describe("carryForwardRule (direct)", () => {
  const previous = { index: 2, date: "2024-01-01", riskLevel: "high" as const };

  it("carries a higher previous level forward when provisional", () => {
    const e = carryForwardRule(previous, "standard", true, false, ASSESSMENT_DATE, 12);
    expect(e).toMatchObject({ rule: "carry-forward", to: "high", evidence: ["previousAssessments[2]"] });
    expect(e!.reason.trim()).not.toBe("");
  });

  it("carries a higher previous level forward when the victim retracted", () => {
    expect(carryForwardRule(previous, "medium", false, true, ASSESSMENT_DATE, 12)?.to).toBe("high");
  });

  it("does not apply when complete and not retracted", () => {
    expect(carryForwardRule(previous, "standard", false, false, ASSESSMENT_DATE, 12)).toBeNull();
  });

  it("does not apply when the previous level is not higher", () => {
    expect(carryForwardRule(previous, "high", true, true, ASSESSMENT_DATE, 12)).toBeNull();
    expect(
      carryForwardRule({ ...previous, riskLevel: "medium" }, "medium", true, false, ASSESSMENT_DATE, 12),
    ).toBeNull();
  });

  it("does not apply without a previous assessment", () => {
    expect(carryForwardRule(null, "standard", true, true, ASSESSMENT_DATE, 12)).toBeNull();
  });

  it("a previous assessment exactly 12 months before (2023-03-10 for 2024-03-10) is inside the window", () => {
    expect(
      carryForwardRule({ ...previous, date: "2023-03-10" }, "standard", true, false, ASSESSMENT_DATE, 12),
    ).not.toBeNull();
  });

  it("one day more than 12 months before (2023-03-09) is outside the window", () => {
    expect(
      carryForwardRule({ ...previous, date: "2023-03-09" }, "standard", true, false, ASSESSMENT_DATE, 12),
    ).toBeNull();
  });
});

describe("carry-forward through assessCase", () => {
  it("a provisional case takes the previous high level, with warning and evidence", () => {
    const outcome = assessBuilt({
      ...provisional,
      previousAssessments: [{ date: "2024-01-10", riskLevel: "high", agency: "police" }],
    });
    expect(outcome.provisional).toBe(true);
    expect(outcome.scoreBand).toBe("standard");
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.ruleFloor).toBe("high");
    const carried = outcome.escalations.find((e) => e.rule === "carry-forward");
    expect(carried).toMatchObject({ to: "high", evidence: ["previousAssessments[0]"] });
    expect(warningCodes(outcome)).toContain("previous-level-carried-forward");
    expect(outcome.warnings.find((w) => w.code === "previous-level-carried-forward")?.evidence).toEqual([
      "previousAssessments[0]",
    ]);
  });

  it("a retracted, complete case takes the previous level", () => {
    const outcome = assessBuilt({
      context: { victimRetracted: true, perpetratorChecks: "done" },
      previousAssessments: [{ date: "2023-12-01", riskLevel: "medium" }],
    });
    expect(outcome.provisional).toBe(false);
    expect(outcome.riskLevel).toBe("medium");
    expect(warningCodes(outcome)).toEqual(
      expect.arrayContaining(["previous-level-carried-forward", "retraction-does-not-lower-risk"]),
    );
  });

  it("a complete, not retracted case is not carried forward (the new assessment stands) and shows the decrease", () => {
    const outcome = assessBuilt({
      context: { perpetratorChecks: "done" },
      previousAssessments: [{ date: "2024-02-01", riskLevel: "high" }],
    });
    expect(outcome.provisional).toBe(false);
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.escalations.map((e) => e.rule)).not.toContain("carry-forward");
    expect(warningCodes(outcome)).not.toContain("previous-level-carried-forward");
    expect(warningCodes(outcome)).toContain("risk-decreased-since-last-assessment");
  });

  it("exactly 12 months before is carried forward; one day more is not", () => {
    expect(
      assessBuilt({ ...provisional, previousAssessments: [{ date: "2023-03-10", riskLevel: "high" }] }).riskLevel,
    ).toBe("high");
    expect(
      assessBuilt({ ...provisional, previousAssessments: [{ date: "2023-03-09", riskLevel: "high" }] }).riskLevel,
    ).toBe("standard");
  });

  it("uses the policy's carryForwardMonths", () => {
    const policy = policyWith({ carryForwardMonths: 3 });
    expect(
      assessBuilt({ ...provisional, previousAssessments: [{ date: "2023-12-10", riskLevel: "high" }] }, policy)
        .riskLevel,
    ).toBe("high");
    expect(
      assessBuilt({ ...provisional, previousAssessments: [{ date: "2023-12-09", riskLevel: "high" }] }, policy)
        .riskLevel,
    ).toBe("standard");
  });

  it("on a tie of dates the highest level is carried, with that item's input index as evidence", () => {
    const outcome = assessBuilt({
      ...provisional,
      previousAssessments: [
        { date: "2024-01-01", riskLevel: "medium" },
        { date: "2024-01-01", riskLevel: "high" },
      ],
    });
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.escalations.find((e) => e.rule === "carry-forward")?.evidence).toEqual(["previousAssessments[1]"]);
  });

  it("only the most recent assessment counts, whatever the input order: a more recent standard hides an older high", () => {
    const recent = { date: "2024-02-01", riskLevel: "standard" as const };
    const older = { date: "2023-12-01", riskLevel: "high" as const };
    for (const previousAssessments of [
      [recent, older],
      [older, recent],
    ]) {
      const outcome = assessBuilt({ ...provisional, previousAssessments });
      expect(outcome.riskLevel).toBe("standard");
      expect(outcome.escalations.map((e) => e.rule)).not.toContain("carry-forward");
    }
  });

  it("the evidence names the most recent item's index in input order", () => {
    const outcome = assessBuilt({
      ...provisional,
      previousAssessments: [
        { date: "2023-06-01", riskLevel: "standard" },
        { date: "2023-05-01", riskLevel: "standard" },
        { date: "2024-01-15", riskLevel: "medium" },
      ],
    });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.escalations.find((e) => e.rule === "carry-forward")?.evidence).toEqual(["previousAssessments[2]"]);
  });

  it("is not applied when the score band and other floor rules already reach the previous level", () => {
    const outcome = assessBuilt({
      answers: { ...withYes("dash.strangulation"), ...withNotKnown("dash.breach") },
      previousAssessments: [{ date: "2024-01-01", riskLevel: "high" }],
    });
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.escalations.map((e) => e.rule)).toEqual(["strangulation"]);
  });

  it("a carried high level gives the MARAC criterion carried-forward", () => {
    const outcome = assessBuilt({ ...provisional, previousAssessments: [{ date: "2024-01-01", riskLevel: "high" }] });
    expect(outcome.marac.refer).toBe(true);
    expect(outcome.marac.criteria).toContain("carried-forward");
    expect(outcome.marac.criteria).not.toContain("escalation-rule");
  });

  it("a carried medium level gives no MARAC criterion", () => {
    const outcome = assessBuilt({ ...provisional, previousAssessments: [{ date: "2024-01-01", riskLevel: "medium" }] });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.marac.criteria).toEqual([]);
    expect(outcome.marac.refer).toBe(false);
  });

  it("cannot be switched off by a policy (carry-forward is locked)", () => {
    const policy = policyWith({ rules: { "carry-forward": true } });
    expect(
      assessBuilt({ ...provisional, previousAssessments: [{ date: "2024-01-01", riskLevel: "high" }] }, policy)
        .riskLevel,
    ).toBe("high");
  });
});

describe("change since the last assessment", () => {
  const prev = (riskLevel: "standard" | "medium" | "high") => ({ index: 0, date: "2024-01-01", riskLevel });

  it("direct: higher gives risk-increased, lower gives risk-decreased, equal or none gives nothing", () => {
    expect(changeSinceLastAssessment(prev("standard"), "high")?.code).toBe("risk-increased-since-last-assessment");
    expect(changeSinceLastAssessment(prev("high"), "medium")?.code).toBe("risk-decreased-since-last-assessment");
    expect(changeSinceLastAssessment(prev("medium"), "medium")).toBeNull();
    expect(changeSinceLastAssessment(null, "high")).toBeNull();
    expect(changeSinceLastAssessment(prev("standard"), "high")?.evidence).toEqual(["previousAssessments[0]"]);
  });

  it("through assessCase, a higher final level gives risk-increased-since-last-assessment", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.strangulation"),
      previousAssessments: [{ date: "2023-01-01", riskLevel: "medium" }],
    });
    expect(warningCodes(outcome)).toContain("risk-increased-since-last-assessment");
    expect(warningCodes(outcome)).not.toContain("risk-decreased-since-last-assessment");
  });

  it("through assessCase, compares against previous assessments of any age (not only within the carry-forward window)", () => {
    const outcome = assessBuilt({
      context: { perpetratorChecks: "done" },
      previousAssessments: [{ date: "2020-01-01", riskLevel: "high" }],
    });
    expect(warningCodes(outcome)).toContain("risk-decreased-since-last-assessment");
  });

  it("through assessCase, a carried-forward level is not a decrease", () => {
    const outcome = assessBuilt({ ...provisional, previousAssessments: [{ date: "2024-01-01", riskLevel: "high" }] });
    expect(warningCodes(outcome)).not.toContain("risk-decreased-since-last-assessment");
    expect(warningCodes(outcome)).not.toContain("risk-increased-since-last-assessment");
  });
});
