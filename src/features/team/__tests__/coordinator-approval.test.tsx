// A second MARAC coordinator device joins its area (issue 17 items 1–2): the first coordinator gives it a
// code on the Team screen, it waits with its numbers, the first approves it by those numbers (which seals
// the area key to it), and it can then open the area's inbox. A coordinator removes another's device.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { teamDevice, type TeamDevice } from "./team-test-support";

const NUMBERS = "The numbers on the new device's screen";
const MISMATCH =
  "The numbers do not match this device. Do not approve it: ask its user to join again, and tell whoever runs the team server";

async function deviceIdOf(device: TeamDevice): Promise<string> {
  return (await device.controller.identity())!.enrolment!.deviceId;
}

/** The area's first coordinator (the operator's code), and a code it gives on its Team screen. */
async function firstCoordinatorGivesACode() {
  const api = new FakeTeamApi();
  const first = await teamDevice(api, "First coordinator");
  await first.controller.join(api.firstCoordinatorCode());
  const user = userEvent.setup();
  const view = render(<TeamScreen controller={first.controller} session={first.session} />);
  await screen.findByRole("heading", { level: 1, name: "Your MARAC area" });
  await user.click(screen.getByRole("button", { name: "Get a code for a coordinator" }));
  const codeRegion = await screen.findByRole("region", { name: "Code for a MARAC coordinator" });
  const code = within(codeRegion).getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/).textContent!;
  view.unmount();
  return { api, first, code };
}

describe("a coordinator approves another coordinator device of the area", () => {
  it("the new device waits with its numbers; approving it by them gives it the area key, and it sees the inbox", async () => {
    const { api, first, code } = await firstCoordinatorGivesACode();
    const second = await teamDevice(api, "Second coordinator");
    await second.controller.join(code);
    const secondId = await deviceIdOf(second);
    const fingerprint = (await second.controller.identity())!.publicKeys.fingerprint;

    // The new device: waiting for a coordinator, not a manager.
    const waitingView = render(<TeamScreen controller={second.controller} session={second.session} />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Waiting for another coordinator to approve this device" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/a coordinator of your MARAC area whose device is already approved/)).toBeInTheDocument();
    expect(screen.queryByText(/manager/i)).toBeNull();
    waitingView.unmount();
    expect(await (await second.controller.teamSync()).deviceIdentity()).toMatchObject({
      membership: "awaiting-approval",
    });

    // The first coordinator sees it waiting, by role and time, never by id.
    const user = userEvent.setup();
    const view = render(<TeamScreen controller={first.controller} session={first.session} />);
    const waiting = await screen.findByRole("table", { name: "Coordinator devices waiting for approval" });
    expect(within(waiting).getByRole("cell", { name: "MARAC coordinator" })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(secondId);
    await user.click(within(waiting).getByRole("button", { name: /^Check the numbers and approve the device/ }));
    await screen.findByRole("heading", { level: 1, name: "Approve a MARAC coordinator device" });

    // Wrong numbers: refused here, before anything is sealed or sent.
    const wrong = fingerprint
      .split(" ")
      .map((group) => String((Number(group) + 1) % 10_000).padStart(4, "0"))
      .join(" ");
    await user.type(screen.getByLabelText(NUMBERS), wrong);
    await user.click(screen.getByRole("button", { name: "Approve this device" }));
    expect(await screen.findByRole("link", { name: MISMATCH })).toBeInTheDocument();
    expect(api.devices.get(secondId)!.status).toBe("pending");
    expect(api.areaKeyWraps.has(secondId)).toBe(false);

    await user.clear(screen.getByLabelText(NUMBERS));
    await user.type(screen.getByLabelText(NUMBERS), fingerprint);
    await user.click(screen.getByRole("button", { name: "Approve this device" }));
    expect(await screen.findByText(/The MARAC coordinator device is approved/)).toBeInTheDocument();
    expect(api.devices.get(secondId)!.status).toBe("approved");
    // The area key sealed to the new device, not the first's own wrapping passed on.
    const firstId = await deviceIdOf(first);
    expect(api.areaKeyWraps.get(secondId)).toEqual(expect.any(String));
    expect(api.areaKeyWraps.get(secondId)).not.toBe(api.areaKeyWraps.get(firstId));
    expect(await screen.findByText("No device is waiting.")).toBeInTheDocument();
    const inArea = screen.getByRole("table", { name: "Coordinator devices of the area" });
    expect(within(inArea).getAllByRole("row")).toHaveLength(3);
    view.unmount();

    // The new device checks again: it is in, opens the area key sealed to it, and its inbox syncs.
    const state = await second.controller.syncNow();
    expect(state).toMatchObject({ membership: "approved", problem: null });
    const inbox = (await second.controller.teamSync()).maracCoordinator();
    expect(await inbox.area()).toMatchObject({ name: "Northshire MARAC" });
    expect(await inbox.inbox()).toEqual([]);
    render(<TeamScreen controller={second.controller} session={second.session} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Your MARAC area" })).toBeInTheDocument();
  });

  it("a coordinator removes another coordinator's device from the area, after a confirm page in the area's words", async () => {
    const { api, first, code } = await firstCoordinatorGivesACode();
    const second = await teamDevice(api, "Second coordinator");
    await second.controller.join(code);
    const secondId = await deviceIdOf(second);
    const pending = api.devices.get(secondId)!;
    pending.status = "approved";
    pending.approvedAt = new Date().toISOString();

    const user = userEvent.setup();
    render(<TeamScreen controller={first.controller} session={first.session} />);
    const table = await screen.findByRole("table", { name: "Coordinator devices of the area" });
    expect(within(table).getByText("This device")).toBeInTheDocument();
    const removeButtons = within(table).getAllByRole("button", { name: /^Remove from the area/ });
    expect(removeButtons).toHaveLength(1);
    await user.click(removeButtons[0]!);

    await screen.findByRole("heading", { level: 1, name: "Remove this MARAC coordinator device from the area?" });
    expect(screen.getByText(/clears the referrals it held/)).toBeInTheDocument();
    expect(screen.getByText(/The area's key stays the same/)).toBeInTheDocument();
    expect(screen.queryByText(/given a new key/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Remove this device" }));

    expect(await screen.findByText(/has been removed from the area/)).toBeInTheDocument();
    expect(api.devices.get(secondId)!.status).toBe("revoked");
    expect(api.requests).toContain(`POST /api/devices/${secondId}/revoke`);
    await waitFor(() => expect(screen.getByRole("table", { name: "Removed coordinator devices" })).toBeInTheDocument());
    expect(await second.controller.syncNow()).toMatchObject({ membership: "revoked" });
  });
});
