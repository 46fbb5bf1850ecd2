import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile } from "../../../domain/case-file";
import type { Outcome } from "../../../domain/outcome";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import { evidenceLabel, RiskPanel } from "../risk-panel";

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
    expect(screen.getByText("Escalation rule")).toBeInTheDocument();
  });

  it("marks a case with not-known answers provisional and lists them as things to find out", async () => {
    const user = userEvent.setup();
    const onGoToQuestion = vi.fn();
    const outcome = outcomeFor({ "dash.stalking": "not-known", "dash.weapons": "not-known" });
    expect(outcome.provisional).toBe(true);
    render(<RiskPanel outcome={outcome} onGoToQuestion={onGoToQuestion} />);

    expect(screen.getByText("Provisional")).toBeInTheDocument();
    expect(screen.getByText(/Not known 2 \(shown separately\)/)).toBeInTheDocument();
    const warnings = screen.getByRole("heading", { name: "Warnings" }).nextElementSibling as HTMLElement;
    for (const warning of outcome.warnings) expect(within(warnings).getByText(warning.message)).toBeInTheDocument();

    const todo = screen.getByRole("heading", { name: "Still to find out" }).nextElementSibling as HTMLElement;
    const stalking = within(todo).getByRole("button", { name: "Constant contact, following, stalking or harassment" });
    await user.click(stalking);
    expect(onGoToQuestion).toHaveBeenCalledWith("answers.dash.stalking");
    expect(within(todo).getAllByRole("button")).toHaveLength(outcome.missingInformation.length);
  });

  it("makes context paths readable", () => {
    expect(evidenceLabel("context.perpetratorChecks")).toBe("Police or agency checks on the perpetrator");
    expect(evidenceLabel("context.perpetratorHistory.previous-da")).toBe("Perpetrator history: previous da");
    expect(evidenceLabel("context.protectiveOrders[0]")).toBe("Protective order 1");
    expect(evidenceLabel("previousAssessments[1]")).toBe("Previous assessment 2");
    expect(evidenceLabel("context.separation")).toBe("Separation");
  });

  it("announces only changes of level in a polite live region", () => {
    const standard = outcomeFor({});
    const { container, rerender } = render(<RiskPanel outcome={standard} />);
    const live = container.querySelector('[aria-live="polite"]');
    expect(live).toHaveTextContent("");

    rerender(<RiskPanel outcome={outcomeFor({ "dash.injury": "not-known" })} />);
    expect(live).toHaveTextContent("");

    rerender(<RiskPanel outcome={outcomeFor({ "dash.threats-to-kill": "yes" })} />);
    expect(live).toHaveTextContent("Risk level is now High");
  });
});
