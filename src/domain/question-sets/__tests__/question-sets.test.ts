import { describe, expect, it } from "vitest";
import { CARE_AND_SUPPORT_PROMPTS, contextPromptSchema, EXPLOITATION_PROMPTS } from "../context-prompts";
import { DASH_QUESTIONS } from "../dash-questions";
import { questionSchema, questionSetSchema, type Question } from "../question-schema";
import {
  dashIdsFor,
  isAllowedAnswerId,
  POLICE_ONLY_IDS,
  QUESTION_SET_IDS,
  QUESTION_SETS,
  questionById,
  SUPPLEMENTARY_QUESTIONS,
} from "../question-set-registry";
import {
  BRAG_QUESTIONS,
  HONOUR_BASED_ABUSE_QUESTIONS,
  STALKING_QUESTIONS,
  TIMELINE_QUESTIONS,
} from "../supplementary-questions";

// Expected ids, copied from spec/question-ids.md (version 1).
const RIC_24_IDS = [
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
const POLICE_27_IDS = [...RIC_24_IDS, ...POLICE_ONLY];

const STALKING_IDS = [
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
];
const HBV_IDS = [
  "hbv.restricted",
  "hbv.forced-marriage",
  "hbv.family-history",
  "hbv.multiple-perpetrators",
  "hbv.family-threats",
  "hbv.documents-controlled",
  "hbv.self-harm",
  "hbv.truanting",
  "hbv.previous-withdrawal",
];
const BRAG_IDS = [
  "brag.immediate-risk",
  "brag.no-safe-home",
  "brag.substance-use",
  "brag.mental-health",
  "brag.violence",
  "brag.exploitation",
  "brag.no-money",
  "brag.isolated",
  "brag.disability",
];
const TIMELINE_IDS = [
  "timeline.rapid-commitment",
  "timeline.early-pregnancy-pressure",
  "timeline.final-resolution-talk",
  "timeline.sudden-calm",
  "timeline.acquiring-weapons",
  "timeline.reconnaissance",
  "timeline.getting-victim-alone",
];

// The homicide-timeline stage table of spec/question-ids.md, restricted to answer ids.
const STAGE_MAP: Record<number, string[]> = {
  1: ["dash.criminal-history", "dash.hurt-others", "stalking.previous-stalking", "stalking.violent-past"],
  2: ["timeline.rapid-commitment", "timeline.early-pregnancy-pressure"],
  3: ["dash.controlling-jealous", "dash.isolated", "dash.financial", "dash.sexual-abuse"],
  4: ["dash.separation", "dash.child-contact-conflict", "dash.pregnancy"],
  5: [
    "dash.more-often",
    "dash.getting-worse",
    "dash.stalking",
    "dash.breach",
    "dash.perp-suicide",
    "dash.threats-to-kill",
    "dash.threatened-children",
    ...STALKING_IDS.filter((id) => id !== "stalking.previous-stalking" && id !== "stalking.violent-past"),
  ],
  6: ["timeline.final-resolution-talk", "timeline.sudden-calm"],
  7: ["timeline.acquiring-weapons", "timeline.reconnaissance", "timeline.getting-victim-alone"],
  8: [],
};

// Each is the evidence of a single-answer high floor rule.
const HIGH_RISK_IDS = [
  "dash.strangulation",
  "dash.threats-to-kill",
  "dash.hurt-children",
  "dash.threatened-children",
  "hbv.family-threats",
  "hbv.multiple-perpetrators",
  "timeline.acquiring-weapons",
  "timeline.reconnaissance",
  "timeline.getting-victim-alone",
];

const ALL_QUESTIONS: readonly Question[] = [...DASH_QUESTIONS, ...SUPPLEMENTARY_QUESTIONS];
const ids = (questions: readonly Question[]): string[] => questions.map((q) => q.id);
const sorted = (values: readonly string[]): string[] => [...values].sort();

function sentenceCount(text: string): number {
  // Sentence ends: ". ", "? ", "! " or end of text (ignores full stops inside quotes/abbreviations well enough for our prose).
  return text.split(/[.?!](?:\s+|$)/).filter((part) => part.trim().length > 0).length;
}

describe("question sets", () => {
  it("lists both DASH sets", () => {
    expect(Object.keys(QUESTION_SETS).sort()).toEqual([...QUESTION_SET_IDS].sort());
    for (const setId of QUESTION_SET_IDS) {
      expect(QUESTION_SETS[setId].id).toBe(setId);
      expect(QUESTION_SETS[setId].version).toBe(1);
    }
  });

  it.each(QUESTION_SET_IDS)("%s parses with questionSetSchema", (setId) => {
    const set = QUESTION_SETS[setId];
    expect(questionSetSchema.parse(set)).toEqual(set);
  });

  it("every supplementary group parses as a question set", () => {
    const groups = {
      stalking: STALKING_QUESTIONS,
      hbv: HONOUR_BASED_ABUSE_QUESTIONS,
      brag: BRAG_QUESTIONS,
      timeline: TIMELINE_QUESTIONS,
    };
    for (const [id, questions] of Object.entries(groups)) {
      const set = { id, version: 1, title: `${id} supplementary`, questions: [...questions] };
      expect(questionSetSchema.parse(set)).toEqual(set);
    }
  });

  it("every question parses unchanged (policeOnly is explicit, no defaults filled in)", () => {
    for (const question of ALL_QUESTIONS) {
      expect(questionSchema.parse(question)).toEqual(question);
    }
  });

  it("dash-ric-24 has exactly the 24 ids, in order", () => {
    expect(ids(QUESTION_SETS["dash-ric-24"].questions)).toEqual(RIC_24_IDS);
    expect(dashIdsFor("dash-ric-24")).toEqual(RIC_24_IDS);
  });

  it("dash-2009-police has exactly the 27 ids, in order", () => {
    expect(ids(QUESTION_SETS["dash-2009-police"].questions)).toEqual(POLICE_27_IDS);
    expect(dashIdsFor("dash-2009-police")).toEqual(POLICE_27_IDS);
    expect(ids(DASH_QUESTIONS)).toEqual(POLICE_27_IDS);
  });

  it("marks only the three child questions as police-only", () => {
    expect(POLICE_ONLY_IDS).toEqual(POLICE_ONLY);
    expect(ids(DASH_QUESTIONS.filter((q) => q.policeOnly))).toEqual(POLICE_ONLY);
    expect(SUPPLEMENTARY_QUESTIONS.some((q) => q.policeOnly)).toBe(false);
  });

  it("has the supplementary ids of the spec, in order (11 / 9 / 9 / 7)", () => {
    expect(ids(STALKING_QUESTIONS)).toEqual(STALKING_IDS);
    expect(ids(HONOUR_BASED_ABUSE_QUESTIONS)).toEqual(HBV_IDS);
    expect(ids(BRAG_QUESTIONS)).toEqual(BRAG_IDS);
    expect(ids(TIMELINE_QUESTIONS)).toEqual(TIMELINE_IDS);
    expect([STALKING_IDS.length, HBV_IDS.length, BRAG_IDS.length, TIMELINE_IDS.length]).toEqual([11, 9, 9, 7]);
    expect(ids(SUPPLEMENTARY_QUESTIONS)).toEqual([...STALKING_IDS, ...HBV_IDS, ...BRAG_IDS, ...TIMELINE_IDS]);
  });

  it("has unique ids across every question", () => {
    const all = ids(ALL_QUESTIONS);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(27 + 11 + 9 + 9 + 7);
  });

  it("never repeats a wording, a help text or a risk factor", () => {
    for (const key of ["wording", "help", "riskFactor"] as const) {
      const values = ALL_QUESTIONS.map((q) => q[key].trim().toLowerCase());
      const duplicates = values.filter((value, index) => values.indexOf(value) !== index);
      expect(duplicates, key).toEqual([]);
    }
  });

  it("keeps help to one to three sentences and asks every question as a question", () => {
    for (const question of ALL_QUESTIONS) {
      const count = sentenceCount(question.help);
      expect(count, question.id).toBeGreaterThanOrEqual(1);
      expect(count, question.id).toBeLessThanOrEqual(3);
      expect(question.wording.trim().endsWith("?"), question.id).toBe(true);
    }
  });

  it("places each section as the spec groups it", () => {
    const sectionOf = (id: string) => questionById(id)?.section;
    for (const id of STALKING_IDS) expect(sectionOf(id)).toBe("stalking");
    for (const id of HBV_IDS) expect(sectionOf(id)).toBe("honour-based-abuse");
    for (const id of BRAG_IDS) expect(sectionOf(id)).toBe("vulnerability");
    for (const id of TIMELINE_IDS) expect(sectionOf(id)).toBe("timeline");
    for (const id of POLICE_ONLY) expect(sectionOf(id)).toBe("dash-children");
    expect(sectionOf("dash.pregnancy")).toBe("dash-children");
    for (const question of DASH_QUESTIONS) expect(question.section.startsWith("dash-")).toBe(true);
  });

  it("matches the stage table of the spec exactly, stage by stage", () => {
    for (let stage = 1; stage <= 8; stage += 1) {
      const placed = ids(ALL_QUESTIONS.filter((q) => q.timelineStages.includes(stage)));
      expect(sorted(placed), `stage ${stage}`).toEqual(sorted(STAGE_MAP[stage] ?? []));
    }
  });

  it("places at most one stage per question and none for BRAG or honour-based abuse", () => {
    for (const question of ALL_QUESTIONS) {
      expect(question.timelineStages.length, question.id).toBeLessThanOrEqual(1);
    }
    for (const question of [...BRAG_QUESTIONS, ...HONOUR_BASED_ABUSE_QUESTIONS]) {
      expect(question.timelineStages, question.id).toEqual([]);
    }
  });

  it("flags exactly the single-answer high-risk indicators", () => {
    expect(sorted(ids(ALL_QUESTIONS.filter((q) => q.highRisk)))).toEqual(sorted(HIGH_RISK_IDS));
    for (const id of ["dash.strangulation", "dash.threats-to-kill", "dash.hurt-children", "dash.threatened-children"]) {
      expect(questionById(id)?.highRisk, id).toBe(true);
    }
    // These only escalate in combination with another answer.
    for (const id of ["dash.weapons", "dash.stalking", "dash.separation"]) {
      expect(questionById(id)?.highRisk, id).toBe(false);
    }
  });

  it("tells the practitioner never to use family or community as interpreters or contacts", () => {
    for (const question of HONOUR_BASED_ABUSE_QUESTIONS) {
      expect(question.help, question.id).toContain(
        "Never use family or community members as interpreters or contacts.",
      );
    }
  });

  it("keeps the strangulation guidance on hidden injury and its signs", () => {
    const help = questionById("dash.strangulation")?.help ?? "";
    expect(help).toMatch(/no visible mark/);
    expect(help).toMatch(/homicide/);
    expect(help).toMatch(/blacking out/);
  });
});

describe("question lookups", () => {
  it("finds every DASH and supplementary question by id, and nothing else", () => {
    for (const question of ALL_QUESTIONS) expect(questionById(question.id)).toBe(question);
    expect(questionById("dash.unknown")).toBeUndefined();
    expect(questionById("")).toBeUndefined();
  });

  it("refuses the police-only child ids in a dash-ric-24 case and allows them for the police set", () => {
    for (const id of POLICE_ONLY) {
      expect(isAllowedAnswerId("dash-ric-24", id), id).toBe(false);
      expect(isAllowedAnswerId("dash-2009-police", id), id).toBe(true);
    }
  });

  it("allows each set's DASH ids and every supplementary id, whatever the set", () => {
    for (const setId of QUESTION_SET_IDS) {
      for (const id of dashIdsFor(setId)) expect(isAllowedAnswerId(setId, id)).toBe(true);
      for (const question of SUPPLEMENTARY_QUESTIONS) {
        expect(isAllowedAnswerId(setId, question.id)).toBe(true);
      }
      expect(isAllowedAnswerId(setId, "dash.strangulatoin")).toBe(false);
      expect(isAllowedAnswerId(setId, "context.pregnant")).toBe(false);
      expect(isAllowedAnswerId(setId, "hbv.")).toBe(false);
    }
  });
});

describe("context prompts", () => {
  const ALL_PROMPTS = [...EXPLOITATION_PROMPTS, ...CARE_AND_SUPPORT_PROMPTS];
  const helpOf = (field: string) => ALL_PROMPTS.find((p) => p.field === field)?.help ?? "";

  it("every prompt parses with contextPromptSchema and has a unique field and wording", () => {
    for (const prompt of ALL_PROMPTS) expect(contextPromptSchema.parse(prompt)).toEqual(prompt);
    const fields = ALL_PROMPTS.map((p) => p.field);
    expect(new Set(fields).size).toBe(fields.length);
    const wordings = ALL_PROMPTS.map((p) => p.wording.toLowerCase());
    expect(new Set(wordings).size).toBe(wordings.length);
  });

  it("rejects unknown fields and extra keys", () => {
    const good = EXPLOITATION_PROMPTS[0];
    expect(contextPromptSchema.safeParse({ ...good, field: "context.exploitation.cukooing" }).success).toBe(false);
    expect(contextPromptSchema.safeParse({ ...good, extra: true }).success).toBe(false);
  });

  it("has one exploitation prompt per exploitation tag of the case format", () => {
    expect(EXPLOITATION_PROMPTS.map((p) => p.field)).toEqual(
      [
        "sexual-exploitation",
        "sex-for-accommodation",
        "cuckooing",
        "financial",
        "benefits-control",
        "forced-criminality",
        "trafficking",
      ].map((tag) => `context.exploitation.${tag}`),
    );
    for (const prompt of EXPLOITATION_PROMPTS) expect(prompt.section).toBe("exploitation");
  });

  it("covers every careAndSupport fact plus housing and substance use", () => {
    expect(CARE_AND_SUPPORT_PROMPTS.map((p) => p.field)).toEqual([
      ...["needs", "needsKinds", "abuseOrNeglect", "unableToProtectSelf", "capacity", "rationale"].map(
        (key) => `context.careAndSupport.${key}`,
      ),
      "context.housing",
      "context.substanceUse",
    ]);
    for (const prompt of CARE_AND_SUPPORT_PROMPTS) expect(prompt.section).toBe("care-and-support");
  });

  it("frames exploitation as victimisation and explains cuckooing", () => {
    const sexual = helpOf("context.exploitation.sexual-exploitation");
    expect(sexual).toMatch(/is a victim/);
    expect(sexual).toMatch(/never as 'sex work' or a 'lifestyle choice'/);
    expect(helpOf("context.exploitation.cuckooing")).toMatch(/taking over a person's home for drug dealing/);
  });

  it("carries the care-and-support practice points", () => {
    const lifestyle = "Substance dependence is a care-and-support need, not a lifestyle choice";
    expect(helpOf("context.careAndSupport.needs")).toContain(lifestyle);
    expect(helpOf("context.substanceUse")).toContain(lifestyle);
    const unable = helpOf("context.careAndSupport.unableToProtectSelf");
    expect(unable).toMatch(/whether the person's needs stop them protecting themselves/);
    expect(unable).toMatch(/Having mental capacity does not mean the person can protect themselves/);
    const capacity = helpOf("context.careAndSupport.capacity");
    expect(capacity).toMatch(/Capacity is recorded but is not part of the s42 test/);
    expect(capacity).toMatch(/having capacity does not mean the person can protect themselves/);
  });
});
