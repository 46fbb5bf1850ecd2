// A manager reassigns a practitioner device's cases (a leaver's) to another practitioner device of the
// team from the Team screen: the cases named as the case list names them, the device by role and when it
// joined, a check page, progress, a stop that says how far it got, and "Try again". Never an id on screen.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { toBase64 } from "../../../storage/bytes";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { teamDevice } from "./team-test-support";

/** A manager's device holding `cases` of an officer's cases (their keys learnt, as sync leaves them), and a colleague. */
async function teamWithOfficerCases(cases: number) {
  const api = new FakeTeamApi();
  const manager = await teamDevice(api, "Sgt 4567 Jones");
  await manager.controller.join(api.firstManagerCode());
  const approve = async (label: string) => {
    const device = await teamDevice(api, label);
    await device.controller.join(api.issueCode("practitioner"));
    const deviceId = (await device.controller.identity())!.enrolment!.deviceId;
    const listed = api.devices.get(deviceId)!;
    listed.status = "approved";
    listed.approvedAt = new Date().toISOString();
    return deviceId;
  };
  const officerId = await approve("PC 1234 Smith");
  const colleagueId = await approve("PC 5678 Patel");
  const store = (await manager.controller.teamSync()).reassignment().store;
  const caseIds: string[] = [];
  const keyIds: string[] = [];
  for (let index = 0; index < cases; index += 1) {
    const saved = await manager.session.saveCase({ details: { victim: `Victim ${index}` } });
    caseIds.push(saved.id);
    const keyId = crypto.randomUUID();
    keyIds.push(keyId);
    const raw = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    const row = await store.keyRow({ keyId, caseId: saved.id, raw, wraps: null, shared: true });
    await store.write(() => store.db.syncKeys.put(row));
  }
  api.caseKeyIds.set(officerId, keyIds);
  return { api, manager, officerId, colleagueId, caseIds, keyIds };
}

async function openCasesOfTheRemovedOfficer(user: ReturnType<typeof userEvent.setup>) {
  const removed = await screen.findByRole("table", { name: "Removed devices" });
  await user.click(within(removed).getByRole("button", { name: /^Reassign cases/ }));
  await screen.findByRole("heading", { name: "Cases of this practitioner device" });
}

describe("reassigning a leaver's cases", () => {
  it("moves the chosen cases of a removed officer's device to a colleague's device, checked first", async () => {
    const { api, manager, officerId, colleagueId, caseIds, keyIds } = await teamWithOfficerCases(2);
    api.revoke(officerId);
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await openCasesOfTheRemovedOfficer(user);
    expect(await screen.findByText("This device can read 2 cases.")).toBeVisible();
    expect(screen.getByRole("checkbox", { name: /^Case 1, started/ })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: /^Case 2, started/ })).not.toBeChecked();

    // Nothing chosen: the error summary says what is missing.
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Select the cases to reassign" })).toBeVisible();
    expect(
      within(summary).getByRole("link", { name: "Select the practitioner device to give the cases to" }),
    ).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Select all cases" }));
    // The removed device itself is never offered.
    const recipients = screen.getAllByRole("radio");
    expect(recipients).toHaveLength(1);
    await user.click(screen.getByRole("radio", { name: /^Practitioner device, joined/ }));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(await screen.findByRole("heading", { name: "Reassign 2 cases" })).toBeVisible();
    expect(screen.getByText(/^The device you chose can open these cases/)).toBeVisible();
    expect(api.grants).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Reassign the cases" }));
    expect(
      await screen.findByText(
        /^2 cases were reassigned to a practitioner device \(joined .+\)\. They arrive on that device/,
      ),
    ).toBeVisible();
    expect(api.grants.map((grant) => grant.keyId).sort()).toEqual([...keyIds].sort());
    expect(api.grants.every((grant) => grant.toDeviceId === colleagueId && grant.fromDeviceId === officerId)).toBe(
      true,
    );
    for (const id of [officerId, colleagueId, ...caseIds, ...keyIds])
      expect(document.body.textContent).not.toContain(id);

    // Back on the Team screen, the audit says it in words.
    await user.click(screen.getByRole("button", { name: "Back to the team" }));
    const audit = await screen.findByRole("table", { name: "What has happened in the team, newest first" });
    expect(
      await within(audit).findAllByText(
        /^This device gave a practitioner device \(joined .+\) the key to a case moved from a removed practitioner device/,
      ),
    ).toHaveLength(2);
  });

  it("says how far it got when the connection drops, and finishes when asked again", async () => {
    const { api, manager, officerId } = await teamWithOfficerCases(3);
    api.revoke(officerId);
    api.grantBatchesBeforeOffline = 0;
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await openCasesOfTheRemovedOfficer(user);
    await user.click(await screen.findByRole("button", { name: "Select all cases" }));
    await user.click(screen.getByRole("radio", { name: /^Practitioner device, joined/ }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(await screen.findByRole("button", { name: "Reassign the cases" }));
    const stopped = await screen.findByRole("alert");
    expect(within(stopped).getByText(/^Reassigning stopped: 0 of 3 cases done\. Each case is either/)).toBeVisible();
    expect(api.grants).toEqual([]);

    api.offline = false;
    api.grantBatchesBeforeOffline = null;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText(/^3 cases were reassigned to a practitioner device/)).toBeVisible();
    expect(api.grants).toHaveLength(3);
  });

  it("lists an approved officer's cases too, and offers only the other practitioner devices", async () => {
    const { manager } = await teamWithOfficerCases(1);
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    const inTeam = await screen.findByRole("table", { name: "Devices in the team" });
    const buttons = within(inTeam).getAllByRole("button", { name: /^Reassign cases/ });
    // Two practitioners' devices; the manager's own row has none.
    expect(buttons).toHaveLength(2);
    await user.click(buttons[0]!);
    expect(await screen.findByText("This device can read 1 case.")).toBeVisible();
    expect(screen.getAllByRole("radio")).toHaveLength(1);
    expect(screen.getByRole("checkbox", { name: /^Case 1, started/ })).toBeVisible();
  });
});
