// After a manager removes a device, the Team screen gives every case it could read a new key, counting
// progress in cases, says what that does and what no removal can do, and finishes a re-keying that a
// lost connection stopped (at once, when asked again, or from the Team screen later).
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { TeamScreen } from "../team-screen";
import { teamDevice } from "./team-test-support";

/** A manager's device and an officer's device in the team, the officer's device able to read `cases` case keys. */
async function managerAndOfficer(cases: number) {
  const api = new FakeTeamApi();
  const manager = await teamDevice(api, "Sgt 4567 Jones");
  await manager.controller.join(api.firstManagerCode());
  const officer = await teamDevice(api, "PC 1234 Smith");
  await officer.controller.join(api.issueCode("practitioner"));
  const officerId = (await officer.controller.identity())!.enrolment!.deviceId;
  const approved = api.devices.get(officerId)!;
  approved.status = "approved";
  approved.approvedAt = new Date().toISOString();
  // The manager's device checks the team key in a round before it can wrap new keys to it.
  await manager.controller.syncNow();
  const keyIds = Array.from({ length: cases }, () => crypto.randomUUID());
  api.readableKeyIds.set(officerId, keyIds);
  return { api, manager, officerId, keyIds };
}

async function removeTheOfficer(user: ReturnType<typeof userEvent.setup>) {
  const table = await screen.findByRole("table", { name: "Devices in the team" });
  await user.click(within(table).getByRole("button", { name: /^Remove from the team/ }));
  expect(screen.getByText(/Every case it could read is given a new key/)).toBeVisible();
  await user.click(await screen.findByRole("button", { name: "Remove this device" }));
}

describe("giving a removed device's cases new keys", () => {
  it("re-keys every case the removed device could read and says what that does and does not do", async () => {
    const { api, manager, officerId, keyIds } = await managerAndOfficer(3);
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await removeTheOfficer(user);
    await screen.findByText(
      "All 3 cases the removed device could read now have new keys. Anything written to them from now on cannot be read with the keys that device held.",
    );
    expect(screen.getByText(/What the removed device has already opened cannot be recalled from it/)).toBeVisible();
    expect([...api.rotated.keys()].sort()).toEqual([...keyIds].sort());
    // Each rotation is in the team's audit, in words.
    const audit = await screen.findByRole("table", { name: "What has happened in the team, newest first" });
    expect(
      await within(audit).findAllByText(/^This device gave a case a new key because a practitioner device/),
    ).toHaveLength(3);
    expect(document.body.textContent).not.toContain(officerId);
  });

  it("says when re-keying stopped, and finishes it when asked again", async () => {
    const { api, manager } = await managerAndOfficer(3);
    api.rotationBatchesBeforeOffline = 0;
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    await removeTheOfficer(user);
    expect(
      await screen.findByText(
        "The device is removed, but giving its cases new keys stopped (0 of 3 cases done). Changes to those cases wait until it is finished.",
      ),
    ).toBeVisible();
    expect(api.rotated.size).toBe(0);

    api.offline = false;
    api.rotationBatchesBeforeOffline = null;
    await user.click(screen.getByRole("button", { name: "Try again to give the cases new keys" }));
    await screen.findByText(/^All 3 cases the removed device could read now have new keys/);
    expect(api.rotated.size).toBe(3);
  });

  it("offers to finish a stopped re-keying when the Team screen is opened again", async () => {
    const { api, manager, officerId } = await managerAndOfficer(2);
    api.revoke(officerId);
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);
    const waiting = await screen.findByRole("region", { name: "Cases waiting for new keys" });
    expect(
      within(waiting).getByText(
        "2 cases that a removed device could read still wait for a new key. Changes to them are held until then.",
      ),
    ).toBeVisible();
    await user.click(within(waiting).getByRole("button", { name: "Give the cases new keys" }));
    await within(waiting).findByText(/^All 2 cases the removed device could read now have new keys/);
    expect(api.rotated.size).toBe(2);
  });

  it("changes the team key first when a manager's device is removed, then gives every case a new key", async () => {
    const { api, manager, keyIds } = await managerAndOfficer(2);
    const deputy = await teamDevice(api, "Insp 8910 Patel");
    await deputy.controller.join(api.issueCode("manager"));
    const deputyId = (await deputy.controller.identity())!.enrolment!.deviceId;
    const approved = api.devices.get(deputyId)!;
    approved.status = "approved";
    approved.approvedAt = new Date().toISOString();
    api.readableKeyIds.set(deputyId, keyIds);
    const oldKeyId = api.managerKey!.keyId;
    const user = userEvent.setup();
    render(<TeamScreen controller={manager.controller} session={manager.session} />);

    const table = await screen.findByRole("table", { name: "Devices in the team" });
    const deputyRow = within(table)
      .getAllByRole("row")
      .find((row) => within(row).queryByText("Manager") !== null && within(row).queryByRole("button") !== null)!;
    await user.click(within(deputyRow).getByRole("button", { name: /^Remove from the team/ }));
    expect(screen.getByText(/the team key is changed first/)).toBeVisible();
    await user.click(await screen.findByRole("button", { name: "Remove this device" }));
    await screen.findByText(
      "This was a manager's device, so it held the team key that opens every case. The team key has been changed: the remaining managers' devices have the new one and the removed device does not. All 2 cases it could read now have new keys. Anything written from now on cannot be read with the keys that device held.",
    );
    expect(screen.getByText(/What the removed device has already opened cannot be recalled from it/)).toBeVisible();
    expect(screen.queryByText(/cannot be changed yet/)).toBeNull();
    // The new team key went to this manager's device and not the removed one; the cases' keys were wrapped to it.
    expect(api.teamKeyRotations).toHaveLength(1);
    expect(api.managerKey!.keyId).not.toBe(oldKeyId);
    expect(api.devices.get(deputyId)!.managerKeyWrapped).toBeNull();
    expect([...api.rotated.keys()].sort()).toEqual([...keyIds].sort());
    const audit = await screen.findByRole("table", { name: "What has happened in the team, newest first" });
    expect(await within(audit).findByText(/^This device changed the team key because a manager device/)).toBeVisible();
    expect(document.body.textContent).not.toContain(deputyId);

    // The device re-pins the new team key on its next round (it signed the statement itself).
    expect((await manager.controller.syncNow()).problem).toBeNull();
    expect((await manager.controller.identity())!.managerKey!.keyId).toBe(api.managerKey!.keyId);
  });
});
