import { DEFAULT_POLICY } from "../../../domain/policy";
import { assessDraft, emptyDraft, type AssessmentDraft } from "../assessment-draft";
import { describeLevelChange, type DraftState } from "../level-change";

// States come from the real engine, on drafts as the screen holds them.
function stateOf(answers: AssessmentDraft["answers"], change: Partial<AssessmentDraft> = {}): DraftState {
  const draft: AssessmentDraft = {
    ...emptyDraft("case-1"),
    assessor: { role: "police" },
    safeToAsk: "yes",
    answers,
    ...change,
  };
  const result = assessDraft(draft, {}, DEFAULT_POLICY);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return { answers, outcome: result.outcome };
}

describe("what moved the risk level", () => {
  it("names the rule that now sets the level with the answer that triggered it", () => {
    const before = stateOf({ "dash.injury": { answer: "no" } });
    const after = stateOf({ "dash.injury": { answer: "no" }, "dash.strangulation": { answer: "yes" } });
    expect(describeLevelChange(before, after)).toBe("strangulation answered yes");
  });

  it("otherwise names the changed question by its risk factor and the answer given", () => {
    const before = stateOf({});
    const after = stateOf({ "dash.injury": { answer: "no" } });
    expect(describeLevelChange(before, after)).toBe("injury in this incident answered no");
  });

  it("says when an answer was taken back, and ignores a change of detail or source alone", () => {
    const answered = stateOf({ "dash.strangulation": { answer: "yes" }, "dash.injury": { answer: "no" } });
    const detailOnly = stateOf({
      "dash.strangulation": { answer: "yes", detail: "twice", source: "observed" },
      "dash.injury": { answer: "no" },
    });
    const removed = stateOf({ "dash.injury": { answer: "no" } });
    expect(describeLevelChange(answered, removed)).toBe(
      "tried to strangle, choke, suffocate or drown no longer answered",
    );
    expect(describeLevelChange(answered, detailOnly)).toBe("a fact recorded in this assessment");
  });

  it("names a professional judgement when no answer changed", () => {
    const answers = { "dash.injury": { answer: "no" as const } };
    const before = stateOf(answers);
    const after = stateOf(answers, { professionalJudgement: { level: "high", rationale: "He has a gun licence" } });
    expect(describeLevelChange(before, after)).toBe("professional judgement recorded");
    expect(describeLevelChange(after, before)).toBe("professional judgement taken away");
  });
});
