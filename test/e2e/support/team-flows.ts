// The team screens' steps as a manager and an officer take them, for the e2e tests of team sync: the
// operator creates a team (POST /api/admin/teams, as `npm run team -- create` does), a manager joins with
// its one-time code and issues a practitioner code, an officer's device joins and shows its numbers, the
// manager types them and approves.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser } from "./browser";
import { startAppServer, type AppServer } from "./server";

/** Joining and the first rounds go through the real server, each signing in with Web Crypto. */
export const TEAM_STEP_TIMEOUT_MS = 20_000;

/**
 * A server and a browser of the test file's own, started before its tests and closed after them: the
 * team tests create teams through the operator's endpoint (same dist/). Call at the top of a describe.
 */
export function ownServerAndBrowser(): { readonly server: AppServer; readonly browser: Browser } {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
  };
}

/** The operator's command: a new team and the one-time code for its first manager. */
export async function createTeam(server: AppServer, name: string): Promise<string> {
  const response = await adminPost(server, "/api/admin/teams", { name });
  expect(response.status).toBe(201);
  return ((await response.json()) as { firstCode: string }).firstCode;
}

/** The operator's command (`npm run team -- area`): a new MARAC area and the one-time code for its first coordinator. */
export async function createArea(server: AppServer, name: string): Promise<string> {
  const response = await adminPost(server, "/api/admin/areas", { name });
  expect(response.status).toBe(201);
  return ((await response.json()) as { firstCode: string }).firstCode;
}

/** The operator's command (`npm run team -- link`): the team may send referrals to the area. */
export async function linkTeamToArea(server: AppServer, team: string, area: string): Promise<void> {
  expect((await adminPost(server, "/api/admin/team-areas", { team, area })).status).toBe(200);
}

function adminPost(server: AppServer, path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, server.url), {
    method: "POST",
    headers: { "content-type": "application/json", "x-admin-token": server.adminToken },
    body: JSON.stringify(body),
  });
}

/** Sections → Settings → Team sync, waiting for the screen's heading. */
export async function openTeamScreen(page: Page, heading: string | RegExp): Promise<void> {
  await openSection(page, "Settings");
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  await page.getByRole("button", { name: "Team sync" }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
}

/** One of the app's sections from its navigation ("Cases", "Review", "Settings"…). */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name, exact: true }).click();
}

export async function joinWith(page: Page, code: string): Promise<void> {
  await page.getByLabel("Enrolment code").fill(code);
  await page.getByRole("button", { name: "Join the team" }).click();
}

/** The digits of a group of large numbers, "1234 5678 …". */
export async function numbersIn(page: Page, label: string): Promise<string> {
  const group = page.getByRole("group", { name: new RegExp(`^${label}: `) });
  await group.waitFor();
  const digits = await group.locator(".fingerprint__group").allTextContents();
  expect(digits).toHaveLength(6);
  return digits.join(" ");
}

/** On the manager's Team screen: a code for a practitioner, as shown once. */
export async function issuePractitionerCode(manager: Page): Promise<string> {
  await manager.getByRole("radio", { name: "A practitioner" }).check();
  await manager.getByRole("button", { name: "Get a code" }).click();
  const issued = manager.getByRole("region", { name: "Code for a practitioner" });
  const code = (await issued.locator(".enrolment-code").textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  return code;
}

/** From the manager's Team screen: the waiting device's approval page (its heading names the role). */
export async function openApproval(manager: Page): Promise<void> {
  await manager.getByRole("button", { name: /^Check the numbers and approve/ }).click();
  await manager.getByRole("heading", { level: 1, name: "Approve a practitioner device" }).waitFor();
}

/** On the approval page: types the numbers read from the new device and approves it. */
export async function approveWithNumbers(manager: Page, numbers: string): Promise<void> {
  await manager.getByLabel("The numbers on the new device's screen").fill(numbers);
  await manager.getByRole("button", { name: "Approve this device" }).click();
}

/** The sync line under the header, whose text matches `words` ("Team sync: Synced just now"). */
export function syncLine(page: Page, words: RegExp) {
  return page.getByRole("status").filter({ hasText: words });
}

/**
 * A team with an approved manager and an approved officer, both on their Team screens ("Your team"),
 * through the screens only. Returns the team key's numbers, the same on both devices.
 */
export async function teamOfManagerAndOfficer(
  server: AppServer,
  manager: Page,
  officer: Page,
  teamName = "Response Unit 7",
): Promise<string> {
  const firstCode = await createTeam(server, teamName);
  await openTeamScreen(manager, "Join a team");
  await joinWith(manager, firstCode);
  await manager.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  const teamKey = await numbersIn(manager, "Team key numbers");
  const code = await issuePractitionerCode(manager);

  await openTeamScreen(officer, "Join a team");
  await joinWith(officer, code);
  await officer
    .getByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" })
    .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  const officerNumbers = await numbersIn(officer, "This device's numbers");

  await openTeamScreen(manager, "Your team");
  await openApproval(manager);
  await approveWithNumbers(manager, officerNumbers);
  await manager.getByText(/The practitioner device is approved/).waitFor();

  await officer.getByRole("button", { name: "Check again" }).click();
  await officer.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  await syncLine(officer, /^Team sync: Synced just now$/).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  expect(await numbersIn(officer, "Team key numbers")).toBe(teamKey);
  return teamKey;
}
