// @vitest-environment node
import { describe, it, expect } from "vitest";
import type { CaseFile } from "../../case-file";
import { answerOf } from "../../case-facts";
import { questionById } from "../../question-sets/question-set-registry";
import { mapTimeline } from "../timeline";
import { assessBuilt, buildCase, withNotKnown, withYes, type CaseOptions } from "../../__tests__/case-builder";

// The same inputs assessCase passes: yes answers with their stages from the question data.
function timelineOf(caseFile: CaseFile, triggeringOrders: string[] = []) {
  return mapTimeline(caseFile, {
    stagesOfYesAnswers: Object.keys(caseFile.answers)
      .filter((id) => answerOf(caseFile, id) === "yes")
      .map((id) => ({ id, stages: questionById(id)?.timelineStages ?? [] })),
    triggeringOrders,
  });
}

const indicatorsAt = (options: CaseOptions, stage: number) =>
  timelineOf(buildCase(options)).stages.find((s) => s.stage === stage)?.indicators ?? [];

describe("timeline: nothing placed", () => {
  it("no stages and highestStage null on a plain case", () => {
    expect(timelineOf(buildCase())).toEqual({ stages: [], highestStage: null });
    expect(assessBuilt().timeline).toEqual({ stages: [], highestStage: null });
  });

  it("not-known answers place nothing", () => {
    expect(
      timelineOf(buildCase({ answers: withNotKnown("dash.stalking", "timeline.reconnaissance") })).highestStage,
    ).toBeNull();
  });
});

describe("stage 1: pre-relationship history", () => {
  it.each(["dash.criminal-history", "dash.hurt-others", "stalking.previous-stalking", "stalking.violent-past"])(
    "%s yes",
    (id) => {
      expect(indicatorsAt({ answers: withYes(id) }, 1)).toEqual([id]);
    },
  );

  it("every perpetratorHistory tag is a stage-1 indicator", () => {
    expect(indicatorsAt({ context: { perpetratorHistory: ["previous-da", "sexual-offences"] } }, 1)).toEqual([
      "context.perpetratorHistory.previous-da",
      "context.perpetratorHistory.sexual-offences",
    ]);
  });
});

describe("stage 2: early relationship", () => {
  it.each(["timeline.rapid-commitment", "timeline.early-pregnancy-pressure"])("%s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 2)).toEqual([id]);
  });
});

describe("stage 3: relationship", () => {
  it.each(["dash.controlling-jealous", "dash.isolated", "dash.financial", "dash.sexual-abuse"])("%s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 3)).toEqual([id]);
  });

  it("exploitation tags are stage-3 indicators", () => {
    expect(indicatorsAt({ context: { exploitation: ["cuckooing", "financial"] } }, 3)).toEqual([
      "context.exploitation.cuckooing",
      "context.exploitation.financial",
    ]);
  });
});

describe("stage 4: trigger", () => {
  it.each(["dash.separation", "dash.child-contact-conflict", "dash.pregnancy"])("%s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 4)).toEqual([id]);
  });

  it.each(["planned", "recent"] as const)("context.separation status %s", (status) => {
    expect(indicatorsAt({ context: { separation: { status } } }, 4)).toEqual(["context.separation"]);
  });

  it("context.separation status none is not a trigger", () => {
    expect(indicatorsAt({ context: { separation: { status: "none" } } }, 4)).toEqual([]);
  });

  it("context.pregnant yes", () => {
    expect(indicatorsAt({ context: { pregnant: "yes" } }, 4)).toEqual(["context.pregnant"]);
  });

  it("separation in both places is listed once for each source, never duplicated", () => {
    expect(
      indicatorsAt({ answers: withYes("dash.separation"), context: { separation: { status: "recent" } } }, 4),
    ).toEqual(["dash.separation", "context.separation"]);
  });

  it("a protective order expiring within the review window (through assessCase)", () => {
    const outcome = assessBuilt({
      context: { protectiveOrders: [{ type: "non-molestation", expires: "2024-03-20" }] },
    });
    expect(outcome.timeline.stages).toEqual([
      { stage: 4, name: "Trigger", indicators: ["context.protectiveOrders[0]"] },
    ]);
  });

  it("a protective order that expired recently (through assessCase)", () => {
    const outcome = assessBuilt({ context: { protectiveOrders: [{ type: "dvpo", expires: "2024-03-01" }] } });
    expect(outcome.timeline.stages.find((s) => s.stage === 4)?.indicators).toEqual(["context.protectiveOrders[0]"]);
  });

  it("an order in force with no expiry, or long expired, is not a trigger", () => {
    const outcome = assessBuilt({
      context: { protectiveOrders: [{ type: "restraining" }, { type: "dvpo", expires: "2023-01-01" }] },
    });
    expect(outcome.timeline.highestStage).toBeNull();
  });

  it("triggering orders passed in are placed at stage 4", () => {
    expect(timelineOf(buildCase(), ["context.protectiveOrders[2]"]).stages).toEqual([
      { stage: 4, name: "Trigger", indicators: ["context.protectiveOrders[2]"] },
    ]);
  });
});

describe("stage 5: escalation", () => {
  it.each([
    "dash.more-often",
    "dash.getting-worse",
    "dash.stalking",
    "dash.breach",
    "dash.perp-suicide",
    "dash.threats-to-kill",
  ])("%s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 5)).toEqual([id]);
  });

  it("dash.threatened-children yes (police form)", () => {
    expect(indicatorsAt({ questionSet: "dash-2009-police", answers: withYes("dash.threatened-children") }, 5)).toEqual([
      "dash.threatened-children",
    ]);
  });

  it.each([
    "stalking.very-frightened",
    "stalking.property-damage",
    "stalking.turns-up",
    "stalking.loitering",
    "stalking.threats-violence",
    "stalking.third-parties",
    "stalking.violent-to-others",
    "stalking.proxies",
    "stalking.substance-use",
  ])("the other stalking answer %s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 5)).toEqual([id]);
  });
});

describe("stage 6: change in thinking", () => {
  it.each(["timeline.final-resolution-talk", "timeline.sudden-calm"])("%s yes", (id) => {
    expect(indicatorsAt({ answers: withYes(id) }, 6)).toEqual([id]);
  });
});

describe("stage 7: planning", () => {
  it.each(["timeline.acquiring-weapons", "timeline.reconnaissance", "timeline.getting-victim-alone"])(
    "%s yes",
    (id) => {
      expect(indicatorsAt({ answers: withYes(id) }, 7)).toEqual([id]);
    },
  );
});

describe("the map as a whole", () => {
  it("stages are in order with their names, and highestStage is the highest with evidence", () => {
    const timeline = timelineOf(
      buildCase({
        answers: withYes("timeline.sudden-calm", "dash.criminal-history", "dash.stalking", "dash.isolated"),
        context: { separation: { status: "recent" } },
      }),
    );
    expect(timeline.stages.map((s) => [s.stage, s.name])).toEqual([
      [1, "Pre-relationship history"],
      [3, "Relationship"],
      [4, "Trigger"],
      [5, "Escalation"],
      [6, "Change in thinking"],
    ]);
    expect(timeline.highestStage).toBe(6);
  });

  it("stage 8 is never present, even with every indicator", () => {
    const everything = buildCase({
      questionSet: "dash-2009-police",
      answers: withYes(
        ...[
          "dash.criminal-history",
          "timeline.rapid-commitment",
          "dash.isolated",
          "dash.separation",
          "dash.stalking",
          "timeline.sudden-calm",
          "timeline.acquiring-weapons",
          "dash.threatened-children",
        ],
      ),
      context: { perpetratorHistory: ["weapons"], exploitation: ["trafficking"], pregnant: "yes" },
    });
    const timeline = timelineOf(everything);
    expect(timeline.stages.map((s) => s.stage)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(timeline.highestStage).toBe(7);
    expect(
      mapTimeline(everything, { stagesOfYesAnswers: [{ id: "x", stages: [8] }], triggeringOrders: [] }).stages.map(
        (s) => s.stage,
      ),
    ).not.toContain(8);
  });
});
