// @vitest-environment node
import { describe, expect, it } from "vitest";
import { buildCase, withNo, withNotKnown } from "../../__tests__/case-builder";
import { SUPPLEMENTARY_QUESTIONS } from "../../question-sets/question-set-registry";
import { stageCoverage } from "../timeline-coverage";

const timelineIdsAt = (stage: number): string[] =>
  SUPPLEMENTARY_QUESTIONS.filter((question) => question.timelineStages.includes(stage)).map((question) => question.id);

describe("timeline coverage of a stage without evidence", () => {
  it("says nothing was recorded when no question about the stage was asked (stage 6 comes only from the timeline questions)", () => {
    expect(stageCoverage(buildCase(), 6)).toEqual({ kind: "nothing-recorded" });
  });

  it("counts every checklist question about a stage answered no as checked", () => {
    // Every checklist question is "no" by default; stage 5 has several.
    const coverage = stageCoverage(buildCase(), 5);
    expect(coverage.kind).toBe("answered-no");
    expect(coverage.kind === "answered-no" && coverage.questions).toBeGreaterThan(3);
  });

  it("adds an optional question once it is answered", () => {
    const ids = timelineIdsAt(6);
    const answered = buildCase({ answers: withNo(...ids) });
    expect(stageCoverage(answered, 6)).toEqual({ kind: "answered-no", questions: ids.length });
  });

  it("says not known while a question about it is unanswered or not known, never 'checked'", () => {
    expect(stageCoverage(buildCase({ answers: withNotKnown("dash.stalking") }), 5)).toEqual({
      kind: "not-known",
      questions: 1,
    });
    const unanswered = stageCoverage(buildCase({ base: "empty" }), 5);
    expect(unanswered.kind).toBe("not-known");
  });
});
