// The officer at the scene (issue 14 item 5): who is assessing comes from Your details, whose account
// the answers are is chosen once, help and detail wait behind toggles, the level stays in a summary
// at the top and each change of it is announced once, and check your answers is one tap away.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { questionById } from "../../../domain/question-sets/question-set-registry";
import { savePractitionerDetails } from "../../../storage/practitioner-details";
import { AssessmentScreen } from "../assessment-screen";
import { answersWith, seedDraft, sessionWithCase } from "./assessment-fixtures";

const wording = (id: string): string => questionById(id)!.wording;
const question = (id: string) => screen.getByRole("group", { name: wording(id) });
const summary = () => screen.getByRole("region", { name: "Risk level" });

describe("the officer at the scene", () => {
  it("starts at the safe-to-ask question as the officer in Your details, who can still be changed", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const agency = await session.addAgency("Anytown Police");
    await savePractitionerDetails(session, { role: "police", agencyCode: agency.code });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);

    await screen.findByRole("heading", { level: 1, name: "Is it safe to ask the questions now?" });
    expect(screen.getByText(/^Assessing as Police, Anytown Police\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Change who is assessing" }));
    await screen.findByRole("heading", { level: 1, name: "Who is assessing" });
    expect(screen.getByRole("combobox", { name: "Your role" })).toHaveDisplayValue("Police");
    expect(screen.getByRole("combobox", { name: "Agency (optional)" })).toHaveDisplayValue("Anytown Police");
  });

  it("asks once whose account the answers are, and completes every answer with its source", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: answersWith("dash-2009-police"),
      page: "gate",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);

    const account = await screen.findByRole("group", { name: /Whose account are these answers\?/ });
    expect(within(account).getByRole("radio", { name: "Victim's account" })).toBeChecked();
    await user.click(within(account).getByRole("radio", { name: "Third party" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    // One answer came from somewhere else: it says so on that answer alone.
    const injury = question("dash.injury");
    await user.click(within(injury).getByRole("button", { name: "Add detail or a different source" }));
    await user.selectOptions(within(injury).getByRole("combobox", { name: "Source of this answer" }), "Observed");
    await user.click(screen.getByRole("button", { name: "Go to check your answers" }));

    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    expect(screen.getByText("Whose account", { selector: "dt" }).nextElementSibling).toHaveTextContent(
      "Third party, unless an answer says otherwise",
    );
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    // Completing seals and stores the case file: allow for a busy machine.
    await screen.findByRole("heading", { level: 1, name: /^Assessment completed/ }, { timeout: 5000 });

    const [summaryRow] = await session.listAssessments(caseId);
    const answers = (await session.getAssessment(summaryRow!.id)).content as {
      answers: Record<string, { answer: string; source?: string }>;
    };
    const sources = Object.entries(answers.answers).map(([id, entry]) => [id, entry.source]);
    expect(sources).toHaveLength(27);
    expect(Object.fromEntries(sources)).toMatchObject({
      "dash.injury": "observed",
      "dash.strangulation": "third-party",
    });
    expect(sources.filter(([, source]) => source === "third-party")).toHaveLength(26);
  });

  it("keeps help and each answer's detail and source closed until asked for, open where they hold something", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: { "dash.injury": { answer: "yes", detail: "bruised arm" }, "dash.very-frightened": { answer: "no" } },
      page: "dash-current-incident",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "The current situation" });

    const frightened = question("dash.very-frightened");
    const help = within(frightened).getByRole("button", { name: "Help with this question" });
    expect(help).toHaveAttribute("aria-expanded", "false");
    expect(within(frightened).queryByText(questionById("dash.very-frightened")!.help)).not.toBeVisible();
    await user.click(help);
    expect(help).toHaveAttribute("aria-expanded", "true");
    expect(within(frightened).getByText(questionById("dash.very-frightened")!.help)).toBeVisible();

    expect(within(frightened).getByRole("button", { name: "Add detail or a different source" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(within(frightened).queryByRole("textbox", { name: "Detail (optional)" })).not.toBeInTheDocument();
    // Detail already given: shown without asking.
    const injury = question("dash.injury");
    expect(within(injury).getByRole("button", { name: "Add detail or a different source" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    expect(within(injury).getByRole("textbox", { name: "Detail (optional)" })).toHaveValue("bruised arm");
    // Nothing advances by itself: answering leaves the page where it is.
    await user.click(within(question("dash.afraid-of-harm")).getByRole("radio", { name: "No" }));
    expect(screen.getByRole("heading", { level: 1, name: "The current situation" })).toBeInTheDocument();
  });

  it("keeps the level, its certainty and what last moved it on screen, announcing each change of level once", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { assessor: { role: "police" }, answers: {}, page: "dash-relationship" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "The relationship" });
    const announced = within(summary()).getByRole("status");
    expect(summary()).toHaveTextContent("Not assessed yet: none of the 27 questions has been answered");
    expect(announced).toBeEmptyDOMElement();

    await user.click(within(question("dash.controlling-jealous")).getByRole("radio", { name: "No" }));
    expect(summary()).toHaveTextContent("Standard — from the score: 0 yes of 27; provisional: 26 not asked");
    expect(summary()).toHaveTextContent("Latest change: controls everything and/or excessively jealous answered no.");
    expect(announced).toHaveTextContent(
      "Risk level is now Standard (provisional): controls everything and/or excessively jealous answered no.",
    );

    await user.click(within(question("dash.strangulation")).getByRole("radio", { name: "Yes" }));
    expect(summary()).toHaveTextContent("High — rule floor: strangulation; provisional: 25 not asked");
    expect(summary()).toHaveTextContent("Latest change: strangulation answered yes.");
    expect(announced).toHaveTextContent("Risk level is now High (provisional): strangulation answered yes.");

    // An answer, or typing, that leaves the level as it is announces nothing new.
    await user.click(within(question("dash.weapons")).getByRole("radio", { name: "No" }));
    const weapons = question("dash.weapons");
    await user.click(within(weapons).getByRole("button", { name: "Add detail or a different source" }));
    await user.type(within(weapons).getByRole("textbox", { name: "Detail (optional)" }), "none seen");
    expect(announced).toHaveTextContent("Risk level is now High (provisional): strangulation answered yes.");
    expect(summary()).toHaveTextContent("Latest change: strangulation answered yes.");
    // The bar holds no controls: a target in a sticky bar covers the answers scrolling beneath it.
    expect(within(summary()).queryAllByRole("link")).toHaveLength(0);
  });

  it("goes from a question page straight to check your answers, and not before the gate", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { assessor: { role: "police" }, answers: {}, page: "gate" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Is it safe to ask the questions now?" });
    expect(screen.queryByRole("button", { name: "Go to check your answers" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { level: 1, name: "The current situation" });
    await user.click(screen.getByRole("button", { name: "Go to check your answers" }));
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
  });
});
