import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TeamSyncState } from "../../../storage/sync/team-records-api";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamSyncStatus } from "../team-sync-status";
import type { TeamSyncController } from "../team-sync-controller";
import { teamDevice } from "./team-test-support";

const IN_TEAM: TeamSyncState = {
  membership: "approved",
  online: true,
  syncing: false,
  lastSyncedAt: null,
  waitingToSend: 0,
  conflicts: 0,
  problem: null,
  refusedRecords: 0,
  removal: null,
};

/** A controller that reports one state (what the screens read from TeamSync.state()). */
function reporting(state: TeamSyncState): TeamSyncController {
  return {
    state: null,
    subscribe: (listener: (next: TeamSyncState) => void) => {
      queueMicrotask(() => listener(state));
      return () => undefined;
    },
    start: () => Promise.resolve(state),
  } as unknown as TeamSyncController;
}

async function shownFor(state: Partial<TeamSyncState>): Promise<HTMLElement> {
  render(<TeamSyncStatus controller={reporting({ ...IN_TEAM, ...state })} />);
  return screen.findByRole("status");
}

describe("the sync state in words", () => {
  it("says when it last synced", async () => {
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000 - 5_000).toISOString();
    expect(await shownFor({ lastSyncedAt: twoMinutesAgo })).toHaveTextContent("Team sync: Synced 2 minutes ago");
  });

  it("says how many changes wait to be sent", async () => {
    expect(await shownFor({ waitingToSend: 3, lastSyncedAt: new Date().toISOString() })).toHaveTextContent(
      "3 changes waiting to send",
    );
  });

  it("offline, says changes are kept here and sent later", async () => {
    expect(await shownFor({ online: false, waitingToSend: 1 })).toHaveTextContent(
      "Offline — changes are kept on this device and sent when you are back online (1 change waiting)",
    );
  });

  it("says the device is waiting for approval", async () => {
    expect(await shownFor({ membership: "awaiting-approval" })).toHaveTextContent(
      "Waiting for your manager to approve this device",
    );
  });

  it("says the device has been removed from the team", async () => {
    expect(await shownFor({ membership: "revoked" })).toHaveTextContent(
      "A manager removed this device from the team. The team's cases have been deleted from it.",
    );
  });

  it("says a device the server does not know has stopped syncing, without saying anything was deleted", async () => {
    const removal = { reason: "unknown-to-server" as const, removedCases: null, keptCases: null };
    const status = await shownFor({ membership: "revoked", removal });
    expect(status).toHaveTextContent(
      "The team server does not know this device, so it has stopped syncing. Ask your manager.",
    );
    expect(document.body.textContent).not.toMatch(/deleted/);
  });

  it("puts a problem in words", async () => {
    expect(
      await shownFor({ problem: "The team server cannot be reached at the moment. Changes are kept on this device." }),
    ).toHaveTextContent("The team server cannot be reached at the moment. Changes are kept on this device.");
  });

  it("says when changes from another device could not be read and were not applied", async () => {
    render(
      <TeamSyncStatus
        controller={reporting({ ...IN_TEAM, refusedRecords: 1, lastSyncedAt: new Date().toISOString() })}
      />,
    );
    expect(
      await screen.findByText("1 change from another device could not be read and was not applied."),
    ).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Synced just now");
  });

  it("says nothing for a device not in a team", async () => {
    render(<TeamSyncStatus controller={reporting({ ...IN_TEAM, membership: "none" })} />);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("offers the records changed on another device", async () => {
    const user = userEvent.setup();
    const onOpenTeam = vi.fn();
    render(
      <TeamSyncStatus
        controller={reporting({ ...IN_TEAM, conflicts: 2, lastSyncedAt: new Date().toISOString() })}
        onOpenTeam={onOpenTeam}
      />,
    );
    expect(
      await screen.findByText(/2 records were changed on this device and another: choose which versions to keep/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "See the changes" }));
    expect(onOpenTeam).toHaveBeenCalledOnce();
  });

  it("from a real device's sync: synced once approved, offline when the device goes offline", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api, "Sgt 4567 Jones");
    await device.controller.join(api.firstManagerCode());
    await device.controller.syncNow();
    render(<TeamSyncStatus controller={device.controller} />);
    expect(await screen.findByRole("status")).toHaveTextContent("Synced just now");

    device.online.value = false;
    await device.controller.refresh();
    expect(await screen.findByText(/^Offline — changes are kept on this device/)).toBeInTheDocument();
  });
});
