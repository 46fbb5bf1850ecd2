// Matches a new referral against those the coordinator's device holds. Nothing merges: each
// candidate is a suggestion, with its reasons, for the coordinator to confirm or reject
// (match-decision.ts).
import type { IsoDate } from "../dates";
import type { Policy } from "../policy";
import { classifyMatch, type MatchClassification } from "./match-classification";
import { compareDatesOfBirth } from "./date-of-birth-matching";
import type { MaracReferral } from "./marac-referral";
import { matchStrength, type IdentityComparison, type MatchStrength } from "./match-strength";
import { compareNames } from "./name-matching";
import { comparePostcodes } from "./postcode-matching";

export interface MatchCandidate {
  newReferralId: string;
  heldReferralId: string;
  strength: MatchStrength;
  classification: MatchClassification;
  /** What agrees, in plain English ("Same date of birth (4 March 1990)"). */
  reasons: string[];
  /** What differs or could not be compared, so the coordinator sees the whole picture. */
  differences: string[];
  /** Which rule made it strong or possible. */
  strengthRule: string;
  /** Why it is a repeat, a duplicate or an earlier referral. */
  classificationReason: string;
  evidence: string[];
}

/** The three comparisons between the victims of two referrals. */
export function compareIdentities(newReferral: MaracReferral, held: MaracReferral): IdentityComparison {
  return {
    name: compareNames(newReferral.victim, held.victim),
    dateOfBirth: compareDatesOfBirth(newReferral.victim.dateOfBirth, held.victim.dateOfBirth),
    postcode: comparePostcodes(newReferral.victim.postcode, held.victim.postcode),
  };
}

const AGREEING = new Set(["same", "close", "partial", "same-district", "day-month-swapped", "one-digit-different"]);

const CLASSIFICATION_ORDER: Record<MatchClassification, number> = { repeat: 0, duplicate: 1, "earlier-referral": 2 };

function latestDate(referral: MaracReferral): IsoDate {
  return [referral.heardOn, referral.listedFor, referral.referredOn]
    .filter((date) => date !== undefined)
    .sort()
    .at(-1)!;
}

/**
 * Candidate matches for `newReferral` among `heldReferrals`, strongest first; within a strength
 * repeats, then duplicates, then earlier referrals; then the most recent first. The new referral
 * itself (same id) is never its own match.
 */
export function matchReferral(
  newReferral: MaracReferral,
  heldReferrals: readonly MaracReferral[],
  policy: Pick<Policy, "repeatMaracMonths">,
  today: IsoDate,
): MatchCandidate[] {
  const candidates: { candidate: MatchCandidate; latest: IsoDate }[] = [];
  for (const held of heldReferrals) {
    if (held.referralId === newReferral.referralId) continue;
    const comparison = compareIdentities(newReferral, held);
    const { strength, rule } = matchStrength(comparison);
    if (strength === null) continue;
    const classification = classifyMatch(newReferral, held, policy, today);
    const parts = [comparison.name, comparison.dateOfBirth, comparison.postcode];
    candidates.push({
      latest: latestDate(held),
      candidate: {
        newReferralId: newReferral.referralId,
        heldReferralId: held.referralId,
        strength,
        classification: classification.classification,
        reasons: parts.filter((part) => AGREEING.has(part.kind)).map((part) => part.reason),
        differences: parts.filter((part) => !AGREEING.has(part.kind)).map((part) => part.reason),
        strengthRule: rule,
        classificationReason: classification.reason,
        evidence: [...new Set([...parts.flatMap((part) => part.evidence), ...classification.evidence])],
      },
    });
  }
  return candidates
    .sort(
      (a, b) =>
        Number(b.candidate.strength === "strong") - Number(a.candidate.strength === "strong") ||
        CLASSIFICATION_ORDER[a.candidate.classification] - CLASSIFICATION_ORDER[b.candidate.classification] ||
        (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : 0),
    )
    .map(({ candidate }) => candidate);
}
