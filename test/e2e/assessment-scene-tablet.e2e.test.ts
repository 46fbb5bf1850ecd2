// The officer at the scene (issue 14 item 5), in real Chromium with touch: at 820×1180 (a tablet held
// upright) and 390×844 (a phone) the level, its certainty and what last moved it stay on screen while
// the questions are answered; ticking strangulation changes the summary and is announced once in its
// polite live region; keyboard focus never hides under the summary (WCAG 2.4.11); who is assessing
// comes from Your details; whose account the answers are is chosen once. Axe on every screen touched
// and screenshots at phone, tablet and laptop sizes.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  ["phone", PHONE.width, PHONE.height],
  ["tablet", TABLET.width, TABLET.height],
  ["laptop", 1280, 800],
] as const;

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const group = (page: Page, id: string) => page.getByRole("group", { name: questionById(id)!.wording });
const summary = (page: Page) => page.getByRole("region", { name: "Risk level" });

/** Screenshots of what is on screen (not the whole page), so the summary shows where it stays. */
async function screenshots(page: Page, name: string, restore: { width: number; height: number }): Promise<void> {
  for (const [size, width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await saveScreenshot(page, `scene-${name}-${size}`, { fullPage: false });
  }
  await page.setViewportSize(restore);
}

/** Once per device: the officer's agency and own details in Settings, then back to the cases. */
async function setUpOfficer(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await createProfile(page);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Settings" }).tap();
  await heading(page, "Settings").waitFor();
  await page.getByRole("textbox", { name: "Add an agency" }).fill("Anytown Police");
  await page.getByRole("button", { name: "Add agency" }).tap();
  const details = page.getByRole("region", { name: "Your details" });
  await details
    .getByRole("combobox", { name: "Your agency" })
    .locator("option", { hasText: "Anytown Police" })
    .waitFor({
      state: "attached",
    });
  await details.getByRole("combobox", { name: "Your role" }).selectOption("police");
  await details.getByRole("combobox", { name: "Your agency" }).selectOption({ label: "Anytown Police" });
  await details.getByRole("textbox", { name: "Your name" }).fill("PC 1234 Smith");
  await details.getByRole("button", { name: "Save your details" }).tap();
  await details.getByText("Your details are saved.").waitFor();
  await expectNoAxeViolations(page, "settings with your details");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Cases" }).tap();
  await heading(page, "Your cases").waitFor();
}

/** New case, then straight into its assessment: the officer lands on the safe-to-ask question. */
async function startAssessment(page: Page): Promise<void> {
  await page.getByRole("button", { name: "New case" }).tap();
  await heading(page, "Case details").waitFor();
  await page.getByRole("button", { name: "Start or continue assessment" }).tap();
  await heading(page, "Is it safe to ask the questions now?").waitFor();
}

/** The summary is wholly inside the viewport now, and still is, stuck to its top, with the page scrolled to the end. */
async function expectSummaryOnScreen(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const inView = async () => {
    const box = await summary(page).boundingBox();
    expect(box, "the summary is rendered").not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    return box!;
  };
  await inView();
  await page.evaluate(() => globalThis.scrollTo(0, globalThis.document.documentElement.scrollHeight));
  expect(await page.evaluate(() => globalThis.scrollY), "the page scrolls").toBeGreaterThan(0);
  expect((await inView()).y, "stuck to the top of the screen").toBeLessThan(1);
}

/**
 * Moves focus back up the page with Shift+Tab from `from`: each control focused on the way is clear
 * of the summary, until focus goes above the summary in the page. At least `atLeast` controls are checked.
 */
async function expectFocusNeverUnderSummary(page: Page, from: Locator, atLeast: number): Promise<void> {
  await from.focus();
  let checked = 0;
  for (let step = 0; step < 200; step += 1) {
    await page.keyboard.press("Shift+Tab");
    const clearance = await page.evaluate(() => {
      const barElement = globalThis.document.querySelector('[aria-label="Risk level"]')!;
      const bar = barElement.getBoundingClientRect();
      const focused = globalThis.document.activeElement!;
      const rect = focused.getBoundingClientRect();
      // Focus has gone above the bar in the page (the header and menu): nothing further can be under it.
      const aboveBar =
        focused.closest('[aria-label="Risk level"]') !== null ||
        (barElement.compareDocumentPosition(focused) & globalThis.Node.DOCUMENT_POSITION_PRECEDING) !== 0;
      return { aboveBar, top: rect.top, barBottom: bar.bottom, what: focused.outerHTML.slice(0, 80) };
    });
    if (clearance.aboveBar) break;
    expect(clearance.top, `focus on ${clearance.what}`).toBeGreaterThanOrEqual(clearance.barBottom - 1);
    checked += 1;
  }
  expect(checked, "controls focused on the way up").toBeGreaterThanOrEqual(atLeast);
  // Focus ends on the summary's link, in the app's GOV.UK focus style (yellow, a dark bar, no
  // underline), which axe's link-in-text-block rule cannot see: later scans see the page at rest.
  await page.evaluate(() => (globalThis.document.activeElement as HTMLElement | null)?.blur());
}

describe("the officer at the scene", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("on a tablet: the level stays on screen, strangulation is announced, and every answer keeps its source", async () => {
    const page = await newPage(browser, { viewport: TABLET, hasTouch: true, isMobile: true });
    try {
      await setUpOfficer(page, baseUrl);
      await startAssessment(page);
      expect(await page.getByText(/^Assessing as Police, Anytown Police\./).count()).toBe(1);
      const gate = page.getByRole("group", { name: /Is it safe to ask the questions now\?/ });
      await gate.getByRole("radio", { name: "Yes", exact: true }).tap();
      const account = page.getByRole("group", { name: /Whose account are these answers\?/ });
      expect(await account.getByRole("radio", { name: "Victim's account" }).isChecked()).toBe(true);
      await expectNoAxeViolations(page, "the gate with whose account");
      await screenshots(page, "gate", TABLET);
      await page.getByRole("button", { name: "Continue", exact: true }).tap();

      await heading(page, "The current situation").waitFor();
      const live = summary(page).getByRole("status");
      expect(await summary(page).textContent()).toContain("Not assessed yet");
      const injury = group(page, "dash.injury");
      expect(await injury.getByText(questionById("dash.injury")!.help).isVisible()).toBe(false);
      await injury.getByRole("button", { name: "Help with this question" }).tap();
      expect(await injury.getByText(questionById("dash.injury")!.help).isVisible()).toBe(true);
      const noRadios = page.getByRole("radio", { name: "No", exact: true });
      for (const radio of await noRadios.all()) await radio.tap();
      // One answer seen by the officer, not told: its own source, the rest the victim's account.
      await injury.getByRole("button", { name: "Add detail or a different source" }).tap();
      await injury.getByRole("combobox", { name: "Source of this answer" }).selectOption({ label: "Observed" });
      await expectNoAxeViolations(page, "a question page with help and detail open");
      await page.getByRole("button", { name: "Continue", exact: true }).tap();

      await heading(page, "The relationship").waitFor();
      const before = await live.textContent();
      expect(before).toMatch(/^Risk level is now Standard \(provisional\)/);
      await group(page, "dash.strangulation").getByRole("radio", { name: "Yes", exact: true }).tap();
      await expect
        .poll(() => live.textContent())
        .toBe("Risk level is now High (provisional): strangulation answered yes.");
      expect(await summary(page).textContent()).toContain("High — rule floor: strangulation");
      expect(await summary(page).textContent()).toContain("Latest change: strangulation answered yes.");
      await screenshots(page, "strangulation-ticked", TABLET);
      await expectSummaryOnScreen(page, TABLET);
      // A further answer that leaves the level as it is announces nothing new.
      await group(page, "dash.weapons").getByRole("radio", { name: "No", exact: true }).tap();
      expect(await live.textContent()).toBe("Risk level is now High (provisional): strangulation answered yes.");
      await expectFocusNeverUnderSummary(page, page.getByRole("button", { name: "Continue", exact: true }), 30);
      await expectNoAxeViolations(page, "a question page after strangulation");

      for (const title of ["The relationship", "Children and dependants", "The person harming them"]) {
        await heading(page, title).waitFor();
        for (const radioGroup of await page
          .getByRole("group")
          .filter({ has: page.getByText("Not known") })
          .all()) {
          if ((await radioGroup.getByRole("radio", { checked: true }).count()) === 0)
            await radioGroup.getByRole("radio", { name: "No", exact: true }).tap();
        }
        await page.getByRole("button", { name: "Continue", exact: true }).tap();
      }
      await heading(page, "Vulnerability (BRAG)").waitFor();
      await page.getByRole("button", { name: "Go to check your answers" }).tap();
      await heading(page, "Check your answers").waitFor();
      const whose = page.getByText("Whose account", { exact: true });
      expect(await whose.locator("xpath=following-sibling::dd[1]").textContent()).toBe(
        "Victim's account, unless an answer says otherwise",
      );
      expect(await page.locator("main").textContent()).toContain("No (Observed)");
      await expectNoAxeViolations(page, "check your answers");
      await page.getByRole("button", { name: "Complete assessment" }).tap();
      await heading(page, "Assessment completed: High risk").waitFor();
      const completed = (await page.locator("main").textContent()) ?? "";
      expect(completed).toContain("No (Observed)");
      expect(completed).toContain("Yes (Victim)");
      await expectNoAxeViolations(page, "the completed assessment");
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it("on a phone: the summary stays in view after ticking strangulation and the change is announced", async () => {
    const page = await newPage(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
    try {
      await setUpOfficer(page, baseUrl);
      await startAssessment(page);
      await page
        .getByRole("group", { name: /Is it safe to ask the questions now\?/ })
        .getByRole("radio", { name: "Yes", exact: true })
        .tap();
      await page.getByRole("button", { name: "Continue", exact: true }).tap();
      await heading(page, "The current situation").waitFor();
      await page.getByRole("button", { name: "Continue", exact: true }).tap();
      await heading(page, "The relationship").waitFor();

      const live = summary(page).getByRole("status");
      expect(await live.textContent()).toBe("");
      await group(page, "dash.strangulation").getByRole("radio", { name: "Yes", exact: true }).tap();
      await expect
        .poll(() => live.textContent())
        .toBe("Risk level is now High (provisional): strangulation answered yes.");
      expect(await summary(page).textContent()).toContain("High — rule floor: strangulation");
      await expectSummaryOnScreen(page, PHONE);
      await expectFocusNeverUnderSummary(page, page.getByRole("button", { name: "Continue", exact: true }), 30);
      await expectNoAxeViolations(page, "a question page on a phone");
      await saveScreenshot(page, "scene-strangulation-ticked-phone-touch", { fullPage: false });
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
