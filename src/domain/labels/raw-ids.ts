// Finding raw identifiers in text meant for people: an answer id ("dash.pregnancy"), a dotted
// path ("context.pregnant", "answers.dash.injury"), a list index ("protectiveOrders[0]"), a
// camelCase field name ("perpetratorChecks") or an engine code ("unknown-not-no"). Reviews found
// practitioners reading codes they could not interpret; every label and every rendered screen
// can be checked with assertNoRawIds.
import { CONTRACT_WARNING_CODES, PATHWAYS, PRACTICE_WARNING_CODES, MARAC_CRITERIA } from "../outcome";
import { LOCKED_RULES, OPTIONAL_RULES } from "../policy";
import { QUESTION_SET_IDS } from "../question-sets/question-set-registry";

/** Hyphenated codes that are never English: warning codes, rule and criterion names, pathways, set ids. */
const ENGINE_CODES: ReadonlySet<string> = new Set(
  [
    ...CONTRACT_WARNING_CODES,
    ...PRACTICE_WARNING_CODES,
    ...LOCKED_RULES,
    ...OPTIONAL_RULES,
    ...MARAC_CRITERIA,
    ...PATHWAYS,
    ...QUESTION_SET_IDS,
    "insufficient-information",
    "not-assessed",
    "not-met",
    "not-asked",
  ].filter((code) => code.includes("-")),
);

const PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  // An answer id, bare or under "answers.": dash.injury, stalking.turns-up, hbv.family-threats.
  { kind: "answer id", pattern: /\b(?:dash|stalking|hbv|brag|timeline)\.[a-z0-9][a-z0-9-]*/g },
  // A dotted path in one of the case's namespaces: context.pregnant, details.victim.name.
  {
    kind: "dotted path",
    pattern:
      /\b(?:answers|context|details|outcome|marac|s42|warnings|previousAssessments|careAndSupport)\.[A-Za-z0-9[\]-]+/g,
  },
  // A list index: protectiveOrders[0], children[1].
  { kind: "list index", pattern: /\b[A-Za-z][A-Za-z0-9]*\[\d+\]/g },
  // A camelCase field name: perpetratorChecks, safeToAsk, professionalJudgement.
  { kind: "camelCase field", pattern: /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g },
];

export interface RawId {
  kind: string;
  text: string;
}

/** Every raw id, dotted path, list index, camelCase field name or engine code found in `text`. */
export function findRawIds(text: string): RawId[] {
  const found: RawId[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push({ kind, text: match[0] });
  }
  for (const match of text.matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) {
    if (ENGINE_CODES.has(match[0])) found.push({ kind: "engine code", text: match[0] });
  }
  return found;
}

/** Throws, naming each one, when `text` holds a raw id (for screen and pack tests). */
export function assertNoRawIds(text: string, where = "text"): void {
  const found = findRawIds(text);
  if (found.length > 0) {
    throw new Error(
      `${where} shows raw ids instead of plain words: ${found.map((raw) => `${raw.kind} "${raw.text}"`).join(", ")}\nin: ${text}`,
    );
  }
}
