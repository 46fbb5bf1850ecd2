// How the coordinator's inbox shows what this device holds (marac-coordinator.ts): the status that
// counts, which referral reached the area first, what matching reads, and each referral with its
// suggested matches under the policy this profile has loaded.
import type { IsoDate } from "../../domain/dates";
import type { MaracReferral } from "../../domain/marac-matching/marac-referral";
import { currentDecision, earlierDecisions } from "../../domain/marac-matching/match-decision";
import { matchReferral } from "../../domain/marac-matching/match-referral";
import type { Policy } from "../../domain/policy";
import type { OutgoingEnvelope } from "./envelope";
import type { ReferralBody, StatusBody } from "./marac-records";
import type { MatchDecision } from "../../domain/marac-matching/match-decision";
import type { InboxReferral, MaracStatus } from "./marac-records-api";

/** What this device holds of one referral (sealed in the records store, under the referral id). */
export interface InboxRow {
  referralId: string;
  teamId: string;
  teamName: string;
  receivedAt: string;
  referral: { version: number; signature: string; keyId: string; authorDeviceId: string; body: ReferralBody };
  /**
   * The newest key the area has opened for this referral, base64: the status and decisions records are
   * written under it. Its id is `keyId`, absent on rows stored before a referral's key could be rotated
   * (then it is the referral's key, `referral.keyId`). See marac-referral-keys.ts.
   */
  keyRaw: string;
  keyId?: string;
  /** Keys the area opened for this referral before its newest (its key rotated, decisions §38), to open versions under them. */
  earlierKeys?: { keyId: string; raw: string }[];
  /** The latest status version the team's stream holds. */
  status: { version: number; signature: string; body: StatusBody } | null;
  /**
   * A status set here and not stored yet (its envelope built once, before its first attempt).
   * `automatic`: the "received" this device queued itself, dropped if any status reaches the team first.
   */
  pendingStatus: { body: StatusBody; envelope: OutgoingEnvelope | null; automatic?: true } | null;
  /** Every answer to this referral's matches known here, from any coordinator device of the area. */
  decisions: MatchDecision[];
  /** The shared decisions record (marac-decision-records.ts); absent on rows stored before it existed. */
  decisionsSync?: DecisionsSync;
}

/** What this device has stored of a referral's decisions record, and a version waiting to go (built once, before its first attempt). */
export interface DecisionsSync {
  /** `count`: how many decisions that version holds. */
  stored: { version: number; signature: string; count: number } | null;
  outgoing: { envelope: OutgoingEnvelope; count: number } | null;
}

/** The status that counts here: one set on this device and not sent yet, else the team's. */
export function statusOf(row: InboxRow): MaracStatus {
  const body = row.pendingStatus?.body ?? row.status?.body;
  if (!body) return { stage: "received", actions: [], updatedAt: null };
  return {
    stage: body.stage,
    ...(body.meetingDate === undefined ? {} : { meetingDate: body.meetingDate }),
    actions: body.actions,
    updatedAt: body.updatedAt,
  };
}

/**
 * Which referral reached the area first: the one this device received first; among those received in
 * the same round, the one sent first (its first version's time, from the sender's device); then by id,
 * so every reading gives the same order.
 */
export function arrivalOrder(a: InboxRow, b: InboxRow): number {
  return (
    a.receivedAt.localeCompare(b.receivedAt) ||
    firstSentAt(a).localeCompare(firstSentAt(b)) ||
    a.referralId.localeCompare(b.referralId)
  );
}

function firstSentAt(row: InboxRow): string {
  return row.referral.body.versions[0]?.sentAt ?? "";
}

/** What matching reads: the referral as sent, with the meeting it is listed for or was heard at. */
export function matchingView(row: InboxRow): MaracReferral {
  const { referral } = row.referral.body;
  const status = statusOf(row);
  const { listedFor: _listed, heardOn: _heard, ...sent } = referral;
  return {
    ...sent,
    referralId: row.referralId,
    ...(status.stage === "on-agenda" && status.meetingDate ? { listedFor: status.meetingDate } : {}),
    ...(status.stage === "heard" && status.meetingDate ? { heardOn: status.meetingDate } : {}),
  };
}

export function shownReferral(
  row: InboxRow,
  referral: MaracReferral,
  all: readonly MaracReferral[],
  policy: Policy,
  today: IsoDate,
): InboxReferral {
  const candidates = matchReferral(referral, all, policy, today);
  const { body } = row.referral;
  return {
    referralId: row.referralId,
    fromTeam: row.teamName,
    receivedAt: row.receivedAt,
    versions: body.versions,
    pack: body.pack,
    referral,
    status: statusOf(row),
    matches: candidates.map((candidate) => ({
      otherReferralId: candidate.heldReferralId,
      candidate,
      decision: currentDecision(row.decisions, candidate),
      earlierDecisions: earlierDecisions(row.decisions, candidate),
    })),
  };
}
