// A colleague's case arriving in the app: an encrypted case-export file (case-export.ts) imported
// through the Backup screen, and the referral pack of the case it became.
import type { Locator, Page } from "playwright-core";

/** From any unlocked screen: imports the file through "Backup and data" and waits until its one case is added. */
export async function importCaseFile(page: Page, file: string, passphrase: string): Promise<void> {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Backup and data" }).click();
  await page.getByLabel("Backup or case file").setInputFiles(file);
  await page.getByLabel("The file's passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Import file" }).click();
  await page.getByText("Cases: 1 added, 0 replaced", { exact: false }).waitFor({ timeout: 15_000 });
}

/** From any unlocked screen: opens case 1's referral packs and waits for its MARAC pack, which it returns. */
export async function openFirstCaseMaracPack(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Referral packs", exact: true }).click();
  await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
  const preview = page.getByRole("article", { name: "MARAC referral" });
  await preview.waitFor();
  return preview;
}
