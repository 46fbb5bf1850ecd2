// Draws a referral pack document as an A4 PDF with pdf-lib. This module is only ever loaded by a
// dynamic import (the screen's "Download PDF", the bench), so pdf-lib stays out of the initial bundle.
//
// The standard PDF fonts only cover the Windows-1252 character set. Rather than fail on a name in
// another script, characters they cannot show are simplified (accents dropped) or replaced by "?",
// and the first page then says so: the on-screen and JSON copies always hold the exact text.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import type { PackRow, ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import { dateTimeText } from "../../domain/referral-pack/pack-sections";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const BODY_SIZE = 9.5;
const LINE = 13;
const LABEL_WIDTH = 170;
const GAP = 12;
const NEVER_DISCLOSE_FLAG = "[Never disclose to the person causing harm]";

const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const SIMPLE_SUBSTITUTES: Record<string, string> = { ł: "l", Ł: "L", đ: "d", Đ: "D", ı: "i", ß: "ss", "→": "->", "≥": ">=", "≤": "<=", "✓": "yes" };

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.includes(character);
}

/** Text the standard fonts can draw; `replaced` is set when anything had to be changed. */
export function toPrintableText(text: string, state: { replaced: boolean }): string {
  let out = "";
  for (const character of text.normalize("NFC").replace(/[\t\r\n]+/g, " ")) {
    if (isWinAnsi(character)) {
      out += character;
      continue;
    }
    state.replaced = true;
    const simple = SIMPLE_SUBSTITUTES[character] ?? character.normalize("NFKD").replace(/\p{M}/gu, "");
    out += [...simple].every(isWinAnsi) && simple !== "" ? simple : "?";
  }
  return out;
}

/** Splits text into lines no wider than `width`, breaking long words where they must be. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== "") lines.push(current);
    current = word;
    while (!fits(current)) {
      let cut = current.length - 1;
      while (cut > 1 && !fits(current.slice(0, cut))) cut -= 1;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current !== "" || lines.length === 0) lines.push(current);
  return lines;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

class PageWriter {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly header: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.pages.push(this.page);
    this.page.drawText(this.header, { x: MARGIN, y: A4[1] - 30, size: 7.5, font: this.fonts.bold, color: rgb(0.3, 0.3, 0.3) });
    this.y = A4[1] - MARGIN - 10;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  text(line: string, x: number, options: { bold?: boolean; size?: number; colour?: [number, number, number] } = {}): void {
    this.page.drawText(line, {
      x,
      y: this.y,
      size: options.size ?? BODY_SIZE,
      font: options.bold ? this.fonts.bold : this.fonts.regular,
      color: options.colour ? rgb(...options.colour) : rgb(0, 0, 0),
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
  return [{ text: `${row.value ?? ""}${flag(row.withheld) ? ` ${NEVER_DISCLOSE_FLAG}` : ""}`, flagged: flag(row.withheld) }];
}

/** The pack as PDF bytes (A4, header on every page, "Page n of N" footers). */
export async function renderPackPdf(document: ReferralPackDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(document.title);
  pdf.setSubject(document.copyLabel);
  pdf.setProducer("Safe Referral");
  pdf.setCreator("Safe Referral");
  const fonts: Fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const state = { replaced: false };
  const printable = (text: string) => toPrintableText(text, state);
  const writer = new PageWriter(pdf, fonts, printable(`OFFICIAL-SENSITIVE  |  ${document.title}  |  ${document.copy === "referrer" ? "Referrer's copy: do not forward" : "Copy for wider sharing"}`));
  const contentWidth = A4[0] - 2 * MARGIN;
  const valueX = MARGIN + LABEL_WIDTH + GAP;
  const valueWidth = contentWidth - LABEL_WIDTH - GAP;
  const isReferrer = document.copy === "referrer";

  writer.text(printable(document.title), MARGIN, { bold: true, size: 18 });
  writer.y -= 24;
  for (const line of wrapText(printable(document.copyLabel), fonts.bold, 10.5, contentWidth)) {
    writer.text(line, MARGIN, { bold: true, size: 10.5, colour: isReferrer ? [0.6, 0, 0] : [0, 0, 0] });
    writer.y -= 14;
  }
  for (const line of wrapText(printable(document.protectiveMarking), fonts.regular, BODY_SIZE, contentWidth)) {
    writer.text(line, MARGIN);
    writer.y -= LINE;
  }
  writer.text(printable(`Prepared ${dateTimeText(document.preparedAt)}. Assessment date ${document.assessmentDate}.`), MARGIN);
  writer.y -= LINE;
  const noticeY = writer.y;
  const noticePage = writer.page;
  writer.y -= 2 * LINE;

  for (const section of document.sections) {
    writer.ensure(60);
    writer.y -= 8;
    writer.text(printable(section.title), MARGIN, { bold: true, size: 12.5 });
    writer.y -= 5;
    writer.page.drawLine({ start: { x: MARGIN, y: writer.y }, end: { x: MARGIN + contentWidth, y: writer.y }, thickness: 0.6, color: rgb(0.5, 0.5, 0.5) });
    writer.y -= LINE;
    for (const row of section.rows) {
      const labelLines = wrapText(printable(row.label), fonts.bold, BODY_SIZE, LABEL_WIDTH);
      const valueLines = rowValueLines(row, isReferrer).flatMap(({ text, flagged }) =>
        wrapText(printable(text), fonts.regular, BODY_SIZE, valueWidth).map((line) => ({ line, flagged })),
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
      "Some characters cannot be shown in this PDF: they appear simplified or as \"?\".",
      "The on-screen preview and the JSON export hold the exact text.",
    ];
    notice.forEach((line, index) => {
      noticePage.drawText(line, { x: MARGIN, y: noticeY - index * 10, size: 8, font: fonts.bold, color: rgb(0.6, 0, 0) });
    });
  }
  writer.pages.forEach((page, index) => {
    page.drawText(`Page ${index + 1} of ${writer.pages.length}`, { x: MARGIN, y: 25, size: 8, font: fonts.regular, color: rgb(0.3, 0.3, 0.3) });
  });
  return pdf.save();
}
