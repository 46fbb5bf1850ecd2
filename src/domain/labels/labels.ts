// Plain words for everything the engine names by code or path: warning codes, evidence names,
// missing-information fields, pathways, rules and criteria. Screens, packs and the review print
// these labels, never the raw id: a practitioner reading "context.perpetratorChecks" or
// "unknown-not-no" cannot act on it, and a code that is not understood is a risk that is not seen.
//
// Every function returns plain words for any input: a code or path the tables do not know is
// turned into words (never echoed raw), and the tests fail on any table entry that is missing.
import type { BragColour, RiskLevel } from "../answers";
import {
  CARE_NEEDS_KINDS,
  CONTEXT_FIELDS,
  EXPLOITATION_TAGS,
  PERPETRATOR_HISTORY_TAGS,
  PROTECTIVE_ORDER_TYPES,
  SUBSTANCE_USE_TAGS,
} from "../case-file";
import type { MaracCriterion, PathwayDecision, PathwayName, S42Decision } from "../outcome";
import type { FloorRule } from "../policy";
import { CARE_AND_SUPPORT_PROMPTS, EXPLOITATION_PROMPTS } from "../question-sets/context-prompts";
import { DASH_QUESTIONS } from "../question-sets/dash-questions";
import { questionById } from "../question-sets/question-set-registry";

// ----------------------------------------------------------------------------- warnings

/** A short title for each warning code; the warning's own message gives the detail. */
export const WARNING_LABELS: Record<string, string> = {
  "unknown-not-no": "Some answers are not known: not known is never treated as no",
  "not-safe-to-ask": "It was not safe to ask the questions",
  "previous-level-carried-forward": "Level carried forward from the previous assessment",
  "risk-decreased-since-last-assessment": "Risk is lower than at the last assessment",
  "order-expired-recently": "A protective order expired recently",
  "brag-judgement-cannot-lower": "The vulnerability colour judgement cannot lower the colour",
  "honour-based-abuse": "Signs of honour-based abuse",
  "could-be-high-when-unknowns-resolved": "Could be high risk once the unknown answers are found out",
  "perpetrator-checks-pending": "History checks on the person causing harm are still pending",
  "retraction-does-not-lower-risk": "A withdrawn complaint or statement does not lower the risk",
  "judgement-cannot-lower": "Professional judgement cannot lower the level",
  "repeat-marac": "Repeat MARAC: a new incident within a year of the last MARAC",
  "moved-area": "The victim or the person causing harm moved area recently",
  "children-at-risk": "Children are at risk",
  "risk-increased-since-last-assessment": "Risk is higher than at the last assessment",
  "order-expiring": "A protective order ends soon",
  "order-does-not-lower-risk": "A protective order does not lower the risk",
  "key-question-unresolved": "A key question is still unresolved",
  "history-answered-without-checks": "History questions answered without checks",
  "stalking-questions-not-asked": "Stalking follow-up questions not asked",
  "hbv-questions-not-asked": "Honour-based abuse follow-up questions not asked",
  "timeline-progression": "Moving along the homicide timeline",
  "victim-suicide-risk": "Risk of the victim taking their own life",
  "risk-of-place": "Risk from where the victim lives",
  "capacity-is-not-the-test": "Mental capacity is not the adult safeguarding test",
  "exploitation-is-abuse": "Exploitation is abuse, not a choice",
};

export function labelForWarning(code: string): string {
  return WARNING_LABELS[code] ?? sentenceCase(wordsOf(code));
}

// ----------------------------------------------------------------------------- questions

/** The question's number in the spec's list (1–27: the 24 practitioner questions, then the police form's 3). */
export function dashQuestionNumber(id: string): number | undefined {
  const index = DASH_QUESTIONS.findIndex((question) => question.id === id);
  return index < 0 ? undefined : index + 1;
}

const SUPPLEMENTARY_PREFIX: Record<string, string> = {
  stalking: "Stalking question",
  hbv: "Honour-based abuse question",
  brag: "Vulnerability",
  timeline: "Timeline sign",
};

/** "dash.pregnancy" → "Question 9: Pregnant or had a baby in the last 18 months". */
export function labelForQuestion(id: string): string {
  const question = questionById(id);
  const number = dashQuestionNumber(id);
  if (question && number !== undefined) return `Question ${number}: ${question.riskFactor}`;
  const prefix = SUPPLEMENTARY_PREFIX[id.split(".")[0] ?? ""];
  if (question && prefix) return `${prefix}: ${question.riskFactor}`;
  return `Question: ${wordsOf(id.split(".").slice(1).join(" ") || id)}`;
}

// ----------------------------------------------------------------------------- context facts

const CONTEXT_LABELS: Record<(typeof CONTEXT_FIELDS)[number], string> = {
  policeCallouts12m: "Police call-outs in the last 12 months",
  previousMaracDates: "Earlier MARAC dates",
  safeguardingConcerns: "Adult safeguarding concerns raised",
  newIncident: "Follows a new incident",
  children: "Children in the household",
  pregnant: "Pregnant now",
  separation: "Separation",
  victimRetracted: "Victim withdrew a complaint or statement",
  perpetratorChecks: "History checks on the person causing harm",
  perpetratorHistory: "Known history of the person causing harm",
  careAndSupport: "Care and support (the adult safeguarding facts)",
  exploitation: "Exploitation",
  housing: "Housing",
  substanceUse: "Own substance use",
  movedArea: "Moved between areas recently",
  protectiveOrders: "Protective orders",
  nonDisclosure: "Facts never to disclose",
};

/** A list field's items: "Protective order 1", "Child 2". */
const ITEM_NAMES: Record<string, string> = {
  previousMaracDates: "Earlier MARAC date",
  safeguardingConcerns: "Safeguarding concern",
  children: "Child",
  protectiveOrders: "Protective order",
  perpetratorHistory: "Known history item",
  exploitation: "Exploitation item",
  substanceUse: "Substance",
  nonDisclosure: "Fact never to disclose",
};

const ITEM_FIELD_LABELS: Record<string, string> = {
  date: "date",
  agency: "agency",
  age: "age",
  relationshipToPerpetrator: "relationship to the person causing harm",
  type: "type",
  granted: "date granted",
  expires: "end date",
  riskLevel: "risk level",
};

const SEPARATION_FIELD_LABELS: Record<string, string> = { date: "Separation: date", status: "Separation: status" };

export const HISTORY_TAG_LABELS: Record<(typeof PERPETRATOR_HISTORY_TAGS)[number], string> = {
  "previous-da": "previous domestic abuse",
  "previous-partner-violence": "violence to a previous partner",
  "violence-others": "violence to other people",
  stalking: "stalking",
  weapons: "weapons",
  "threats-to-kill-others": "threats to kill other people",
  "sexual-offences": "sexual offences",
  "breach-of-orders": "breaking court orders or bail",
};

const SUBSTANCE_LABELS: Record<(typeof SUBSTANCE_USE_TAGS)[number], string> = {
  alcohol: "alcohol",
  opiates: "opiates",
  crack: "crack cocaine",
  other: "other drugs",
};

const NEEDS_KIND_LABELS: Record<(typeof CARE_NEEDS_KINDS)[number], string> = {
  "physical-disability": "physical disability",
  "learning-disability": "learning disability",
  "mental-ill-health": "mental ill-health",
  "substance-dependence": "substance dependence",
  "brain-injury": "brain injury",
  neurodivergence: "neurodivergence",
  frailty: "frailty",
  sensory: "sensory impairment",
  other: "other need",
};

export const ORDER_TYPE_LABELS: Record<(typeof PROTECTIVE_ORDER_TYPES)[number], string> = {
  "non-molestation": "Non-molestation order",
  occupation: "Occupation order",
  restraining: "Restraining order",
  dvpo: "Domestic violence protection order",
  "bail-conditions": "Bail conditions",
  "prohibited-steps": "Prohibited steps order",
  other: "Other order",
};

const EXPLOITATION_LABELS = Object.fromEntries(
  EXPLOITATION_PROMPTS.map((prompt) => [prompt.field.slice("context.exploitation.".length), prompt.label]),
) as Record<(typeof EXPLOITATION_TAGS)[number], string>;

const CARE_FIELD_LABELS = Object.fromEntries(
  CARE_AND_SUPPORT_PROMPTS.filter((prompt) => prompt.field.startsWith("context.careAndSupport.")).map((prompt) => [
    prompt.field.slice("context.careAndSupport.".length),
    prompt.label,
  ]),
) as Record<string, string>;

function tagLabel(field: string, tag: string): string | undefined {
  switch (field) {
    case "perpetratorHistory":
      return HISTORY_TAG_LABELS[tag as keyof typeof HISTORY_TAG_LABELS];
    case "exploitation":
      return EXPLOITATION_LABELS[tag as keyof typeof EXPLOITATION_LABELS]?.toLowerCase();
    case "substanceUse":
      return SUBSTANCE_LABELS[tag as keyof typeof SUBSTANCE_LABELS];
    default:
      return undefined;
  }
}

/** "context.protectiveOrders[0].expires" → "Protective order 1: end date"; "context.exploitation.cuckooing" → "Exploitation: cuckooing (home taken over)". */
function labelForContextPath(rest: string): string {
  const match = /^([A-Za-z0-9]+)(.*)$/.exec(rest);
  if (!match) return sentenceCase(wordsOf(rest));
  const field = match[1]!;
  const tail = match[2]!;
  const fieldLabel = CONTEXT_LABELS[field as keyof typeof CONTEXT_LABELS] ?? sentenceCase(wordsOf(field));
  if (tail === "") return fieldLabel;
  const item = /^\[(\d+)\](?:\.([A-Za-z]+))?$/.exec(tail);
  if (item) {
    const name = `${ITEM_NAMES[field] ?? `${fieldLabel}: item`} ${Number(item[1]) + 1}`;
    return item[2] === undefined ? name : `${name}: ${ITEM_FIELD_LABELS[item[2]] ?? wordsOf(item[2])}`;
  }
  const named = /^\.([A-Za-z0-9-]+)(?:\.([A-Za-z0-9-]+))?$/.exec(tail);
  if (named) {
    const [, first, second] = named as unknown as [string, string, string | undefined];
    if (field === "separation") return SEPARATION_FIELD_LABELS[first] ?? `Separation: ${wordsOf(first)}`;
    if (field === "careAndSupport") {
      const sub = CARE_FIELD_LABELS[first] ?? sentenceCase(wordsOf(first));
      if (second === undefined) return sub;
      return `Care and support need: ${NEEDS_KIND_LABELS[second as keyof typeof NEEDS_KIND_LABELS] ?? wordsOf(second)}`;
    }
    const tag = tagLabel(field, first);
    if (second === undefined) return `${fieldLabel}: ${tag ?? wordsOf(first)}`;
  }
  return `${fieldLabel}: ${wordsOf(tail)}`;
}

// ----------------------------------------------------------------------------- evidence and gaps

const TOP_LEVEL_LABELS: Record<string, string> = {
  professionalJudgement: "Professional judgement",
  bragJudgement: "Vulnerability colour judgement",
  previousAssessments: "Previous assessments",
  safeToAsk: "Whether it was safe to ask the questions",
  assessedAt: "Date of the assessment",
  assessor: "Who made the assessment",
  answers: "The answers",
  context: "Recorded facts",
  questionSet: "Which checklist was used",
};

/**
 * Plain words for an evidence name or a missing-information field: an answer id (bare or under
 * "answers."), a context path, a list item, a previous assessment, or a top-level field.
 */
export function labelForEvidence(path: string): string {
  const trimmed = path.trim();
  const answerId = trimmed.startsWith("answers.") ? trimmed.slice("answers.".length) : trimmed;
  if (/^(dash|stalking|hbv|brag|timeline)\.[a-z0-9-]+$/.test(answerId)) return labelForQuestion(answerId);
  if (trimmed.startsWith("context.")) return labelForContextPath(trimmed.slice("context.".length));
  const previous = /^previousAssessments\[(\d+)\](?:\.([A-Za-z]+))?$/.exec(trimmed);
  if (previous) {
    const name = `Previous assessment ${Number(previous[1]) + 1}`;
    return previous[2] === undefined ? name : `${name}: ${ITEM_FIELD_LABELS[previous[2]] ?? wordsOf(previous[2])}`;
  }
  if (TOP_LEVEL_LABELS[trimmed]) return TOP_LEVEL_LABELS[trimmed]!;
  return sentenceCase(wordsOf(trimmed));
}

/** Plain words for a missing-information field ("answers.<id>" or "context.<path>"). */
export function labelForMissing(field: string): string {
  return labelForEvidence(field);
}

/** Several evidence names as one line: "Question 15: Tried to strangle…; Pregnant now". */
export function labelsForEvidence(paths: readonly string[], separator = "; "): string {
  return paths.map(labelForEvidence).join(separator);
}

// ----------------------------------------------------------------------------- pathways, rules, levels

export const PATHWAY_LABELS: Record<PathwayName, string> = {
  marac: "MARAC",
  s42: "Care Act s42 adult safeguarding",
  marm: "MARM (multi-agency risk management)",
  "childrens-services": "Children's services",
  idva: "IDVA",
  "stalking-advocacy": "Stalking advocacy",
};

export function labelForPathway(pathway: string): string {
  return PATHWAY_LABELS[pathway as PathwayName] ?? sentenceCase(wordsOf(pathway));
}

export const PATHWAY_DECISION_LABELS: Record<PathwayDecision, string> = {
  refer: "Refer",
  consider: "Consider",
  "not-met": "Not called for on what is recorded",
};

export function labelForPathwayDecision(decision: string): string {
  return PATHWAY_DECISION_LABELS[decision as PathwayDecision] ?? sentenceCase(wordsOf(decision));
}

export const S42_DECISION_LABELS: Record<S42Decision, string> = {
  refer: "Refer: the three tests are met",
  "not-met": "Not met: a test is answered no",
  "insufficient-information": "Not yet known: a test is still unknown",
  "not-assessed": "Not assessed: care and support not recorded",
};

export function labelForS42Decision(decision: string): string {
  return S42_DECISION_LABELS[decision as S42Decision] ?? sentenceCase(wordsOf(decision));
}

/** Each floor rule in a few words, to follow "rule floor: ". */
export const FLOOR_RULE_LABELS: Record<FloorRule, string> = {
  strangulation: "strangulation",
  "threats-to-kill": "threats to kill",
  "visible-high-risk": "visible high risk (enough yes answers on their own)",
  "children-threatened": "children hurt or threatened",
  "carry-forward": "carried forward from the previous assessment",
  "separation-and-stalking": "separation with stalking",
  "weapons-and-escalation": "weapons with abuse getting worse or more often",
  "planning-indicators": "signs of planning",
  "hbv-threats": "honour-based threats",
  "pregnancy-and-violence": "pregnancy with injury",
};

export function labelForFloorRule(rule: string): string {
  return FLOOR_RULE_LABELS[rule as FloorRule] ?? wordsOf(rule);
}

export const MARAC_CRITERION_SHORT_LABELS: Record<MaracCriterion, string> = {
  "visible-high-risk": "Visible high risk",
  "escalation-rule": "A stand-alone high-risk indicator",
  "professional-judgement": "Professional judgement",
  "carried-forward": "High risk carried forward from the last assessment",
  "potential-escalation": "Potential escalation (police call-outs)",
  repeat: "Repeat MARAC",
};

export function labelForMaracCriterion(criterion: string): string {
  return MARAC_CRITERION_SHORT_LABELS[criterion as MaracCriterion] ?? sentenceCase(wordsOf(criterion));
}

export const LEVEL_LABELS: Record<RiskLevel, string> = { standard: "Standard", medium: "Medium", high: "High" };

export function labelForLevel(level: string): string {
  return LEVEL_LABELS[level as RiskLevel] ?? sentenceCase(wordsOf(level));
}

export const BRAG_LABELS: Record<BragColour, string> = { blue: "Blue", green: "Green", amber: "Amber", red: "Red" };

export function labelForBrag(colour: string): string {
  return BRAG_LABELS[colour as BragColour] ?? sentenceCase(wordsOf(colour));
}

// ----------------------------------------------------------------------------- fallback

/** Any code or path as words: "perpetratorChecks" → "perpetrator checks", "a.b[0]" → "a b 1". */
export function wordsOf(code: string): string {
  return code
    .replace(/\[(\d+)\]/g, (_, index: string) => ` ${Number(index) + 1}`)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
