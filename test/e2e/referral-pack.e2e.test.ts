// Referral pack end to end in headless Chromium. The case details and the completed assessment of
// the shared strangulation scenario (01) are seeded the way a colleague's case arrives: an encrypted
// case-export file, built here and imported through the Backup screen into the app's own vault. Then,
// through the UI: open the pack, check a hostile name renders as text, download the shareable PDF,
// and read it back with poppler's pdftotext: the safe contact, the strangulation reason and the
// withheld marker are there; the withheld facts are not.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build as esbuild } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { builtAssetUrls } from "../../scripts/bench/built-asset-urls.mjs";
import { assessCase } from "../../src/domain/assess";
import { validateCaseFile } from "../../src/domain/case-file";
import { WITHHELD_MARKER } from "../../src/domain/referral-pack/pack-document";
import { buildBackupPayload, encryptEnvelope } from "../../src/storage/backup";
import { createProfile } from "./support/app-flows";
import { expectNoAxeViolations, launchBrowser, newPage, saveScreenshot, SCREENSHOT_DIR } from "./support/browser";

const XSS_NAME = "<img src=x onerror=alert(1)>";
const SAFE_PHONE = "07700 900123";
const WITHHELD_ADDRESS = "12 Withheld Road";
const WITHHELD_SCHOOL = "Hidden Lane Primary";
const WITHHELD_DETAIL = "staying with her sister in Lowtown";
const FILE_PASSPHRASE = "handed over separately";

async function caseExportFile(): Promise<string> {
  const scenario = JSON.parse(
    readFileSync(new URL("../../../shared/scenarios/01-strangulation-alone.json", import.meta.url), "utf8"),
  ) as { case: Record<string, unknown> };
  const raw = scenario.case;
  (raw.answers as Record<string, unknown>)["dash.separation"] = {
    answer: "yes",
    detail: WITHHELD_DETAIL,
    source: "victim",
  };
  raw.context = { nonDisclosure: ["dash.separation"] };
  const validation = validateCaseFile(raw);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const outcome = assessCase(validation.caseFile);
  const assessedAt = "2021-10-14T22:30:00.000Z";
  const details = {
    detailsVersion: 1,
    victim: {
      name: XSS_NAME,
      dateOfBirth: "1990-04-01",
      address: { kind: "address", text: `${WITHHELD_ADDRESS}, Townsville`, postcode: "ZZ1 1ZZ" },
      safeContact: { phone: SAFE_PHONE, safeToCall: "yes", safeToText: "no", safeTimes: "Weekdays 10am to 2pm" },
      interpreterNeeded: "no",
      wishes: "Wants him to stay away",
    },
    perpetrator: { name: "Sam Example", relationship: "ex-partner", historyChecks: "done" },
    children: [
      { name: "Robin", age: 7, school: WITHHELD_SCHOOL, relationshipToPerpetrator: "child", livesWithVictim: "yes" },
    ],
    referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
    consent: { status: "given" },
    agenciesInvolved: ["Police"],
    actionsTaken: "Arrested; safety plan agreed",
    nonDisclosure: ["victim.address", "children[0].school"],
  };
  const caseId = "e2e-case-1";
  const records = {
    cases: [
      {
        id: caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        status: "open" as const,
        riskLevel: outcome.riskLevel,
        brag: null,
        flags: [],
        qualityScore: null,
        latestAssessedAt: assessedAt,
        details,
      },
    ],
    assessments: [
      {
        id: "e2e-assessment-1",
        caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        assessedAt,
        status: "completed" as const,
        questionSetId: validation.caseFile.questionSet,
        questionSetVersion: "1",
        policyName: "default",
        policyVersion: "1",
        riskLevel: outcome.riskLevel,
        content: validation.caseFile,
        outcome,
      },
    ],
    packs: [],
    audit: [],
    settings: [],
  };
  const payload = await buildBackupPayload("case-export", records, new Date());
  const envelope = await encryptEnvelope(JSON.stringify(payload), FILE_PASSPHRASE, "case-export", 1_000);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pack-e2e-")), "case-export.json");
  writeFileSync(file, JSON.stringify(envelope));
  return file;
}

describe("referral pack: open, preview and download the shareable PDF", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the pack, escapes a hostile name, and the shareable PDF withholds what must not be shared", async () => {
    const exportFile = await caseExportFile();
    const page = await newPage(browser, { acceptDownloads: true });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(baseUrl);
      await createProfile(page);

      // Seed: import the colleague's case export through the Backup screen.
      await page.getByRole("button", { name: "Backup and data", exact: true }).click();
      await page.getByLabel("Backup or case file").setInputFiles(exportFile);
      await page.getByLabel("The file's passphrase").fill(FILE_PASSPHRASE);
      await page.getByRole("button", { name: "Import file" }).click();
      await page.getByText(/^Imported 1 case/).waitFor({ timeout: 15_000 });

      // Open the pack through the UI.
      await page.getByRole("button", { name: "Referral packs", exact: true }).click();
      await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
      const preview = page.getByRole("article", { name: "MARAC referral" });
      await preview.waitFor();

      // The hostile name is text: visible as typed, no element made from it, no script ran.
      await expect(preview.getByText(XSS_NAME, { exact: true }).count()).resolves.toBe(1);
      await expect(page.locator("main img").count()).resolves.toBe(0);
      expect(dialogs).toEqual([]);

      // The shareable copy is the default; the preview already withholds.
      await expect(page.getByRole("radio", { name: "Copy for wider sharing" }).isChecked()).resolves.toBe(true);
      const previewText = (await preview.textContent()) ?? "";
      expect(previewText).not.toContain(WITHHELD_ADDRESS);
      expect(previewText).not.toContain(WITHHELD_SCHOOL);
      expect(previewText).not.toContain(WITHHELD_DETAIL);
      expect(previewText).toContain(WITHHELD_MARKER);
      await expectNoAxeViolations(page, "referral pack screen");
      await saveScreenshot(page, "referral-pack-preview-laptop");
      // Narrowest supported width: still accessible, and nothing forces sideways scrolling.
      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoAxeViolations(page, "referral pack screen at 320 px");
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
      await saveScreenshot(page, "referral-pack-preview-phone", { fullPage: false });
      await page.setViewportSize({ width: 1280, height: 800 });

      // Download the PDF through the UI, timing click → file.
      const started = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download PDF" }).click(),
      ]);
      const pdfPath = await download.path();
      const coldMs = performance.now() - started;
      expect(download.suggestedFilename()).toMatch(/^marac-referral-shareable-copy-\d{4}-\d{2}-\d{2}\.pdf$/);
      await page.getByText("PDF downloaded (copy for wider sharing).").waitFor();

      const startedWarm = performance.now();
      const [second] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download PDF" }).click(),
      ]);
      await second.path();
      const warmMs = performance.now() - startedWarm;
      console.log(
        `[referral-pack] packPdfMs (click to downloaded file, headless Chromium): first ${coldMs.toFixed(0)} ms (includes loading pdf-lib), again ${warmMs.toFixed(0)} ms`,
      );
      // Click to file includes fetching the pdf-lib chunk and the audit write; the ≤ 1 s budget for
      // generating the PDF itself is asserted on renderPackPdf in the next test.
      expect(coldMs).toBeLessThan(3000);

      const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        " ",
      );
      expect(text).toContain(SAFE_PHONE);
      expect(text).toContain("Weekdays 10am to 2pm");
      expect(text).toMatch(/strangl/i);
      expect(text).toContain(WITHHELD_MARKER);
      expect(text).not.toContain(WITHHELD_ADDRESS);
      expect(text).not.toContain(WITHHELD_SCHOOL);
      expect(text).not.toContain(WITHHELD_DETAIL);
      expect(text).not.toContain("Lowtown");
      // The app fetched its bundled fonts (a failed fetch would fall back to the standard fonts), and
      // the hostile name is literal text in the PDF too.
      const fonts = execFileSync("/usr/bin/pdffonts", [pdfPath], { encoding: "utf8" });
      expect(fonts).toMatch(/^DejaVuSans-\d+ +CID TrueType .* yes /m);
      expect(fonts).toMatch(/^DejaVuSans-Bold-\d+ +CID TrueType .* yes /m);
      expect(fonts).not.toContain("Helvetica");
      expect(text).toContain(XSS_NAME);
      expect(text).not.toContain("Some characters cannot be shown in this PDF");

      await mkdir(SCREENSHOT_DIR, { recursive: true });
      execFileSync("/usr/bin/pdftoppm", [
        "-png",
        "-singlefile",
        "-r",
        "60",
        pdfPath,
        path.join(SCREENSHOT_DIR, "referral-pack-shareable-pdf-page1"),
      ]);

      // The print styles: A4 pages holding only the pack (no header, navigation, controls or notices).
      const printed = path.join(mkdtempSync(path.join(tmpdir(), "pack-print-")), "printed.pdf");
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
      const info = execFileSync("/usr/bin/pdfinfo", [printed], { encoding: "utf8" });
      expect(info).toMatch(/Page size:.*\(A4\)/);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(3);
      const printedText = execFileSync("/usr/bin/pdftotext", [printed, "-"], { encoding: "utf8" });
      for (const chrome of [
        "Skip to main content",
        "Backup and data",
        "Download PDF",
        "Which copy?",
        "If someone is in immediate danger",
      ]) {
        expect(printedText).not.toContain(chrome);
      }
      expect(printedText).toContain("MARAC referral");
      expect(printedText).not.toContain(WITHHELD_ADDRESS);
      execFileSync("/usr/bin/pdftoppm", [
        "-png",
        "-f",
        "2",
        "-singlefile",
        "-r",
        "50",
        printed,
        path.join(SCREENSHOT_DIR, "referral-pack-printed-page2"),
      ]);
    } finally {
      await page.context().close();
    }
  });

  it(
    "makes the PDF offline, with its fonts, from what the service worker precached",
    { timeout: 120_000 },
    async () => {
      const exportFile = await caseExportFile();
      const page = await newPage(browser, { acceptDownloads: true });
      const context = page.context();
      try {
        await page.goto(baseUrl);
        await createProfile(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
        await page.getByRole("button", { name: "Backup and data", exact: true }).click();
        await page.getByLabel("Backup or case file").setInputFiles(exportFile);
        await page.getByLabel("The file's passphrase").fill(FILE_PASSPHRASE);
        await page.getByRole("button", { name: "Import file" }).click();
        await page.getByText(/^Imported 1 case/).waitFor({ timeout: 15_000 });
        await page.getByRole("button", { name: "Referral packs", exact: true }).click();
        await page.getByRole("button", { name: /^Prepare referral for case 1/ }).click();
        await page.getByRole("article", { name: "MARAC referral" }).waitFor();

        // No network from here: the PDF module and both font files must come from the precache.
        await context.setOffline(true);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download PDF" }).click(),
        ]);
        const pdfPath = await download.path();
        await page.getByText("PDF downloaded (copy for wider sharing).").waitFor();
        const fonts = execFileSync("/usr/bin/pdffonts", [pdfPath], { encoding: "utf8" });
        expect(fonts).toMatch(/^DejaVuSans-\d+ +CID TrueType .* yes /m);
        expect(fonts).toMatch(/^DejaVuSans-Bold-\d+ +CID TrueType .* yes /m);
        expect(fonts).not.toContain("Helvetica");
        const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).replace(
          /\s+/g,
          " ",
        );
        expect(text).toContain(XSS_NAME);
        expect(text).not.toContain("Some characters cannot be shown in this PDF");
      } finally {
        await context.setOffline(false);
        await context.close();
      }
    },
  );

  it("renders a full pack's PDF in headless Chromium in under a second (renderPackPdf, as the bench calls it)", async () => {
    // The same entry the bench can use: build the full sample pack and time renderPackPdf in the page.
    // The first run includes fetching the two font files (later PDFs reuse them).
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
    const bundled = await esbuild({
      stdin: {
        contents:
          'import { renderPackPdf } from "./src/features/referral-pack/pack-pdf";\n' +
          'import { buildSampleFullPack } from "./src/features/referral-pack/sample-full-pack";\n' +
          "window.__packPdfBench = async (runs) => { const pack = buildSampleFullPack('shareable'); const times = []; let bytes = 0;\n" +
          "  for (let i = 0; i < runs; i++) { const t = performance.now(); const pdf = await renderPackPdf(pack); times.push(performance.now() - t); bytes = pdf.length; }\n" +
          "  return { times, bytes }; };",
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      logLevel: "silent",
      plugins: [builtAssetUrls(path.join(root, "dist"))],
    });
    // The bench's bundle is injected as an inline script, which the app's CSP (rightly) forbids; only
    // this test page bypasses it. Everything the bundle fetches is still same-origin.
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await page.goto(baseUrl);
      await page.addScriptTag({ content: bundled.outputFiles[0]!.text });
      const { times, bytes } = await page.evaluate(async () => {
        const bench = (
          window as unknown as { __packPdfBench: (runs: number) => Promise<{ times: number[]; bytes: number }> }
        ).__packPdfBench;
        return bench(5);
      });
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `[referral-pack] packPdfMs (full sample pack, renderPackPdf in headless Chromium): first ${times[0]!.toFixed(0)} ms, median ${sorted[2]!.toFixed(0)} ms, max ${sorted[4]!.toFixed(0)} ms; ${bytes} bytes`,
      );
      expect(Math.max(...times)).toBeLessThan(1000);
    } finally {
      await page.context().close();
    }
  });
});
