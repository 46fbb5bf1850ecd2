// The backup screen in real Chromium: reachable once unlocked, accessible, and the downloaded file
// holds no victim detail in clear.
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { firstCaseNamed, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from "./support/browser";

const VICTIM_NAME = "Perpetua Backupwright";
const BACKUP_PASSPHRASE = "a separate backup passphrase";

describe("backup and data screen", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("exports an encrypted backup file with no victim name in clear, and passes axe", async () => {
    const page = await newPage(browser, { acceptDownloads: true });
    try {
      await firstCaseNamed(page, baseUrl, VICTIM_NAME);
      await waitForSaved(page);

      await page.getByRole("button", { name: "Backup and data" }).click();
      await page.getByRole("heading", { level: 2, name: "Back up everything" }).waitFor();
      await expectNoAxeViolations(page, "backup screen");
      await saveScreenshot(page, "backup-desktop");

      await page.getByLabel("Passphrase for the backup file").fill(BACKUP_PASSPHRASE);
      await page.getByLabel("Confirm the backup passphrase").fill(BACKUP_PASSPHRASE);
      const downloadPromise = page.waitForEvent("download", { timeout: 30_000 });
      await page.getByRole("button", { name: "Save backup file" }).click();
      const download = await downloadPromise;
      const text = await readFile((await download.path())!, "utf8");
      const envelope = JSON.parse(text) as { format?: string; ciphertext?: string };
      expect(envelope.format).toBe("safe-referral-backup");
      expect(envelope.ciphertext?.length ?? 0).toBeGreaterThan(100);
      for (const part of [VICTIM_NAME, "Perpetua", "Backupwright", Buffer.from(VICTIM_NAME).toString("base64")]) {
        expect(text).not.toContain(part);
      }
    } finally {
      await page.context().close();
    }
  });
});
