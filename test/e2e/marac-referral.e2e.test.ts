// Issue 17's acceptance in real Chromium against the team server this file starts: three browser
// contexts — a police officer on a tablet, an IDVA on a laptop and the MARAC coordinator — each with
// its own IndexedDB, through the real screens. The operator makes the area "Northshire MARAC" and links
// two teams to it (each with a manager's device, which approves its practitioner's). The coordinator
// joins the area with its code; the officer and the IDVA each refer the same victim, her name written
// differently; the coordinator's inbox shows both, with exactly one match (on the newer) and its
// reasons; the coordinator confirms it (nothing merges) and records where each referral stands; the
// statuses reach both referrers' case screens by the app's own sync rounds. Axe on every new screen.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createProfile, openFirstCase } from "./support/app-flows";
import { expectNoAxeViolations, newPage, saveScreenshot } from "./support/browser";
import { importMaracReadyCase, type SeededVictim } from "./support/seed-assessed-case";
import {
  createArea,
  joinWith,
  linkTeamToArea,
  openSection,
  openTeamScreen,
  ownServerAndBrowser,
  TEAM_STEP_TIMEOUT_MS,
  teamOfManagerAndOfficer,
} from "./support/team-flows";

const AREA = "Northshire MARAC";
const POLICE = "Northshire Police";
const IDVA_SERVICE = "Northshire IDVA service";

/** The same woman, as two agencies wrote her down: names reordered and spelt differently, postcodes spaced and cased differently. */
const AS_THE_OFFICER_WROTE: SeededVictim = { name: "Ayesha Khan", dateOfBirth: "1991-03-14", postcode: "NS1 4AB" };
const AS_THE_IDVA_WROTE: SeededVictim = { name: "Khan, Aisha", dateOfBirth: "1991-03-14", postcode: "ns14ab" };

/**
 * Every device syncs once a minute (and on focus or coming online): a change waits for the writer's
 * push, then the reader's next round. Generous, as two cores run five browser contexts.
 */
const TWO_ROUNDS_MS = 150_000;

const ACTION = "Refer the children to the school's safeguarding lead";
const ACTION_AGENCY = "Children's social care";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

/** Today's date in London, as the status form's rules read it: "2026-12-07". */
function londonToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

/** "7 December 2026", as the status words say a date. */
function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(isoDate));
}

/** From any unlocked screen: the case's MARAC pack marked ready, then "Send to MARAC" → the check page → sent. */
async function sendMaracPack(page: Page, context: string): Promise<void> {
  await openSection(page, "Referral packs");
  await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
  await page.getByRole("article", { name: "MARAC referral" }).waitFor();
  await page.getByRole("button", { name: "Mark ready to send" }).click();
  await page.getByText("Ready to send", { exact: true }).waitFor();
  const send = page.getByRole("region", { name: "Send to MARAC" });
  await send.getByRole("button", { name: "Send to MARAC" }).click({ timeout: TEAM_STEP_TIMEOUT_MS });

  await heading(page, "Check before you send to the MARAC").waitFor();
  await page.getByText(`The MARAC coordinator for ${AREA}, on the coordinator's devices only`).waitFor();
  await page.getByText(/^Nothing else of the case/).waitFor();
  await expectNoAxeViolations(page, `${context}: check before you send to the MARAC`);
  await page.getByRole("button", { name: "Send to MARAC" }).click();
  await heading(page, `Referral sent to ${AREA}`).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  await page.getByText(`The MARAC coordinator for ${AREA} can now read it.`).waitFor();
}

/** From any unlocked screen: case 1's screen, where its MARAC referral's status shows. */
async function openCaseWithReferral(page: Page) {
  await openSection(page, "Cases");
  await openFirstCase(page);
  const referral = page.getByRole("region", { name: "MARAC referral" });
  await referral.getByText(AREA, { exact: true }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
  return referral;
}

/** From the inbox: one referral's page, by the victim's name as its referrer wrote it. */
async function openReferral(coordinator: Page, victimName: string): Promise<void> {
  await coordinator.getByRole("button", { name: victimName, exact: true }).click();
  await heading(coordinator, `Referral for ${victimName}`).waitFor();
}

async function backToInbox(coordinator: Page): Promise<void> {
  await coordinator.getByRole("button", { name: "Back to the inbox" }).click();
  await heading(coordinator, "MARAC inbox").waitFor();
}

/** On a referral page: a stage and its meeting date saved, with the actions when heard. */
async function saveStatus(
  coordinator: Page,
  stage: "On the agenda for a meeting" | "Heard at a meeting",
  meetingDate: string,
  actions: readonly { text: string; agency: string }[] = [],
): Promise<void> {
  const form = coordinator.getByRole("region", { name: "Where this referral stands" });
  await form.getByRole("radio", { name: stage }).check();
  const [year, month, day] = meetingDate.split("-");
  const date = form.getByRole("group", { name: /^Date of the meeting/ });
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(year!);
  for (const [index, action] of actions.entries()) {
    await form.getByRole("button", { name: "Add an action" }).click();
    await form.getByLabel(`Action ${index + 1}`, { exact: true }).fill(action.text);
    await form.getByLabel(`Agency responsible for action ${index + 1} (optional)`).fill(action.agency);
  }
  await form.getByRole("button", { name: "Save the status" }).click();
  await form.getByText(/^Status saved: /).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
}

describe("sending to MARAC: an officer, an IDVA and the area's coordinator", () => {
  const own = ownServerAndBrowser();

  it("both refer the same victim; the coordinator sees one match with its reasons; statuses reach both", async () => {
    const { server, browser } = own;
    const policeManager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    const idvaManager = await newPage(browser);
    const idva = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    const coordinator = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    for (const [who, page] of Object.entries({ officer, idva, coordinator })) {
      page.on("pageerror", (error) => pageErrors.push(`${who}: ${error.message}`));
    }
    try {
      // 1. The operator makes the area; its first coordinator joins with the code, on the Team screen.
      const areaCode = await createArea(server, AREA);
      await coordinator.goto(server.url);
      await createProfile(coordinator);
      await openTeamScreen(coordinator, "Join a team");
      await joinWith(coordinator, areaCode);
      await heading(coordinator, "Your MARAC area").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await openSection(coordinator, "MARAC inbox");
      await heading(coordinator, "MARAC inbox").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await coordinator.getByText("No referrals yet.").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The two teams, each a manager's device approving its practitioner's, linked to the area.
      for (const page of [policeManager, officer, idvaManager, idva]) {
        await page.goto(server.url);
        await createProfile(page);
      }
      await teamOfManagerAndOfficer(server, policeManager, officer, POLICE);
      await teamOfManagerAndOfficer(server, idvaManager, idva, IDVA_SERVICE);
      await linkTeamToArea(server, POLICE, AREA);
      await linkTeamToArea(server, IDVA_SERVICE, AREA);

      // 2. Each refers the victim as they wrote her down: the officer first, then the IDVA.
      await importMaracReadyCase(officer, {
        victim: AS_THE_OFFICER_WROTE,
        referrer: { name: "PC Dana Webb", role: "police", agency: "Northshire Constabulary" },
        // As every case the app makes, a UUID (the team server names records by UUID).
        caseId: randomUUID(),
      });
      await sendMaracPack(officer, "officer, tablet");
      await importMaracReadyCase(idva, {
        victim: AS_THE_IDVA_WROTE,
        referrer: { name: "Sam Rivers", role: "idva", agency: "Northshire Women's Aid" },
        caseId: randomUUID(),
      });
      await sendMaracPack(idva, "IDVA, laptop");

      // 3. Both reach the coordinator's inbox by its own rounds; the newer one carries the one match.
      const rows = coordinator.locator("tbody tr");
      const officerRow = rows.filter({ hasText: AS_THE_OFFICER_WROTE.name });
      const idvaRow = rows.filter({ hasText: AS_THE_IDVA_WROTE.name });
      await idvaRow.waitFor({ timeout: TWO_ROUNDS_MS });
      await officerRow.waitFor({ timeout: TWO_ROUNDS_MS });
      expect(await rows.count()).toBe(2);
      await expect(officerRow.textContent()).resolves.toContain(POLICE);
      await expect(idvaRow.textContent()).resolves.toContain(IDVA_SERVICE);
      await expect(officerRow.locator("td").nth(4).textContent()).resolves.toBe("None");
      await expect(idvaRow.locator("td").nth(4).textContent()).resolves.toBe("Possible match");
      // Received is automatic: the first coordinator device to hold a referral says so.
      await officerRow.getByText("Received by the MARAC coordinator").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await idvaRow.getByText("Received by the MARAC coordinator").waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await expectNoAxeViolations(coordinator, "the MARAC inbox with two referrals");
      await saveScreenshot(coordinator, "marac-inbox-laptop");

      await openReferral(coordinator, AS_THE_IDVA_WROTE.name);
      const matches = coordinator.getByRole("region", { name: /match: / });
      expect(await matches.count()).toBe(1);
      const match = matches.first();
      await match
        .getByRole("heading", { level: 3, name: new RegExp(`match: ${AS_THE_OFFICER_WROTE.name}$`) })
        .waitFor();
      const reasons = await match.locator("h4:text-is('What agrees') + ul > li").allTextContents();
      expect(reasons, "what agrees").toEqual(
        expect.arrayContaining([
          // Transliterations of one name are close names (decisions §35), said in plain words.
          "Names match in a different order and with first names that sound alike ('Aisha' / 'Ayesha'): 'Khan, Aisha' / 'Ayesha Khan'",
          "Same date of birth (14 March 1991)",
          expect.stringMatching(/^Same postcode/),
        ]),
      );
      await expectNoAxeViolations(coordinator, "a referral page with its match");
      // The page's top (who referred, the match and its reasons); the MARAC copy below runs to many screens.
      await coordinator.setViewportSize({ width: 1280, height: 1800 });
      await saveScreenshot(coordinator, "marac-referral-match-laptop", { fullPage: false });
      await coordinator.setViewportSize({ width: 1280, height: 800 });

      await match.getByRole("radio", { name: "Yes, the same person" }).check();
      await match.getByRole("button", { name: "Save your answer" }).click();
      await match
        .getByText("Recorded as the same person. The two referrals stay separate: nothing has been merged.")
        .waitFor();
      await match.getByText(/^Your answer: Confirmed as the same person, by /).waitFor();
      await expectNoAxeViolations(coordinator, "a referral page, its match confirmed");
      await backToInbox(coordinator);
      expect(await rows.count(), "nothing merged: both referrals stay listed").toBe(2);
      await expect(idvaRow.locator("td").nth(4).textContent()).resolves.not.toBe("Possible match");

      // The older referral points to the later one that may be the same person.
      await openReferral(coordinator, AS_THE_OFFICER_WROTE.name);
      await coordinator
        .getByRole("region", { name: "Later referrals that may be the same person" })
        .getByRole("button", { name: `Open the referral for ${AS_THE_IDVA_WROTE.name}` })
        .waitFor();
      await backToInbox(coordinator);

      // Received flows back to both referrers' case screens by their own rounds.
      const officerReferral = await openCaseWithReferral(officer);
      const idvaReferral = await openCaseWithReferral(idva);
      await Promise.all([
        officerReferral.getByText("Received by the MARAC coordinator").waitFor({ timeout: TWO_ROUNDS_MS }),
        idvaReferral.getByText("Received by the MARAC coordinator").waitFor({ timeout: TWO_ROUNDS_MS }),
      ]);

      // 4. Both listed for today's meeting; then the IDVA's heard there, with an action.
      const today = londonToday();
      for (const name of [AS_THE_OFFICER_WROTE.name, AS_THE_IDVA_WROTE.name]) {
        await openReferral(coordinator, name);
        await saveStatus(coordinator, "On the agenda for a meeting", today);
        await backToInbox(coordinator);
      }
      const onAgenda = `On the agenda for ${longDate(today)}`;
      await expect(rows.getByText(onAgenda, { exact: true }).count()).resolves.toBe(2);
      await Promise.all([
        officerReferral.getByText(onAgenda, { exact: true }).waitFor({ timeout: TWO_ROUNDS_MS }),
        idvaReferral.getByText(onAgenda, { exact: true }).waitFor({ timeout: TWO_ROUNDS_MS }),
      ]);

      await openReferral(coordinator, AS_THE_IDVA_WROTE.name);
      await saveStatus(coordinator, "Heard at a meeting", today, [{ text: ACTION, agency: ACTION_AGENCY }]);
      await expectNoAxeViolations(coordinator, "a referral page, heard with an action");
      const heard = `Heard on ${longDate(today)}`;
      await idvaReferral.getByText(heard, { exact: true }).waitFor({ timeout: TWO_ROUNDS_MS });
      await idvaReferral.getByText(`${ACTION} (${ACTION_AGENCY})`, { exact: true }).waitFor();
      await expectNoAxeViolations(idva, "the IDVA's case screen, the referral heard");
      await saveScreenshot(idva, "marac-referrer-case-heard-laptop");
      // The officer's referral stays on the agenda: each status belongs to its own referral.
      await expect(officerReferral.getByText(onAgenda, { exact: true }).count()).resolves.toBe(1);
      await expectNoAxeViolations(officer, "the officer's case screen, the referral on the agenda");
      // Every change on both referrers' devices went to their teams: no "could not be prepared" (the pack's
      // id, "marac-<assessment id>", is not a UUID, and a pack changed on its own once failed to apply).
      for (const referrer of [officer, idva]) {
        await expect(referrer.getByText(/could not be prepared for the team/).count()).resolves.toBe(0);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      for (const page of [policeManager, officer, idvaManager, idva, coordinator]) await page.context().close();
    }
  }, 900_000);
});
