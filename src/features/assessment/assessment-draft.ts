// The assessment being built, one answer at a time: a partial case file plus what only the screen
// needs (why it was not safe to ask, whether the questions are being filled from observation or
// records). Pure helpers: which sections show, and the case file the engine reads.
import type { AnswerSource, AnswerValue, AssessorRole, BragColour, RiskLevel } from "../../domain/answers";
import { ANSWER_SOURCES, ANSWER_VALUES, ASSESSOR_ROLES, BRAG_COLOURS, RISK_LEVELS } from "../../domain/answers";
import { assessCase } from "../../domain/assess";
import { CASE_SCHEMA_VERSION, validateCaseFile, type CaseContext, type CaseFile } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import type { Policy } from "../../domain/policy";
import {
  dashIdsFor,
  isAllowedAnswerId,
  QUESTION_SET_IDS,
  QUESTION_SETS,
  SUPPLEMENTARY_QUESTIONS,
  type QuestionSetId,
} from "../../domain/question-sets/question-set-registry";
import type { QuestionSection } from "../../domain/question-sets/question-schema";
import type { ContextPromptSection } from "../../domain/question-sets/context-prompts";
import type { Question } from "../../domain/question-sets/question-schema";
import type { ValidationIssue } from "../../domain/validation-issues";
import { FACT_PAGES, readFactEntries, type FactEntries, type FactPage } from "./context-facts";

export interface DraftAnswer {
  answer: AnswerValue;
  detail?: string;
  source?: AnswerSource;
}

export interface AssessmentDraft {
  schemaVersion: typeof CASE_SCHEMA_VERSION;
  caseId?: string;
  /** Filled in by toCaseFile at completion (and for the live outcome). */
  assessedAt?: string;
  assessor: { role?: AssessorRole; agency?: string };
  questionSet?: QuestionSetId;
  safeToAsk?: AnswerValue;
  /** Why it was not safe to ask (kept with the draft, not in the case file). */
  notSafeReason?: string;
  /** A short safety note when it was not safe to ask: what was done or advised there and then. */
  safetyNote?: string;
  /** Reminder to come back: the date (YYYY-MM-DD) and the safe way agreed. */
  returnOn?: string;
  returnHow?: string;
  /** True when the questions are filled from what was seen or from records, not asked. */
  observedOnly?: boolean;
  /**
   * Whose account the answers are, chosen once at the gate: every answer without a source of its
   * own is recorded with it (defaultSourceOf). Left unchosen, the victim's account.
   */
  defaultSource?: AnswerSource;
  /** Why some checklist questions were left unanswered at completion (asked on check your answers). */
  unansweredReason?: UnansweredReason;
  answers: Record<string, DraftAnswer>;
  context?: CaseContext;
  /**
   * The facts pages as typed (dates as day/month/year boxes, the call-out count as text, "not known"
   * answers), so nothing typed is lost. Never read by toCaseFile: withFacts keeps `context` in step.
   */
  facts?: FactEntries;
  /** Only ever a valid judgement (the form's rules passed): this is what reaches the case file. */
  professionalJudgement?: { level: RiskLevel; rationale: string };
  bragJudgement?: { colour: BragColour; rationale: string };
  /**
   * What is in the judgement form, valid or not (e.g. a level without a reason, or a lower level),
   * so nothing typed is lost on Continue, Back or a reload. Never read by toCaseFile.
   */
  judgementEntry?: { level: RiskLevel; rationale: string };
  /** The same for the BRAG colour form. */
  bragEntry?: { colour: BragColour; rationale: string };
  /** The page the practitioner was on, so reopening (even after a reload) returns there. */
  page?: PageKey;
}

/** Why a completed assessment has unanswered questions: kept with it and shown when it is read back. */
export const UNANSWERED_REASONS = ["interrupted", "victim-declined", "not-safe-to-continue"] as const;
export type UnansweredReason = (typeof UNANSWERED_REASONS)[number];
export const UNANSWERED_REASON_LABELS: Record<UnansweredReason, string> = {
  interrupted: "The assessment was interrupted",
  "victim-declined": "The victim declined to answer",
  "not-safe-to-continue": "It was not safe to continue",
};

/**
 * The source an answer without its own is recorded with. When it was not safe to ask and only what
 * was seen or is on record is being recorded, that is all it can be: observed (or records, when
 * chosen); otherwise the default chosen at the gate, else the victim's account.
 */
export function defaultSourceOf(draft: AssessmentDraft): AnswerSource {
  if (isObservedRoute(draft)) return draft.defaultSource === "records" ? "records" : "observed";
  return draft.defaultSource ?? "victim";
}

/** Not safe to ask, and the officer chose to record only what was seen or is known from records. */
export function isObservedRoute(draft: AssessmentDraft): boolean {
  return draft.safeToAsk !== "yes" && draft.observedOnly === true;
}

/** The checklist questions of the draft's set with no answer yet (not known counts as an answer), in order. */
export function unansweredQuestionIds(draft: AssessmentDraft): string[] {
  return dashIdsFor(questionSetOf(draft)).filter((id) => draft.answers[id] === undefined);
}

/** How a step hands back the changed draft: saved at once when `immediate`, else after typing pauses. */
export type DraftUpdate = (next: AssessmentDraft, immediate?: boolean) => void;

export type SectionId = QuestionSection | ContextPromptSection;

/** Every page of the walk-through, by a key that stays stable when sections appear or disappear. */
export type PageKey = "who" | "gate" | SectionId | FactPage | "judgement" | "check";

export const SECTION_TITLES: Record<SectionId, string> = {
  "dash-current-incident": "The current situation",
  "dash-relationship": "The relationship",
  "dash-children": "Children and dependants",
  "dash-perpetrator": "The person harming them",
  stalking: "Stalking and harassment",
  "honour-based-abuse": "Honour-based abuse",
  vulnerability: "Vulnerability (BRAG)",
  exploitation: "Exploitation",
  "care-and-support": "Care and support",
  timeline: "Timeline indicators",
};

const DASH_SECTIONS: readonly QuestionSection[] = [
  "dash-current-incident",
  "dash-relationship",
  "dash-children",
  "dash-perpetrator",
];

const CARE_ROLES: readonly AssessorRole[] = ["drug-alcohol-service", "adult-social-care", "health", "housing"];

export function emptyDraft(caseId?: string): AssessmentDraft {
  return { schemaVersion: CASE_SCHEMA_VERSION, ...(caseId === undefined ? {} : { caseId }), assessor: {}, answers: {} };
}

export function defaultQuestionSet(role: AssessorRole | undefined): QuestionSetId {
  return role === "police" ? "dash-2009-police" : "dash-ric-24";
}

export function questionSetOf(draft: AssessmentDraft): QuestionSetId {
  return draft.questionSet ?? defaultQuestionSet(draft.assessor.role);
}

const yesOrUnknown = (draft: AssessmentDraft, id: string): boolean => {
  const answer = draft.answers[id]?.answer;
  return answer === "yes" || answer === "not-known";
};

/** The questions of one section, for the draft's DASH set (supplementary sections are set-independent). */
export function questionsFor(draft: AssessmentDraft, section: QuestionSection): readonly Question[] {
  if ((DASH_SECTIONS as readonly string[]).includes(section)) {
    return QUESTION_SETS[questionSetOf(draft)].questions.filter((question) => question.section === section);
  }
  return SUPPLEMENTARY_QUESTIONS.filter((question) => question.section === section);
}

function suggestsCareAndExploitation(draft: AssessmentDraft): boolean {
  if (draft.assessor.role !== undefined && CARE_ROLES.includes(draft.assessor.role)) return true;
  if (Object.entries(draft.answers).some(([id, entry]) => id.startsWith("brag.") && entry.answer === "yes"))
    return true;
  const context = draft.context;
  if (context === undefined) return false;
  return (
    (context.exploitation?.length ?? 0) > 0 ||
    context.careAndSupport !== undefined ||
    context.housing !== undefined ||
    (context.substanceUse?.length ?? 0) > 0
  );
}

/** The sections to walk through, in order, for the draft as it stands. */
export function visibleSections(draft: AssessmentDraft): SectionId[] {
  const sections: SectionId[] = DASH_SECTIONS.filter((section) => questionsFor(draft, section).length > 0);
  if (yesOrUnknown(draft, "dash.stalking")) sections.push("stalking");
  if (yesOrUnknown(draft, "dash.other-threatening-person") || yesOrUnknown(draft, "dash.isolated")) {
    sections.push("honour-based-abuse");
  }
  if (draft.assessor.role === "police") sections.push("vulnerability");
  if (suggestsCareAndExploitation(draft)) sections.push("exploitation", "care-and-support");
  sections.push("timeline");
  return sections;
}

/**
 * The pages to walk through, in order: who, the gate, the sections, the facts pages (incident and
 * history, the victim's situation, checks and orders, never share), judgement, check your answers.
 */
export function pagesFor(draft: AssessmentDraft): PageKey[] {
  return ["who", "gate", ...visibleSections(draft), ...FACT_PAGES, "judgement", "check"];
}

/** Every page that can ever show, in walk-through order. */
const ALL_PAGES: readonly PageKey[] = [
  "who",
  "gate",
  ...DASH_SECTIONS,
  "stalking",
  "honour-based-abuse",
  "vulnerability",
  "exploitation",
  "care-and-support",
  "timeline",
  ...FACT_PAGES,
  "judgement",
  "check",
];

/**
 * Where to reopen a draft: its saved page if that page still shows; if an answer has since hidden
 * it, the nearest page before it that does show (never back to the start for nothing).
 */
export function resumePage(draft: AssessmentDraft): PageKey {
  const pages = pagesFor(draft);
  const saved = draft.page === undefined ? -1 : ALL_PAGES.indexOf(draft.page);
  for (let index = saved; index >= 0; index -= 1) {
    const page = ALL_PAGES[index]!;
    if (pages.includes(page)) return page;
  }
  return "who";
}

export function isQuestionSection(section: SectionId): section is QuestionSection {
  return section !== "exploitation" && section !== "care-and-support";
}

function withoutEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

/** Facts from outside the draft that the case file carries: earlier assessments and the case details. */
export interface CaseFileExtras {
  previousAssessments?: NonNullable<CaseFile["previousAssessments"]>;
  /** Used only where the draft's own context leaves the field unrecorded. */
  fromCaseDetails?: Pick<CaseContext, "children" | "perpetratorChecks">;
}

/** Which case-detail facts fill a gap in the draft (and so are shown as taken from the case details). */
export function caseDetailFieldsUsed(
  draft: AssessmentDraft,
  fromCaseDetails: CaseFileExtras["fromCaseDetails"],
): ("children" | "perpetratorChecks")[] {
  if (fromCaseDetails === undefined) return [];
  return (["children", "perpetratorChecks"] as const).filter(
    (field) => draft.context?.[field] === undefined && fromCaseDetails[field] !== undefined,
  );
}

/**
 * The case file the engine reads. assessedAt is stamped here (completion time) unless the draft
 * already holds one. Answers not allowed in the chosen set (police-only ids after switching to the
 * 24-question set) are left out. Every answer carries its source: its own, else the draft's default
 * (defaultSourceOf). The result still needs validateCaseFile: a draft may be incomplete.
 */
export function toCaseFile(
  draft: AssessmentDraft,
  now: Date = new Date(),
  extras: CaseFileExtras = {},
): Record<string, unknown> {
  const questionSet = questionSetOf(draft);
  const defaultSource = defaultSourceOf(draft);
  const answers: Record<string, DraftAnswer> = {};
  for (const [id, entry] of Object.entries(draft.answers)) {
    if (!isAllowedAnswerId(questionSet, id)) continue;
    const detail = entry.detail?.trim();
    answers[id] = { answer: entry.answer, ...(detail ? { detail } : {}), source: entry.source ?? defaultSource };
  }
  const assessor: Record<string, unknown> = {
    ...(draft.assessor.role === undefined ? {} : { role: draft.assessor.role }),
  };
  const agency = draft.assessor.agency?.trim();
  if (agency) assessor.agency = agency;
  const merged: CaseContext = { ...(draft.context ?? {}) };
  for (const field of caseDetailFieldsUsed(draft, extras.fromCaseDetails)) {
    (merged as Record<string, unknown>)[field] = extras.fromCaseDetails![field];
  }
  const context = withoutEmpty(merged);
  const bragRationale = draft.bragJudgement?.rationale.trim();
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
    assessedAt: draft.assessedAt ?? now.toISOString(),
    assessor,
    questionSet,
    ...(draft.safeToAsk === undefined ? {} : { safeToAsk: draft.safeToAsk }),
    answers,
    ...(context === undefined ? {} : { context }),
    ...(draft.professionalJudgement === undefined ? {} : { professionalJudgement: draft.professionalJudgement }),
    // A BRAG judgement belongs to the police vulnerability section: kept only while that section shows.
    ...(draft.bragJudgement === undefined || !bragRationale || !visibleSections(draft).includes("vulnerability")
      ? {}
      : { bragJudgement: { colour: draft.bragJudgement.colour, rationale: draft.bragJudgement.rationale } }),
    ...(extras.previousAssessments === undefined || extras.previousAssessments.length === 0
      ? {}
      : { previousAssessments: extras.previousAssessments }),
  };
}

/**
 * The draft as the engine sees it now: the validated case file and its outcome under this policy,
 * or the issues that stop it (a draft may be incomplete).
 */
export function assessDraft(
  draft: AssessmentDraft,
  extras: CaseFileExtras,
  policy: Policy,
): { ok: true; caseFile: CaseFile; outcome: Outcome } | { ok: false; issues: ValidationIssue[] } {
  const result = validateCaseFile(toCaseFile(draft, new Date(), extras));
  return result.ok ? { ...result, outcome: assessCase(result.caseFile, policy) } : result;
}

/**
 * Records what is in the judgement form: the entry itself (undefined when nothing is entered) and,
 * only when the form's rules pass, the judgement the case file gets. An invalid entry removes any
 * earlier judgement from the case file: what the practitioner sees is what will be completed.
 */
export function withJudgementEntry(
  draft: AssessmentDraft,
  entry: AssessmentDraft["judgementEntry"],
  valid: AssessmentDraft["professionalJudgement"],
): AssessmentDraft {
  const { professionalJudgement: _judgement, judgementEntry: _entry, ...rest } = draft;
  return {
    ...rest,
    ...(entry === undefined ? {} : { judgementEntry: entry }),
    ...(valid === undefined ? {} : { professionalJudgement: valid }),
  };
}

export function withBragEntry(
  draft: AssessmentDraft,
  entry: AssessmentDraft["bragEntry"],
  valid: AssessmentDraft["bragJudgement"],
): AssessmentDraft {
  const { bragJudgement: _judgement, bragEntry: _entry, ...rest } = draft;
  return {
    ...rest,
    ...(entry === undefined ? {} : { bragEntry: entry }),
    ...(valid === undefined ? {} : { bragJudgement: valid }),
  };
}

/** Something is entered in the judgement form that is not (yet) a valid judgement. */
export function judgementPending(draft: AssessmentDraft): boolean {
  return draft.judgementEntry !== undefined && draft.professionalJudgement === undefined;
}

/** The same for the BRAG colour, only while the vulnerability section shows (it is ignored otherwise). */
export function bragPending(draft: AssessmentDraft): boolean {
  return (
    draft.bragEntry !== undefined &&
    draft.bragJudgement === undefined &&
    visibleSections(draft).includes("vulnerability")
  );
}

/**
 * What the gate recorded when it was not safe to ask: why, the short safety note and the reminder
 * to return. The case-file contract has no field for them, so they are sealed beside the case file
 * of the completed assessment (storage `notes`) and shown on its read-only view. Never put in a
 * referral pack: a note about how to reach the person safely must not reach a wider-shared copy.
 */
export interface ScreenNotes {
  notSafeReason?: string;
  safetyNote?: string;
  returnOn?: string;
  returnHow?: string;
  /** Why questions were left unanswered (only when some were). Not a case-file field, so kept here. */
  unansweredReason?: UnansweredReason;
}

const SCREEN_NOTE_KEYS = ["notSafeReason", "safetyNote", "returnOn", "returnHow"] as const;

/**
 * The notes to keep at completion, blanks left out: the gate's notes when it was not safe (as check
 * your answers shows them), and why questions were left unanswered when any were.
 */
export function screenNotesOf(draft: AssessmentDraft): ScreenNotes | undefined {
  const notes: ScreenNotes = {};
  if (draft.safeToAsk !== undefined && draft.safeToAsk !== "yes") {
    for (const key of SCREEN_NOTE_KEYS) {
      const value = draft[key]?.trim();
      if (value) notes[key] = value;
    }
  }
  if (draft.unansweredReason !== undefined && unansweredQuestionIds(draft).length > 0)
    notes.unansweredReason = draft.unansweredReason;
  return Object.keys(notes).length > 0 ? notes : undefined;
}

/** Reads stored notes defensively (undefined when absent or unreadable, as for older records). */
export function readScreenNotes(value: unknown): ScreenNotes | undefined {
  if (!isRecord(value)) return undefined;
  const notes: ScreenNotes = {};
  for (const key of SCREEN_NOTE_KEYS) {
    const field = value[key];
    if (typeof field === "string" && field.trim() !== "") notes[key] = field;
  }
  const reason = oneOf(UNANSWERED_REASONS, value.unansweredReason);
  if (reason !== undefined) notes.unansweredReason = reason;
  return Object.keys(notes).length > 0 ? notes : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  (values as readonly unknown[]).includes(value) ? (value as T) : undefined;

/** Reads a stored draft defensively: anything unrecognised is dropped rather than trusted. */
export function readDraft(content: unknown, caseId: string): AssessmentDraft {
  const draft = emptyDraft(caseId);
  if (!isRecord(content)) return draft;
  const assessor = isRecord(content.assessor) ? content.assessor : {};
  const role = oneOf(ASSESSOR_ROLES, assessor.role);
  if (role !== undefined) draft.assessor.role = role;
  if (typeof assessor.agency === "string") draft.assessor.agency = assessor.agency;
  const questionSet = oneOf(QUESTION_SET_IDS, content.questionSet);
  if (questionSet !== undefined) draft.questionSet = questionSet;
  const safeToAsk = oneOf(ANSWER_VALUES, content.safeToAsk);
  if (safeToAsk !== undefined) draft.safeToAsk = safeToAsk;
  for (const key of ["notSafeReason", "safetyNote", "returnOn", "returnHow"] as const) {
    const value = content[key];
    if (typeof value === "string") draft[key] = value;
  }
  if (content.observedOnly === true) draft.observedOnly = true;
  const defaultSource = oneOf(ANSWER_SOURCES, content.defaultSource);
  if (defaultSource !== undefined) draft.defaultSource = defaultSource;
  const unansweredReason = oneOf(UNANSWERED_REASONS, content.unansweredReason);
  if (unansweredReason !== undefined) draft.unansweredReason = unansweredReason;
  if (isRecord(content.answers)) {
    for (const [id, raw] of Object.entries(content.answers)) {
      if (!isRecord(raw)) continue;
      const answer = oneOf(ANSWER_VALUES, raw.answer);
      if (answer === undefined) continue;
      const source = oneOf(ANSWER_SOURCES, raw.source);
      draft.answers[id] = {
        answer,
        ...(typeof raw.detail === "string" ? { detail: raw.detail } : {}),
        ...(source === undefined ? {} : { source }),
      };
    }
  }
  if (isRecord(content.context)) draft.context = content.context as CaseContext;
  const facts = readFactEntries(content.facts);
  if (facts !== undefined) draft.facts = facts;
  if (isRecord(content.professionalJudgement)) {
    const level = oneOf(RISK_LEVELS, content.professionalJudgement.level);
    const rationale = content.professionalJudgement.rationale;
    if (level !== undefined && typeof rationale === "string") draft.professionalJudgement = { level, rationale };
  }
  if (isRecord(content.bragJudgement)) {
    const colour = oneOf(BRAG_COLOURS, content.bragJudgement.colour);
    const rationale = content.bragJudgement.rationale;
    if (colour !== undefined && typeof rationale === "string") draft.bragJudgement = { colour, rationale };
  }
  if (isRecord(content.judgementEntry)) {
    const level = oneOf(RISK_LEVELS, content.judgementEntry.level);
    const rationale = content.judgementEntry.rationale;
    if (level !== undefined && typeof rationale === "string") draft.judgementEntry = { level, rationale };
  }
  if (isRecord(content.bragEntry)) {
    const colour = oneOf(BRAG_COLOURS, content.bragEntry.colour);
    const rationale = content.bragEntry.rationale;
    if (colour !== undefined && typeof rationale === "string") draft.bragEntry = { colour, rationale };
  }
  if (typeof content.page === "string") draft.page = content.page as PageKey;
  return draft;
}
