import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { dayMonthYear } from "../audit-words";
import { TeamScreen } from "../team-screen";
import { teamDevice } from "./team-test-support";

/** A manager's device and an officer's device it approved, both in the team. */
async function managerAndOfficer() {
  const api = new FakeTeamApi();
  const manager = await teamDevice(api, "Sgt 4567 Jones");
  await manager.controller.join(api.firstManagerCode());
  const officer = await teamDevice(api, "PC 1234 Smith");
  await officer.controller.join(api.issueCode("practitioner"));
  const officerId = (await officer.controller.identity())!.enrolment!.deviceId;
  const managerId = (await manager.controller.identity())!.enrolment!.deviceId;
  const approve = api.devices.get(officerId)!;
  approve.status = "approved";
  approve.approvedAt = new Date().toISOString();
  await officer.controller.syncNow();
  return { api, manager, officer, officerId, managerId };
}

async function devicesInTeam() {
  return screen.findByRole("table", { name: "Devices in the team" });
}

describe("a manager removes a device from the team", () => {
  it("offers removal for other devices only, confirms plainly, then removes and lists the device as removed", async () => {
    const { api, manager, officerId, managerId } = await managerAndOfficer();
    const user = userEvent.setup();
    const view = render(<TeamScreen controller={manager.controller} session={manager.session} />);
    const table = await devicesInTeam();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    // The manager's own row says "This device" and offers no removal; the officer's does.
    const own = rows.find((row) => within(row).queryByText("This device"))!;
    expect(within(own).queryByRole("button")).toBeNull();
    const removeButtons = within(table).getAllByRole("button", { name: /^Remove from the team/ });
    expect(removeButtons).toHaveLength(1);
    expect(removeButtons[0]).toHaveAccessibleName(
      `Remove from the team (the practitioner device that joined on ${dayMonthYear(api.devices.get(officerId)!.createdAt)})`,
    );

    // Cancel goes back and removes nothing.
    await user.click(removeButtons[0]!);
    await screen.findByRole("heading", { level: 1, name: "Remove this practitioner device from the team?" });
    expect(screen.getByText(/What the device has already opened and stored cannot be recalled from it/)).toBeVisible();
    expect(screen.getByText(/^Warning:/)).toBeInTheDocument();
    expect(screen.getByText(/refuses the device at once/)).toBeVisible();
    expect(screen.getByText("Cases it wrote stay readable by the team's managers.")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await devicesInTeam();
    expect(api.devices.get(officerId)!.status).toBe("approved");
    expect(api.requests).not.toContain(`POST /api/devices/${officerId}/revoke`);

    await user.click(within(await devicesInTeam()).getByRole("button", { name: /^Remove from the team/ }));
    await user.click(await screen.findByRole("button", { name: "Remove this device" }));
    expect(await screen.findByText(/The practitioner device has been removed from the team/)).toBeInTheDocument();
    expect(api.devices.get(officerId)!.status).toBe("revoked");
    expect(api.requests).toContain(`POST /api/devices/${officerId}/revoke`);
    expect(api.requests).not.toContain(`POST /api/devices/${managerId}/revoke`);

    const removed = await screen.findByRole("table", { name: "Removed devices" });
    const revokedAt = api.devices.get(officerId)!.revokedAt!;
    expect(within(removed).getByRole("cell", { name: `Removed on ${dayMonthYear(revokedAt)}` })).toBeInTheDocument();
    expect(within(await devicesInTeam()).getAllByRole("row")).toHaveLength(2); // heading row, the manager
    expect(document.body.textContent).not.toContain(officerId);
    view.unmount();
  });

  it("shows the team's audit in plain words, newest first, with no ids", async () => {
    const { api, manager, officerId, managerId } = await managerAndOfficer();
    // The fake server's approval was set by hand above; record it as the server would.
    api.audit.push({
      id: api.audit.length + 1,
      at: new Date().toISOString(),
      action: "approve",
      actorDeviceId: managerId,
      subjectDeviceId: officerId,
      subjectKeyId: null,
      subjectRecordId: null,
    });
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await user.click(within(await devicesInTeam()).getByRole("button", { name: /^Remove from the team/ }));
    await user.click(await screen.findByRole("button", { name: "Remove this device" }));
    await screen.findByText(/The practitioner device has been removed from the team/);

    const audit = await screen.findByRole("table", { name: "What has happened in the team, newest first" });
    const joined = dayMonthYear(api.devices.get(officerId)!.createdAt);
    await within(audit).findByText(`This device removed a practitioner device (joined ${joined}) from the team`);
    const sentences = within(audit)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell")[1]!.textContent);
    expect(sentences).toEqual([
      `This device removed a practitioner device (joined ${joined}) from the team`,
      `This device approved a practitioner device (joined ${joined})`,
      `Practitioner device (joined ${joined}) joined with a code`,
      "This device joined with a code",
    ]);
    expect(document.body.textContent).not.toContain(officerId);
    expect(document.body.textContent).not.toContain(managerId);
  });

  it("pages the audit: older entries on request", async () => {
    const { api, manager } = await managerAndOfficer();
    // 25 enrolments by other devices, so the record is longer than one page.
    for (let index = 0; index < 25; index += 1) {
      const other = await teamDevice(api);
      await other.controller.join(api.issueCode("practitioner"));
    }
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    // Reading 27 entries and the team's devices takes a while on a loaded machine: wait, then check.
    const audit = await screen.findByRole(
      "table",
      { name: "What has happened in the team, newest first" },
      { timeout: 5_000 },
    );
    await waitFor(() => expect(within(audit).getAllByRole("row")).toHaveLength(21), { timeout: 5_000 });
    await user.click(screen.getByRole("button", { name: "Show older entries" }));
    await within(audit).findByText("This device joined with a code", {}, { timeout: 5_000 });
    expect(within(audit).getAllByRole("row")).toHaveLength(28); // 27 entries and the heading row
    expect(screen.queryByRole("button", { name: "Show older entries" })).toBeNull();
  }, 60_000);
});
