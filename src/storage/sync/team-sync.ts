/**
 * Team sync for one unlocked profile: the device's identity (its key pairs, sealed in the vault, and
 * its enrolment), the cryptography a manager device does for its team (the team manager key, wrapping
 * it for a newly approved manager device), and starting and stopping the sync engine. Loaded only after
 * unlock, through `VaultSession.openTeamSync()`, so none of it is in the app's first download.
 */

import { fromBase64 } from "../bytes";
import { InvalidInputError } from "../errors";
import type { SessionContext } from "../session-context";
import { createTeamManagerKey, wrapManagerKeyForDevice } from "./case-keys";
import {
  devicePublicKeys,
  generateDeviceKeys,
  importDeviceKeys,
  signChallenge,
  type DeviceKeys,
  type DevicePublicKeys,
} from "./device-keys";
import { deviceFingerprint } from "./fingerprint";
import { SyncEngine } from "./sync-engine";
import { SyncScheduler, type SyncTriggers } from "./sync-scheduler";
import { SyncStore, type Enrolment, type PinnedManagerKey, type StoredDevice } from "./sync-store";
import type { SyncTransport } from "./transport";

export interface DeviceIdentity {
  /** For the enrolment request, and the fingerprint this device's screen shows. */
  publicKeys: DevicePublicKeys;
  createdAt: string;
  /** Null until the server has accepted the enrolment. */
  enrolment: Enrolment | null;
  /** The team manager key as this device pinned it (its fingerprint can be shown for comparison). */
  managerKey: PinnedManagerKey | null;
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
  #keys: Promise<DeviceKeys> | null = null;
  #running: { engine: SyncEngine; scheduler: SyncScheduler | null; unregister: () => void } | null = null;

  constructor(context: SessionContext, onBeforeLock: (hook: () => Promise<void>) => () => void) {
    this.#store = new SyncStore(context);
    this.#onBeforeLock = onBeforeLock;
  }

  async #device(): Promise<StoredDevice | null> {
    return this.#store.readDevice();
  }

  async #identity(device: StoredDevice): Promise<DeviceIdentity> {
    return {
      publicKeys: await devicePublicKeys(await this.#deviceKeys(device)),
      createdAt: device.createdAt,
      enrolment: device.enrolment,
      managerKey: device.managerKey,
    };
  }

  #deviceKeys(device: StoredDevice): Promise<DeviceKeys> {
    this.#keys ??= importDeviceKeys(device.keys);
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
    const updated = { ...device, enrolment: { ...enrolment } };
    await this.#saveDevice(updated);
    return this.#identity(updated);
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
    const device = await this.#requireDevice();
    const fingerprint = await this.fingerprintOf(recipient);
    if (fingerprint.replace(/\s/g, "") !== confirmedFingerprint.replace(/\s/g, "")) {
      throw new InvalidInputError("The numbers do not match that device's keys. Do not approve it.");
    }
    return wrapManagerKeyForDevice(ownWrapping, await this.#deviceKeys(device), recipient.ecdhPublicKey);
  }

  /**
   * Starts the sync engine for the enrolled device (once; later calls return the same engine). With
   * triggers it syncs at once and then on each of them; it stops when the vault locks.
   */
  async startSync(transport: SyncTransport, options: StartSyncOptions = {}): Promise<SyncEngine> {
    if (this.#running) return this.#running.engine;
    const device = await this.#requireDevice();
    if (!device.enrolment) throw new InvalidInputError("This device is not enrolled in a team yet.");
    const keys = await this.#deviceKeys(device);
    const engine = new SyncEngine({
      store: this.#store,
      transport,
      device: { keys, ...device.enrolment },
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const scheduler = options.triggers
      ? new SyncScheduler(engine, options.triggers, {
          ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
          ...(options.onError === undefined ? {} : { onError: options.onError }),
        })
      : null;
    const unregister = this.#onBeforeLock(async () => this.stopSync());
    this.#running = { engine, scheduler, unregister };
    scheduler?.start();
    return engine;
  }

  /** Stops the triggers; what is queued stays queued for next time. */
  stopSync(): void {
    this.#running?.scheduler?.stop();
    this.#running?.unregister();
    this.#running = null;
  }

  /** Leaves the team on this device: stops sync and removes its keys and every sync record here. */
  async leaveTeam(): Promise<void> {
    this.stopSync();
    await this.#store.clear();
    this.#keys = null;
  }
}

export function openTeamSync(
  context: SessionContext,
  onBeforeLock: (hook: () => Promise<void>) => () => void,
): TeamSync {
  return new TeamSync(context, onBeforeLock);
}
