// Browser side of `npm run bench`'s packPdfMs: the app's own PDF renderer on the full-size sample
// pack, fetching the embedded fonts from the built app's assets exactly as the pack screen does.
import { renderPackPdf } from "../../src/features/referral-pack/pack-pdf";
import { buildSampleFullPack } from "../../src/features/referral-pack/sample-full-pack";

async function runPackPdfBench(runs: number): Promise<{ times: number[]; bytes: number }> {
  const pack = buildSampleFullPack("shareable");
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
