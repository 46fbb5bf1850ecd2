/**
 * An in-memory stand-in for the MARAC side of team sync (src/storage/sync/marac-records-api.ts), for the
 * screens' tests while the real one is built: referrers' devices send to areas, coordinators' devices
 * read their area's inbox and set statuses, which flow back to the referrers. Matching is the real
 * domain code (matchReferral, decideMatch, currentDecision), so the matches carry real reasons.
 *
 * Offline is one switch (`this.online`): a send made offline waits (`waitingToSend`) until
 * `this.goOnline()` delivers it, as the real outbox does.
 */

import { londonDateOf, type IsoDate } from "../domain/dates";
import { readCaseDetails } from "../domain/case-record/case-details";
import type { MaracReferral } from "../domain/marac-matching/marac-referral";
import {
  currentDecision,
  decideMatch,
  earlierDecisions,
  type MatchDecision,
} from "../domain/marac-matching/match-decision";
import { matchReferral } from "../domain/marac-matching/match-referral";
import { maracReferralFromCase } from "../domain/marac-matching/referral-from-case";
import { DEFAULT_POLICY } from "../domain/policy";
import type { ReferralPackDocument } from "../domain/referral-pack/pack-document";
import { shareableCopyOf } from "../domain/referral-pack/redaction";
import {
  MaracSendError,
  type InboxReferral,
  type MaracAction,
  type MaracArea,
  type MaracCoordinator,
  type MaracReferrer,
  type MaracStage,
  type MaracStatus,
  type ReferralVersion,
  type SentReferral,
} from "../storage/sync/marac-records-api";
import type { TeamSyncState } from "../storage/sync/team-records-api";
import type { DeviceIdentity, TeamSync } from "../storage/sync/team-sync";
import { PACK_SENT_TO_MARAC } from "../storage/packs";
import type { VaultSession } from "../storage/vault-session";

/** What a referrer's device reads from its vault to send: the MARAC copy and what matching reads from it. */
export interface ReferralContent {
  pack: ReferralPackDocument;
  referral: Omit<MaracReferral, "referralId" | "referredOn">;
}

export type ReadReferral = (caseId: string, packId: string) => Promise<ReferralContent>;

interface HeldReferral {
  referralId: string;
  caseId: string;
  packId: string;
  area: MaracArea;
  fromTeam: string;
  versions: ReferralVersion[];
  /** Not yet on the coordinator's side (sent offline). */
  waiting: boolean;
  receivedAt: string | null;
  pack: ReferralPackDocument;
  referral: MaracReferral;
  status: MaracStatus;
}

/**
 * Reads the MARAC copy of a saved pack from a vault session: the full copy stored when it was marked
 * ready, with every withheld fact replaced by the marker. Refuses a pack not marked ready or sent.
 */
export function vaultReferralReader(session: VaultSession): ReadReferral {
  return async (caseId, packId) => {
    const record = await session.getPack(packId);
    if (record.status !== "ready" && record.status !== "sent") {
      throw new MaracSendError("pack-incomplete", "Only a complete MARAC pack can be sent.");
    }
    const document = (record.content as { document: ReferralPackDocument }).document;
    const details = readCaseDetails((await session.getCase(caseId)).details);
    const {
      referralId: _id,
      referredOn: _on,
      ...referral
    } = maracReferralFromCase(details, {
      referralId: "",
      referredOn: "2000-01-01",
    });
    return { pack: shareableCopyOf(document), referral };
  };
}

/** What the real referrer does to the vault once a version is queued: the pack is locked, the case noted. */
export type MarkSent = (caseId: string, packId: string, at: Date) => Promise<void>;

/** As the real referrer (marac-referrer.ts): the pack becomes "sent to the MARAC" and the case says so. */
export function vaultSentMarker(session: VaultSession): MarkSent {
  return async (caseId, packId, at) => {
    const record = await session.getPack(packId);
    await session.savePack({
      id: record.id,
      caseId: record.caseId,
      kind: record.kind,
      status: PACK_SENT_TO_MARAC,
      content: record.content,
      sentAt: at.toISOString(),
    });
    await session.markReferralSent(caseId, "marac", at);
  };
}

export class FakeMaracNetwork {
  online = true;
  readonly #areas = new Map<string, MaracArea>();
  readonly #referrals = new Map<string, HeldReferral>();
  readonly #decisions = new Map<string, MatchDecision[]>();
  readonly #listeners = new Set<() => void>();
  readonly #now: () => Date;
  #nextId = 1;

  constructor(options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  addArea(name: string): MaracArea {
    const area = { areaId: `area-${this.#areas.size + 1}`, name };
    this.#areas.set(area.areaId, area);
    return area;
  }

  /** Told of every change either side can see (a send, a delivery, a status, a decision). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #nowIso(): string {
    return this.#now().toISOString();
  }

  #today(): IsoDate {
    return londonDateOf(this.#nowIso());
  }

  /** Delivers what was sent offline. */
  goOnline(): void {
    this.online = true;
    for (const held of this.#referrals.values()) {
      if (held.waiting) held.waiting = false;
    }
    this.#changed();
  }

  /** A referrer's device of `teamName`, linked to `areas`. */
  referrer(options: {
    teamName: string;
    areas: MaracArea[];
    readReferral: ReadReferral;
    markSent?: MarkSent;
  }): MaracReferrer {
    const sent = (held: HeldReferral): SentReferral => ({
      referralId: held.referralId,
      caseId: held.caseId,
      packId: held.packId,
      area: held.area,
      versions: held.versions.map((version) => ({ ...version })),
      waitingToSend: held.waiting,
      status: { ...held.status, actions: held.status.actions.map((action) => ({ ...action })) },
    });
    return {
      linkedAreas: () => Promise.resolve(options.areas.map((area) => ({ ...area }))),
      sendToMarac: async ({ caseId, packId, areaId }) => {
        const area = options.areas.find((candidate) => candidate.areaId === areaId);
        if (area === undefined) throw new MaracSendError("no-linked-area", "The team is not linked to that area.");
        if ([...this.#referrals.values()].some((held) => held.packId === packId)) {
          throw new MaracSendError("already-sent", "This pack was sent already.");
        }
        const content = await options.readReferral(caseId, packId);
        const referralId = `referral-${this.#nextId++}`;
        const sentAt = this.#nowIso();
        const held: HeldReferral = {
          referralId,
          caseId,
          packId,
          area,
          fromTeam: options.teamName,
          versions: [{ version: 1, sentAt }],
          waiting: !this.online,
          receivedAt: null,
          pack: content.pack,
          referral: { ...content.referral, referralId, referredOn: this.#today() },
          status: { stage: "sent", actions: [], updatedAt: null },
        };
        this.#referrals.set(referralId, held);
        await options.markSent?.(caseId, packId, new Date(sentAt));
        this.#changed();
        return sent(held);
      },
      sendCorrection: async ({ referralId, packId, whatChanged }) => {
        const held = this.#referrals.get(referralId);
        if (held === undefined) throw new Error("No such referral.");
        const content = await options.readReferral(held.caseId, packId);
        held.versions.push({ version: held.versions.length + 1, sentAt: this.#nowIso(), whatChanged });
        held.packId = packId;
        held.pack = content.pack;
        held.referral = { ...held.referral, ...content.referral };
        held.waiting = held.waiting || !this.online;
        await options.markSent?.(held.caseId, packId, new Date(held.versions.at(-1)!.sentAt));
        this.#changed();
        return sent(held);
      },
      sentReferrals: (caseId) =>
        Promise.resolve(
          [...this.#referrals.values()]
            .filter((held) => held.caseId === caseId && options.areas.some((area) => area.areaId === held.area.areaId))
            .reverse()
            .map(sent),
        ),
    };
  }

  #inboxOf(areaId: string): HeldReferral[] {
    return [...this.#referrals.values()].filter((held) => held.area.areaId === areaId && !held.waiting);
  }

  #inboxReferral(held: HeldReferral): InboxReferral {
    const inbox = this.#inboxOf(held.area.areaId);
    // Matched against the referrals that reached the area before it: the newer one carries the match.
    const earlier = inbox.filter((other) => other.receivedAt! < held.receivedAt! && other !== held);
    const decisions = this.#decisions.get(held.area.areaId) ?? [];
    const candidates = matchReferral(
      held.referral,
      earlier.map((other) => other.referral),
      DEFAULT_POLICY,
      this.#today(),
    );
    return {
      referralId: held.referralId,
      fromTeam: held.fromTeam,
      receivedAt: held.receivedAt!,
      versions: held.versions.map((version) => ({ ...version })),
      pack: held.pack,
      referral: { ...held.referral },
      status: { ...held.status, actions: held.status.actions.map((action) => ({ ...action })) },
      matches: candidates.map((candidate) => ({
        otherReferralId: candidate.heldReferralId,
        candidate,
        decision: currentDecision(decisions, candidate),
        earlierDecisions: earlierDecisions(decisions, candidate),
      })),
    };
  }

  /** A coordinator's device of `area`; `decidedBy` names its user on match decisions. */
  coordinator(area: MaracArea, decidedBy = "MARAC coordinator"): MaracCoordinator {
    const held = (referralId: string): HeldReferral => {
      const found = this.#referrals.get(referralId);
      if (found === undefined || found.area.areaId !== area.areaId || found.waiting) throw new Error("Not in inbox.");
      return found;
    };
    return {
      area: () => Promise.resolve({ ...area }),
      inbox: () => {
        // Opening the inbox is what "received" means: the coordinator's device has it.
        let received = 0;
        for (const referral of this.#inboxOf(area.areaId)) {
          if (referral.receivedAt !== null) continue;
          referral.receivedAt = new Date(this.#now().getTime() + received++).toISOString();
          referral.status = { stage: "received", actions: [], updatedAt: this.#nowIso() };
        }
        if (received > 0) this.#changed();
        const listed = this.#inboxOf(area.areaId)
          .sort((a, b) => (a.receivedAt! < b.receivedAt! ? 1 : -1))
          .map((referral) => this.#inboxReferral(referral));
        return Promise.resolve(listed);
      },
      setStatus: (referralId, status) => {
        const referral = held(referralId);
        referral.status = {
          stage: status.stage,
          ...(status.meetingDate === undefined ? {} : { meetingDate: status.meetingDate }),
          actions: status.actions.map((action: MaracAction) => ({ ...action })),
          updatedAt: this.#nowIso(),
        };
        const { listedFor: _listed, heardOn: _heard, ...rest } = referral.referral;
        referral.referral = {
          ...rest,
          ...(status.stage !== "received" && status.meetingDate !== undefined ? { listedFor: status.meetingDate } : {}),
          ...(status.stage === "heard" && status.meetingDate !== undefined ? { heardOn: status.meetingDate } : {}),
        };
        this.#changed();
        return Promise.resolve(this.#inboxReferral(referral));
      },
      decideMatch: (referralId, otherReferralId, verdict, note) => {
        const referral = held(referralId);
        const result = decideMatch(
          { newReferralId: referralId, heldReferralId: otherReferralId },
          verdict,
          decidedBy,
          this.#nowIso(),
          note,
        );
        if (!result.ok) return Promise.reject(new Error(result.problem));
        this.#decisions.set(area.areaId, [...(this.#decisions.get(area.areaId) ?? []), result.decision]);
        this.#changed();
        return Promise.resolve(this.#inboxReferral(referral));
      },
      onInboxChanged: (listener) => this.onChange(listener),
    };
  }

  /** The stage a referral stands at now, as both sides see it. */
  stageOf(referralId: string): MaracStage | undefined {
    return this.#referrals.get(referralId)?.status.stage;
  }
}

/**
 * A TeamSync as far as the MARAC screens use it: the device's standing, and the referrer's or
 * coordinator's side. Everything else throws, so a screen that reaches further fails its test.
 */
export function fakeTeamSync(options: {
  role: "practitioner" | "manager" | "coordinator" | null;
  membership?: TeamSyncState["membership"];
  referrer?: MaracReferrer;
  coordinator?: MaracCoordinator;
}): TeamSync {
  const membership = options.membership ?? (options.role === null ? "none" : "approved");
  const identity: DeviceIdentity = {
    publicKeys: { fingerprint: "1234 5678" } as DeviceIdentity["publicKeys"],
    createdAt: "2026-12-01T09:00:00.000Z",
    // The stored Enrolment has no "coordinator" role yet (the sync side adds it); the screens read it as a string.
    enrolment:
      options.role === null
        ? null
        : ({ deviceId: "device-1", teamId: "team-1", role: options.role } as DeviceIdentity["enrolment"]),
    managerKey: null,
    membership,
  };
  const partial: Partial<TeamSync> = {
    deviceIdentity: () => Promise.resolve(identity),
    maracReferrer: () => {
      if (options.referrer === undefined) throw new Error("No referrer side in this fake.");
      return options.referrer;
    },
    maracCoordinator: () => {
      if (options.coordinator === undefined) throw new Error("No coordinator side in this fake.");
      return options.coordinator;
    },
  };
  return new Proxy(partial as TeamSync, {
    get(target, property, receiver) {
      if (property in target || typeof property === "symbol" || property === "then") {
        return Reflect.get(target, property, receiver) as unknown;
      }
      return () => {
        throw new Error(`fakeTeamSync: ${String(property)} is not faked`);
      };
    },
  });
}
