// Issue 14 item 4 in real Chromium: a "not safe to ask" assessment stays visible. New case →
// assessment → not safe to ask → strangulation marks observed and a date to come back by that has
// passed → Save and close. The case list shows "High — observed, not asked" and the date; the
// manager's dashboard lists the overdue return under "Need action now", and so does the case's
// review. Axe on each of those screens, screenshots at phone, tablet and laptop sizes.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { longDate } from "../../src/domain/certainty/not-safe-summary";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { firstCaseNamed } from "./support/app-flows";
import {
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  newPage,
  saveScreenshotsAtEachSize,
} from "./support/browser";

const screenshots = (page: Page, name: string) => saveScreenshotsAtEachSize(page, `not-safe-${name}`);

/** Today's Europe/London date less `days`, as the date box takes it ("YYYY-MM-DD"). */
function londonDateDaysAgo(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const nav = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name, exact: true });

describe("not safe to ask stays visible", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows what was observed and the date to come back by on the case list, and an overdue return to the manager", async () => {
    const page = await newPage(browser);
    const returnBy = londonDateDaysAgo(3);
    const overdue = `Not safe to ask: the date to come back by (${longDate(returnBy)}) has passed`;
    try {
      await firstCaseNamed(page, baseUrl, "Test Victim");

      await nav(page, "Assessment").click();
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await page.getByLabel("Your role").selectOption("police");
      await page.getByRole("button", { name: "Continue" }).click();
      const gate = page.getByRole("group", { name: /Is it safe to ask the questions now\?/ });
      await gate.getByRole("radio", { name: "No", exact: true }).check();
      await page.getByLabel("Why is it not safe to ask now?").fill("He stayed in the room");
      await page.getByLabel("Come back by (date)").fill(returnBy);
      await page.getByRole("button", { name: "Record what you saw or know from records" }).click();

      const strangulation = page.getByRole("group", { name: questionById("dash.strangulation")!.wording });
      for (let i = 0; i < 5 && (await strangulation.count()) === 0; i++) {
        await page.getByRole("button", { name: "Continue" }).click();
      }
      await strangulation.getByRole("radio", { name: "Yes", exact: true }).check();
      // Not safe to ask: every answer is recorded as observed unless it says otherwise.
      await strangulation.getByRole("button", { name: "Add detail or a different source" }).click();
      await expect
        .poll(() =>
          strangulation
            .getByLabel("Source of this answer")
            .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ""),
        )
        .toMatch(/^As chosen for all answers: Observed/);
      await page.getByRole("button", { name: "Save and close" }).click();
      await heading(page, "Start or continue an assessment").waitFor();

      // The case list: the level observed with that certainty, and the date to come back by.
      await nav(page, "Cases").click();
      await heading(page, "Your cases").waitFor();
      const row = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Case 1,/ }) });
      await row.getByText(/High — observed, not asked/).waitFor();
      const rowText = (await row.textContent()) ?? "";
      expect(rowText).toContain("High — observed, not asked; rule floor: strangulation");
      expect(rowText).toContain("assessment not finished");
      expect(rowText).toContain(`Come back by ${longDate(returnBy)}: overdue`);
      await expectNoAxeViolations(page, "case list with a not-safe draft");
      await screenshots(page, "case-list");
      await expectNoSidewaysScroll(page, "the case list");

      // The manager's dashboard: under "Need action now", with the level observed in the table.
      await nav(page, "Review").click();
      await heading(page, "Review cases").waitFor();
      const needsAction = page.getByRole("region", { name: "Need action now" });
      await needsAction.getByText(overdue).waitFor();
      const glance = page.getByRole("region", { name: "At a glance" });
      expect(await glance.getByText("Need action now").locator("xpath=following-sibling::dd").textContent()).toBe("1");
      const table = page.getByRole("table", { name: /^Cases, page 1/ });
      expect(await table.textContent()).toContain("High — observed, not asked");
      expect(await table.textContent()).not.toContain("Not assessed yet");
      await expectNoAxeViolations(page, "review dashboard with an overdue return");
      await screenshots(page, "review-dashboard");

      // The case's review says the same.
      await needsAction.getByRole("button", { name: /^Review case \d+$/ }).click();
      await page.getByRole("heading", { level: 2, name: "Your review" }).waitFor();
      const fact = (term: string) => page.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd");
      expect(await fact("Risk level").textContent()).toMatch(/^High — observed, not asked;/);
      expect(await fact("Not safe to ask: reminder to return").textContent()).toBe(
        `Come back by ${longDate(returnBy)}: overdue`,
      );
      expect(await fact("Needs action now").textContent()).toContain(overdue);
      await expectNoAxeViolations(page, "case review with an overdue return");
      await screenshots(page, "case-review");
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
