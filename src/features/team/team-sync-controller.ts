// One controller per unlocked session for everything the team screens do: the profile's TeamSync (its
// device keys and enrolment), joining a team, starting sync once the device is enrolled, the sync state
// the header puts into words, a manager's calls, and the "changed on another device" list. The header's
// status and the Team screen share it (controllerFor), so sync runs once whichever screen is showing.
// Loaded only after unlock (app.tsx imports this feature lazily): none of it is in the first download.
import { browserTriggers, type SyncTriggers } from "../../storage/sync/sync-scheduler";
import { enrolDevice, TeamAdminClient, type EnrolledDevice } from "../../storage/sync/team-admin-client";
import type { TeamCaseConflict, TeamConflictChoice, TeamSyncState } from "../../storage/sync/team-records-api";
import type { DeviceCases, ReassignProgress } from "../../storage/sync/case-reassignment";
import type { RekeyOutcome, RekeyProgress } from "../../storage/sync/key-rotation";
import type { DeviceIdentity, TeamSync } from "../../storage/sync/team-sync";
import { HttpSyncTransport } from "../../storage/sync/http-transport";
import { SyncTransportError } from "../../storage/sync/transport";
import type { CaseSummary } from "../../storage/cases";
import type { VaultSession } from "../../storage/vault-session";

export interface TeamSyncDependencies {
  /** The team server's origin; "" (this app's own) by default. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** When sync runs and whether the device is online; the browser's by default. */
  triggers?: SyncTriggers;
  /** Calls `listener` when the device goes online or offline; the window's events by default. */
  onConnectivityChange?: (listener: () => void) => () => void;
}

/** What this device is in its unit: a team's practitioner or manager, or a MARAC area's coordinator. */
export type DeviceRole = "practitioner" | "manager" | "coordinator";

/** Thrown by join when the server's answer puts a team member in no team (it never should). */
export class NotATeamCodeError extends Error {
  override name = "NotATeamCodeError";
}

function browserConnectivity(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

const NOT_ENROLLED: TeamSyncState = {
  membership: "none",
  online: true,
  syncing: false,
  lastSyncedAt: null,
  waitingToSend: 0,
  conflicts: 0,
  problem: null,
  refusedRecords: 0,
  removal: null,
};

export class TeamSyncController {
  readonly #session: VaultSession;
  readonly #dependencies: TeamSyncDependencies;
  readonly #listeners = new Set<(state: TeamSyncState) => void>();
  #teamSync: Promise<TeamSync> | null = null;
  /** Set once sync has been started for this session (TeamSync keeps one engine per session). */
  #started: Promise<unknown> | null = null;
  #stops: (() => void)[] = [];
  #state: TeamSyncState | null = null;

  constructor(session: VaultSession, dependencies: TeamSyncDependencies = {}) {
    this.#session = session;
    this.#dependencies = dependencies;
  }

  get #triggers(): SyncTriggers {
    return this.#dependencies.triggers ?? browserTriggers(window);
  }

  #apiOptions(): { baseUrl?: string; fetch?: typeof globalThis.fetch } {
    const { baseUrl, fetch } = this.#dependencies;
    return { ...(baseUrl === undefined ? {} : { baseUrl }), ...(fetch === undefined ? {} : { fetch }) };
  }

  teamSync(): Promise<TeamSync> {
    this.#teamSync ??= this.#session.openTeamSync();
    return this.#teamSync;
  }

  async identity(): Promise<DeviceIdentity | null> {
    return (await this.teamSync()).deviceIdentity();
  }

  /** The enrolled device's role, or null before it joins anything. */
  async deviceRole(): Promise<DeviceRole | null> {
    return (await this.identity())?.enrolment?.role ?? null;
  }

  /** The last state read, or null before the first. */
  get state(): TeamSyncState | null {
    return this.#state;
  }

  subscribe(listener: (state: TeamSyncState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(state: TeamSyncState): TeamSyncState {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
    return state;
  }

  /** Reads the state again (TeamSync.state()) and tells every listener. */
  async refresh(): Promise<TeamSyncState> {
    const teamSync = await this.teamSync();
    const identity = await teamSync.deviceIdentity();
    if (!identity?.enrolment) return this.#tell({ ...NOT_ENROLLED, online: this.#triggers.isOnline() });
    const state = await teamSync.state();
    // Before sync has started, TeamSync only knows what the last round said; the browser knows now.
    return this.#tell(this.#started === null ? { ...state, online: state.online && this.#triggers.isOnline() } : state);
  }

  /** Starts sync when the device is enrolled (once); the engine stops by itself when the vault locks. */
  async start(): Promise<TeamSyncState> {
    const teamSync = await this.teamSync();
    const identity = await teamSync.deviceIdentity();
    // A removed device never syncs again (TeamSync refuses to start it): its screen says why instead,
    // once the wipe of the team's cases that a crash or a lock interrupted has finished.
    if (identity?.membership === "revoked") await teamSync.resumeRemoval();
    if (identity?.enrolment && identity.membership !== "revoked" && this.#started === null) {
      const enrolment = identity.enrolment;
      const transport = new HttpSyncTransport({
        deviceId: enrolment.deviceId,
        signChallenge: (challengeId, nonce) => teamSync.signChallenge(challengeId, nonce),
        ...this.#apiOptions(),
      });
      // TeamSync tells every change of its state (rounds, the outbox, conflicts, membership).
      this.#stops.push(teamSync.onStateChange((state) => void this.#tell(state)));
      // Online and offline change the words at once, before the round that follows.
      const refresh = () => void this.refresh().catch(() => undefined);
      this.#stops.push((this.#dependencies.onConnectivityChange ?? browserConnectivity)(refresh));
      const options = {
        triggers: this.#triggers,
        // A failed round is in the state already (its words show); nothing more to do here.
        onError: refresh,
      };
      // A MARAC coordinator's device syncs its area's inbox; a team's device, the team's records.
      this.#started =
        enrolment.role === "coordinator"
          ? teamSync.startAreaSync(transport, options)
          : teamSync.startSync(transport, options);
      await this.#started;
    }
    return this.refresh();
  }

  /** One sync round now (e.g. "Check again" on the waiting screen), the vault's changes queued first. */
  async syncNow(): Promise<TeamSyncState> {
    if (this.#started !== null) {
      await this.#started;
      // A round that learnt this device was removed stopped sync: there is nothing more to run.
      if ((await this.identity())?.membership === "revoked") return this.refresh();
      await (await this.teamSync()).syncNow();
    }
    return this.refresh();
  }

  /** Stops listening (the engine itself stops when the vault locks). */
  dispose(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#listeners.clear();
  }

  /** The signed-in calls a manager's screen makes; null until the device is enrolled. */
  async admin(): Promise<TeamAdminClient | null> {
    const teamSync = await this.teamSync();
    const enrolment = (await teamSync.deviceIdentity())?.enrolment;
    if (!enrolment) return null;
    return new TeamAdminClient({
      deviceId: enrolment.deviceId,
      signChallenge: (challengeId, nonce) => teamSync.signChallenge(challengeId, nonce),
      ...this.#apiOptions(),
    });
  }

  /**
   * After removing a device: gives every case it could read a new key (TeamSync.rekeyAfterRemoval),
   * telling `onProgress` batch by batch; call again to resume. Then a sync round, so this device learns
   * the new keys and its next writes use them.
   */
  async rekeyAfterRemoval(deviceId: string, onProgress?: (progress: RekeyProgress) => void): Promise<RekeyOutcome> {
    const admin = await this.admin();
    if (!admin) throw new Error("This device is not in a team.");
    const outcome = await (await this.teamSync()).rekeyAfterRemoval(admin, deviceId, onProgress);
    // Not awaited: the screen says the cases have new keys as soon as the server holds them.
    void this.syncNow().catch(() => undefined);
    return outcome;
  }

  /**
   * A practitioner device's cases (their keys are wrapped to it), with every case summary this device
   * holds, so the screen names them as the case list does.
   */
  async casesOfDevice(deviceId: string): Promise<DeviceCases & { summaries: CaseSummary[] }> {
    const admin = await this.admin();
    if (!admin) throw new Error("This device is not in a team.");
    const found = await (await this.teamSync()).reassignment().casesOf(admin, deviceId);
    return { ...found, summaries: await this.#session.listCaseSummaries() };
  }

  /**
   * Gives `to` the chosen cases of `fromDeviceId` (TeamSync.reassignment), telling `onProgress` batch by
   * batch; call again to resume (nothing is stored twice). A case whose key was replaced since this device
   * last synced is refused as "key-rotated": this device syncs to learn the new key and goes on once.
   */
  async reassignCases(
    fromDeviceId: string,
    to: { deviceId: string; ecdhPublicKey: string },
    caseIds: readonly string[],
    onProgress?: (progress: ReassignProgress) => void,
  ): Promise<{ reassigned: number }> {
    const admin = await this.admin();
    if (!admin) throw new Error("This device is not in a team.");
    const reassignment = (await this.teamSync()).reassignment();
    const request = { fromDeviceId, to, caseIds };
    try {
      return await reassignment.reassign(admin, request, onProgress);
    } catch (error) {
      if (!(error instanceof SyncTransportError && error.code === "key-rotated")) throw error;
      await this.syncNow();
      return reassignment.reassign(admin, request, onProgress);
    }
  }

  /** How many of a removed device's cases still wait for new keys (0 when none, or for a removed manager's). */
  async casesAwaitingNewKeys(deviceId: string): Promise<number> {
    const admin = await this.admin();
    if (!admin) return 0;
    const readable = await admin.readableKeys(deviceId);
    return readable.role === "manager" ? 0 : readable.keys.length;
  }

  /**
   * Joins a team with a code: makes the device's key pairs (once; a failed attempt keeps them for the
   * next), enrols, keeps the enrolment, and — for a team's first manager — makes the team manager key.
   * Then sync starts (a waiting device's sync says "waiting for approval" until a manager approves it).
   * A MARAC area's code enrols a coordinator's device instead: its home is the area's MARAC inbox.
   */
  async join(code: string): Promise<EnrolledDevice> {
    const teamSync = await this.teamSync();
    const identity = (await teamSync.deviceIdentity()) ?? (await teamSync.createDeviceIdentity());
    const enrolled = await enrolDevice(code, identity.publicKeys, this.#apiOptions());
    if (enrolled.role === "coordinator" && typeof enrolled.areaId === "string") {
      // A MARAC coordinator's device (issue 17): the area's first one makes the area key.
      await teamSync.recordEnrolment({
        deviceId: enrolled.deviceId,
        areaId: enrolled.areaId,
        role: "coordinator",
        status: enrolled.status,
      });
      if (enrolled.status === "approved") await this.ensureAreaKey();
      await this.start();
      return enrolled;
    }
    if (enrolled.role === "coordinator" || enrolled.teamId === null) {
      throw new NotATeamCodeError("That code names neither a team nor a MARAC area.");
    }
    // The status too: a team's first manager (the operator's code) is approved at once, and says so.
    await teamSync.recordEnrolment({
      deviceId: enrolled.deviceId,
      teamId: enrolled.teamId,
      role: enrolled.role,
      status: enrolled.status,
    });
    if (enrolled.role === "manager" && enrolled.status === "approved") await this.ensureTeamManagerKey();
    await this.start();
    return enrolled;
  }

  /**
   * The first manager's device makes the team manager key if the team has none yet (after its
   * enrolment, or on the manager's screen if that failed half way). Another manager's first is kept.
   */
  async ensureTeamManagerKey(): Promise<void> {
    const admin = await this.admin();
    if (!admin || (await admin.getManagerKey()).keyId !== null) return;
    const request = await (await this.teamSync()).createTeamManagerKey();
    try {
      await admin.putManagerKey(request);
    } catch (error) {
      if (!(error instanceof SyncTransportError && error.code === "manager-key-exists")) throw error;
    }
  }

  /** The first coordinator's device makes its MARAC area's key if the area has none yet (as ensureTeamManagerKey). */
  async ensureAreaKey(): Promise<void> {
    const admin = await this.admin();
    if (!admin || (await admin.getAreaKey()).keyId !== null) return;
    const request = await (await this.teamSync()).createAreaKey();
    try {
      await admin.putAreaKey(request);
    } catch (error) {
      if (!(error instanceof SyncTransportError && error.code === "area-key-exists")) throw error;
    }
  }

  /** The case records changed here and on another device, both versions decoded. */
  async listConflicts(): Promise<TeamCaseConflict[]> {
    return (await this.teamSync()).listCaseConflicts();
  }

  async resolveConflict(id: string, choice: TeamConflictChoice): Promise<void> {
    await (await this.teamSync()).resolveCaseConflict(id, choice);
    await this.refresh();
  }
}

const controllers = new WeakMap<VaultSession, TeamSyncController>();

/** The session's controller (made on first use): the header and the Team screen share it. */
export function controllerFor(session: VaultSession): TeamSyncController {
  let controller = controllers.get(session);
  if (!controller) {
    controller = new TeamSyncController(session);
    controllers.set(session, controller);
  }
  return controller;
}
