// A full DASH for the shared strangulation scenario (01), completed in real Chromium the way an
// officer would: every answer no except strangulation and "very frightened". Must end High with
// the strangulation reason. Axe checks and screenshots of a question page and the result.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { assessAsSafeToAsk, firstCaseNamed, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const scenario = JSON.parse(
  readFileSync(new URL("../../../shared/scenarios/01-strangulation-alone.json", import.meta.url), "utf8"),
) as { case: { answers: Record<string, string> } };
const yesIds = Object.entries(scenario.case.answers)
  .filter(([, answer]) => answer === "yes")
  .map(([id]) => id);

/** Answers every question on the current page "No", then the scenario's yes answers "Yes". */
async function answerPage(page: Page): Promise<void> {
  const noRadios = page.getByRole("radio", { name: "No", exact: true });
  for (let i = 0; i < (await noRadios.count()); i++) await noRadios.nth(i).check();
  for (const id of yesIds) {
    const group = page.getByRole("group", { name: questionById(id)!.wording });
    if ((await group.count()) > 0) await group.getByRole("radio", { name: "Yes", exact: true }).check();
  }
}

describe("assessment: the strangulation scenario end to end", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("completes a full DASH and shows High with the strangulation reason", async () => {
    const page = await newPage(browser);
    try {
      await firstCaseNamed(page, baseUrl, "Test Victim");
      await waitForSaved(page);

      await page.getByRole("button", { name: "Assessment", exact: true }).click();
      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await assessAsSafeToAsk(page, "idva");
      await page.getByRole("button", { name: "Continue" }).click();

      let screenshotTaken = false;
      for (let i = 0; i < 15; i++) {
        if ((await page.getByRole("heading", { level: 1, name: "Check your answers" }).count()) > 0) break;
        await answerPage(page);
        if (!screenshotTaken) {
          await expectNoAxeViolations(page, "first question page");
          for (const [name, width, height] of [
            ["phone", 390, 844],
            ["tablet", 820, 1180],
            ["laptop", 1280, 800],
          ] as const) {
            await page.setViewportSize({ width, height });
            await saveScreenshot(page, `assessment-questions-${name}`);
          }
          await page.setViewportSize({ width: 1280, height: 800 });
          screenshotTaken = true;
        }
        await page.getByRole("button", { name: "Continue" }).click();
      }
      await page.getByRole("heading", { level: 1, name: "Check your answers" }).waitFor();
      await expectNoAxeViolations(page, "check your answers");
      await page.getByRole("button", { name: "Complete assessment" }).click();
      await page.getByRole("heading", { level: 1, name: "Assessment completed: High risk" }).waitFor();
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).toMatch(/strangle/i);
      await expectNoAxeViolations(page, "assessment completed");
      await saveScreenshot(page, "assessment-completed-laptop");
    } finally {
      await page.context().close();
    }
  });
});
