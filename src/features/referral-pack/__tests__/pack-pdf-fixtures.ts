// What the PDF tests share: the bundled font files read from disk (the browser fetches them), and the
// PDF's text read back with poppler's pdftotext, as a recipient's tools would.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PackFontLoader, ScriptFontLoader } from "../pack-fonts";
import type { ShapedScript } from "../text-runs";

const fontFile = (folder: string, name: string) => readFileSync(path.join(process.cwd(), folder, name));

export const dejaVu: PackFontLoader = async () => ({
  regular: fontFile("node_modules/dejavu-fonts-ttf/ttf", "DejaVuSans.ttf"),
  bold: fontFile("node_modules/dejavu-fonts-ttf/ttf", "DejaVuSans-Bold.ttf"),
});

export const SCRIPT_FONT_FILES: Record<ShapedScript, string> = {
  arabic: "NotoNaskhArabic-Regular.ttf",
  bengali: "NotoSansBengali-Regular.ttf",
  gurmukhi: "NotoSansGurmukhi-Regular.ttf",
};

/** The shaping fonts from the repository, recording which scripts were asked for. */
export function scriptFontsFromDisk(requested: ShapedScript[] = []): ScriptFontLoader {
  return async (script) => {
    requested.push(script);
    return fontFile("src/features/referral-pack/fonts", SCRIPT_FONT_FILES[script]);
  };
}

/** The PDF's text as pdftotext gives it (`-layout` keeps each line of the page on one line). */
export function pdfText(bytes: Uint8Array, options: string[] = ["-layout"]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pack-pdf-"));
  const file = path.join(dir, "pack.pdf");
  writeFileSync(file, bytes);
  return execFileSync("/usr/bin/pdftotext", [...options, file, "-"], { encoding: "utf8" });
}

/** The fonts embedded in the PDF, as pdffonts lists them. */
export function pdfFonts(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pack-pdf-"));
  const file = path.join(dir, "pack.pdf");
  writeFileSync(file, bytes);
  return execFileSync("/usr/bin/pdffonts", [file], { encoding: "utf8" });
}

export const flat = (text: string) => text.replace(/\s+/g, " ");
