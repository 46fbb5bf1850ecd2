import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { teamDevice, type TeamDevice } from "./team-test-support";

async function openTeamScreen(device: TeamDevice) {
  const view = render(<TeamScreen controller={device.controller} session={device.session} />);
  await screen.findByRole("heading", { level: 1, name: "Join a team" });
  return view;
}

async function join(code: string): Promise<void> {
  const user = userEvent.setup();
  await user.clear(screen.getByLabelText("Enrolment code"));
  await user.type(screen.getByLabelText("Enrolment code"), code);
  await user.click(screen.getByRole("button", { name: "Join the team" }));
}

/** The digits in the large grouped numbers, as shown ("1234 5678 …"). */
function shownNumbers(label: string): string {
  const group = screen.getByRole("group", { name: new RegExp(`^${label}: `) });
  return within(group)
    .getAllByText(/^\d{4}$/)
    .map((element) => element.textContent)
    .join(" ");
}

async function expectError(message: string): Promise<void> {
  const link = await screen.findByRole("link", { name: message });
  expect(link.closest("[role=alert]")).toHaveTextContent("There is a problem");
  expect(screen.getByLabelText("Enrolment code")).toHaveAccessibleDescription(expect.stringContaining(message));
}

describe("joining a team", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("with a good code, enrols the device and shows it waiting, with the numbers to read to the manager", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api);
    await openTeamScreen(device);
    await join(api.issueCode("practitioner").toLowerCase());

    expect(
      await screen.findByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" }),
    ).toBeInTheDocument();
    const [enrolled] = [...api.devices.values()];
    expect(enrolled).toMatchObject({ role: "practitioner", status: "pending" });
    const identity = await device.controller.identity();
    expect(identity?.enrolment).toMatchObject({ deviceId: enrolled!.deviceId, role: "practitioner" });
    // The numbers on screen are this device's keys' fingerprint, the same the server computed.
    expect(shownNumbers("This device's numbers")).toBe(identity!.publicKeys.fingerprint);
    expect(shownNumbers("This device's numbers")).toBe(enrolled!.fingerprint);
    expect(screen.getByRole("group", { name: /^This device's numbers: / })).toHaveAccessibleName(
      `This device's numbers: ${enrolled!.fingerprint
        .split(" ")
        .map((group) => group.split("").join(" "))
        .join(", ")}`,
    );
    // No id on screen.
    expect(document.body.textContent).not.toContain(enrolled!.deviceId);
  });

  it("the first manager joins with the operator's code, is in the team at once and sets up the team key", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api, "Sgt 4567 Jones");
    await openTeamScreen(device);
    await join(api.firstManagerCode());

    expect(await screen.findByRole("heading", { level: 1, name: "Your team" })).toBeInTheDocument();
    expect(screen.getByText(/This device is in your team as a manager/)).toBeInTheDocument();
    expect(api.managerKey).not.toBeNull();
    // Approved by the enrolment's own answer, kept on the device, not only by a later round.
    expect((await device.controller.identity())?.enrolment?.status).toBe("approved");
    // The first round pinned the team key: the screen shows this device's own numbers.
    await device.controller.syncNow();
    const kept = (await device.controller.identity())?.managerKey?.fingerprint;
    expect(kept).toMatch(/^\d{4}( \d{4}){5}$/);
    expect(await screen.findByRole("group", { name: /^Team key numbers: / })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/keeps these numbers when it first syncs/)).toBeNull());
    expect(await screen.findByRole("heading", { name: "Devices waiting for approval" })).toBeInTheDocument();
  });

  it("refuses a code the server does not know, and the device can try again with the right one", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api);
    await openTeamScreen(device);
    await join("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    await expectError("That code is not recognised. Check it with the manager who gave it to you");
    expect(api.devices.size).toBe(0);

    await join(api.issueCode("practitioner"));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" }),
    ).toBeInTheDocument();
  });

  it("says when a code has been used or has expired", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api);
    await openTeamScreen(device);
    await join(api.issueCode("practitioner", { used: true }));
    await expectError("That code has already been used. Ask your manager for a new one");
    await join(api.issueCode("practitioner", { expired: true }));
    await expectError("That code has expired. Ask your manager for a new one");
  });

  it("checks the code's shape before sending anything", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api);
    await openTeamScreen(device);
    await userEvent.setup().click(screen.getByRole("button", { name: "Join the team" }));
    await expectError("Enter the enrolment code your manager gave you");
    await join("ABC-123");
    await expectError("Enter the code as it was given: 16 letters and numbers, like ABCD-EFGH-JKMN-PQRS");
    expect(api.requests).toEqual([]);
  });

  it("offline, says so and sends nothing; with the server out of reach, says that", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api);
    await openTeamScreen(device);
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    await join(api.issueCode("practitioner"));
    await expectError("This device is offline. Connect to the internet and try again");
    expect(api.requests).toEqual([]);

    onLine.mockReturnValue(true);
    api.offline = true;
    await join(api.issueCode("practitioner"));
    await expectError(
      "The team server cannot be reached. Check the connection and try again, or ask whoever runs the server",
    );
    expect(api.devices.size).toBe(0);
    expect(await device.controller.identity()).toMatchObject({ enrolment: null });
  });
});

describe("joining a MARAC area", () => {
  it("a coordinator's code enrols a coordinator's device, whose team screen names its area's inbox", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api, "MARAC coordinator");
    await openTeamScreen(device);
    await join(api.firstCoordinatorCode());

    expect(await screen.findByRole("heading", { level: 1, name: "Your MARAC area" })).toBeInTheDocument();
    expect(screen.getByText(/This device is a MARAC coordinator's device/)).toBeInTheDocument();
    expect(await device.controller.deviceRole()).toBe("coordinator");
    const [enrolled] = [...api.devices.values()];
    expect(enrolled).toMatchObject({ role: "coordinator", status: "approved" });
    // No team key and no manager's panel on a coordinator's device.
    expect(screen.queryByRole("group", { name: /team key/i })).toBeNull();
    expect(api.managerKey).toBeNull();
  });
});
