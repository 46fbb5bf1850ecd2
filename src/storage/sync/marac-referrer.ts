/**
 * The referrer's side of sending to MARAC (issue 17 item 1), on a practitioner's or manager's device:
 * the MARAC copy of a complete MARAC pack goes to a linked area as a referral record of its own (its own
 * id and key, the key wrapped to this device, the team manager key and the area's key), queued in the
 * outbox like every change, so offline it waits and goes later. The pack becomes read-only; a
 * correction is the next version of the same referral, from a newer complete pack, saying what changed.
 * The statuses the coordinators write come back by the team's pull (marac-status records).
 */

import { toBase64 } from "../bytes";
import { getCase, markReferralSent } from "../cases";
import { getAssessment } from "../assessments";
import { InvalidInputError, RecordNotFoundError } from "../errors";
import { getPack, markPackSentToMarac, PACK_SENT_TO_MARAC } from "../packs";
import type { SessionContext } from "../session-context";
import { readCaseDetails } from "../../domain/case-record/case-details";
import { londonDateOf } from "../../domain/dates";
import { maracReferralFromCase } from "../../domain/marac-matching/referral-from-case";
import { shareableCopyOf } from "../../domain/referral-pack/redaction";
import type { ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import { newCaseKeyBytes } from "./case-keys";
import type { SyncDocument } from "./envelope";
import {
  MaracSendError,
  type MaracArea,
  type MaracReferrer,
  type MaracStatus,
  type SentReferral,
} from "./marac-records-api";
import {
  isMaracId,
  maracRowRange,
  MARAC_REFERRAL_KIND,
  newReferralId,
  readReferralBody,
  readStatusBody,
  statusRecordId,
  WHAT_CHANGED_MAX,
  type ReferralBody,
} from "./marac-records";
import type { SyncEngine } from "./sync-engine";
import type { StoredDevice, SyncStore } from "./sync-store";
import {
  AREA_RECIPIENT_PREFIX,
  SyncTransportError,
  type LinkedAreaInfo,
  type MaracTransport,
  type SyncTransport,
} from "./transport";

export interface MaracReferrerDependencies {
  context: SessionContext;
  store: SyncStore;
  /** The running engine and its transport, or null when sync has not started. */
  running(): { engine: SyncEngine; transport: SyncTransport & Partial<MaracTransport> } | null;
  /** One push round now (TeamSync.sendNow); its failures are the round's, not the send's. */
  sendNow(): Promise<unknown>;
  readDevice(): Promise<StoredDevice | null>;
  saveDevice(device: StoredDevice): Promise<void>;
}

/** A referral as this device holds it: the latest version (waiting here, or the team's) and whether any waits. */
interface HeldReferral {
  referralId: string;
  body: ReferralBody;
  waiting: boolean;
}

export const SENT_STATUS: MaracStatus = { stage: "sent", actions: [], updatedAt: null };

/** The referrer's side of the contract (marac-records-api.ts). */
export class TeamMaracReferrer implements MaracReferrer {
  readonly #deps: MaracReferrerDependencies;
  readonly #sending = new Set<string>();

  constructor(dependencies: MaracReferrerDependencies) {
    this.#deps = dependencies;
  }

  async #teamDevice(): Promise<{
    engine: SyncEngine;
    transport: SyncTransport & Partial<MaracTransport>;
    device: StoredDevice;
  }> {
    const device = await this.#deps.readDevice();
    const running = this.#deps.running();
    const enrolment = device?.enrolment;
    if (!device || !enrolment || enrolment.role === "coordinator" || device.membership === "revoked" || !running) {
      throw new MaracSendError("not-in-team", "This device is not an approved member of a team, so it cannot send.");
    }
    return { ...running, device };
  }

  /**
   * The areas the team is linked to with a key, from the server when it answers (each area's key
   * pinned on first sight; one whose key has changed is left out), else as last listed.
   */
  async #areas(): Promise<LinkedAreaInfo[]> {
    const { transport, device } = await this.#teamDevice();
    const pinned = device.linkedAreas ?? [];
    let listed: LinkedAreaInfo[];
    try {
      if (!transport.listLinkedAreas) return pinned;
      listed = await transport.listLinkedAreas();
    } catch (error) {
      if (error instanceof SyncTransportError && error.failure !== "refused") return pinned;
      throw error;
    }
    const samePin = (area: LinkedAreaInfo, known: LinkedAreaInfo) =>
      known.keyId === area.keyId && known.publicKey === area.publicKey;
    // Every pin stays as first seen (a changed key never replaces it); a new area is pinned; a kept
    // area's name follows the operator's.
    const merged = [
      ...pinned.map((known) => {
        const now = listed.find((area) => area.areaId === known.areaId);
        return now && samePin(now, known) ? { ...known, name: now.name } : known;
      }),
      ...listed.filter((area) => !pinned.some((known) => known.areaId === area.areaId)),
    ];
    if (JSON.stringify(merged) !== JSON.stringify(pinned)) {
      const current = await this.#deps.readDevice();
      if (current) await this.#deps.saveDevice({ ...current, linkedAreas: merged });
    }
    // Offered: what the server lists now with the key first seen (an area no longer listed may have
    // been unlinked; one whose key changed is not trusted).
    return merged.filter((known) => listed.some((area) => area.areaId === known.areaId && samePin(area, known)));
  }

  async linkedAreas(): Promise<MaracArea[]> {
    return (await this.#areas()).map(({ areaId, name }) => ({ areaId, name }));
  }

  /** The MARAC copy of a complete MARAC pack of the case, or the refusal. */
  async #sendablePack(caseId: string, packId: string): Promise<ReferralPackDocument> {
    let pack;
    try {
      pack = await getPack(this.#deps.context, packId);
    } catch (error) {
      if (error instanceof RecordNotFoundError) throw new MaracSendError("pack-incomplete", "That pack is not here.");
      throw error;
    }
    if (pack.caseId !== caseId) throw new InvalidInputError("That pack belongs to a different case.");
    if (pack.status === PACK_SENT_TO_MARAC) {
      throw new MaracSendError("already-sent", "This pack was sent already. Send a correction instead.");
    }
    const document = (pack.content as { document?: Partial<ReferralPackDocument> } | null)?.document;
    const complete = pack.status === "ready" || pack.status === "sent";
    if (pack.kind !== "marac" || !complete || document?.copy !== "referrer" || !Array.isArray(document.sections)) {
      throw new MaracSendError(
        "pack-incomplete",
        "Only a complete MARAC pack can be sent. Mark the pack ready once nothing is missing.",
      );
    }
    return shareableCopyOf(document as ReferralPackDocument);
  }

  /** What matching reads, from the case as it is now (withheld facts left out), and the pack's assessment. */
  async #identity(caseId: string, packId: string, referralId: string, referredOn: string) {
    const { context } = this.#deps;
    const details = readCaseDetails((await getCase(context, caseId)).details);
    const pack = await getPack(context, packId);
    const assessmentId = (pack.content as { assessmentId?: unknown } | null)?.assessmentId;
    let newIncident: boolean | undefined;
    if (typeof assessmentId === "string") {
      const content = (await getAssessment(context, assessmentId).catch(() => null))?.content as
        { context?: { newIncident?: unknown } } | undefined;
      if (typeof content?.context?.newIncident === "boolean") newIncident = content.context.newIncident;
    }
    return maracReferralFromCase(details, {
      referralId,
      referredOn,
      ...(newIncident === undefined ? {} : { newIncident }),
    });
  }

  async #queue(engine: SyncEngine, referralId: string, body: ReferralBody): Promise<void> {
    await engine.recordChange({
      recordId: referralId,
      caseId: referralId,
      kind: MARAC_REFERRAL_KIND,
      body: JSON.parse(JSON.stringify(body)) as ReferralBody & Record<string, never>,
    });
  }

  /** Locks the sent pack, notes the referral on the case, and tries to send now (offline, it waits). */
  async #afterQueue(caseId: string, packId: string, at: Date): Promise<void> {
    const { context } = this.#deps;
    await markPackSentToMarac(context, packId, at);
    await markReferralSent(context, caseId, "marac", at);
    await this.#deps.sendNow().catch(() => undefined);
  }

  async sendToMarac(request: { caseId: string; packId: string; areaId: string }): Promise<SentReferral> {
    // One send of a pack at a time (a second press while the first is under way is "already sent").
    if (this.#sending.has(request.packId)) {
      throw new MaracSendError("already-sent", "This pack is being sent already.");
    }
    this.#sending.add(request.packId);
    try {
      return await this.#send(request);
    } finally {
      this.#sending.delete(request.packId);
    }
  }

  async #send(request: { caseId: string; packId: string; areaId: string }): Promise<SentReferral> {
    const { engine, store } = { ...(await this.#teamDevice()), store: this.#deps.store };
    const pack = await this.#sendablePack(request.caseId, request.packId);
    const held = await this.#held();
    if (held.some((referral) => referral.body.versions.length > 0 && referral.body.packId === request.packId)) {
      throw new MaracSendError("already-sent", "This pack was sent already. Send a correction instead.");
    }
    const area = (await this.#areas()).find((candidate) => candidate.areaId === request.areaId);
    if (!area) {
      throw new MaracSendError(
        "no-linked-area",
        "Your team is not linked to that MARAC area, or it is not set up yet.",
      );
    }
    const now = this.#deps.context.now();
    const sentAt = now.toISOString();
    const referralId = newReferralId();
    const body: ReferralBody = {
      referralBodyVersion: 1,
      caseId: request.caseId,
      packId: request.packId,
      area: { areaId: area.areaId, name: area.name },
      versions: [{ version: 1, sentAt }],
      pack,
      referral: await this.#identity(request.caseId, request.packId, referralId, londonDateOf(sentAt)),
    };
    // Its own key, never the case key: wrapped to this device and the team manager key as every key is,
    // and to the area's key, so the area's coordinators read this record and nothing else of the case.
    const keyRow = await store.keyRow({
      keyId: globalThis.crypto.randomUUID(),
      caseId: referralId,
      raw: toBase64(newCaseKeyBytes()),
      wraps: null,
      shared: false,
      alsoTo: [{ recipient: `${AREA_RECIPIENT_PREFIX}${area.areaId}`, publicKey: area.publicKey }],
    });
    await store.write(() => store.db.syncKeys.put(keyRow));
    await this.#queue(engine, referralId, body);
    await this.#afterQueue(request.caseId, request.packId, now);
    return (await this.#sentReferral(referralId))!;
  }

  async sendCorrection(request: { referralId: string; packId: string; whatChanged: string }): Promise<SentReferral> {
    const { engine } = await this.#teamDevice();
    const whatChanged = request.whatChanged.trim();
    if (whatChanged === "") throw new InvalidInputError("Say what the correction changed.");
    if (whatChanged.length > WHAT_CHANGED_MAX) {
      throw new InvalidInputError(`Say what changed in ${WHAT_CHANGED_MAX} characters or fewer.`);
    }
    const held = (await this.#held()).find((referral) => referral.referralId === request.referralId);
    if (!held) throw new RecordNotFoundError("referrals");
    const { body } = held;
    if (request.packId === body.packId) {
      throw new MaracSendError("already-sent", "This pack was sent already. A correction sends a newer pack.");
    }
    const pack = await this.#sendablePack(body.caseId, request.packId);
    const now = this.#deps.context.now();
    const sentAt = now.toISOString();
    const identity = await this.#identity(body.caseId, request.packId, request.referralId, body.referral.referredOn);
    const next: ReferralBody = {
      ...body,
      packId: request.packId,
      versions: [...body.versions, { version: body.versions.length + 1, sentAt, whatChanged }],
      pack,
      referral: identity,
    };
    await this.#queue(engine, request.referralId, next);
    await this.#afterQueue(body.caseId, request.packId, now);
    return (await this.#sentReferral(request.referralId))!;
  }

  async sentReferrals(caseId: string): Promise<SentReferral[]> {
    const held = (await this.#held()).filter((referral) => referral.body.caseId === caseId);
    const shown = await Promise.all(held.map((referral) => this.#shown(referral)));
    return shown.sort((a, b) => b.versions[0]!.sentAt.localeCompare(a.versions[0]!.sentAt));
  }

  async #sentReferral(referralId: string): Promise<SentReferral | undefined> {
    const held = (await this.#held()).find((referral) => referral.referralId === referralId);
    return held ? this.#shown(held) : undefined;
  }

  /** Every referral this device holds (waiting here or the team's), found by the clear ids of its rows. */
  async #held(): Promise<HeldReferral[]> {
    const { store } = this.#deps;
    const [recordRows, outboxRows] = await Promise.all([
      store.db.syncRecords
        .where("[profileId+id]")
        .between(...maracRowRange(store.profileId))
        .toArray(),
      store.db.syncOutbox
        .where("[profileId+recordId]")
        .between(...maracRowRange(store.profileId))
        .toArray(),
    ]);
    const ids = new Set(
      [
        ...recordRows.filter((row) => row.id === row.caseId).map((row) => row.id),
        ...outboxRows.map((row) => row.recordId),
      ].filter(isMaracId),
    );
    const [records, outbox] = await Promise.all([store.getRecords(ids), store.outboxForRecords(ids)]);
    const held: HeldReferral[] = [];
    for (const referralId of ids) {
      const waiting = outbox.get(referralId) ?? [];
      const document: SyncDocument | undefined = waiting.at(-1)?.document ?? records.get(referralId)?.document;
      if (document?.kind !== MARAC_REFERRAL_KIND) continue;
      const body = readReferralBody(document.body, referralId);
      if (body) held.push({ referralId, body, waiting: waiting.length > 0 });
    }
    return held;
  }

  async #shown(referral: HeldReferral): Promise<SentReferral> {
    const { body } = referral;
    const statusRecord = await this.#deps.store.getRecord(await statusRecordId(referral.referralId));
    const status = statusRecord ? readStatusBody(statusRecord.document.body, referral.referralId) : null;
    return {
      referralId: referral.referralId,
      caseId: body.caseId,
      packId: body.packId,
      area: body.area,
      versions: body.versions,
      waitingToSend: referral.waiting,
      status: status
        ? {
            stage: status.stage,
            ...(status.meetingDate === undefined ? {} : { meetingDate: status.meetingDate }),
            actions: status.actions,
            updatedAt: status.updatedAt,
          }
        : SENT_STATUS,
    };
  }
}
