// @vitest-environment node
import { describe, expect, it } from "vitest";
import { assessCase } from "../../assess";
import { PRACTICE_WARNING_CODES } from "../../outcome";
import { dashIdsFor } from "../../question-sets/question-set-registry";
import {
  capacityIsNotTheTest,
  exploitationIsAbuse,
  historyAnsweredWithoutChecks,
  keyQuestionsUnresolved,
  riskOfPlace,
  supplementaryQuestionsNotAsked,
  timelineProgression,
  unrecordedContextFacts,
  victimSuicideRisk,
} from "../practice-prompts";
import { buildCase, notAsked, withNotKnown, withYes } from "../../__tests__/case-builder";

const DASH_24 = dashIdsFor("dash-ric-24");
const codes = (warnings: readonly ({ code: string } | null)[]) =>
  warnings.filter((w) => w !== null).map((w) => w!.code);

describe("practice prompts (decisions 2.x): visible gaps that never change the level", () => {
  it("a not-known strangulation answer below high names the key question", () => {
    const c = buildCase({ answers: withNotKnown("dash.strangulation") });
    expect(keyQuestionsUnresolved(c, DASH_24, "medium")?.evidence).toEqual(["dash.strangulation"]);
    expect(keyQuestionsUnresolved(c, DASH_24, "high")).toBeNull();
  });

  it("an unasked half of a combination rule is key only when the other half is yes", () => {
    const stalkingOnly = buildCase({ answers: { ...withYes("dash.stalking"), ...notAsked("dash.separation") } });
    expect(keyQuestionsUnresolved(stalkingOnly, DASH_24, "standard")?.evidence).toContain("dash.separation");
    const neither = buildCase({ answers: notAsked("dash.separation") });
    expect(keyQuestionsUnresolved(neither, DASH_24, "standard")).toBeNull();
  });

  it("history answered no without checks is flagged; with checks done it is not", () => {
    expect(historyAnsweredWithoutChecks(buildCase({}))?.evidence).toContain("dash.criminal-history");
    expect(historyAnsweredWithoutChecks(buildCase({ context: { perpetratorChecks: "done" } }))).toBeNull();
  });

  it("asks for the stalking and honour-based abuse questions when their triggers hold and none was asked", () => {
    const c = buildCase({ answers: { ...withYes("dash.stalking"), ...withNotKnown("dash.isolated") } });
    expect(codes(supplementaryQuestionsNotAsked(c))).toEqual([
      "stalking-questions-not-asked",
      "hbv-questions-not-asked",
    ]);
    const asked = buildCase({
      answers: {
        ...withYes("dash.stalking", "stalking.turns-up"),
        ...withNotKnown("dash.isolated"),
        "hbv.restricted": "no",
      },
    });
    expect(supplementaryQuestionsNotAsked(asked)).toEqual([]);
  });

  it("trigger plus escalation on the timeline is flagged, and the message never predicts", () => {
    const w = timelineProgression([
      { stage: 4, name: "Trigger", indicators: ["dash.separation"] },
      { stage: 5, name: "Escalation", indicators: ["dash.stalking"] },
    ]);
    expect(w?.evidence).toEqual(["dash.separation", "dash.stalking"]);
    expect(w?.message).not.toMatch(/will (kill|die)/i);
    expect(timelineProgression([{ stage: 5, name: "Escalation", indicators: ["dash.stalking"] }])).toBeNull();
  });

  it("suicide risk, high-rise housing, capacity and exploitation prompts", () => {
    expect(victimSuicideRisk(buildCase({ answers: withYes("dash.depressed-suicidal") }))?.code).toBe(
      "victim-suicide-risk",
    );
    expect(victimSuicideRisk(buildCase({}))).toBeNull();
    expect(riskOfPlace(buildCase({ context: { housing: "high-rise" } }))?.code).toBe("risk-of-place");
    expect(riskOfPlace(buildCase({ context: { housing: "settled" } }))).toBeNull();
    const capacity = (unableToProtectSelf: "yes" | "no" | "not-known") =>
      capacityIsNotTheTest(
        buildCase({ context: { careAndSupport: { capacity: "has-capacity", unableToProtectSelf } } }),
      );
    expect(capacity("no")?.code).toBe("capacity-is-not-the-test");
    expect(capacity("not-known")?.code).toBe("capacity-is-not-the-test");
    expect(capacity("yes")).toBeNull();
    expect(exploitationIsAbuse(buildCase({ context: { exploitation: ["cuckooing", "financial"] } }))?.evidence).toEqual(
      ["context.exploitation.cuckooing"],
    );
    expect(exploitationIsAbuse(buildCase({ context: { exploitation: ["financial"] } }))).toBeNull();
  });

  it("unrecorded children, unknown pregnancy and an order without an end date are listed as missing", () => {
    const fields = unrecordedContextFacts(
      buildCase({ context: { pregnant: "not-known", protectiveOrders: [{ type: "dvpo" }] } }),
    ).map((m) => m.field);
    expect(fields).toEqual(["context.children", "context.pregnant", "context.protectiveOrders[0].expires"]);
    expect(unrecordedContextFacts(buildCase({ context: { children: [] } }))).toEqual([]);
  });

  it("no prompt changes the level or makes the outcome provisional", () => {
    const c = buildCase({
      context: { perpetratorChecks: "done", children: [], housing: "high-rise", exploitation: ["cuckooing"] },
    });
    const outcome = assessCase(c);
    expect(outcome.provisional).toBe(false);
    expect(outcome.riskLevel).toBe("standard");
    expect(outcome.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["risk-of-place", "exploitation-is-abuse"]),
    );
    for (const w of outcome.warnings) {
      if ((PRACTICE_WARNING_CODES as readonly string[]).includes(w.code)) expect(w.evidence?.length).toBeGreaterThan(0);
    }
  });
});
