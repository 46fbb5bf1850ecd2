// @vitest-environment node
// Names in Arabic script (Arabic, Urdu), Bengali and Gurmukhi in the pack PDF: shaped (letters joined,
// vowel signs and reph where they belong), and read back by pdftotext exactly as typed. The shaping
// fonts are loaded only for a pack that uses their scripts.
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { buildMaracPack } from "../../../domain/referral-pack/build-marac-pack";
import { buildS42Pack } from "../../../domain/referral-pack/build-s42-pack";
import { completeDetails, loadScenario, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import type { ScriptFontLoader } from "../pack-fonts";
import { renderPackPdf } from "../pack-pdf";
import { embedShapingFonts, shapeRun, type ShapingFont } from "../shaped-text";
import { textRuns, type ShapedScript } from "../text-runs";
import { dejaVu, flat, pdfFonts, pdfText, scriptFontsFromDisk } from "./pack-pdf-fixtures";

const NOTICE = "Some characters cannot be shown in this PDF";
const REPLACED =
  /\?\?|\?[\p{Script=Arabic}\p{Script=Bengali}\p{Script=Gurmukhi}]|[\p{Script=Arabic}\p{Script=Bengali}\p{Script=Gurmukhi}] ?\?/u;

// Each chosen for what it exercises: Arabic joining and the lam-lam-heh ligature of "الله"; Urdu's
// own letters (heh goal ہ, Farsi yeh ی); Bengali's pre-base vowel signs (ে in দেবী, ি in মিত্র) and
// reph (র্ in কর্মকার); Gurmukhi's pre-base vowel sign ਿ (ਕਿਰਨ, ਸਿੰਘ) and subjoined ra (ਪ੍ਰ in ਹਰਪ੍ਰੀਤ).
const NAMES = {
  victim: "فاطمة الزهراء",
  perpetrator: "محمد عبد الله",
  urduChild: "عائشہ بی بی",
  bengaliChild: "দেবী মিত্র কর্মকার",
  gurmukhiChild: "ਕਿਰਨ ਸਿੰਘ",
  gurmukhiChild2: "ਹਰਪ੍ਰੀਤ ਕੌਰ",
};

function detailsWithNames() {
  const base = completeDetails();
  return completeDetails({
    victim: { ...base.victim, name: NAMES.victim },
    perpetrator: { ...base.perpetrator, name: NAMES.perpetrator },
    children: [
      { ...base.children![0]!, name: NAMES.urduChild },
      { name: NAMES.bengaliChild, age: 4, relationshipToPerpetrator: "step-child", livesWithVictim: "yes" },
      { name: NAMES.gurmukhiChild, age: 6, relationshipToPerpetrator: "child", livesWithVictim: "yes" },
      { name: NAMES.gurmukhiChild2, age: 9, relationshipToPerpetrator: "child", livesWithVictim: "no" },
    ],
  });
}

/**
 * pdftotext's text with whitespace collapsed and the embedding marks it puts round right-to-left text
 * (U+202A–U+202E) left out: they are its output format, not text in the PDF.
 */
const extracted = (text: string) => flat(text).replace(/[\u202a-\u202e]/gu, "");

describe("names in Arabic script, Bengali and Gurmukhi in the pack PDF", () => {
  const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");

  it("read back by pdftotext exactly as typed, in both copies and both pdftotext modes, with no notice and no '?'", async () => {
    const requested: ShapedScript[] = [];
    for (const pack of [
      buildMaracPack(detailsWithNames(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT }),
      buildS42Pack(detailsWithNames(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT }),
    ]) {
      const bytes = await renderPackPdf(pack, { fonts: dejaVu, scriptFonts: scriptFontsFromDisk(requested) });
      for (const mode of [["-layout"], []]) {
        const text = extracted(pdfText(bytes, mode));
        for (const name of Object.values(NAMES)) expect(text, `${name} (pdftotext ${mode.join(" ")})`).toContain(name);
        // Nothing replaced: no notice, and no "?" in or next to these scripts (the questions' own "?" stay).
        expect(text).not.toContain(NOTICE);
        expect(text).not.toMatch(REPLACED);
      }
      const fonts = pdfFonts(bytes);
      for (const font of ["NotoNaskhArabic-Regular", "NotoSansBengali-Regular", "NotoSansGurmukhi-Regular"]) {
        expect(fonts).toMatch(new RegExp(`^[A-Z]{6}\\+${font}|^${font}`, "m"));
      }
    }
    expect([...new Set(requested)].sort()).toEqual(["arabic", "bengali", "gurmukhi"]);
  });

  it("keeps the English label and the Arabic name on one line, each in its own order", async () => {
    const details = completeDetails({ victim: { ...completeDetails().victim, name: NAMES.victim } });
    const pack = buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const lines = pdfText(await renderPackPdf(pack, { fonts: dejaVu, scriptFonts: scriptFontsFromDisk() }))
      .split("\n")
      .map(extracted);
    const line = lines.find((candidate) => candidate.includes(NAMES.victim));
    expect(line).toMatch(new RegExp(`^ ?Name ${NAMES.victim} ?$`));
  });

  it("fetches no shaping font for a pack without those scripts, and only the one a pack uses", async () => {
    const latin: ShapedScript[] = [];
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const bytes = await renderPackPdf(pack, { fonts: dejaVu, scriptFonts: scriptFontsFromDisk(latin) });
    expect(latin).toEqual([]);
    expect(pdfFonts(bytes)).not.toContain("Noto");

    const gurmukhiOnly: ShapedScript[] = [];
    const details = completeDetails({ victim: { ...completeDetails().victim, name: NAMES.gurmukhiChild } });
    const withGurmukhi = buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    await renderPackPdf(withGurmukhi, { fonts: dejaVu, scriptFonts: scriptFontsFromDisk(gurmukhiOnly) });
    expect(gurmukhiOnly).toEqual(["gurmukhi"]);
  });

  it("replaces a script whose font cannot be loaded, and says so on page 1", async () => {
    const arabicUnavailable: ScriptFontLoader = (script) =>
      script === "arabic" ? Promise.reject(new Error("offline")) : scriptFontsFromDisk()(script);
    const details = completeDetails({
      victim: { ...completeDetails().victim, name: `Łucja ${NAMES.victim}` },
      perpetrator: { ...completeDetails().perpetrator, name: NAMES.bengaliChild },
    });
    const pack = buildMaracPack(details, caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
    const text = extracted(pdfText(await renderPackPdf(pack, { fonts: dejaVu, scriptFonts: arabicUnavailable })));
    expect(text).toContain("Łucja ????? ???????");
    expect(text).toContain(NAMES.bengaliChild);
    expect(text).toContain(NOTICE);
  });
});

describe("shapeRun", () => {
  async function shapingFont(script: ShapedScript): Promise<ShapingFont> {
    const fonts = await embedShapingFonts(await PDFDocument.create(), [script], scriptFontsFromDisk());
    return fonts[script]!;
  }
  const xOf = (glyphs: { characters: string; x: number }[], characters: string) => {
    const glyph = glyphs.find((candidate) => candidate.characters === characters);
    expect(glyph, `a glyph for ${characters}`).toBeDefined();
    return glyph!.x;
  };

  it("draws Bengali's pre-base vowel signs before their consonant and the reph after the consonant it sits on", async () => {
    const font = await shapingFont("bengali");
    const [debi] = textRuns("দেবী");
    const { glyphs } = shapeRun(font, debi!);
    expect(xOf(glyphs, "ে")).toBeLessThan(xOf(glyphs, "দ"));
    const [karmakar] = textRuns("কর্মকার");
    const shaped = shapeRun(font, karmakar!).glyphs;
    // One reph glyph for র + virama, drawn over ম (after it in the glyph stream), not a separate র.
    expect(shaped.map((glyph) => glyph.characters)).toContain("র্");
    expect(xOf(shaped, "র্")).toBeGreaterThanOrEqual(xOf(shaped, "ম"));
    expect(shaped.map((glyph) => glyph.characters).join("")).not.toContain("কর্ম");
  });

  it("draws Gurmukhi's pre-base vowel sign ਿ before its consonant", async () => {
    const font = await shapingFont("gurmukhi");
    const { glyphs } = shapeRun(font, textRuns("ਕਿਰਨ")[0]!);
    expect(xOf(glyphs, "ਿ")).toBeLessThan(xOf(glyphs, "ਕ"));
  });

  it("draws Arabic right to left in joined forms: the first letter rightmost, and not in its isolated form", async () => {
    const font = await shapingFont("arabic");
    const run = textRuns("فاطمة")[0]!;
    expect(run.rightToLeft).toBe(true);
    const { glyphs, width } = shapeRun(font, run);
    expect(glyphs.map((glyph) => glyph.characters).join("")).toBe("ةمطاف");
    // Placed one after another across the run's width, not on top of each other.
    expect(glyphs[0]!.x).toBe(0);
    expect(glyphs.at(-1)!.x).toBeGreaterThan(width / 2);
    const isolatedFeh = shapeRun(font, textRuns("ف")[0]!).glyphs[0]!.code;
    expect(glyphs.at(-1)!.code).not.toBe(isolatedFeh);
    // Two words: the second typed is displayed first (leftmost), each joined within itself.
    const twoWords = shapeRun(font, textRuns(NAMES.victim)[0]!);
    expect(twoWords.glyphs.map((glyph) => glyph.characters).join("")).toBe([...NAMES.victim].reverse().join(""));
    expect(twoWords.width).toBeCloseTo(
      width + shapeRun(font, textRuns("الزهراء")[0]!).width + shapeRun(font, textRuns(" ")[0]!).width,
    );
  });
});
