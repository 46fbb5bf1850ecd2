// Joining a team in real Chromium against the real team server (issue 16): the operator creates a team
// (POST /api/admin/teams, as `npm run team -- create` does); its first manager joins with the one-time
// code and issues a practitioner code; an officer's device (another browser context) joins with it and
// shows its numbers; the manager types them and approves; the officer's device is in the team, says it
// has synced, and both show the same team key numbers. Axe on every new screen.
import { describe, expect, it } from "vitest";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import { smallTargets } from "./support/target-size";
import {
  approveWithNumbers,
  createTeam,
  issuePractitionerCode,
  joinWith,
  numbersIn,
  openApproval,
  openTeamScreen,
  ownServerAndBrowser,
} from "./support/team-flows";

describe("team enrolment", () => {
  const own = ownServerAndBrowser();

  it("a first manager joins, issues a code, an officer joins with it and is approved after the numbers match", async () => {
    const { server, browser } = own;
    const firstCode = await createTeam(server, "Response Unit 3");
    const manager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 1024, height: 768 }, hasTouch: true });
    try {
      await manager.goto(server.url);
      await createProfile(manager);
      await openTeamScreen(manager, "Join a team");
      await expectNoAxeViolations(manager, "join a team");
      await joinWith(manager, firstCode);
      await manager.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: 20_000 });
      await manager.getByRole("heading", { name: "Devices waiting for approval" }).waitFor();
      const managerTeamKey = await numbersIn(manager, "Team key numbers");
      await expectNoAxeViolations(manager, "manager's team screen");

      const code = await issuePractitionerCode(manager);
      await expectNoAxeViolations(manager, "a code issued");

      await officer.goto(server.url);
      await createProfile(officer);
      await openTeamScreen(officer, "Join a team");
      await joinWith(officer, code);
      await officer
        .getByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" })
        .waitFor({ timeout: 20_000 });
      const officerNumbers = await numbersIn(officer, "This device's numbers");
      await expectNoAxeViolations(officer, "waiting for approval");
      expect(await smallTargets(officer), "targets under 44 px, waiting for approval on a tablet").toEqual([]);
      await officer
        .getByRole("status")
        .filter({ hasText: "Waiting for your manager to approve this device" })
        .waitFor();

      // The manager opens the team again to see the device waiting, and types the numbers read out.
      await openTeamScreen(manager, "Your team");
      await openApproval(manager);
      await expectNoAxeViolations(manager, "approve a device");
      await approveWithNumbers(manager, "0000 0000 0000 0000 0000 0000");
      await manager.getByRole("link", { name: /^The numbers do not match this device\. Do not approve it/ }).waitFor();
      await expectNoAxeViolations(manager, "approve a device, numbers do not match");
      await approveWithNumbers(manager, officerNumbers);
      await manager.getByText(/The practitioner device is approved/).waitFor();
      await manager.getByText("No device is waiting.").waitFor();

      await officer.getByRole("button", { name: "Check again" }).click();
      await officer.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: 20_000 });
      await officer
        .getByRole("status")
        .filter({ hasText: /^Team sync: Synced just now$/ })
        .waitFor({ timeout: 20_000 });
      expect(await numbersIn(officer, "Team key numbers")).toBe(managerTeamKey);
      await expectNoAxeViolations(officer, "officer's team screen");
    } finally {
      await manager.context().close();
      await officer.context().close();
    }
  });
});
