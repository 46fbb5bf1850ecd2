import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { assessCase } from "../../../domain/assess";
import { validateCaseFile } from "../../../domain/case-file";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import { JudgementForm } from "../judgement-form";

/** The computed level from the real engine (no judgement in the case). */
function computedLevelFor(answers: Record<string, string>) {
  const allNo = Object.fromEntries(dashIdsFor("dash-ric-24").map((id) => [id, "no"]));
  const validation = validateCaseFile({
    schemaVersion: 1,
    assessedAt: "2024-03-10T21:00:00Z",
    assessor: { role: "police" },
    questionSet: "dash-ric-24",
    safeToAsk: "yes",
    answers: { ...allNo, ...answers },
    context: { perpetratorChecks: "done" },
  });
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return assessCase(validation.caseFile).riskLevel;
}

const LOWER_REFUSED = "Judgement can raise the level, never lower it. The answers and rules already give High.";

describe("professional judgement form", () => {
  it("refuses a level below the computed one, with an error summary linked to the field", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const computed = computedLevelFor({ "dash.strangulation": "yes" });
    expect(computed).toBe("high");
    render(<JudgementForm computedLevel={computed} onChange={onChange} />);

    await user.click(screen.getByRole("radio", { name: "Medium" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "She seemed calmer once he had left.");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: LOWER_REFUSED })).toHaveAttribute("href", "#judgement-level");
    // Focus moves in an effect after the summary renders: wait for it rather than race it.
    await waitFor(() => expect(summary).toHaveFocus());
    const group = screen.getByRole("group", { name: "Level you judge the risk to be" });
    expect(within(group).getByText(LOWER_REFUSED)).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();

    await user.click(within(summary).getByRole("link", { name: LOWER_REFUSED }));
    expect(screen.getByRole("radio", { name: "Standard" })).toHaveFocus();
  });

  it("refuses an empty rationale", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<JudgementForm computedLevel="medium" onChange={onChange} />);

    await user.click(screen.getByRole("radio", { name: "High" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "   ");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Explain why, in your own words" })).toHaveAttribute(
      "href",
      "#judgement-rationale",
    );
    expect(screen.getByLabelText("Why? (rationale)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Why? (rationale)")).toHaveAccessibleDescription(/Explain why, in your own words/);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("accepts a higher level with a rationale", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const computed = computedLevelFor({ "dash.injury": "yes" });
    expect(computed).toBe("standard");
    render(<JudgementForm computedLevel={computed} onChange={onChange} />);

    await user.click(screen.getByRole("radio", { name: "High" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "He was watching the house from his car.");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));

    expect(onChange).toHaveBeenCalledWith({ level: "high", rationale: "He was watching the house from his car." });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Judgement saved.");
  });

  it("accepts a judgement equal to the computed level", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<JudgementForm computedLevel="medium" onChange={onChange} />);

    await user.click(screen.getByRole("radio", { name: "Medium" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "Agree with the checklist.");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));
    expect(onChange).toHaveBeenCalledWith({ level: "medium", rationale: "Agree with the checklist." });
  });

  it("shows the current judgement and removes it", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <JudgementForm
        computedLevel="standard"
        current={{ level: "high", rationale: "Fear of the brother." }}
        onChange={onChange}
      />,
    );

    expect(screen.getByRole("radio", { name: "High" })).toBeChecked();
    expect(screen.getByLabelText("Why? (rationale)")).toHaveValue("Fear of the brother.");
    await user.click(screen.getByRole("button", { name: "Remove judgement" }));
    expect(onChange).toHaveBeenCalledWith(undefined);
  });
});
