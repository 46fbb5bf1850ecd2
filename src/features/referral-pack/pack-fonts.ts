// The font files the pack PDF embeds (DejaVu Sans, regular and bold), so names in Polish, Romanian,
// Greek, Cyrillic and most other alphabets print as written. Only the PDF module imports this, and
// that module is itself loaded lazily, so neither the fonts nor their URLs weigh on the first load.
// The `?url` imports make Vite emit each file as a hashed asset, which the service worker precaches,
// so PDFs can still be made offline.
import dejaVuSansBoldUrl from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url";
import dejaVuSansUrl from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url";

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
