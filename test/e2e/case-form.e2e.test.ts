// The case form in real Chromium: every page passes axe (WCAG 2.2 AA), fits 320 px without sideways
// scrolling, keeps 44 px touch targets, and can be filled by keyboard alone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backToOverview, createProfile, newCase, openSection, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const VIEWPORTS = [
  { name: "narrow", width: 320, height: 640 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

const SECTIONS = [
  "About the victim",
  "Safe contact",
  "Victim's address",
  "The person causing harm",
  "Children and dependants",
  "Referrer",
  "Wishes and consent",
  "Previous MARAC and police",
  "Agencies and actions",
] as const;

/** Reveals each page's follow-up questions so they are checked too. */
async function revealFollowUps(page: Page, section: (typeof SECTIONS)[number]): Promise<void> {
  if (section === "About the victim") {
    await page.getByRole("group", { name: "Do they need an interpreter?" }).getByRole("radio", { name: "Yes" }).check();
    await page
      .getByRole("group", { name: /^Who is the victim afraid of\?/ })
      .getByRole("radio", { name: "They have named one or more people" })
      .check();
  }
  if (section === "Previous MARAC and police") {
    await page
      .getByRole("group", { name: /^Has the victim been referred to a MARAC before/ })
      .getByRole("radio", { name: "Yes" })
      .check();
    await page
      .getByRole("group", { name: /^Does the victim want to speak to the police/ })
      .getByRole("radio", { name: "No", exact: true })
      .check();
  }
  if (section === "Victim's address") await page.getByRole("radio", { name: "They have an address" }).check();
  if (section === "The person causing harm")
    await page
      .getByRole("group", { name: "Where does the person causing harm live?" })
      .getByRole("radio", { name: "They have an address" })
      .check();
  if (section === "Children and dependants") {
    await page.getByRole("button", { name: "Add a child" }).click();
    await page
      .getByRole("group", { name: /^Is anyone else at risk from the person causing harm\?/ })
      .getByRole("radio", { name: "Not known" })
      .check();
  }
  if (section === "Wishes and consent") {
    await page.getByRole("radio", { name: "No, they refused" }).check();
    await page
      .getByRole("group", { name: /^Does the victim know about this referral\?/ })
      .getByRole("radio", { name: "No", exact: true })
      .check();
    // And the error summary, which must be announced and focused.
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("alert").waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "alert", undefined, {
      timeout: 2_000,
    });
  }
}

async function layoutProblems(page: Page): Promise<{ overflow: number; small: string[] }> {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    small: Array.from(document.querySelectorAll("button, input, select, textarea"))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ element }) => element.outerHTML.slice(0, 100)),
  }));
}

describe("case form", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(
      `every page is accessible and fits (${viewport.name} ${viewport.width}×${viewport.height})`,
      { timeout: 120_000 },
      async () => {
        const page = await newPage(browser, { viewport: { width: viewport.width, height: viewport.height } });
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(error.message));
        try {
          await page.goto(baseUrl);
          await createProfile(page);
          await newCase(page);
          await expectNoAxeViolations(page, `case overview, ${viewport.name}`);
          await saveScreenshot(page, `case-overview-${viewport.name}`);
          expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] });

          for (const section of SECTIONS) {
            await openSection(page, section);
            await revealFollowUps(page, section);
            await expectNoAxeViolations(page, `${section}, ${viewport.name}`);
            await saveScreenshot(page, `case-${section.toLowerCase().replace(/[^a-z]+/g, "-")}-${viewport.name}`, {
              fullPage: true,
            });
            expect(await layoutProblems(page), section).toEqual({ overflow: 0, small: [] });
            await backToOverview(page);
          }
          await page.getByRole("button", { name: "Check case details" }).click();
          await page.getByRole("heading", { level: 1, name: "Check case details" }).waitFor();
          await expectNoAxeViolations(page, `check case details, ${viewport.name}`);
          await saveScreenshot(page, `case-check-${viewport.name}`, { fullPage: true });
          expect(await layoutProblems(page), "check case details").toEqual({ overflow: 0, small: [] });
          expect(pageErrors).toEqual([]);
        } finally {
          await page.context().close();
        }
      },
    );
  }

  it("can be filled by keyboard alone", { timeout: 60_000 }, async () => {
    const page = await newPage(browser);
    try {
      await page.goto(baseUrl);
      await createProfile(page);
      await newCase(page);
      // The overview's heading has focus; Tab reaches the first section.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("About the victim");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "About the victim" }).waitFor();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("case-victim-name");
      await page.keyboard.type("Keyboard Only");
      await page.keyboard.press("Tab");
      await page.keyboard.type("KO");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      expect(await page.getByRole("checkbox", { name: /Never share the victim's other names/ }).isChecked()).toBe(true);
      await page.keyboard.press("Tab");
      await page.keyboard.type("5");
      await page.keyboard.press("Tab");
      await page.keyboard.type("3");
      await page.keyboard.press("Tab");
      await page.keyboard.type("1985");
      await waitForSaved(page);
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press("Tab");
        if ((await page.evaluate(() => document.activeElement?.textContent)) === "Save and continue") break;
      }
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
      await openSection(page, "About the victim");
      expect(await page.getByLabel("Victim's name").inputValue()).toBe("Keyboard Only");
      expect(await page.getByRole("group", { name: "Date of birth" }).getByLabel("Year").inputValue()).toBe("1985");
    } finally {
      await page.context().close();
    }
  });
});
