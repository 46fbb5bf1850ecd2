// Node side of the team sync figures of `npm run bench` (bundled by shared/team-server.mjs with
// esbuild): devices of one team that talk to the real team server over HTTP, with the app's own sync
// cryptography (src/storage/sync: device keys, case keys sealed to the device and the team manager
// key, envelopes encrypted and signed exactly as the browser's sync engine makes them), so the manager
// device in Chromium reads what they push. Also the throwaway PostgreSQL cluster of the server tests.
// Nothing here ships.
import { performance } from "node:perf_hooks";
import { fromBase64, toBase64 } from "../../src/storage/bytes";
import {
  createTeamManagerKey,
  importCaseKey,
  newCaseKeyBytes,
  wrapCaseKey,
  wrapManagerKeyForDevice,
} from "../../src/storage/sync/case-keys";
import {
  devicePublicKeys,
  generateDeviceKeys,
  signChallenge,
  type DeviceKeys,
  type DevicePublicKeys,
} from "../../src/storage/sync/device-keys";
import { sealEnvelope, type OutgoingEnvelope, type SyncDocument } from "../../src/storage/sync/envelope";
import {
  makeRotation,
  rekeyAfterRemoval,
  type KeyRotationApi,
  type KeyRotationRequest,
  type ReadableKeys,
  type RotatingDevice,
} from "../../src/storage/sync/key-rotation";
import type { TeamKeyRotationRequest } from "../../src/storage/sync/team-key-rotation";
import type { ManagerKeyInfo, TeamKeyRotationNotice } from "../../src/storage/sync/transport";
import { largeCaseload } from "./large-caseload";

export { ENVELOPE_LOCK_CLASS } from "../../src/server/envelopes-service";
export { decodeEnvelopePage, ENVELOPE_PAGE_MEDIA_TYPE } from "../../src/domain/team-sync/envelope-page";
export { PULL_PAGE_SIZE } from "../../src/storage/sync/pull";
export { findPostgresBinaries, startPostgresCluster } from "../../test/server/support/postgres-cluster";

const ADMIN_TOKEN_HEADER = "x-admin-token";

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function send(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL(path, origin), {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectStatus(answer: Answer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** One enrolled device of the team, over HTTP. */
export class BenchDevice {
  deviceId = "";
  teamId = "";
  token = "";
  managerKeyId = "";
  managerPublicKey: Uint8Array<ArrayBuffer> | null = null;

  private constructor(
    readonly origin: string,
    readonly keys: DeviceKeys,
    readonly publicKeys: DevicePublicKeys,
  ) {}

  static async create(origin: string): Promise<BenchDevice> {
    const { keys } = await generateDeviceKeys();
    return new BenchDevice(origin, keys, await devicePublicKeys(keys));
  }

  async enrol(code: string): Promise<void> {
    const body = expectStatus(
      await send(this.origin, "POST", "/api/enrol", {
        code,
        ecdhPublicKey: this.publicKeys.ecdhPublicKey,
        ecdsaPublicKey: this.publicKeys.ecdsaPublicKey,
      }),
      201,
      "enrol",
    );
    this.deviceId = String(body.deviceId);
    this.teamId = String(body.teamId);
  }

  async signIn(): Promise<string> {
    const challenge = expectStatus(
      await send(this.origin, "POST", "/api/session/challenge", { deviceId: this.deviceId }),
      201,
      "challenge",
    );
    const signature = await signChallenge(this.keys, String(challenge.challengeId), String(challenge.nonce));
    const session = expectStatus(
      await send(this.origin, "POST", "/api/session", { challengeId: challenge.challengeId, signature }),
      201,
      "session",
    );
    this.token = String(session.token);
    return this.token;
  }

  request(method: string, path: string, body?: unknown): Promise<Answer> {
    return send(this.origin, method, path, body, { authorization: `Bearer ${this.token}` });
  }

  /** The first manager: makes the team manager key (its private half sealed to this device). */
  async setUpManagerKey(): Promise<void> {
    const made = await createTeamManagerKey(this.keys);
    expectStatus(await this.request("PUT", "/api/team/manager-key", made.request), 201, "manager key");
    await this.loadManagerKey();
  }

  async loadManagerKey(): Promise<{ keyId: string; wrapped: string | null }> {
    const body = expectStatus(await this.request("GET", "/api/team/manager-key"), 200, "get manager key");
    this.managerKeyId = String(body.keyId);
    this.managerPublicKey = fromBase64(String(body.publicKey));
    return { keyId: this.managerKeyId, wrapped: (body.wrapped as string | null) ?? null };
  }

  async issueCode(role: "practitioner" | "manager"): Promise<string> {
    return String(expectStatus(await this.request("POST", "/api/enrolment-codes", { role }), 201, "code").code);
  }

  /** Approves a pending device after "comparing" its fingerprint; a manager device is given the manager key. */
  async approve(deviceId: string, publicKeys: DevicePublicKeys, role: "practitioner" | "manager"): Promise<void> {
    const body: Record<string, string> = { fingerprint: publicKeys.fingerprint };
    if (role === "manager") {
      const own = await this.loadManagerKey();
      body.managerKeyWrapped = await wrapManagerKeyForDevice(
        { keyId: own.keyId, wrapped: own.wrapped! },
        this.keys,
        publicKeys.ecdhPublicKey,
      );
    }
    expectStatus(await this.request("POST", `/api/devices/${deviceId}/approve`, body), 200, "approve");
  }

  /** A new case key, sealed to this device and to the team manager key and stored on the server. */
  async newCaseKey(): Promise<{ keyId: string; caseKey: CryptoKey }> {
    const raw = newCaseKeyBytes();
    const keyId = crypto.randomUUID();
    const wraps = [
      { recipient: this.deviceId, wrapped: await wrapCaseKey(raw, this.keys.ecdhPublicKey, keyId) },
      { recipient: "manager-key", wrapped: await wrapCaseKey(raw, this.managerPublicKey!, keyId) },
    ];
    expectStatus(await this.request("PUT", `/api/keys/${keyId}`, { wraps }), 200, "case key");
    return { keyId, caseKey: await importCaseKey(raw) };
  }

  /** Version 1 of a record, encrypted and signed as the sync engine does it. */
  envelope(keyId: string, caseKey: CryptoKey, document: SyncDocument): Promise<OutgoingEnvelope> {
    return sealEnvelope({
      address: {
        teamId: this.teamId,
        recordId: document.recordId,
        keyId,
        version: 1,
        parentSignature: new Uint8Array(0),
      },
      authorDeviceId: this.deviceId,
      caseKey,
      signingKey: this.keys.ecdsaPrivateKey,
      document,
    });
  }

  async push(envelope: OutgoingEnvelope): Promise<void> {
    expectStatus(await this.request("POST", "/api/envelopes", envelope), 201, "push");
  }
}

export interface BenchTeam {
  origin: string;
  adminToken: string;
  manager: BenchDevice;
  practitioners: BenchDevice[];
}

/** A team made by the operator, its first manager (with the team manager key) and approved practitioners. */
export async function setUpTeam(origin: string, adminToken: string, practitioners: number): Promise<BenchTeam> {
  const created = expectStatus(
    await send(
      origin,
      "POST",
      "/api/admin/teams",
      { name: `Bench Unit ${Date.now()}` },
      { [ADMIN_TOKEN_HEADER]: adminToken },
    ),
    201,
    "create team",
  );
  const manager = await BenchDevice.create(origin);
  await manager.enrol(String(created.firstCode));
  await manager.signIn();
  await manager.setUpManagerKey();
  const devices: BenchDevice[] = [];
  for (let index = 0; index < practitioners; index += 1) {
    const device = await BenchDevice.create(origin);
    await device.enrol(await manager.issueCode("practitioner"));
    await manager.approve(device.deviceId, device.publicKeys, "practitioner");
    await device.signIn();
    await device.loadManagerKey();
    devices.push(device);
  }
  return { origin, adminToken, manager, practitioners: devices };
}

/** A newly enrolled manager device of the team, approved (given the manager key) and signed in: it holds no case yet. */
export async function enrolFreshManager(team: BenchTeam): Promise<BenchDevice> {
  const device = await BenchDevice.create(team.origin);
  await device.enrol(await team.manager.issueCode("manager"));
  await team.manager.approve(device.deviceId, device.publicKeys, "manager");
  await device.signIn();
  return device;
}

/** Runs `work` on every item, `concurrency` at a time. */
async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * `count` cases (the case record of the restore figure's caseload: a victim, an address, notes, about
 * 2 KB of JSON), each under its own case key, pushed by the team's practitioners through the API.
 */
export async function seedCases(team: BenchTeam, count: number, concurrency = 8): Promise<{ bytes: number }> {
  const cases = largeCaseload(count).cases;
  let bytes = 0;
  await eachConcurrently(
    cases.map((record, index) => ({ record, author: team.practitioners[index % team.practitioners.length]! })),
    concurrency,
    async ({ record, author }) => {
      const { keyId, caseKey } = await author.newCaseKey();
      const document: SyncDocument = {
        recordId: crypto.randomUUID(),
        caseId: record.id,
        kind: "case",
        body: record as unknown as SyncDocument["body"],
        savedAt: record.updatedAt,
      };
      const envelope = await author.envelope(keyId, caseKey, document);
      bytes += fromBase64(envelope.ciphertext).length;
      await author.push(envelope);
    },
  );
  return { bytes };
}

/** The rows the team server stores for one case pushed through the API: two wrappings of its key, one envelope. */
export interface SealedCase {
  authorDeviceId: string;
  keyId: string;
  recordId: string;
  toAuthor: Uint8Array;
  toManagerKey: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
}

/**
 * The same cases as seedCases, made the same way (each under its own case key, wrapped to its author
 * device and to the team manager key, encrypted and signed by the author), but returned as the rows the
 * server would store, for the bench to insert in one transaction: seeding 5,000 cases through the API
 * took a minute of the bench's five.
 */
export async function sealCases(team: BenchTeam, count: number, concurrency = 16): Promise<SealedCase[]> {
  const cases = largeCaseload(count).cases;
  const sealed: SealedCase[] = new Array(count);
  await eachConcurrently(
    cases.map((record, index) => ({ record, index, author: team.practitioners[index % team.practitioners.length]! })),
    concurrency,
    async ({ record, index, author }) => {
      const raw = newCaseKeyBytes();
      const keyId = crypto.randomUUID();
      const [toAuthor, toManagerKey, caseKey] = await Promise.all([
        wrapCaseKey(raw, author.keys.ecdhPublicKey, keyId),
        wrapCaseKey(raw, author.managerPublicKey!, keyId),
        importCaseKey(raw),
      ]);
      const document: SyncDocument = {
        recordId: crypto.randomUUID(),
        caseId: record.id,
        kind: "case",
        body: record as unknown as SyncDocument["body"],
        savedAt: record.updatedAt,
      };
      const envelope = await author.envelope(keyId, caseKey, document);
      sealed[index] = {
        authorDeviceId: author.deviceId,
        keyId,
        recordId: document.recordId,
        toAuthor: fromBase64(toAuthor),
        toManagerKey: fromBase64(toManagerKey),
        ciphertext: fromBase64(envelope.ciphertext),
        signature: fromBase64(envelope.signature),
      };
    },
  );
  return sealed;
}

export interface SignedPush {
  token: string;
  body: string;
}

/**
 * `perDevice` new records for each device, each a signed envelope of about `ciphertextBytes` of
 * ciphertext under one case key of that device, ready to send with the device's own session token.
 */
export async function signedPushes(devices: readonly BenchDevice[], perDevice: number, ciphertextBytes: number) {
  const pushes: SignedPush[][] = [];
  const padding = "x".repeat(Math.max(0, ciphertextBytes - 250));
  for (const device of devices) {
    const { keyId, caseKey } = await device.newCaseKey();
    const caseId = crypto.randomUUID();
    const own: SignedPush[] = [];
    for (let index = 0; index < perDevice; index += 1) {
      const document: SyncDocument = {
        recordId: crypto.randomUUID(),
        caseId,
        kind: "note",
        body: { text: padding, index },
        savedAt: new Date().toISOString(),
      };
      own.push({ token: device.token, body: JSON.stringify(await device.envelope(keyId, caseKey, document)) });
    }
    pushes.push(own);
  }
  return pushes;
}

/** Rows for the direct-insert baseline: the same columns the server writes for a push. */
export function envelopeRow(device: BenchDevice, push: SignedPush) {
  const envelope = JSON.parse(push.body) as OutgoingEnvelope;
  const ciphertext = fromBase64(envelope.ciphertext);
  return {
    teamId: device.teamId,
    keyId: envelope.keyId,
    authorDeviceId: device.deviceId,
    ciphertext: Buffer.from(ciphertext),
    signature: Buffer.from(fromBase64(envelope.signature)),
  };
}

/** `count` case keys of `author`, each wrapped to it and to the team manager key, stored through the API. */
export async function seedCaseKeys(author: BenchDevice, count: number, concurrency = 8): Promise<void> {
  await eachConcurrently(Array.from({ length: count }), concurrency, async () => {
    await author.newCaseKey();
  });
}

/** The manager device's calls for re-keying, over HTTP with its session (as TeamAdminClient makes them). */
function rotationApi(manager: BenchDevice): KeyRotationApi {
  return {
    async readableKeys(deviceId) {
      return expectStatus(
        await manager.request("GET", `/api/devices/${deviceId}/readable-keys`),
        200,
        "readable keys",
      ) as unknown as ReadableKeys;
    },
    async listDevices() {
      const body = expectStatus(await manager.request("GET", "/api/devices"), 200, "devices");
      return body.devices as { deviceId: string; status: string; ecdhPublicKey: string }[];
    },
    async rotateKeys(revokedDeviceId: string, rotations: readonly KeyRotationRequest[]) {
      const body = expectStatus(
        await manager.request("POST", "/api/team/key-rotations", { revokedDeviceId, rotations }),
        201,
        "key rotations",
      );
      return { rotated: Number(body.rotated) };
    },
    // A removed manager's device: the team key first (docs/decisions.md §34).
    async getManagerKey() {
      const body = expectStatus(await manager.request("GET", "/api/team/manager-key"), 200, "manager key");
      return body as unknown as ManagerKeyInfo;
    },
    async listTeamKeyRotations() {
      const body = expectStatus(await manager.request("GET", "/api/team/manager-key-rotations"), 200, "rotations");
      return body.rotations as TeamKeyRotationNotice[];
    },
    async rotateTeamKey(request: TeamKeyRotationRequest) {
      const body = expectStatus(
        await manager.request("POST", "/api/team/manager-key-rotations", request),
        201,
        "team key rotation",
      );
      return { rotated: Boolean(body.rotated), sequence: Number(body.sequence) };
    },
  };
}

function rotatingDevice(manager: BenchDevice): RotatingDevice {
  return {
    teamId: manager.teamId,
    ecdsaPrivateKey: manager.keys.ecdsaPrivateKey,
    managerPublicKey: manager.managerPublicKey!,
    managerKeyId: manager.managerKeyId,
    teamKey: {
      deviceId: manager.deviceId,
      ecdhPrivateKey: manager.keys.ecdhPrivateKey,
      pinnedPublicKey: toBase64(manager.managerPublicKey!),
      // The bench replaces the team key once, from the key this device read: nothing to follow.
      learn: async () => null,
    },
  };
}

/**
 * What the manager's "Remove from the team" does: the revocation, then every case key the removed device
 * could read replaced, wrapped and stored (rekeyAfterRemoval returns only once the server holds them all).
 */
export async function revokeAndRekey(manager: BenchDevice, deviceId: string) {
  const started = performance.now();
  expectStatus(await manager.request("POST", `/api/devices/${deviceId}/revoke`), 200, "revoke");
  const revoked = performance.now();
  const outcome = await rekeyAfterRemoval(rotationApi(manager), rotatingDevice(manager), deviceId);
  const finished = performance.now();
  const left = (await rotationApi(manager).readableKeys(deviceId)).keys.length;
  if (outcome.status !== "done" || left !== 0) throw new Error(`re-keying left ${left} keys (${outcome.status})`);
  return {
    revokeMs: revoked - started,
    totalMs: finished - started,
    rotated: outcome.rotated,
    teamKeyReplaced: outcome.teamKeyReplaced ?? false,
  };
}

/** The same rotations made on this machine with no server (new key, commitment, signature, one wrapping). */
export async function makeRotationsOnly(manager: BenchDevice, count: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, () => makeRotation(rotatingDevice(manager), crypto.randomUUID(), [])),
  );
  return performance.now() - started;
}

export { toBase64 };
