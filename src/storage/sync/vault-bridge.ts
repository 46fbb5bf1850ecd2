/**
 * The bridge between the vault's stores and the sync engine of one enrolled, unlocked profile.
 *
 * Local changes → outbox: every save of a case, assessment (drafts too: the engine coalesces what has
 * not been sent), pack or review is read back in its portable form and queued (`recordChange`) before
 * the save resolves, so a lock's last autosave is queued before the key goes. A body the team already
 * has (or that waits already) is not queued again. A change that cannot be queued is kept and tried
 * again before the next round.
 *
 * Team → vault: after every round, each record this device now holds in another device's version, and
 * that the vault does not hold yet, is checked as an import checks a file (vault-records.ts) and written
 * through the import path (team-apply.ts). Never over a change of this device that has not been sent:
 * a record in conflict ("changed on another device") or with changes waiting is left for the
 * practitioner's choice or for this device's version to go on top. A version failing the checks is
 * refused and reported, never applied. Two reviews of one case are merged (no note is lost), not asked.
 */

import { InvalidInputError, RecordNotFoundError, VaultLockedError } from "../errors";
import type { VaultRecordChange } from "../record-changes";
import type { SessionContext } from "../session-context";
import { MARAC_KINDS } from "./marac-records";
import type { ConflictCopy, StoredRecord, SyncStore } from "./sync-store";
import type { SyncEngine } from "./sync-engine";
import { applyTeamVersions, type TeamVersion } from "./team-apply";
import type { TeamCaseConflict, TeamConflictChoice, TeamRecordKind } from "./team-records-api";
import type { SyncTransport } from "./transport";
import { changesOfCase, decodeDocument, localChangeFor } from "./vault-records";

/** A version from another device that failed the import's checks: reported, never applied. */
export interface RefusedTeamRecord {
  recordId: string;
  caseId: string;
  kind: string;
  version: number;
  authorDeviceId: string;
  reason: string;
  at: string;
}

const REFUSED_KEPT = 50;

const STORE_OF: Record<TeamRecordKind, VaultRecordChange["store"]> = {
  case: "cases",
  assessment: "assessments",
  pack: "packs",
  review: "review",
};

export interface VaultBridgeOptions {
  context: SessionContext;
  store: SyncStore;
  engine: SyncEngine;
  transport: SyncTransport;
  deviceId: string;
  /** Told when what the screens show may have changed. */
  onUpdate: () => void;
}

export class VaultBridge {
  readonly #context: SessionContext;
  readonly #store: SyncStore;
  readonly #engine: SyncEngine;
  readonly #transport: SyncTransport;
  readonly #deviceId: string;
  readonly #onUpdate: () => void;
  #localTail: Promise<unknown> = Promise.resolve();
  #applyTail: Promise<unknown> = Promise.resolve();
  /** Local changes that could not be queued yet, by store/id. */
  readonly #failed = new Map<string, VaultRecordChange>();
  /** Records to apply again after the next round (their case had not arrived, or the vault changed meanwhile). */
  readonly #deferred = new Set<string>();
  readonly #refused: RefusedTeamRecord[] = [];
  #roles: Promise<Map<string, string>> | null = null;
  #problem: string | null = null;

  constructor(options: VaultBridgeOptions) {
    this.#context = options.context;
    this.#store = options.store;
    this.#engine = options.engine;
    this.#transport = options.transport;
    this.#deviceId = options.deviceId;
    this.#onUpdate = options.onUpdate;
  }

  /** The last thing that went wrong here (not the engine's), as a code; null when all went. */
  get problem(): string | null {
    return this.#problem;
  }

  /** Versions refused since unlock, newest last. */
  get refused(): readonly RefusedTeamRecord[] {
    return this.#refused;
  }

  #chainLocal<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#localTail.then(work, work);
    this.#localTail = run.catch(() => undefined);
    return run;
  }

  #chainApply<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#applyTail.then(work, work);
    this.#applyTail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when nothing is being queued or applied (including work started meanwhile). */
  async idle(): Promise<void> {
    for (;;) {
      const local = this.#localTail;
      const apply = this.#applyTail;
      await Promise.all([local, apply]);
      if (local === this.#localTail && apply === this.#applyTail) return;
    }
  }

  // ------------------------------------------------------------------ local changes → outbox

  /** The session's listener: queues saved records (awaited by the save). */
  saved(changes: readonly VaultRecordChange[]): Promise<void> {
    return this.#chainLocal(async () => {
      for (const change of changes) await this.#queueOrKeep(change);
      this.#onUpdate();
    });
  }

  /** Tries the changes that could not be queued before (before each round). */
  retryFailed(): Promise<void> {
    if (this.#failed.size === 0) return Promise.resolve();
    const changes = [...this.#failed.values()];
    this.#failed.clear();
    return this.saved(changes);
  }

  /** Queues every case of the profile with its records (what was made before the device enrolled). */
  queueExistingCases(): Promise<void> {
    return this.#chainLocal(async () => {
      const { db, profileId } = this.#context;
      const caseKeys = (await db.cases.where("profileId").equals(profileId).primaryKeys()) as [string, string][];
      for (const [, caseId] of caseKeys) {
        for (const change of await changesOfCase(this.#context, caseId)) await this.#queueOrKeep(change);
      }
      this.#onUpdate();
    });
  }

  async #queueOrKeep(change: VaultRecordChange): Promise<void> {
    const id = `${change.store}/${change.id}`;
    try {
      await this.#queue(change);
      this.#failed.delete(id);
    } catch (error) {
      if (error instanceof VaultLockedError) throw error;
      this.#failed.set(id, change);
      this.#problem = error instanceof InvalidInputError ? "change-not-sendable" : "change-not-queued";
    }
  }

  async #queue(change: VaultRecordChange): Promise<void> {
    const local = await localChangeFor(this.#context, change);
    if (local === null) return;
    const waiting = await this.#store.outboxFor(local.recordId);
    const last = waiting[waiting.length - 1]?.document ?? (await this.#store.getRecord(local.recordId))?.document;
    // Saving without changing anything (e.g. the same "not safe" codes again) sends no new version.
    if (last && last.kind === local.kind && JSON.stringify(last.body) === JSON.stringify(local.body)) return;
    await this.#engine.recordChange(local);
  }

  // ------------------------------------------------------------------ team → vault

  /** Applies these records (or, with null, every record not applied yet), after what is under way. */
  apply(recordIds: Iterable<string> | null): Promise<void> {
    const ids = recordIds === null ? null : [...recordIds];
    return this.#chainApply(async () => {
      try {
        await this.#mergeReviewConflicts();
        await this.#applyPass(ids);
        if (this.#problem === "apply-failed") this.#problem = null;
      } catch (error) {
        if (error instanceof VaultLockedError) throw error;
        this.#problem = "apply-failed";
        if (ids) ids.forEach((id) => this.#deferred.add(id));
      } finally {
        this.#onUpdate();
      }
    });
  }

  async #applyPass(ids: string[] | null): Promise<void> {
    const store = this.#store;
    const wanted = ids === null ? await store.unappliedRecordIds() : [...new Set([...ids, ...this.#deferred])];
    this.#deferred.clear();
    if (wanted.length === 0) return;
    const rows = await store.db.syncRecords.bulkGet(wanted.map((id): [string, string] => [store.profileId, id]));
    const unapplied = rows.flatMap((row) => (row && (row.applied ?? 0) < row.version ? [row.id] : []));
    if (unapplied.length === 0) return;
    const [held, waiting, conflicted] = await Promise.all([
      store.getRecords(unapplied),
      store.outboxForRecords(unapplied),
      this.#conflictedRecords(unapplied),
    ]);
    const own: StoredRecord[] = [];
    const byAuthor = new Map<string, TeamVersion[]>();
    const now = this.#context.now();
    let arrived = false;
    for (const record of held.values()) {
      const { recordId } = record.document;
      // A MARAC referral and its status are not the vault's: the referrer reads them from the sync rows.
      if (record.authorDeviceId === this.#deviceId || MARAC_KINDS.includes(record.document.kind)) {
        own.push(record);
        // Still news to the screens: the case screen reads a coordinator's status again when told.
        arrived ||= record.authorDeviceId !== this.#deviceId;
        continue;
      }
      // This device's version waits to go on top, or the practitioner has to choose: the vault keeps its own.
      if (conflicted.has(recordId) || (waiting.get(recordId)?.length ?? 0) > 0) continue;
      const decoded = await decodeDocument(record.document, now);
      if (!decoded.ok) {
        this.#refuse(record, decoded.reason);
        continue;
      }
      const list = byAuthor.get(record.authorDeviceId) ?? [];
      list.push({ ...versionOf(record), record: decoded.record });
      byAuthor.set(record.authorDeviceId, list);
    }
    const done = own.map((record) => ({ recordId: record.document.recordId, version: record.version }));
    for (const [author, versions] of byAuthor) {
      const outcome = await applyTeamVersions(this.#context, versions, fromDevice(author));
      arrived ||= outcome.applied.length > 0;
      done.push(...outcome.applied.map(({ recordId, version }) => ({ recordId, version })));
      outcome.deferred.forEach((version) => this.#deferred.add(version.recordId));
      const refusedHere = outcome.refused.map((version) => held.get(version.recordId)!);
      refusedHere.forEach((record) => this.#refuse(record, "wrong-case"));
    }
    await store.markApplied(done);
    // The screens showing lists (the manager's dashboard, the case list) read them again.
    if (arrived) this.#context.arrivals.arrived();
  }

  async #conflictedRecords(recordIds: string[]): Promise<Set<string>> {
    const { db, profileId } = this.#store;
    const rows = await db.syncConflicts
      .where("[profileId+recordId]")
      .anyOf(recordIds.map((id): [string, string] => [profileId, id]))
      .toArray();
    return new Set(rows.map((row) => row.recordId));
  }

  #refuse(record: StoredRecord, reason: string): void {
    const { recordId, caseId, kind } = record.document;
    this.#refused.push({
      recordId,
      caseId,
      kind,
      version: record.version,
      authorDeviceId: record.authorDeviceId,
      reason,
      at: this.#context.nowIso(),
    });
    this.#refused.splice(0, Math.max(0, this.#refused.length - REFUSED_KEPT));
  }

  /** Two reviews of one case: both sets of notes are kept here and sent as one, with no choice to make. */
  async #mergeReviewConflicts(): Promise<void> {
    if ((await this.#store.countConflicts()) === 0) return;
    for (const copy of await this.#store.listConflicts()) {
      if (copy.mine.kind !== "review" || copy.theirs.document.kind !== "review") continue;
      try {
        await this.#resolve(copy, "theirs");
        await this.#queue({ store: "review", id: copy.caseId, caseId: copy.caseId });
      } catch (error) {
        if (error instanceof VaultLockedError) throw error;
        // Left as a conflict: the practitioner can still choose.
      }
    }
  }

  // ------------------------------------------------------------------ conflicts

  /** The conflicts, both versions decoded; one whose versions fail the checks is left out (and reported). */
  async listCaseConflicts(): Promise<TeamCaseConflict[]> {
    return decodeConflicts(await this.#store.listConflicts(), this.#context.now(), await this.#roleOf());
  }

  async #roleOf(): Promise<(deviceId: string) => string | undefined> {
    this.#roles ??= this.#transport.listDevices().then(
      (devices) => new Map(devices.map((device) => [device.deviceId, device.role])),
      () => {
        this.#roles = null; // offline: ask again next time
        return new Map<string, string>();
      },
    );
    const roles = await this.#roles;
    return (deviceId) => roles.get(deviceId);
  }

  /**
   * "theirs": the other device's version (or a later one the team holds now) is written here and nothing
   * is sent. "mine": this device's version stays (its latest, which may be newer than the conflict's
   * copy; written back if it has gone) and is sent on top of the team's.
   */
  resolveCaseConflict(conflictId: string, choice: TeamConflictChoice): Promise<void> {
    return this.#chainApply(async () => {
      const copy = await this.#store.getConflict(conflictId);
      if (!copy) throw new RecordNotFoundError("conflicts");
      await this.#resolve(copy, choice);
      this.#context.arrivals.arrived();
      this.#onUpdate();
    });
  }

  async #resolve(copy: ConflictCopy, choice: TeamConflictChoice): Promise<void> {
    const now = this.#context.now();
    const held = await this.#store.getRecord(copy.recordId);
    if (choice === "theirs") {
      const team =
        held && held.authorDeviceId !== this.#deviceId && held.version >= copy.theirs.version
          ? { document: held.document, version: held.version, authorDeviceId: held.authorDeviceId }
          : copy.theirs;
      const decoded = await decodeDocument(team.document, now);
      if (!decoded.ok)
        throw new InvalidInputError("The other device's version failed its checks, so it cannot be used.");
      const version: TeamVersion = {
        recordId: copy.recordId,
        caseId: copy.caseId,
        version: team.version,
        authorDeviceId: team.authorDeviceId,
        record: decoded.record,
      };
      const outcome = await applyTeamVersions(this.#context, [version], fromDevice(team.authorDeviceId));
      if (outcome.applied.length === 0) {
        throw new InvalidInputError("The other device's version cannot be written here yet. Try again after syncing.");
      }
      await this.#engine.resolveConflict(copy.id, { keep: "theirs" });
      await this.#store.markApplied([{ recordId: copy.recordId, version: team.version }]);
      return;
    }
    const mine = await decodeDocument(copy.mine, now);
    if (!mine.ok) throw new InvalidInputError("This device's version cannot be sent.");
    const store = STORE_OF[mine.record.kind];
    const change = { store, id: store === "review" ? copy.caseId : copy.recordId, caseId: copy.caseId };
    let current = await localChangeFor(this.#context, change);
    if (current === null) {
      // Gone from here since (deleted): written back, then sent.
      const version: TeamVersion = {
        recordId: copy.recordId,
        caseId: copy.caseId,
        version: held?.version ?? 0,
        authorDeviceId: this.#deviceId,
        record: mine.record,
      };
      await applyTeamVersions(this.#context, [version], "team sync: this device's version kept");
      current = await localChangeFor(this.#context, change);
    }
    await this.#engine.resolveConflict(copy.id, { merged: current?.body ?? copy.mine.body });
    // The team's version is answered by this device's, which goes on top: it is never written here.
    if (held) await this.#store.markApplied([{ recordId: copy.recordId, version: held.version }]);
  }
}

function versionOf(record: StoredRecord): Omit<TeamVersion, "record"> {
  return {
    recordId: record.document.recordId,
    caseId: record.document.caseId,
    version: record.version,
    authorDeviceId: record.authorDeviceId,
  };
}

/** The import's description in the audit trail: the author device by its id's start (no name; the server knows the id). */
function fromDevice(deviceId: string): string {
  return `team sync: from device ${deviceId.slice(0, 8)}`;
}

/** Both versions of each conflict, decoded; `roleOf` tells a manager's device (unknown: a review is a manager's). */
export async function decodeConflicts(
  copies: readonly ConflictCopy[],
  now: Date,
  roleOf: (deviceId: string) => string | undefined,
): Promise<TeamCaseConflict[]> {
  const conflicts: TeamCaseConflict[] = [];
  for (const copy of copies) {
    const [mine, theirs] = await Promise.all([
      decodeDocument(copy.mine, now),
      decodeDocument(copy.theirs.document, now),
    ]);
    if (!mine.ok || !theirs.ok) continue;
    const role = roleOf(copy.theirs.authorDeviceId);
    conflicts.push({
      id: copy.id,
      caseId: copy.caseId,
      detectedAt: copy.detectedAt,
      mine: { ...mine.record, savedAt: copy.mine.savedAt },
      theirs: {
        ...theirs.record,
        savedAt: copy.theirs.document.savedAt,
        fromManager: role === undefined ? theirs.record.kind === "review" : role === "manager",
      },
    });
  }
  return conflicts;
}
