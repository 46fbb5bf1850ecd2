// What a match means for the new referral. The contract's repeat rule (case-format.md): a previous
// MARAC within `repeatMaracMonths` and a new incident — a planned review is not a repeat. A
// duplicate is the same victim referred for the same meeting (often by another agency). Anything
// else is an earlier referral the coordinator should still see.
import { isWithinMonthsBefore, type IsoDate } from "../dates";
import { longDate } from "../certainty/not-safe-summary";
import type { Policy } from "../policy";
import type { MaracReferral } from "./marac-referral";

export type MatchClassification = "repeat" | "duplicate" | "earlier-referral";

export interface ClassificationDecision {
  classification: MatchClassification;
  reason: string;
  evidence: string[];
}

function byWhom(newReferral: MaracReferral, held: MaracReferral): string {
  const newAgency = newReferral.referringAgency?.trim();
  const heldAgency = held.referringAgency?.trim();
  if (!heldAgency) return "an agency not recorded";
  if (newAgency && newAgency.toLowerCase() === heldAgency.toLowerCase()) return `the same agency (${heldAgency})`;
  return heldAgency;
}

/** Not yet heard and still waiting: either listed for a meeting to come, or not listed yet. */
export function isAwaitingMeeting(held: MaracReferral, today: IsoDate): boolean {
  return held.heardOn === undefined && (held.listedFor === undefined || held.listedFor >= today);
}

/**
 * Classifies a matched earlier referral against the new one:
 * - duplicate: the earlier one is for the same meeting — listed for the same date, still waiting
 *   for a meeting, or heard only on or after the day the new one was made (both were waiting);
 * - repeat: heard within `repeatMaracMonths` before the new referral, which follows a new incident;
 * - earlier referral: anything else, with why it is neither.
 */
export function classifyMatch(
  newReferral: MaracReferral,
  held: MaracReferral,
  policy: Pick<Policy, "repeatMaracMonths">,
  today: IsoDate,
): ClassificationDecision {
  const referredBy = `Referred by ${byWhom(newReferral, held)} on ${longDate(held.referredOn)}`;
  const sameMeeting =
    newReferral.listedFor !== undefined &&
    (held.listedFor === newReferral.listedFor || held.heardOn === newReferral.listedFor);
  if (sameMeeting) {
    return {
      classification: "duplicate",
      reason: `${referredBy} for the same meeting (${longDate(newReferral.listedFor!)})`,
      evidence: [
        "newReferral.listedFor",
        held.heardOn === newReferral.listedFor ? "heldReferral.heardOn" : "heldReferral.listedFor",
      ],
    };
  }
  if (isAwaitingMeeting(held, today)) {
    const listed = held.listedFor ? `listed for ${longDate(held.listedFor)}` : "not yet listed for a meeting";
    return {
      classification: "duplicate",
      reason: `${referredBy} and not yet heard (${listed}): both referrals are for the same meeting`,
      evidence: ["heldReferral.heardOn", "heldReferral.listedFor"],
    };
  }
  if (held.heardOn === undefined) {
    return {
      classification: "earlier-referral",
      reason: `${referredBy}, listed for ${longDate(held.listedFor!)}, but no hearing has been recorded: check whether it was heard, as that could make this a repeat`,
      evidence: ["heldReferral.heardOn", "heldReferral.listedFor"],
    };
  }
  if (held.heardOn >= newReferral.referredOn) {
    return {
      classification: "duplicate",
      reason: `${referredBy} and heard on ${longDate(held.heardOn)}, after this referral was made: both were waiting for the same meeting`,
      evidence: ["heldReferral.heardOn", "newReferral.referredOn"],
    };
  }
  const heard = `Heard at MARAC on ${longDate(held.heardOn)}`;
  const months = policy.repeatMaracMonths;
  if (!isWithinMonthsBefore(held.heardOn, newReferral.referredOn, months)) {
    return {
      classification: "earlier-referral",
      reason: `${heard}, more than ${months} months before this referral: not a repeat`,
      evidence: ["heldReferral.heardOn", "newReferral.referredOn"],
    };
  }
  if (newReferral.newIncident === false) {
    return {
      classification: "earlier-referral",
      reason: `${heard}, within ${months} months, but this referral is a planned review, not a new incident: a planned review is not a repeat`,
      evidence: ["heldReferral.heardOn", "newReferral.newIncident"],
    };
  }
  return {
    classification: "repeat",
    reason: `${heard}, within ${months} months of this referral, which follows a new incident: a repeat MARAC`,
    evidence: ["heldReferral.heardOn", "newReferral.referredOn", "newReferral.newIncident"],
  };
}
