import { render, screen, within } from "@testing-library/react";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile } from "../../../domain/case-file";
import type { Outcome } from "../../../domain/outcome";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import { TimelineView } from "../timeline-view";

function outcomeFor(answers: Record<string, string>, context: Record<string, unknown> = {}): Outcome {
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
  return assessCase(validation.caseFile);
}

function stage(number: number): HTMLElement {
  return screen.getByRole("heading", { name: new RegExp(`^${number} `) }).closest("li")!;
}

describe("timeline view", () => {
  it("draws all eight stages in order with the caveat", () => {
    render(<TimelineView outcome={outcomeFor({})} />);
    expect(screen.getByText("This map helps spot progression. It is not a prediction.")).toBeInTheDocument();
    const headings = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      "1 Pre-relationship history",
      "2 Early relationship",
      "3 Relationship",
      "4 Trigger",
      "5 Escalation",
      "6 Change in thinking",
      "7 Planning",
      "8 Homicide",
    ]);
    expect(screen.queryByText("Evidence found")).not.toBeInTheDocument();
  });

  it("highlights stages 4 and 5 for separation, stalking and threats, listing the answers", () => {
    const outcome = outcomeFor(
      { "dash.separation": "yes", "dash.stalking": "yes", "dash.threats-to-kill": "yes" },
      { separation: { status: "recent" } },
    );
    render(<TimelineView outcome={outcome} />);

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
    const outcome = outcomeFor({ "dash.threats-to-kill": "yes" });
    const tampered: Outcome = {
      ...outcome,
      timeline: {
        stages: [...outcome.timeline.stages, { stage: 8, name: "Homicide", indicators: ["dash.weapons"] }],
        highestStage: 8,
      },
    };
    render(<TimelineView outcome={tampered} />);
    const homicide = stage(8);
    expect(homicide).not.toHaveClass("timeline__stage--evidence");
    expect(within(homicide).queryByText("Evidence found")).not.toBeInTheDocument();
    expect(within(homicide).getByText("Never marked on this map")).toBeInTheDocument();
  });
});
