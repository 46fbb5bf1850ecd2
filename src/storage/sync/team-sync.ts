/**
 * Team sync for one unlocked profile: the device's identity (its key pairs, sealed in the vault, and
 * its enrolment), the cryptography a manager device does for its team (the team manager key, wrapping
 * it for a newly approved manager device), and starting and stopping the sync engine. Loaded only after
 * unlock, through `VaultSession.openTeamSync()`, so none of it is in the app's first download.
 */

import { fromBase64 } from "../bytes";
import { InvalidInputError } from "../errors";
import type { SessionContext } from "../session-context";
import { createAreaKey, wrapAreaKeyForDevice } from "./area-keys";
import { createTeamManagerKey, wrapManagerKeyForDevice } from "./case-keys";
import { CaseReassignment } from "./case-reassignment";
import {
  generateDeviceKeys,
  importDeviceKeys,
  signChallenge,
  type DeviceKeys,
  type DevicePublicKeys,
} from "./device-keys";
import { deviceFingerprint } from "../../domain/team-sync/device-fingerprint";
import { SyncBlockedError } from "./key-ring";
import { rekeyAfterRemoval, type KeyRotationApi, type RekeyOutcome, type RekeyProgress } from "./key-rotation";
import { rotatingDeviceFor } from "./rekey-device";
import { SyncEngine, type SyncReport } from "./sync-engine";
import { SyncScheduler, type SyncTriggers } from "./sync-scheduler";
import { wipeRemovedDevice } from "./removal-wipe";
import {
  SyncStore,
  type Enrolment,
  type Membership,
  type PinnedManagerKey,
  type RemovalWipeResult,
  type StoredDevice,
  type StoredRemoval,
  type SyncProblem,
  type SyncStateValue,
} from "./sync-store";
import { AreaInbox, markInboxOffline, runInboxRound } from "./marac-coordinator";
import type { MaracCoordinator, MaracReferrer } from "./marac-records-api";
import { TeamMaracReferrer } from "./marac-referrer";
import type { TeamCaseConflict, TeamConflictChoice, TeamRemoval, TeamSyncState } from "./team-records-api";
import type { MaracTransport, SyncTransport } from "./transport";
import { VaultBridge, decodeConflicts, type RefusedTeamRecord } from "./vault-bridge";

export interface DeviceIdentity {
  /** For the enrolment request, and the fingerprint this device's screen shows. */
  publicKeys: DevicePublicKeys;
  createdAt: string;
  /** Null until the server has accepted the enrolment. */
  enrolment: Enrolment | null;
  /** The team manager key as this device pinned it (its fingerprint can be shown for comparison). */
  managerKey: PinnedManagerKey | null;
  membership: TeamSyncState["membership"];
}

/** What the screens' listener is given: the state, whenever it may have changed. */
export type TeamSyncStateListener = (state: TeamSyncState) => void;

interface Running {
  engine: SyncEngine;
  transport: SyncTransport;
  bridge: VaultBridge;
  scheduler: SyncScheduler | null;
  triggers: SyncTriggers | null;
  stops: (() => void)[];
}

export interface StartSyncOptions {
  /** When to sync (browserTriggers() in the app). Without, the engine only syncs when asked (syncNow). */
  triggers?: SyncTriggers;
  intervalMs?: number;
  pageSize?: number;
  onError?: (error: unknown) => void;
}

export class TeamSync {
  readonly #store: SyncStore;
  readonly #onBeforeLock: (hook: () => Promise<void>) => () => void;
  readonly #context: SessionContext;
  #keys: Promise<DeviceKeys> | null = null;
  #running: Running | null = null;
  /** A coordinator's device: its MARAC inbox, once its sync has started (startAreaSync). */
  #inbox: { inbox: AreaInbox; scheduler: SyncScheduler | null; stop: () => void } | null = null;
  #referrer: TeamMaracReferrer | null = null;
  readonly #stateListeners = new Set<TeamSyncStateListener>();
  #stateQueued = false;
  /** What the last round refused (envelopes, and versions failing the import's checks), for the words. */
  #lastRoundRefused = 0;
  /** The removed device's wipe while it runs (one at a time; `state()` waits for it). */
  #wiping: Promise<void> | null = null;

  constructor(context: SessionContext, onBeforeLock: (hook: () => Promise<void>) => () => void) {
    this.#context = context;
    this.#store = new SyncStore(context);
    this.#onBeforeLock = onBeforeLock;
  }

  async #device(): Promise<StoredDevice | null> {
    return this.#store.readDevice();
  }

  async #identity(device: StoredDevice): Promise<DeviceIdentity> {
    // From the stored public halves: a removed device has no private keys left to import.
    const { ecdhPublicKey, ecdsaPublicKey } = device.keys;
    return {
      publicKeys: {
        ecdhPublicKey,
        ecdsaPublicKey,
        fingerprint: await this.fingerprintOf({ ecdhPublicKey, ecdsaPublicKey }),
      },
      createdAt: device.createdAt,
      enrolment: device.enrolment,
      managerKey: device.managerKey,
      membership: membershipOf(device, await this.#store.readState()),
    };
  }

  #deviceKeys(device: StoredDevice): Promise<DeviceKeys> {
    const material = device.keys;
    if (!("ecdhPrivateKey" in material)) {
      throw new InvalidInputError("This device was removed from the team and its keys have been deleted.");
    }
    this.#keys ??= importDeviceKeys(material);
    return this.#keys;
  }

  async #requireDevice(): Promise<StoredDevice> {
    const device = await this.#device();
    if (!device) throw new InvalidInputError("This device has not been set up for a team yet.");
    return device;
  }

  async #saveDevice(device: StoredDevice): Promise<void> {
    const row = await this.#store.deviceRow(device);
    await this.#store.write(() => this.#store.db.syncDevice.put(row));
  }

  /** The device's identity, or null if it has never been set up for a team. */
  async deviceIdentity(): Promise<DeviceIdentity | null> {
    const device = await this.#device();
    return device ? this.#identity(device) : null;
  }

  /** Makes the device's key pairs (once) and seals them in the vault; returns what enrolment sends. */
  async createDeviceIdentity(): Promise<DeviceIdentity> {
    if (await this.#device()) throw new InvalidInputError("This device already has its keys for a team.");
    const { material, keys } = await generateDeviceKeys();
    const device: StoredDevice = { keys: material, createdAt: this.#store.nowIso(), enrolment: null, managerKey: null };
    await this.#saveDevice(device);
    this.#keys = Promise.resolve(keys);
    return this.#identity(device);
  }

  /** Keeps what the server answered to the enrolment (the device id, its team and role). */
  async recordEnrolment(enrolment: Enrolment): Promise<DeviceIdentity> {
    const device = await this.#requireDevice();
    if (device.enrolment && device.enrolment.deviceId !== enrolment.deviceId) {
      throw new InvalidInputError("This device is already enrolled in a team.");
    }
    const updated: StoredDevice = {
      ...device,
      enrolment: { ...enrolment },
      membership: enrolment.status === "approved" ? "approved" : (device.membership ?? "awaiting-approval"),
      membershipAt: this.#store.nowIso(),
    };
    await this.#saveDevice(updated);
    this.#stateChanged();
    return this.#identity(updated);
  }

  /**
   * What the team says of this device, as GET /api/devices lists it (e.g. the enrolment screen polling
   * for approval). Sync rounds learn it too: signing in works, or is refused as waiting or removed.
   */
  async recordMembership(status: "pending" | "approved" | "revoked"): Promise<void> {
    if (status === "revoked") {
      // GET /api/devices answers `device-revoked` only for a device a manager removed.
      await this.#removedByTeam("removed-by-manager");
      return;
    }
    await this.#setMembership(status === "pending" ? "awaiting-approval" : status);
  }

  async #setMembership(membership: Membership, reason?: StoredRemoval["reason"]): Promise<void> {
    const device = await this.#device();
    if (!device?.enrolment) return;
    const at = this.#store.nowIso();
    // Removal is final: what was first learnt of it (and its wipe) is kept.
    const removal = device.removal ?? (reason === undefined ? undefined : { reason, learntAt: at });
    await this.#saveDevice({ ...device, membership, membershipAt: at, ...(removal ? { removal } : {}) });
    this.#stateChanged();
  }

  /** Signs a sign-in challenge (POST /api/session's `signature`). */
  async signChallenge(challengeId: string, nonce: string): Promise<string> {
    return signChallenge(await this.#deviceKeys(await this.#requireDevice()), challengeId, nonce);
  }

  /** The first manager device: the body of PUT /api/team/manager-key. */
  async createTeamManagerKey(): Promise<{ keyId: string; publicKey: string; wrapped: string }> {
    const device = await this.#requireDevice();
    if (device.enrolment?.role !== "manager") throw new InvalidInputError("Only a manager's device can do that.");
    return (await createTeamManagerKey(await this.#deviceKeys(device))).request;
  }

  /**
   * The fingerprint of a device from its public keys as the server lists them (GET /api/devices), for
   * the approving manager's screen. Computed here, never taken from the server's own `fingerprint`.
   */
  fingerprintOf(keys: { ecdhPublicKey: string; ecdsaPublicKey: string }): Promise<string> {
    return deviceFingerprint({
      ecdhPublicKey: fromBase64(keys.ecdhPublicKey),
      ecdsaPublicKey: fromBase64(keys.ecdsaPublicKey),
    });
  }

  /**
   * Approving a manager device: the team manager key, opened from this device's own wrapping (GET
   * /api/team/manager-key) and sealed to the new device's ECDH key (the approval's `managerKeyWrapped`).
   * Refused unless the keys it is sealed to are the ones whose fingerprint the manager confirmed on the
   * new device's screen.
   */
  async wrapManagerKeyFor(
    ownWrapping: { keyId: string; wrapped: string },
    recipient: { ecdhPublicKey: string; ecdsaPublicKey: string },
    confirmedFingerprint: string,
  ): Promise<string> {
    const device = await this.#confirmedRecipient(recipient, confirmedFingerprint);
    return wrapManagerKeyForDevice(ownWrapping, await this.#deviceKeys(device), recipient.ecdhPublicKey);
  }

  /**
   * After this manager's device removed another (POST /api/devices/:id/revoke): gives every case the
   * removed device could read a new key (key-rotation.ts), wrapped to the team manager key as this
   * device pinned it — replaced first when the removed device was a manager's (team-key-rotation.ts). Resumable: call again after an interruption. This device learns the new keys in its
   * next sync round, like every other device, and its later writes use them.
   */
  async rekeyAfterRemoval(
    api: KeyRotationApi,
    revokedDeviceId: string,
    onProgress?: (progress: RekeyProgress) => void,
  ): Promise<RekeyOutcome> {
    const device = await this.#requireDevice();
    if (device.enrolment?.role !== "manager") throw new InvalidInputError("Only a manager's device can do that.");
    // Never the server's word of now: a key it swapped in would read every new key.
    if (device.managerKey === null) throw new SyncBlockedError("no-manager-key");
    const enrolled = { ...device, enrolment: device.enrolment, managerKey: device.managerKey };
    const rotating = rotatingDeviceFor(this.#store, api, enrolled, await this.#deviceKeys(device));
    return rekeyAfterRemoval(api, rotating, revokedDeviceId, onProgress);
  }

  /** A manager's device: a practitioner device's cases, and reassigning them (case-reassignment.ts). */
  reassignment = (): CaseReassignment => new CaseReassignment(this.#store);

  /**
   * Starts the sync engine for the enrolled device (once; later calls return the same engine), and the
   * bridge to the vault's stores (vault-bridge.ts): from now on every saved record is queued, and every
   * other device's version is written into the vault after each round. The first time on a
   * practitioner's device, every case already here is queued. With triggers it syncs at once and then on
   * each of them; the triggers stop when the vault locks.
   */
  async startSync(transport: SyncTransport, options: StartSyncOptions = {}): Promise<SyncEngine> {
    if (this.#running) return this.#running.engine;
    const device = await this.#requireDevice();
    if (!device.enrolment) throw new InvalidInputError("This device is not enrolled in a team yet.");
    if (device.enrolment.role === "coordinator") {
      throw new InvalidInputError("A MARAC coordinator's device syncs its area's inbox (startAreaSync).");
    }
    // Removal is final on the server (a removed device is never approved again): nothing to sync.
    if (device.membership === "revoked") throw new InvalidInputError("This device has been removed from the team.");
    const keys = await this.#deviceKeys(device);
    const engine = new SyncEngine({
      store: this.#store,
      transport,
      device: { keys, ...device.enrolment },
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const bridge = new VaultBridge({
      context: this.#context,
      store: this.#store,
      engine,
      transport,
      deviceId: device.enrolment.deviceId,
      onUpdate: () => this.#stateChanged(),
    });
    const scheduler = options.triggers
      ? new SyncScheduler(
          { syncNow: () => this.syncNow(), sendNow: () => this.sendNow(), markOffline: () => engine.markOffline() },
          options.triggers,
          {
            ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
            ...(options.onError === undefined ? {} : { onError: options.onError }),
          },
        )
      : null;
    const running: Running = { engine, transport, bridge, scheduler, triggers: options.triggers ?? null, stops: [] };
    running.stops = [
      this.#context.changes.listen(async (changes) => {
        await bridge.saved(changes);
        // Sent a moment later (a burst of autosaves goes as one round), not at the next minute's round.
        scheduler?.changed();
      }),
      engine.onChange(({ records, conflicts }) => {
        if (records.length > 0 || conflicts.length > 0) {
          bridge.apply(records.map((record) => record.document.recordId)).catch(() => undefined);
        }
        this.#stateChanged();
      }),
      // Locking: the triggers stop, and what is being queued or applied finishes while the key is here.
      // The outbox listener stays until the key goes, so a last autosave flushed by the lock is queued.
      this.#onBeforeLock(async () => {
        scheduler?.stop();
        await bridge.idle();
      }),
    ];
    this.#running = running;
    // Records from before this start: other devices' versions not in the vault yet, and (once, on a
    // practitioner's device) the cases made before enrolment.
    bridge.apply(null).catch(() => undefined);
    if (device.enrolment.role === "practitioner" && device.queuedExisting === undefined) {
      bridge
        .queueExistingCases()
        .then(async () => {
          const current = await this.#device();
          if (current) await this.#saveDevice({ ...current, queuedExisting: this.#store.nowIso() });
        })
        .catch(() => undefined);
    }
    scheduler?.start();
    return engine;
  }

  /**
   * One round now, with the vault: changes not queued yet are queued first, and what arrives is written
   * into the vault before it resolves. Returns the engine's report.
   */
  syncNow(): Promise<SyncReport> {
    if (this.#inbox) return this.#inboxRound(this.#inbox.inbox);
    return this.#roundNow((engine) => engine.syncNow());
  }

  /**
   * Sends what was saved here now, as the scheduler does a moment after a save: the engine's push round,
   * which pulls only when it must (SyncEngine.sendNow). Same bookkeeping as `syncNow`.
   */
  sendNow(): Promise<SyncReport> {
    if (this.#inbox) return this.#inboxRound(this.#inbox.inbox);
    return this.#roundNow((engine) => engine.sendNow());
  }

  // ------------------------------------------------------------------ MARAC (marac-records-api.ts)

  /**
   * A coordinator's device: starts its MARAC inbox (once; later calls return the same one), syncing at
   * once and then on each trigger, as startSync does for a team's device.
   */
  async startAreaSync(transport: MaracTransport, options: StartSyncOptions = {}): Promise<MaracCoordinator> {
    if (this.#inbox) return this.#inbox.inbox;
    const device = await this.#requireDevice();
    if (device.enrolment?.role !== "coordinator")
      throw new InvalidInputError("This is not a MARAC coordinator's device.");
    if (device.membership === "revoked") throw new InvalidInputError("This device has been removed from the area.");
    const inbox = new AreaInbox({
      context: this.#context,
      store: this.#store,
      transport,
      keys: await this.#deviceKeys(device),
      deviceId: device.enrolment.deviceId,
      readDevice: () => this.#device(),
      saveDevice: (updated) => this.#saveDevice(updated),
    });
    const scheduler = options.triggers
      ? new SyncScheduler(
          {
            syncNow: () => this.syncNow(),
            sendNow: () => this.sendNow(),
            markOffline: () => markInboxOffline(this.#store).then(() => this.#stateChanged()),
          },
          options.triggers,
          {
            ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
            ...(options.onError === undefined ? {} : { onError: options.onError }),
          },
        )
      : null;
    const stopLock = this.#onBeforeLock(async () => scheduler?.stop());
    this.#inbox = { inbox, scheduler, stop: stopLock };
    scheduler?.start();
    return inbox;
  }

  async #inboxRound(inbox: AreaInbox): Promise<SyncReport> {
    this.#stateChanged();
    const { report, refused } = await runInboxRound(inbox, this.#store);
    // Removed from the area: as a team device, it stops and wipes what it held (the referrals).
    const membership = membershipFrom(report.problem);
    const removal = removalReasonFrom(report.problem);
    if (removal) await this.#removedByTeam(removal);
    else if (membership) await this.#setMembership(membership);
    this.#lastRoundRefused = refused;
    this.#stateChanged();
    return report;
  }

  /** The first coordinator device of an area: the body of PUT /api/area/key. */
  async createAreaKey(): Promise<{ keyId: string; publicKey: string; wrapped: string }> {
    const device = await this.#requireDevice();
    if (device.enrolment?.role !== "coordinator")
      throw new InvalidInputError("Only a coordinator's device can do that.");
    return (await createAreaKey(await this.#deviceKeys(device))).request;
  }

  /**
   * Approving another coordinator device: the area key, opened from this device's own wrapping (GET
   * /api/area/key) and sealed to the new device (the approval's `managerKeyWrapped`), only to the keys
   * whose fingerprint the coordinator confirmed on the new device's screen.
   */
  async wrapAreaKeyFor(
    ownWrapping: { keyId: string; wrapped: string },
    recipient: { ecdhPublicKey: string; ecdsaPublicKey: string },
    confirmedFingerprint: string,
  ): Promise<string> {
    const device = await this.#confirmedRecipient(recipient, confirmedFingerprint);
    return wrapAreaKeyForDevice(ownWrapping, await this.#deviceKeys(device), recipient.ecdhPublicKey);
  }

  /**
   * Before a key is sealed to a device being approved: its keys must be the ones whose fingerprint the
   * approver confirmed on the new device's screen. Returns this device (the one sealing).
   */
  async #confirmedRecipient(
    recipient: { ecdhPublicKey: string; ecdsaPublicKey: string },
    confirmedFingerprint: string,
  ): Promise<StoredDevice> {
    const device = await this.#requireDevice();
    const fingerprint = await this.fingerprintOf(recipient);
    if (fingerprint.replace(/\s/g, "") !== confirmedFingerprint.replace(/\s/g, "")) {
      throw new InvalidInputError("The numbers do not match that device's keys. Do not approve it.");
    }
    return device;
  }

  async #roundNow(round: (engine: SyncEngine) => Promise<SyncReport>): Promise<SyncReport> {
    const running = this.#requireRunning();
    await running.bridge.retryFailed();
    await running.bridge.idle();
    const refusedBefore = running.bridge.refused.length;
    this.#stateChanged();
    const report = await round(running.engine);
    await running.bridge.idle();
    this.#lastRoundRefused = report.refused.length + Math.max(0, running.bridge.refused.length - refusedBefore);
    const membership = membershipFrom(report.problem);
    const removal = removalReasonFrom(report.problem);
    if (removal) await this.#removedByTeam(removal);
    else if (membership) await this.#setMembership(membership);
    this.#stateChanged();
    return report;
  }

  /**
   * The server refused this device as removed: sync stops for good. Removed by a manager, the team's
   * cases, the sync rows and the device's private keys are deleted here (removal-wipe.ts,
   * docs/decisions.md §26); unknown to the server, only the sync rows go and the cases stay. The device
   * row stays, marked removed, so the screens say why.
   */
  async #removedByTeam(reason: StoredRemoval["reason"]): Promise<void> {
    this.stopSync();
    await this.#setMembership("revoked", reason);
    const device = await this.#device();
    if (device?.removal?.reason === "removed-by-manager") await this.#wipe();
    else await this.#store.clearTeamData();
  }

  /**
   * At unlock (the screens call it before anything else): a removal learnt before but whose wipe did not
   * finish (the app closed or crashed half way, or a round run straight on the engine learnt it) is
   * wiped now. Does nothing on a device that is not out of its team, or whose wipe is done.
   */
  async resumeRemoval(): Promise<void> {
    const [device, syncState] = await Promise.all([this.#device(), this.#store.readState()]);
    if (!device?.enrolment || membershipOf(device, syncState) !== "revoked") return;
    if (device.removal?.wiped) return;
    const reason = device.removal?.reason ?? removalReasonFrom(syncState.problem);
    // Revoked from what GET /api/devices said before this version kept the reason: a manager's removal.
    await this.#removedByTeam(reason ?? "removed-by-manager");
  }

  /** Runs the wipe once at a time; the vault waits for it before locking. */
  #wipe(): Promise<void> {
    this.#wiping ??= this.#runWipe().finally(() => {
      this.#wiping = null;
      this.#stateChanged();
    });
    return this.#wiping;
  }

  async #runWipe(): Promise<void> {
    const release = this.#onBeforeLock(async () => {
      await this.#wiping?.catch(() => undefined);
    });
    try {
      const device = await this.#requireDevice();
      const result = await wipeRemovedDevice(this.#context, this.#store, (wiped) => wipedDevice(device, wiped));
      this.#keys = null;
      // The screens showing the case list read it again, as they do when the team's records arrive.
      if (result.removedCases > 0) this.#context.arrivals.arrived();
    } finally {
      release();
    }
  }

  #requireRunning(): Running {
    if (!this.#running) throw new InvalidInputError("Team sync has not been started on this device.");
    return this.#running;
  }

  /** Stops the triggers and the bridge; what is queued stays queued for next time. */
  stopSync(): void {
    if (this.#inbox) {
      this.#inbox.scheduler?.stop();
      this.#inbox.stop();
      this.#inbox = null;
    }
    const running = this.#running;
    if (!running) return;
    running.scheduler?.stop();
    for (const stop of running.stops) stop();
    this.#running = null;
  }

  // ------------------------------------------------------------------ conflicts and state (team-records-api.ts)

  /** "Changed on another device", both versions decoded, oldest first. */
  async listCaseConflicts(): Promise<TeamCaseConflict[]> {
    if (this.#running) return this.#running.bridge.listCaseConflicts();
    return decodeConflicts(await this.#store.listConflicts(), this.#context.now(), () => undefined);
  }

  /** Keeps the other device's version here (nothing sent) or this device's (sent on top). */
  async resolveCaseConflict(conflictId: string, choice: TeamConflictChoice): Promise<void> {
    if (choice !== "mine" && choice !== "theirs") throw new InvalidInputError("Choose one of the two versions.");
    await this.#requireRunning().bridge.resolveCaseConflict(conflictId, choice);
  }

  /** Versions from other devices refused since unlock (failing the import's checks): never applied. */
  listRefusedRecords(): readonly RefusedTeamRecord[] {
    return this.#running?.bridge.refused ?? [];
  }

  async state(): Promise<TeamSyncState> {
    // Not half way through a wipe: the counts are said once it has finished.
    await this.#wiping?.catch(() => undefined);
    const store = this.#store;
    const [device, syncState, waitingToSend, conflicts] = await Promise.all([
      this.#device(),
      store.readState(),
      store.countOutbox(),
      store.countConflicts(),
    ]);
    const membership = device ? membershipOf(device, syncState) : "none";
    const running = this.#running;
    const syncing = running ? (await running.engine.status()).syncing : false;
    const online = running?.triggers ? running.triggers.isOnline() : syncState.problem?.code !== "offline";
    return {
      membership,
      online,
      syncing,
      lastSyncedAt: syncState.lastSyncedAt,
      waitingToSend,
      conflicts,
      problem: problemWords(syncState.problem, membership, running?.bridge.problem ?? null, this.#lastRoundRefused),
      refusedRecords: running?.bridge.refused.length ?? 0,
      removal: device && membership === "revoked" ? removalOf(device, syncState) : null,
    };
  }

  /** Called with the state whenever it may have changed (coalesced). Returns the unsubscribe. */
  onStateChange(listener: TeamSyncStateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #stateChanged(): void {
    if (this.#stateListeners.size === 0 || this.#stateQueued) return;
    this.#stateQueued = true;
    queueMicrotask(() => {
      this.#stateQueued = false;
      this.state().then(
        (state) => {
          for (const listener of [...this.#stateListeners]) {
            try {
              listener(state);
            } catch {
              // A screen's listener failing must not stop the others.
            }
          }
        },
        () => undefined, // locked meanwhile: nothing to show
      );
    });
  }

  /** Leaves the team on this device: stops sync and removes its keys and every sync record here. */
  async leaveTeam(): Promise<void> {
    this.stopSync();
    await this.#store.clear();
    this.#keys = null;
  }

  /**
   * Sending packs to MARAC and following their statuses (a practitioner's or manager's device). Sends
   * need sync started (they go through its outbox); reading what was sent does not.
   */
  maracReferrer(): MaracReferrer {
    this.#referrer ??= new TeamMaracReferrer({
      context: this.#context,
      store: this.#store,
      running: () => (this.#running ? { engine: this.#running.engine, transport: this.#running.transport } : null),
      sendNow: () => this.sendNow(),
      readDevice: () => this.#device(),
      saveDevice: (device) => this.#saveDevice(device),
    });
    return this.#referrer;
  }

  /** The MARAC coordinator's inbox (a coordinator's device, once startAreaSync has run). */
  maracCoordinator(): MaracCoordinator {
    if (!this.#inbox) throw new InvalidInputError("The MARAC inbox has not been started on this device.");
    return this.#inbox.inbox;
  }
}

/**
 * The membership as last learnt: recorded (enrolment, GET /api/devices) or said by the last round the
 * engine attempted, whichever is later. A round run straight on the engine (not through syncNow) counts.
 */
function membershipOf(device: StoredDevice, syncState: SyncStateValue): TeamSyncState["membership"] {
  if (!device.enrolment) return "none";
  const recorded = device.membership ?? (device.enrolment.status === "approved" ? "approved" : "awaiting-approval");
  const attempted = syncState.lastAttemptAt;
  if (attempted === null || (device.membershipAt !== undefined && device.membershipAt > attempted)) return recorded;
  return membershipFrom(syncState.problem) ?? recorded;
}

/** What the screens say of a removed device: why, and (once wiped) how many cases went and stayed. */
function removalOf(device: StoredDevice, syncState: SyncStateValue): TeamRemoval {
  const reason = device.removal?.reason ?? removalReasonFrom(syncState.problem) ?? "removed-by-manager";
  const wiped = device.removal?.wiped;
  return { reason, removedCases: wiped?.removedCases ?? null, keptCases: wiped?.keptCases ?? null };
}

/** The device row after the wipe: marked removed, public keys only, nothing pinned, what was done kept. */
function wipedDevice(device: StoredDevice, result: RemovalWipeResult): StoredDevice {
  return {
    ...device,
    keys: { ecdhPublicKey: device.keys.ecdhPublicKey, ecdsaPublicKey: device.keys.ecdsaPublicKey },
    managerKey: null,
    membership: "revoked",
    membershipAt: result.at,
    removal: { reason: "removed-by-manager", learntAt: device.removal?.learntAt ?? result.at, wiped: result },
  };
}

/** Refused as removed: by a manager (`device-revoked`) or unknown to the server (`unknown-device`); else null. */
function removalReasonFrom(problem: SyncProblem | null): StoredRemoval["reason"] | null {
  if (problem?.code !== "signed-out") return null;
  if (problem.detail === "device-revoked") return "removed-by-manager";
  if (problem.detail === "unknown-device") return "unknown-to-server";
  return null;
}

/** What a round says of the membership: signed in (whatever came after), or refused as waiting or removed. */
function membershipFrom(problem: SyncProblem | null): Membership | null {
  if (problem === null) return "approved";
  if (problem.code === "signed-out") {
    if (problem.detail === "device-not-approved") return "awaiting-approval";
    if (removalReasonFrom(problem) !== null) return "revoked";
    return null;
  }
  return problem.code === "offline" || problem.code === "unavailable" ? null : "approved";
}

/** The plain words the screens show for the last round's problem (null: nothing wrong). */
export function problemWords(
  problem: SyncProblem | null,
  membership: TeamSyncState["membership"],
  bridgeProblem: string | null,
  refusedLastRound: number,
): string | null {
  if (membership === "awaiting-approval") return "This device is waiting for a manager to approve it.";
  if (membership === "revoked") return "This device has been removed from the team. Ask your manager.";
  switch (problem?.code) {
    case "offline":
      return "This device is offline. Changes are kept here and sent when it is back online.";
    case "unavailable":
      return "The team server cannot be reached just now. Changes are kept here and sent later.";
    case "signed-out":
      return "This device could not sign in to the team server. Ask your manager to check it.";
    case "no-manager-key":
      return "Your manager has not finished setting up the team yet. Changes wait here until they do.";
    case "manager-key-changed":
      return "The team's key is not the one this device first saw, so nothing is shared. Tell your manager.";
    case "manager-key-unreadable":
      return "This device cannot open the team's key yet. Ask another manager to check its approval.";
    case "change-refused":
      return "The team server refused a change from this device. It is kept here.";
    case "no-area-key":
      return "Your MARAC area has not been set up yet. Its first coordinator's device sets it up.";
    case "area-key-changed":
      return "The MARAC area's key is not the one this device first saw, so nothing is read. Tell the server's operator.";
    default:
      break;
  }
  if (refusedLastRound > 0) return "A change from another device failed its checks and was not used.";
  if (bridgeProblem !== null)
    return "Some changes on this device could not be prepared for the team. They will be tried again.";
  return null;
}

export function openTeamSync(
  context: SessionContext,
  onBeforeLock: (hook: () => Promise<void>) => () => void,
): TeamSync {
  return new TeamSync(context, onBeforeLock);
}
