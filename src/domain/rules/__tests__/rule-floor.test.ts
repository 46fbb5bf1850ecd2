// @vitest-environment node
import { describe, it, expect } from "vitest";
import type { CaseFile } from "../../case-file";
import type { Escalation } from "../../outcome";
import { DEFAULT_POLICY, OPTIONAL_RULES, type OptionalRule } from "../../policy";
import {
  applyFloorRules,
  childrenThreatenedRule,
  floorLevel,
  hbvThreatsRule,
  planningIndicatorsRule,
  pregnancyAndViolenceRule,
  separationAndStalkingRule,
  strangulationRule,
  threatsToKillRule,
  visibleHighRiskRule,
  weaponsAndEscalationRule,
} from "../rule-floor";
import {
  assessBuilt,
  buildCase,
  dashYesIdsOf,
  policyWith,
  withNotKnown,
  withYes,
  yesCount,
  type CaseOptions,
} from "../../__tests__/case-builder";

type Check = (caseFile: CaseFile, dashYesIds: readonly string[], policy: typeof DEFAULT_POLICY) => Escalation | null;

function run(check: Check, options: CaseOptions, policy = DEFAULT_POLICY): Escalation | null {
  const caseFile = buildCase(options);
  return check(caseFile, dashYesIdsOf(caseFile), policy);
}

function expectWellFormed(escalation: Escalation | null, rule: string, to: string): Escalation {
  expect(escalation).not.toBeNull();
  expect(escalation!.rule).toBe(rule);
  expect(escalation!.to).toBe(to);
  expect(escalation!.reason.trim().length).toBeGreaterThan(0);
  expect(escalation!.evidence.length).toBeGreaterThan(0);
  return escalation!;
}

const rulesFired = (options: CaseOptions, policy = DEFAULT_POLICY) => {
  const caseFile = buildCase(options);
  return applyFloorRules(caseFile, dashYesIdsOf(caseFile), policy).map((e) => e.rule);
};

describe("floor rules: none fire on a plain all-no case", () => {
  it("gives no escalations and a standard floor", () => {
    expect(rulesFired({})).toEqual([]);
    const outcome = assessBuilt();
    expect(outcome.ruleFloor).toBe("standard");
    expect(outcome.riskLevel).toBe("standard");
  });
});

describe("strangulation (locked, high)", () => {
  it("fires on dash.strangulation yes, with its evidence", () => {
    const e = expectWellFormed(
      run(strangulationRule, { answers: withYes("dash.strangulation") }),
      "strangulation",
      "high",
    );
    expect(e.evidence).toEqual(["dash.strangulation"]);
  });

  it("does not fire on not-known", () => {
    expect(run(strangulationRule, { answers: withNotKnown("dash.strangulation") })).toBeNull();
  });

  it("through assessCase, strangulation alone makes the level high", () => {
    const outcome = assessBuilt({ answers: withYes("dash.strangulation") });
    expect(outcome.score.yes).toBe(1);
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.ruleFloor).toBe("high");
    expect(outcome.escalations.map((e) => e.rule)).toEqual(["strangulation"]);
  });
});

describe("threats-to-kill (locked, high)", () => {
  it("fires on dash.threats-to-kill yes", () => {
    const e = expectWellFormed(
      run(threatsToKillRule, { answers: withYes("dash.threats-to-kill") }),
      "threats-to-kill",
      "high",
    );
    expect(e.evidence).toEqual(["dash.threats-to-kill"]);
  });

  it("fires on perpetratorHistory threats-to-kill-others, with the tag as evidence", () => {
    const e = expectWellFormed(
      run(threatsToKillRule, { context: { perpetratorHistory: ["previous-da", "threats-to-kill-others"] } }),
      "threats-to-kill",
      "high",
    );
    expect(e.evidence).toEqual(["context.perpetratorHistory.threats-to-kill-others"]);
  });

  it("through assessCase, a history of threats to kill others makes the level high", () => {
    expect(assessBuilt({ context: { perpetratorHistory: ["threats-to-kill-others"] } }).riskLevel).toBe("high");
  });

  it("does not fire on other history tags or not-known", () => {
    expect(
      run(threatsToKillRule, {
        context: { perpetratorHistory: ["previous-da", "weapons"] },
        answers: withNotKnown("dash.threats-to-kill"),
      }),
    ).toBeNull();
  });
});

describe("visible-high-risk (locked, high)", () => {
  it("fires at exactly the high threshold, listing the yes ids", () => {
    const e = expectWellFormed(run(visibleHighRiskRule, { answers: yesCount(14) }), "visible-high-risk", "high");
    expect(e.evidence).toHaveLength(14);
    expect(e.evidence).toContain("dash.very-frightened");
  });

  it("does not fire one below the threshold", () => {
    expect(run(visibleHighRiskRule, { answers: yesCount(13) })).toBeNull();
  });

  it("follows a custom threshold", () => {
    const policy = policyWith({ highRiskYesCount: 5, mediumRiskYesCount: 3 });
    expect(run(visibleHighRiskRule, { answers: yesCount(5) }, policy)).not.toBeNull();
    expect(run(visibleHighRiskRule, { answers: yesCount(4) }, policy)).toBeNull();
  });
});

describe("separation-and-stalking (optional, high)", () => {
  it("fires on dash.separation yes and dash.stalking yes", () => {
    const e = expectWellFormed(
      run(separationAndStalkingRule, { answers: withYes("dash.separation", "dash.stalking") }),
      "separation-and-stalking",
      "high",
    );
    expect(e.evidence).toEqual(["dash.separation", "dash.stalking"]);
  });

  it("does not fire on stalking alone", () => {
    expect(run(separationAndStalkingRule, { answers: withYes("dash.stalking") })).toBeNull();
  });

  it("does not fire on separation recorded only in context (the rule reads dash.separation)", () => {
    const options: CaseOptions = {
      answers: withYes("dash.stalking"),
      context: { separation: { status: "recent", date: "2024-02-01" } },
    };
    expect(run(separationAndStalkingRule, options)).toBeNull();
    expect(assessBuilt(options).escalations.map((e) => e.rule)).not.toContain("separation-and-stalking");
  });
});

describe("weapons-and-escalation (optional, high)", () => {
  it("fires on weapons with more-often", () => {
    const e = expectWellFormed(
      run(weaponsAndEscalationRule, { answers: withYes("dash.weapons", "dash.more-often") }),
      "weapons-and-escalation",
      "high",
    );
    expect(e.evidence).toEqual(["dash.weapons", "dash.more-often"]);
  });

  it("fires on weapons with getting-worse", () => {
    const e = run(weaponsAndEscalationRule, { answers: withYes("dash.weapons", "dash.getting-worse") });
    expect(e?.evidence).toEqual(["dash.weapons", "dash.getting-worse"]);
  });

  it("does not fire on weapons without escalation", () => {
    expect(run(weaponsAndEscalationRule, { answers: withYes("dash.weapons") })).toBeNull();
    expect(assessBuilt({ answers: withYes("dash.weapons") }).riskLevel).toBe("standard");
  });

  it("does not fire on escalation without weapons", () => {
    expect(run(weaponsAndEscalationRule, { answers: withYes("dash.more-often", "dash.getting-worse") })).toBeNull();
  });
});

describe("children-threatened (locked, high)", () => {
  it.each(["dash.threatened-children", "dash.hurt-children"])("fires on %s yes (police form)", (id) => {
    const e = expectWellFormed(
      run(childrenThreatenedRule, { questionSet: "dash-2009-police", answers: withYes(id) }),
      "children-threatened",
      "high",
    );
    expect(e.evidence).toEqual([id]);
  });

  it("does not fire when neither is yes", () => {
    expect(
      run(childrenThreatenedRule, {
        questionSet: "dash-2009-police",
        answers: withYes("dash.children-not-perpetrators"),
      }),
    ).toBeNull();
  });
});

describe("planning-indicators (optional, high)", () => {
  it.each(["timeline.acquiring-weapons", "timeline.reconnaissance", "timeline.getting-victim-alone"])(
    "fires on %s yes",
    (id) => {
      const e = expectWellFormed(run(planningIndicatorsRule, { answers: withYes(id) }), "planning-indicators", "high");
      expect(e.evidence).toEqual([id]);
    },
  );

  it("does not fire on other timeline answers", () => {
    expect(
      run(planningIndicatorsRule, { answers: withYes("timeline.sudden-calm", "timeline.final-resolution-talk") }),
    ).toBeNull();
  });
});

describe("hbv-threats (optional, high)", () => {
  it.each(["hbv.family-threats", "hbv.multiple-perpetrators"])("fires on %s yes", (id) => {
    const e = expectWellFormed(run(hbvThreatsRule, { answers: withYes(id) }), "hbv-threats", "high");
    expect(e.evidence).toEqual([id]);
  });

  it("does not fire on other honour-based abuse answers", () => {
    expect(run(hbvThreatsRule, { answers: withYes("hbv.restricted", "hbv.forced-marriage") })).toBeNull();
  });
});

describe("pregnancy-and-violence (optional, medium)", () => {
  it("fires on dash.pregnancy with dash.injury", () => {
    const e = expectWellFormed(
      run(pregnancyAndViolenceRule, { answers: withYes("dash.pregnancy", "dash.injury") }),
      "pregnancy-and-violence",
      "medium",
    );
    expect(e.evidence).toEqual(["dash.pregnancy", "dash.injury"]);
  });

  it("fires on context.pregnant yes with dash.injury, giving medium", () => {
    const options: CaseOptions = { answers: withYes("dash.injury"), context: { pregnant: "yes" } };
    const e = expectWellFormed(run(pregnancyAndViolenceRule, options), "pregnancy-and-violence", "medium");
    expect(e.evidence).toEqual(["context.pregnant", "dash.injury"]);
    const outcome = assessBuilt(options);
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.ruleFloor).toBe("medium");
  });

  it("does not fire on pregnancy without injury, nor on context.pregnant not-known", () => {
    expect(run(pregnancyAndViolenceRule, { answers: withYes("dash.pregnancy") })).toBeNull();
    expect(
      run(pregnancyAndViolenceRule, { answers: withYes("dash.injury"), context: { pregnant: "not-known" } }),
    ).toBeNull();
  });
});

describe("applyFloorRules and the policy", () => {
  const triggers: Record<OptionalRule, CaseOptions> = {
    "separation-and-stalking": { answers: withYes("dash.separation", "dash.stalking") },
    "weapons-and-escalation": { answers: withYes("dash.weapons", "dash.getting-worse") },
    "planning-indicators": { answers: withYes("timeline.reconnaissance") },
    "hbv-threats": { answers: withYes("hbv.family-threats") },
    "pregnancy-and-violence": { answers: withYes("dash.pregnancy", "dash.injury") },
  };

  it.each(OPTIONAL_RULES)("the optional rule %s fires by default and not when the policy switches it off", (rule) => {
    expect(rulesFired(triggers[rule])).toContain(rule);
    const off = policyWith({ rules: { [rule]: false } });
    expect(rulesFired(triggers[rule], off)).not.toContain(rule);
    expect(assessBuilt(triggers[rule], off).escalations.map((e) => e.rule)).not.toContain(rule);
  });

  it("locked rules still fire under a policy that switches every optional rule off", () => {
    const off = policyWith({ rules: Object.fromEntries(OPTIONAL_RULES.map((r) => [r, false])) });
    expect(
      rulesFired(
        {
          questionSet: "dash-2009-police",
          answers: { ...withYes("dash.strangulation", "dash.threats-to-kill", "dash.hurt-children"), ...yesCount(14) },
        },
        off,
      ),
    ).toEqual(["strangulation", "threats-to-kill", "visible-high-risk", "children-threatened"]);
  });

  it("every rule that fires is reported, each with a reason and non-empty evidence", () => {
    const escalations = (() => {
      const caseFile = buildCase({
        questionSet: "dash-2009-police",
        answers: withYes(
          "dash.strangulation",
          "dash.threats-to-kill",
          "dash.separation",
          "dash.stalking",
          "dash.weapons",
          "dash.more-often",
          "dash.threatened-children",
          "timeline.acquiring-weapons",
          "hbv.multiple-perpetrators",
          "dash.pregnancy",
          "dash.injury",
          "dash.isolated",
          "dash.financial",
          "dash.breach",
          "dash.getting-worse",
          "dash.controlling-jealous",
        ),
      });
      return applyFloorRules(caseFile, dashYesIdsOf(caseFile), DEFAULT_POLICY);
    })();
    expect(escalations.map((e) => e.rule)).toEqual([
      "strangulation",
      "threats-to-kill",
      "visible-high-risk",
      "separation-and-stalking",
      "weapons-and-escalation",
      "children-threatened",
      "planning-indicators",
      "hbv-threats",
      "pregnancy-and-violence",
    ]);
    for (const e of escalations) {
      expect(e.reason.trim(), e.rule).not.toBe("");
      expect(e.evidence.length, e.rule).toBeGreaterThan(0);
    }
  });

  it("floorLevel is the highest escalation, standard when none fired", () => {
    expect(floorLevel([])).toBe("standard");
    expect(floorLevel([{ rule: "pregnancy-and-violence", to: "medium", reason: "r", evidence: ["x"] }])).toBe("medium");
    expect(
      floorLevel([
        { rule: "pregnancy-and-violence", to: "medium", reason: "r", evidence: ["x"] },
        { rule: "strangulation", to: "high", reason: "r", evidence: ["y"] },
      ]),
    ).toBe("high");
  });

  it("through assessCase the level is never lower than the rule floor", () => {
    const outcome = assessBuilt({ answers: withYes("dash.pregnancy", "dash.injury") });
    expect(outcome.scoreBand).toBe("standard");
    expect(outcome.ruleFloor).toBe("medium");
    expect(outcome.riskLevel).toBe("medium");
  });
});

describe("retraction never lowers risk", () => {
  it("gives the warning and keeps a rule-floor level", () => {
    const outcome = assessBuilt({ answers: withYes("dash.strangulation"), context: { victimRetracted: true } });
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.warnings.map((w) => w.code)).toContain("retraction-does-not-lower-risk");
  });
});
