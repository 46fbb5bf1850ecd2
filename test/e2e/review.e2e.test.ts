// The manager's review in real Chromium: the Review section is reachable once unlocked, the
// dashboard and the per-case review pass axe at desktop and phone widths, the CSV download holds
// no victim details, and a case can be returned for improvement.
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { firstCaseNamed } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const VICTIM_NAME = "Reviewa Dashwright";

describe("manager review", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the dashboard and a case's review, exports a CSV without identifying details, and returns a case", async () => {
    const page = await newPage(browser, { acceptDownloads: true });
    try {
      await firstCaseNamed(page, baseUrl, VICTIM_NAME);

      await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Review" }).click();
      await page.getByRole("heading", { level: 1, name: "Review cases" }).waitFor();
      await page.getByRole("figure", { name: "Cases by risk level" }).waitFor();
      await expectNoAxeViolations(page, "review dashboard");
      await saveScreenshot(page, "review-dashboard-desktop", { fullPage: true });

      const downloadPromise = page.waitForEvent("download", { timeout: 30_000 });
      await page.getByRole("button", { name: "Download this list as CSV" }).click();
      const csv = await readFile((await (await downloadPromise).path())!, "utf8");
      expect(csv.split("\r\n")[0]).toMatch(/^Case reference,Status,/);
      expect(csv.trim().split("\r\n")).toHaveLength(2);
      expect(csv).not.toContain("Reviewa");
      expect(csv).not.toContain("Dashwright");

      await page
        .getByRole("button", { name: /^Review case \d+$/ })
        .first()
        .click();
      await page.getByRole("heading", { level: 2, name: "Your review" }).waitFor();
      await page.getByRole("heading", { name: /Safe contact details recorded/ }).waitFor();
      await expectNoAxeViolations(page, "case review");

      await page.getByRole("radio", { name: "Return for improvement" }).check();
      await page.getByRole("textbox", { name: "Reviewer's note" }).fill("Add safe contact details and consent.");
      await page.getByRole("button", { name: "Save review" }).click();
      await page.getByText("Saved. The case is marked as returned for improvement.").waitFor();
      await page.getByText("Add safe contact details and consent.").waitFor();

      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoAxeViolations(page, "case review at 320 px");
      await saveScreenshot(page, "review-case-320", { fullPage: true });
      await page.getByRole("button", { name: "Back to all cases" }).click();
      await page.getByRole("heading", { level: 1, name: "Review cases" }).waitFor();
      await page.getByLabel("Status").selectOption("returned-for-improvement");
      await page.getByText("Showing 1 to 1 of 1 cases").waitFor();
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page, "review dashboard at 320 px");
      await saveScreenshot(page, "review-dashboard-320", { fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
