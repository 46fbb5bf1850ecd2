// The removed device's own side (docs/decisions.md §26): on its next contact the Team screen says a
// manager removed it, how many of the team's cases were deleted, that what it already showed cannot be
// recalled, what stays and what to do; the line under the header says it once, in words that do not
// change when the counts arrive.
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TeamSyncState } from "../../../storage/sync/team-records-api";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { TeamSyncStatus } from "../team-sync-status";
import type { TeamSyncController } from "../team-sync-controller";
import { teamDevice } from "./team-test-support";

/** An officer's device in a team, approved, its first round run. */
async function approvedOfficer() {
  const api = new FakeTeamApi();
  const manager = await teamDevice(api, "Sgt 4567 Jones");
  await manager.controller.join(api.firstManagerCode());
  const officer = await teamDevice(api, "PC 1234 Smith");
  await officer.controller.join(api.issueCode("practitioner"));
  const officerId = (await officer.controller.identity())!.enrolment!.deviceId;
  const approve = api.devices.get(officerId)!;
  approve.status = "approved";
  approve.approvedAt = new Date().toISOString();
  await officer.controller.syncNow();
  return { api, officer, officerId };
}

describe("the removed device's Team screen", () => {
  it("on its next contact, says a manager removed it, what cannot be recalled, and what stays with what to do", async () => {
    const { api, officer, officerId } = await approvedOfficer();
    // The fake team API stores no envelopes: the team never receives this case, so it stays.
    const unsent = await officer.session.saveCase({ details: { victim: "Never received by the team" } });
    await officer.controller.syncNow();
    api.revoke(officerId);
    render(<TeamScreen controller={officer.controller} session={officer.session} />);
    await officer.controller.syncNow();

    await screen.findByRole("heading", { level: 1, name: "This device has been removed from the team" });
    const banner = screen.getByRole("region", { name: "What happened" });
    expect(within(banner).getByText(/A manager removed this device from your team/)).toBeVisible();
    expect(
      await within(banner).findByText("None of the team's cases were on this device, so none were deleted."),
    ).toBeVisible();
    expect(within(banner).getByText(/keys for the team have been deleted/)).toBeVisible();
    expect(screen.getByText(/Warning:/).closest(".warning-text")).toHaveTextContent(
      "What this device already showed, printed or exported cannot be recalled.",
    );
    const stillHere = screen.getByRole("region", { name: "What is still on this device" });
    expect(
      within(stillHere).getByText(
        "1 case is still on this device because the team does not have all of it. Send it to your manager from Backups and sharing, then delete it from this device.",
      ),
    ).toBeVisible();
    // The header's line announces it; the screen itself is no live region, so nothing is said twice.
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    // No ids on screen.
    for (const id of [officerId, unsent.id]) expect(document.body.textContent).not.toContain(id);

    expect((await officer.session.listCaseSummaries()).map((summary) => summary.id)).toEqual([unsent.id]);
    // It never contacts the server again.
    const asked = api.requests.length;
    await officer.controller.syncNow();
    await officer.controller.start();
    expect(api.requests.slice(asked)).toEqual([]);
  });

  it("says how many of the team's cases were deleted, and that the team still has them", async () => {
    render(<TeamScreen controller={removedWith(3, 0)} session={null as never} />);
    expect(await screen.findByText("3 cases the team holds were deleted from this device.")).toBeVisible();
    expect(screen.getByText("The team still has these cases, and your manager can still read them.")).toBeVisible();
    expect(screen.getByText(/Nothing of the team's is left on this device/)).toBeVisible();
  });

  it("one deleted, one kept, in the singular", async () => {
    render(<TeamScreen controller={removedWith(1, 1)} session={null as never} />);
    expect(await screen.findByText("1 case the team holds was deleted from this device.")).toBeVisible();
    expect(
      screen.getByText(/^1 case is still on this device because the team does not have all of it\./),
    ).toBeVisible();
  });

  it("leaves the team on request, after a confirmation", async () => {
    const { api, officer, officerId } = await approvedOfficer();
    api.revoke(officerId);
    const user = userEvent.setup();
    render(<TeamScreen controller={officer.controller} session={officer.session} />);
    await officer.controller.syncNow();
    await user.click(await screen.findByRole("button", { name: "Leave the team on this device" }));
    const confirm = screen.getByRole("region", { name: "Leave the team on this device" });
    await user.click(within(confirm).getByRole("button", { name: "Leave the team on this device" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Join a team" })).toBeVisible();
  });
});

const REMOVED: TeamSyncState = {
  membership: "revoked",
  online: true,
  syncing: false,
  lastSyncedAt: null,
  waitingToSend: 0,
  conflicts: 0,
  problem: "This device has been removed from the team. Ask your manager.",
  refusedRecords: 0,
  removal: { reason: "removed-by-manager", removedCases: null, keptCases: null },
};

/** A controller whose device a manager removed, its wipe done: `removed` cases deleted, `kept` kept. */
function removedWith(removed: number, kept: number): TeamSyncController {
  const state: TeamSyncState = {
    ...REMOVED,
    removal: { reason: "removed-by-manager", removedCases: removed, keptCases: kept },
  };
  const identity = {
    publicKeys: { ecdhPublicKey: "", ecdsaPublicKey: "", fingerprint: "1234 5678 9012 3456 7890 1234" },
    createdAt: new Date().toISOString(),
    enrolment: { deviceId: "device", teamId: "team", role: "practitioner" },
    managerKey: null,
    membership: "revoked",
  };
  return {
    state,
    subscribe: () => () => undefined,
    start: () => Promise.resolve(state),
    syncNow: () => Promise.resolve(state),
    refresh: () => Promise.resolve(state),
    identity: () => Promise.resolve(identity),
  } as unknown as TeamSyncController;
}

describe("the line under the header on a removed device", () => {
  it("says it once: the announced words stay the same when the counts arrive, which are shown beside them", async () => {
    let tell: (state: TeamSyncState) => void = () => undefined;
    const controller = {
      state: null,
      subscribe: (listener: (next: TeamSyncState) => void) => {
        tell = listener;
        return () => undefined;
      },
      start: () => Promise.resolve(REMOVED),
    } as unknown as TeamSyncController;
    const onOpenTeam = vi.fn();
    const user = userEvent.setup();
    render(<TeamSyncStatus controller={controller} onOpenTeam={onOpenTeam} />);
    act(() => tell(REMOVED));
    const status = screen.getByRole("status");
    const announced = status.textContent;
    expect(announced).toBe(
      "Team sync: A manager removed this device from the team. The team's cases have been deleted from it.",
    );
    expect(screen.getByText(/The team's cases are being deleted from this device/)).toBeVisible();

    act(() => tell({ ...REMOVED, removal: { reason: "removed-by-manager", removedCases: 3, keptCases: 2 } }));
    expect(screen.getByRole("status")).toBe(status);
    expect(status.textContent).toBe(announced);
    const counts = screen.getByText(/3 cases the team holds were deleted from this device\./);
    expect(counts).toHaveTextContent(
      "3 cases the team holds were deleted from this device. 2 cases are still on this device because the team does not have everything in them. Send them to your manager from Backups and sharing, then delete them from this device.",
    );
    expect(status).not.toContainElement(counts);
    await user.click(screen.getByRole("button", { name: "What this means" }));
    expect(onOpenTeam).toHaveBeenCalledOnce();
  });
});

describe("a device the team server does not know", () => {
  it("says it stopped syncing and that nothing was deleted", async () => {
    const { api, officer, officerId } = await approvedOfficer();
    const kept = await officer.session.saveCase({ details: { victim: "Stays here" } });
    await officer.controller.syncNow();
    api.devices.delete(officerId);
    render(<TeamScreen controller={officer.controller} session={officer.session} />);
    await officer.controller.syncNow();
    await screen.findByRole("heading", { level: 1, name: "The team server does not know this device" });
    expect(screen.getByText("Nothing has been deleted: every case on this device stays here.")).toBeVisible();
    expect(screen.queryByText(/deleted from this device/)).toBeNull();
    expect((await officer.session.listCaseSummaries()).map((summary) => summary.id)).toEqual([kept.id]);
  });
});
