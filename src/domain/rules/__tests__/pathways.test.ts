// @vitest-environment node
import { describe, it, expect } from "vitest";
import type { S42Outcome } from "../../outcome";
import { PATHWAYS } from "../../outcome";
import type { PresentFactor } from "../brag";
import {
  childrensServicesPathway,
  idvaPathway,
  maracPathway,
  marmPathway,
  s42Pathway,
  stalkingAdvocacyPathway,
} from "../pathways";
import {
  assessBuilt,
  buildCase,
  pathwayOf,
  warningCodes,
  withYes,
  yesCount,
  type CaseOptions,
} from "../../__tests__/case-builder";

const s42Of = (decision: S42Outcome["decision"]): S42Outcome => ({
  decision,
  tests: { needs: "not-known", abuseOrNeglect: "not-known", unableToProtectSelf: "not-known" },
  reasons: [`s42 ${decision}`],
  evidence: [],
});
const vulnerable: PresentFactor[] = [{ factor: "brag.no-safe-home", evidence: ["context.housing"] }];

describe("every pathway is always present", () => {
  it.each<[string, CaseOptions]>([
    ["a plain case", {}],
    ["a high-risk case", { answers: withYes("dash.strangulation") }],
    [
      "a vulnerable medium case",
      {
        answers: yesCount(10),
        context: { housing: "sofa-surfing", children: [{ relationshipToPerpetrator: "child" }] },
      },
    ],
  ])("in %s, each pathway appears once; every non-not-met one gives reasons", (_name, options) => {
    const outcome = assessBuilt(options);
    expect(outcome.pathways.map((p) => p.pathway)).toEqual([...PATHWAYS]);
    for (const p of outcome.pathways) {
      expect(["refer", "consider", "not-met"]).toContain(p.decision);
      if (p.decision !== "not-met") expect(p.reasons.length, p.pathway).toBeGreaterThan(0);
      for (const reason of p.reasons) expect(reason.trim(), p.pathway).not.toBe("");
    }
  });
});

describe("marac pathway", () => {
  it("refer with the MARAC reasons, or not-met", () => {
    const refer = maracPathway({
      refer: true,
      repeat: false,
      criteria: ["escalation-rule"],
      reasons: [{ criterion: "escalation-rule", reason: "strangulation", evidence: ["dash.strangulation"] }],
    });
    expect(refer).toMatchObject({ decision: "refer", reasons: ["strangulation"], evidence: ["dash.strangulation"] });
    expect(maracPathway({ refer: false, repeat: false, criteria: [], reasons: [] }).decision).toBe("not-met");
  });
});

describe("s42 pathway", () => {
  it("maps refer → refer, insufficient-information → consider, not-met → not-met", () => {
    expect(s42Pathway(s42Of("refer"), []).decision).toBe("refer");
    expect(s42Pathway(s42Of("insufficient-information"), []).decision).toBe("consider");
    expect(s42Pathway(s42Of("not-met"), vulnerable).decision).toBe("not-met");
  });

  it("not-assessed → consider with vulnerability, not-met without", () => {
    expect(s42Pathway(s42Of("not-assessed"), vulnerable).decision).toBe("consider");
    expect(s42Pathway(s42Of("not-assessed"), []).decision).toBe("not-met");
  });
});

describe("marm pathway", () => {
  it.each(["not-met", "not-assessed"] as const)(
    "consider when s42 is %s, vulnerability present and level medium or high",
    (decision) => {
      expect(marmPathway(s42Of(decision), vulnerable, "medium").decision).toBe("consider");
      expect(marmPathway(s42Of(decision), vulnerable, "high").decision).toBe("consider");
    },
  );

  it("not-met at standard level", () => {
    expect(marmPathway(s42Of("not-met"), vulnerable, "standard").decision).toBe("not-met");
  });

  it("not-met without vulnerability", () => {
    expect(marmPathway(s42Of("not-assessed"), [], "high").decision).toBe("not-met");
  });

  it.each(["refer", "insufficient-information"] as const)("not-met when s42 is %s", (decision) => {
    expect(marmPathway(s42Of(decision), vulnerable, "high").decision).toBe("not-met");
  });

  it("through assessCase: a vulnerable adult at medium risk with s42 not-met → consider MARM", () => {
    const outcome = assessBuilt({
      answers: yesCount(10),
      context: { substanceUse: ["alcohol"], careAndSupport: { needs: "no" } },
    });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.s42.decision).toBe("not-met");
    expect(pathwayOf(outcome, "marm").decision).toBe("consider");
  });

  it("never refers", () => {
    for (const level of ["standard", "medium", "high"] as const) {
      for (const d of ["refer", "not-met", "insufficient-information", "not-assessed"] as const) {
        expect(marmPathway(s42Of(d), vulnerable, level).decision).not.toBe("refer");
      }
    }
  });
});

describe("childrens-services pathway", () => {
  const decide = (options: CaseOptions, level: "standard" | "medium" | "high") =>
    childrensServicesPathway(buildCase(options), level);
  const child = { context: { children: [{ age: 4, relationshipToPerpetrator: "child" as const }] } };

  it("children present with medium or high level → refer", () => {
    expect(decide(child, "medium").decision).toBe("refer");
    expect(decide(child, "high").decision).toBe("refer");
  });

  it("children present at standard level → consider", () => {
    expect(decide(child, "standard").decision).toBe("consider");
  });

  it("pregnancy (context or DASH) counts like children", () => {
    expect(decide({ context: { pregnant: "yes" } }, "medium").decision).toBe("refer");
    expect(decide({ answers: withYes("dash.pregnancy") }, "standard").decision).toBe("consider");
  });

  it("dash.children-not-perpetrators yes counts as children present (police form)", () => {
    expect(
      decide({ questionSet: "dash-2009-police", answers: withYes("dash.children-not-perpetrators") }, "standard")
        .decision,
    ).toBe("consider");
  });

  it.each(["dash.hurt-children", "dash.threatened-children"])(
    "children hurt or threatened (%s) → refer even at standard level",
    (id) => {
      expect(decide({ questionSet: "dash-2009-police", answers: withYes(id) }, "standard").decision).toBe("refer");
    },
  );

  it("no children, no pregnancy → not-met", () => {
    expect(decide({ context: { children: [], pregnant: "not-known" } }, "high").decision).toBe("not-met");
  });

  it("through assessCase: children-at-risk warning exactly when the pathway refers", () => {
    const cases: CaseOptions[] = [
      {},
      child,
      { ...child, answers: yesCount(10) },
      { questionSet: "dash-2009-police", answers: withYes("dash.hurt-children") },
      { answers: withYes("dash.injury"), context: { pregnant: "yes" } },
    ];
    const seen = new Set<string>();
    for (const options of cases) {
      const outcome = assessBuilt(options);
      const decision = pathwayOf(outcome, "childrens-services").decision;
      seen.add(decision);
      expect(warningCodes(outcome).includes("children-at-risk"), JSON.stringify(options)).toBe(decision === "refer");
    }
    expect(seen).toEqual(new Set(["not-met", "consider", "refer"]));
  });
});

describe("idva pathway", () => {
  it("high → refer, medium → consider, standard → not-met", () => {
    expect(idvaPathway("high").decision).toBe("refer");
    expect(idvaPathway("medium").decision).toBe("consider");
    expect(idvaPathway("standard").decision).toBe("not-met");
  });
});

describe("stalking-advocacy pathway", () => {
  const decide = (options: CaseOptions) => stalkingAdvocacyPathway(buildCase(options));

  it("dash.stalking yes with dash.separation yes → refer", () => {
    expect(decide({ answers: withYes("dash.stalking", "dash.separation") }).decision).toBe("refer");
  });

  it("dash.stalking yes with separation recorded in context → refer", () => {
    const p = decide({
      answers: withYes("dash.stalking"),
      context: { separation: { status: "planned", date: "2024-05-01" } },
    });
    expect(p.decision).toBe("refer");
    expect(p.evidence).toEqual(expect.arrayContaining(["dash.stalking", "context.separation"]));
  });

  it("dash.stalking yes without separation → consider", () => {
    expect(decide({ answers: withYes("dash.stalking") }).decision).toBe("consider");
  });

  it("only a stalking.* answer yes → consider, even with separation", () => {
    expect(decide({ answers: withYes("stalking.loitering") }).decision).toBe("consider");
    expect(decide({ answers: withYes("stalking.loitering", "dash.separation") }).decision).toBe("consider");
  });

  it("no stalking → not-met, even with separation", () => {
    expect(decide({ answers: withYes("dash.separation") }).decision).toBe("not-met");
  });
});
