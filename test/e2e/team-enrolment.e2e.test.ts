// Joining a team in real Chromium against the real team server (issue 16): the operator creates a team
// (POST /api/admin/teams, as `npm run team -- create` does); its first manager joins with the one-time
// code and issues a practitioner code; an officer's device (another browser context) joins with it and
// shows its numbers; the manager types them and approves; the officer's device is in the team, says it
// has synced, and both show the same team key numbers. Axe on every new screen.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage } from "./support/browser";
import { startAppServer, type AppServer } from "./support/server";
import { smallTargets } from "./support/target-size";

/** This test creates its team through the operator's endpoint, so it runs its own server (same dist/). */
let server: AppServer;

async function createTeam(name: string): Promise<string> {
  const response = await fetch(new URL("/api/admin/teams", server.url), {
    method: "POST",
    headers: { "content-type": "application/json", "x-admin-token": server.adminToken },
    body: JSON.stringify({ name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { firstCode: string }).firstCode;
}

async function openTeamScreen(page: Page, heading: string): Promise<void> {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  await page.getByRole("button", { name: "Team sync" }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

async function joinWith(page: Page, code: string): Promise<void> {
  await page.getByLabel("Enrolment code").fill(code);
  await page.getByRole("button", { name: "Join the team" }).click();
}

/** The digits of a group of large numbers, "1234 5678 …". */
async function numbersIn(page: Page, label: string): Promise<string> {
  const group = page.getByRole("group", { name: new RegExp(`^${label}: `) });
  await group.waitFor();
  const digits = await group.locator(".fingerprint__group").allTextContents();
  expect(digits).toHaveLength(6);
  return digits.join(" ");
}

describe("team enrolment", () => {
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a first manager joins, issues a code, an officer joins with it and is approved after the numbers match", async () => {
    const firstCode = await createTeam("Response Unit 3");
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

      await manager.getByRole("radio", { name: "A practitioner" }).check();
      await manager.getByRole("button", { name: "Get a code" }).click();
      const issued = manager.getByRole("region", { name: "Code for a practitioner" });
      const code = (await issued.locator(".enrolment-code").textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
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
      await manager.getByRole("button", { name: /^Check the numbers and approve/ }).click();
      await manager.getByRole("heading", { level: 1, name: "Approve a practitioner device" }).waitFor();
      await expectNoAxeViolations(manager, "approve a device");
      await manager.getByLabel("The numbers on the new device's screen").fill("0000 0000 0000 0000 0000 0000");
      await manager.getByRole("button", { name: "Approve this device" }).click();
      await manager.getByRole("link", { name: /^The numbers do not match this device\. Do not approve it/ }).waitFor();
      await expectNoAxeViolations(manager, "approve a device, numbers do not match");
      await manager.getByLabel("The numbers on the new device's screen").fill(officerNumbers);
      await manager.getByRole("button", { name: "Approve this device" }).click();
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
