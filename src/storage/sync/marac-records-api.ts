/**
 * The contract between the MARAC screens and team sync (issue 17 items 1 and 2): sending the MARAC copy
 * of a complete pack to a MARAC area the team is linked to, the coordinator's inbox, the statuses that
 * flow back to the referrer's case, and the coordinator's answers to suggested matches. Types only: the
 * sync side (TeamSync) implements `MaracReferrer` and `MaracCoordinator`; the screens read them.
 *
 * A referral is a sync record of its own, encrypted under a key of its own (never the case key): the
 * coordinator's devices can read the MARAC copy and nothing else of the case.
 */

import type { IsoDate } from "../../domain/dates";
import type { MaracReferral } from "../../domain/marac-matching/marac-referral";
import type { MatchDecision, MatchVerdict } from "../../domain/marac-matching/match-decision";
import type { MatchCandidate } from "../../domain/marac-matching/match-referral";
import type { ReferralPackDocument } from "../../domain/referral-pack/pack-document";

/** A MARAC area this device's team is linked to (or, on a coordinator's device, its own area). */
export interface MaracArea {
  areaId: string;
  /** The name the server's operator gave it ("Northshire MARAC"). */
  name: string;
}

/**
 * Where a referral stands. "sent": on its way or on the server, not yet opened by a coordinator
 * device; "received": a coordinator's device has it; "on-agenda": listed for `meetingDate`;
 * "heard": heard at the meeting of `meetingDate`.
 */
export type MaracStage = "sent" | "received" | "on-agenda" | "heard";

/** One action agreed at the meeting, as the coordinator wrote it. */
export interface MaracAction {
  text: string;
  /** The agency that owns it, when the coordinator recorded one. */
  agency?: string;
}

export interface MaracStatus {
  stage: MaracStage;
  /** The meeting it is listed for ("on-agenda") or was heard at ("heard"). */
  meetingDate?: IsoDate;
  /** Actions agreed at the meeting (usually once "heard"); empty until then. */
  actions: MaracAction[];
  /** When a coordinator last changed it, ISO 8601; null while it is only "sent". */
  updatedAt: string | null;
}

/** One version of a sent referral. Version 1 is the first send; each correction adds one. */
export interface ReferralVersion {
  version: number;
  /** When this version was sent, ISO 8601. */
  sentAt: string;
  /** What a correction changed, in the referrer's words. Absent on version 1. */
  whatChanged?: string;
}

/** A referral as the referrer's device holds it (the officer's or IDVA's case screen). */
export interface SentReferral {
  referralId: string;
  caseId: string;
  /** The pack whose MARAC copy was sent (the latest version's). Sent packs are read-only. */
  packId: string;
  area: MaracArea;
  /** Oldest first. */
  versions: ReferralVersion[];
  /** True while a sent version is still waiting on this device for the network. */
  waitingToSend: boolean;
  status: MaracStatus;
}

/** Why a send was refused, for the screen to say plainly. */
export type SendRefusal =
  | "not-in-team" // the device is not an approved member of a team
  | "no-linked-area" // the team is linked to no MARAC area with a coordinator yet
  | "pack-incomplete" // only a complete MARAC pack can be sent
  | "already-sent"; // this pack was sent already: send a correction instead

export class MaracSendError extends Error {
  constructor(
    readonly refusal: SendRefusal,
    message: string,
  ) {
    super(message);
    this.name = "MaracSendError";
  }
}

/** The referrer's side. Sends are queued like every other change: offline, they wait and go later. */
export interface MaracReferrer {
  /** The MARAC areas the team is linked to that can receive referrals (an area key is set up). */
  linkedAreas(): Promise<MaracArea[]>;
  /** Sends the MARAC copy of a complete MARAC pack; the pack becomes read-only. */
  sendToMarac(request: { caseId: string; packId: string; areaId: string }): Promise<SentReferral>;
  /** A correction: a new version of the referral from a newer complete pack, saying what changed. */
  sendCorrection(request: { referralId: string; packId: string; whatChanged: string }): Promise<SentReferral>;
  /** The case's referrals, newest first, with the statuses that have flowed back. */
  sentReferrals(caseId: string): Promise<SentReferral[]>;
}

/** A suggested match for an inbox referral, with its reasons and the coordinator's decision so far. */
export interface InboxMatch {
  /** The other referral in the inbox (for a link to it on the screen; never shown as text). */
  otherReferralId: string;
  candidate: MatchCandidate;
  /** The decision that counts (the latest), or null while awaiting one. */
  decision: MatchDecision | null;
  /** The other answers for this pair, from any coordinator device of the area, oldest first (decisions §35). */
  earlierDecisions: MatchDecision[];
}

/** One referral in the coordinator's inbox. */
export interface InboxReferral {
  referralId: string;
  /** The referring team's name, as the server's operator named it. */
  fromTeam: string;
  /** When the first version reached this device, ISO 8601. */
  receivedAt: string;
  /** Oldest first. */
  versions: ReferralVersion[];
  /** The MARAC copy of the latest version (withheld facts already replaced by the marker). */
  pack: ReferralPackDocument;
  /** What matching reads from it (identity, agency, dates). */
  referral: MaracReferral;
  status: MaracStatus;
  /** Strongest first; only referrals held by this coordinator's area. */
  matches: InboxMatch[];
}

/** The coordinator's side: one MARAC area's referrals, from every team linked to it. */
export interface MaracCoordinator {
  area(): Promise<MaracArea>;
  /** Newest first. */
  inbox(): Promise<InboxReferral[]>;
  /** Sets the stage (and meeting date, actions); it flows back to the referrer by sync. */
  setStatus(
    referralId: string,
    status: { stage: Exclude<MaracStage, "sent">; meetingDate?: IsoDate; actions: MaracAction[] },
  ): Promise<InboxReferral>;
  /** Confirms or rejects one suggested match. Nothing merges on its own. */
  decideMatch(
    referralId: string,
    otherReferralId: string,
    verdict: MatchVerdict,
    note?: string,
  ): Promise<InboxReferral>;
  /** Called when referrals or statuses arrive or change; returns the unsubscribe. */
  onInboxChanged(listener: () => void): () => void;
}
