// Issue 14 item 3 in real Chromium: the two MARAC routes that need facts no question asks. An officer
// records 3 police call-outs in the last 12 months and a MARAC 8 months ago (this assessment follows a
// new incident) on the "Incident and history" page; the live risk panel then lists potential
// escalation and repeat MARAC, and after completion the MARAC pack's PDF (read back with pdftotext)
// says so too. Every facts page, and the error summary, pass axe.
import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assessAsSafeToAsk, firstCaseNamed, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";
import { openFirstCaseMaracPack } from "./support/case-import";

/** The Europe/London date `months` months before today, as day, month and year boxes. */
function monthsAgo(months: number): { day: string; month: string; year: string; iso: string } {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(day, new Date(Date.UTC(y, m, 0)).getUTCDate());
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return { day: String(d), month: String(m), year: String(y), iso };
}

async function continueTo(page: Page, heading: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if ((await page.getByRole("heading", { level: 1, name: heading }).count()) > 0) return;
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

describe("assessment facts: call-outs and an earlier MARAC reach the risk panel and the MARAC pack", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("records the facts, shows potential escalation and repeat MARAC, and the PDF carries them", async () => {
    const page = await newPage(browser, { acceptDownloads: true });
    const marac = monthsAgo(8);
    try {
      await firstCaseNamed(page, baseUrl, "Test Victim");
      await waitForSaved(page);

      await page.getByRole("button", { name: "Assessment", exact: true }).click();
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await assessAsSafeToAsk(page, "police");
      await continueTo(page, "Incident and history");

      // The error summary first: a count that is not a whole number, and a MARAC with no date.
      await page.getByLabel(/^How many times were the police called out/).fill("three");
      await page.getByRole("button", { name: "Add a MARAC date" }).click();
      await page.getByRole("button", { name: "Continue" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.getByRole("link", { name: /^Enter the number of police call-outs/ }).waitFor();
      await summary.getByRole("link", { name: "Enter the date of MARAC 1, or remove it" }).waitFor();
      await expectNoAxeViolations(page, "incident and history with errors");

      await page
        .getByRole("group", { name: /^Does this assessment follow a new incident/ })
        .getByRole("radio", { name: "Yes, it follows a new incident" })
        .check();
      await page.getByLabel(/^How many times were the police called out/).fill("3");
      const date = page.getByRole("group", { name: /^MARAC 1: date it was heard/ });
      await date.getByLabel("Day").fill(marac.day);
      await date.getByLabel("Month").fill(marac.month);
      await date.getByLabel("Year").fill(marac.year);
      await expectNoAxeViolations(page, "incident and history");

      // The live panel lists both MARAC criteria (whatever the panel's exact wording for them).
      const panel = page.getByRole("complementary", { name: "Risk so far" });
      await panel.getByText(/Potential escalation/).waitFor();
      await panel
        .getByText(/Repeat MARAC/)
        .first()
        .waitFor();
      await saveScreenshot(page, "assessment-incident-history-laptop");

      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { level: 1, name: "Separation, pregnancy and statements" }).waitFor();
      await expectNoAxeViolations(page, "separation, pregnancy and statements");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { level: 1, name: "Checks, history and court orders" }).waitFor();
      await page
        .getByRole("group", { name: /^Have police or agency history checks/ })
        .getByRole("radio", { name: "Done" })
        .check();
      await page.getByRole("button", { name: "Add an order" }).click();
      await page.getByLabel("Order 1: type").selectOption({ label: "Non-molestation order" });
      await expectNoAxeViolations(page, "checks, history and court orders");
      await page.getByRole("button", { name: "Continue" }).click();
      await page
        .getByRole("heading", { level: 1, name: "Facts never to share with the person causing harm" })
        .waitFor();
      await expectNoAxeViolations(page, "facts never to share");

      await continueTo(page, "Check your answers");
      const row = (label: string) =>
        page.locator(".summary-list__row").filter({ has: page.getByText(label, { exact: true }) });
      await expect(row("Police call-outs in the last 12 months").textContent()).resolves.toContain("3");
      await expectNoAxeViolations(page, "check your answers with facts");
      // Not every question was answered here, so completing asks why first.
      await page
        .getByRole("group", { name: /Why are these questions not answered\?/ })
        .getByRole("radio", { name: "The assessment was interrupted" })
        .check();
      await page.getByRole("button", { name: "Complete assessment" }).click();
      await page.getByRole("heading", { level: 1, name: /^Assessment completed/ }).waitFor();
      const outcome = page.getByRole("complementary", { name: "Outcome" });
      await outcome.getByText(/Potential escalation/).waitFor();
      await outcome
        .getByText(/Repeat MARAC/)
        .first()
        .waitFor();

      // The MARAC pack of this case: its PDF says both criteria are met, with the MARAC date.
      await openFirstCaseMaracPack(page);
      await page.getByRole("radio", { name: "Full copy for the MARAC (send securely)" }).check();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download PDF" }).click(),
      ]);
      const pdfPath = await download.path();
      const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        " ",
      );
      expect(text).toMatch(/Potential escalation \(police call-outs in the last 12 months\)[^.]*? Yes/);
      expect(text).toMatch(/Repeat MARAC \(a further incident within 12 months of the last referral\)[^.]*? Yes/);
      expect(text).toContain(marac.iso);
    } finally {
      await page.context().close();
    }
  });
});
