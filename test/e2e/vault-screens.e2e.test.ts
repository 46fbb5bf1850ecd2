// Set-up, recovery key, unlock and cases screens in real Chromium: axe (WCAG 2.2 AA) and screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { confirmRecoveryKey, fillSetup, fillVictimName, newCase, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

async function check(page: Page, screen: string, viewport: string): Promise<void> {
  await expectNoAxeViolations(page, `${screen}, ${viewport}`);
  await saveScreenshot(page, `${screen}-${viewport}`);
}

describe("vault and cases screens", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`are accessible (${viewport.name} ${viewport.width}×${viewport.height})`, async () => {
      const page = await newPage(browser, { viewport: { width: viewport.width, height: viewport.height } });
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      try {
        await page.goto(baseUrl);
        await page.getByRole("heading", { level: 1, name: "Set up Safe Referral on this device" }).waitFor();
        await check(page, "setup", viewport.name);

        await page.getByRole("button", { name: "Create profile" }).click();
        const summary = page.getByRole("alert");
        await summary.waitFor();
        // Focus moves to the summary so it is announced and keyboard users start from it.
        await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "alert", undefined, {
          timeout: 2_000,
        });
        await check(page, "setup-errors", viewport.name);

        await fillSetup(page);
        await check(page, "recovery-key", viewport.name);
        await confirmRecoveryKey(page);

        await expectNoAxeViolations(page, `cases (empty), ${viewport.name}`);
        await newCase(page);
        await fillVictimName(page, "Sample Name");
        await waitForSaved(page);
        await check(page, "case-editor", viewport.name);
        await page.getByRole("button", { name: "Back to cases" }).click();
        await page.getByRole("button", { name: /^Case 1, started/ }).waitFor();
        await check(page, "cases", viewport.name);

        await page.getByRole("button", { name: "Lock now" }).click();
        await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor();
        await check(page, "unlock", viewport.name);

        await page.getByLabel("Passphrase").fill("definitely the wrong passphrase");
        await page.getByRole("button", { name: "Unlock" }).click();
        await page
          .getByRole("alert")
          .filter({ hasText: "That passphrase is not right. Nothing has been deleted." })
          .waitFor();
        await check(page, "unlock-wrong-passphrase", viewport.name);

        // Touch targets: every button, field and checkbox is at least 44 × 44 CSS pixels (or full-width).
        const small = await page.evaluate(() =>
          Array.from(document.querySelectorAll("button, input, select, textarea"))
            .map((element) => ({ element, box: element.getBoundingClientRect() }))
            .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
            .map(({ element }) => element.outerHTML.slice(0, 80)),
        );
        expect(small).toEqual([]);
        expect(pageErrors).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
