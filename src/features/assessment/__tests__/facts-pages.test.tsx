// The facts pages in the walk-through: Continue stops on an entry that cannot be recorded (error
// summary and inline errors, GOV.UK style), check your answers reads every fact back in plain
// English with a Change link, and a completed outcome's "Record whether…" links to the case page.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { CaseContext } from "../../../domain/case-file";
import { AssessmentScreen } from "../assessment-screen";
import { CompletedAssessmentScreen } from "../completed-view";
import { factEntriesOf, factIssues, withFacts } from "../context-facts";
import { answersWith, completeAssessment, seedDraft, sessionWithCase } from "./assessment-fixtures";

const group = (name: string | RegExp): HTMLElement => screen.getByRole("group", { name });
async function typeDate(user: UserEvent, legend: string | RegExp, day: string, month: string, year: string) {
  const date = group(legend);
  await user.type(within(date).getByLabelText("Day"), day);
  await user.type(within(date).getByLabelText("Month"), month);
  await user.type(within(date).getByLabelText("Year"), year);
}

describe("facts pages: validation", () => {
  it("stops Continue on a count that is not a whole number and a MARAC date in the future, with links to each", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { answers: answersWith("dash-ric-24"), page: "incident-history" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Incident and history" });
    await user.type(screen.getByLabelText(/^How many times were the police called out/), "2.5");
    await user.click(screen.getByRole("button", { name: "Add a MARAC date" }));
    await typeDate(user, /^MARAC 1: date it was heard/, "1", "1", "2999");
    await user.click(screen.getByRole("button", { name: "Add a safeguarding concern" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveFocus();
    const count = within(summary).getByRole("link", {
      name: /^Enter the number of police call-outs as a whole number/,
    });
    expect(count).toHaveAttribute("href", "#fact-callouts");
    expect(within(summary).getByRole("link", { name: "MARAC 1 date must be today or in the past" })).toHaveAttribute(
      "href",
      "#fact-marac-0-day",
    );
    expect(
      within(summary).getByRole("link", { name: "Enter the date safeguarding concern 1 was raised, or remove it" }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^How many times were the police called out/)).toHaveAccessibleDescription(
      /Error: Enter the number of police call-outs/,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Incident and history" })).toBeInTheDocument();

    // Corrected: Continue moves on, and the case file holds the facts.
    await user.clear(screen.getByLabelText(/^How many times were the police called out/));
    await user.type(screen.getByLabelText(/^How many times were the police called out/), "3");
    await user.clear(within(group(/^MARAC 1: date it was heard/)).getByLabelText("Year"));
    await user.type(within(group(/^MARAC 1: date it was heard/)).getByLabelText("Year"), "2024");
    await user.click(screen.getByRole("button", { name: "Remove safeguarding concern 1" }));
    expect(screen.getByRole("button", { name: "Add a safeguarding concern" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { level: 1, name: "Separation, pregnancy and statements" });
  });

  it("refuses an order's end date that is not after the date it was granted, and allows one in the future", () => {
    const today = "2024-06-01";
    const entries = {
      orders: [
        {
          type: "restraining" as const,
          granted: { day: "1", month: "3", year: "2024" },
          expires: { day: "1", month: "2", year: "2024" },
        },
        {
          type: "dvpo" as const,
          granted: { day: "", month: "", year: "" },
          expires: { day: "1", month: "1", year: "2030" },
        },
      ],
    };
    expect(factIssues(entries, today)).toEqual([
      {
        page: "checks-and-orders",
        fieldId: "fact-order-0-expires-day",
        message: "Order 1 end date must be after the date it was granted",
      },
    ]);
    const draft = withFacts<{ context?: CaseContext }>({ context: {} }, entries, today);
    expect(draft.context?.protectiveOrders).toEqual([
      { type: "restraining", granted: "2024-03-01", expires: "2024-02-01" },
      { type: "dvpo", expires: "2030-01-01" },
    ]);
    // Read back from a context alone (an older draft), the entries give the same context.
    expect(withFacts({ context: draft.context }, factEntriesOf({ context: draft.context }), today).context).toEqual(
      draft.context,
    );
  });
});

describe("facts pages: check your answers", () => {
  it("shows every fact in plain English with a Change link to its page, and refuses to complete an unfinished one", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24"),
      context: {
        policeCallouts12m: 3,
        previousMaracDates: ["2023-10-08"],
        newIncident: true,
        separation: { status: "recent", date: "2024-04-01" },
        pregnant: "no",
        perpetratorChecks: "pending",
        perpetratorHistory: ["weapons"],
        protectiveOrders: [{ type: "non-molestation", expires: "2027-03-01" }],
        nonDisclosure: ["context.separation"],
      },
      facts: {
        movedArea: "not-known",
        orders: [{ type: "", granted: { day: "", month: "", year: "" }, expires: { day: "", month: "", year: "" } }],
      },
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    const row = (label: string) => screen.getByText(label, { selector: "dt" }).closest("div")!;
    expect(row("Police call-outs in the last 12 months")).toHaveTextContent("3");
    expect(row("Earlier MARACs")).toHaveTextContent("8 October 2023");
    expect(row("Follows a new incident")).toHaveTextContent("Yes, it follows a new incident");
    expect(row("Moved between areas recently")).toHaveTextContent("Not known");
    expect(row("Separation")).toHaveTextContent("Yes, they have separated recently: 1 April 2024");
    expect(row("History checks on the person causing harm")).toHaveTextContent("Pending");
    expect(row("Known history of the person causing harm")).toHaveTextContent("Weapons");
    expect(row("Never share with the person causing harm")).toHaveTextContent("Separation");
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: /^Checks, history and court orders: an entry cannot be recorded/ }),
    ).toHaveAttribute("href", "#check-checks-and-orders-unfinished");
    await user.click(screen.getByRole("button", { name: "Change protective orders" }));
    await screen.findByRole("heading", { level: 1, name: "Checks, history and court orders" });
    expect(screen.getByLabelText("Order 1: type")).toHaveValue("");
  });
});

describe("a completed outcome's missing facts", () => {
  it("links 'Record whether…' to the case details page that records it", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const assessmentId = await completeAssessment(session, caseId, { answers: answersWith("dash-ric-24") });
    const fixes: string[] = [];
    render(
      <CompletedAssessmentScreen
        session={session}
        caseId={caseId}
        assessmentId={assessmentId}
        onClose={() => undefined}
        onFixInCase={(path) => fixes.push(path)}
      />,
    );
    await screen.findByRole("heading", { level: 1, name: /^Assessment completed/ });
    expect(screen.getByText(/^Record whether any children/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^Children/ }));
    await user.click(screen.getByRole("button", { name: /history checks on the person causing harm/i }));
    await waitFor(() => expect(fixes).toEqual(["details.children", "details.perpetrator.historyChecks"]));
  });
});
