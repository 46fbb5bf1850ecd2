// (c) axe (WCAG 2.0/2.1 A+AA and 2.2 AA) on every assessment screen — case choice, who, the gate
// (both states), each section page (police, with stalking, honour-based abuse, vulnerability,
// exploitation and care showing), the BRAG colour and judgement forms with their error summaries,
// check your answers, the completed view and settings (with a refused policy). (d) Screenshots of
// the main screens at phone, tablet and laptop sizes. Also: nothing scrolls sideways at 320 px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionById } from "../../src/domain/question-sets/question-set-registry";
import { firstCaseNamed } from "./support/app-flows";
import {
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  newPage,
  saveScreenshotsAtEachSize,
} from "./support/browser";

const screenshots = (page: Page, name: string) => saveScreenshotsAtEachSize(page, `assessment-${name}`);

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const group = (page: Page, id: string) => page.getByRole("group", { name: questionById(id)!.wording });

/** Brings in every supplementary section: stalking, honour-based abuse, and (via a BRAG yes) exploitation and care. */
const YES_IDS = ["dash.stalking", "dash.isolated", "brag.no-money", "dash.injury"];

async function answerPage(page: Page): Promise<void> {
  const noRadios = page.getByRole("radio", { name: "No", exact: true });
  for (let i = 0; i < (await noRadios.count()); i++) await noRadios.nth(i).check();
  for (const id of YES_IDS) {
    if ((await group(page, id).count()) > 0)
      await group(page, id).getByRole("radio", { name: "Yes", exact: true }).check();
  }
}

describe("assessment screens: accessibility and screenshots", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("has no axe violations on any assessment or settings screen", async () => {
    const page = await newPage(browser);
    try {
      await firstCaseNamed(page, baseUrl, "Test Victim");
      await page.getByRole("button", { name: "Assessment", exact: true }).click();
      await heading(page, "Start or continue an assessment").waitFor();
      await expectNoAxeViolations(page, "case choice");

      await page.getByRole("button", { name: /^Assess case 1/ }).click();
      await heading(page, "Who is assessing").waitFor();
      await expectNoAxeViolations(page, "who is assessing");
      await page.getByLabel("Your role").selectOption("police");
      await page.getByRole("button", { name: "Continue" }).click();

      await heading(page, "Is it safe to ask the questions now?").waitFor();
      await expectNoAxeViolations(page, "safe-to-ask gate");
      const gate = page.getByRole("group", { name: /Is it safe to ask the questions now\?/ });
      await gate.getByRole("radio", { name: "No", exact: true }).check();
      await page.getByLabel("Why is it not safe to ask now?").fill("He stayed in the room");
      await expectNoAxeViolations(page, "safe-to-ask gate, not safe");
      await screenshots(page, "gate-not-safe");
      await expectNoSidewaysScroll(page, "the gate");
      await gate.getByRole("radio", { name: "Yes", exact: true }).check();
      await page.getByRole("button", { name: "Continue" }).click();

      const seen: string[] = [];
      for (let i = 0; i < 16; i++) {
        const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
        if (title === "Your professional judgement") break;
        seen.push(title);
        await answerPage(page);
        if (title === "Care and support") {
          await page.getByRole("group").first().getByRole("radio", { name: "Not known", exact: true }).check();
        }
        await expectNoAxeViolations(page, `section page "${title}"`);
        if (title === "The current situation") {
          await screenshots(page, "section");
          await expectNoSidewaysScroll(page, "a question page");
        }
        if (title === "Vulnerability (BRAG)") {
          const brag = page.getByRole("form", { name: "Your BRAG colour" });
          await brag.getByRole("radio", { name: "Blue", exact: true }).check();
          await brag.getByRole("button", { name: "Save BRAG colour" }).click();
          await brag.getByRole("alert").waitFor();
          await expectNoAxeViolations(page, "BRAG colour refused");
        }
        await page.getByRole("button", { name: "Continue" }).click();
      }
      expect(seen).toEqual([
        "The current situation",
        "The relationship",
        "Children and dependants",
        "The person harming them",
        "Stalking and harassment",
        "Honour-based abuse",
        "Vulnerability (BRAG)",
        "Exploitation",
        "Care and support",
        "Timeline indicators",
        "Incident and history",
        "Separation, pregnancy and statements",
        "Checks, history and court orders",
        "Facts never to share with the person causing harm",
      ]);

      await heading(page, "Your professional judgement").waitFor();
      await expectNoAxeViolations(page, "professional judgement");
      await page.getByRole("radio", { name: "Standard", exact: true }).check();
      await page.getByRole("button", { name: "Save judgement" }).click();
      await page.getByRole("alert").waitFor();
      await expectNoAxeViolations(page, "professional judgement refused");
      await screenshots(page, "judgement-refused");
      await page.getByRole("radio", { name: "High", exact: true }).check();
      await page.getByLabel("Why? (rationale)").fill("He has been released and knows where she lives");
      await page.getByRole("button", { name: "Save judgement" }).click();
      await page.getByText("Judgement saved.").waitFor();
      await page.getByRole("button", { name: "Continue" }).click();

      await heading(page, "Check your answers").waitFor();
      await expectNoAxeViolations(page, "check your answers");
      await screenshots(page, "check-answers");
      await page.getByRole("button", { name: "Complete assessment" }).click();
      await heading(page, "Assessment completed: High risk").waitFor();
      await expectNoAxeViolations(page, "completed assessment");
      await screenshots(page, "completed");
      await expectNoSidewaysScroll(page, "the completed assessment");

      await page.getByRole("button", { name: "Back", exact: true }).click();
      await page.getByRole("button", { name: /^View assessment of .*: High risk/ }).waitFor();
      await expectNoAxeViolations(page, "case choice with a completed assessment");
      await page.getByRole("button", { name: /^View assessment of .*: High risk/ }).click();
      await heading(page, "Assessment completed: High risk").waitFor();
      await expectNoAxeViolations(page, "completed assessment, read-only from the case choice");

      await page.getByRole("button", { name: "Settings", exact: true }).click();
      await heading(page, "Settings").waitFor();
      await expectNoAxeViolations(page, "settings");
      await page.getByLabel("Load a policy file (JSON)").setInputFiles({
        name: "weak.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify({ name: "weak", version: 1, rules: { strangulation: false } })),
      });
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toMatch(/strangulation rule is locked/);
      await expectNoAxeViolations(page, "settings, policy refused");
      await screenshots(page, "settings-refused");
      await page.getByLabel("Load a policy file (JSON)").setInputFiles({
        name: "west.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify({ name: "west-area", version: 2, highRiskYesCount: 12 })),
      });
      await page.getByText('Policy "west-area" version 2 is now in use for new assessments.').waitFor();
      await expectNoAxeViolations(page, "settings, policy loaded");
    } finally {
      await page.context().close();
    }
    // About 15 pages, each scanned and some shot at three sizes: 43 s alone, more when the machine is busy.
  }, 240_000);
});
