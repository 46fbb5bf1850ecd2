import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TeamCaseConflict, TeamConflictChoice } from "../../../storage/sync/team-records-api";
import type { VaultSession } from "../../../storage/vault-session";
import { unlockedSession } from "../../../testing/test-vault";
import { ConflictsScreen } from "../conflicts-screen";
import type { TeamSyncController } from "../team-sync-controller";

async function conflictOnFirstCase(session: VaultSession): Promise<TeamCaseConflict> {
  const saved = await session.saveCase({ details: { victim: { name: "Ann Example" } } });
  const record = await session.getCase(saved.id);
  return {
    id: "f3a8d0c4-1b2e-4d5f-8a9b-0c1d2e3f4a5b",
    caseId: saved.id,
    detectedAt: "2026-12-07T10:00:00.000Z",
    mine: {
      kind: "case",
      record: { ...record, details: { victim: { name: "Ann Example", phone: "07700 900123" } } },
      savedAt: "2026-12-07T09:30:00.000Z",
    },
    theirs: {
      kind: "case",
      record: { ...record, details: { victim: { name: "Anne Example" } } },
      savedAt: "2026-12-07T09:45:00.000Z",
      fromManager: false,
    },
  };
}

/** A controller holding these conflicts until one is chosen (TeamSync.listCaseConflicts/resolveCaseConflict). */
function holding(conflicts: TeamCaseConflict[]) {
  const choices: [string, TeamConflictChoice][] = [];
  const controller = {
    listConflicts: () => Promise.resolve(conflicts.filter((each) => !choices.some(([id]) => id === each.id))),
    resolveConflict: (id: string, choice: TeamConflictChoice) => {
      choices.push([id, choice]);
      return Promise.resolve();
    },
  } as unknown as TeamSyncController;
  return { controller, choices };
}

async function openConflict(session: VaultSession, controller: TeamSyncController) {
  const user = userEvent.setup();
  render(<ConflictsScreen controller={controller} session={session} onBack={() => undefined} />);
  await screen.findByRole("heading", { level: 1, name: "Changed on another device" });
  await user.click(await screen.findByRole("button", { name: "Case 1: case details" }));
  await screen.findByRole("heading", { level: 1, name: "Changed on another device: Case 1: case details" });
  return user;
}

describe("changed on another device", () => {
  it("shows both versions side by side, the differing fields by their labels, and keeps this device's", async () => {
    const session = await unlockedSession();
    const conflict = await conflictOnFirstCase(session);
    const { controller, choices } = holding([conflict]);
    const user = await openConflict(session, controller);

    const mine = screen.getByRole("region", { name: "This device's version" });
    const theirs = screen.getByRole("region", { name: "The other device's version" });
    expect(within(mine).getByText("Victim name").nextSibling).toHaveTextContent("Ann Example");
    expect(within(theirs).getByText("Victim name").nextSibling).toHaveTextContent("Anne Example");
    expect(within(mine).getByText("Victim phone").nextSibling).toHaveTextContent("07700 900123");
    expect(within(theirs).getByText("Victim phone").nextSibling).toHaveTextContent("Not recorded");
    expect(document.body.textContent).not.toContain(conflict.caseId);
    expect(document.body.textContent).not.toContain(conflict.id);

    await user.click(screen.getByRole("button", { name: "Keep this device's version" }));
    expect(
      await screen.findByText("Kept this device's version of Case 1: case details. It is sent to the team."),
    ).toBeInTheDocument();
    expect(choices).toEqual([[conflict.id, "mine"]]);
    expect(await screen.findByText(/Nothing is waiting/)).toBeInTheDocument();
  });

  it("keeps the other device's version", async () => {
    const session = await unlockedSession();
    const conflict = await conflictOnFirstCase(session);
    const { controller, choices } = holding([conflict]);
    const user = await openConflict(session, controller);
    await user.click(screen.getByRole("button", { name: "Keep the other device's version" }));
    expect(await screen.findByText("Kept the other device's version of Case 1: case details.")).toBeInTheDocument();
    expect(choices).toEqual([[conflict.id, "theirs"]]);
  });

  it("names the manager's version as the manager's", async () => {
    const session = await unlockedSession();
    const conflict = await conflictOnFirstCase(session);
    const { controller } = holding([{ ...conflict, theirs: { ...conflict.theirs, fromManager: true } }]);
    await openConflict(session, controller);
    expect(screen.getByRole("region", { name: "Your manager's version" })).toBeInTheDocument();
  });
});
