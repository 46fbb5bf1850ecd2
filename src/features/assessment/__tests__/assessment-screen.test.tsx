import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { questionById } from "../../../domain/question-sets/question-set-registry";
import { AssessmentScreen } from "../assessment-screen";
import { sessionWithCase } from "./assessment-fixtures";

const wording = (id: string): string => questionById(id)!.wording;

async function chooseRole(user: UserEvent, role: string): Promise<void> {
  await user.selectOptions(await screen.findByLabelText("Your role"), role);
  await user.click(screen.getByRole("button", { name: "Continue" }));
}

async function answerGate(user: UserEvent, answer: "Yes" | "No" | "Not known"): Promise<void> {
  const gate = await screen.findByRole("group", { name: /Is it safe to ask the questions now\?/ });
  await user.click(within(gate).getByRole("radio", { name: answer }));
}

/** Clicks Continue until the question's fieldset is on screen. */
async function goToQuestion(user: UserEvent, id: string): Promise<HTMLElement> {
  for (let i = 0; i < 12; i += 1) {
    const group = screen.queryByRole("group", { name: wording(id) });
    if (group) return group;
    await user.click(screen.getByRole("button", { name: "Continue" }));
  }
  throw new Error(`question ${id} never appeared`);
}

async function goToHeading(user: UserEvent, name: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    if (screen.queryByRole("heading", { level: 1, name })) return;
    await user.click(screen.getByRole("button", { name: "Continue" }));
  }
  throw new Error(`heading ${name} never appeared`);
}

describe("assessment screen", () => {
  it("does not show the questions when it is not safe to ask, but offers the observed/records path", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "police");
    await answerGate(user, "No");

    expect(screen.queryByRole("group", { name: wording("dash.injury") })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Continue" })).not.toBeInTheDocument();
    expect(screen.getByText(/Agree a safe way and time to come back/)).toBeInTheDocument();
    expect(screen.getByLabelText("Why is it not safe to ask now?")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Record what you saw or know from records" })).toBeInTheDocument();
  });

  it("counts a strangulation mark seen at the door when it was not safe to ask, and completes as High", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "police");
    await answerGate(user, "No");
    await user.type(screen.getByLabelText("Why is it not safe to ask now?"), "He answered the door");
    await user.click(screen.getByRole("button", { name: "Record what you saw or know from records" }));

    const group = await goToQuestion(user, "dash.strangulation");
    await user.click(within(group).getByRole("radio", { name: "Yes" }));
    // The answer's detail and source wait behind a toggle; its source is the default until changed,
    // and only what was seen or is on record can be chosen.
    const more = within(group).getByRole("button", { name: "Add detail or a different source" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    expect(within(group).queryByRole("combobox", { name: "Source of this answer" })).not.toBeInTheDocument();
    await user.click(more);
    const source = within(group).getByRole("combobox", { name: "Source of this answer" });
    expect(source).toHaveValue("");
    expect(
      within(source)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["As chosen for all answers: Observed", "Observed", "Records"]);

    await goToHeading(user, "Check your answers");
    // Every other question is unanswered: each is listed with a link back to it, and completing asks why.
    const unanswered = screen.getByRole("region", { name: /^\d+ questions are not answered$/ });
    const count = Number.parseInt(within(unanswered).getByRole("heading").textContent ?? "", 10);
    expect(count).toBeGreaterThan(20);
    expect(within(unanswered).getAllByRole("button")).toHaveLength(count);
    expect(within(unanswered).getByRole("button", { name: /^Question 1: / })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    const problems = await screen.findByRole("alert");
    await user.click(within(problems).getByRole("link", { name: "Say why some questions were not answered" }));
    expect(screen.getByRole("radio", { name: "The assessment was interrupted" })).toHaveFocus();
    expect(await session.listAssessments(caseId)).toEqual([expect.objectContaining({ status: "draft" })]);
    const reasons = screen.getByRole("group", { name: /Why are these questions not answered\?/ });
    expect(
      within(reasons)
        .getAllByRole("radio")
        .map((radio) => radio.getAttribute("value")),
    ).toEqual(["interrupted", "victim-declined", "not-safe-to-continue"]);
    await user.click(within(reasons).getByRole("radio", { name: "It was not safe to continue" }));
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Assessment completed: High risk" }),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Why some questions were not answered", { selector: "dt" }).nextElementSibling,
    ).toHaveTextContent("It was not safe to continue");
    expect(
      screen.getByText(/^High — rule floor: strangulation; observed, not asked; provisional: /, { selector: "strong" }),
    ).toBeInTheDocument();
    const why = screen.getByRole("heading", { level: 2, name: "Why the risk cannot be lower" });
    expect(why.nextElementSibling).toHaveTextContent(/strangl/i);

    const [summary] = await session.listAssessments(caseId);
    expect(summary).toMatchObject({ status: "completed", riskLevel: "high" });
    const record = await session.getAssessment(summary!.id);
    expect(record.content).toMatchObject({
      safeToAsk: "no",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
    });
  });

  it("offers the stalking questions only once dash.stalking is yes or not known", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "idva");
    await answerGate(user, "Yes");

    const stalking = await goToQuestion(user, "dash.stalking");
    await user.click(within(stalking).getByRole("radio", { name: "No" }));
    await goToHeading(user, "Timeline indicators");
    expect(screen.queryByRole("heading", { name: "Stalking and harassment" })).not.toBeInTheDocument();
    // The progress line names the part: its total does not jump when a section comes in (issue 14).
    expect(screen.getByText("Part 3 of 6: Further questions")).toBeInTheDocument();

    for (let i = 0; i < 12 && !screen.queryByRole("group", { name: wording("dash.stalking") }); i += 1) {
      await user.click(screen.getByRole("button", { name: "Back" }));
    }
    await user.click(
      within(screen.getByRole("group", { name: wording("dash.stalking") })).getByRole("radio", { name: "Not known" }),
    );
    await goToHeading(user, "Stalking and harassment");
    expect(screen.getByRole("group", { name: wording("stalking.turns-up") })).toBeInTheDocument();
    expect(screen.getByText("Part 3 of 6: Further questions")).toBeInTheDocument();
  });

  it("lists unanswered DASH questions as not asked on check your answers, with a way back", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "idva");
    await answerGate(user, "Yes");
    const injury = await goToQuestion(user, "dash.injury");
    await user.click(within(injury).getByRole("radio", { name: "Yes" }));
    await goToHeading(user, "Check your answers");

    const injuryRow = screen.getByText("Injury in this incident", { selector: "dt" }).closest("div")!;
    expect(within(injuryRow).getByText("Yes")).toBeInTheDocument();
    const strangulationRow = screen
      .getByText(questionById("dash.strangulation")!.riskFactor, { selector: "dt" })
      .closest("div")!;
    expect(within(strangulationRow).getByText("Not asked")).toBeInTheDocument();

    await user.click(within(strangulationRow).getByRole("button", { name: /^Change/ }));
    expect(screen.getByRole("group", { name: wording("dash.strangulation") })).toBeInTheDocument();
  });

  it("resumes the saved draft on the page the practitioner was on, with the answers intact", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const first = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "police");
    await answerGate(user, "Yes");
    const threats = await goToQuestion(user, "dash.threats-to-kill");
    await user.click(within(threats).getByRole("radio", { name: "Yes" }));
    const pageHeading = screen.getByRole("heading", { level: 1 }).textContent;

    await waitFor(async () => {
      const [summary] = await session.listAssessments(caseId);
      expect(summary).toBeDefined();
      const record = await session.getAssessment(summary!.id);
      expect(record.content).toMatchObject({ answers: { "dash.threats-to-kill": { answer: "yes" } } });
    });
    first.unmount();

    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    expect(await screen.findByRole("heading", { level: 1, name: pageHeading! })).toBeInTheDocument();
    const again = screen.getByRole("group", { name: wording("dash.threats-to-kill") });
    expect(within(again).getByRole("radio", { name: "Yes" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Back" }));
    await goToHeading(user, pageHeading!);
    for (let i = 0; i < 12 && !screen.queryByLabelText("Your role"); i += 1) {
      await user.click(screen.getByRole("button", { name: "Back" }));
    }
    expect(screen.getByLabelText("Your role")).toHaveValue("police");
    expect(await session.listAssessments(caseId)).toHaveLength(1);
  });

  it("will not complete without a role, and says what is missing", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await user.click(await screen.findByRole("button", { name: "Continue" }));
    await answerGate(user, "Yes");
    await goToHeading(user, "Check your answers");
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Choose your role under Who is assessing" })).toHaveAttribute(
      "href",
      "#check-assessor",
    );
    expect(await session.listAssessments(caseId)).toEqual([expect.objectContaining({ status: "draft" })]);

    await user.click(screen.getByRole("button", { name: "Change who is assessing" }));
    await user.selectOptions(screen.getByLabelText("Your role"), "health");
    await goToHeading(user, "Check your answers");
    await user.click(screen.getByRole("radio", { name: "The victim declined to answer" }));
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    expect(
      // Nothing was answered: the completed assessment never claims a level it does not have.
      await screen.findByRole("heading", { level: 1, name: "Assessment completed: not assessed yet" }),
    ).toBeInTheDocument();
  });

  it("shows the risk panel slot with the live outcome once the draft is valid", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const seen: (string | null)[] = [];
    render(
      <AssessmentScreen
        session={session}
        caseId={caseId}
        onClose={() => undefined}
        renderRiskPanel={(outcome) => {
          seen.push(outcome?.riskLevel ?? null);
          return <p>Level so far: {outcome?.riskLevel ?? "not yet"}</p>;
        }}
      />,
    );
    const panel = await screen.findByRole("complementary", { name: "Risk so far" });
    expect(panel).toHaveTextContent("Level so far: not yet");
    await chooseRole(user, "police");
    await answerGate(user, "Yes");
    expect(panel).toHaveTextContent("Level so far: standard");
    const group = await goToQuestion(user, "dash.threats-to-kill");
    await user.click(within(group).getByRole("radio", { name: "Yes" }));
    expect(screen.getByRole("complementary", { name: "Risk so far" })).toHaveTextContent("Level so far: high");
  });

  it("offers exploitation and care-and-support prompts to a drug service worker and records them", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await chooseRole(user, "drug-alcohol-service");
    await answerGate(user, "Yes");
    await goToHeading(user, "Exploitation");
    await user.click(screen.getByRole("checkbox", { name: "Cuckooing (home taken over)" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { level: 1, name: "Care and support" })).toBeInTheDocument();
    const needs = screen.getAllByRole("group")[0]!;
    await user.click(within(needs).getByRole("radio", { name: "Yes" }));
    await goToHeading(user, "Check your answers");
    expect(screen.getByText("Cuckooing (home taken over)")).toBeInTheDocument();
    expect(
      within(screen.getByText("Care and support needs", { selector: "dt" }).closest("div")!).getByText("Yes"),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "The assessment was interrupted" }));
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    expect(await screen.findByRole("heading", { level: 1, name: /^Assessment completed/ })).toBeInTheDocument();
    const [completed] = await session.listAssessments(caseId);
    expect((await session.getAssessment(completed!.id)).notes).toEqual({ unansweredReason: "interrupted" });
    const [summary] = await session.listAssessments(caseId);
    const record = await session.getAssessment(summary!.id);
    expect(record.content).toMatchObject({
      questionSet: "dash-ric-24",
      context: { exploitation: ["cuckooing"], careAndSupport: { needs: "yes" } },
    });
  });
});
