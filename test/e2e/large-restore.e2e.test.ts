// A year's caseload round-trips through the screens (issue 15 item 1): a ~60 MB backup of 8,000
// cases with assessments and packs is restored through the file input (with a progress bar), backed
// up again through the download button, and restored into a fresh profile on a fresh browser
// profile, which then holds all 8,000 cases. The first file is made in Node with the app's own
// backup code (so the test need not type 8,000 cases in).
import { stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { largeCaseload } from "../../scripts/bench/large-caseload";
import { buildBackupPayload, encryptEnvelope } from "../../src/storage/backup-file";
import { createProfile } from "./support/app-flows";
import { launchBrowser, newPage } from "./support/browser";

const CASES = 8_000;
const FILE_PASSPHRASE = "a separate backup passphrase";
const RESTORE_TIMEOUT_MS = 180_000;

async function restore(page: Page, file: string): Promise<void> {
  await page.getByRole("button", { name: "Backup and data" }).click();
  const area = page.getByRole("region", { name: "Restore or import a file" });
  await area.waitFor();
  await area.getByLabel("Backup or case file").setInputFiles(file);
  await area.getByLabel("The file's passphrase").fill(FILE_PASSPHRASE);
  await area.getByRole("button", { name: "Import file" }).click();
  // The progress bar counts records while they are restored.
  await area
    .getByRole("progressbar", { name: "Import progress" })
    .and(page.locator("[value]"))
    .waitFor({ timeout: RESTORE_TIMEOUT_MS });
  await expect
    .poll(
      async () =>
        (await area
          .locator(".import-progress__text")
          .textContent()
          .catch(() => "")) ?? "",
      {
        timeout: RESTORE_TIMEOUT_MS,
      },
    )
    .toMatch(/^(Restoring|Saving): [\d,]+ of [\d,]+ records$/);
  await area
    .getByText(`Cases: ${CASES.toLocaleString("en-GB")} added, 0 replaced, 0 kept, 0 skipped.`, { exact: false })
    .waitFor({ timeout: RESTORE_TIMEOUT_MS });
}

describe("a 60 MB backup through the screens", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let firstFile: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const payload = await buildBackupPayload("backup", largeCaseload(CASES), new Date());
    const envelope = await encryptEnvelope(JSON.stringify(payload), FILE_PASSPHRASE, "backup");
    firstFile = path.join(tmpdir(), `safe-referral-large-${process.pid}.json`);
    await writeFile(firstFile, JSON.stringify(envelope, null, 2));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("restores 8,000 cases, downloads them as a backup, and restores that into a fresh profile", async () => {
    expect((await stat(firstFile)).size).toBeGreaterThan(55_000_000);
    const first = await newPage(browser, { acceptDownloads: true });
    let downloaded: string;
    try {
      await first.goto(baseUrl);
      await createProfile(first);
      await restore(first, firstFile);

      const backup = first.getByRole("region", { name: "Back up everything" });
      await backup.getByLabel("Passphrase for the backup file").fill(FILE_PASSPHRASE);
      await backup.getByLabel("Confirm the backup passphrase").fill(FILE_PASSPHRASE);
      const downloadPromise = first.waitForEvent("download", { timeout: RESTORE_TIMEOUT_MS });
      await backup.getByRole("button", { name: "Save backup file" }).click();
      const download = await downloadPromise;
      downloaded = path.join(tmpdir(), `safe-referral-large-${process.pid}-downloaded.json`);
      await download.saveAs(downloaded);
      expect((await stat(downloaded)).size).toBeGreaterThan(55_000_000);
    } finally {
      await first.context().close();
    }

    // A fresh browser profile: a new device, as after losing the first one.
    const second = await newPage(browser);
    try {
      await second.goto(baseUrl);
      await createProfile(second);
      await restore(second, downloaded);
      // The case list counts every restored case.
      await second.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Cases" }).click();
      await second.getByRole("heading", { level: 1, name: "Your cases" }).waitFor({ timeout: 60_000 });
      await expect
        .poll(async () => (await second.locator(".case-pagination__where").allTextContents()).join(" "), {
          timeout: 60_000,
        })
        .toMatch(/of\s+8000,/);
    } finally {
      await second.context().close();
    }
  }, 600_000);
});
