// @vitest-environment node
import { describe, expect, it } from "vitest";
import { changedAnswers, changesSinceLastAssessment, nothingChanged } from "../assessment-changes";
import { assessBuilt, buildCase, withNotKnown, withYes, type CaseOptions } from "../../__tests__/case-builder";

const snapshot = (options: CaseOptions) => ({ caseFile: buildCase(options), outcome: assessBuilt(options) });

describe("changesSinceLastAssessment", () => {
  it("finds nothing when the same case is assessed again", () => {
    const options: CaseOptions = { answers: withYes("dash.injury"), context: { perpetratorChecks: "done" } };
    const changes = changesSinceLastAssessment(snapshot(options), snapshot(options));
    expect(nothingChanged(changes)).toBe(true);
    expect(changes.previousDate).toBe("2024-03-10");
  });

  it("names a new strangulation: the answer, the level, the colour, the new floor reason and the MARAC pathway", () => {
    const before = snapshot({ answers: withYes("dash.injury"), context: { perpetratorChecks: "done" } });
    const after = snapshot({
      answers: withYes("dash.injury", "dash.strangulation"),
      context: { perpetratorChecks: "done" },
    });
    const changes = changesSinceLastAssessment(before, after);
    expect(changes.answers).toEqual([{ id: "dash.strangulation", before: "no", after: "yes" }]);
    expect(changes.level).toEqual({ before: "standard", after: "high" });
    expect(changes.colour).toEqual({ before: "blue", after: "red" });
    expect(changes.newReasons.map((reason) => reason.rule)).toEqual(["strangulation"]);
    expect(changes.newReasons[0]!.evidence).toContain("dash.strangulation");
    expect(changes.droppedReasons).toEqual([]);
    expect(changes.pathways).toContainEqual({ pathway: "marac", before: "not-met", after: "refer" });
    expect(nothingChanged(changes)).toBe(false);
  });

  it("lists a rule that no longer applies, so a drop is looked at", () => {
    const before = snapshot({ answers: withYes("dash.threats-to-kill") });
    const after = snapshot({});
    const changes = changesSinceLastAssessment(before, after);
    expect(changes.droppedReasons.map((reason) => reason.rule)).toEqual(["threats-to-kill"]);
    expect(changes.newReasons).toEqual([]);
    expect(changes.level).toEqual({ before: "high", after: "standard" });
  });
});

describe("changedAnswers", () => {
  it("keeps not known apart from no, and a question not asked apart from both", () => {
    const before = buildCase({ answers: withNotKnown("dash.breach") });
    const after = buildCase({ answers: { "dash.breach": "no", "dash.stalking": undefined } });
    expect(changedAnswers(before, after)).toEqual([
      { id: "dash.breach", before: "not-known", after: "no" },
      { id: "dash.stalking", before: "no", after: "not-asked" },
    ]);
  });

  it("counts an answer given as an object the same as the bare value", () => {
    const before = buildCase({ answers: { "dash.injury": "yes" } });
    const after = buildCase({ answers: { "dash.injury": { answer: "yes", source: "observed", detail: "bruise" } } });
    expect(changedAnswers(before, after)).toEqual([]);
  });
});
