// The font files the pack PDF embeds (DejaVu Sans, regular and bold), so names in Polish, Romanian,
// Greek, Cyrillic and most other alphabets print as written. Only the PDF module imports this, and
// that module is itself loaded lazily, so neither the fonts nor their URLs weigh on the first load.
// The `?url` imports make Vite emit each file as a hashed asset, which the service worker precaches,
// so PDFs can still be made offline.
//
// The scripts that need shaping have their own fonts (Noto, SIL Open Font License, in ./fonts), also
// precached, but fetched and parsed only for a pack whose text uses that script.
import dejaVuSansBoldUrl from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url";
import dejaVuSansUrl from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url";
import notoNaskhArabicUrl from "./fonts/NotoNaskhArabic-Regular.ttf?url";
import notoSansBengaliUrl from "./fonts/NotoSansBengali-Regular.ttf?url";
import notoSansGurmukhiUrl from "./fonts/NotoSansGurmukhi-Regular.ttf?url";
import type { ShapedScript } from "./text-runs";

export interface PackFontBytes {
  regular: Uint8Array | ArrayBuffer;
  bold: Uint8Array | ArrayBuffer;
}

export type PackFontLoader = () => Promise<PackFontBytes>;

async function fetchFont(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font ${url} could not be loaded (HTTP ${response.status})`);
  return response.arrayBuffer();
}

let loaded: Promise<PackFontBytes> | undefined;

/**
 * Fetches the bundled fonts once per page (later PDFs reuse the bytes). A failed fetch is forgotten,
 * so the next PDF tries again rather than failing for the rest of the session.
 */
export const loadBundledPackFonts: PackFontLoader = () => {
  loaded ??= Promise.all([fetchFont(dejaVuSansUrl), fetchFont(dejaVuSansBoldUrl)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
};

/** The font file of one script that needs shaping (regular weight only: see docs/decisions.md). */
export type ScriptFontLoader = (script: ShapedScript) => Promise<Uint8Array | ArrayBuffer>;

const SCRIPT_FONT_URLS: Record<ShapedScript, string> = {
  arabic: notoNaskhArabicUrl,
  bengali: notoSansBengaliUrl,
  gurmukhi: notoSansGurmukhiUrl,
};

const scriptFontsLoaded = new Map<ShapedScript, Promise<ArrayBuffer>>();

/** Fetches a script's bundled font once per page; a failed fetch is forgotten, as above. */
export const loadBundledScriptFont: ScriptFontLoader = (script) => {
  let loading = scriptFontsLoaded.get(script);
  if (loading === undefined) {
    loading = fetchFont(SCRIPT_FONT_URLS[script]).catch((error: unknown) => {
      scriptFontsLoaded.delete(script);
      throw error;
    });
    scriptFontsLoaded.set(script, loading);
  }
  return loading;
};
