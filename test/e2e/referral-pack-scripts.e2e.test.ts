// Names in Arabic script, Bengali and Gurmukhi in the referral-pack PDF, end to end in headless
// Chromium: a case whose people have such names is imported through the Backup screen, its pack is
// opened and its PDF downloaded through the UI with the network off (so the fonts come from the
// service worker's precache), and the PDF is read back with poppler's pdftotext: every name exactly
// as typed. A pack without those scripts never fetches their fonts.
import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage } from "./support/browser";
import { writeCaseExportFile } from "./support/case-export";
import { importCaseFile, openFirstCaseMaracPack } from "./support/case-import";

const FILE_PASSPHRASE = "handed over separately";
const SHARED_COPY = "Copy for wider sharing (redacted)";
const NOTICE = "Some characters cannot be shown in this PDF";

// Arabic (joining, the lam-lam-heh ligature of "الله"), Urdu (ہ, ی), Bengali (pre-base ে and ি, reph
// in কর্মকার), Gurmukhi (pre-base ਿ, tippi in ਸਿੰਘ, subjoined ra in ਹਰਪ੍ਰੀਤ).
const NAMES = {
  victim: "فاطمة الزهراء",
  perpetrator: "محمد عبد الله",
  children: ["عائشہ بی بی", "দেবী মিত্র কর্মকার", "ਕਿਰਨ ਸਿੰਘ", "ਹਰਪ੍ਰੀਤ ਕੌਰ"],
};
const SCRIPT_FONTS = ["NotoNaskhArabic-Regular", "NotoSansBengali-Regular", "NotoSansGurmukhi-Regular"];

function caseDetails(victim: string, perpetrator: string, children: readonly string[]): Record<string, unknown> {
  return {
    detailsVersion: 1,
    victim: {
      name: victim,
      dateOfBirth: "1990-04-01",
      safeContact: { phone: "07700 900123", safeToCall: "yes", safeToText: "no" },
      interpreterNeeded: "yes",
    },
    perpetrator: { name: perpetrator, relationship: "ex-partner", historyChecks: "done" },
    children: children.map((name, index) => ({
      name,
      age: 3 + index,
      relationshipToPerpetrator: "child",
      livesWithVictim: "yes",
    })),
    referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
    consent: { status: "given" },
  };
}

/** A fresh profile with the case imported, its MARAC pack open, and the worker controlling the page. */
async function openImportedPack(page: Page, details: Record<string, unknown>): Promise<void> {
  const exportFile = await writeCaseExportFile({ details, passphrase: FILE_PASSPHRASE });
  await page.goto(inject("baseUrl"));
  await createProfile(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await importCaseFile(page, exportFile, FILE_PASSPHRASE);
  await openFirstCaseMaracPack(page);
}

/** Downloads the open pack's PDF (the shareable copy, the default) and returns its path. */
async function downloadPdf(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PDF" }).click(),
  ]);
  const pdfPath = await download.path();
  await page.getByText(`PDF downloaded: ${SHARED_COPY}.`).waitFor();
  return pdfPath;
}

/** pdftotext's text, whitespace collapsed and its embedding marks round right-to-left text left out. */
function pdfText(pdfPath: string, mode: string[]): string {
  const text = execFileSync("/usr/bin/pdftotext", [...mode, pdfPath, "-"], { encoding: "utf8" });
  return text.replace(/\s+/g, " ").replace(/[\u202a-\u202e]/gu, "");
}

describe("referral pack PDF: names in Arabic script, Bengali and Gurmukhi", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    "prints each name as typed, offline, with the fonts from the precache, and pdftotext reads them back exactly",
    { timeout: 120_000 },
    async () => {
      const page = await newPage(browser, { acceptDownloads: true });
      const context = page.context();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const fontRequests: string[] = [];
      page.on("request", (request) => {
        if (/Noto[A-Za-z]+-Regular/.test(request.url())) fontRequests.push(request.url());
      });
      try {
        await openImportedPack(page, caseDetails(NAMES.victim, NAMES.perpetrator, NAMES.children));
        const preview = page.getByRole("article", { name: "MARAC referral" });
        for (const name of [NAMES.victim, NAMES.perpetrator, ...NAMES.children]) {
          await preview.getByText(name, { exact: true }).first().waitFor();
        }
        await expectNoAxeViolations(page, "referral pack with names in Arabic script, Bengali and Gurmukhi");

        // No network from here: the PDF module and every font must come from the precache.
        await context.setOffline(true);
        const pdfPath = await downloadPdf(page);
        for (const mode of [["-layout"], []]) {
          const text = pdfText(pdfPath, mode);
          for (const name of [NAMES.victim, NAMES.perpetrator, ...NAMES.children]) {
            expect(text, `${name} (pdftotext ${mode.join(" ")})`).toContain(name);
          }
          expect(text).not.toContain(NOTICE);
          expect(text).not.toMatch(/\?\?|\?[\p{Script=Arabic}\p{Script=Bengali}\p{Script=Gurmukhi}]/u);
        }
        const fonts = execFileSync("/usr/bin/pdffonts", [pdfPath], { encoding: "utf8" });
        for (const font of SCRIPT_FONTS) expect(fonts).toMatch(new RegExp(`^[A-Z]{6}\\+${font}|^${font}`, "m"));
        expect(fonts).not.toContain("Helvetica");
        expect(fontRequests.map((url) => /(Noto[A-Za-z]+)-Regular/.exec(url)![1]).sort()).toEqual([
          "NotoNaskhArabic",
          "NotoSansBengali",
          "NotoSansGurmukhi",
        ]);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.setOffline(false);
        await context.close();
      }
    },
  );

  it(
    "fetches none of those fonts for a pack whose names are all in the Latin alphabet",
    { timeout: 120_000 },
    async () => {
      const page = await newPage(browser, { acceptDownloads: true });
      const fontRequests: string[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith(".ttf")) fontRequests.push(request.url());
      });
      try {
        await openImportedPack(page, caseDetails("Łucja Wiśniewska", "Sam Example", ["Robin"]));
        const pdfPath = await downloadPdf(page);
        expect(pdfText(pdfPath, ["-layout"])).toContain("Łucja Wiśniewska");
        expect(execFileSync("/usr/bin/pdffonts", [pdfPath], { encoding: "utf8" })).not.toContain("Noto");
        // The page fetched DejaVu Sans for the PDF, and nothing else.
        expect(fontRequests.length).toBeGreaterThan(0);
        expect(fontRequests.filter((url) => !/DejaVuSans/.test(url))).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
  );
});
