// The victim's name typed into a case must never reach the browser's storage in clear: only
// ciphertext. Reads every IndexedDB record back out of the real Chromium, as stored.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_PBKDF2_ITERATIONS } from "../../src/storage/crypto";
import { backToOverview, createProfile, newCase, openSection, waitForSaved } from "./support/app-flows";
import { launchBrowser, newPage } from "./support/browser";
import { base64Variants, dumpBrowserStorage } from "./support/indexeddb-dump";

const VICTIM = "Zebedee Quartermaine";
const ADDRESS = "17 Xylophone Crescent";

describe("encrypted at rest", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("stores no trace of the victim's name in clear or as plain base64", async () => {
    const page = await newPage(browser);
    try {
      await page.goto(baseUrl);
      const started = Date.now();
      await createProfile(page);
      console.log(`[e2e] create profile + unlock with the real KDF: ${Date.now() - started} ms`);
      await newCase(page);
      await openSection(page, "About the victim");
      await page.getByLabel("Victim's name").fill(VICTIM);
      await waitForSaved(page);
      await backToOverview(page);
      await openSection(page, "Victim's address");
      await page.getByRole("radio", { name: "They have an address" }).check();
      await page.getByLabel("Address", { exact: true }).fill(ADDRESS);
      await waitForSaved(page);
      await backToOverview(page);
      await openSection(page, "Agencies and actions");
      await page.getByLabel("Notes", { exact: true }).fill(`Spoke to ${VICTIM} at the front counter.`);
      await waitForSaved(page);

      const dump = await dumpBrowserStorage(page);
      expect(dump.stores).toEqual(expect.arrayContaining(["safe-referral/cases", "safe-referral/profiles"]));
      expect(dump.recordCount).toBeGreaterThan(2);
      // The case row is there, so the check below is looking at real data, not an empty store.
      expect(dump.text).toMatch(/"store":"cases".*"sealed"/);

      // Production builds use the storage layer's real PBKDF2 cost (no test override reaches the bundle),
      // and never less than OWASP's 600,000.
      expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
      expect(dump.text).toContain(`"iterations":${DEFAULT_PBKDF2_ITERATIONS}`);

      const haystack = dump.text.toLowerCase();
      for (const needle of [VICTIM, "Zebedee", "Quartermaine", "front counter", ADDRESS, "Xylophone"]) {
        expect(haystack).not.toContain(needle.toLowerCase());
      }
      for (const encoded of [
        ...base64Variants(VICTIM),
        ...base64Variants("Zebedee"),
        ...base64Variants("Quartermaine"),
      ]) {
        expect(dump.text).not.toContain(encoded);
      }
      // The screen itself still shows it: the test typed into the real fields.
      expect(await page.getByLabel("Notes", { exact: true }).inputValue()).toContain(VICTIM);
      await backToOverview(page);
      await openSection(page, "About the victim");
      expect(await page.getByLabel("Victim's name").inputValue()).toBe(VICTIM);
    } finally {
      await page.context().close();
    }
  });
});
