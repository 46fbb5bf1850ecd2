// Issue 17 item 3's last part in real Chromium against the real team server: an officer's case reaches
// the manager; a second officer's device joins and syncs (its cursor passes the case, which it may not
// read); the manager removes the first officer's tablet (the case gets a new key), opens "Cases of this
// device" for the removed tablet, reassigns the case to the second officer's device after a check page
// (axe on both), and the second officer's device, on its next round, has the case and opens it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { backToOverview, createProfile, newCase, openFirstCase, openSection, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import { smallTargets } from "./support/target-size";
import {
  approveWithNumbers,
  issuePractitionerCode,
  joinWith,
  numbersIn,
  openApproval,
  openSection as openAppSection,
  openTeamScreen,
  ownServerAndBrowser,
  syncLine,
  TEAM_STEP_TIMEOUT_MS,
  teamOfManagerAndOfficer,
} from "./support/team-flows";

const VICTIM = "Priya Castellanos";

/** How many envelopes the page's pushes had accepted (POST /api/envelopes answered 201). */
function acceptedPushes(page: Page): { count: number } {
  const accepted = { count: 0 };
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() === "POST" && new URL(response.url()).pathname === "/api/envelopes") {
      if (response.status() === 201) accepted.count += 1;
    }
  });
  return accepted;
}

/** A sync round now: the browser going offline and back online starts one at once. */
async function syncRound(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.context().setOffline(false);
}

describe("a manager reassigns a removed officer's case", () => {
  const own = ownServerAndBrowser();

  it("moves the case to another officer's device, which then opens it", async () => {
    const { server, browser } = own;
    const manager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    const colleague = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    const officerPushes = acceptedPushes(officer);
    try {
      for (const page of [manager, officer, colleague]) {
        await page.goto(server.url);
        await createProfile(page);
      }
      await teamOfManagerAndOfficer(server, manager, officer, "Response Unit 9");

      // A second officer's device joins through the screens.
      const code = await issuePractitionerCode(manager);
      await openTeamScreen(colleague, "Join a team");
      await joinWith(colleague, code);
      await colleague
        .getByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" })
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      const numbers = await numbersIn(colleague, "This device's numbers");
      await openTeamScreen(manager, "Your team");
      await openApproval(manager);
      await approveWithNumbers(manager, numbers);
      await manager.getByText(/The practitioner device is approved/).waitFor();
      await colleague.getByRole("button", { name: "Check again" }).click();
      await colleague.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The first officer's case, synced.
      await openAppSection(officer, "Cases");
      await newCase(officer);
      await openSection(officer, "About the victim");
      await officer.getByLabel("Victim's name").fill(VICTIM);
      await waitForSaved(officer);
      await backToOverview(officer);
      await syncRound(officer);
      await expect.poll(() => officerPushes.count, { timeout: TEAM_STEP_TIMEOUT_MS }).toBeGreaterThan(0);
      await syncLine(officer, /^Team sync: Synced just now$/).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The colleague's device syncs past the case, which is not its to read.
      await syncRound(colleague);
      await syncLine(colleague, /^Team sync: Synced just now$/).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await openAppSection(colleague, "Cases");
      expect(await colleague.getByRole("button", { name: /^Case 1, started/ }).count()).toBe(0);

      // The case reaches the manager's device.
      await syncRound(manager);
      await openAppSection(manager, "Cases");
      await manager.getByRole("button", { name: /^Case 1, started/ }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The manager removes the officer's tablet; its case gets a new key.
      await openTeamScreen(manager, "Your team");
      const inTeam = manager.getByRole("table", { name: "Devices in the team" });
      await inTeam
        .getByRole("row")
        .filter({ has: manager.getByRole("button", { name: /^Remove from the team/ }) })
        .first()
        .getByRole("button", { name: /^Remove from the team/ })
        .click();
      await manager.getByRole("button", { name: "Remove this device" }).click();
      await manager
        .getByText(/^The 1 case the removed device could read now has a new key/)
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // Its cases, reassigned to the colleague's device.
      const removed = manager.getByRole("table", { name: "Removed devices" });
      await removed.getByRole("button", { name: /^Reassign cases/ }).click();
      await manager.getByRole("heading", { level: 1, name: "Cases of this practitioner device" }).waitFor();
      await manager.getByText("This device can read 1 case.").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await expectNoAxeViolations(manager, "a removed device's cases, to reassign");
      expect(await smallTargets(manager), "targets under 44 px, cases to reassign").toEqual([]);
      await manager.getByRole("checkbox", { name: /^Case 1, started/ }).check();
      await manager.getByRole("radio", { name: /^Practitioner device, joined/ }).check();
      await manager.getByRole("button", { name: "Continue" }).click();
      await manager.getByRole("heading", { level: 1, name: "Reassign 1 case" }).waitFor();
      await expectNoAxeViolations(manager, "check page before reassigning cases");
      await manager.getByRole("button", { name: "Reassign the cases" }).click();
      await manager
        .getByText(/^1 case was reassigned to a practitioner device \(joined .+\)\. It arrives on that device/)
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await expectNoAxeViolations(manager, "cases reassigned");
      await manager.getByRole("button", { name: "Back to the team" }).click();
      const audit = manager.getByRole("table", { name: "What has happened in the team, newest first" });
      await audit
        .getByText(
          /^This device gave a practitioner device \(joined .+\) the key to a case moved from a removed practitioner device/,
        )
        .first()
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The colleague's device gets the case on its next round, and opens it.
      await syncRound(colleague);
      await openAppSection(colleague, "Cases");
      await colleague.getByRole("button", { name: /^Case 1, started/ }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await openFirstCase(colleague);
      await openSection(colleague, "About the victim");
      expect(await colleague.getByLabel("Victim's name").inputValue()).toBe(VICTIM);
      await expectNoAxeViolations(colleague, "a reassigned case opened on the new officer's device");
    } finally {
      await manager.context().close();
      await officer.context().close();
      await colleague.context().close();
    }
  });
});
