// Generates valid, varied case files (deterministic for a seed), for the property tests and the
// `assess --jsonl` benchmark. Usage: node scripts/generate-cases.mjs COUNT [SEED] > cases.jsonl
import { fileURLToPath } from "node:url";

const DASH_24 = [
  "dash.injury",
  "dash.very-frightened",
  "dash.afraid-of-harm",
  "dash.isolated",
  "dash.depressed-suicidal",
  "dash.separation",
  "dash.child-contact-conflict",
  "dash.stalking",
  "dash.pregnancy",
  "dash.more-often",
  "dash.getting-worse",
  "dash.controlling-jealous",
  "dash.weapons",
  "dash.threats-to-kill",
  "dash.strangulation",
  "dash.sexual-abuse",
  "dash.other-threatening-person",
  "dash.hurt-others",
  "dash.animal-cruelty",
  "dash.financial",
  "dash.perp-substance-mental-health",
  "dash.perp-suicide",
  "dash.breach",
  "dash.criminal-history",
];
const POLICE_ONLY = ["dash.children-not-perpetrators", "dash.hurt-children", "dash.threatened-children"];
const SUPPLEMENTARY = [
  "stalking.very-frightened",
  "stalking.previous-stalking",
  "stalking.property-damage",
  "stalking.turns-up",
  "stalking.loitering",
  "stalking.threats-violence",
  "stalking.third-parties",
  "stalking.violent-to-others",
  "stalking.proxies",
  "stalking.substance-use",
  "stalking.violent-past",
  "hbv.restricted",
  "hbv.forced-marriage",
  "hbv.family-history",
  "hbv.multiple-perpetrators",
  "hbv.family-threats",
  "hbv.documents-controlled",
  "hbv.self-harm",
  "hbv.truanting",
  "hbv.previous-withdrawal",
  "brag.immediate-risk",
  "brag.no-safe-home",
  "brag.substance-use",
  "brag.mental-health",
  "brag.violence",
  "brag.exploitation",
  "brag.no-money",
  "brag.isolated",
  "brag.disability",
  "timeline.rapid-commitment",
  "timeline.early-pregnancy-pressure",
  "timeline.final-resolution-talk",
  "timeline.sudden-calm",
  "timeline.acquiring-weapons",
  "timeline.reconnaissance",
  "timeline.getting-victim-alone",
];
const LEVELS = ["standard", "medium", "high"];
const ROLES = ["police", "idva", "drug-alcohol-service", "adult-social-care", "health", "housing", "other"];

/** mulberry32: a small, fast, seedable PRNG so generated suites are reproducible. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, list) => list[Math.floor(random() * list.length)];
const chance = (random, p) => random() < p;

function isoDaysBefore(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** One valid case file. `seed` fixes every choice. */
export function generateCase(seed) {
  const random = seededRandom(seed);
  const police = chance(random, 0.4);
  const ids = police ? [...DASH_24, ...POLICE_ONLY] : DASH_24;
  const yesRate = random() * 0.7;
  const answers = {};
  for (const id of ids) {
    const r = random();
    if (r < 0.04) continue; // not asked
    const value = r < 0.12 ? "not-known" : random() < yesRate ? "yes" : "no";
    answers[id] = chance(random, 0.1) ? { answer: value, detail: "recorded detail", source: "victim" } : value;
  }
  for (const id of SUPPLEMENTARY) {
    if (chance(random, 0.15)) answers[id] = pick(random, ["yes", "no", "not-known"]);
  }
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const assessmentDate = `2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const caseFile = {
    schemaVersion: 1,
    caseId: `gen-${seed}`,
    assessedAt: `${assessmentDate}T${String(Math.floor(random() * 24)).padStart(2, "0")}:15:00Z`,
    assessor: { role: police ? "police" : pick(random, ROLES) },
    questionSet: police ? "dash-2009-police" : "dash-ric-24",
    safeToAsk: chance(random, 0.9) ? "yes" : pick(random, ["no", "not-known"]),
    answers,
  };
  // Dates are kept at least two days before the assessment date so that a late-evening
  // assessedAt (London calendar date one day on in summer) never places them "in the future".
  const context = {};
  if (chance(random, 0.3)) context.policeCallouts12m = Math.floor(random() * 6);
  if (chance(random, 0.15))
    context.previousMaracDates = [isoDaysBefore(assessmentDate, 2 + Math.floor(random() * 500))];
  if (chance(random, 0.2))
    context.children = [
      { age: Math.floor(random() * 18), relationshipToPerpetrator: pick(random, ["child", "step-child", "none"]) },
    ];
  if (chance(random, 0.15)) context.pregnant = pick(random, ["yes", "no", "not-known"]);
  if (chance(random, 0.2)) context.separation = { status: pick(random, ["planned", "recent", "none"]) };
  if (chance(random, 0.1)) context.victimRetracted = chance(random, 0.5);
  if (chance(random, 0.5)) context.perpetratorChecks = pick(random, ["done", "pending", "not-possible"]);
  if (chance(random, 0.15))
    context.perpetratorHistory = [
      pick(random, ["previous-da", "violence-others", "threats-to-kill-others", "weapons"]),
    ];
  if (chance(random, 0.15)) {
    context.careAndSupport = {
      needs: pick(random, ["yes", "no", "not-known"]),
      abuseOrNeglect: pick(random, ["yes", "not-known"]),
      unableToProtectSelf: pick(random, ["yes", "no", "not-known"]),
      capacity: pick(random, ["has-capacity", "lacks-capacity", "not-assessed"]),
      needsKinds: [pick(random, ["substance-dependence", "mental-ill-health", "learning-disability"])],
    };
  }
  if (chance(random, 0.1))
    context.safeguardingConcerns = [1, 2, 3].map((n) => ({ date: isoDaysBefore(assessmentDate, 2 + n * 30) }));
  if (chance(random, 0.1)) context.exploitation = [pick(random, ["cuckooing", "sexual-exploitation", "financial"])];
  if (chance(random, 0.1)) context.housing = pick(random, ["settled", "temporary", "sofa-surfing", "rough-sleeping"]);
  if (chance(random, 0.1))
    context.protectiveOrders = [
      { type: "non-molestation", expires: isoDaysBefore(assessmentDate, 30 - Math.floor(random() * 60)) },
    ];
  if (chance(random, 0.05)) context.movedArea = true;
  if (chance(random, 0.1)) context.newIncident = chance(random, 0.5);
  if (Object.keys(context).length) caseFile.context = context;
  if (chance(random, 0.15))
    caseFile.professionalJudgement = { level: pick(random, LEVELS), rationale: "assessor's view" };
  if (chance(random, 0.1))
    caseFile.bragJudgement = { colour: pick(random, ["blue", "green", "amber", "red"]), rationale: "assessor's view" };
  if (chance(random, 0.25)) {
    caseFile.previousAssessments = [
      { date: isoDaysBefore(assessmentDate, 2 + Math.floor(random() * 500)), riskLevel: pick(random, LEVELS) },
    ];
  }
  return caseFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 10000);
  const seed = Number(process.argv[3] ?? 1);
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(generateCase(seed * 1_000_003 + i)));
  process.stdout.write(`${lines.join("\n")}\n`);
}
