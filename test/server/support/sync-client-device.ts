// A device exactly as the app will be one, for tests against a listening team server: a practitioner
// profile in its own vault on fake IndexedDB, its team identity made and kept by TeamSync, and the app's
// sync engine over the real HTTP transport (HttpSyncTransport). Enrolment and approval — screens the app
// does not have yet — are the same API calls those screens make, with TeamSync's own cryptography
// (fingerprints computed from the listed keys, the manager key wrapped only after they match).
import { freshVault, PASSPHRASE } from "../../../src/testing/test-vault";
import { HttpSyncTransport } from "../../../src/storage/sync/http-transport";
import type { MaracCoordinator } from "../../../src/storage/sync/marac-records-api";
import type { SyncEngine } from "../../../src/storage/sync/sync-engine";
import { TeamAdminClient } from "../../../src/storage/sync/team-admin-client";
import type { TeamSync } from "../../../src/storage/sync/team-sync";
import type { VaultSession } from "../../../src/storage/vault-session";

type Role = "practitioner" | "manager";

async function http(baseUrl: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function expectOk(answer: Promise<{ status: number; body: Record<string, unknown> }>, what: string) {
  const { status, body } = await answer;
  if (status < 200 || status > 299) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

export class SyncClientDevice {
  deviceId = "";
  engine: SyncEngine | null = null;
  #token = "";

  private constructor(
    readonly baseUrl: string,
    readonly session: VaultSession,
    readonly teamSync: TeamSync,
  ) {}

  /** A new profile in a new (fake) browser, with its device keys made. */
  static async create(baseUrl: string, label: string): Promise<SyncClientDevice> {
    const { vault } = freshVault();
    const { profileId } = await vault.createProfile(label, PASSPHRASE);
    const session = await vault.unlock(profileId, PASSPHRASE);
    const teamSync = await session.openTeamSync();
    await teamSync.createDeviceIdentity();
    return new SyncClientDevice(baseUrl, session, teamSync);
  }

  async #publicKeys() {
    return (await this.teamSync.deviceIdentity())!.publicKeys;
  }

  /** Sends this device's public keys with `code`; the server's answer names the device and what it joined. */
  async #enrolWith(code: string) {
    const keys = await this.#publicKeys();
    const body = await expectOk(
      http(this.baseUrl, "POST", "/api/enrol", {
        code,
        ecdhPublicKey: keys.ecdhPublicKey,
        ecdsaPublicKey: keys.ecdsaPublicKey,
      }),
      "enrol",
    );
    this.deviceId = String(body.deviceId);
    return body;
  }

  async enrol(code: string): Promise<void> {
    const body = await this.#enrolWith(code);
    await this.teamSync.recordEnrolment({
      deviceId: this.deviceId,
      teamId: String(body.teamId),
      role: body.role as Role,
    });
  }

  /** A session token for the calls the sync transport does not make (codes, approvals, the manager key). */
  async #signedIn(): Promise<string> {
    if (this.#token) return this.#token;
    const challenge = await expectOk(
      http(this.baseUrl, "POST", "/api/session/challenge", { deviceId: this.deviceId }),
      "challenge",
    );
    const signature = await this.teamSync.signChallenge(String(challenge.challengeId), String(challenge.nonce));
    const session = await expectOk(
      http(this.baseUrl, "POST", "/api/session", { challengeId: challenge.challengeId, signature }),
      "session",
    );
    this.#token = String(session.token);
    return this.#token;
  }

  async #call(method: string, path: string, body?: unknown) {
    return expectOk(http(this.baseUrl, method, path, body, await this.#signedIn()), `${method} ${path}`);
  }

  /** The first manager: makes the team manager key and stores it, its private half sealed to this device. */
  async setUpManagerKey(): Promise<void> {
    await this.#call("PUT", "/api/team/manager-key", await this.teamSync.createTeamManagerKey());
  }

  async issueCode(role: Role): Promise<string> {
    return String((await this.#call("POST", "/api/enrolment-codes", { role })).code);
  }

  /**
   * Approves `other` after comparing the fingerprint its own screen shows with the one computed here from
   * the keys the server lists; a manager device is given the team manager key.
   */
  async approve(other: SyncClientDevice, role: Role): Promise<void> {
    const shown = (await other.#publicKeys()).fingerprint;
    const { devices } = (await this.#call("GET", "/api/devices")) as {
      devices: { deviceId: string; ecdhPublicKey: string; ecdsaPublicKey: string }[];
    };
    const listed = devices.find((device) => device.deviceId === other.deviceId)!;
    const keys = { ecdhPublicKey: listed.ecdhPublicKey, ecdsaPublicKey: listed.ecdsaPublicKey };
    if ((await this.teamSync.fingerprintOf(keys)) !== shown) throw new Error("fingerprints differ");
    const body: Record<string, string> = { fingerprint: shown };
    if (role === "manager") {
      const own = (await this.#call("GET", "/api/team/manager-key")) as { keyId: string; wrapped: string };
      body.managerKeyWrapped = await this.teamSync.wrapManagerKeyFor(own, keys, shown);
    }
    await this.#call("POST", `/api/devices/${other.deviceId}/approve`, body);
  }

  /** A MARAC coordinator's device enrols with its area's code (issue 17); the first one makes the area key. */
  async enrolCoordinator(code: string): Promise<void> {
    const body = await this.#enrolWith(code);
    await this.teamSync.recordEnrolment({
      deviceId: this.deviceId,
      areaId: String(body.areaId),
      role: "coordinator",
      status: body.status as "approved" | "pending",
    });
    if (body.status === "approved") await this.#call("PUT", "/api/area/key", await this.teamSync.createAreaKey());
  }

  /** The coordinator's inbox over HTTP, syncing only when asked. */
  async startAreaSync(): Promise<MaracCoordinator> {
    return this.teamSync.startAreaSync(this.#transport());
  }

  /** How this device signs in: its id, the server and its signed challenge. */
  #signIn() {
    return {
      deviceId: this.deviceId,
      baseUrl: this.baseUrl,
      signChallenge: (id: string, nonce: string) => this.teamSync.signChallenge(id, nonce),
    };
  }

  #transport(): HttpSyncTransport {
    return new HttpSyncTransport(this.#signIn());
  }

  /** A manager's calls (remove a device, reassign cases) as this device, signed in as the app signs in. */
  adminClient(): TeamAdminClient {
    return new TeamAdminClient(this.#signIn());
  }

  /** The app's sync engine over HTTP, syncing only when asked. */
  async startSync(): Promise<SyncEngine> {
    this.engine = await this.teamSync.startSync(this.#transport());
    return this.engine;
  }

  /** One sync round that must go through without a problem, refusal or change left waiting. */
  async sync() {
    const report = await this.engine!.syncNow();
    if (report.problem !== null || report.refused.length > 0) {
      throw new Error(`sync: ${JSON.stringify({ problem: report.problem, refused: report.refused })}`);
    }
    const status = await this.engine!.status();
    if (status.waitingToSend !== 0) throw new Error(`${status.waitingToSend} changes still waiting to be sent`);
    return report;
  }

  async close(): Promise<void> {
    this.teamSync.stopSync();
    await this.session.lock();
  }
}

/**
 * A team on the server at `baseUrl`: the first manager (with the team manager key), a deputy manager
 * approved with it, and practitioners, every device approved and syncing.
 */
export async function syncedTeam(baseUrl: string, firstCode: string, practitioners: number) {
  const manager = await SyncClientDevice.create(baseUrl, "Manager");
  await manager.enrol(firstCode);
  await manager.setUpManagerKey();
  const enrolApproved = async (label: string, role: Role) => {
    const device = await SyncClientDevice.create(baseUrl, label);
    await device.enrol(await manager.issueCode(role));
    await manager.approve(device, role);
    await device.startSync();
    return device;
  };
  const deputy = await enrolApproved("Deputy manager", "manager");
  const devices: SyncClientDevice[] = [];
  for (let index = 0; index < practitioners; index += 1)
    devices.push(await enrolApproved(`PC ${index}`, "practitioner"));
  await manager.startSync();
  return { manager, deputy, practitioners: devices, all: [manager, deputy, ...devices] };
}
