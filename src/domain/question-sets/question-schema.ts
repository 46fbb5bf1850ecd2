import { z } from "zod";

// A question set is versioned data, not code: areas licensed to use an official form's exact
// wording can load their own file with the same ids. The schema below is what every such file
// must satisfy; the shipped sets are validated against it in tests.

export const TIMELINE_STAGE_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type TimelineStageNumber = (typeof TIMELINE_STAGE_NUMBERS)[number];

export const QUESTION_SECTIONS = [
  "dash-current-incident",
  "dash-relationship",
  "dash-children",
  "dash-perpetrator",
  "stalking",
  "honour-based-abuse",
  "vulnerability",
  "timeline",
] as const;
export type QuestionSection = (typeof QUESTION_SECTIONS)[number];

export const questionSchema = z
  .object({
    /** Stable id, e.g. "dash.strangulation". Never reused for another meaning. */
    id: z.string().regex(/^(dash|stalking|hbv|brag|timeline)\.[a-z0-9-]+$/),
    /** The risk factor in a few words, as the spec names it (for packs and the risk panel). */
    riskFactor: z.string().min(3),
    /** The project's own plain-English wording, asked of (or about) the victim. */
    wording: z.string().min(10),
    /** Guidance for the practitioner: why it matters, how to ask, what to record. */
    help: z.string().min(20),
    section: z.enum(QUESTION_SECTIONS),
    /** Homicide-timeline stages a yes evidences (empty when it places none). */
    timelineStages: z.array(z.number().int().min(1).max(8)),
    /** True when a yes on its own forces (or strongly argues for) high risk. */
    highRisk: z.boolean(),
    /** Only on the police form (the three child questions). */
    policeOnly: z.boolean().default(false),
  })
  .strict();

export type Question = z.infer<typeof questionSchema>;

export const questionSetSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().min(1),
    title: z.string().min(3),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export type QuestionSet = z.infer<typeof questionSetSchema>;
