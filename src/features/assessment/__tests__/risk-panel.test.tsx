import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile } from "../../../domain/case-file";
import type { Outcome } from "../../../domain/outcome";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import { labelForWarning } from "../../../domain/labels/labels";
import { assertNoRawIds } from "../../../domain/labels/raw-ids";
import { evidenceLabel, RiskPanel } from "../risk-panel";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Outcomes come from the real engine, on small valid case files.
function outcomeFor(answers: Record<string, string>, extra: Record<string, unknown> = {}): Outcome {
  const allNo = Object.fromEntries(dashIdsFor("dash-ric-24").map((id) => [id, "no"]));
  const validation = validateCaseFile({
    schemaVersion: 1,
    assessedAt: "2024-03-10T21:00:00Z",
    assessor: { role: "police" },
    questionSet: "dash-ric-24",
    safeToAsk: "yes",
    answers: { ...allNo, ...answers },
    context: { perpetratorChecks: "done" },
    ...extra,
  });
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return assessCase(validation.caseFile);
}

describe("risk panel", () => {
  it("shows a strangulation case as High, in words, with the rule's reason", () => {
    const outcome = outcomeFor({ "dash.strangulation": "yes" });
    expect(outcome.riskLevel).toBe("high");
    render(<RiskPanel outcome={outcome} />);

    expect(screen.getByText(/Risk level:/)).toHaveTextContent("Risk level: High");
    expect(screen.queryByText("Provisional")).not.toBeInTheDocument();
    expect(screen.getByText("High — rule floor: strangulation")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Why the level is at least High" })).toBeInTheDocument();
    for (const escalation of outcome.escalations) expect(screen.getByText(escalation.reason)).toBeInTheDocument();
    expect(outcome.escalations.some((escalation) => escalation.rule === "strangulation")).toBe(true);
    expect(screen.getByText("Yes 1 of 24 · Not known 0 (shown separately) · Not asked 0")).toBeInTheDocument();
    expect(screen.getByText(/BRAG:/)).toHaveTextContent(/BRAG: (Blue|Green|Amber|Red)/);
  });

  it("lists every pathway with its decision and the MARAC criteria", () => {
    const outcome = outcomeFor({ "dash.strangulation": "yes" });
    render(<RiskPanel outcome={outcome} />);

    const pathways = screen.getByRole("heading", { name: "Pathways" }).nextElementSibling as HTMLElement;
    const items = within(pathways)
      .getAllByRole("listitem")
      .filter((item) => item.parentElement === pathways);
    expect(items).toHaveLength(outcome.pathways.length);
    expect(within(pathways).getByText("MARAC").parentElement).toHaveTextContent(/MARAC: Refer/);
    expect(within(pathways).getByText("IDVA").parentElement).toHaveTextContent(/IDVA: Refer/);
    expect(screen.getByRole("heading", { name: "MARAC criteria" })).toBeInTheDocument();
    expect(screen.getByText("A stand-alone high-risk indicator")).toBeInTheDocument();
  });

  it("marks a case with not-known answers provisional and lists them as things to find out", async () => {
    const user = userEvent.setup();
    const onGoToQuestion = vi.fn();
    const outcome = outcomeFor({ "dash.stalking": "not-known", "dash.weapons": "not-known" });
    expect(outcome.provisional).toBe(true);
    render(<RiskPanel outcome={outcome} onGoToQuestion={onGoToQuestion} />);

    expect(screen.getByText("Provisional")).toBeInTheDocument();
    expect(screen.getByText(/^Standard — from the score: 0 yes of 24; provisional: 2 not known/)).toBeInTheDocument();
    expect(screen.getByText(/Not known 2 \(shown separately\)/)).toBeInTheDocument();
    const warnings = screen.getByRole("heading", { name: "Warnings" }).nextElementSibling as HTMLElement;
    for (const warning of outcome.warnings) {
      expect(within(warnings).getByText(labelForWarning(warning.code))).toBeInTheDocument();
      expect(within(warnings).getByText(new RegExp(escapeRegExp(warning.message)))).toBeInTheDocument();
    }
    assertNoRawIds(warnings.textContent ?? "", "warnings");

    const todo = screen.getByRole("heading", { name: "Still to find out" }).nextElementSibling as HTMLElement;
    const stalking = within(todo).getByRole("button", {
      name: "Question 8: Constant contact, following, stalking or harassment",
    });
    await user.click(stalking);
    expect(onGoToQuestion).toHaveBeenCalledWith("answers.dash.stalking");
    expect(within(todo).getAllByRole("button")).toHaveLength(outcome.missingInformation.length);
  });

  it("makes context paths readable with the shared labels", () => {
    expect(evidenceLabel("context.perpetratorChecks")).toBe("History checks on the person causing harm");
    expect(evidenceLabel("context.perpetratorHistory.previous-da")).toBe(
      "Known history of the person causing harm: previous domestic abuse",
    );
    expect(evidenceLabel("context.protectiveOrders[0]")).toBe("Protective order 1");
    expect(evidenceLabel("previousAssessments[1]")).toBe("Previous assessment 2");
    expect(evidenceLabel("context.separation")).toBe("Separation");
  });

  it("says Not assessed yet before any answer, never Standard", () => {
    const outcome = outcomeFor({}, { answers: {} });
    expect(outcome.riskLevel).toBe("standard");
    render(<RiskPanel outcome={outcome} />);

    expect(screen.getByText(/Risk level:/)).toHaveTextContent("Risk level: Not assessed yet");
    expect(screen.getByText("Not assessed yet: none of the 24 questions has been answered")).toBeInTheDocument();
    expect(screen.queryByText(/Standard/)).not.toBeInTheDocument();
  });

  it("says observed, not asked when the case file shows every answer was observed", () => {
    const validation = validateCaseFile({
      schemaVersion: 1,
      assessedAt: "2024-03-10T21:00:00Z",
      assessor: { role: "police" },
      questionSet: "dash-ric-24",
      safeToAsk: "no",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
    });
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    render(<RiskPanel outcome={assessCase(validation.caseFile)} caseFile={validation.caseFile} />);

    expect(screen.getByText(/^High — rule floor: strangulation; observed, not asked/)).toBeInTheDocument();
    expect(screen.getByText("Provisional")).toBeInTheDocument();
  });

  it("announces only changes of level in a polite live region", () => {
    const standard = outcomeFor({});
    const { container, rerender } = render(<RiskPanel outcome={standard} />);
    const live = container.querySelector('[aria-live="polite"]');
    expect(live).toBeEmptyDOMElement();

    rerender(<RiskPanel outcome={standard} />);
    expect(live).toBeEmptyDOMElement();

    // Becoming provisional changes what the level means: it is announced.
    rerender(<RiskPanel outcome={outcomeFor({ "dash.injury": "not-known" })} />);
    expect(live).toHaveTextContent("Risk level is now Standard (provisional)");

    rerender(<RiskPanel outcome={outcomeFor({ "dash.threats-to-kill": "yes" })} />);
    expect(live).toHaveTextContent("Risk level is now High");
  });
});
