// Two tabs of the same profile: only the first to open a case may edit it (Web Locks in Chromium).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  backToOverview,
  createProfile,
  newCase,
  openFirstCase,
  openSection,
  unlock,
  waitForSaved,
} from "./support/app-flows";
import { launchBrowser, newPage } from "./support/browser";

describe("one editor per case across tabs", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("opens the case read-only in a second tab, and editable again once the first tab leaves it", async () => {
    const first = await newPage(browser);
    try {
      await first.goto(baseUrl);
      await createProfile(first);
      await newCase(first);
      await openSection(first, "About the victim");
      await first.getByLabel("Victim's name").fill("Two Tabs");
      await waitForSaved(first);

      const second = await first.context().newPage();
      await second.goto(baseUrl);
      await unlock(second);
      await second.getByRole("button", { name: /^Case 1, started/ }).click();
      await second.getByText(/This case is open in another tab/).waitFor();
      expect(await second.getByRole("button", { name: "Delete case" }).count()).toBe(0);
      await openSection(second, "About the victim");
      const name = second.getByLabel("Victim's name");
      expect(await name.inputValue()).toBe("Two Tabs");
      expect(await name.getAttribute("readonly")).not.toBeNull();
      await backToOverview(second);
      await openSection(second, "Agencies and actions");
      expect(await second.getByLabel("Notes", { exact: true }).getAttribute("readonly")).not.toBeNull();
      await backToOverview(second);

      // The first tab goes back to the list (releasing its claim); the second can now edit.
      await backToOverview(first);
      await first.getByRole("button", { name: "Back to cases" }).click();
      await first.getByRole("button", { name: /^Case 1, started/ }).waitFor();
      await second.getByRole("button", { name: "Back to cases" }).click();
      await openFirstCase(second);
      await openSection(second, "About the victim");
      expect(await second.getByLabel("Victim's name").getAttribute("readonly")).toBeNull();
    } finally {
      await first.context().close();
    }
  });
});
