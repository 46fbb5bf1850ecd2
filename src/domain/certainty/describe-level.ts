// A level is never shown without its certainty. Domestic homicide reviews found "not known" read
// as "no" and levels passed on without saying how little was behind them; so every screen that
// shows a level shows it through describeLevel: the level, what set it (score, rule floor,
// professional judgement, carried forward), whether it is provisional and exactly why, with
// unanswered and not-known questions counted separately, and whether the answers were observed
// or taken from records because it was not safe to ask.
import { higherRisk, riskRank, type RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { answerValueOf } from "../case-facts";
import { labelForFloorRule, labelForLevel } from "../labels/labels";
import type { Outcome } from "../outcome";
import type { FloorRule } from "../policy";

export type LevelBasis = "score" | "rule-floor" | "professional-judgement";

export type ProvisionalReason =
  | { kind: "not-known"; count: number }
  | { kind: "not-asked"; count: number; of: number }
  | { kind: "supplementary-not-known"; count: number }
  | { kind: "not-safe-to-ask"; safeToAsk: "no" | "not-known" }
  | { kind: "observed-not-asked" }
  | { kind: "checks-pending" };

export interface LevelDescription {
  /** "not-assessed" before any answer, rule or judgement: no level is shown at all. */
  status: "not-assessed" | "assessed";
  level: RiskLevel | null;
  provisional: boolean;
  basis: LevelBasis | null;
  /** Floor rules that set the level (those reaching it), in the engine's order. */
  floorRules: FloorRule[];
  /** Set when an applied professional judgement raised the level above the computed one. */
  raisedByJudgementFrom?: RiskLevel;
  /** Not safe to ask, and every answer recorded was observed or taken from records. */
  observedNotAsked: boolean;
  counts: { questions: number; yes: number; no: number; notKnown: number; notAsked: number };
  provisionalReasons: ProvisionalReason[];
  /** "High — rule floor: strangulation; provisional: 3 not known, 2 not asked". */
  sentence: string;
  /** The level word alone with a short certainty mark: "High (provisional)", "Not assessed yet". */
  short: string;
}

export interface DescribeLevelContext {
  /** The case file the outcome came from: needed to tell the observed (not asked) route. */
  caseFile?: CaseFile;
}

/** True when it was not safe to ask and every recorded answer was observed or taken from records. */
export function isObservedNotAsked(caseFile: CaseFile): boolean {
  if (caseFile.safeToAsk === "yes") return false;
  const entries = Object.values(caseFile.answers);
  return (
    entries.length > 0 &&
    entries.every((entry) => typeof entry === "object" && (entry.source === "observed" || entry.source === "records"))
  );
}

function anyAnswer(outcome: Outcome, caseFile: CaseFile | undefined): boolean {
  if (caseFile) return Object.values(caseFile.answers).some((entry) => answerValueOf(entry) !== "not-asked");
  return outcome.score.yes + outcome.score.no + outcome.score.notKnown > 0;
}

function notAssessed(total: number): LevelDescription {
  return {
    status: "not-assessed",
    level: null,
    provisional: true,
    basis: null,
    floorRules: [],
    observedNotAsked: false,
    counts: { questions: total, yes: 0, no: 0, notKnown: 0, notAsked: total },
    provisionalReasons: total > 0 ? [{ kind: "not-asked", count: total, of: total }] : [],
    sentence: total > 0 ? `Not assessed yet: none of the ${total} questions has been answered` : "Not assessed yet",
    short: "Not assessed yet",
  };
}

function reasonText(reason: ProvisionalReason): string {
  switch (reason.kind) {
    case "not-known":
      return `${reason.count} not known`;
    case "not-asked":
      return reason.count === reason.of
        ? `${reason.count} of ${reason.of} questions not asked`
        : `${reason.count} not asked`;
    case "supplementary-not-known":
      return `${reason.count} follow-up ${reason.count === 1 ? "question" : "questions"} not known`;
    case "not-safe-to-ask":
      return reason.safeToAsk === "no" ? "not safe to ask" : "not known whether it was safe to ask";
    case "observed-not-asked":
      return "observed, not asked";
    case "checks-pending":
      return "history checks pending";
  }
}

/**
 * The level with its certainty, as a structure and as one plain sentence. `outcome` null (no
 * assessment yet), or an outcome with no answer, no rule and no judgement, is "Not assessed yet":
 * an empty checklist is never shown as a plain "Standard".
 */
export function describeLevel(outcome: Outcome | null, context: DescribeLevelContext = {}): LevelDescription {
  if (outcome === null) return notAssessed(0);
  const { caseFile } = context;
  const { score } = outcome;
  const judgement = outcome.professionalJudgement;
  const judged = judgement.applied || judgement.refusedBecause !== undefined;
  if (!anyAnswer(outcome, caseFile) && outcome.escalations.length === 0 && !judged) return notAssessed(score.total);

  const computed = higherRisk(outcome.scoreBand, outcome.ruleFloor);
  const raised = judgement.applied && riskRank(outcome.riskLevel) > riskRank(computed);
  const floorRules = outcome.escalations
    .filter((escalation) => escalation.to === outcome.ruleFloor && riskRank(outcome.ruleFloor) > 0)
    .map((escalation) => escalation.rule);
  const basis: LevelBasis = raised
    ? "professional-judgement"
    : floorRules.length > 0 && riskRank(outcome.ruleFloor) >= riskRank(outcome.scoreBand)
      ? "rule-floor"
      : "score";

  const observedNotAsked = caseFile !== undefined && isObservedNotAsked(caseFile);
  const reasons: ProvisionalReason[] = [];
  if (outcome.provisional) {
    if (observedNotAsked) reasons.push({ kind: "observed-not-asked" });
    else if (caseFile ? caseFile.safeToAsk !== "yes" : outcome.warnings.some((w) => w.code === "not-safe-to-ask")) {
      reasons.push({ kind: "not-safe-to-ask", safeToAsk: caseFile?.safeToAsk === "not-known" ? "not-known" : "no" });
    }
    if (score.notKnown > 0) reasons.push({ kind: "not-known", count: score.notKnown });
    if (score.notAsked > 0) reasons.push({ kind: "not-asked", count: score.notAsked, of: score.total });
    const supplementaryNotKnown = outcome.missingInformation.filter(
      (gap) => gap.field.startsWith("answers.") && !gap.field.startsWith("answers.dash.") && /not known/.test(gap.why),
    ).length;
    if (supplementaryNotKnown > 0) reasons.push({ kind: "supplementary-not-known", count: supplementaryNotKnown });
    if (outcome.warnings.some((warning) => warning.code === "perpetrator-checks-pending"))
      reasons.push({ kind: "checks-pending" });
  }

  const level = labelForLevel(outcome.riskLevel);
  const parts: string[] = [];
  if (basis === "professional-judgement")
    parts.push(`raised by professional judgement from ${labelForLevel(computed)}`);
  else if (basis === "rule-floor") parts.push(`rule floor: ${floorRules.map(labelForFloorRule).join(", ")}`);
  else parts.push(`from the score: ${score.yes} yes of ${score.total}`);
  if (observedNotAsked) parts.push("observed, not asked");
  if (outcome.provisional) {
    const listed = reasons.filter((reason) => reason.kind !== "observed-not-asked");
    parts.push(
      listed.length > 0
        ? `provisional: ${listed.map(reasonText).join(", ")}`
        : observedNotAsked
          ? "provisional: not safe to ask"
          : "provisional: information is still missing",
    );
  }
  return {
    status: "assessed",
    level: outcome.riskLevel,
    provisional: outcome.provisional,
    basis,
    floorRules,
    ...(raised ? { raisedByJudgementFrom: computed } : {}),
    observedNotAsked,
    counts: {
      questions: score.total,
      yes: score.yes,
      no: score.no,
      notKnown: score.notKnown,
      notAsked: score.notAsked,
    },
    provisionalReasons: reasons,
    sentence: `${level} — ${parts.join("; ")}`,
    short: outcome.provisional ? `${level} (provisional)` : level,
  };
}
