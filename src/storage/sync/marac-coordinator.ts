/**
 * The MARAC coordinator's inbox (issue 17 items 1 and 2), on a coordinator's device: one area's
 * referrals from every team linked to it, read from the area feed (GET /api/area/envelopes) with the
 * area key, each checked as a team pull checks an envelope (the author's signature over the record's
 * chain of versions, the key's wrapping, the content's AAD, the body's shape). Where each referral
 * stands goes back to the referring team as a status record under the referral's key (POST
 * /api/area/envelopes); "received" as soon as a coordinator's device first holds it.
 *
 * Matching runs here, on the device (the server cannot read names), over every referral of the area
 * this device holds; the coordinator's answers to suggested matches stay on this device, sealed with
 * the referral. Nothing merges on its own.
 */

import { fromBase64, toBase64 } from "../bytes";
import { InvalidInputError, RecordNotFoundError } from "../errors";
import type { SessionContext } from "../session-context";
import { isValidIsoDate, londonDateOf, type IsoDate } from "../../domain/dates";
import { decideMatch, type MatchVerdict } from "../../domain/marac-matching/match-decision";
import { readActivePolicy } from "../policy-setting";
import { getSetting } from "../settings";
import { openAreaKey } from "./area-keys";
import { importCaseKey, unwrapCaseKey } from "./case-keys";
import type { DeviceKeys } from "./device-keys";
import { decryptEnvelope, envelopeSignatureIsValid, sealEnvelope, type OutgoingEnvelope } from "./envelope";
import { managerKeyFingerprint } from "./fingerprint";
import type { InboxReferral, MaracAction, MaracArea, MaracCoordinator, MaracStage } from "./marac-records-api";
import { decisionsSyncOf, hasUnsentDecisions, sealDecisionsVersion, takeDecisions } from "./marac-decision-records";
import { arrivalOrder, matchingView, shownReferral, type InboxRow } from "./marac-inbox-view";
import { newestKeyIdOf, ReferralRecordIds, referralKeyRaw, withNewestKey } from "./marac-referral-keys";
import {
  isMaracId,
  MARAC_DECISIONS_KIND,
  MARAC_REFERRAL_KIND,
  MARAC_STATUS_KIND,
  readReferralBody,
  readStatusBody,
  statusRecordId,
  type StatusBody,
} from "./marac-records";
import { importSigningPublicKey } from "./signing";
import type { SyncReport } from "./sync-engine";
import type { StoredDevice, SyncStore } from "./sync-store";
import { SyncTransportError, type AreaEnvelope, type MaracTransport } from "./transport";

export interface InboxRoundReport {
  received: number;
  refused: number;
  sent: number;
  problem: "offline" | "unavailable" | "signed-out" | "no-area-key" | "area-key-changed" | null;
  /** The server's code with the problem (e.g. "device-revoked"), when it gave one. */
  detail: string | null;
}

export interface CoordinatorDependencies {
  context: SessionContext;
  store: SyncStore;
  transport: MaracTransport;
  keys: DeviceKeys;
  deviceId: string;
  readDevice(): Promise<StoredDevice | null>;
  saveDevice(device: StoredDevice): Promise<void>;
}

const AREA_PAGE_SIZE = 200;
const ACTION_MAX = 2000;

class AreaKeyProblem extends Error {
  constructor(readonly code: "no-area-key" | "area-key-changed") {
    super(code);
  }
}

/** The coordinator's side of the contract (marac-records-api.ts), and its sync rounds. */
export class AreaInbox implements MaracCoordinator {
  readonly #deps: CoordinatorDependencies;
  readonly #listeners = new Set<() => void>();
  #areaKey: { areaId: string; name: string; privateKey: CryptoKey } | null = null;
  #tail: Promise<unknown> = Promise.resolve();
  #round: Promise<InboxRoundReport> | null = null;
  readonly #recordIds = new ReferralRecordIds();
  // Within one round: the keys "key-rotated" refusals named, by referral (#learnReplacedKeys).
  readonly #replacedKeys = new Map<string, string>();

  constructor(dependencies: CoordinatorDependencies) {
    this.#deps = dependencies;
  }

  /** Local bookkeeping one piece at a time (never across a network call). */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  onInboxChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch {
        // A screen's listener failing must not stop the others.
      }
    }
  }

  // ------------------------------------------------------------------ the area and its key

  /** The area key from the server, pinned on first sight, its private half opened from this device's wrapping. */
  async #loadAreaKey(): Promise<{ areaId: string; name: string; privateKey: CryptoKey }> {
    if (this.#areaKey) return this.#areaKey;
    const info = await this.#deps.transport.getAreaKey();
    if (info.keyId === null || info.publicKey === null || info.wrapped === null)
      throw new AreaKeyProblem("no-area-key");
    const device = await this.#deps.readDevice();
    if (!device) throw new AreaKeyProblem("no-area-key");
    const pinned = device.areaKey;
    if (!pinned) {
      const fingerprint = await managerKeyFingerprint(fromBase64(info.publicKey));
      const areaKey = {
        areaId: info.areaId,
        name: info.name,
        keyId: info.keyId,
        publicKey: info.publicKey,
        fingerprint,
      };
      await this.#deps.saveDevice({ ...device, areaKey });
    } else if (pinned.keyId !== info.keyId || pinned.publicKey !== info.publicKey || pinned.areaId !== info.areaId) {
      throw new AreaKeyProblem("area-key-changed");
    }
    let privateKey: CryptoKey;
    try {
      privateKey = await openAreaKey({ keyId: info.keyId, wrapped: info.wrapped }, this.#deps.keys);
    } catch {
      throw new AreaKeyProblem("area-key-changed");
    }
    this.#areaKey = { areaId: info.areaId, name: info.name, privateKey };
    return this.#areaKey;
  }

  async area(): Promise<MaracArea> {
    const device = await this.#deps.readDevice();
    if (this.#areaKey) return { areaId: this.#areaKey.areaId, name: this.#areaKey.name };
    try {
      const { areaId, name } = await this.#loadAreaKey();
      return { areaId, name };
    } catch (error) {
      // Offline: the area as this device pinned it.
      const enrolment = device?.enrolment;
      if (enrolment?.role !== "coordinator") throw error;
      return { areaId: enrolment.areaId, name: device?.areaKey?.name ?? "" };
    }
  }

  // ------------------------------------------------------------------ rows

  async #rows(): Promise<InboxRow[]> {
    const { store } = this.#deps;
    const rows = await store.db.syncRecords.where("profileId").equals(store.profileId).toArray();
    return store.openRecordRows<InboxRow>(rows.filter((row) => isMaracId(row.id)));
  }

  async #saveRows(rows: Iterable<InboxRow>, areaCursor?: string): Promise<void> {
    const { store } = this.#deps;
    const sealed = await Promise.all(
      [...rows].map((row) => store.sealedRecordRow(row.referralId, row.referralId, row.referral.version, row)),
    );
    const stateRow =
      areaCursor === undefined ? null : await store.stateRow({ ...(await store.readState()), areaCursor });
    await store.write(async () => {
      await store.db.syncRecords.bulkPut(sealed);
      if (stateRow) await store.db.syncState.put(stateRow);
    });
  }

  // ------------------------------------------------------------------ sync rounds

  /** One round: the feed read to its end, "received" queued for what is new, statuses sent. Never overlapping. */
  syncNow(): Promise<InboxRoundReport> {
    this.#round ??= this.#runRound().finally(() => {
      this.#round = null;
    });
    return this.#round;
  }

  async #runRound(): Promise<InboxRoundReport> {
    const report: InboxRoundReport = { received: 0, refused: 0, sent: 0, problem: null, detail: null };
    try {
      const areaKey = await this.#loadAreaKey();
      await this.#pullFeed(areaKey.privateKey, report);
      await this.#queueReceived();
      this.#replacedKeys.clear();
      const statusRotated = await this.#pushStatuses(report, true);
      if ((await this.#pushDecisions(report, true)) || statusRotated) {
        // Refused as "key-rotated": the referral's key was replaced (its sender's device was removed). The
        // new key is read from the area's wrapping of it by id (decisions §40) and the feed once more, and
        // what was refused goes again under the newest key, once (never a loop).
        await this.#learnReplacedKeys(areaKey.privateKey);
        await this.#pullFeed(areaKey.privateKey, report);
        await this.#pushStatuses(report, false);
        await this.#pushDecisions(report, false);
      }
    } catch (error) {
      if (error instanceof AreaKeyProblem) report.problem = error.code;
      else if (error instanceof SyncTransportError) {
        report.problem = error.failure === "refused" ? "unavailable" : error.failure;
        report.detail = error.code;
      } else throw error;
    }
    if (report.received > 0 || report.sent > 0) this.#changed();
    return report;
  }

  async #pullFeed(areaPrivateKey: CryptoKey, report: InboxRoundReport): Promise<void> {
    let cursor = (await this.#deps.store.readState()).areaCursor ?? "";
    for (;;) {
      const page = await this.#deps.transport.pullArea(cursor, AREA_PAGE_SIZE);
      await this.#exclusive(async () => {
        const held = new Map((await this.#rows()).map((row) => [row.referralId, row]));
        const changed = new Set<string>();
        // One time for the page: referrals that arrive together were received together, and which of
        // them came first is then read from when each was sent (arrivalOrder), not from the order the
        // envelopes were opened in here.
        const receivedAt = this.#deps.context.nowIso();
        for (const envelope of [...page.envelopes].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.seq - b.seq)) {
          const referralId = await this.#take(envelope, held, areaPrivateKey, receivedAt);
          if (referralId === null) report.refused += 1;
          else if (referralId !== "") {
            changed.add(referralId);
            report.received += 1;
          }
        }
        await this.#saveRows(
          [...changed].map((id) => held.get(id)!),
          page.cursor,
        );
      });
      cursor = page.cursor;
      if (!page.more) return;
    }
  }

  /**
   * Checks one envelope of the feed and takes it into `held`. Returns the referral it changed, "" for a
   * version already held, null for a refusal (never used).
   */
  async #take(
    envelope: AreaEnvelope,
    held: Map<string, InboxRow>,
    areaPrivateKey: CryptoKey,
    receivedAt: string,
  ): Promise<string | null> {
    // Joined by record id, never by key id: a referral's key is rotated when its sender's device is removed.
    const found = await this.#recordIds.find(envelope, held);
    const existing = found?.row;
    const recordKind = found?.kind ?? "referral";
    const known =
      recordKind === "referral"
        ? existing?.referral
        : recordKind === "decisions"
          ? decisionsSyncOf(existing!).stored
          : existing!.status;
    if (known && envelope.version <= known.version) return "";
    const parent = envelope.version === 1 ? "" : known?.version === envelope.version - 1 ? known.signature : null;
    if (parent === null) return null;
    let authorKey: CryptoKey;
    let raw: Uint8Array<ArrayBuffer>;
    const heldKey = existing && referralKeyRaw(existing, envelope.keyId);
    try {
      authorKey = await importSigningPublicKey(fromBase64(envelope.authorEcdsaPublicKey));
      raw = heldKey ? fromBase64(heldKey) : await unwrapCaseKey(envelope.wrappedKey, areaPrivateKey, envelope.keyId);
    } catch {
      return null;
    }
    if (!(await envelopeSignatureIsValid(envelope, envelope.teamId, authorKey, parent))) return null;
    const opened = await decryptEnvelope(envelope, envelope.teamId, await importCaseKey(raw));
    if (!opened.ok) return null;
    const { document } = opened;
    // A key the area had not opened for this referral yet is its newest (the feed is in each team's order).
    const keyed = existing && !heldKey ? withNewestKey(existing, envelope.keyId, toBase64(raw)) : existing;
    if (document.kind === MARAC_DECISIONS_KIND && recordKind === "decisions" && envelope.authorRole === "coordinator") {
      if (document.caseId !== existing!.referralId) return null;
      const taken = await takeDecisions(keyed!, envelope, document.body, areaPrivateKey);
      if (!taken) return null;
      held.set(taken.referralId, taken);
      return taken.referralId;
    }
    if (document.kind === MARAC_REFERRAL_KIND && recordKind === "referral") {
      const body = readReferralBody(document.body, envelope.recordId);
      const isReferral = envelope.authorRole !== "coordinator" && document.caseId === envelope.recordId;
      if (!body || !isReferral || !isMaracId(envelope.recordId)) return null;
      // A correction may come from another device of the sending team (the sender's may have been removed);
      // the server takes a version only from a device of the team holding the key, and no coordinator's.
      const referral = {
        version: envelope.version,
        signature: envelope.signature,
        keyId: envelope.keyId,
        authorDeviceId: envelope.authorDeviceId,
        body,
      };
      held.set(
        envelope.recordId,
        keyed
          ? { ...keyed, teamName: envelope.teamName, referral }
          : {
              referralId: envelope.recordId,
              teamId: envelope.teamId,
              teamName: envelope.teamName,
              receivedAt,
              referral,
              keyRaw: toBase64(raw),
              status: null,
              pendingStatus: null,
              decisions: [],
            },
      );
      return envelope.recordId;
    }
    if (
      document.kind === MARAC_STATUS_KIND &&
      existing &&
      recordKind === "status" &&
      envelope.authorRole === "coordinator"
    ) {
      const body = readStatusBody(document.body, existing.referralId);
      const expectedId = await statusRecordId(existing.referralId);
      if (!body || document.caseId !== existing.referralId || envelope.recordId !== expectedId) return null;
      const pending = existing.pendingStatus;
      // This device's own status, stored although its answer never arrived: no longer pending.
      const ours = pending?.envelope?.signature === envelope.signature;
      held.set(existing.referralId, {
        ...keyed!,
        status: { version: envelope.version, signature: envelope.signature, body },
        pendingStatus: ours ? null : pending && pending.envelope ? { ...pending, envelope: null } : pending,
      });
      return existing.referralId;
    }
    return null;
  }

  /** A referral held here with no status anywhere yet: "received", as a coordinator's device now has it. */
  async #queueReceived(): Promise<void> {
    await this.#exclusive(async () => {
      const fresh = (await this.#rows()).filter((row) => row.status === null && row.pendingStatus === null);
      if (fresh.length === 0) return;
      const updatedAt = this.#deps.context.nowIso();
      await this.#saveRows(
        fresh.map((row) => ({
          ...row,
          pendingStatus: {
            body: { statusBodyVersion: 1, referralId: row.referralId, stage: "received", actions: [], updatedAt },
            envelope: null,
            automatic: true,
          },
        })),
      );
    });
  }

  /**
   * A push refused because the referral's key was replaced: with `followRotation`, the caller tries again,
   * and the key that replaced it (when the server named it) is kept for #learnReplacedKeys.
   */
  async #pushOrRotated(referralId: string, teamId: string, envelope: OutgoingEnvelope, followRotation: boolean) {
    try {
      return await this.#deps.transport.pushToTeam(teamId, envelope);
    } catch (error) {
      if (followRotation && error instanceof SyncTransportError && error.code === "key-rotated") {
        if (error.newKeyId) this.#replacedKeys.set(referralId, error.newKeyId);
        return "key-rotated";
      }
      throw error;
    }
  }

  /**
   * Opens each key named by a "key-rotated" refusal from the area's wrapping of it and makes it its
   * referral's newest, so the status goes again at once rather than wait for a version under the new key.
   * A key the area cannot read, or of another team, is left: the refused record then waits as before.
   */
  async #learnReplacedKeys(areaPrivateKey: CryptoKey): Promise<void> {
    for (const [referralId, keyId] of this.#replacedKeys) {
      let raw: string;
      let teamId: string;
      try {
        const wrap = await this.#deps.transport.getAreaReferralKey(keyId);
        raw = toBase64(await unwrapCaseKey(wrap.wrapped, areaPrivateKey, keyId));
        teamId = wrap.teamId;
      } catch (error) {
        if (error instanceof SyncTransportError && error.failure !== "refused") throw error;
        continue;
      }
      await this.#exclusive(async () => {
        const row = (await this.#rows()).find((candidate) => candidate.referralId === referralId);
        if (!row || row.teamId !== teamId) return;
        await this.#saveRows([withNewestKey(row, keyId, raw)]);
      });
    }
    this.#replacedKeys.clear();
  }

  /** Statuses set here and not stored yet; true if one was refused as "key-rotated" (it is built again next time). */
  async #pushStatuses(report: InboxRoundReport, followRotation: boolean): Promise<boolean> {
    let rotated = false;
    const waiting = (await this.#rows()).filter((row) => row.pendingStatus !== null);
    for (const row of waiting) {
      const prepared = await this.#exclusive(async () => {
        const current = (await this.#rows()).find((candidate) => candidate.referralId === row.referralId);
        if (!current?.pendingStatus) return null;
        // Built under a key since replaced (a newer one came with the feed): built again under the newest.
        if (current.pendingStatus.envelope?.keyId === newestKeyIdOf(current)) return current;
        if (current.pendingStatus.automatic && current.status !== null) {
          // Another coordinator's device said where it stands first: "received" must not go on top.
          await this.#saveRows([{ ...current, pendingStatus: null }]);
          return null;
        }
        const envelope = await sealEnvelope({
          address: {
            teamId: current.teamId,
            recordId: await statusRecordId(current.referralId),
            keyId: newestKeyIdOf(current),
            version: (current.status?.version ?? 0) + 1,
            parentSignature: current.status ? fromBase64(current.status.signature) : new Uint8Array(0),
          },
          authorDeviceId: this.#deps.deviceId,
          caseKey: await importCaseKey(fromBase64(current.keyRaw)),
          signingKey: this.#deps.keys.ecdsaPrivateKey,
          document: {
            recordId: await statusRecordId(current.referralId),
            caseId: current.referralId,
            kind: MARAC_STATUS_KIND,
            body: JSON.parse(JSON.stringify(current.pendingStatus.body)) as Record<string, never>,
            savedAt: this.#deps.context.nowIso(),
          },
        });
        const updated = { ...current, pendingStatus: { ...current.pendingStatus, envelope } };
        await this.#saveRows([updated]);
        return updated;
      });
      if (!prepared?.pendingStatus?.envelope) continue;
      const outcome = await this.#pushOrRotated(
        prepared.referralId,
        prepared.teamId,
        prepared.pendingStatus.envelope,
        followRotation,
      );
      rotated ||= outcome === "key-rotated";
      await this.#exclusive(async () => {
        const current = (await this.#rows()).find((candidate) => candidate.referralId === row.referralId);
        if (!current?.pendingStatus?.envelope) return;
        if (outcome === "key-rotated" || outcome.status === "conflict") {
          // Another coordinator's device wrote first: the next round pulls it and this status goes on top.
          await this.#saveRows([{ ...current, pendingStatus: { ...current.pendingStatus, envelope: null } }]);
          return;
        }
        const stored = { version: outcome.version, signature: current.pendingStatus.envelope.signature };
        await this.#saveRows([
          { ...current, status: { ...stored, body: current.pendingStatus.body }, pendingStatus: null },
        ]);
        report.sent += 1;
      });
    }
    return rotated;
  }

  /** Answers to matches not yet in the shared record, sent as its next version (decisions §35). */
  async #pushDecisions(report: InboxRoundReport, followRotation: boolean): Promise<boolean> {
    let rotated = false;
    const waiting = (await this.#rows()).filter(hasUnsentDecisions);
    const areaPublicKey = waiting.length === 0 ? undefined : (await this.#deps.readDevice())?.areaKey?.publicKey;
    if (areaPublicKey === undefined) return false;
    const current = async (referralId: string) =>
      (await this.#rows()).find((candidate) => candidate.referralId === referralId);
    for (const row of waiting) {
      const outgoing = await this.#exclusive(async () => {
        const now = await current(row.referralId);
        if (!now || !hasUnsentDecisions(now)) return null;
        const sync = decisionsSyncOf(now);
        if (sync.outgoing?.envelope.keyId === newestKeyIdOf(now)) return sync.outgoing;
        const sealed = await sealDecisionsVersion(now, {
          deviceId: this.#deps.deviceId,
          signingKey: this.#deps.keys.ecdsaPrivateKey,
          areaPublicKey,
          savedAt: this.#deps.context.nowIso(),
        });
        await this.#saveRows([{ ...now, decisionsSync: { ...sync, outgoing: sealed } }]);
        return sealed;
      });
      if (!outgoing) continue;
      const outcome = await this.#pushOrRotated(row.referralId, row.teamId, outgoing.envelope, followRotation);
      rotated ||= outcome === "key-rotated";
      await this.#exclusive(async () => {
        const now = await current(row.referralId);
        const sync = now && decisionsSyncOf(now);
        if (!now || sync?.outgoing?.envelope.signature !== outgoing.envelope.signature) return;
        // A conflict: another device's version came first; the next round pulls and merges it, then seals again.
        // Refused as "key-rotated": sealed again under the newest key.
        const stored =
          outcome === "key-rotated" || outcome.status === "conflict"
            ? sync.stored
            : { version: outcome.version, signature: outgoing.envelope.signature, count: outgoing.count };
        await this.#saveRows([{ ...now, decisionsSync: { stored, outgoing: null } }]);
        if (stored !== sync.stored) report.sent += 1;
      });
    }
    return rotated;
  }

  // ------------------------------------------------------------------ the inbox

  async inbox(): Promise<InboxReferral[]> {
    const rows = (await this.#rows()).sort(arrivalOrder);
    const today = londonDateOf(this.#deps.context.nowIso());
    // The repeat window is the policy this profile has loaded (Settings), as the assessment's is.
    const { policy } = await readActivePolicy({ getSetting: (key) => getSetting(this.#deps.context, key) });
    const referrals = rows.map((row) => matchingView(row));
    // Matches are one-way (decisions §30): a referral is matched against those that reached the area
    // before it, so the newer one carries the match and its answer, and the older one points to it.
    const shown = rows.map((row, index) =>
      shownReferral(row, referrals[index]!, referrals.slice(0, index), policy, today),
    );
    return shown.reverse();
  }

  async #inboxReferral(referralId: string): Promise<InboxReferral> {
    const found = (await this.inbox()).find((referral) => referral.referralId === referralId);
    if (!found) throw new RecordNotFoundError("referrals");
    return found;
  }

  async setStatus(
    referralId: string,
    status: { stage: Exclude<MaracStage, "sent">; meetingDate?: IsoDate; actions: MaracAction[] },
  ): Promise<InboxReferral> {
    const body = this.#statusBody(referralId, status);
    await this.#exclusive(async () => {
      const row = (await this.#rows()).find((candidate) => candidate.referralId === referralId);
      if (!row) throw new RecordNotFoundError("referrals");
      await this.#saveRows([{ ...row, pendingStatus: { body, envelope: null } }]);
    });
    this.#changed();
    // Sent now if it can be; offline it waits for the next round.
    await this.syncNow().catch(() => undefined);
    return this.#inboxReferral(referralId);
  }

  #statusBody(
    referralId: string,
    status: { stage: Exclude<MaracStage, "sent">; meetingDate?: IsoDate; actions: MaracAction[] },
  ): StatusBody {
    if (!["received", "on-agenda", "heard"].includes(status.stage))
      throw new InvalidInputError("Choose where it stands.");
    const needsDate = status.stage !== "received";
    if (needsDate && (status.meetingDate === undefined || !isValidIsoDate(status.meetingDate))) {
      throw new InvalidInputError("Enter the date of the meeting.");
    }
    const actions = status.actions.map((action) => {
      const text = action.text.trim();
      const agency = action.agency?.trim();
      if (text === "") throw new InvalidInputError("Each action needs to say what is to be done.");
      if (text.length > ACTION_MAX)
        throw new InvalidInputError(`Each action must be ${ACTION_MAX} characters or fewer.`);
      return { text, ...(agency ? { agency: agency.slice(0, 200) } : {}) };
    });
    return {
      statusBodyVersion: 1,
      referralId,
      stage: status.stage,
      ...(needsDate ? { meetingDate: status.meetingDate! } : {}),
      actions,
      updatedAt: this.#deps.context.nowIso(),
    };
  }

  async decideMatch(
    referralId: string,
    otherReferralId: string,
    verdict: MatchVerdict,
    note?: string,
  ): Promise<InboxReferral> {
    const shown = await this.#inboxReferral(referralId);
    const match = shown.matches.find((candidate) => candidate.otherReferralId === otherReferralId);
    if (!match) throw new InvalidInputError("That referral is not a suggested match for this one.");
    const decided = decideMatch(match.candidate, verdict, this.#deps.context.label, this.#deps.context.nowIso(), note);
    if (!decided.ok) throw new InvalidInputError(decided.problem);
    await this.#exclusive(async () => {
      const row = (await this.#rows()).find((candidate) => candidate.referralId === referralId);
      if (!row) throw new RecordNotFoundError("referrals");
      await this.#saveRows([{ ...row, decisions: [...row.decisions, decided.decision] }]);
    });
    this.#changed();
    // Shared with the area's other coordinator devices now if it can be; offline, by the next round.
    await this.syncNow().catch(() => undefined);
    return this.#inboxReferral(referralId);
  }
}

/** One inbox round, its outcome kept in the sync state as a team round's is (the screens' words read it). */
export async function runInboxRound(
  inbox: AreaInbox,
  store: SyncStore,
): Promise<{ report: SyncReport; refused: number }> {
  const round = await inbox.syncNow();
  const now = store.nowIso();
  const problem = round.problem === null ? null : { code: round.problem, at: now, detail: round.detail };
  const state = await store.readState();
  const row = await store.stateRow({
    ...state,
    lastAttemptAt: now,
    lastSyncedAt: problem === null ? now : state.lastSyncedAt,
    problem,
  });
  await store.write(() => store.db.syncState.put(row));
  return {
    report: { received: round.received, records: [], sent: round.sent, conflicts: [], refused: [], problem },
    refused: round.refused,
  };
}

/** The device knows it is offline: the state says so (no attempt is made). */
export async function markInboxOffline(store: SyncStore): Promise<void> {
  const state = await store.readState();
  const row = await store.stateRow({ ...state, problem: { code: "offline", at: store.nowIso(), detail: null } });
  await store.write(() => store.db.syncState.put(row));
}
