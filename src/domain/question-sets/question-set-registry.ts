import { DASH_QUESTIONS } from "./dash-questions";
import type { Question, QuestionSet } from "./question-schema";
import {
  BRAG_QUESTIONS,
  HONOUR_BASED_ABUSE_QUESTIONS,
  STALKING_QUESTIONS,
  TIMELINE_QUESTIONS,
} from "./supplementary-questions";

// The shipped question sets and lookups over them. The data is not parsed here (that would
// slow the command line's start); the tests parse every set against questionSetSchema.

export const QUESTION_SET_IDS = ["dash-ric-24", "dash-2009-police"] as const;
export type QuestionSetId = (typeof QUESTION_SET_IDS)[number];

export const QUESTION_SETS: Record<QuestionSetId, QuestionSet> = {
  "dash-ric-24": {
    id: "dash-ric-24",
    version: 1,
    title: "Domestic abuse risk checklist: practitioner version (24 questions)",
    questions: DASH_QUESTIONS.filter((question) => !question.policeOnly),
  },
  "dash-2009-police": {
    id: "dash-2009-police",
    version: 1,
    title: "Domestic abuse risk checklist: police version (27 questions)",
    questions: [...DASH_QUESTIONS],
  },
};

/** The three child questions asked only on the police form. */
export const POLICE_ONLY_IDS: readonly string[] = DASH_QUESTIONS.filter((question) => question.policeOnly).map(
  (question) => question.id,
);

/** Stalking, honour-based abuse, BRAG and timeline questions: accepted with either DASH set. */
export const SUPPLEMENTARY_QUESTIONS: readonly Question[] = [
  ...STALKING_QUESTIONS,
  ...HONOUR_BASED_ABUSE_QUESTIONS,
  ...BRAG_QUESTIONS,
  ...TIMELINE_QUESTIONS,
];

const QUESTIONS_BY_ID: ReadonlyMap<string, Question> = new Map(
  [...DASH_QUESTIONS, ...SUPPLEMENTARY_QUESTIONS].map((question) => [question.id, question]),
);

const DASH_IDS: Record<QuestionSetId, readonly string[]> = {
  "dash-ric-24": QUESTION_SETS["dash-ric-24"].questions.map((question) => question.id),
  "dash-2009-police": QUESTION_SETS["dash-2009-police"].questions.map((question) => question.id),
};

const SUPPLEMENTARY_IDS: readonly string[] = SUPPLEMENTARY_QUESTIONS.map((question) => question.id);

const ALLOWED_ANSWER_IDS: Record<QuestionSetId, ReadonlySet<string>> = {
  "dash-ric-24": new Set([...DASH_IDS["dash-ric-24"], ...SUPPLEMENTARY_IDS]),
  "dash-2009-police": new Set([...DASH_IDS["dash-2009-police"], ...SUPPLEMENTARY_IDS]),
};

/** Any DASH or supplementary question by id; undefined for an unknown id. */
export function questionById(id: string): Question | undefined {
  return QUESTIONS_BY_ID.get(id);
}

/** The ids of the chosen DASH set, in question order (the ids that score). */
export function dashIdsFor(set: QuestionSetId): readonly string[] {
  return DASH_IDS[set];
}

/** True when a case using `set` may hold an answer for `id` (its DASH ids plus every supplementary id). */
export function isAllowedAnswerId(set: QuestionSetId, id: string): boolean {
  return ALLOWED_ANSWER_IDS[set].has(id);
}
