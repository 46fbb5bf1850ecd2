import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readCaseDetails } from "../../../domain/case-record/case-details";
import { createCaseClaimGuard } from "../../../storage/case-claim";
import { CasesScreen } from "../cases-screen";
import { unlockedSession } from "../../../testing/test-vault";
import { openSection } from "./case-steps";

describe("cases screen", () => {
  it("creates a case, autosaves what is typed and shows it again when reopened", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<CasesScreen session={session} />);

    expect(await screen.findByText("You have no cases on this device yet.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "New case" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Case details" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "About the victim" }));
    await user.type(await screen.findByLabelText("Victim's name"), "Zebedee Quartermaine");
    // Saved at most 100 ms into typing, so it may already say Saved.
    expect(screen.getByRole("status")).toHaveTextContent(/^(Saving…|Saved)$/);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Saved"));
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    await user.click(screen.getByRole("button", { name: "Agencies and actions" }));
    await user.type(screen.getByLabelText("Notes"), "Seen at the station.");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Saved"));

    const [summary] = await session.listCaseSummaries();
    expect(JSON.stringify(summary)).not.toContain("Zebedee");
    const details = readCaseDetails((await session.getCase(summary!.id)).details);
    expect(details.victim.name).toBe("Zebedee Quartermaine");
    expect(details.notes).toBe("Seen at the station.");

    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    await user.click(screen.getByRole("button", { name: "Back to cases" }));
    await openSection(user, "About the victim");
    expect(screen.getByLabelText("Victim's name")).toHaveValue("Zebedee Quartermaine");
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    await user.click(screen.getByRole("button", { name: "Agencies and actions" }));
    expect(screen.getByLabelText("Notes")).toHaveValue("Seen at the station.");
  });

  it("opens a case written by the first editor ({ victimName, notes }) in the new form", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victimName: "Older Record", notes: "From the first editor." } });
    render(<CasesScreen session={session} />);
    await openSection(user, "About the victim");
    expect(screen.getByLabelText("Victim's name")).toHaveValue("Older Record");
  });

  it("opens a case read-only when another tab is editing it", async () => {
    const session = await unlockedSession();
    const created = await session.saveCase({ details: { victim: { name: "Held elsewhere" }, notes: "kept" } });
    // Another tab: a separate guard on the same channel (jsdom has no Web Locks, so this is the BroadcastChannel path).
    const otherTab = createCaseClaimGuard({ lockManager: null });
    const claim = await otherTab.claimCase(created.id);
    expect(claim.ok).toBe(true);
    try {
      const user = userEvent.setup();
      render(<CasesScreen session={session} />);
      await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
      expect(await screen.findByText(/This case is open in another tab/)).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Delete case" })).not.toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "About the victim" }));
      const name = screen.getByLabelText("Victim's name");
      expect(name).toHaveValue("Held elsewhere");
      expect(name).toHaveAttribute("readonly");
      expect(
        within(screen.getByRole("group", { name: "Do they need an interpreter?" })).getByRole("radio", { name: "Yes" }),
      ).toBeDisabled();
      expect(screen.getByRole("checkbox", { name: /Never share the victim's other names/ })).toBeDisabled();
      expect(screen.queryByRole("button", { name: "Save and continue" })).not.toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Back to case overview" }));
      await user.click(screen.getByRole("button", { name: "Agencies and actions" }));
      expect(screen.getByLabelText("Notes")).toHaveAttribute("readonly");
    } finally {
      otherTab.close();
    }
  });

  it("deletes a case only after confirming", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victim: { name: "To delete" } } });
    render(<CasesScreen session={session} />);

    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Delete case" }));
    expect(screen.getByRole("heading", { name: "Are you sure you want to delete this case?" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await session.listCaseSummaries()).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Delete case" }));
    await user.click(screen.getByRole("button", { name: "Yes, delete this case" }));
    expect(await screen.findByText("You have no cases on this device yet.")).toBeInTheDocument();
    expect(await session.listCaseSummaries()).toHaveLength(0);
  });

  it("offers to start or continue the assessment of the open case when the app wires it", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const created = await session.saveCase({ details: {} });
    const onAssess = vi.fn();
    render(<CasesScreen session={session} onAssess={onAssess} />);
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Start or continue assessment" }));
    await waitFor(() => expect(onAssess).toHaveBeenCalledWith(created.id));
  });
});

describe("case overview", () => {
  it("shows the latest level with its certainty and why, never a bare level", async () => {
    const session = await unlockedSession();
    const created = await session.saveCase({ details: {} });
    await session.updateCaseSummary(created.id, {
      riskLevel: "standard",
      flags: ["level:basis:score", "level:provisional", "level:not-known:2"],
    });
    render(<CasesScreen session={session} />);
    await userEvent.setup().click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await screen.findByRole("heading", { level: 1, name: "Case details" });

    expect(screen.getByText(/^Latest risk level:/)).toHaveTextContent(
      "Latest risk level: Standard risk — from the score; provisional: 2 not known",
    );
  });

  it("says Not assessed yet for a case never assessed", async () => {
    const session = await unlockedSession();
    await session.saveCase({ details: {} });
    render(<CasesScreen session={session} />);
    await userEvent.setup().click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await screen.findByRole("heading", { level: 1, name: "Case details" });

    expect(screen.getByText(/^Latest risk level:/)).toHaveTextContent("Latest risk level: Not assessed yet");
  });
});
