// Check your answers when the BRAG and timeline questions (optional: they hold no checklist
// question) were passed over: each section says "Not answered" with a Change link back to it,
// instead of a heading over nothing.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AssessmentScreen } from "../assessment-screen";
import { answersWith, seedDraft, sessionWithCase } from "./assessment-fixtures";

describe("check your answers: sections passed over", () => {
  it('shows "Not answered" with a Change link for skipped BRAG and timeline sections', async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: answersWith("dash-ric-24"),
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });

    for (const title of ["Vulnerability (BRAG)", "Timeline indicators"]) {
      const section = screen.getByRole("region", { name: title });
      const rows = within(section).getAllByRole("term");
      expect(rows.map((row) => row.textContent)).toEqual(["Answers"]);
      expect(within(section).getByText("Not answered")).toBeInTheDocument();
      expect(
        within(section).getByRole("button", { name: `Change answers to ${title.toLowerCase()}` }),
      ).toBeInTheDocument();
    }

    await user.click(screen.getByRole("button", { name: "Change answers to timeline indicators" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Timeline indicators" })).toBeInTheDocument();
  });

  it("lists the answers of an optional section once one is given, and no 'Not answered' row", async () => {
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: { ...answersWith("dash-ric-24"), "brag.no-money": { answer: "yes" } },
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    const brag = screen.getByRole("region", { name: "Vulnerability (BRAG)" });
    expect(within(brag).queryByText("Not answered")).not.toBeInTheDocument();
    expect(within(brag).getAllByRole("term")).toHaveLength(1);
  });
});
