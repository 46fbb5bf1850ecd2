// Issue 14's "Also" list, GOV.UK style, in real Chromium: every main screen names the page
// ("<Screen> – Safe Referral", "Error: " while its error summary shows), the skip link goes past the
// menu, the menu button of the section you are in starts it again, every target is at least 44 ×
// 44 px at tablet and laptop sizes, check your answers says "Not answered" for a skipped section,
// the progress total never jumps, Settings opens without an empty error box, a case has one name
// in Cases and Review, the review's chart labels and table fit at 1280 px, the timeline is numbered
// once and says what the answers hold, and a pack's fix link comes back to the pack. Each screen
// passes axe and is shot at phone, tablet and laptop sizes.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { createProfile, fillSetup, confirmRecoveryKey, newCase, openSection, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";
import { importAssessedCase } from "./support/seed-assessed-case";
import { smallTargets } from "./support/target-size";

const SIZES = [
  ["phone", 390, 844],
  ["tablet", 820, 1180],
  ["laptop", 1280, 800],
] as const;
/** Where practitioners tap and click most: tablets at scenes, laptops in offices. */
const TARGET_SIZES = SIZES.filter(([size]) => size !== "phone");

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const nav = (page: Page) => page.getByRole("navigation", { name: "Sections" });

async function expectTitle(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.title(), { message: `title on "${title}"` }).toBe(title);
}

/**
 * One screen, checked the same way everywhere: its title follows its h1, axe passes at all three
 * sizes, nothing is under 44 px at tablet and laptop sizes, and a screenshot at each size.
 */
async function checkScreen(page: Page, name: string, options: { error?: boolean } = {}): Promise<void> {
  const h1 = ((await heading(page).textContent()) ?? "").trim();
  await expectTitle(page, `${options.error ? "Error: " : ""}${h1} – Safe Referral`);
  for (const [size, width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await expectNoAxeViolations(page, `${name}, ${size}`);
    if (TARGET_SIZES.some(([each]) => each === size)) {
      expect(await smallTargets(page), `targets under 44 px on ${name}, ${size} ${width}×${height}`).toEqual([]);
    }
    await saveScreenshot(page, `gov-uk-${name}-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("GOV.UK patterns across the screens (issue 14, the Also list)", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("names every screen, skips the menu, keeps targets at 44 px and the menu alive, on every main screen", async () => {
    const page = await newPage(browser);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    try {
      await page.goto(baseUrl);
      await heading(page).waitFor();
      await checkScreen(page, "setup");
      await page.getByRole("button", { name: "Create profile" }).click();
      await page.getByRole("alert", { name: "There is a problem" }).waitFor();
      await checkScreen(page, "setup-errors", { error: true });
      await fillSetup(page);
      await checkScreen(page, "recovery-key");
      await confirmRecoveryKey(page);
      await importAssessedCase(page);
      await checkScreen(page, "backup");

      // The skip link is the first stop and goes past the menu, to main.
      await nav(page).getByRole("button", { name: "Cases" }).click();
      await heading(page).filter({ hasText: "Your cases" }).waitFor();
      const skipLink = page.getByRole("link", { name: "Skip to main content" });
      await skipLink.focus();
      // Nothing comes before it: Shift+Tab leaves the page.
      await page.keyboard.press("Shift+Tab");
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      await skipLink.focus();
      const shown = await skipLink.boundingBox();
      expect(shown !== null && shown.y >= 0 && shown.height >= 44, "the focused skip link shows, 44 px tall").toBe(
        true,
      );
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-content");
      await page.keyboard.press("Tab");
      expect(
        await page.evaluate(() => document.activeElement?.closest("nav")?.getAttribute("aria-label") ?? null),
        "the first Tab after the skip link lands in the menu",
      ).toBeNull();
      await checkScreen(page, "cases");
      // One name for the case: "Case 1" here is "Case 1" under Review.
      await page.getByRole("button", { name: /^Case 1, started/ }).waitFor();

      // The menu button of the section you are in takes you back to its start.
      await newCase(page);
      await checkScreen(page, "case-overview");
      await openSection(page, "About the victim");
      await checkScreen(page, "case-section");
      const cases = nav(page).getByRole("button", { name: "Cases" });
      await expect(cases.getAttribute("aria-current")).resolves.toBe("page");
      await cases.click();
      await heading(page).filter({ hasText: "Your cases" }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.tagName), { message: "heading focused" })
        .toBe("H1");
      await expectTitle(page, "Your cases – Safe Referral");

      // Settings opens without an empty "There is a problem"; a refused file brings it and "Error: ".
      await nav(page).getByRole("button", { name: "Settings" }).click();
      await heading(page).filter({ hasText: "Settings" }).waitFor();
      await page.getByText("Policy in use").waitFor();
      await expect(page.getByText("There is a problem").count()).resolves.toBe(0);
      await checkScreen(page, "settings");
      await page.getByLabel("Load a policy file (JSON)").setInputFiles({
        name: "weak.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify({ name: "weak", version: 1, rules: { strangulation: false } })),
      });
      await page.getByRole("alert", { name: "There is a problem" }).waitFor();
      await checkScreen(page, "settings-refused", { error: true });

      await nav(page).getByRole("button", { name: "About" }).click();
      await heading(page).filter({ hasText: "About Safe Referral" }).waitFor();
      await checkScreen(page, "about");

      // The completed assessment: the timeline numbered once, each stage saying what the answers hold.
      await nav(page).getByRole("button", { name: "Assessment" }).click();
      await heading(page).filter({ hasText: "Start or continue an assessment" }).waitFor();
      await checkScreen(page, "assessment-choice");
      await page.getByRole("button", { name: /^View assessment of .*: High risk/ }).click();
      await heading(page)
        .filter({ hasText: /^Assessment completed/ })
        .waitFor();
      const timeline = page.getByRole("region", { name: "Homicide timeline" });
      await expect(timeline.getByRole("heading", { level: 3 }).first().textContent()).resolves.toBe(
        "Stage 1: Pre-relationship history",
      );
      const markers = await timeline
        .locator("ol > li")
        .evaluateAll((items) => items.map((item) => getComputedStyle(item).listStyleType));
      expect(new Set(markers)).toEqual(new Set(["none"]));
      await timeline.getByText("Nothing recorded for this stage: its questions were not asked").first().waitFor();
      await expect(timeline.getByText("No evidence recorded").count()).resolves.toBe(0);
      await checkScreen(page, "assessment-completed");

      // A new assessment: the progress total never changes, and skipped sections say so on check.
      await nav(page).getByRole("button", { name: "Assessment" }).click();
      await page.getByRole("button", { name: /^Assess case 2/ }).click();
      await heading(page).filter({ hasText: "Who is assessing" }).waitFor();
      await checkScreen(page, "assessment-who");
      await page.getByLabel("Your role").selectOption("police");
      await page.getByRole("button", { name: "Continue" }).click();
      await heading(page).filter({ hasText: "Is it safe to ask the questions now?" }).waitFor();
      await page
        .getByRole("group", { name: /Is it safe to ask the questions now\?/ })
        .getByRole("radio", { name: "Yes", exact: true })
        .check();
      await checkScreen(page, "assessment-gate");
      await page.getByRole("button", { name: "Continue" }).click();
      const progress: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        const title = ((await heading(page).textContent()) ?? "").trim();
        progress.push(`${title}: ${(await page.locator(".assessment__progress").textContent()) ?? ""}`);
        if (title === "The current situation") await checkScreen(page, "assessment-section");
        // Yes to stalking brings in a section: the total must not move.
        const stalking = page.getByRole("group", { name: questionById("dash.stalking")!.wording });
        if ((await stalking.count()) > 0) await stalking.getByRole("radio", { name: "Yes", exact: true }).check();
        if (title === "Your professional judgement") {
          await page.getByRole("radio", { name: "Standard", exact: true }).check();
          await page.getByRole("button", { name: "Save judgement" }).click();
          await page.getByRole("alert").waitFor();
          await checkScreen(page, "assessment-judgement-refused", { error: true });
          await page.getByRole("radio", { name: "High", exact: true }).check();
          await page.getByLabel("Why? (rationale)").fill("She fears he will come back tonight");
          await page.getByRole("button", { name: "Save judgement" }).click();
          await page.getByText("Judgement saved.").waitFor();
        }
        if (title === "Check your answers") break;
        await page.getByRole("button", { name: "Continue" }).click();
        await expect.poll(async () => (await heading(page).textContent())?.trim()).not.toBe(title);
      }
      expect(
        progress.every((line) => / Part [1-6] of 6: /.test(line)),
        progress.join("\n"),
      ).toBe(true);
      expect(progress).toContain("Stalking and harassment: Part 3 of 6: Further questions");
      expect(progress).toContain("Timeline indicators: Part 3 of 6: Further questions");
      for (const title of ["Vulnerability (BRAG)", "Timeline indicators"]) {
        const section = page.getByRole("region", { name: title });
        await section.getByText("Not answered").waitFor();
        await section.getByRole("button", { name: `Change answers to ${title.toLowerCase()}` }).waitFor();
      }
      await checkScreen(page, "assessment-check-answers");
      await page.getByRole("button", { name: "Save and close" }).click();

      // The pack: its fix links are whole 44 px targets (checkScreen measures them).
      await nav(page).getByRole("button", { name: "Referral packs" }).click();
      await heading(page).filter({ hasText: "Referral packs" }).waitFor();
      await checkScreen(page, "pack-list");
      await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
      await page.getByRole("region", { name: "Before this pack can be marked ready to send" }).waitFor();
      await checkScreen(page, "pack");

      // Review: the same case is "Case 1"; labels in full, and the table fits at 1280 px.
      await nav(page).getByRole("button", { name: "Review" }).click();
      await heading(page).filter({ hasText: "Review cases" }).waitFor();
      const table = page.getByRole("region", { name: "Cases table" });
      await table.getByRole("button", { name: "Review case 1" }).waitFor();
      await expect(table.getByText(/[0-9A-F]{8}/).count()).resolves.toBe(0);
      const fit = await page.evaluate(() => {
        const region = document.querySelector('[aria-label="Cases table"]')!;
        const labels = [...document.querySelectorAll(".review-bars__label")];
        return {
          overflow: region.scrollWidth - region.clientWidth,
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          clipped: labels.filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent),
          cutShort: labels.filter((label) => label.textContent?.includes("…")).map((label) => label.textContent),
        };
      });
      expect(fit).toEqual({ overflow: 0, page: 0, clipped: [], cutShort: [] });
      await checkScreen(page, "review-dashboard");
      await table.getByRole("button", { name: "Review case 1" }).click();
      await heading(page).filter({ hasText: "Review case 1" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Your review" }).waitFor();
      await checkScreen(page, "review-case");
      expect(pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
    // About 25 screens, each scanned and shot at three sizes: minutes on a busy two-core machine.
  }, 600_000);

  it("a pack's fix link opens the page that records it, and Save and continue comes back to the pack", async () => {
    const page = await newPage(browser);
    try {
      await page.goto(baseUrl);
      await createProfile(page);
      await importAssessedCase(page);
      await nav(page).getByRole("button", { name: "Referral packs" }).click();
      await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
      await page.getByRole("radio", { name: "Full copy for the MARAC (send securely)" }).check();
      const missing = page.getByRole("region", { name: "Before this pack can be marked ready to send" });
      const fix = missing.getByRole("link", { name: "Safe times to make contact", exact: true });
      const box = await fix.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      await fix.click();

      await heading(page).filter({ hasText: "Safe contact" }).waitFor();
      await page.getByRole("button", { name: "Back to the referral pack" }).waitFor();
      await expectNoAxeViolations(page, "safe contact, opened from the pack");
      await page.getByLabel(/^Safe times to make contact/).fill("Weekdays 10am to 2pm");
      await waitForSaved(page);
      await page.getByRole("button", { name: "Save and continue" }).click();

      await heading(page).filter({ hasText: "Referral pack" }).waitFor();
      await expect(
        nav(page).getByRole("button", { name: "Referral packs" }).getAttribute("aria-current"),
      ).resolves.toBe("page");
      await expect(
        page.getByRole("radio", { name: "Full copy for the MARAC (send securely)" }).isChecked(),
      ).resolves.toBe(true);
      await missing.getByRole("link", { name: "What the victim wants", exact: true }).waitFor();
      await expect(
        missing.getByRole("link", { name: "Safe times to make contact", exact: true }).count(),
      ).resolves.toBe(0);
      await expectNoAxeViolations(page, "pack, back from a fix");
    } finally {
      await page.context().close();
    }
  });
});
