// The built app shell in real Chromium: heading, accessibility, no third-party traffic, screenshots.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  expectNoAxeViolations,
  foreignRequests,
  launchBrowser,
  newPage,
  recordRequests,
  saveScreenshot,
} from "./support/browser";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 820, height: 1180 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

describe("app shell", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`renders accessibly, talks only to its own origin (${viewport.name} ${viewport.width}×${viewport.height})`, async () => {
      const page = await newPage(browser, { viewport: { width: viewport.width, height: viewport.height } });
      try {
        const requests = recordRequests(page);
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(error.message));

        await page.goto(baseUrl, { waitUntil: "networkidle" });

        const heading = page.getByRole("heading", { level: 1 });
        await heading.waitFor();
        // A device with no practitioner profile opens on set-up.
        expect(await heading.textContent()).toBe("Set up Safe Referral on this device");
        expect(await page.getByRole("main").count()).toBe(1);

        await expectNoAxeViolations(page, `app shell, ${viewport.name}`);

        expect(requests.length).toBeGreaterThan(0);
        expect(foreignRequests(requests, baseUrl)).toEqual([]);
        expect(pageErrors).toEqual([]);

        await saveScreenshot(page, `app-shell-${viewport.name}`);
      } finally {
        await page.context().close();
      }
    });
  }
});
