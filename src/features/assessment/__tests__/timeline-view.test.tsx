import { render, screen, within } from "@testing-library/react";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile, type CaseFile } from "../../../domain/case-file";
import type { Outcome } from "../../../domain/outcome";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import { TimelineView } from "../timeline-view";

function assessedFor(
  answers: Record<string, string>,
  context: Record<string, unknown> = {},
): { outcome: Outcome; caseFile: CaseFile } {
  const allNo = Object.fromEntries(dashIdsFor("dash-ric-24").map((id) => [id, "no"]));
  const validation = validateCaseFile({
    schemaVersion: 1,
    assessedAt: "2024-03-10T21:00:00Z",
    assessor: { role: "idva" },
    questionSet: "dash-ric-24",
    safeToAsk: "yes",
    answers: { ...allNo, ...answers },
    context: { perpetratorChecks: "done", ...context },
  });
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return { outcome: assessCase(validation.caseFile), caseFile: validation.caseFile };
}

function stage(number: number): HTMLElement {
  return screen.getByRole("heading", { name: new RegExp(`^Stage ${number}: `) }).closest("li")!;
}

describe("timeline view", () => {
  it("draws all eight stages in order with the caveat", () => {
    render(<TimelineView {...assessedFor({})} />);
    expect(screen.getByText("This map helps spot progression. It is not a prediction.")).toBeInTheDocument();
    // Numbered once, in words: the list shows no number of its own (timeline__stages, list-style none).
    const headings = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      "Stage 1: Pre-relationship history",
      "Stage 2: Early relationship",
      "Stage 3: Relationship",
      "Stage 4: Trigger",
      "Stage 5: Escalation",
      "Stage 6: Change in thinking",
      "Stage 7: Planning",
      "Stage 8: Homicide",
    ]);
    expect(screen.queryByText("Evidence found")).not.toBeInTheDocument();
  });

  it("highlights stages 4 and 5 for separation, stalking and threats, listing the answers", () => {
    const assessed = assessedFor(
      { "dash.separation": "yes", "dash.stalking": "yes", "dash.threats-to-kill": "yes" },
      { separation: { status: "recent" } },
    );
    render(<TimelineView {...assessed} />);

    const trigger = stage(4);
    expect(trigger).toHaveClass("timeline__stage--evidence");
    expect(within(trigger).getByText("Evidence found")).toBeInTheDocument();
    expect(
      within(trigger).getByText(/^Question \d+: Separated or tried to separate in the past year$/),
    ).toBeInTheDocument();
    expect(within(trigger).getByText("Separation")).toBeInTheDocument();

    const escalation = stage(5);
    expect(within(escalation).getByText("Evidence found")).toBeInTheDocument();
    expect(
      within(escalation).getByText("Question 8: Constant contact, following, stalking or harassment"),
    ).toBeInTheDocument();
    expect(
      within(escalation).getByText(/^Question \d+: Threatened to kill victim or someone else, and victim believed it$/),
    ).toBeInTheDocument();

    for (const other of [1, 2, 3, 6, 7]) {
      expect(within(stage(other)).queryByText("Evidence found")).not.toBeInTheDocument();
    }
    expect(screen.getAllByText("Evidence found")).toHaveLength(2);
  });

  it("never highlights stage 8, even if an outcome lists it", () => {
    const { outcome, caseFile } = assessedFor({ "dash.threats-to-kill": "yes" });
    const tampered: Outcome = {
      ...outcome,
      timeline: {
        stages: [...outcome.timeline.stages, { stage: 8, name: "Homicide", indicators: ["dash.weapons"] }],
        highestStage: 8,
      },
    };
    render(<TimelineView outcome={tampered} caseFile={caseFile} />);
    const homicide = stage(8);
    expect(homicide).not.toHaveClass("timeline__stage--evidence");
    expect(within(homicide).queryByText("Evidence found")).not.toBeInTheDocument();
    expect(within(homicide).getByText("Never marked on this map")).toBeInTheDocument();
  });

  it("says what the answers hold about a stage without evidence, never a bare 'no evidence'", () => {
    render(<TimelineView {...assessedFor({ "dash.stalking": "not-known" })} />);
    // Stage 3: every checklist question about it answered no.
    expect(
      within(stage(3)).getByText(/^No evidence: all \d+ questions about this stage answered no$/),
    ).toBeInTheDocument();
    // Stage 5: one of its questions answered not known.
    expect(
      within(stage(5)).getByText("Not known: 1 question about this stage not answered or answered not known"),
    ).toBeInTheDocument();
    // Stages 2, 6 and 7 come only from the timeline questions, which were not asked.
    for (const unasked of [2, 6, 7]) {
      expect(
        within(stage(unasked)).getByText("Nothing recorded for this stage: its questions were not asked"),
      ).toBeInTheDocument();
    }
    expect(screen.queryByText("No evidence recorded")).not.toBeInTheDocument();
  });
});
