// A "not safe to ask" assessment waits, unfinished, until the practitioner can come back, and it must
// not vanish meanwhile (issue 14 item 4): observed strangulation is High risk whether or not the
// questions could be asked. So the case list, the review dashboard and the case review show the level
// the engine gives from what was observed, with its certainty ("High — observed, not asked"), and the
// date agreed to come back by, overdue once it has passed (Europe/London calendar dates).
//
// They read it from short codes kept with the case's flags ("not-safe:…"), written while the draft is
// open and at completion, so no case is decrypted to draw a list. Storage keeps these codes sealed in
// the clear-metadata index (the lists already decrypt that one row), never on the clear case row.
import type { AnswerValue, RiskLevel } from "../answers";
import { RISK_LEVELS } from "../answers";
import type { CaseFile } from "../case-file";
import { isInSupportedYears, isValidIsoDate, type IsoDate } from "../dates";
import type { Outcome } from "../outcome";
import { describeLevel } from "./describe-level";
import {
  describeLevelFromSummary,
  LEVEL_CODE_PREFIX,
  levelCertaintyCodes,
  summaryLevelParts,
  type SummaryLevelText,
} from "./summary-codes";

/** Every not-safe code starts with this: the draft's and the completion's writes replace them all. */
export const NOT_SAFE_CODE_PREFIX = "not-safe:";
/** "not-safe:risk:high": the level the engine gives the unfinished assessment. */
const RISK_PREFIX = `${NOT_SAFE_CODE_PREFIX}risk:`;
/** "not-safe:level:observed": its certainty, as levelCertaintyCodes writes a completed level's. */
const LEVEL_PREFIX = `${NOT_SAFE_CODE_PREFIX}${LEVEL_CODE_PREFIX}`;
/** "not-safe:return-by:2025-03-14": the date agreed to come back by. */
const RETURN_BY_PREFIX = `${NOT_SAFE_CODE_PREFIX}return-by:`;

/** The gate treats "not known" like "no": do not ask now, agree a way back (gate-step.tsx). */
export function isNotSafeToAsk(safeToAsk: AnswerValue | undefined): boolean {
  return safeToAsk === "no" || safeToAsk === "not-known";
}

function returnByCode(returnOn: string | undefined): string[] {
  const date = returnOn?.trim() ?? "";
  return isValidIsoDate(date) && isInSupportedYears(date) ? [`${RETURN_BY_PREFIX}${date}`] : [];
}

export interface NotSafeDraftInput {
  safeToAsk: AnswerValue | undefined;
  /** The "Come back by" date as the gate recorded it ("YYYY-MM-DD"); anything else is left out. */
  returnOn: string | undefined;
  /** The engine's outcome for the draft so far (null while the draft cannot be assessed yet). */
  outcome: Outcome | null;
  /** The case file that outcome came from: tells the observed (not asked) route. */
  caseFile: CaseFile | null;
}

/**
 * The codes for an assessment still in progress: null while the safe-to-ask question is unanswered
 * (nothing to say yet: the case keeps what it has), none once it is safe to ask (the practitioner is
 * back and can ask), else the level from what was recorded with its certainty and the return date.
 */
export function notSafeDraftCodes({ safeToAsk, returnOn, outcome, caseFile }: NotSafeDraftInput): string[] | null {
  if (safeToAsk === undefined) return null;
  if (!isNotSafeToAsk(safeToAsk)) return [];
  const description = describeLevel(outcome, caseFile === null ? {} : { caseFile });
  return [
    ...(description.level === null || description.status === "not-assessed"
      ? []
      : [`${RISK_PREFIX}${description.level}`]),
    ...levelCertaintyCodes(description).map((code) => `${NOT_SAFE_CODE_PREFIX}${code}`),
    ...returnByCode(returnOn),
  ];
}

/**
 * The codes once the assessment is completed: its level is the case's own now (with "observed, not
 * asked" in its certainty), so only the date to come back by stays, while it was not safe to ask.
 */
export function notSafeCodesAtCompletion(caseFile: CaseFile, returnOn: string | undefined): string[] {
  return isNotSafeToAsk(caseFile.safeToAsk) ? returnByCode(returnOn) : [];
}

/** `flags` with every not-safe code replaced by `codes`; other flags kept in order. */
export function withNotSafeCodes(flags: readonly string[], codes: readonly string[]): string[] {
  return [...flags.filter((flag) => !flag.startsWith(NOT_SAFE_CODE_PREFIX)), ...codes];
}

/**
 * The level a list shows and counts: an unfinished not-safe assessment's, when it has one (the engine
 * already carried a recent higher level forward into it), else the latest completed assessment's.
 * One pass over the flags, no allocation: the dashboard calls it for every case, in its sort too.
 */
export function currentRiskLevel(riskLevel: string | null, flags: readonly string[]): string | null {
  for (const flag of flags) if (flag.startsWith(RISK_PREFIX)) return flag.slice(RISK_PREFIX.length);
  return riskLevel;
}

function notSafeDraftText(flags: readonly string[]): SummaryLevelText | null {
  const risk = currentRiskLevel(null, flags);
  if (risk === null || !(RISK_LEVELS as readonly string[]).includes(risk)) return null;
  const codes = flags.filter((flag) => flag.startsWith(LEVEL_PREFIX)).map((flag) => flag.slice(LEVEL_PREFIX.length));
  if (codes.length === 0) return null;
  const { level, basis, observed, provisional, notSafe, reasons } = summaryLevelParts(risk as RiskLevel, codes);
  // The route first: how little the level rests on is the first thing to know about it.
  const route = observed ? "observed, not asked" : (notSafe ?? "not safe to ask");
  const parts = [
    route,
    basis,
    ...(provisional ? [reasons.length > 0 ? `provisional: ${reasons.join(", ")}` : "provisional"] : []),
    "assessment not finished",
  ];
  return { sentence: `${level} — ${parts.join("; ")}`, short: `${level} — ${route}`, provisional: true };
}

function hasNotSafeLevel(flags: readonly string[]): boolean {
  return flags.some((flag) => flag.startsWith(LEVEL_PREFIX));
}

/**
 * The level with its certainty as the lists show it: an unfinished not-safe assessment's level
 * ("High — observed, not asked; rule floor: strangulation; provisional: 26 not asked; assessment not
 * finished"), else the completed level (describeLevelFromSummary). A not-safe draft with nothing
 * recorded yet leaves a completed level as it is, and otherwise says why there is none.
 */
export function describeCurrentLevelFromSummary(riskLevel: string | null, flags: readonly string[]): SummaryLevelText {
  const draft = notSafeDraftText(flags);
  if (draft !== null) return draft;
  const completed = describeLevelFromSummary(riskLevel, flags);
  if (completed.provisional === null && completed.short === "Not assessed yet" && hasNotSafeLevel(flags)) {
    return {
      sentence: "Not assessed yet — not safe to ask; nothing recorded yet",
      short: "Not assessed yet — not safe to ask",
      provisional: null,
    };
  }
  return completed;
}

/** The date agreed to come back by, or null. */
export function returnByOf(flags: readonly string[]): IsoDate | null {
  for (const flag of flags) if (flag.startsWith(RETURN_BY_PREFIX)) return flag.slice(RETURN_BY_PREFIX.length);
  return null;
}

/** Overdue once `today` (the Europe/London date, londonDateOf) is after the date to come back by. */
export function isReturnOverdue(flags: readonly string[], today: IsoDate): boolean {
  const returnBy = returnByOf(flags);
  // "YYYY-MM-DD" strings compare as dates.
  return returnBy !== null && today > returnBy;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2025-03-14" → "14 March 2025" (the date as written: no time zone can move it). */
export function longDate(date: IsoDate): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}

/** "Come back by 14 March 2025", with ": overdue" once it has passed; null when no date was agreed. */
export function returnByText(flags: readonly string[], today: IsoDate): string | null {
  const returnBy = returnByOf(flags);
  if (returnBy === null) return null;
  return `Come back by ${longDate(returnBy)}${today > returnBy ? ": overdue" : ""}`;
}
