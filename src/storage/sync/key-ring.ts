/**
 * The keys one sync engine works with while the vault is unlocked, and how they are found: the team
 * directory's signing keys (to check envelope authors), the team manager key (pinned on first sight;
 * its private half for manager devices), and case keys (from the vault, or unwrapped from what the
 * server hands over and trusted only once an envelope has decrypted under them).
 */

import { fromBase64, toBase64 } from "../bytes";
import { importCaseKey, openManagerKey, unwrapCaseKey } from "./case-keys";
import type { DeviceKeys } from "./device-keys";
import type { IncomingEnvelope } from "./envelope";
import { managerKeyFingerprint } from "./fingerprint";
import { importSigningPublicKey } from "./signing";
import type { SyncProblemCode, SyncStore } from "./sync-store";
import { learnTeamKey, openOlderTeamKeys } from "./team-key-learning";
import type { SyncTransport } from "./transport";

export interface EnrolledDevice {
  keys: DeviceKeys;
  deviceId: string;
  teamId: string;
  role: "practitioner" | "manager";
}

/** A case key found for an envelope; `learnt` when it came from the server's wrapping, not the vault. */
export interface FoundCaseKey {
  key: CryptoKey;
  learnt: { raw: string } | null;
}

/** A reason sync cannot go on for now, with its code for the screens. */
export class SyncBlockedError extends Error {
  override name = "SyncBlockedError";
  constructor(readonly code: SyncProblemCode) {
    super(code);
  }
}

export class KeyRing {
  readonly #store: SyncStore;
  readonly #transport: SyncTransport;
  readonly #device: EnrolledDevice;
  /** Signing keys of the team's approved (or since revoked) devices; null until first needed. */
  #authors: Map<string, Promise<CryptoKey>> | null = null;
  /** Which of those are managers' devices (only they may replace a case key). */
  #managers = new Set<string>();
  #directoryFetchedThisRound = false;
  /** The directory's MARAC coordinator devices (of areas the team is linked to). */
  #coordinators = new Set<string>();
  /** Case keys confirmed by a successful decryption (or made here). */
  readonly #caseKeys = new Map<string, CryptoKey>();
  /** Keys the page being checked looked for and the vault does not hold (so none is read twice). */
  #notInVault = new Set<string>();
  /** Keys learnt from wrappings, base64, not yet in the vault. */
  readonly #unstored = new Map<string, string>();
  #managerPublicKey: Uint8Array<ArrayBuffer> | null = null;
  #managerKeyId: string | null = null;
  #managerPrivateKey: CryptoKey | null = null;
  /** A manager's device: team keys replaced since (newest first), opened when a wrapping needs one. */
  #olderManagerKeys: Promise<CryptoKey[]> | null = null;

  #directoryFetch: Promise<void> | null = null;
  #managerKeyLoad: Promise<void> | null = null;

  constructor(store: SyncStore, transport: SyncTransport, device: EnrolledDevice) {
    this.#store = store;
    this.#transport = transport;
    this.#device = device;
  }

  /** A new sync round may fetch the directory again for an author it does not know. */
  startRound(): void {
    this.#directoryFetchedThisRound = false;
  }

  /**
   * One directory fetch at a time: a page's envelopes are checked together, and every check of an author
   * not known yet waits for the same fetch (a fetch each sent thousands of requests at once for one page).
   */
  #fetchDirectory(): Promise<void> {
    this.#directoryFetch ??= this.#readDirectory().finally(() => {
      this.#directoryFetch = null;
    });
    return this.#directoryFetch;
  }

  async #readDirectory(): Promise<void> {
    const devices = await this.#transport.listDevices();
    const authors = new Map<string, Promise<CryptoKey>>();
    const managers = new Set<string>();
    const coordinators = new Set<string>();
    for (const device of devices) {
      // A pending device never wrote anything the server accepted; a revoked one did, while approved.
      if (device.status === "pending") continue;
      // Coordinators of the MARAC areas the team is linked to write its referrals' statuses, and only those.
      if (device.role === "coordinator") coordinators.add(device.deviceId);
      const key = importSigningPublicKey(fromBase64(device.ecdsaPublicKey));
      key.catch(() => undefined);
      authors.set(device.deviceId, key);
      if (device.role === "manager") managers.add(device.deviceId);
    }
    this.#authors = authors;
    this.#managers = managers;
    this.#coordinators = coordinators;
    this.#directoryFetchedThisRound = true;
  }

  /** The author's signing key, fetching the directory (once a round) for an author not known yet. Null: unknown. */
  async authorKey(deviceId: string): Promise<CryptoKey | null> {
    if (deviceId === this.#device.deviceId) return importSigningPublicKey(this.#device.keys.ecdsaPublicKey);
    if (this.#authors === null || (!this.#authors.has(deviceId) && !this.#directoryFetchedThisRound)) {
      await this.#fetchDirectory();
    }
    const key = this.#authors?.get(deviceId);
    if (!key) return null;
    try {
      return await key;
    } catch {
      return null;
    }
  }

  /** The signing key of a manager's device of the team (a key rotation's signer), or null if it is not one. */
  async managerSigningKey(deviceId: string): Promise<CryptoKey | null> {
    if (deviceId === this.#device.deviceId) {
      return this.#device.role === "manager" ? importSigningPublicKey(this.#device.keys.ecdsaPublicKey) : null;
    }
    const key = await this.authorKey(deviceId);
    return key !== null && this.#managers.has(deviceId) ? key : null;
  }

  /** The team's managers' devices' signing keys (approved, or removed since), from a fresh read of the directory. */
  async managerSigningKeys(): Promise<ReadonlyMap<string, CryptoKey>> {
    await this.#fetchDirectory();
    const keys = new Map<string, CryptoKey>();
    for (const deviceId of this.#managers) {
      const key = await this.authorKey(deviceId);
      if (key) keys.set(deviceId, key);
    }
    if (this.#device.role === "manager") {
      keys.set(this.#device.deviceId, await importSigningPublicKey(this.#device.keys.ecdsaPublicKey));
    }
    return keys;
  }

  /** Whether an author (whose key authorKey found) is a MARAC coordinator's device rather than the team's. */
  isCoordinator(deviceId: string): boolean {
    return this.#coordinators.has(deviceId);
  }

  /**
   * The team manager key from the server, checked against the pinned one (pinned on first sight, kept
   * sealed in the device row). Throws SyncBlockedError when there is none yet or it is not the pinned one.
   */
  async #pinServerKey(): Promise<{ keyId: string; publicKey: string; wrapped: string | null }> {
    const info = await this.#transport.getManagerKey();
    if (info.keyId === null || info.publicKey === null) throw new SyncBlockedError("no-manager-key");
    const device = await this.#store.readDevice();
    if (!device) throw new SyncBlockedError("signed-out");
    if (device.managerKey === null) {
      const publicKey = fromBase64(info.publicKey);
      const pinned = {
        keyId: info.keyId,
        publicKey: info.publicKey,
        fingerprint: await managerKeyFingerprint(publicKey),
      };
      const row = await this.#store.deviceRow({ ...device, managerKey: pinned });
      await this.#store.write(() => this.#store.db.syncDevice.put(row));
    } else if (device.managerKey.keyId !== info.keyId || device.managerKey.publicKey !== info.publicKey) {
      // Replaced after a manager's device was removed? Only along a chain signed by the team's managers.
      const learnt = await learnTeamKey(
        {
          store: this.#store,
          transport: this.#transport,
          teamId: this.#device.teamId,
          managerSigningKeys: () => this.managerSigningKeys(),
        },
        device.managerKey,
        { keyId: info.keyId, publicKey: info.publicKey },
      );
      if (learnt === null) throw new SyncBlockedError("manager-key-changed");
    }
    if (this.#managerKeyId !== null && this.#managerKeyId !== info.keyId) {
      this.#managerPrivateKey = null;
      this.#olderManagerKeys = null;
    }
    this.#managerPublicKey = fromBase64(info.publicKey);
    this.#managerKeyId = info.keyId;
    return { keyId: info.keyId, publicKey: info.publicKey, wrapped: info.wrapped };
  }

  /**
   * The pinned team manager key, and for a manager device its private half opened too. Throws
   * SyncBlockedError when there is none yet, when it is not the pinned one, or when a manager device
   * cannot open its wrapping.
   */
  #loadManagerKey(): Promise<void> {
    // One load at a time: a page's envelopes are opened together, and each would otherwise ask the
    // server for the team key at once (thousands of requests for one page of 2,000).
    this.#managerKeyLoad ??= this.#readManagerKey().finally(() => {
      this.#managerKeyLoad = null;
    });
    return this.#managerKeyLoad;
  }

  async #readManagerKey(): Promise<void> {
    const info = await this.#pinServerKey();
    if (this.#device.role === "manager") {
      if (info.wrapped === null) throw new SyncBlockedError("manager-key-unreadable");
      try {
        this.#managerPrivateKey = await openManagerKey({ keyId: info.keyId, wrapped: info.wrapped }, this.#device.keys);
      } catch {
        throw new SyncBlockedError("manager-key-unreadable");
      }
    }
  }

  /**
   * Once a session, in a round that has signed in (so the device is approved): pins the team key if
   * this device has not yet, or checks it is still the pinned one, so the numbers the device shows are
   * its own from its first round and not whatever the server says now. Returns the problem to report
   * ("manager-key-changed"), or null; a team with no key yet is not a problem here (nothing waits on it).
   * A key replaced after a manager's device was removed is re-pinned if its signed chain checks
   * (team-key-learning.ts), and from then on new case keys are wrapped to it.
   */
  async pinManagerKey(serverKeyId?: string | null): Promise<SyncProblemCode | null> {
    // Checked again when the pull says the team's key is not the one loaded (it was replaced: §34).
    const changed = serverKeyId !== undefined && serverKeyId !== null && serverKeyId !== this.#managerKeyId;
    if (this.#managerPublicKey !== null && !changed) return null;
    try {
      await this.#pinServerKey();
      return null;
    } catch (error) {
      if (!(error instanceof SyncBlockedError)) throw error;
      return error.code === "no-manager-key" ? null : error.code;
    }
  }

  /**
   * Before a page's envelopes are opened: when the server says the team's key is not the one loaded
   * (replaced after a manager's device was removed), re-pin it along its signed chain, or throw
   * SyncBlockedError("manager-key-changed") so the page is not applied (and nothing is refused for good).
   */
  async followManagerKey(serverKeyId: string | null | undefined): Promise<void> {
    if (serverKeyId === undefined || serverKeyId === null || this.#managerKeyId === null) return;
    if (serverKeyId === this.#managerKeyId) return;
    const problem = await this.pinManagerKey(serverKeyId);
    if (problem) throw new SyncBlockedError(problem);
  }

  /** The pinned team manager key's public half, to wrap new case keys to. */
  async managerPublicKey(): Promise<Uint8Array<ArrayBuffer>> {
    return (await this.pinnedManagerKey()).publicKey;
  }

  /** The pinned team manager key (its id goes with each wrapping to it: the server refuses a replaced one). */
  async pinnedManagerKey(): Promise<{ keyId: string; publicKey: Uint8Array<ArrayBuffer> }> {
    if (this.#managerPublicKey === null) await this.#loadManagerKey();
    return { keyId: this.#managerKeyId!, publicKey: this.#managerPublicKey! };
  }

  async #managerPrivate(): Promise<CryptoKey | null> {
    if (this.#device.role !== "manager") return null;
    if (this.#managerPrivateKey === null) await this.#loadManagerKey();
    return this.#managerPrivateKey;
  }

  /** Reads the vault's keys of a pulled page in one go, so checking its envelopes reads no more. */
  async loadCaseKeys(keyIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(keyIds)].filter((keyId) => !this.#caseKeys.has(keyId));
    this.#notInVault = new Set(wanted);
    if (wanted.length === 0) return;
    const stored = await this.#store.getKeys(wanted);
    for (const keyId of stored.keys()) this.#notInVault.delete(keyId);
    await Promise.all(
      [...stored.values()].map(async (key) => this.#caseKeys.set(key.keyId, await importCaseKey(fromBase64(key.raw)))),
    );
  }

  /** A case key this device holds in the vault (or has confirmed this session). */
  async storedCaseKey(keyId: string): Promise<CryptoKey | null> {
    const cached = this.#caseKeys.get(keyId);
    if (cached) return cached;
    if (this.#notInVault.has(keyId)) return null;
    const stored = await this.#store.getKey(keyId);
    if (!stored) return null;
    const key = await importCaseKey(fromBase64(stored.raw));
    this.#caseKeys.set(keyId, key);
    return key;
  }

  /**
   * The case key for an envelope: the vault's, else unwrapped from the wrapping the server sent with it
   * (to this device, or, on a manager device, to the team manager key). Null when neither opens.
   */
  async caseKeyFor(
    envelope: Pick<IncomingEnvelope, "keyId" | "wrappedKey" | "wrappedTo">,
  ): Promise<FoundCaseKey | null> {
    const stored = await this.storedCaseKey(envelope.keyId);
    if (stored) return { key: stored, learnt: null };
    // A failure to reach the server propagates (the page is not applied and is pulled again later):
    // only a wrapping that does not open is a refusal, or an envelope would be skipped for good.
    const privateKey =
      envelope.wrappedTo === "device" ? this.#device.keys.ecdhPrivateKey : await this.#managerPrivate();
    if (!privateKey) return null;
    const opened = await this.#unwrap(envelope, privateKey);
    if (opened || envelope.wrappedTo === "device") return opened;
    // Wrapped to a team key replaced since (an envelope from before a manager's device was removed).
    for (const older of await this.#olderManagerPrivateKeys(privateKey)) {
      const found = await this.#unwrap(envelope, older);
      if (found) return found;
    }
    return null;
  }

  async #unwrap(
    envelope: Pick<IncomingEnvelope, "keyId" | "wrappedKey">,
    privateKey: CryptoKey,
  ): Promise<FoundCaseKey | null> {
    try {
      const raw = await unwrapCaseKey(envelope.wrappedKey, privateKey, envelope.keyId);
      return { key: await importCaseKey(raw), learnt: { raw: toBase64(raw) } };
    } catch {
      return null;
    }
  }

  #olderManagerPrivateKeys(current: CryptoKey): Promise<CryptoKey[]> {
    this.#olderManagerKeys ??= openOlderTeamKeys(this.#transport, this.#managerKeyId!, current).catch((error) => {
      this.#olderManagerKeys = null; // not reached: try again next time
      throw error;
    });
    return this.#olderManagerKeys;
  }

  /**
   * A key that has just decrypted an envelope (or was made here) is trusted from now on. One learnt
   * from a wrapping stays "to store" (`unstoredRaw`) until `stored` says the vault has it, so a page
   * that is not applied after all does not leave a key that is trusted but never kept.
   */
  confirmCaseKey(keyId: string, key: CryptoKey, learnt: { raw: string } | null = null): void {
    this.#caseKeys.set(keyId, key);
    if (learnt) this.#unstored.set(keyId, learnt.raw);
  }

  unstoredRaw(keyId: string): string | undefined {
    return this.#unstored.get(keyId);
  }

  stored(keyIds: Iterable<string>): void {
    for (const keyId of keyIds) this.#unstored.delete(keyId);
  }
}
