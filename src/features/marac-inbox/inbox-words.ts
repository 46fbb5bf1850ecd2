// What the coordinator's inbox says about a referral's matches: the flag in the list and the words on
// the referral page. Only a confirmed match makes a referral a repeat or a duplicate (decisions §22);
// until the coordinator answers, it is a possible match.
import type { MatchClassification } from "../../domain/marac-matching/match-classification";
import type { InboxMatch, InboxReferral } from "../../storage/sync/marac-records-api";

export type ReferralFlag = "possible" | "repeat" | "duplicate";

export const FLAG_WORDS: Record<ReferralFlag, string> = {
  possible: "Possible match",
  repeat: "Repeat",
  duplicate: "Duplicate",
};

export const CLASSIFICATION_WORDS: Record<MatchClassification, string> = {
  repeat: "Would make this a repeat referral",
  duplicate: "Would make this a duplicate referral",
  "earlier-referral": "An earlier referral",
};

/** The list's flags: a repeat or duplicate once confirmed; a possible match while one awaits an answer. */
export function referralFlags(referral: Pick<InboxReferral, "matches">): ReferralFlag[] {
  const flags = new Set<ReferralFlag>();
  for (const match of referral.matches) {
    if (match.decision?.verdict === "confirmed") {
      if (match.candidate.classification === "repeat") flags.add("repeat");
      if (match.candidate.classification === "duplicate") flags.add("duplicate");
    } else if (match.decision === null) {
      flags.add("possible");
    }
  }
  return (["repeat", "duplicate", "possible"] as const).filter((flag) => flags.has(flag));
}

/** "Confirmed as the same person by Sam Coordinator on 7 December 2026", or "Not answered yet". */
export function decisionWords(match: Pick<InboxMatch, "decision">, formatTime: (iso: string) => string): string {
  const { decision } = match;
  if (decision === null) return "Not answered yet";
  const what = decision.verdict === "confirmed" ? "Confirmed as the same person" : "Rejected: not the same person";
  return `${what}, by ${decision.decidedBy} on ${formatTime(decision.decidedAt)}`;
}

/** The victim's name as the referral gave it, or a plain placeholder: never an id. */
export function victimNameOf(referral: Pick<InboxReferral, "referral">): string {
  const name = referral.referral.victim.name?.trim();
  return name === undefined || name === "" ? "Name not given" : name;
}
