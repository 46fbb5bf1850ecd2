// The coordinator's answer to each suggested match: confirmed or rejected, by whom and when.
// Decisions are kept as a history (a coordinator may change their mind, and a manager may need to
// see who decided what); the latest decision for a pair is the one that counts. Nothing merges.
import { isValidRfc3339 } from "../dates";
import type { MatchCandidate } from "./match-referral";

export type MatchVerdict = "confirmed" | "rejected";

export interface MatchDecision {
  newReferralId: string;
  heldReferralId: string;
  verdict: MatchVerdict;
  /** Who decided, as the coordinator's device names them. */
  decidedBy: string;
  /** When, RFC 3339. */
  decidedAt: string;
  /** Why, in the coordinator's words (optional: "different person, checked with the IDVA"). */
  note?: string;
}

export type DecisionResult = { ok: true; decision: MatchDecision } | { ok: false; problem: string };

/** Records the coordinator's verdict on a candidate; refuses a decision with no one or no time to it. */
export function decideMatch(
  candidate: Pick<MatchCandidate, "newReferralId" | "heldReferralId">,
  verdict: MatchVerdict,
  decidedBy: string,
  decidedAt: string,
  note?: string,
): DecisionResult {
  if (decidedBy.trim() === "") return { ok: false, problem: "Say who made the decision" };
  if (!isValidRfc3339(decidedAt))
    return { ok: false, problem: "The time of the decision is not a valid date and time" };
  const trimmedNote = note?.trim();
  return {
    ok: true,
    decision: {
      newReferralId: candidate.newReferralId,
      heldReferralId: candidate.heldReferralId,
      verdict,
      decidedBy: decidedBy.trim(),
      decidedAt,
      ...(trimmedNote ? { note: trimmedNote } : {}),
    },
  };
}

/** The decision that counts for a pair: the latest one (by time; on a tie, the one recorded last). */
export function currentDecision(
  decisions: readonly MatchDecision[],
  pair: Pick<MatchCandidate, "newReferralId" | "heldReferralId">,
): MatchDecision | null {
  let latest: MatchDecision | null = null;
  for (const decision of decisions) {
    if (decision.newReferralId !== pair.newReferralId || decision.heldReferralId !== pair.heldReferralId) continue;
    if (!latest || Date.parse(decision.decidedAt) >= Date.parse(latest.decidedAt)) latest = decision;
  }
  return latest;
}

/** One decision as text with its fields in a fixed order: the same decision, recorded anywhere, is one string. */
function decisionKey(decision: MatchDecision): string {
  const { newReferralId, heldReferralId, verdict, decidedBy, decidedAt, note } = decision;
  return JSON.stringify([decidedAt, newReferralId, heldReferralId, verdict, decidedBy, note ?? null]);
}

/**
 * Two coordinator devices' histories of answers as one (decisions §35): every decision either holds,
 * once, ordered by time and then by a fixed reading of the decision, so every device that has seen the
 * same decisions has the same history in the same order. With `currentDecision` (latest by time; on a
 * tie, the one last in this order) two answers given at once on two devices settle on the same one
 * everywhere, and the other stays in the history.
 */
export function mergeDecisionHistories(
  ours: readonly MatchDecision[],
  theirs: readonly MatchDecision[],
): MatchDecision[] {
  const byKey = new Map<string, MatchDecision>();
  for (const decision of [...ours, ...theirs]) byKey.set(decisionKey(decision), decision);
  return [...byKey.entries()]
    .sort(([keyA, a], [keyB, b]) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || keyA.localeCompare(keyB))
    .map(([, decision]) => decision);
}

/** The earlier answers for a pair (all but the one that counts), oldest first: the history the screen shows. */
export function earlierDecisions(
  decisions: readonly MatchDecision[],
  pair: Pick<MatchCandidate, "newReferralId" | "heldReferralId">,
): MatchDecision[] {
  const current = currentDecision(decisions, pair);
  return decisions.filter(
    (decision) =>
      decision !== current &&
      decision.newReferralId === pair.newReferralId &&
      decision.heldReferralId === pair.heldReferralId,
  );
}

/** The candidates the coordinator has not yet confirmed or rejected. */
export function candidatesAwaitingDecision(
  candidates: readonly MatchCandidate[],
  decisions: readonly MatchDecision[],
): MatchCandidate[] {
  return candidates.filter((candidate) => currentDecision(decisions, candidate) === null);
}

/** The candidates the coordinator has confirmed: only these make the new referral a repeat or a duplicate. */
export function confirmedMatches(
  candidates: readonly MatchCandidate[],
  decisions: readonly MatchDecision[],
): MatchCandidate[] {
  return candidates.filter((candidate) => currentDecision(decisions, candidate)?.verdict === "confirmed");
}
