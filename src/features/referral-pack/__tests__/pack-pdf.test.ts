// @vitest-environment node
// The PDF renderer: the text read back out of the PDF (poppler's pdftotext, as a recipient's
// tools would) holds the pack, the shareable copy holds the marker and never the withheld facts,
// and names in any script never stop a PDF being made.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildMaracPack } from "../../../domain/referral-pack/build-marac-pack";
import { buildS42Pack } from "../../../domain/referral-pack/build-s42-pack";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { completeDetails, loadScenario, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import { renderPackPdf, toPrintableText } from "../pack-pdf";
import { buildSampleFullPack } from "../sample-full-pack";

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pack-pdf-"));
  const file = path.join(dir, "pack.pdf");
  writeFileSync(file, bytes);
  return execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

const flat = (text: string) => text.replace(/\s+/g, " ");

describe("renderPackPdf", () => {
  const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");

  it("the shareable copy's PDF holds the safe contact, the strangulation reason and the marker, never the withheld facts", async () => {
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const bytes = await renderPackPdf(pack);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = flat(pdfText(bytes));
    expect(text).toContain("07700 900123");
    expect(text).toContain("Weekdays 10am to 2pm");
    expect(text).toMatch(/strangl/i);
    expect(text).toContain(WITHHELD_MARKER.slice(0, 30));
    expect(text).not.toContain("12 Withheld Road");
    expect(text).not.toContain("Hidden Lane Primary");
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it("the referrer's copy keeps the withheld facts and flags them", async () => {
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    const text = flat(pdfText(await renderPackPdf(pack)));
    expect(text).toContain("12 Withheld Road");
    expect(text).toContain("Hidden Lane Primary");
    expect(text).toContain("Never disclose to the person causing harm");
  });

  it("draws names in other scripts without failing, and says some characters were simplified", async () => {
    const details = completeDetails({ victim: { ...completeDetails().victim, name: "Łucja Żółć محمد" } });
    const pack = buildS42Pack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const text = flat(pdfText(await renderPackPdf(pack)));
    expect(text).toContain("Lucja Zólc ????");
    expect(text).toContain("Some characters cannot be shown in this PDF");
  });

  it("keeps Windows-1252 text as it is and reports nothing replaced", () => {
    const state = { replaced: false };
    expect(toPrintableText("Zoë O’Brien – café €5", state)).toBe("Zoë O’Brien – café €5");
    expect(state.replaced).toBe(false);
  });

  it("renders a full pack (every question answered with detail) in under a second", async () => {
    const pack = buildSampleFullPack("referrer");
    expect(pack.withheldCount).toBeGreaterThan(3);
    await renderPackPdf(pack);
    const started = performance.now();
    await renderPackPdf(pack);
    const elapsed = performance.now() - started;
    console.log(`[pack-pdf] full pack PDF in Node: ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
  });

  it("the full sample's shareable PDF withholds its withheld facts", async () => {
    const text = flat(pdfText(await renderPackPdf(buildSampleFullPack("shareable"))));
    expect(text).not.toContain("12 Example Road");
    expect(text).not.toContain("Hill Primary");
    expect(text).toContain("Little Acorns Nursery");
  });
});
