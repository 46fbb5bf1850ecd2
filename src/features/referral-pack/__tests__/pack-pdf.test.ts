// @vitest-environment node
// The PDF renderer: the text read back out of the PDF (poppler's pdftotext, as a recipient's
// tools would) holds the pack, the shareable copy holds the marker and never the withheld facts,
// names in other alphabets print exactly as typed, and names in any script never stop a PDF being made.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildMaracPack } from "../../../domain/referral-pack/build-marac-pack";
import { buildS42Pack } from "../../../domain/referral-pack/build-s42-pack";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { completeDetails, loadScenario, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import { packFileName } from "../pack-download";
import type { PackFontLoader } from "../pack-fonts";
import { renderPackPdf, toPrintableText } from "../pack-pdf";
import { buildSampleFullPack } from "../sample-full-pack";
import { dejaVu, flat, pdfText, scriptFontsFromDisk } from "./pack-pdf-fixtures";

// In the browser the PDF module fetches the bundled font files; here they are read from disk.
const render = (pack: Parameters<typeof renderPackPdf>[0]) =>
  renderPackPdf(pack, { fonts: dejaVu, scriptFonts: scriptFontsFromDisk() });
const NOTICE = "Some characters cannot be shown in this PDF";

describe("renderPackPdf", () => {
  const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");

  it("the shareable copy's PDF holds the safe contact, the strangulation reason and the marker, never the withheld facts", async () => {
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const bytes = await render(pack);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = flat(pdfText(bytes));
    expect(text).toContain("07700 900123");
    expect(text).toContain("Weekdays 10am to 2pm");
    expect(text).toMatch(/strangl/i);
    expect(text).toContain(WITHHELD_MARKER.slice(0, 30));
    expect(text).not.toContain("12 Withheld Road");
    expect(text).not.toContain("Hidden Lane Primary");
    expect(text).toMatch(/Page 1 of \d+/);
    // Every page's header names the copy by purpose.
    const pages = pdfText(bytes)
      .split("\f")
      .filter((page) => page.trim() !== "");
    for (const page of pages) expect(flat(page)).toContain("OFFICIAL-SENSITIVE | ");
    for (const page of pages) expect(flat(page)).toContain("Copy for wider sharing (redacted)");
  });

  it("names each copy's file by purpose, never by the person", () => {
    const full = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    const shared = buildS42Pack(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const s42Full = buildS42Pack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    const date = PREPARED_AT.slice(0, 10);
    expect(packFileName(full, "pdf")).toBe(`marac-referral-full-copy-for-the-marac-send-securely-${date}.pdf`);
    expect(packFileName(shared, "json")).toBe(`s42-referral-copy-for-wider-sharing-redacted-${date}.json`);
    expect(packFileName(s42Full, "pdf")).toBe(
      `s42-referral-full-copy-for-the-safeguarding-adults-team-send-securely-${date}.pdf`,
    );
  });

  it("the full copy keeps the withheld facts and flags them", async () => {
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    const text = flat(pdfText(await render(pack)));
    expect(text).toContain("Full copy for the MARAC (send securely)");
    expect(text).toContain("12 Withheld Road");
    expect(text).toContain("Hidden Lane Primary");
    expect(text).toContain("Never disclose to the person causing harm");
  });

  it("prints the victim's, the perpetrator's and the children's names in Polish, Romanian, Greek and Cyrillic exactly, with no notice", async () => {
    const base = completeDetails();
    const details = completeDetails({
      victim: { ...base.victim, name: "Łucja Wiśniewska" },
      perpetrator: { ...base.perpetrator, name: "Ștefan Țurcanu" },
      children: [
        { ...base.children![0]!, name: "Ελένη" },
        { name: "Олена Шевченко", age: 4, relationshipToPerpetrator: "step-child", livesWithVictim: "yes" },
      ],
    });
    for (const pack of [
      buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT }),
      buildS42Pack(details, caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT }),
    ]) {
      const text = pdfText(await render(pack));
      for (const name of ["Łucja Wiśniewska", "Ștefan Țurcanu", "Ελένη", "Олена Шевченко"])
        expect(text).toContain(name);
      expect(flat(text)).not.toContain(NOTICE);
    }
  });

  it("replaces a name in a script it has no font to lay out (Hebrew) and says so on page 1, keeping the rest exact", async () => {
    const details = completeDetails({ victim: { ...completeDetails().victim, name: "Łucja שרה" } });
    const pack = buildS42Pack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const bytes = await render(pack);
    const text = flat(pdfText(bytes));
    expect(text).toContain("Łucja ???");
    expect(text).not.toMatch(/\p{Script=Hebrew}/u);
    expect(text).toContain(NOTICE);
    expect(text).toContain("The on-screen preview and the JSON export hold the exact text.");
    const firstPage = flat(
      execFileSync("/usr/bin/pdftotext", ["-l", "1", "-", "-"], { input: bytes, encoding: "utf8" }),
    );
    expect(firstPage).toContain(NOTICE);
  });

  it("replaces CJK characters, which the embedded fonts lack, with the notice", async () => {
    const details = completeDetails({ perpetrator: { ...completeDetails().perpetrator, name: "李伟 Li" } });
    const text = flat(
      pdfText(await render(buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT }))),
    );
    expect(text).toContain("?? Li");
    expect(text).toContain(NOTICE);
  });

  it("prints a hostile name as the literal text typed", async () => {
    const xss = "<img src=x onerror=alert(1)>";
    const details = completeDetails({ victim: { ...completeDetails().victim, name: xss } });
    const text = flat(
      pdfText(await render(buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT }))),
    );
    expect(text).toContain(xss);
    expect(text).not.toContain(NOTICE);
  });

  it("without the font files still makes the PDF in the standard fonts, simplifying what they cannot show and saying so", async () => {
    const details = completeDetails({ victim: { ...completeDetails().victim, name: "Łucja Żółć محمد" } });
    const pack = buildS42Pack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const unavailable: PackFontLoader = () => Promise.reject(new Error("offline"));
    const text = flat(pdfText(await renderPackPdf(pack, { fonts: unavailable })));
    expect(text).toContain("Lucja Zólc ????");
    expect(text).toContain(NOTICE);
  });

  it("keeps Windows-1252 text as it is and reports nothing replaced", () => {
    const state = { replaced: false };
    expect(toPrintableText("Zoë O’Brien – café €5", state)).toBe("Zoë O’Brien – café €5");
    expect(state.replaced).toBe(false);
  });

  // Its speed is a budget proved by `npm run bench` (packPdfMs), never by a timed test.
  it("renders a full pack (every question answered with detail)", async () => {
    const pack = buildSampleFullPack("referrer");
    expect(pack.withheldCount).toBeGreaterThan(3);
    const text = flat(pdfText(await render(pack)));
    expect(text).toContain("12 Example Road");
    expect(text).toContain("Hill Primary");
  });

  it("the full sample's shareable PDF withholds its withheld facts", async () => {
    const text = flat(pdfText(await render(buildSampleFullPack("shareable"))));
    expect(text).not.toContain("12 Example Road");
    expect(text).not.toContain("Hill Primary");
    expect(text).toContain("Little Acorns Nursery");
  });
});
