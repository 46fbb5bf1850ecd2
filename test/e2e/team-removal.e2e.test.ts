// Removing a device from the team in real Chromium against the real team server (issue 17 item 3): the
// manager removes the officer's tablet after a confirm page, sees it listed as removed and the removal in
// the team's audit in words; the tablet, on its next contact, says it was removed and why. Axe on the new
// screens.
import { describe, expect, it } from "vitest";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import { smallTargets } from "./support/target-size";
import { ownServerAndBrowser, syncLine, TEAM_STEP_TIMEOUT_MS, teamOfManagerAndOfficer } from "./support/team-flows";

describe("removing a device from the team", () => {
  const own = ownServerAndBrowser();

  it("the manager removes the officer's tablet; the tablet says it was removed on its next contact", async () => {
    const { server, browser } = own;
    const manager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    try {
      await manager.goto(server.url);
      await createProfile(manager);
      await officer.goto(server.url);
      await createProfile(officer);
      await teamOfManagerAndOfficer(server, manager, officer);

      // The manager's own device is not offered for removal; the officer's is.
      const inTeam = manager.getByRole("table", { name: "Devices in the team" });
      await inTeam.waitFor();
      expect(await inTeam.getByRole("button", { name: /^Remove from the team/ }).count()).toBe(1);
      await inTeam.getByRole("cell", { name: "This device" }).waitFor();
      await inTeam.getByRole("button", { name: /^Remove from the team/ }).click();
      await manager
        .getByRole("heading", { level: 1, name: "Remove this practitioner device from the team?" })
        .waitFor();
      await manager.getByText(/What the device has already opened and stored cannot be recalled from it/).waitFor();
      await expectNoAxeViolations(manager, "remove a device: confirm");
      expect(await smallTargets(manager), "targets under 44 px, remove a device").toEqual([]);
      await manager.getByRole("button", { name: "Remove this device" }).click();

      await manager.getByText(/The practitioner device has been removed from the team/).waitFor();
      await manager
        .getByRole("table", { name: "Removed devices" })
        .getByRole("cell", { name: /^Removed on \d{1,2} \w+ \d{4}$/ })
        .waitFor();
      const audit = manager.getByRole("table", { name: "What has happened in the team, newest first" });
      await audit
        .getByText(/^This device removed a practitioner device \(joined \d{1,2} \w+ \d{4}\) from the team$/)
        .waitFor();
      await audit.getByText(/^This device approved a practitioner device/).waitFor();
      expect(await audit.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      await expectNoAxeViolations(manager, "manager's team screen with a removed device and the audit");
      expect(await smallTargets(manager), "targets under 44 px, manager's team screen").toEqual([]);

      // The tablet's next contact: back online, it syncs at once and is refused.
      await officer.context().setOffline(true);
      await officer.context().setOffline(false);
      await officer
        .getByRole("heading", { level: 1, name: "This device has been removed from the team" })
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await officer.getByText(/has stopped syncing and has cleared what it kept for syncing/).waitFor();
      await officer.getByText(/The cases saved in Safe Referral on this device stay here/).waitFor();
      await syncLine(officer, /^Team sync: This device has been removed from the team\. Ask your manager\.$/).waitFor();
      await expectNoAxeViolations(officer, "removed from the team");
      expect(await smallTargets(officer), "targets under 44 px, removed from the team on a tablet").toEqual([]);
    } finally {
      await manager.context().close();
      await officer.context().close();
    }
  });
});
