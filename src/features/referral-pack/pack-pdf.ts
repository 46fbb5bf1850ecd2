// Draws a referral pack document as an A4 PDF with pdf-lib. This module is only ever loaded by a
// dynamic import (the screen's "Download PDF", the bench), so pdf-lib stays out of the initial bundle.
//
// Text is drawn in DejaVu Sans (embedded, subset to the characters used), so names in Latin, Greek,
// Cyrillic, Armenian, Georgian and other alphabets print exactly as written. Names in Arabic script
// (Arabic, Urdu, Persian...), Bengali and Gurmukhi are shaped and drawn in their own Noto fonts,
// right-to-left runs in display order (shaped-text.ts); those fonts are loaded only when the pack
// uses them. Other scripts that join letters, run right to left or reorder (Hebrew, Devanagari,
// Tamil...) and CJK have no font here: rather than print a name garbled, such characters are
// simplified or replaced by "?", and only then the first page says so: the on-screen and JSON copies
// always hold the exact text. If the font files cannot be loaded at all, the PDF falls back to the
// standard fonts (Windows-1252 only) with the same notice.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, StandardFonts, type Color, type PDFFont, type PDFPage } from "pdf-lib";
import { copyNameFor, type PackRow, type ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import { dateTimeText } from "../../domain/referral-pack/pack-text";
import { loadBundledPackFonts, loadBundledScriptFont, type PackFontLoader, type ScriptFontLoader } from "./pack-fonts";
import { embedShapingFonts, ShapedLines, shapingFontsCanShow } from "./shaped-text";
import { needsTextRuns, shapedScriptsIn, type ShapedScript } from "./text-runs";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const BODY_SIZE = 9.5;
const HEADER_SIZE = 7.5;
const LINE = 13;
const LABEL_WIDTH = 170;
const GAP = 12;
const NEVER_DISCLOSE_FLAG = "[Never disclose to the person causing harm]";

const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const SIMPLE_SUBSTITUTES: Record<string, string> = {
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ı: "i",
  ß: "ss",
  "→": "->",
  "≥": ">=",
  "≤": "<=",
  "✓": "yes",
};

/** Whether the PDF can draw one character (a single code point) as it should look. */
export type CanShowCharacter = (character: string) => boolean;

/** What the standard fonts can draw: Windows-1252. */
export function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.includes(character);
}

/**
 * Scripts whose letters change shape with their neighbours or run right to left. DejaVu Sans has
 * glyphs for some of them (Arabic, Hebrew), but drawn letter by letter they would be unjoined and in
 * reverse order: a name that looks right to nobody. Arabic script, Bengali and Gurmukhi are drawn by
 * their shaping fonts instead (shaped-text.ts); the rest are replaced. Unicode script properties, not
 * code ranges.
 */
const NEEDS_TEXT_LAYOUT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}]/u;

/** What the embedded fonts can draw: a glyph in every one of them, in a script drawn letter by letter. */
export function embeddedFontsCanShow(fonts: readonly PDFFont[]): CanShowCharacter {
  const characterSets = fonts.map((font) => new Set(font.getCharacterSet()));
  return (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code >= 0x20 && characterSets.every((set) => set.has(code)) && !NEEDS_TEXT_LAYOUT.test(character);
  };
}

/**
 * Text the PDF's fonts can draw (the standard fonts' Windows-1252 unless told otherwise); `replaced`
 * is set when anything had to be changed.
 */
export function toPrintableText(
  text: string,
  state: { replaced: boolean },
  canShow: CanShowCharacter = isWinAnsi,
): string {
  let out = "";
  for (const character of text.normalize("NFC").replace(/[\t\r\n]+/g, " ")) {
    if (canShow(character)) {
      out += character;
      continue;
    }
    state.replaced = true;
    const simple = SIMPLE_SUBSTITUTES[character] ?? character.normalize("NFKD").replace(/\p{M}/gu, "");
    out += [...simple].every(canShow) && simple !== "" ? simple : "?";
  }
  return out;
}

const characterWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The drawn width of `text`: the sum of its characters' advance widths, each measured once per font.
 * pdf-lib measures an embedded font's text by running a full text layout every time, which made
 * wrapping a long pack take seconds; drawn text is placed glyph by glyph at those same advances.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = characterWidths.get(font);
  if (widths === undefined) {
    widths = new Map();
    characterWidths.set(font, widths);
  }
  let total = 0;
  for (const character of text) {
    let width = widths.get(character);
    if (width === undefined) {
      width = font.widthOfTextAtSize(character, 1);
      widths.set(character, width);
    }
    total += width;
  }
  return total * size;
}

/** Measures the drawn width of a text at the size it will be drawn. */
export type MeasureText = (text: string) => number;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Splits text into lines no wider than `width`, breaking long words where they must be. */
export function wrapText(text: string, measure: MeasureText, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  const fits = (candidate: string) => measure(candidate) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== "") lines.push(current);
    current = word;
    while (!fits(current)) {
      // By grapheme, so a letter is never cut from its accent or vowel sign.
      const pieces = [...graphemes.segment(current)].map((piece) => piece.segment);
      let cut = Math.max(1, pieces.length - 1);
      while (cut > 1 && !fits(pieces.slice(0, cut).join(""))) cut -= 1;
      lines.push(pieces.slice(0, cut).join(""));
      current = pieces.slice(cut).join("");
    }
  }
  if (current !== "" || lines.length === 0) lines.push(current);
  return lines;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

interface TextStyle {
  bold?: boolean;
  size: number;
  colour: Color;
}

/** Measures and draws lines in the pack's fonts; what they cannot show is already replaced (`canShow`). */
interface Typesetter {
  canShow: CanShowCharacter;
  width(text: string, style: { bold?: boolean; size: number }): number;
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle): void;
}

/** Draws with pdf-lib's drawText: the standard fonts, or DejaVu when no line needs shaping. */
function plainTypesetter(fonts: Fonts, canShow: CanShowCharacter): Typesetter {
  const fontFor = (bold: boolean | undefined) => (bold ? fonts.bold : fonts.regular);
  return {
    canShow,
    width: (text, style) => textWidth(fontFor(style.bold), text, style.size),
    draw: (page, text, x, y, style) =>
      page.drawText(text, { x, y, size: style.size, font: fontFor(style.bold), color: style.colour }),
  };
}

/**
 * Adds the shaping fonts: a line holding their scripts is split into runs (shaped-text.ts), any other
 * line is drawn as before. They have a regular weight only, so bold text in these scripts (the pack's
 * own labels and headings never hold any) is drawn regular.
 */
function shapingTypesetter(
  plain: Typesetter,
  fonts: Fonts,
  shaped: ShapedLines,
  canShow: CanShowCharacter,
): Typesetter {
  const fontFor = (bold: boolean | undefined) => (bold ? fonts.bold : fonts.regular);
  return {
    canShow,
    width: (text, style) =>
      needsTextRuns(text)
        ? shaped.width(text, (run) => textWidth(fontFor(style.bold), run, 1)) * style.size
        : plain.width(text, style),
    draw: (page, text, x, y, style) => {
      if (!needsTextRuns(text)) return plain.draw(page, text, x, y, style);
      const font = fontFor(style.bold);
      shaped.draw(page, text, {
        x,
        y,
        size: style.size,
        font,
        colour: style.colour,
        widthOf: (run) => textWidth(font, run, 1),
      });
    },
  };
}

/** The fonts to draw with: DejaVu, and the shaping fonts of the scripts in `scripts`. */
async function embedFonts(
  pdf: PDFDocument,
  loadFonts: PackFontLoader,
  loadScriptFont: ScriptFontLoader,
  scripts: Set<ShapedScript>,
): Promise<{ typesetter: Typesetter; fonts: Fonts }> {
  let fonts: Fonts;
  try {
    const bytes = await loadFonts();
    pdf.registerFontkit(fontkit);
    // Subset: only the glyphs used are stored, so the PDF stays small. No ligatures, so a name
    // copied or searched in the PDF holds the letters typed ("fi", never the single glyph "ﬁ").
    const options = { subset: true, features: { liga: false } };
    fonts = {
      regular: await pdf.embedFont(bytes.regular, options),
      bold: await pdf.embedFont(bytes.bold, options),
    };
  } catch {
    // No font files (e.g. a device offline that never cached them): still make the PDF, with the
    // standard fonts; anything they cannot show is replaced and page 1 says so.
    fonts = {
      regular: await pdf.embedFont(StandardFonts.Helvetica),
      bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    };
    return { typesetter: plainTypesetter(fonts, isWinAnsi), fonts };
  }
  const dejaVuCanShow = embeddedFontsCanShow([fonts.regular, fonts.bold]);
  const plain = plainTypesetter(fonts, dejaVuCanShow);
  if (scripts.size === 0) return { typesetter: plain, fonts };
  const shapingFonts = await embedShapingFonts(pdf, scripts, loadScriptFont);
  const canShow: CanShowCharacter = (character) =>
    dejaVuCanShow(character) || shapingFontsCanShow(shapingFonts, character);
  return { typesetter: shapingTypesetter(plain, fonts, new ShapedLines(shapingFonts), canShow), fonts };
}

export interface RenderPackPdfOptions {
  /** Where the font files come from. The default fetches the bundled DejaVu Sans (browser only). */
  fonts?: PackFontLoader;
  /** Where each shaped script's font comes from; asked only for scripts the pack uses. */
  scriptFonts?: ScriptFontLoader;
}

class PageWriter {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly typesetter: Typesetter,
    private readonly header: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.pages.push(this.page);
    this.typesetter.draw(this.page, this.header, MARGIN, A4[1] - 30, {
      bold: true,
      size: HEADER_SIZE,
      colour: rgb(0.3, 0.3, 0.3),
    });
    this.y = A4[1] - MARGIN - 10;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  text(
    line: string,
    x: number,
    options: { bold?: boolean; size?: number; colour?: [number, number, number] } = {},
  ): void {
    this.typesetter.draw(this.page, line, x, this.y, {
      bold: options.bold,
      size: options.size ?? BODY_SIZE,
      colour: options.colour ? rgb(...options.colour) : rgb(0, 0, 0),
    });
  }
}

function rowValueLines(row: PackRow, copyIsReferrer: boolean): { text: string; flagged: boolean }[] {
  const flag = (withheld: boolean | undefined) => copyIsReferrer && withheld === true;
  if (row.list !== undefined) {
    return row.list.map((listItem) => ({
      text: `- ${listItem.text}${flag(listItem.withheld || row.withheld) ? ` ${NEVER_DISCLOSE_FLAG}` : ""}`,
      flagged: flag(listItem.withheld || row.withheld),
    }));
  }
  return [
    { text: `${row.value ?? ""}${flag(row.withheld) ? ` ${NEVER_DISCLOSE_FLAG}` : ""}`, flagged: flag(row.withheld) },
  ];
}

/** The pack as PDF bytes (A4, header on every page, "Page n of N" footers). */
export async function renderPackPdf(
  document: ReferralPackDocument,
  options: RenderPackPdfOptions = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(document.title);
  pdf.setSubject(document.copyLabel);
  pdf.setProducer("Safe Referral");
  pdf.setCreator("Safe Referral");
  // The shaping fonts are fetched and parsed only when the pack's text holds their scripts.
  const { typesetter, fonts } = await embedFonts(
    pdf,
    options.fonts ?? loadBundledPackFonts,
    options.scriptFonts ?? loadBundledScriptFont,
    shapedScriptsIn(JSON.stringify(document)),
  );
  const state = { replaced: false };
  const printable = (text: string) => toPrintableText(text, state, typesetter.canShow);
  const wrap = (text: string, style: { bold?: boolean; size: number }, width: number) =>
    wrapText(text, (candidate) => typesetter.width(candidate, style), width);
  const contentWidth = A4[0] - 2 * MARGIN;
  // Every page names the copy by purpose ("Full copy for the MARAC (send securely)"); when the
  // title would push it off the page, the title is left out of the header (it heads page 1).
  const copyName = copyNameFor(document.kind, document.copy);
  const fullHeader = printable(`OFFICIAL-SENSITIVE  |  ${document.title}  |  ${copyName}`);
  const header =
    typesetter.width(fullHeader, { bold: true, size: HEADER_SIZE }) <= contentWidth
      ? fullHeader
      : printable(`OFFICIAL-SENSITIVE  |  ${copyName}`);
  const writer = new PageWriter(pdf, typesetter, header);
  const valueX = MARGIN + LABEL_WIDTH + GAP;
  const valueWidth = contentWidth - LABEL_WIDTH - GAP;
  const isReferrer = document.copy === "referrer";

  writer.text(printable(document.title), MARGIN, { bold: true, size: 18 });
  writer.y -= 24;
  for (const line of wrap(printable(document.copyLabel), { bold: true, size: 10.5 }, contentWidth)) {
    writer.text(line, MARGIN, { bold: true, size: 10.5, colour: isReferrer ? [0.6, 0, 0] : [0, 0, 0] });
    writer.y -= 14;
  }
  for (const line of wrap(printable(document.protectiveMarking), { size: BODY_SIZE }, contentWidth)) {
    writer.text(line, MARGIN);
    writer.y -= LINE;
  }
  writer.text(
    printable(`Prepared ${dateTimeText(document.preparedAt)}. Assessment date ${document.assessmentDate}.`),
    MARGIN,
  );
  writer.y -= LINE;
  const noticeY = writer.y;
  const noticePage = writer.page;
  writer.y -= 2 * LINE;

  for (const section of document.sections) {
    writer.ensure(60);
    writer.y -= 8;
    writer.text(printable(section.title), MARGIN, { bold: true, size: 12.5 });
    writer.y -= 5;
    writer.page.drawLine({
      start: { x: MARGIN, y: writer.y },
      end: { x: MARGIN + contentWidth, y: writer.y },
      thickness: 0.6,
      color: rgb(0.5, 0.5, 0.5),
    });
    writer.y -= LINE;
    for (const row of section.rows) {
      const labelLines = wrap(printable(row.label), { bold: true, size: BODY_SIZE }, LABEL_WIDTH);
      const valueLines = rowValueLines(row, isReferrer).flatMap(({ text, flagged }) =>
        wrap(printable(text), { size: BODY_SIZE }, valueWidth).map((line) => ({ line, flagged })),
      );
      const height = Math.max(labelLines.length, valueLines.length) * LINE;
      // A row that fits on a page is never split; a longer one continues on the next page.
      writer.ensure(Math.min(height, A4[1] - 2 * MARGIN - 20));
      const top = writer.y;
      labelLines.forEach((line, index) => {
        writer.y = top - index * LINE;
        if (writer.y < MARGIN) return;
        writer.text(line, MARGIN, { bold: true });
      });
      let y = top;
      for (const { line, flagged } of valueLines) {
        if (y < MARGIN) {
          writer.newPage();
          y = writer.y;
        }
        writer.y = y;
        writer.text(line, valueX, flagged ? { colour: [0.6, 0, 0] } : {});
        y -= LINE;
      }
      writer.y = Math.min(y, top - labelLines.length * LINE) - 4;
    }
  }

  if (state.replaced) {
    const notice = [
      'Some characters cannot be shown in this PDF: they appear simplified or as "?".',
      "The on-screen preview and the JSON export hold the exact text.",
    ];
    notice.forEach((line, index) => {
      noticePage.drawText(line, {
        x: MARGIN,
        y: noticeY - index * 10,
        size: 8,
        font: fonts.bold,
        color: rgb(0.6, 0, 0),
      });
    });
  }
  writer.pages.forEach((page, index) => {
    page.drawText(`Page ${index + 1} of ${writer.pages.length}`, {
      x: MARGIN,
      y: 25,
      size: 8,
      font: fonts.regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
  return pdf.save();
}
