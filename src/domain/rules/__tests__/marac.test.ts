// @vitest-environment node
import { describe, it, expect } from "vitest";
import type { Escalation } from "../../outcome";
import { DEFAULT_POLICY } from "../../policy";
import { decideMarac, repeatMaracDates } from "../marac";
import {
  assessBuilt,
  buildCase,
  pathwayOf,
  policyWith,
  warningCodes,
  withYes,
  yesCount,
  type CaseOptions,
} from "../../__tests__/case-builder";

const JUNE = "2024-06-01T10:00:00Z";
const JUNE_DATE = "2024-06-01";

const escalation = (rule: Escalation["rule"], to: Escalation["to"] = "high"): Escalation => ({
  rule,
  to,
  reason: `${rule} fired`,
  evidence: ["x"],
});

function decide(
  options: CaseOptions,
  escalations: Escalation[] = [],
  judgement: { applied: boolean; level?: "standard" | "medium" | "high"; rationale?: string } = { applied: false },
  policy = DEFAULT_POLICY,
) {
  return decideMarac(buildCase(options), { escalations, judgement, assessmentDate: "2024-03-10", policy });
}

describe("decideMarac (direct)", () => {
  it("no criterion: no referral", () => {
    expect(decide({})).toEqual({ refer: false, repeat: false, criteria: [], reasons: [] });
  });

  it("visible-high-risk is its own criterion, not escalation-rule", () => {
    expect(decide({}, [escalation("visible-high-risk")]).criteria).toEqual(["visible-high-risk"]);
  });

  it.each([
    "strangulation",
    "threats-to-kill",
    "separation-and-stalking",
    "weapons-and-escalation",
    "children-threatened",
    "planning-indicators",
    "hbv-threats",
  ] as const)("the high floor rule %s gives escalation-rule", (rule) => {
    const marac = decide({}, [escalation(rule)]);
    expect(marac.criteria).toEqual(["escalation-rule"]);
    expect(marac.refer).toBe(true);
  });

  it("pregnancy-and-violence (medium) does not give escalation-rule", () => {
    expect(decide({}, [escalation("pregnancy-and-violence", "medium")]).criteria).toEqual([]);
  });

  it("carry-forward gives carried-forward only when it carries high", () => {
    expect(decide({}, [escalation("carry-forward", "high")]).criteria).toEqual(["carried-forward"]);
    expect(decide({}, [escalation("carry-forward", "medium")]).criteria).toEqual([]);
  });

  it("an applied high judgement gives professional-judgement; a refused or lower one does not", () => {
    expect(decide({}, [], { applied: true, level: "high", rationale: "r" }).criteria).toEqual([
      "professional-judgement",
    ]);
    expect(decide({}, [], { applied: true, level: "medium", rationale: "r" }).criteria).toEqual([]);
    expect(decide({}, [], { applied: false, level: "high", rationale: "r" }).criteria).toEqual([]);
  });

  it("potential-escalation at exactly the call-out threshold (3)", () => {
    expect(decide({ context: { policeCallouts12m: 3 } }).criteria).toEqual(["potential-escalation"]);
  });

  it("no potential-escalation one below the threshold (2)", () => {
    expect(decide({ context: { policeCallouts12m: 2 } }).criteria).toEqual([]);
  });

  it("potential-escalation follows the policy's threshold", () => {
    const policy = policyWith({ potentialEscalationCallouts: 5 });
    expect(decide({ context: { policeCallouts12m: 4 } }, [], { applied: false }, policy).refer).toBe(false);
    expect(decide({ context: { policeCallouts12m: 5 } }, [], { applied: false }, policy).refer).toBe(true);
  });

  it("every criterion that holds is listed together, each with a reason", () => {
    const marac = decide(
      { context: { policeCallouts12m: 4, previousMaracDates: ["2024-01-01"] } },
      [escalation("visible-high-risk"), escalation("strangulation")],
      { applied: true, level: "high", rationale: "r" },
    );
    expect(marac.criteria).toEqual([
      "visible-high-risk",
      "escalation-rule",
      "professional-judgement",
      "potential-escalation",
      "repeat",
    ]);
    expect(marac.reasons.every((r) => r.reason.trim().length > 0 && r.evidence.length > 0)).toBe(true);
  });
});

describe("repeat MARAC", () => {
  const repeatFor = (previousMaracDates: string[], newIncident?: boolean) =>
    repeatMaracDates(
      buildCase({
        assessedAt: JUNE,
        context: { previousMaracDates, ...(newIncident === undefined ? {} : { newIncident }) },
      }),
      JUNE_DATE,
      12,
    );

  it("a MARAC exactly 12 months before (2023-06-01 for 2024-06-01) is a repeat", () => {
    expect(repeatFor(["2023-06-01"])).toEqual(["2023-06-01"]);
  });

  it("12 months and one day before (2023-05-31) is not a repeat", () => {
    expect(repeatFor(["2023-05-31"])).toEqual([]);
  });

  it("newIncident false (a planned review) is not a repeat", () => {
    expect(repeatFor(["2024-01-01"], false)).toEqual([]);
  });

  it("newIncident absent counts as a new incident", () => {
    expect(repeatFor(["2024-01-01"])).toEqual(["2024-01-01"]);
  });

  it("newIncident true is a repeat", () => {
    expect(repeatFor(["2024-01-01"], true)).toEqual(["2024-01-01"]);
  });

  it("follows the policy's repeatMaracMonths", () => {
    const caseFile = buildCase({ assessedAt: JUNE, context: { previousMaracDates: ["2023-12-01"] } });
    expect(repeatMaracDates(caseFile, JUNE_DATE, 6)).toEqual(["2023-12-01"]);
    expect(repeatMaracDates(caseFile, JUNE_DATE, 5)).toEqual([]);
  });

  it("through assessCase: repeat refers at standard level, with marac.repeat and warning repeat-marac", () => {
    const outcome = assessBuilt({ assessedAt: JUNE, context: { previousMaracDates: ["2023-06-01"] } });
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.marac).toMatchObject({ refer: true, repeat: true, criteria: ["repeat"] });
    expect(warningCodes(outcome)).toContain("repeat-marac");
    expect(pathwayOf(outcome, "marac").decision).toBe("refer");
  });

  it("through assessCase: 12 months and one day before is no repeat and no warning", () => {
    const outcome = assessBuilt({ assessedAt: JUNE, context: { previousMaracDates: ["2023-05-31"] } });
    expect(outcome.marac).toMatchObject({ refer: false, repeat: false, criteria: [] });
    expect(warningCodes(outcome)).not.toContain("repeat-marac");
  });

  it("through assessCase: a planned review within the window is not a repeat", () => {
    const outcome = assessBuilt({
      assessedAt: JUNE,
      context: { previousMaracDates: ["2024-01-01"], newIncident: false },
    });
    expect(outcome.marac.repeat).toBe(false);
    expect(outcome.marac.refer).toBe(false);
  });
});

describe("MARAC through assessCase", () => {
  it("14 neutral yes answers give visible-high-risk and not escalation-rule", () => {
    const outcome = assessBuilt({ answers: yesCount(14) });
    expect(outcome.marac.criteria).toEqual(["visible-high-risk"]);
  });

  it("strangulation gives escalation-rule and not visible-high-risk", () => {
    expect(assessBuilt({ answers: withYes("dash.strangulation") }).marac.criteria).toEqual(["escalation-rule"]);
  });

  it("pregnancy with injury (medium) gives no MARAC referral", () => {
    const outcome = assessBuilt({ answers: withYes("dash.injury"), context: { pregnant: "yes" } });
    expect(outcome.riskLevel).toBe("medium");
    expect(outcome.marac.criteria).not.toContain("escalation-rule");
    expect(outcome.marac.refer).toBe(false);
    expect(pathwayOf(outcome, "marac").decision).toBe("not-met");
  });

  it("potential escalation refers at standard level", () => {
    const outcome = assessBuilt({ context: { policeCallouts12m: 3 } });
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.marac).toMatchObject({ refer: true, criteria: ["potential-escalation"] });
  });

  it("two call-outs at standard level do not refer", () => {
    expect(assessBuilt({ context: { policeCallouts12m: 2 } }).marac.refer).toBe(false);
  });

  it("potential-escalation and repeat are listed alongside a high-level criterion", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.strangulation"),
      context: { policeCallouts12m: 5, previousMaracDates: ["2024-03-01"] },
    });
    expect(outcome.marac.criteria).toEqual(["escalation-rule", "potential-escalation", "repeat"]);
  });
});
