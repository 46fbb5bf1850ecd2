// Draws lines holding Arabic-script, Bengali or Gurmukhi text in the pack PDF. pdf-lib's own drawText
// places a font's glyphs one after another at their plain advance widths, which is right for the
// alphabets DejaVu Sans covers but not for scripts whose letters join, reorder or stack. Here each
// line is split into runs (text-runs.ts), each shaped run is laid out by fontkit (OpenType joining
// forms, Indic reordering, reph and vowel-sign placement, mark positioning) and its glyphs placed one
// by one where the layout puts them.
//
// Each shaped run is wrapped in a marked-content span whose /ActualText holds the run's characters,
// so copying or extracting the text gives the letters typed, not the glyphs (a reordered vowel sign,
// a conjunct). For a right-to-left run the characters are given in display order: poppler's pdftotext
// (and, by its source, PDFium) reads the characters of a span as laid out left to right and applies
// the bidirectional algorithm itself, which turns them back into the order typed; typed-order text
// there came out reversed.
import "regenerator-runtime/runtime";
import fontkit, { type Font as LayoutFont } from "@pdf-lib/fontkit";
import {
  beginText,
  endText,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import type { ScriptFontLoader } from "./pack-fonts";
import { mirrorForRightToLeft, shapedScriptOf, textRuns, type ShapedScript, type TextRun } from "./text-runs";

export interface ShapingFont {
  /** The embedded (subset) font the glyphs are drawn with. */
  embedded: PDFFont;
  /** The same font file, parsed for layout. */
  layout: LayoutFont;
  /** Words already shaped, by direction and text. */
  shapedWords: Map<string, ShapedText>;
}

export type ShapingFonts = Partial<Record<ShapedScript, ShapingFont>>;

/**
 * Each font's size beside DejaVu Sans at the same point size: Noto Naskh Arabic's letters are small
 * for their em (DejaVu's are large), so Arabic-script names are drawn 15% larger to read as the same
 * size as the English around them; the Bengali and Gurmukhi fonts already match.
 */
const RELATIVE_SIZE: Record<ShapedScript, number> = { arabic: 1.15, bengali: 1, gurmukhi: 1 };

/**
 * Fetches, parses and embeds the font of each script the pack's text uses, and no other: a pack with
 * none of these scripts never loads them. A font that cannot be loaded is left out, so its characters
 * are replaced and page 1 says so, as for any script the PDF cannot show.
 */
export async function embedShapingFonts(
  pdf: PDFDocument,
  scripts: Iterable<ShapedScript>,
  load: ScriptFontLoader,
): Promise<ShapingFonts> {
  const fonts: ShapingFonts = {};
  pdf.registerFontkit(fontkit);
  for (const script of scripts) {
    try {
      const bytes = new Uint8Array(await load(script));
      fonts[script] = {
        embedded: await pdf.embedFont(bytes, { subset: true }),
        layout: fontkit.create(bytes),
        shapedWords: new Map(),
      };
    } catch {
      // Left out: its characters print as "?" with the notice on page 1.
    }
  }
  return fonts;
}

/**
 * Whether a loaded shaping font draws this character: a letter of its script by that script's font; a
 * mark, joiner or sign of no one script (a vowel mark, ZWJ, the danda) by any of them.
 */
export function shapingFontsCanShow(fonts: ShapingFonts, character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  const own = shapedScriptOf(character);
  if (own !== undefined) return fonts[own]?.layout.hasGlyphForCodePoint(code) ?? false;
  return Object.values(fonts).some((font) => font.layout.hasGlyphForCodePoint(code));
}

function coversFor(fonts: ShapingFonts) {
  return (script: ShapedScript, character: string) =>
    fonts[script]?.layout.hasGlyphForCodePoint(character.codePointAt(0) ?? 0) ?? false;
}

export interface PlacedGlyph {
  /** The glyph's code in the embedded subset font (4 hex digits). */
  code: string;
  /** The characters the glyph stands for, as fontkit reports them. */
  characters: string;
  /** Where it goes, at size 1, from the start of the text. */
  x: number;
  y: number;
}

/** Text laid out: glyphs left to right as displayed, and the width they take, at size 1. */
export interface ShapedText {
  glyphs: PlacedGlyph[];
  width: number;
}

/** One word (or a space) laid out, once per font and direction. */
function shapeWord(font: ShapingFont, shown: string, rightToLeft: boolean): ShapedText {
  const key = `${rightToLeft ? "r" : "l"}${shown}`;
  const cached = font.shapedWords.get(key);
  if (cached !== undefined) return cached;
  // encodeText lays the text out the same way (same font file, same default features) and adds the
  // glyphs to the subset; the layout here gives their positions.
  const hex = font.embedded.encodeText(shown).asString();
  const layout = font.layout.layout(shown);
  const laidOut = layout.glyphs.map((glyph, index) => ({
    code: hex.slice(index * 4, index * 4 + 4),
    characters: String.fromCodePoint(...glyph.codePoints),
    position: layout.positions[index]!,
  }));
  // fontkit lays out Arabic-script text right to left, anything else left to right.
  if ((layout.direction === "rtl") !== rightToLeft) laidOut.reverse();
  const scale = 1 / font.layout.unitsPerEm;
  let pen = 0;
  const glyphs = laidOut.map(({ code, characters, position }) => {
    const placed = { code, characters, x: pen + position.xOffset * scale, y: position.yOffset * scale };
    pen += position.xAdvance * scale;
    return placed;
  });
  const shaped = { glyphs, width: pen };
  font.shapedWords.set(key, shaped);
  return shaped;
}

/**
 * The run laid out, glyphs left to right as displayed. Letters never join or reorder across a space,
 * so each word is shaped on its own and once: wrapping a long note, which measures every growing
 * line, then lays out each word once rather than every line again and again. Right to left, the
 * words are placed last first.
 */
export function shapeRun(font: ShapingFont, run: TextRun): ShapedText {
  const shown = run.rightToLeft ? mirrorForRightToLeft(run.text) : run.text;
  const words = shown.split(/( )/).filter((word) => word !== "");
  if (run.rightToLeft) words.reverse();
  const glyphs: PlacedGlyph[] = [];
  let width = 0;
  for (const word of words) {
    const shaped = shapeWord(font, word, run.rightToLeft);
    for (const glyph of shaped.glyphs) glyphs.push({ ...glyph, x: width + glyph.x });
    width += shaped.width;
  }
  return { glyphs, width };
}

/** Text a run of the ordinary font shows: reversed (and mirrored) when displayed right to left. */
function ordinaryShown(run: TextRun): string {
  return run.rightToLeft ? [...mirrorForRightToLeft(run.text)].reverse().join("") : run.text;
}

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/** The page's resource name for a font, added once per page. */
function fontKey(page: PDFPage, font: PDFFont): PDFName {
  let keys = fontKeys.get(page);
  if (keys === undefined) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(font);
  if (key === undefined) {
    key = page.node.newFontDictionary(font.name, font.ref);
    keys.set(font, key);
  }
  return key;
}

/** Characters in display order for a right-to-left run, else as typed (see the module comment). */
export function actualTextFor(run: TextRun): string {
  return run.rightToLeft ? [...run.text].reverse().join("") : run.text;
}

export interface DrawLineOptions {
  x: number;
  y: number;
  size: number;
  /** The ordinary font (DejaVu Sans, regular or bold) for everything not in a shaping font. */
  font: PDFFont;
  colour: Color;
  /** The ordinary font's width of a text at size 1 (pack-pdf's cached measure). */
  widthOf: (text: string) => number;
}

export class ShapedLines {
  private readonly covers: (script: ShapedScript, character: string) => boolean;

  constructor(private readonly fonts: ShapingFonts) {
    this.covers = coversFor(fonts);
  }

  runs(line: string): TextRun[] {
    return textRuns(line, this.covers);
  }

  /** The shaping font a run is drawn with and its size beside the ordinary font's, if it has one. */
  private shapingFontOf(run: TextRun): { font: ShapingFont; relativeSize: number } | undefined {
    if (run.script === undefined) return undefined;
    const font = this.fonts[run.script];
    return font === undefined ? undefined : { font, relativeSize: RELATIVE_SIZE[run.script] };
  }

  /** The drawn width of a line at size 1. */
  width(line: string, widthOf: (text: string) => number): number {
    let total = 0;
    for (const run of this.runs(line)) {
      const shaping = this.shapingFontOf(run);
      total += shaping === undefined ? widthOf(run.text) : shapeRun(shaping.font, run).width * shaping.relativeSize;
    }
    return total;
  }

  /** Draws the line's runs left to right from x. */
  draw(page: PDFPage, line: string, options: DrawLineOptions): void {
    const { size, colour } = options;
    let pen = options.x;
    for (const run of this.runs(line)) {
      const shaping = this.shapingFontOf(run);
      if (shaping === undefined) {
        const shown = ordinaryShown(run);
        page.drawText(shown, {
          x: pen,
          y: options.y,
          size,
          font: options.font,
          color: colour,
        });
        pen += options.widthOf(shown) * size;
        continue;
      }
      const { glyphs, width } = shapeRun(shaping.font, run);
      const runSize = size * shaping.relativeSize;
      const key = fontKey(page, shaping.font.embedded);
      // The property list inline (pdf-lib's operator arguments take no dictionary; a string is written as is).
      const properties = `<< /ActualText ${PDFHexString.fromText(actualTextFor(run)).toString()} >>`;
      page.pushOperators(
        PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of("Span"), properties]),
        beginText(),
        setFillingColor(colour),
        setFontAndSize(key, runSize),
        ...glyphs.flatMap((glyph) => [
          setTextMatrix(1, 0, 0, 1, pen + glyph.x * runSize, options.y + glyph.y * runSize),
          showText(PDFHexString.of(glyph.code)),
        ]),
        endText(),
        PDFOperator.of(PDFOperatorNames.EndMarkedContent),
      );
      pen += width * runSize;
    }
  }
}
