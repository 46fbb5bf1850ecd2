import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { teamDevice, type TeamDevice } from "./team-test-support";

const NUMBERS = "The numbers on the new device's screen";
const MISMATCH =
  "The numbers do not match this device. Do not approve it: ask its user to join again, and tell whoever runs the team server";

/** A manager's device (joined with the operator's code) and a device waiting with a code it issued. */
async function managerAndWaitingDevice(role: "practitioner" | "manager" = "practitioner") {
  const api = new FakeTeamApi();
  const manager = await teamDevice(api, "Sgt 4567 Jones");
  await manager.controller.join(api.firstManagerCode());
  const joining = await teamDevice(api, "PC 1234 Smith");
  await joining.controller.join(api.issueCode(role));
  const fingerprint = (await joining.controller.identity())!.publicKeys.fingerprint;
  const deviceId = (await joining.controller.identity())!.enrolment!.deviceId;
  return { api, manager, joining, fingerprint, deviceId };
}

async function openApproval(manager: TeamDevice, role: string) {
  const user = userEvent.setup();
  const view = render(<TeamScreen controller={manager.controller} session={manager.session} />);
  const waiting = await screen.findByRole("table", { name: "Devices waiting for approval" });
  expect(within(waiting).getByRole("cell", { name: role })).toBeInTheDocument();
  await user.click(within(waiting).getByRole("button", { name: /^Check the numbers and approve/ }));
  await screen.findByRole("heading", { level: 1, name: `Approve a ${role.toLowerCase()} device` });
  return { user, view };
}

async function typeNumbers(user: ReturnType<typeof userEvent.setup>, numbers: string): Promise<void> {
  await user.clear(screen.getByLabelText(NUMBERS));
  await user.type(screen.getByLabelText(NUMBERS), numbers);
  await user.click(screen.getByRole("button", { name: "Approve this device" }));
}

/** The team key's numbers on screen, once shown. */
async function teamKeyNumbers(): Promise<string> {
  const group = await screen.findByRole("group", { name: /^Team key numbers: / });
  const numbers = within(group)
    .getAllByText(/^\d{4}$/)
    .map((element) => element.textContent)
    .join(" ");
  expect(numbers).toMatch(/^\d{4}( \d{4}){5}$/);
  return numbers;
}

/** Each group of four digits changed: the same shape, different numbers. */
function otherNumbers(fingerprint: string): string {
  return fingerprint
    .split(" ")
    .map((group) => String((Number(group) + 1) % 10_000).padStart(4, "0"))
    .join(" ");
}

describe("a manager approves a device", () => {
  it("refuses numbers that do not match the device, and approves it when they match", async () => {
    const { api, manager, joining, fingerprint, deviceId } = await managerAndWaitingDevice();
    const managerView = render(<TeamScreen controller={manager.controller} session={manager.session} />);
    const managerTeamKey = await teamKeyNumbers();
    managerView.unmount();
    const { user, view } = await openApproval(manager, "Practitioner");

    await typeNumbers(user, otherNumbers(fingerprint));
    expect(await screen.findByRole("link", { name: MISMATCH })).toBeInTheDocument();
    expect(screen.getByLabelText(NUMBERS)).toHaveAccessibleDescription(expect.stringContaining(MISMATCH));
    expect(api.devices.get(deviceId)!.status).toBe("pending");
    expect(api.requests).not.toContain(`POST /api/devices/${deviceId}/approve`);

    await typeNumbers(user, fingerprint.replace(/ /g, ""));
    expect(await screen.findByText(/The practitioner device is approved/)).toBeInTheDocument();
    expect(api.devices.get(deviceId)!.status).toBe("approved");
    expect(await screen.findByText("No device is waiting.")).toBeInTheDocument();
    const inTeam = screen.getByRole("table", { name: "Devices in the team" });
    expect(within(inTeam).getAllByRole("row")).toHaveLength(3); // heading row, the manager, the practitioner
    expect(document.body.textContent).not.toContain(deviceId);
    view.unmount();

    // The approved device's Team screen asks again as it opens: in the team now.
    render(<TeamScreen controller={joining.controller} session={joining.session} />);
    await screen.findByRole("heading", { level: 1, name: "Your team" });
    expect(screen.getByText(/This device is in your team as a practitioner/)).toBeInTheDocument();
    // Both screens show the same team key numbers, so the manager and the user can compare them.
    expect(await teamKeyNumbers()).toBe(managerTeamKey);
  });

  it("asks for all 24 numbers before checking anything", async () => {
    const { api, manager, fingerprint } = await managerAndWaitingDevice();
    const { user } = await openApproval(manager, "Practitioner");
    await user.click(screen.getByRole("button", { name: "Approve this device" }));
    expect(
      await screen.findByRole("link", { name: "Enter the numbers shown on the new device's screen" }),
    ).toBeVisible();
    await typeNumbers(user, fingerprint.slice(0, 14));
    expect(
      await screen.findByRole("link", { name: "Enter all 24 numbers shown on the new device's screen" }),
    ).toBeVisible();
    expect(api.requests.filter((request) => request.endsWith("/approve"))).toEqual([]);
  });

  it("gives an approved manager device the team key, sealed to the keys whose numbers matched", async () => {
    const { api, manager, fingerprint, deviceId } = await managerAndWaitingDevice("manager");
    const { user } = await openApproval(manager, "Manager");
    await typeNumbers(user, otherNumbers(fingerprint));
    expect(await screen.findByRole("link", { name: MISMATCH })).toBeInTheDocument();
    expect(api.devices.get(deviceId)!.managerKeyWrapped).toBeNull();

    await typeNumbers(user, fingerprint);
    expect(await screen.findByText(/The manager device is approved/)).toBeInTheDocument();
    expect(api.devices.get(deviceId)).toMatchObject({ status: "approved", managerKeyWrapped: expect.any(String) });
  });

  it("the waiting device moves on by itself once checked again after approval", async () => {
    const { api, joining, fingerprint, deviceId } = await managerAndWaitingDevice();
    const user = userEvent.setup();
    render(<TeamScreen controller={joining.controller} session={joining.session} />);
    await screen.findByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" });
    await user.click(screen.getByRole("button", { name: "Check again" }));
    expect(await screen.findByText("Checked: still waiting for your manager.")).toBeInTheDocument();

    api.devices.get(deviceId)!.status = "approved";
    expect(fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);
    await user.click(screen.getByRole("button", { name: "Check again" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your team" })).toBeInTheDocument();
    expect(await screen.findByText(/^Synced just now$/)).toBeInTheDocument();
  });

  it("issues a code for the role chosen, shown once with when it stops working", async () => {
    const api = new FakeTeamApi();
    const manager = await teamDevice(api, "Sgt 4567 Jones");
    await manager.controller.join(api.firstManagerCode());
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await screen.findByRole("heading", { name: "Give someone a code to join" });
    await user.click(screen.getByRole("button", { name: "Get a code" }));
    expect(
      await screen.findByRole("link", { name: "Choose whether the code is for a practitioner or a manager" }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "A practitioner" }));
    await user.click(screen.getByRole("button", { name: "Get a code" }));
    const issued = await screen.findByRole("region", { name: "Code for a practitioner" });
    const code = within(issued).getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/).textContent!;
    expect(api.codes.get(code.replace(/-/g, ""))).toMatchObject({ role: "practitioner", used: false });
    expect(issued).toHaveTextContent(/It works once, until \d{1,2} \w+ at \d{2}:\d{2}\./);

    await user.click(within(issued).getByRole("button", { name: "Make another code" }));
    expect(screen.queryByText(code)).not.toBeInTheDocument();
  });
});
