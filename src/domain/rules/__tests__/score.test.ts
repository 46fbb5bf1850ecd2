// @vitest-environment node
import { describe, it, expect } from "vitest";
import { DEFAULT_POLICY } from "../../policy";
import { dashIdsFor } from "../../question-sets/question-set-registry";
import { couldBeHighWhenUnknownsResolved, scoreAnswers, scoreBand } from "../score";
import {
  assessBuilt,
  buildCase,
  notAsked,
  policyWith,
  warningCodes,
  withNotKnown,
  withYes,
  yesCount,
} from "../../__tests__/case-builder";

const RIC = dashIdsFor("dash-ric-24");
const POLICE = dashIdsFor("dash-2009-police");

describe("scoreAnswers: yes, no, not-known and not-asked are kept apart", () => {
  it("counts each kind separately and potentialYes = yes + notKnown", () => {
    const caseFile = buildCase({
      answers: {
        ...withYes("dash.injury", "dash.isolated", "dash.financial"),
        ...withNotKnown("dash.stalking", "dash.breach"),
        ...notAsked("dash.pregnancy"),
      },
    });
    expect(scoreAnswers(caseFile, RIC)).toEqual({
      yes: 3,
      no: 18,
      notKnown: 2,
      notAsked: 1,
      total: 24,
      potentialYes: 5,
    });
  });

  it("answer objects count by their answer", () => {
    const caseFile = buildCase({
      answers: { "dash.injury": { answer: "yes", detail: "bruising" }, "dash.breach": { answer: "not-known" } },
    });
    expect(scoreAnswers(caseFile, RIC)).toMatchObject({ yes: 1, notKnown: 1, no: 22 });
  });

  it("not-known is never counted as no", () => {
    const caseFile = buildCase({ answers: withNotKnown(...RIC) });
    expect(scoreAnswers(caseFile, RIC)).toEqual({
      yes: 0,
      no: 0,
      notKnown: 24,
      notAsked: 0,
      total: 24,
      potentialYes: 24,
    });
  });

  it("empty answers are all not asked", () => {
    const caseFile = buildCase({ base: "empty" });
    expect(scoreAnswers(caseFile, RIC)).toEqual({
      yes: 0,
      no: 0,
      notKnown: 0,
      notAsked: 24,
      total: 24,
      potentialYes: 0,
    });
  });

  it("supplementary answers never score", () => {
    const caseFile = buildCase({
      answers: {
        ...withYes("stalking.turns-up", "hbv.restricted", "brag.isolated", "timeline.sudden-calm"),
        ...withNotKnown("stalking.loitering"),
      },
    });
    expect(scoreAnswers(caseFile, RIC)).toEqual({
      yes: 0,
      no: 24,
      notKnown: 0,
      notAsked: 0,
      total: 24,
      potentialYes: 0,
    });
  });

  it("the police set's total is 27 and its child questions score", () => {
    const caseFile = buildCase({ questionSet: "dash-2009-police", answers: withYes("dash.children-not-perpetrators") });
    expect(scoreAnswers(caseFile, POLICE)).toEqual({
      yes: 1,
      no: 26,
      notKnown: 0,
      notAsked: 0,
      total: 27,
      potentialYes: 1,
    });
  });

  it("through assessCase the score uses the case's question set", () => {
    expect(assessBuilt().score.total).toBe(24);
    expect(assessBuilt({ questionSet: "dash-2009-police" }).score.total).toBe(27);
  });
});

describe("scoreBand: thresholds are inclusive (default medium 10, high 14)", () => {
  const bandFor = (yes: number) =>
    scoreBand({ yes, no: 0, notKnown: 0, notAsked: 0, total: 24, potentialYes: yes }, DEFAULT_POLICY);

  it("9 yes is standard", () => expect(bandFor(9)).toBe("standard"));
  it("10 yes is medium", () => expect(bandFor(10)).toBe("medium"));
  it("13 yes is medium", () => expect(bandFor(13)).toBe("medium"));
  it("14 yes is high", () => expect(bandFor(14)).toBe("high"));

  it.each([
    [9, "standard"],
    [10, "medium"],
    [13, "medium"],
    [14, "high"],
  ] as const)("through assessCase, %i neutral yes answers give %s", (count, level) => {
    const outcome = assessBuilt({ answers: yesCount(count) });
    expect(outcome.scoreBand).toBe(level);
    expect(outcome.riskLevel).toBe(level);
  });

  it("a custom policy moves the thresholds", () => {
    const policy = policyWith({ mediumRiskYesCount: 5, highRiskYesCount: 8 });
    const bandAt = (yes: number) =>
      scoreBand({ yes, no: 0, notKnown: 0, notAsked: 0, total: 24, potentialYes: yes }, policy);
    expect([bandAt(4), bandAt(5), bandAt(7), bandAt(8)]).toEqual(["standard", "medium", "medium", "high"]);
    expect(assessBuilt({ answers: yesCount(8) }, policy).riskLevel).toBe("high");
    expect(assessBuilt({ answers: yesCount(5) }, policy).riskLevel).toBe("medium");
  });
});

describe("could-be-high-when-unknowns-resolved", () => {
  const score = (yes: number, notKnown: number) => ({
    yes,
    no: 0,
    notKnown,
    notAsked: 0,
    total: 24,
    potentialYes: yes + notKnown,
  });

  it("holds when potentialYes reaches the high threshold while the level is below high", () => {
    expect(couldBeHighWhenUnknownsResolved(score(10, 4), "medium", DEFAULT_POLICY)).toBe(true);
    expect(couldBeHighWhenUnknownsResolved(score(10, 3), "medium", DEFAULT_POLICY)).toBe(false);
    expect(couldBeHighWhenUnknownsResolved(score(10, 4), "high", DEFAULT_POLICY)).toBe(false);
  });

  it("through assessCase gives the warning at exactly the threshold", () => {
    const answers = {
      ...yesCount(10),
      ...withNotKnown("dash.weapons", "dash.strangulation", "dash.stalking", "dash.threats-to-kill"),
    };
    expect(warningCodes(assessBuilt({ answers }))).toContain("could-be-high-when-unknowns-resolved");
  });

  it("through assessCase gives no warning one below the threshold", () => {
    const answers = { ...yesCount(10), ...withNotKnown("dash.weapons", "dash.strangulation", "dash.stalking") };
    expect(warningCodes(assessBuilt({ answers }))).not.toContain("could-be-high-when-unknowns-resolved");
  });
});
