// Browser side of the caseList5kMs / dashboard5kMs figures of `npm run bench`: bundled by
// scripts/bench/shared/review-screens.mjs and loaded on the built app's origin, it fills the real vault
// database with 5,000 cases the way a manager's vault is filled (session.importRecords: every case sealed
// under the profile's own key, clear summary fields beside it), then locks. review-screens.mjs then drives
// the real built app with playwright and times unlock → first render of each screen. Nothing here ships.
import { openDatabase } from "../../src/storage/db";
import type { PortableRecords } from "../../src/storage/portable-records";
import { Vault } from "../../src/storage/vault";

export interface SeedOptions {
  count: number;
  label: string;
  passphrase: string;
}

const RISKS = ["high", "medium", "standard", "standard", "medium"] as const;
const BRAGS = ["red", "amber", "green", "blue"] as const;
const AUTHORS = [
  "PC 1001 Adams",
  "PC 1002 Bell",
  "IDVA Chris",
  "IDVA Dana",
  "Drug service Eli",
  "PC 1003 Fox",
  "IDVA Gale",
  "Housing Hal",
];
const AGENCIES = ["North Police", "South Police", "County IDVA Service", "Recovery Service"];
const MISSED = ["safe-contact", "consent-or-lawful-basis", "perpetrator-history", "language", "timeline-reviewed"];

/** Deterministic pseudo-random numbers, so every bench run seeds the same vault. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function seedCases(count: number, now: number): PortableRecords["cases"] {
  const next = random(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(now - Math.floor(next() * 365 * 86_400_000)).toISOString();
    const assessedAt =
      next() < 0.9 ? new Date(Date.parse(createdAt) + Math.floor(next() * 3 * 86_400_000)).toISOString() : null;
    const riskLevel = assessedAt === null ? null : pick(RISKS);
    const flags: string[] = [];
    if (riskLevel === "high") flags.push("marac-required");
    if (next() < 0.1) flags.push("s42-refer");
    if (next() < 0.05) flags.push("provisional");
    if (next() < 0.1) flags.push("checks-pending");
    for (const item of MISSED) if (next() < 0.2) flags.push(`quality-missed:${item}`);
    const sent = riskLevel === "high" && assessedAt !== null && next() < 0.8;
    if (sent) flags.push("marac-sent");
    return {
      id: crypto.randomUUID(),
      createdAt,
      updatedAt: assessedAt ?? createdAt,
      status: next() < 0.2 ? "closed" : "open",
      riskLevel,
      brag: assessedAt === null ? null : pick(BRAGS),
      flags,
      qualityScore: assessedAt === null ? null : Math.round(40 + next() * 60),
      latestAssessedAt: assessedAt,
      author: pick(AUTHORS),
      agency: pick(AGENCIES),
      assessorRole: pick(["police", "idva", "drug-alcohol-service"]),
      ...(sent
        ? {
            referralsSent: {
              marac: {
                sentAt: new Date(Date.parse(assessedAt) + Math.floor(next() * 120 * 3_600_000)).toISOString(),
                assessedAt,
              },
            },
          }
        : {}),
      // Realistic sealed content: roughly the size of a filled-in case-details record.
      details: {
        detailsVersion: 1,
        victim: {
          name: `Bench Person ${index}`,
          safeContact: { phone: "07700 900000", safeToCall: "yes", safeTimes: "weekdays 10 to 2" },
        },
        perpetrator: { name: `Bench Other ${index}`, historyChecks: "done" },
        children: [{ age: 4, relationshipToPerpetrator: "child" }],
        referrer: { role: "idva", agency: "County IDVA Service" },
        consent: { status: "given" },
        agenciesInvolved: ["GP", "Housing"],
        notes: "Seen at home with the IDVA; safety plan agreed; locks changed; follow-up call booked. ".repeat(3),
        nonDisclosure: [],
      },
    };
  });
}

async function seedReviewCases(options: SeedOptions): Promise<{ profileId: string; seedMs: number }> {
  const started = performance.now();
  const vault = new Vault({ db: openDatabase() });
  const { profileId } = await vault.createProfile(options.label, options.passphrase);
  const session = await vault.unlock(profileId, options.passphrase);
  await session.importRecords(
    { cases: seedCases(options.count, Date.now()), assessments: [], packs: [], audit: [], settings: [] },
    `bench: ${options.count} cases`,
  );
  await session.lock();
  vault.db.close();
  return { profileId, seedMs: performance.now() - started };
}

(globalThis as unknown as { seedReviewCases: typeof seedReviewCases }).seedReviewCases = seedReviewCases;
