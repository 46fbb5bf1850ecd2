import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createCaseClaimGuard } from "../../../storage/case-claim";
import { openDatabase } from "../../../storage/db";
import { Vault, type VaultSession } from "../../../storage/vault";
import { CasesScreen } from "../cases-screen";

const PASSPHRASE = "correct horse battery staple";

async function unlockedSession(): Promise<VaultSession> {
  const vault = new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: 1_000 });
  const { profileId } = await vault.createProfile("PC 1234 Smith", PASSPHRASE);
  return vault.unlock(profileId, PASSPHRASE);
}

describe("cases screen", () => {
  it("creates a case, autosaves both fields and shows them again when reopened", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<CasesScreen session={session} />);

    expect(await screen.findByText("You have no cases on this device yet.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "New case" }));
    await user.type(await screen.findByLabelText("Victim's name"), "Zebedee Quartermaine");
    await user.type(screen.getByLabelText("Notes"), "Seen at the station.");
    expect(screen.getByRole("status")).toHaveTextContent("Saving…");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Saved"));

    const [summary] = await session.listCaseSummaries();
    expect(JSON.stringify(summary)).not.toContain("Zebedee");
    expect((await session.getCase(summary!.id)).details).toEqual({ victimName: "Zebedee Quartermaine", notes: "Seen at the station." });

    await user.click(screen.getByRole("button", { name: "Back to cases" }));
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    expect(await screen.findByLabelText("Victim's name")).toHaveValue("Zebedee Quartermaine");
    expect(screen.getByLabelText("Notes")).toHaveValue("Seen at the station.");
  });

  it("opens a case read-only when another tab is editing it", async () => {
    const session = await unlockedSession();
    const created = await session.saveCase({ details: { victimName: "Held elsewhere", notes: "" } });
    // Another tab: a separate guard on the same channel (jsdom has no Web Locks, so this is the BroadcastChannel path).
    const otherTab = createCaseClaimGuard({ lockManager: null });
    const claim = await otherTab.claimCase(created.id);
    expect(claim.ok).toBe(true);
    try {
      const user = userEvent.setup();
      render(<CasesScreen session={session} />);
      await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
      expect(await screen.findByText(/This case is open in another tab/)).toBeInTheDocument();
      const name = screen.getByLabelText("Victim's name");
      expect(name).toHaveValue("Held elsewhere");
      expect(name).toHaveAttribute("readonly");
      expect(screen.getByLabelText("Notes")).toHaveAttribute("readonly");
      expect(screen.queryByRole("button", { name: "Delete case" })).not.toBeInTheDocument();
    } finally {
      otherTab.close();
    }
  });

  it("deletes a case only after confirming", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victimName: "To delete", notes: "" } });
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
});
