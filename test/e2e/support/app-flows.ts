// Steps through the vault and case screens the way a practitioner would, for the e2e tests.
import type { Page } from "playwright-core";

export const PROFILE_NAME = "PC 1234 Smith";
export const PASSPHRASE = "correct horse battery staple";

/** Generous: the production build uses the real PBKDF2 cost (DEFAULT_PBKDF2_ITERATIONS) for every create/unlock. */
const KDF_TIMEOUT_MS = 15_000;

/** Fresh device: set-up form → recovery key screen (left showing). Returns the recovery key text. */
export async function fillSetup(page: Page): Promise<string> {
  await page.getByRole("heading", { level: 1, name: "Set up Safe Referral on this device" }).waitFor();
  await page.getByLabel("Your name").fill(PROFILE_NAME);
  await page.getByLabel("Create a passphrase").fill(PASSPHRASE);
  await page.getByLabel("Confirm your passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create profile" }).click();
  await page.getByRole("heading", { level: 1, name: "Your recovery key" }).waitFor({ timeout: KDF_TIMEOUT_MS });
  return (await page.getByRole("group", { name: "Recovery key" }).textContent()) ?? "";
}

export async function confirmRecoveryKey(page: Page): Promise<void> {
  await page.getByRole("checkbox", { name: "I have stored the recovery key" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor();
}

export async function createProfile(page: Page): Promise<void> {
  await fillSetup(page);
  await confirmRecoveryKey(page);
}

export async function unlock(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor();
  await page.getByLabel("Passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Unlock" }).click();
  await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor({ timeout: KDF_TIMEOUT_MS });
}

/** New case → its overview (the task list of sections). */
export async function newCase(page: Page): Promise<void> {
  await page.getByRole("button", { name: "New case" }).click();
  await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
}

/** From a case's overview, open one section's question page. */
export async function openSection(page: Page, title: string): Promise<void> {
  await page.getByRole("button", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** From a section's page back to the case's overview. */
export async function backToOverview(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Back to case overview" }).click();
  await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
}

/** From a case's overview: type the victim's name on "About the victim", wait for it to save, and come back. */
export async function fillVictimName(page: Page, name: string): Promise<void> {
  await openSection(page, "About the victim");
  await page.getByLabel("Victim's name").fill(name);
  await waitForSaved(page);
  await backToOverview(page);
}

/** From the case list: open case 1 at its overview, once this tab may edit it. */
export async function openFirstCase(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Case 1, started/ }).click();
  await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
  // Only offered once this tab holds the case's claim (read-only cases cannot be deleted).
  await page.getByRole("button", { name: "Delete case" }).waitFor();
}

export async function waitForSaved(page: Page): Promise<void> {
  await page
    .getByRole("status")
    .filter({ hasText: /^Saved$/ })
    .waitFor();
}

/** On "Who is assessing": picks the role, continues, and answers that it is safe to ask the questions now. */
export async function assessAsSafeToAsk(page: Page, role: "police" | "idva"): Promise<void> {
  await page.getByLabel("Your role").selectOption(role);
  await page.getByRole("button", { name: "Continue" }).click();
  await page
    .getByRole("group", { name: /Is it safe to ask the questions now\?/ })
    .getByRole("radio", { name: "Yes", exact: true })
    .check();
}

/** A fresh device: opens the app, sets up a profile, and starts case 1 with the victim's name typed (left at its overview). */
export async function firstCaseNamed(page: Page, baseUrl: string, victimName: string): Promise<void> {
  await page.goto(baseUrl);
  await createProfile(page);
  await newCase(page);
  await fillVictimName(page, victimName);
}
