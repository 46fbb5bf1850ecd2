// (a) An assessment completed with the network switched off, once the assessment screens have been
// opened (their lazy chunk loaded): nothing it needs may come from the network. No service worker
// is relied on. (b) A half-finished assessment reopened after a reload lands on the same page
// with its answers intact.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { assessAsSafeToAsk, firstCaseNamed, unlock } from "./support/app-flows";
import { launchBrowser, newPage } from "./support/browser";

async function caseReadyToAssess(page: Page, baseUrl: string): Promise<void> {
  await firstCaseNamed(page, baseUrl, "Test Victim");
  await page.getByRole("button", { name: "Assessment", exact: true }).click();
}

const group = (page: Page, id: string) => page.getByRole("group", { name: questionById(id)!.wording });

/** Answers every question on the page No, then `yes` ids Yes. */
async function answerPage(page: Page, yes: readonly string[] = []): Promise<void> {
  const noRadios = page.getByRole("radio", { name: "No", exact: true });
  for (let i = 0; i < (await noRadios.count()); i++) await noRadios.nth(i).check();
  for (const id of yes) {
    if ((await group(page, id).count()) > 0)
      await group(page, id).getByRole("radio", { name: "Yes", exact: true }).check();
  }
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

describe("assessment offline and after a reload", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("completes an assessment with the network switched off", async () => {
    const page = await newPage(browser);
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));
    try {
      await caseReadyToAssess(page, baseUrl);
      // Open the assessment once so its lazily loaded code is in the page, then close it.
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await heading(page, "Who is assessing").waitFor();
      await page.getByRole("button", { name: "Save and close" }).click();
      await heading(page, "Start or continue an assessment").waitFor();

      await page.context().setOffline(true);
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await assessAsSafeToAsk(page, "police");
      await page.getByRole("button", { name: "Continue" }).click();
      for (let i = 0; i < 15; i++) {
        if ((await heading(page, "Your professional judgement").count()) > 0) break;
        await answerPage(page, ["dash.strangulation"]);
        await page.getByRole("button", { name: "Continue" }).click();
      }
      await heading(page, "Your professional judgement").waitFor();
      await page.getByRole("button", { name: "Continue" }).click();
      await heading(page, "Check your answers").waitFor();
      await page.getByRole("button", { name: "Complete assessment" }).click();
      await heading(page, "Assessment completed: High risk").waitFor();
      expect(await page.locator("main").textContent()).toMatch(/strangle/i);

      // Still offline: the completed assessment can be read back from the case choice.
      await page.getByRole("button", { name: "Back", exact: true }).click();
      await page.getByRole("button", { name: /^View assessment of .*: High risk/ }).click();
      await heading(page, "Assessment completed: High risk").waitFor();
      expect(failed, `requests that needed the network: ${failed.join(", ")}`).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("reopens a half-finished assessment after a reload on the same page with the answers intact", async () => {
    const page = await newPage(browser);
    try {
      await caseReadyToAssess(page, baseUrl);
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await assessAsSafeToAsk(page, "police");
      await page.getByRole("button", { name: "Continue" }).click();
      await heading(page, "The current situation").waitFor();
      await group(page, "dash.injury").getByRole("radio", { name: "Yes", exact: true }).check();
      // Detail waits behind its toggle until asked for.
      await group(page, "dash.injury").getByRole("button", { name: "Add detail or a different source" }).click();
      await group(page, "dash.injury").getByLabel("Detail (optional)").fill("Cut lip, bruised arm");
      await page.getByRole("button", { name: "Continue" }).click();
      await heading(page, "The relationship").waitFor();
      await group(page, "dash.controlling-jealous").getByRole("radio", { name: "Not known", exact: true }).check();
      // Answers and page moves are written at once; give the write a moment to land.
      await page.waitForTimeout(800);

      await page.reload();
      await unlock(page);
      await page.getByRole("button", { name: "Assessment", exact: true }).click();
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await heading(page, "The relationship").waitFor();
      expect(
        await group(page, "dash.controlling-jealous")
          .getByRole("radio", { name: "Not known", exact: true })
          .isChecked(),
      ).toBe(true);
      await page.getByRole("button", { name: "Back", exact: true }).click();
      await heading(page, "The current situation").waitFor();
      expect(await group(page, "dash.injury").getByRole("radio", { name: "Yes", exact: true }).isChecked()).toBe(true);
      // Holding a detail, it is open again without asking.
      expect(
        await group(page, "dash.injury")
          .getByRole("button", { name: "Add detail or a different source" })
          .getAttribute("aria-expanded"),
      ).toBe("true");
      expect(await group(page, "dash.injury").getByLabel("Detail (optional)").inputValue()).toBe(
        "Cut lip, bruised arm",
      );
    } finally {
      await page.context().close();
    }
  });
});
