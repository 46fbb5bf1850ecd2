// Browser side of `npm run bench`'s packPdfMs: the app's own PDF renderer on the full-size sample
// pack, fetching the embedded fonts from the built app's assets exactly as the pack screen does.
// packPdfScriptsMs: the same pack with its people named in Arabic, Urdu, Bengali and Gurmukhi, which
// adds fetching, parsing and shaping with their three fonts.
import type { ReferralPackDocument } from "../../src/domain/referral-pack/pack-document";
import { renderPackPdf } from "../../src/features/referral-pack/pack-pdf";
import { buildSampleFullPack } from "../../src/features/referral-pack/sample-full-pack";

const NAMES_IN_SCRIPTS: [string, string][] = [
  ["Alex Example", "فاطمة الزهراء"],
  ["Sam Example", "محمد عبد الله"],
  ["Lee Example", "عائشہ بی بی"],
  ["Robin", "দেবী মিত্র কর্মকার"],
  ["Hill Primary", "ਕਿਰਨ ਸਿੰਘ"],
  ["Town Academy", "ਹਰਪ੍ਰੀਤ ਕੌਰ"],
];

function withNamesInScripts(pack: ReferralPackDocument): ReferralPackDocument {
  let json = JSON.stringify(pack);
  for (const [latin, other] of NAMES_IN_SCRIPTS) json = json.replaceAll(latin, other);
  return JSON.parse(json) as ReferralPackDocument;
}

async function runPackPdfBench(
  runs: number,
  options: { namesInScripts?: boolean } = {},
): Promise<{ times: number[]; bytes: number }> {
  const sample = buildSampleFullPack("shareable");
  const pack = options.namesInScripts ? withNamesInScripts(sample) : sample;
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const pdf = await renderPackPdf(pack);
    times.push(performance.now() - start);
    bytes = pdf.length;
  }
  return { times, bytes };
}

(globalThis as unknown as { runPackPdfBench: typeof runPackPdfBench }).runPackPdfBench = runPackPdfBench;
