// @vitest-environment node
import { describe, expect, it } from "vitest";
import { CONTRACT_WARNING_CODES, type Escalation, type MaracOutcome, type PathwayOutcome } from "../../outcome";
import { dashIdsFor } from "../../question-sets/question-set-registry";
import { DEFAULT_POLICY } from "../../policy";
import {
  childrenAtRisk,
  honourBasedAbuse,
  movedArea,
  previousLevelCarriedForward,
  repeatMarac,
  retractionDoesNotLowerRisk,
  unknownsCouldMakeItHigh,
} from "../contract-warnings";
import { decideMarac } from "../marac";
import { childrensServicesPathway } from "../pathways";
import { scoreAnswers } from "../score";
import {
  ASSESSMENT_DATE,
  assessBuilt,
  buildCase,
  notAsked,
  policyWith,
  withNotKnown,
  withYes,
  warningCodes,
  yesCount,
  type CaseOptions,
} from "../../__tests__/case-builder";

const DASH_24 = dashIdsFor("dash-ric-24");

const maracOutcome = (repeat: boolean): MaracOutcome => ({
  refer: repeat,
  repeat,
  criteria: repeat ? ["repeat"] : [],
  reasons: [],
});

const pathway = (decision: PathwayOutcome["decision"], evidence: string[] = []): PathwayOutcome => ({
  pathway: "childrens-services",
  decision,
  reasons: ["a reason"],
  evidence,
});

const maracFor = (options: CaseOptions) =>
  decideMarac(buildCase(options), {
    escalations: [],
    judgement: { applied: false },
    assessmentDate: ASSESSMENT_DATE,
    policy: DEFAULT_POLICY,
  });

describe("previousLevelCarriedForward", () => {
  it("repeats the carry-forward rule's reason and evidence as the warning", () => {
    const carried: Escalation = {
      rule: "carry-forward",
      to: "high",
      reason: "The previous assessment found high risk.",
      evidence: ["previousAssessments[1]"],
    };
    expect(previousLevelCarriedForward(carried)).toEqual({
      code: "previous-level-carried-forward",
      message: "The previous assessment found high risk.",
      evidence: ["previousAssessments[1]"],
    });
    expect(previousLevelCarriedForward(null)).toBeNull();
  });

  it("through the engine: a recent higher level carried forward after retraction, and not without one", () => {
    const previousAssessments = [{ date: "2024-01-10", riskLevel: "high" as const }];
    const retracted = assessBuilt({ context: { victimRetracted: true }, previousAssessments });
    expect(retracted.riskLevel).toBe("high");
    expect(retracted.warnings.find((w) => w.code === "previous-level-carried-forward")?.evidence).toEqual([
      "previousAssessments[0]",
    ]);
    expect(warningCodes(assessBuilt({ previousAssessments }))).not.toContain("previous-level-carried-forward");
  });
});

describe("unknownsCouldMakeItHigh", () => {
  const warningFor = (
    options: CaseOptions,
    level: "standard" | "medium" | "high" = "medium",
    policy = DEFAULT_POLICY,
  ) => {
    const c = buildCase(options);
    return unknownsCouldMakeItHigh(c, DASH_24, scoreAnswers(c, DASH_24), level, policy);
  };
  const fourUnknowns = withNotKnown("dash.weapons", "dash.strangulation", "dash.stalking", "dash.threats-to-kill");

  it("warns at exactly the threshold, naming the not-known DASH ids", () => {
    const w = warningFor({ answers: { ...yesCount(10), ...fourUnknowns } });
    expect(w?.code).toBe("could-be-high-when-unknowns-resolved");
    expect(w?.evidence).toEqual(["dash.stalking", "dash.weapons", "dash.threats-to-kill", "dash.strangulation"]);
    expect(w?.message).toMatch(/^10 yes and 4 not known: .* threshold of 14\./);
  });

  it("is silent one below the threshold, when already high, and for unknowns that are only not asked", () => {
    expect(
      warningFor({
        answers: { ...yesCount(10), ...withNotKnown("dash.weapons", "dash.strangulation", "dash.stalking") },
      }),
    ).toBeNull();
    expect(warningFor({ answers: { ...yesCount(10), ...fourUnknowns } }, "high")).toBeNull();
    expect(
      warningFor({
        answers: {
          ...yesCount(10),
          ...notAsked("dash.weapons", "dash.strangulation", "dash.stalking", "dash.threats-to-kill"),
        },
      }),
    ).toBeNull();
  });

  it("follows a local high threshold", () => {
    const policy = policyWith({ highRiskYesCount: 12, mediumRiskYesCount: 8 });
    const w = warningFor(
      { answers: { ...yesCount(10), ...withNotKnown("dash.weapons", "dash.stalking") } },
      "medium",
      policy,
    );
    expect(w?.message).toContain("threshold of 12");
  });
});

describe("retractionDoesNotLowerRisk", () => {
  it("warns when the victim retracted, naming the fact as evidence", () => {
    const w = retractionDoesNotLowerRisk(buildCase({ context: { victimRetracted: true } }));
    expect(w?.code).toBe("retraction-does-not-lower-risk");
    expect(w?.evidence).toEqual(["context.victimRetracted"]);
    expect(w?.message).toMatch(/never lowers the risk/);
  });

  it("is silent when retraction is false, absent, or there is no context at all", () => {
    expect(retractionDoesNotLowerRisk(buildCase({ context: { victimRetracted: false } }))).toBeNull();
    expect(retractionDoesNotLowerRisk(buildCase({ context: { movedArea: true } }))).toBeNull();
    expect(retractionDoesNotLowerRisk(buildCase({}))).toBeNull();
  });

  it("never lowers the level: a strangulation case stays high with the warning", () => {
    const outcome = assessBuilt({ answers: withYes("dash.strangulation"), context: { victimRetracted: true } });
    expect(outcome.riskLevel).toBe("high");
    expect(warningCodes(outcome)).toContain("retraction-does-not-lower-risk");
  });
});

describe("repeatMarac", () => {
  it("warns exactly when the MARAC decision is a repeat", () => {
    const w = repeatMarac(maracOutcome(true));
    expect(w?.code).toBe("repeat-marac");
    expect(w?.evidence).toEqual(["context.previousMaracDates"]);
    expect(repeatMarac(maracOutcome(false))).toBeNull();
  });

  it("a MARAC within the window with a new incident (absent means yes) is a repeat", () => {
    expect(repeatMarac(maracFor({ context: { previousMaracDates: ["2023-09-01"] } }))?.code).toBe("repeat-marac");
    expect(repeatMarac(maracFor({ context: { previousMaracDates: ["2023-09-01"], newIncident: true } }))?.code).toBe(
      "repeat-marac",
    );
  });

  it("a planned review (newIncident false), an old MARAC or no MARAC dates is not a repeat", () => {
    expect(repeatMarac(maracFor({ context: { previousMaracDates: ["2023-09-01"], newIncident: false } }))).toBeNull();
    expect(repeatMarac(maracFor({ context: { previousMaracDates: ["2022-01-01"] } }))).toBeNull();
    expect(repeatMarac(maracFor({ context: { previousMaracDates: [] } }))).toBeNull();
    expect(repeatMarac(maracFor({}))).toBeNull();
  });
});

describe("honourBasedAbuse", () => {
  it("warns on any hbv yes, listing every yes id as evidence in answer order", () => {
    const w = honourBasedAbuse(buildCase({ answers: withYes("hbv.restricted", "hbv.forced-marriage") }));
    expect(w?.code).toBe("honour-based-abuse");
    expect(w?.evidence).toEqual(["hbv.restricted", "hbv.forced-marriage"]);
  });

  it("counts an answer given as an object with detail", () => {
    const c = buildCase({ answers: { "hbv.documents-controlled": { answer: "yes", detail: "passport held" } } });
    expect(honourBasedAbuse(c)?.evidence).toEqual(["hbv.documents-controlled"]);
  });

  it("leaves out hbv answers that are no or not known, and fires on none of them alone", () => {
    const mixed = buildCase({
      answers: { ...withYes("hbv.family-threats"), ...withNotKnown("hbv.forced-marriage"), "hbv.restricted": "no" },
    });
    expect(honourBasedAbuse(mixed)?.evidence).toEqual(["hbv.family-threats"]);
    expect(
      honourBasedAbuse(buildCase({ answers: { ...withNotKnown("hbv.forced-marriage"), "hbv.restricted": "no" } })),
    ).toBeNull();
  });

  it("is silent when no hbv question was asked, even with the DASH triggers yes", () => {
    expect(honourBasedAbuse(buildCase({}))).toBeNull();
    expect(honourBasedAbuse(buildCase({ answers: withYes("dash.other-threatening-person") }))).toBeNull();
  });
});

describe("childrenAtRisk", () => {
  it("warns when the children's services pathway refers, with the pathway's evidence", () => {
    const w = childrenAtRisk(pathway("refer", ["dash.threatened-children", "context.children"]));
    expect(w?.code).toBe("children-at-risk");
    expect(w?.evidence).toEqual(["dash.threatened-children", "context.children"]);
  });

  it("is silent when the pathway only asks to consider, or is not met", () => {
    expect(childrenAtRisk(pathway("consider", ["context.children"]))).toBeNull();
    expect(childrenAtRisk(pathway("not-met"))).toBeNull();
  });

  it("follows the pathway rule: children present refer at medium, only consider at standard", () => {
    const c = buildCase({ context: { children: [{ age: 4, relationshipToPerpetrator: "child" }] } });
    expect(childrenAtRisk(childrensServicesPathway(c, "medium"))?.code).toBe("children-at-risk");
    expect(childrenAtRisk(childrensServicesPathway(c, "standard"))).toBeNull();
    expect(childrenAtRisk(childrensServicesPathway(buildCase({ context: { children: [] } }), "high"))).toBeNull();
  });

  it("an unknown pregnancy is not a pregnancy for this warning", () => {
    const c = buildCase({ context: { children: [], pregnant: "not-known" } });
    expect(childrenAtRisk(childrensServicesPathway(c, "high"))).toBeNull();
    const pregnant = buildCase({ context: { children: [], pregnant: "yes" } });
    expect(childrenAtRisk(childrensServicesPathway(pregnant, "high"))?.evidence).toContain("context.pregnant");
  });
});

describe("movedArea", () => {
  it("warns when the case records a recent move between areas", () => {
    const w = movedArea(buildCase({ context: { movedArea: true } }));
    expect(w?.code).toBe("moved-area");
    expect(w?.evidence).toEqual(["context.movedArea"]);
  });

  it("is silent when the move is false or not recorded", () => {
    expect(movedArea(buildCase({ context: { movedArea: false } }))).toBeNull();
    expect(movedArea(buildCase({ context: {} }))).toBeNull();
    expect(movedArea(buildCase({}))).toBeNull();
  });
});

describe("the five warnings in the engine", () => {
  it("all five appear once each, in the engine's order, when all hold", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.threatened-children", "hbv.restricted"),
      questionSet: "dash-2009-police",
      context: {
        victimRetracted: true,
        movedArea: true,
        previousMaracDates: ["2024-01-15"],
        children: [{ age: 6, relationshipToPerpetrator: "child" }],
      },
    });
    const five = [
      "retraction-does-not-lower-risk",
      "repeat-marac",
      "honour-based-abuse",
      "children-at-risk",
      "moved-area",
    ];
    expect(warningCodes(outcome).filter((code) => five.includes(code))).toEqual(five);
    for (const code of five) expect(CONTRACT_WARNING_CODES as readonly string[]).toContain(code);
  });

  it("none appears on a plain case", () => {
    const codes = warningCodes(assessBuilt({ context: { children: [] } }));
    for (const code of [
      "retraction-does-not-lower-risk",
      "repeat-marac",
      "honour-based-abuse",
      "children-at-risk",
      "moved-area",
    ])
      expect(codes).not.toContain(code);
  });
});
