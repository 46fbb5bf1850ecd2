// The installable offline app in real Chromium: load once online until the service worker controls
// the page, then with the server stopped AND the browser offline, reload and do real work (unlock,
// create a case, complete an assessment, download its referral pack as a PDF). Then back online a changed build is deployed on the same
// origin; the update banner appears, and accepting it in the middle of typing loses nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessAsSafeToAsk, createProfile, fillVictimName, newCase, unlock } from "./support/app-flows";
import {
  expectNoAxeViolations,
  foreignRequests,
  launchBrowser,
  newPage,
  recordRequests,
  saveScreenshot,
} from "./support/browser";
import { buildApp, startAppServer, type AppServer } from "./support/server";
import { openFirstCaseMaracPack } from "./support/case-import";

const CHANGED_VERSION = "0.1.0-e2e-update";
const TYPED_REASON = "He came back into the room, typed just before updating";

/** Answers every question on the current page "No", and strangulation "Yes" where it is asked. */
async function answerPage(page: Page): Promise<void> {
  const noRadios = page.getByRole("radio", { name: "No", exact: true });
  for (let i = 0; i < (await noRadios.count()); i++) await noRadios.nth(i).check();
  const strangulation = page.getByRole("group", { name: /strangle|choke|suffocate|drown/i });
  if ((await strangulation.count()) > 0)
    await strangulation.first().getByRole("radio", { name: "Yes", exact: true }).check();
}

async function startAssessment(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Assessment", exact: true }).click();
  await page.getByRole("button", { name: /^Assess case 1/ }).click();
  await page.getByLabel("Your role").waitFor();
}

async function completeAssessment(page: Page): Promise<void> {
  await startAssessment(page);
  await assessAsSafeToAsk(page, "idva");
  await page.getByRole("button", { name: "Continue" }).click();
  for (let i = 0; i < 15; i++) {
    if ((await page.getByRole("heading", { level: 1, name: "Check your answers" }).count()) > 0) break;
    await answerPage(page);
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByRole("heading", { level: 1, name: "Check your answers" }).waitFor();
  await page.getByRole("button", { name: "Complete assessment" }).click();
  await page.getByRole("heading", { level: 1, name: "Assessment completed: High risk" }).waitFor();
}

const ORDER_LOG = "e2e-update-order";
const NOT_SAFE_REASON = "Why is it not safe to ask now?";

/**
 * Records, in sessionStorage (it survives the update's reload), each write to the assessments store
 * and the moment the page tells the waiting worker to take over, so the test can see the draft was
 * written BEFORE the new version was activated — not merely rescued by the autosave timer or the
 * unload flush while the new version was starting.
 */
function recordUpdateOrder(): void {
  const log = (event: string): void => {
    const events = JSON.parse(sessionStorage.getItem("e2e-update-order") ?? "[]") as string[];
    events.push(event);
    sessionStorage.setItem("e2e-update-order", JSON.stringify(events));
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
    if (this.name === "assessments") log("assessment-write");
    return put.apply(this, args);
  };
  const postMessage = ServiceWorker.prototype.postMessage as (this: ServiceWorker, ...args: unknown[]) => void;
  ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: unknown[]) {
    const message = args[0] as { type?: string } | undefined;
    if (message?.type === "SKIP_WAITING") log("skip-waiting");
    postMessage.apply(this, args);
  } as ServiceWorker["postMessage"];
}

async function aboutValue(page: Page, term: string): Promise<string> {
  await page.getByRole("button", { name: "About", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "About Safe Referral" }).waitFor();
  const row = page.locator(".about__row").filter({ has: page.getByText(term, { exact: true }) });
  return (await row.locator("dd").textContent()) ?? "";
}

describe("offline: installed app shell, offline start and a safe update", () => {
  let browser: Browser;
  let server: AppServer | null = null;
  let changedDir: string;

  beforeAll(async () => {
    // A second, changed build (different injected version, so different hashes and a new sw.js).
    changedDir = mkdtempSync(path.join(tmpdir(), "safe-referral-e2e-update-"));
    await buildApp({ outDir: changedDir, appVersion: CHANGED_VERSION });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (changedDir) rmSync(changedDir, { recursive: true, force: true });
  });

  it(
    "starts and works offline, then updates mid-assessment without losing what was typed",
    { timeout: 240_000 },
    async () => {
      // Our own server of the run's fresh dist/, so this test can stop it and restart it on the same port.
      server = await startAppServer();
      const baseUrl = server.url;
      const port = server.port;
      const page = await newPage(browser, { acceptDownloads: true });
      const context = page.context();
      const requests = recordRequests(page);
      await context.addInitScript(recordUpdateOrder);
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      try {
        // 1. Online, once: set up, and wait for the service worker to control the page.
        await page.goto(baseUrl);
        await createProfile(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
        expect(await aboutValue(page, "App version")).toBe("0.1.0");
        expect(await aboutValue(page, "Offline use")).toMatch(/^Ready/);
        await expectNoAxeViolations(page, "about screen");
        await saveScreenshot(page, "about-screen");
        const updateNotice = page.getByRole("status").filter({ hasText: /A new version/ });
        expect(await updateNotice.count(), "no update is offered before there is one").toBe(0);

        // 2. Offline: the server is gone and the browser has no network.
        await server.close();
        server = null;
        await context.setOffline(true);
        await page.reload();
        await unlock(page);
        await expect
          .poll(() =>
            page
              .getByRole("status")
              .filter({ hasText: /You are offline/ })
              .count(),
          )
          .toBe(1);
        expect(await updateNotice.count()).toBe(0);
        await newCase(page);
        await fillVictimName(page, "Offline Victim");
        await completeAssessment(page);
        expect(await updateNotice.count()).toBe(0);
        // Produce the referral pack offline: the pack screen, pdf-lib and the fonts all come from the
        // service worker's precache. The PDF is read back and carries the victim and the reason.
        await openFirstCaseMaracPack(page);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download PDF" }).click(),
        ]);
        const pdfPath = path.join(tmpdir(), `safe-referral-offline-pack-${process.pid}.pdf`);
        await download.saveAs(pdfPath);
        const pdfText = execFileSync("/usr/bin/pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).replace(
          /\s+/g,
          " ",
        );
        rmSync(pdfPath, { force: true });
        expect(pdfText).toContain("Offline Victim");
        expect(pdfText).toMatch(/strangl/i);
        await expect
          .poll(
            async () =>
              await page
                .getByRole("status")
                .filter({ hasText: /^PDF downloaded/ })
                .count(),
          )
          .toBe(1);
        await expectNoAxeViolations(page, "assessment completed offline");
        await saveScreenshot(page, "offline-assessment-completed");

        // 3. Back online with a changed build deployed on the same origin.
        server = await startAppServer({ port, outDir: changedDir });
        await context.setOffline(false);
        const banner = page.getByRole("status").filter({ hasText: /A new version of Safe Referral is ready/ });
        await banner.waitFor({ timeout: 30_000 });
        await page
          .getByRole("status")
          .filter({ hasText: /You are offline/ })
          .waitFor({ state: "detached" })
          .catch(() => undefined);
        expect(
          await page
            .getByRole("status")
            .filter({ hasText: /You are offline/ })
            .count(),
        ).toBe(0);
        await expectNoAxeViolations(page, "update banner");
        await saveScreenshot(page, "offline-update-banner");

        // 4. Mid-assessment, type into a field and accept the update at once (inside the autosave delay).
        // (The pack screen is showing; startAssessment goes back to the Assessment section.)
        // (The agency is a choice from the profile's list now, so the typing goes into the gate's reason.)
        await startAssessment(page);
        await page.getByLabel("Your role").selectOption("idva");
        await page.getByRole("button", { name: "Continue" }).click();
        await page
          .getByRole("group", { name: /Is it safe to ask the questions now\?/ })
          .getByRole("radio", { name: "No", exact: true })
          .check();
        await page.evaluate((key) => sessionStorage.removeItem(key), ORDER_LOG);
        await page.getByLabel(NOT_SAFE_REASON).fill(TYPED_REASON);
        await page.getByRole("button", { name: "Update now" }).click();

        // 5. The new version loads (a reload: the vault is locked again) and the draft is intact.
        await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor({ timeout: 30_000 });
        await unlock(page);
        expect(await aboutValue(page, "App version")).toBe(CHANGED_VERSION);
        // The draft reopens where it was left (the gate), or at its first page.
        await page.getByRole("button", { name: "Assessment", exact: true }).click();
        await page.getByRole("button", { name: /^Assess case 1/ }).click();
        const reason = page.getByLabel(NOT_SAFE_REASON);
        await reason.or(page.getByLabel("Your role")).first().waitFor();
        if ((await reason.count()) === 0) await page.getByRole("button", { name: "Continue" }).click();
        expect(await reason.inputValue()).toBe(TYPED_REASON);
        expect(
          await page
            .getByRole("status")
            .filter({ hasText: /A new version/ })
            .count(),
        ).toBe(0);
        const order = JSON.parse(
          (await page.evaluate((key) => sessionStorage.getItem(key), ORDER_LOG)) ?? "[]",
        ) as string[];
        expect(order, "the draft must be written before the new version is activated").toContain("skip-waiting");
        expect(order.indexOf("assessment-write")).toBeGreaterThanOrEqual(0);
        expect(order.indexOf("assessment-write")).toBeLessThan(order.indexOf("skip-waiting"));

        expect(foreignRequests(requests, baseUrl)).toEqual([]);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
