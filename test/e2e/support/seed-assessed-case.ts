// One case with a completed assessment (the shared strangulation scenario, 01) arriving the way a
// colleague's case does: an encrypted case-export file imported through the Backup screen. Its
// details leave gaps on purpose, so its referral pack lists what is missing with links to fix it.
import type { Page } from "playwright-core";
import { writeCaseExportFile } from "./case-export";

const FILE_PASSPHRASE = "handed over separately";

const SEEDED_DETAILS = {
  detailsVersion: 1,
  victim: { name: "Seeda Caseworth", dateOfBirth: "1990-04-01" },
  perpetrator: { name: "Sam Example", relationship: "ex-partner", historyChecks: "done" },
  children: [],
  referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
  agenciesInvolved: ["Police"],
  nonDisclosure: [],
};

/** From any unlocked screen: imports the assessed case through "Backup and data" (it becomes case 1 if first). */
export async function importAssessedCase(page: Page): Promise<void> {
  const file = await writeCaseExportFile({ details: SEEDED_DETAILS, passphrase: FILE_PASSPHRASE });
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Backup and data" }).click();
  await page.getByLabel("Backup or case file").setInputFiles(file);
  await page.getByLabel("The file's passphrase").fill(FILE_PASSPHRASE);
  await page.getByRole("button", { name: "Import file" }).click();
  await page.getByText("Cases: 1 added, 0 replaced", { exact: false }).waitFor({ timeout: 15_000 });
}
