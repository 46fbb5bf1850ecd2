// The level's certainty for screens that read only a case's clear summary (case list, review
// dashboard, CSV): stored as short codes beside the level, never free text, so the list can say
// "High — rule floor: strangulation" or "Standard (provisional: 3 not known)" without decrypting.
import { RISK_LEVELS, type RiskLevel } from "../answers";
import { labelForFloorRule, labelForLevel } from "../labels/labels";
import type { LevelDescription } from "./describe-level";

/** Every certainty code starts with this, so a new completion replaces the last one's codes. */
export const LEVEL_CODE_PREFIX = "level:";

/** The description as clear codes: "level:floor:strangulation", "level:not-known:3", "level:observed". */
export function levelCertaintyCodes(description: LevelDescription): string[] {
  if (description.status === "not-assessed") return [`${LEVEL_CODE_PREFIX}not-assessed`];
  const codes: string[] = [`${LEVEL_CODE_PREFIX}basis:${description.basis}`];
  for (const rule of description.floorRules) codes.push(`${LEVEL_CODE_PREFIX}floor:${rule}`);
  if (description.raisedByJudgementFrom)
    codes.push(`${LEVEL_CODE_PREFIX}raised-from:${description.raisedByJudgementFrom}`);
  if (description.observedNotAsked) codes.push(`${LEVEL_CODE_PREFIX}observed`);
  codes.push(`${LEVEL_CODE_PREFIX}${description.provisional ? "provisional" : "complete"}`);
  for (const reason of description.provisionalReasons) {
    if (reason.kind === "not-known") codes.push(`${LEVEL_CODE_PREFIX}not-known:${reason.count}`);
    if (reason.kind === "not-asked") codes.push(`${LEVEL_CODE_PREFIX}not-asked:${reason.count}:${reason.of}`);
    if (reason.kind === "supplementary-not-known")
      codes.push(`${LEVEL_CODE_PREFIX}follow-up-not-known:${reason.count}`);
    if (reason.kind === "not-safe-to-ask") codes.push(`${LEVEL_CODE_PREFIX}not-safe:${reason.safeToAsk}`);
    if (reason.kind === "checks-pending") codes.push(`${LEVEL_CODE_PREFIX}checks-pending`);
  }
  return codes;
}

export interface SummaryLevelText {
  /** "High — rule floor: strangulation; provisional: 3 not known". */
  sentence: string;
  /** "High (provisional)", "Not assessed yet". */
  short: string;
  provisional: boolean | null;
}

/** A case row's certainty codes read back, in words: what describeLevelFromSummary joins into its sentence. */
export interface SummaryLevelParts {
  /** "High". */
  level: string;
  /** What set the level: "rule floor: strangulation", "raised by professional judgement from Medium", "from the score". */
  basis: string;
  /** Not safe to ask, and every answer recorded was observed or taken from records. */
  observed: boolean;
  provisional: boolean;
  /** "not safe to ask" or "not known whether it was safe to ask" when the codes say so (and not observed). */
  notSafe: string | null;
  /** The other reasons it is provisional, in order: "3 not known", "2 not asked", "history checks pending". */
  reasons: string[];
}

/** `codes` are the certainty codes without their prefix ("basis:score", "not-known:3"); at least one. */
export function summaryLevelParts(riskLevel: RiskLevel, codes: readonly string[]): SummaryLevelParts {
  const valueOf = (prefix: string) =>
    codes.filter((code) => code.startsWith(prefix)).map((code) => code.slice(prefix.length));
  const raisedFrom = valueOf("raised-from:")[0];
  const floor = valueOf("floor:");
  const basis = raisedFrom
    ? `raised by professional judgement from ${labelForLevel(raisedFrom)}`
    : codes.includes("basis:rule-floor") && floor.length > 0
      ? `rule floor: ${floor.map(labelForFloorRule).join(", ")}`
      : "from the score";
  const provisional = codes.includes("provisional");
  const reasons: string[] = [];
  let notSafe: string | null = null;
  if (provisional) {
    const safe = valueOf("not-safe:")[0];
    if (safe) notSafe = safe === "no" ? "not safe to ask" : "not known whether it was safe to ask";
    for (const count of valueOf("not-known:")) reasons.push(`${count} not known`);
    for (const value of valueOf("not-asked:")) {
      const [count, of] = value.split(":");
      reasons.push(count === of ? `${count} of ${of} questions not asked` : `${count} not asked`);
    }
    for (const count of valueOf("follow-up-not-known:"))
      reasons.push(`${count} follow-up ${count === "1" ? "question" : "questions"} not known`);
    if (codes.includes("checks-pending")) reasons.push("history checks pending");
  }
  return {
    level: labelForLevel(riskLevel),
    basis,
    observed: codes.includes("observed"),
    provisional,
    notSafe,
    reasons,
  };
}

/**
 * The level with its certainty from a case row's clear fields (riskLevel and flags). Rows written
 * before the codes existed say what they can: "provisional" from the old flag, else that the
 * certainty was not recorded; never a bare level.
 */
export function describeLevelFromSummary(riskLevel: string | null, flags: readonly string[]): SummaryLevelText {
  const codes = flags
    .filter((flag) => flag.startsWith(LEVEL_CODE_PREFIX))
    .map((flag) => flag.slice(LEVEL_CODE_PREFIX.length));
  if (riskLevel === null || !(RISK_LEVELS as readonly string[]).includes(riskLevel) || codes.includes("not-assessed")) {
    return { sentence: "Not assessed yet", short: "Not assessed yet", provisional: null };
  }
  if (codes.length === 0) {
    const level = labelForLevel(riskLevel as RiskLevel);
    const provisional = flags.includes("provisional");
    return provisional
      ? { sentence: `${level} — provisional: open the case to see why`, short: `${level} (provisional)`, provisional }
      : {
          sentence: `${level} — certainty not recorded: open the case to check it`,
          short: `${level} (certainty not recorded)`,
          provisional: null,
        };
  }
  const { level, basis, observed, provisional, notSafe, reasons } = summaryLevelParts(riskLevel as RiskLevel, codes);
  const parts: string[] = [basis];
  if (observed) parts.push("observed, not asked");
  if (provisional) {
    const listed = notSafe === null ? reasons : [notSafe, ...reasons];
    parts.push(listed.length > 0 ? `provisional: ${listed.join(", ")}` : "provisional");
  }
  return {
    sentence: `${level} — ${parts.join("; ")}`,
    short: provisional ? `${level} (provisional)` : level,
    provisional,
  };
}
