// The Assessment section: pick an open case, then the (lazily loaded) assessment screen opens for it.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { unlockedSession } from "../../testing/test-vault";
import { AssessmentSection } from "../assessment-section";
import {
  answersWith,
  completeAssessment,
  sessionWithCase,
} from "../../features/assessment/__tests__/assessment-fixtures";

describe("assessment section", () => {
  it("says so when there is no open case", async () => {
    const session = await unlockedSession();
    render(<AssessmentSection session={session} />);
    expect(await screen.findByText(/There are no open cases/)).toBeInTheDocument();
  });

  it("lists open cases and opens the assessment for the one chosen, then returns to the list", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victimName: "", notes: "" } });
    await session.saveCase({ details: { victimName: "", notes: "" } });
    render(<AssessmentSection session={session} />);

    expect(
      await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^Assess case \d/ })).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: /^Assess case 2/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Who is assessing" })).toBeInTheDocument();
    expect(screen.getByRole("complementary", { name: "Risk so far" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save and close" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" }),
    ).toBeInTheDocument();
  });

  it("opens the case given as initialCaseId straight away, and Back returns to the list", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victimName: "", notes: "" } });
    const chosen = await session.saveCase({ details: { victimName: "", notes: "" } });
    render(<AssessmentSection session={session} initialCaseId={chosen.id} />);

    expect(await screen.findByRole("heading", { level: 1, name: "Who is assessing" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Your role"), "idva");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(await screen.findByRole("button", { name: "Back" }));
    await user.click(screen.getByRole("button", { name: "Save and close" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" }),
    ).toBeInTheDocument();
    const inProgress = screen.getByRole("button", { name: /^Assess case 2/ }).closest("li")!;
    expect(inProgress).toHaveTextContent("An assessment is in progress");
    expect(screen.getByRole("button", { name: /^Assess case 1/ }).closest("li")).not.toHaveTextContent(
      "An assessment is in progress",
    );
  });

  it("opens a completed assessment read-only from the case choice: answers, outcome, timeline and judgement", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await completeAssessment(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
      professionalJudgement: { level: "high", rationale: "Marks on her neck at the door" },
    });
    render(<AssessmentSection session={session} />);

    const completed = await screen.findByRole("list", { name: "Completed assessments of case 1" });
    await user.click(within(completed).getByRole("button", { name: /^View assessment of .*: High risk/ }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Assessment completed: High risk" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/This record is read-only/)).toBeInTheDocument();
    expect(screen.getByText("Professional judgement", { selector: "dt" }).closest("div")).toHaveTextContent(
      "High: Marks on her neck at the door",
    );
    expect(
      screen.getByText("Tried to strangle, choke, suffocate or drown", { selector: "dt" }).closest("div"),
    ).toHaveTextContent("Yes");
    expect(screen.getByRole("heading", { name: "Homicide timeline" })).toBeInTheDocument();
    expect(screen.getByRole("complementary", { name: "Outcome" })).toHaveTextContent("Risk level: High");
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /Change/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Complete assessment" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" }),
    ).toBeInTheDocument();
  });

  it("keeps a closed case's completed assessments readable, but offers no new assessment of it", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await completeAssessment(session, caseId, { answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }) });
    await session.saveCase({ id: caseId, details: { victimName: "", notes: "" }, status: "closed" });
    await session.saveCase({ details: { victimName: "", notes: "" }, status: "closed" }); // closed, never assessed: not listed
    render(<AssessmentSection session={session} />);

    const completed = await screen.findByRole("list", { name: "Completed assessments of case 1" });
    expect(screen.getByText(/There are no open cases/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Assess case/ })).not.toBeInTheDocument();
    expect(screen.getByText("Case 1 (closed)")).toBeInTheDocument();
    expect(screen.queryByText(/Case 2/)).not.toBeInTheDocument();
    await user.click(within(completed).getByRole("button", { name: /^View assessment of .*: High risk/ }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Assessment completed: High risk" }),
    ).toBeInTheDocument();
  });
});
