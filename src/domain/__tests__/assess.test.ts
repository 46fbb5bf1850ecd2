// @vitest-environment node
import { describe, it, expect } from "vitest";
import { assessCase } from "../assess";
import { validateCaseFile } from "../case-file";
import { CONTRACT_WARNING_CODES, PATHWAYS, PRACTICE_WARNING_CODES } from "../outcome";
import { DEFAULT_POLICY } from "../policy";
import {
  ASSESSED_AT,
  assessBuilt,
  buildCase,
  policyWith,
  rawCase,
  warningCodes,
  withNotKnown,
  withYes,
  yesCount,
  type CaseOptions,
} from "./case-builder";

describe("the test case builder", () => {
  it("builds a valid dash-ric-24 case: 24 × no, police, safe to ask, checks not set", () => {
    const caseFile = buildCase();
    expect(caseFile).toMatchObject({
      schemaVersion: 1,
      assessedAt: ASSESSED_AT,
      assessor: { role: "police" },
      questionSet: "dash-ric-24",
      safeToAsk: "yes",
    });
    expect(Object.values(caseFile.answers)).toEqual(Array(24).fill("no"));
    expect(caseFile.context?.perpetratorChecks).toBeUndefined();
  });

  it("throws instead of returning an invalid case", () => {
    expect(() => buildCase({ answers: withYes("dash.hurt-children") })).toThrow(/answers\.dash\.hurt-children/);
  });
});

const busyCase: CaseOptions = {
  caseId: "case-42",
  answers: {
    ...yesCount(5),
    ...withYes("dash.stalking", "stalking.turns-up", "hbv.restricted", "timeline.sudden-calm", "brag.violence"),
    ...withNotKnown("dash.weapons"),
  },
  context: {
    policeCallouts12m: 2,
    previousMaracDates: ["2023-11-01"],
    safeguardingConcerns: [{ date: "2024-01-01" }],
    children: [{ age: 3, relationshipToPerpetrator: "child" }],
    pregnant: "not-known",
    separation: { status: "planned", date: "2024-04-01" },
    victimRetracted: true,
    perpetratorChecks: "pending",
    perpetratorHistory: ["previous-da", "breach-of-orders"],
    careAndSupport: { needs: "yes", needsKinds: ["mental-ill-health"], capacity: "has-capacity" },
    exploitation: ["financial"],
    housing: "temporary",
    substanceUse: ["alcohol"],
    movedArea: true,
    protectiveOrders: [{ type: "non-molestation", granted: "2023-09-01", expires: "2024-03-25" }],
    nonDisclosure: ["context.separation", "dash.stalking"],
  },
  professionalJudgement: { level: "medium", rationale: "fear is rising" },
  bragJudgement: { colour: "green", rationale: "coping" },
  previousAssessments: [{ date: "2023-12-01", riskLevel: "high", agency: "police" }],
};

describe("determinism", () => {
  it.each<[string, CaseOptions]>([
    ["a plain case", {}],
    ["a busy case touching every rule", busyCase],
  ])("assessCase twice on %s gives deep-equal outcomes", (_name, options) => {
    const caseFile = buildCase(options);
    expect(assessCase(caseFile)).toEqual(assessCase(caseFile));
    expect(assessCase(caseFile, policyWith({ reviewDays: 14 }))).toEqual(
      assessCase(caseFile, policyWith({ reviewDays: 14 })),
    );
  });

  it("assessCase does not change the case it is given", () => {
    const caseFile = buildCase(busyCase);
    const before = structuredClone(caseFile);
    assessCase(caseFile);
    expect(caseFile).toEqual(before);
  });

  it("the outcome is the same whatever the host machine's time zone", () => {
    const original = process.env.TZ;
    try {
      const caseFile = buildCase({ ...busyCase, assessedAt: "2024-06-30T23:30:00Z" });
      process.env.TZ = "UTC";
      const utc = assessCase(caseFile);
      process.env.TZ = "America/Los_Angeles";
      const la = assessCase(caseFile);
      expect(la).toEqual(utc);
      expect(utc.assessmentDate).toBe("2024-07-01");
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("the outcome's envelope", () => {
  it("records schemaVersion, the policy, the London assessment date and echoes the caseId", () => {
    const outcome = assessBuilt({ caseId: "abc" }, policyWith({ highRiskYesCount: 12 }));
    expect(outcome).toMatchObject({
      schemaVersion: 1,
      caseId: "abc",
      policy: { name: "test-policy", version: 1 },
      assessmentDate: "2024-03-10",
    });
    expect(assessBuilt().policy).toEqual({ name: DEFAULT_POLICY.name, version: DEFAULT_POLICY.version });
    expect("caseId" in assessBuilt()).toBe(false);
  });

  it("carries nonDisclosure through unchanged", () => {
    expect(assessBuilt({ context: { nonDisclosure: ["context.pregnant", "dash.pregnancy"] } }).nonDisclosure).toEqual([
      "context.pregnant",
      "dash.pregnancy",
    ]);
    expect(assessBuilt().nonDisclosure).toEqual([]);
  });

  it("lists every pathway, in the contract's order", () => {
    expect(assessBuilt(busyCase).pathways.map((p) => p.pathway)).toEqual([...PATHWAYS]);
  });

  it("the level is never lower than the rule floor or the score band", () => {
    const outcome = assessBuilt(busyCase);
    const rank = ["standard", "medium", "high"];
    expect(rank.indexOf(outcome.riskLevel)).toBeGreaterThanOrEqual(rank.indexOf(outcome.ruleFloor));
    expect(rank.indexOf(outcome.riskLevel)).toBeGreaterThanOrEqual(rank.indexOf(outcome.scoreBand));
  });
});

describe("warnings given by assessCase directly", () => {
  it("moved-area when context.movedArea is true, not when false", () => {
    expect(warningCodes(assessBuilt({ context: { movedArea: true } }))).toContain("moved-area");
    expect(warningCodes(assessBuilt({ context: { movedArea: false } }))).not.toContain("moved-area");
  });

  it("honour-based-abuse for any hbv.* yes, with the ids as evidence", () => {
    const outcome = assessBuilt({ answers: withYes("hbv.documents-controlled") });
    expect(outcome.warnings.find((w) => w.code === "honour-based-abuse")?.evidence).toEqual([
      "hbv.documents-controlled",
    ]);
    expect(warningCodes(assessBuilt({ answers: withNotKnown("hbv.documents-controlled") }))).not.toContain(
      "honour-based-abuse",
    );
  });

  it("retraction-does-not-lower-risk when the victim retracted", () => {
    expect(warningCodes(assessBuilt({ context: { victimRetracted: true } }))).toContain(
      "retraction-does-not-lower-risk",
    );
    expect(warningCodes(assessBuilt({ context: { victimRetracted: false } }))).not.toContain(
      "retraction-does-not-lower-risk",
    );
  });

  it("every warning code the busy case raises is fixed by the contract or documented as a project addition", () => {
    const known: string[] = [...CONTRACT_WARNING_CODES, ...PRACTICE_WARNING_CODES];
    expect(CONTRACT_WARNING_CODES).toHaveLength(17);
    for (const code of warningCodes(assessBuilt(busyCase))) expect(known).toContain(code);
  });
});

describe("a worked case: the busy case end to end", () => {
  const outcome = assessBuilt(busyCase);

  it("carries the previous high level forward (provisional and retracted) and refuses the lower judgement", () => {
    expect(outcome.provisional).toBe(true);
    expect(outcome.riskLevel).toBe("high");
    expect(outcome.escalations.map((e) => e.rule)).toEqual(["carry-forward"]);
    expect(outcome.professionalJudgement.applied).toBe(false);
    expect(warningCodes(outcome)).toEqual(
      expect.arrayContaining([
        "previous-level-carried-forward",
        "judgement-cannot-lower",
        "brag-judgement-cannot-lower",
        "repeat-marac",
        "order-expiring",
        "moved-area",
        "children-at-risk",
      ]),
    );
  });

  it("refers to MARAC as carried-forward and repeat; BRAG red; reviewBy at the order's expiry", () => {
    expect(outcome.marac.criteria).toEqual(["carried-forward", "repeat"]);
    expect(outcome.brag).toBe("red");
    expect(outcome.reviewBy).toBe("2024-03-25");
  });

  it("the same JSON validated again gives the same outcome", () => {
    const again = validateCaseFile(JSON.parse(JSON.stringify(rawCase(busyCase))));
    expect(again.ok).toBe(true);
    if (again.ok) expect(assessCase(again.caseFile)).toEqual(outcome);
  });
});
