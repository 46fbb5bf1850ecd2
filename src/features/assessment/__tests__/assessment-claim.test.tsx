// One writer per case: the assessment claims its case as the case editor does. A tab that cannot
// shows it read-only, says why, creates no draft, and can take it over (the holder saves first).
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";
import { createCaseClaimGuard } from "../../../storage/case-claim";
import { AssessmentScreen } from "../assessment-screen";
import { sessionWithCase } from "./assessment-fixtures";

describe("assessment claim", () => {
  it("is read-only while another tab holds the case, says why, and creates no draft", async () => {
    const { session, caseId } = await sessionWithCase();
    // Another tab: a separate guard on the same channel (jsdom has no Web Locks: the BroadcastChannel path).
    const otherTab = createCaseClaimGuard({ lockManager: null });
    const claim = await otherTab.claimCase(caseId);
    expect(claim.ok).toBe(true);
    try {
      render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
      const alert = await screen.findByRole("alert");
      expect(alert).toHaveTextContent("This case is open in another tab or window.");
      expect(alert).toHaveTextContent("You can read this assessment here, but not change it.");
      expect(screen.getByLabelText("Your role")).toBeDisabled();
      expect(screen.getByRole("button", { name: "Close" })).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Save and close" })).not.toBeInTheDocument();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await session.listAssessments(caseId)).toEqual([]);
    } finally {
      otherTab.close();
    }
  });

  it("takes the case over: the other tab is asked, saves and lets go, and this one can edit", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const otherTab = createCaseClaimGuard({ lockManager: null });
    const asked: string[] = [];
    const claim = await otherTab.claimCase(caseId, {
      onTakeOverRequested: () => {
        asked.push(caseId);
        if (claim.ok) void claim.release();
      },
    });
    try {
      render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
      await user.click(await screen.findByRole("button", { name: "Take over editing here" }));
      await waitFor(() => expect(screen.getByLabelText("Your role")).toBeEnabled(), { timeout: 3_000 });
      expect(asked).toEqual([caseId]);
      expect(screen.queryByRole("alert")).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Save and close" })).toBeInTheDocument();
    } finally {
      otherTab.close();
    }
  });

  it("hands the case over when another tab takes it, and becomes read-only saying so", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await user.selectOptions(await screen.findByLabelText("Your role"), "police");
    const otherTab = createCaseClaimGuard({ lockManager: null });
    try {
      const taken = await otherTab.takeOver(caseId);
      expect(taken.ok).toBe(true);
      expect(await screen.findByRole("alert")).toHaveTextContent(
        "This case is now being edited in another tab or window.",
      );
      await waitFor(() => expect(screen.getByLabelText("Your role")).toBeDisabled());
      // What was chosen here was saved before the hand-over.
      const [stored] = await session.listAssessments(caseId);
      expect(((await session.getAssessment(stored!.id)).content as { assessor: { role: string } }).assessor.role).toBe(
        "police",
      );
    } finally {
      otherTab.close();
    }
  });
});

describe("a page going away", () => {
  it("queues the draft's write in the pagehide event itself, from the already sealed text", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const urgent = vi.spyOn(session, "writePreparedAssessmentDraft");
    const prepared = vi.spyOn(session, "prepareAssessmentDraft");
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await user.selectOptions(await screen.findByLabelText("Your role"), "police");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(await screen.findByRole("radio", { name: "No" }));
    const reason = await screen.findByLabelText("Why is it not safe to ask now?");
    await user.type(reason, "He stayed in the room");
    // Settle the writes typing made, then one more change: pending, and sealed a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const preparedBefore = prepared.mock.calls.length;
    fireEvent.change(reason, { target: { value: "He stayed in the room." } });
    // The newest content's seal is ready (waited for, not for a fixed time: under load it can take longer).
    await waitFor(() => expect(prepared.mock.calls.length).toBeGreaterThan(preparedBefore));
    await prepared.mock.results.at(-1)!.value;

    window.dispatchEvent(new PageTransitionEvent("pagehide"));

    // Called synchronously, inside the event, and the write was queued.
    expect(urgent).toHaveBeenCalledTimes(1);
    expect(urgent.mock.results[0]!.value).toBe(true);
    const [stored] = await session.listAssessments(caseId);
    await waitFor(async () =>
      expect(((await session.getAssessment(stored!.id)).content as { notSafeReason?: string }).notSafeReason).toBe(
        "He stayed in the room.",
      ),
    );
  });
});
