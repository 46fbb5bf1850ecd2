// Splitting a line of the pack into runs of one script and one direction, in display order.
import { describe, expect, it } from "vitest";
import { bidiLevels, mirrorForRightToLeft, needsTextRuns, shapedScriptsIn, textRuns, type TextRun } from "../text-runs";

const run = (text: string, script: TextRun["script"], rightToLeft = false): TextRun => ({ text, script, rightToLeft });

describe("textRuns", () => {
  it("keeps a line in one alphabet as one left-to-right run in the ordinary font", () => {
    expect(textRuns("Łucja Wiśniewska, 12 Main Road")).toEqual([run("Łucja Wiśniewska, 12 Main Road", undefined)]);
    expect(textRuns("")).toEqual([]);
  });

  it("puts an Arabic name after an English label as one right-to-left run, its space inside it", () => {
    expect(textRuns("Name: فاطمة الزهراء")).toEqual([run("Name: ", undefined), run("فاطمة الزهراء", "arabic", true)]);
  });

  it("orders two Arabic names around English words right to left each, left to right between them", () => {
    expect(textRuns("فاطمة and عائشہ بی بی (sisters)")).toEqual([
      run("فاطمة", "arabic", true),
      run(" and ", undefined),
      run("عائشہ بی بی", "arabic", true),
      run(" (sisters)", undefined),
    ]);
  });

  it("shows a number inside Arabic text left to right, and to the left of the words before it", () => {
    // Typed: street name, number, district. Displayed right to left: district, number, street name.
    expect(textRuns("شارع 12 الملك")).toEqual([
      run(" الملك", "arabic", true),
      run("12", undefined),
      run("شارع ", "arabic", true),
    ]);
  });

  it("reads Arabic-Indic digits as a number running left to right", () => {
    expect(textRuns("بيت ١٢")).toEqual([run("١٢", "arabic"), run("بيت ", "arabic", true)]);
  });

  it("keeps vowel marks, joiners and the danda with the letters they belong to", () => {
    expect(textRuns("مُحَمَّد")).toEqual([run("مُحَمَّد", "arabic", true)]);
    expect(textRuns("কর্মকার দেবী।")).toEqual([run("কর্মকার দেবী।", "bengali")]);
    expect(textRuns("র‍্যাব")).toEqual([run("র‍্যাব", "bengali")]);
  });

  it("splits Bengali, Gurmukhi and Latin into runs of their own fonts, all left to right", () => {
    expect(textRuns("মিত্র and ਸਿੰਘ")).toEqual([run("মিত্র ", "bengali"), run("and ", undefined), run("ਸਿੰਘ", "gurmukhi")]);
  });

  it("draws in the ordinary font what a script's font lacks, brackets staying with the Arabic they enclose", () => {
    const naskhLacksBrackets = (_script: string, character: string) => character !== "(" && character !== ")";
    expect(textRuns("فاطمة (أم علي)", naskhLacksBrackets)).toEqual([
      run(")", undefined, true),
      run("أم علي", "arabic", true),
      run("(", undefined, true),
      run("فاطمة ", "arabic", true),
    ]);
    expect(textRuns("ਕਿਰਨ", () => false)).toEqual([run("ਕਿਰਨ", undefined)]);
  });

  it("leaves trailing spaces at the end of the line, left to right", () => {
    expect(textRuns("فاطمة  ")).toEqual([run("فاطمة", "arabic", true), run("  ", undefined)]);
  });
});

describe("bidiLevels", () => {
  it("gives letters of a left-to-right line level 0, Arabic letters 1 and numbers among them 2", () => {
    expect(bidiLevels([..."ab"])).toEqual([0, 0]);
    expect(bidiLevels([..."ب 1"])).toEqual([1, 1, 2]);
    expect(bidiLevels([..."a ب"])).toEqual([0, 0, 1]);
  });

  it("keeps a decimal number whole in Arabic text, and a percentage whole in English", () => {
    // W2, W4: after Arabic letters "1.5" is one Arabic number. W5: "10%" is one number, "%" included.
    expect(bidiLevels([..."ب 1.5"])).toEqual([1, 1, 2, 2, 2]);
    expect(bidiLevels([..."ب a 10%"])).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(bidiLevels([..."ب 10% ب"])).toEqual([1, 1, 2, 2, 1, 1, 1]);
  });

  it("honours the right-to-left mark", () => {
    expect(bidiLevels([..."a\u200f b"])).toEqual([0, 1, 0, 0]);
  });
});

describe("mirrorForRightToLeft and shapedScriptsIn", () => {
  it("turns brackets round for text displayed right to left", () => {
    expect(mirrorForRightToLeft("(أم) [x] «y»")).toBe(")أم( ]x[ »y«");
  });

  it("finds which shaping fonts a text needs, and none for text without their scripts", () => {
    expect([...shapedScriptsIn("Name: فاطمة, ਸਿੰਘ")].sort()).toEqual(["arabic", "gurmukhi"]);
    expect(shapedScriptsIn("Łucja Ελένη Олена 李伟 שרה").size).toBe(0);
    expect(needsTextRuns("Łucja Ελένη Олена 李伟")).toBe(false);
    expect(needsTextRuns("Name: ਕਿਰਨ")).toBe(true);
    expect(needsTextRuns("a\u200fb")).toBe(true);
  });
});
