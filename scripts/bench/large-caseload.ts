// A year's caseload of a busy service, as the records of a backup: `count` cases, each with a
// completed assessment and a MARAC referral pack, of about the size real ones are (~60 MB of backup
// file for 8,000 cases). Used by the restore figure of `npm run bench` (restore-entry.ts, in the
// browser) and the large-restore e2e test (in Node). Deterministic apart from the ids.
import type { PortableRecords } from "../../src/storage/portable-records";

const DAY = 86_400_000;
const ANSWERS = ["yes", "no", "not-known", "not-asked"] as const;

/** Deterministic pseudo-random numbers, so every run makes the same caseload. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function largeCaseload(count: number, now: number = Date.now()): PortableRecords {
  const next = random(7);
  const records: PortableRecords = { cases: [], assessments: [], packs: [], audit: [], settings: [] };
  const note = "Seen at home with the IDVA; safety plan agreed; locks changed; follow-up call booked. ";
  for (let index = 0; index < count; index += 1) {
    const caseId = crypto.randomUUID();
    const createdAt = new Date(now - (1 + Math.floor(next() * 364)) * DAY).toISOString();
    const assessedAt = new Date(Date.parse(createdAt) + Math.floor(next() * DAY)).toISOString();
    const riskLevel = next() < 0.3 ? "high" : next() < 0.5 ? "medium" : "standard";
    records.cases.push({
      id: caseId,
      createdAt,
      updatedAt: assessedAt,
      status: "open",
      riskLevel,
      brag: "amber",
      flags: riskLevel === "high" ? ["marac-required"] : [],
      qualityScore: 80,
      latestAssessedAt: assessedAt,
      author: "IDVA Bench",
      agency: "County IDVA Service",
      details: {
        detailsVersion: 1,
        victim: {
          name: `Bench Person ${index}`,
          dateOfBirth: "1990-04-01",
          address: { kind: "address", text: `${index} Bench Street, Benchtown`, postcode: "BE1 2CH" },
          safeContact: { phone: "07700 900000", safeToCall: "yes", safeTimes: "weekdays 10 to 2" },
          wishes: "Wants to stay in the home with the children; agreed to a referral.",
        },
        perpetrator: { name: `Bench Other ${index}`, relationship: "ex-partner", historyChecks: "done" },
        children: [{ name: "Child A", age: 4, relationshipToPerpetrator: "child", livesWithVictim: "yes" }],
        referrer: { name: "IDVA Bench", role: "idva", agency: "County IDVA Service", phone: "01234 567890" },
        consent: { status: "given", victimAware: "yes" },
        agenciesInvolved: ["GP", "Housing", "Children's services"],
        actionsTaken: "Locks changed; panic alarm fitted.",
        notes: note.repeat(6),
        nonDisclosure: ["victim.address"],
      },
    });
    const answers: Record<string, { answer: string; note: string }> = {};
    for (let question = 1; question <= 27; question += 1) {
      answers[`q${question}`] = {
        answer: ANSWERS[Math.floor(next() * ANSWERS.length)]!,
        note: question % 3 === 0 ? "Said this happened several times in the last month, the last on Friday." : "",
      };
    }
    records.assessments.push({
      id: crypto.randomUUID(),
      caseId,
      createdAt,
      updatedAt: assessedAt,
      assessedAt,
      status: "completed",
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "default",
      policyVersion: "1",
      riskLevel,
      content: { answers, professionalJudgement: { used: false }, notSafeToAsk: [] },
      outcome: {
        yesCount: 12,
        riskLevel,
        reasons: ["yes-count", "strangulation"],
        maracRequired: riskLevel === "high",
      },
    });
    records.packs.push({
      id: crypto.randomUUID(),
      caseId,
      createdAt: assessedAt,
      updatedAt: assessedAt,
      kind: "marac",
      status: "ready",
      readyAt: assessedAt,
      content: {
        sections: {
          summary: `High-risk referral for case ${index}. ${note.repeat(9)}`,
          risks: "Strangulation reported; threats to kill; escalation over the last three months. ".repeat(4),
          actions: "Safety plan; target hardening; refuge offered and declined; police marker placed. ".repeat(3),
          children: "One child, aged 4, lives with the victim; children's services informed.",
        },
        recipients: ["MARAC coordinator"],
      },
    });
  }
  return records;
}
