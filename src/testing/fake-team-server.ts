// Test harness (not a test file): an in-memory team server with the semantics of the real one
// (src/server on the team-server branch: envelopes-service.ts, keys-service.ts, devices-service.ts),
// and a transport per device with a network that can be cut, lose requests or answers, deliver a
// request twice and hold requests so they commit out of order. The sync engine's tests run against it.
//
// What it keeps is what the real server keeps: devices with public keys and roles, wrapped keys,
// envelopes (ciphertext, record id, key id, version, sequence, author device). It checks what the real
// one checks: the author's signature over envelopeSigningInput, that the device may read the case key,
// that the key was shared with the managers, the base version and its signature (the edit's parent), and
// "a record keeps its key" (until the key is rotated after a device that could read it was removed: then
// only the newest key, "key-rotated", and nothing under a removed device's key not yet rotated,
// "key-rotation-pending"). Like the real one, it does not send the parent's signature with a pull. Key
// rotation (readableKeys, rotateKeys, listRotations) checks what src/server/key-rotation-service.ts checks.
import { fromBase64, isBase64 } from "../storage/bytes";
import type { IncomingEnvelope, OutgoingEnvelope } from "../storage/sync/envelope";
import { deviceFingerprint } from "../domain/team-sync/device-fingerprint";
import { areasHolding, newKeyAreaWraps } from "./fake-area-rekey";
import { keyRotationSigningInput } from "../domain/team-sync/key-rotation";
import { envelopeSigningInput } from "../domain/team-sync/signing-input";
import { importSigningPublicKey, verifySignature } from "../storage/sync/signing";
import type { KeyRotationRequest } from "../storage/sync/key-rotation";
import {
  AREA_RECIPIENT_PREFIX,
  MANAGER_KEY_RECIPIENT,
  SyncTransportError,
  type CaseKeyWrap,
  type DeviceRole,
  type DirectoryDevice,
  type KeyRotationNotice,
  type KeyRotationPage,
  type LinkedAreaInfo,
  type ManagerKeyInfo,
  type PullPage,
  type PushOutcome,
  type SyncTransport,
} from "../storage/sync/transport";

interface FakeDevice extends DirectoryDevice {
  fingerprint: string;
}

interface WrappedKey {
  keyId: string;
  kind: "case" | "manager";
  /** null: wrapped to the team manager key. */
  recipient: string | null;
  wrapped: string;
}

export interface StoredEnvelope extends OutgoingEnvelope {
  seq: number;
  version: number;
  authorDeviceId: string;
}

/** One rotation as the fake keeps it (the real server's key_rotations row). */
export interface StoredRotation {
  id: number;
  oldKeyId: string;
  newKeyId: string;
  revokedDeviceId: string;
  rotatedBy: string;
  commitment: string;
  signature: string;
}

/** One rotation as a manager's device posts it (POST /api/team/key-rotations), area wrappings included. */
export type RotationRequest = KeyRotationRequest;

export const refused = (code: string, status = 400) => new SyncTransportError("refused", code, code, status);

/**
 * A MARAC area linked to this team (src/testing/fake-marac-area.ts), as far as the team's server needs
 * it: its key, its coordinators (listed in the team's directory for sync), and the referral keys wrapped
 * to it (PUT /api/marac/keys/:keyId).
 */
export interface LinkedFakeArea {
  readonly areaId: string;
  readonly name: string;
  areaKey: { keyId: string; publicKey: string } | null;
  coordinators(): DirectoryDevice[];
  storeAreaWrap(team: FakeTeamServer, keyId: string, wrapped: string): void;
  holdsKey(keyId: string): boolean;
}

export class FakeTeamServer {
  readonly teamId = globalThis.crypto.randomUUID();
  /** The operator's name for the team (the coordinators' inbox shows it). */
  name = "Response Unit";
  /** The MARAC areas the operator linked the team to. */
  readonly linkedAreas: LinkedFakeArea[] = [];
  readonly devices = new Map<string, FakeDevice>();
  readonly wrappedKeys: WrappedKey[] = [];
  readonly envelopes: StoredEnvelope[] = [];
  readonly rotations: StoredRotation[] = [];
  managerKey: { keyId: string; publicKey: string } | null = null;
  /** Bumped by restart(): requests under way when the server went down get no answer. */
  generation = 0;
  #nextSeq = 1;
  /** Sequence numbers taken by pushes that have not committed yet. */
  readonly #inFlight = new Set<number>();

  // ---------------------------------------------------------------- devices and keys

  /** Enrolment: a pending device (approved at once for the first manager, as the operator's code does). */
  async enrol(keys: { ecdhPublicKey: string; ecdsaPublicKey: string }, role: DeviceRole): Promise<string> {
    const deviceId = globalThis.crypto.randomUUID();
    const fingerprint = await deviceFingerprint({
      ecdhPublicKey: fromBase64(keys.ecdhPublicKey),
      ecdsaPublicKey: fromBase64(keys.ecdsaPublicKey),
    });
    const first = role === "manager" && ![...this.devices.values()].some((device) => device.role === "manager");
    this.devices.set(deviceId, { deviceId, role, status: first ? "approved" : "pending", fingerprint, ...keys });
    return deviceId;
  }

  approve(approverId: string, deviceId: string, fingerprint: string, managerKeyWrapped?: string): void {
    const approver = this.#approved(approverId);
    const target = this.devices.get(deviceId);
    if (approver.role !== "manager") throw refused("not-allowed", 403);
    if (!target || target.status !== "pending") throw refused("not-pending", 409);
    if (fingerprint.replace(/\s/g, "") !== target.fingerprint.replace(/\s/g, "")) throw refused("fingerprint-mismatch");
    if (target.role === "manager" && this.managerKey) {
      if (!managerKeyWrapped) throw refused("manager-key-missing");
      this.wrappedKeys.push({
        keyId: this.managerKey.keyId,
        kind: "manager",
        recipient: deviceId,
        wrapped: managerKeyWrapped,
      });
    }
    target.status = "approved";
  }

  revoke(deviceId: string): void {
    this.devices.get(deviceId)!.status = "revoked";
  }

  #approved(deviceId: string): FakeDevice {
    const device = this.devices.get(deviceId);
    if (!device) throw new SyncTransportError("signed-out", "unknown-device", "unknown-device", 401);
    if (device.status !== "approved") {
      // The real server's codes (session-service.ts), which tell waiting from removed.
      const code = device.status === "revoked" ? "device-revoked" : "device-not-approved";
      throw new SyncTransportError("signed-out", code, code, 403);
    }
    return device;
  }

  setManagerKey(deviceId: string, request: { keyId: string; publicKey: string; wrapped: string }): void {
    const device = this.#approved(deviceId);
    if (device.role !== "manager") throw refused("not-allowed", 403);
    if (this.managerKey) throw refused("manager-key-exists", 409);
    this.managerKey = { keyId: request.keyId, publicKey: request.publicKey };
    this.wrappedKeys.push({ keyId: request.keyId, kind: "manager", recipient: deviceId, wrapped: request.wrapped });
  }

  getManagerKey(deviceId: string): ManagerKeyInfo {
    this.#approved(deviceId);
    const key = this.managerKey;
    const wrap = key
      ? this.wrappedKeys.find((row) => row.kind === "manager" && row.keyId === key.keyId && row.recipient === deviceId)
      : undefined;
    return { keyId: key?.keyId ?? null, publicKey: key?.publicKey ?? null, wrapped: wrap?.wrapped ?? null };
  }

  /** As the sync transport asks (GET /api/devices?linkedCoordinators=true): with linked areas' coordinators. */
  listDevices(deviceId: string): DirectoryDevice[] {
    const device = this.#approved(deviceId);
    return [...this.devices.values(), ...this.linkedAreas.flatMap((area) => area.coordinators())]
      .filter((row) => device.role === "manager" || row.status !== "pending")
      .map(({ deviceId: id, role, status, ecdhPublicKey, ecdsaPublicKey }) => ({
        deviceId: id,
        role,
        status,
        ecdhPublicKey,
        ecdsaPublicKey,
      }));
  }

  #readableKey(device: DirectoryDevice, keyId: string) {
    const rows = this.wrappedKeys.filter((row) => row.keyId === keyId);
    if (rows.some((row) => row.kind !== "case")) throw refused("wrong-team", 403);
    const toManagers = rows.some((row) => row.recipient === null);
    return {
      exists: rows.length > 0,
      readable: rows.some((row) => row.recipient === device.deviceId) || (device.role === "manager" && toManagers),
      sharedWithManagers: toManagers,
    };
  }

  /** GET /api/marac/areas: the linked areas with a key. */
  listLinkedAreas(deviceId: string): LinkedAreaInfo[] {
    this.#approved(deviceId);
    return this.linkedAreas.flatMap((area) =>
      area.areaKey ? [{ areaId: area.areaId, name: area.name, ...area.areaKey }] : [],
    );
  }

  /** As the HTTP transport does: the team's wrappings (PUT /api/keys), then each area's (PUT /api/marac/keys). */
  putCaseKey(deviceId: string, keyId: string, wraps: readonly CaseKeyWrap[]): void {
    const toAreas = wraps.filter((wrap) => wrap.recipient.startsWith(AREA_RECIPIENT_PREFIX));
    const toTeam = wraps.filter((wrap) => !wrap.recipient.startsWith(AREA_RECIPIENT_PREFIX));
    if (toTeam.length > 0) this.#putTeamWraps(deviceId, keyId, toTeam);
    for (const wrap of toAreas) {
      const device = this.#approved(deviceId);
      const access = this.#readableKey(device, keyId);
      if (!access.exists || !access.readable || !access.sharedWithManagers) throw refused("not-allowed", 403);
      const area = this.linkedAreas.find((linked) => `${AREA_RECIPIENT_PREFIX}${linked.areaId}` === wrap.recipient);
      if (!area) throw refused("area-not-linked", 403);
      if (!area.areaKey) throw refused("no-area-key", 409);
      area.storeAreaWrap(this, keyId, wrap.wrapped);
    }
  }

  #putTeamWraps(deviceId: string, keyId: string, wraps: readonly CaseKeyWrap[]): void {
    const device = this.#approved(deviceId);
    const access = this.#readableKey(device, keyId);
    if (access.exists && !access.readable) throw refused("not-allowed", 403);
    const additions: WrappedKey[] = [];
    for (const wrap of wraps) {
      if (!isBase64(wrap.wrapped) || wrap.wrapped === "") throw refused("bad-encoding");
      const recipient = wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient;
      if (recipient === null && !this.managerKey) throw refused("no-manager-key", 409);
      if (recipient !== null && this.devices.get(recipient)?.status !== "approved") {
        throw refused("recipient-not-approved", 409);
      }
      const existing = this.wrappedKeys.find((row) => row.keyId === keyId && row.recipient === recipient);
      if (existing) {
        if (existing.wrapped !== wrap.wrapped) throw refused("key-already-wrapped", 409);
        continue;
      }
      additions.push({ keyId, kind: "case", recipient, wrapped: wrap.wrapped });
    }
    this.wrappedKeys.push(...additions);
  }

  // ---------------------------------------------------------------- key rotation

  #revokedTarget(managerId: string, revokedDeviceId: string): FakeDevice {
    const manager = this.#approved(managerId);
    if (manager.role !== "manager") throw refused("not-allowed", 403);
    const target = this.devices.get(revokedDeviceId);
    if (!target) throw refused("unknown-device", 404);
    if (target.status !== "revoked") throw refused("not-revoked", 409);
    return target;
  }

  #exposedTo(target: FakeDevice, keyId: string): boolean {
    return (
      target.role === "manager" ||
      this.wrappedKeys.some((row) => row.keyId === keyId && row.recipient === target.deviceId)
    );
  }

  /** GET /api/devices/:id/readable-keys. */
  readableKeys(
    managerId: string,
    revokedDeviceId: string,
  ): { role: string; keys: { keyId: string; holders: string[]; areas?: string[] }[] } {
    const target = this.#revokedTarget(managerId, revokedDeviceId);
    const keyIds = new Set(this.wrappedKeys.filter((row) => row.kind === "case").map((row) => row.keyId));
    const keys = [...keyIds]
      .filter((keyId) => this.#exposedTo(target, keyId) && !this.rotations.some((row) => row.oldKeyId === keyId))
      .sort()
      .map((keyId) => ({
        keyId,
        holders: this.wrappedKeys
          .filter((row) => row.keyId === keyId && row.recipient !== null)
          .map((row) => row.recipient!)
          .filter((deviceId) => this.devices.get(deviceId)?.status === "approved")
          .sort(),
        ...areasHolding(this.linkedAreas, keyId),
      }));
    return { role: target.role, keys };
  }

  /** POST /api/team/key-rotations: all of the batch or none. */
  async rotateKeys(managerId: string, revokedDeviceId: string, requests: readonly RotationRequest[]): Promise<number> {
    const target = this.#revokedTarget(managerId, revokedDeviceId);
    const signingKey = await importSigningPublicKey(fromBase64(this.devices.get(managerId)!.ecdsaPublicKey));
    const rotations: StoredRotation[] = [];
    const wraps: WrappedKey[] = [];
    const areaWraps: { areaId: string; keyId: string; wrapped: string }[] = [];
    for (const request of requests) {
      const commitment = fromBase64(request.commitment);
      const signed = keyRotationSigningInput(
        { teamId: this.teamId, oldKeyId: request.oldKeyId, newKeyId: request.newKeyId },
        commitment,
      );
      if (!(await verifySignature(signingKey, fromBase64(request.signature), signed))) throw refused("bad-signature");
      const done = this.rotations.find((row) => row.oldKeyId === request.oldKeyId);
      if (done) {
        if (done.newKeyId === request.newKeyId) continue;
        throw refused("key-already-rotated", 409);
      }
      const old = this.wrappedKeys.filter((row) => row.keyId === request.oldKeyId);
      if (old.length === 0) throw refused("unknown-key", 404);
      if (old.some((row) => row.kind !== "case")) throw refused("wrong-team", 403);
      if (!this.#exposedTo(target, request.oldKeyId)) throw refused("key-not-exposed", 409);
      if (this.wrappedKeys.some((row) => row.keyId === request.newKeyId)) throw refused("key-exists", 409);
      for (const wrap of request.wraps) {
        const recipient = wrap.recipient === MANAGER_KEY_RECIPIENT ? null : wrap.recipient;
        if (recipient !== null && !old.some((row) => row.recipient === recipient)) {
          throw refused("recipient-did-not-hold-key", 409);
        }
        if (recipient !== null && this.devices.get(recipient)?.status !== "approved") {
          throw refused("recipient-not-approved", 409);
        }
        wraps.push({ keyId: request.newKeyId, kind: "case", recipient, wrapped: wrap.wrapped });
      }
      if (!request.wraps.some((wrap) => wrap.recipient === MANAGER_KEY_RECIPIENT)) throw refused("key-not-shared", 409);
      areaWraps.push(...newKeyAreaWraps(this.linkedAreas, request, () => refused("area-not-wrapped", 409)));
      rotations.push({
        id: 0,
        oldKeyId: request.oldKeyId,
        newKeyId: request.newKeyId,
        revokedDeviceId,
        rotatedBy: managerId,
        commitment: request.commitment,
        signature: request.signature,
      });
    }
    this.wrappedKeys.push(...wraps);
    for (const wrap of areaWraps) {
      this.linkedAreas.find((area) => area.areaId === wrap.areaId)!.storeAreaWrap(this, wrap.keyId, wrap.wrapped);
    }
    for (const rotation of rotations) this.rotations.push({ ...rotation, id: this.rotations.length + 1 });
    return rotations.length;
  }

  /** GET /api/key-rotations: those whose new key this device holds a wrapping of. */
  listRotations(deviceId: string, after: number): KeyRotationPage {
    const device = this.#approved(deviceId);
    const rotations: KeyRotationNotice[] = [];
    for (const row of this.rotations.filter((rotation) => rotation.id > after)) {
      const own = this.wrappedKeys.find((key) => key.keyId === row.newKeyId && key.recipient === deviceId);
      const toManagers =
        device.role === "manager"
          ? this.wrappedKeys.find((key) => key.keyId === row.newKeyId && key.recipient === null)
          : undefined;
      const wrap = own ?? toManagers;
      if (!wrap) continue;
      const { revokedDeviceId: _revoked, ...notice } = row;
      rotations.push({ ...notice, wrappedKey: wrap.wrapped, wrappedTo: own ? "device" : "manager-key" });
    }
    return { rotations, cursor: Math.max(after, this.rotations.length), more: false };
  }

  /** The newest key of the chain of rotations from `keyId`. */
  #newestKeyId(keyId: string): string {
    let current = keyId;
    for (;;) {
      const next = this.rotations.find((row) => row.oldKeyId === current);
      if (!next) return current;
      current = next.newKeyId;
    }
  }

  // ---------------------------------------------------------------- envelopes

  #latest(recordId: string): StoredEnvelope | undefined {
    let latest: StoredEnvelope | undefined;
    for (const row of this.envelopes) {
      if (row.recordId === recordId && (!latest || row.version > latest.version)) latest = row;
    }
    return latest;
  }

  /**
   * A push. Checks first, then takes a sequence number and waits on `beforeCommit` (so pushes can
   * commit out of order, as concurrent transactions do) before committing atomically. A restart while
   * it waits loses it (no answer, nothing stored).
   */
  async push(deviceId: string, envelope: OutgoingEnvelope, beforeCommit?: () => Promise<void>): Promise<PushOutcome> {
    return this.pushAs(this.#approved(deviceId), envelope, beforeCommit);
  }

  /**
   * A push by `device`: one of the team's, or (POST /api/area/envelopes, after the area's own checks) a
   * linked area's coordinator, whose envelope is committed with `coordinatorCheck` instead of the team's key rules.
   */
  async pushAs(
    device: DirectoryDevice,
    envelope: OutgoingEnvelope,
    beforeCommit?: () => Promise<void>,
    coordinatorCheck?: () => void,
  ): Promise<PushOutcome> {
    if (!isBase64(envelope.ciphertext) || envelope.ciphertext === "" || !isBase64(envelope.signature)) {
      throw refused("bad-encoding");
    }
    const version = envelope.baseVersion + 1;
    if ((envelope.baseVersion === 0) !== (envelope.baseSignature === undefined)) throw refused("bad-base");
    if (envelope.baseSignature !== undefined && !isBase64(envelope.baseSignature)) throw refused("bad-encoding");
    const address = {
      teamId: this.teamId,
      recordId: envelope.recordId,
      keyId: envelope.keyId,
      version,
      parentSignature: fromBase64(envelope.baseSignature ?? ""),
    };
    const signed = envelopeSigningInput(address, fromBase64(envelope.ciphertext));
    const authorKey = await importSigningPublicKey(fromBase64(device.ecdsaPublicKey));
    if (!(await verifySignature(authorKey, fromBase64(envelope.signature), signed))) throw refused("bad-signature");
    const generation = this.generation;
    const seq = this.#nextSeq++;
    this.#inFlight.add(seq);
    try {
      await beforeCommit?.();
      if (this.generation !== generation) throw new SyncTransportError("offline", "The server restarted.");
      return this.#commit(device, envelope, version, seq, coordinatorCheck);
    } finally {
      this.#inFlight.delete(seq);
    }
  }

  #commit(
    device: DirectoryDevice,
    envelope: OutgoingEnvelope,
    version: number,
    seq: number,
    coordinatorCheck?: () => void,
  ): PushOutcome {
    if (coordinatorCheck) coordinatorCheck();
    else {
      const access = this.#readableKey(device, envelope.keyId);
      if (!access.readable) throw refused("not-allowed", 403);
      if (!access.sharedWithManagers) throw refused("key-not-shared", 409);
    }
    const latest = this.#latest(envelope.recordId);
    const atVersion = this.envelopes.find((row) => row.recordId === envelope.recordId && row.version === version);
    if (atVersion && atVersion.signature === envelope.signature && atVersion.ciphertext === envelope.ciphertext) {
      return { status: "accepted", seq: atVersion.seq, version, duplicate: true };
    }
    // Same number is not enough: the stored version must be the very one the edit was made on.
    const onItsParent =
      (latest?.version ?? 0) === envelope.baseVersion && (!latest || latest.signature === envelope.baseSignature);
    if (!onItsParent) return { status: "conflict", currentVersion: latest?.version ?? 0 };
    const rotation = this.rotations.find((row) => row.oldKeyId === envelope.keyId);
    if (rotation) throw new SyncTransportError("refused", "key-rotated", "key-rotated", 409, rotation.newKeyId);
    if (latest && latest.keyId !== envelope.keyId && this.#newestKeyId(latest.keyId) !== envelope.keyId) {
      throw refused("key-mismatch", 409);
    }
    const heldByRemoved = this.wrappedKeys.some(
      (row) =>
        row.keyId === envelope.keyId &&
        row.recipient !== null &&
        this.devices.get(row.recipient)?.status === "revoked" &&
        this.devices.get(row.recipient)?.role !== "manager",
    );
    if (heldByRemoved) throw refused("key-rotation-pending", 409);
    this.envelopes.push({ ...envelope, seq, version, authorDeviceId: device.deviceId });
    return { status: "accepted", seq, version, duplicate: false };
  }

  /** Pushes that have taken a sequence number and not committed yet. */
  get pushesInFlight(): number {
    return this.#inFlight.size;
  }

  /** The versions of a record, oldest first (the area's checks read who wrote it first). */
  versionsOf(recordId: string): StoredEnvelope[] {
    return this.envelopes.filter((row) => row.recordId === recordId).sort((a, b) => a.version - b.version);
  }

  /** Everything committed up to the first sequence number still in flight. */
  watermark(): number {
    return this.#watermark();
  }

  #watermark(): number {
    const committed = this.envelopes.reduce((highest, row) => Math.max(highest, row.seq), 0);
    if (this.#inFlight.size === 0) return committed;
    return Math.min(committed, Math.min(...this.#inFlight) - 1);
  }

  pull(deviceId: string, after: number, limit: number): PullPage {
    const device = this.#approved(deviceId);
    const watermark = this.#watermark();
    const latestRotation = this.rotations.length;
    if (after >= watermark) return { envelopes: [], cursor: Math.max(after, watermark), more: false, latestRotation };
    const readable: IncomingEnvelope[] = [];
    const rows = [...this.envelopes].filter((row) => row.seq > after && row.seq <= watermark);
    for (const row of rows.sort((a, b) => a.seq - b.seq)) {
      const own = this.wrappedKeys.find((key) => key.keyId === row.keyId && key.recipient === deviceId);
      const toManagers =
        device.role === "manager"
          ? this.wrappedKeys.find((key) => key.keyId === row.keyId && key.recipient === null && key.kind === "case")
          : undefined;
      const wrap = own ?? toManagers;
      if (!wrap) continue;
      readable.push({
        seq: row.seq,
        recordId: row.recordId,
        keyId: row.keyId,
        version: row.version,
        authorDeviceId: row.authorDeviceId,
        ciphertext: row.ciphertext,
        signature: row.signature,
        wrappedKey: wrap.wrapped,
        wrappedTo: own ? "device" : "manager-key",
      });
      if (readable.length === limit) return { envelopes: readable, cursor: row.seq, more: true, latestRotation };
    }
    return { envelopes: readable, cursor: watermark, more: false, latestRotation };
  }

  /** The process restarts: requests under way get no answer and uncommitted pushes are lost; stored rows stay. */
  restart(): void {
    this.generation += 1;
    this.#inFlight.clear();
  }

  transportFor(deviceId: string, network: FakeNetwork = new FakeNetwork()): FakeTransport {
    return new FakeTransport(this, deviceId, network);
  }
}

/** One device's connection: cut it, or give it faults (each asked once per request). */
export class FakeNetwork {
  online = true;
  /** The request never reaches the server. */
  loseRequest: () => boolean = () => false;
  /** The server handles the request but the answer never arrives. */
  loseAnswer: () => boolean = () => false;
  /** The request reaches the server twice. */
  deliverTwice: () => boolean = () => false;
  /** What arrives of a pull's answer (e.g. its envelopes reordered, repeated, or old ones replayed). */
  reshapePull: (page: PullPage) => PullPage = (page) => page;
  /** Awaited on the way there, inside the server before a push commits, and on the way back. */
  hold: (where: "request" | "commit" | "answer") => Promise<void> = () => Promise.resolve();
  /** Requests made, by kind (for tests that count round trips). */
  readonly calls: string[] = [];
}

const offline = () => new SyncTransportError("offline", "No connection to the team server.");

export class FakeTransport implements SyncTransport {
  constructor(
    readonly server: FakeTeamServer,
    readonly deviceId: string,
    readonly network: FakeNetwork,
  ) {}

  async #call<T>(kind: string, handle: () => Promise<T> | T): Promise<T> {
    const { network, server } = this;
    network.calls.push(kind);
    if (!network.online) throw offline();
    await network.hold("request");
    if (!network.online || network.loseRequest()) throw offline();
    const generation = server.generation;
    const twice = network.deliverTwice();
    const answer = await handle();
    if (twice) await Promise.resolve(handle()).catch(() => undefined);
    await network.hold("answer");
    if (!network.online || server.generation !== generation || network.loseAnswer()) throw offline();
    return answer;
  }

  push(envelope: OutgoingEnvelope): Promise<PushOutcome> {
    return this.#call("push", () =>
      this.server.push(this.deviceId, structuredClone(envelope), () => this.network.hold("commit")),
    );
  }

  pull(after: number, limit: number): Promise<PullPage> {
    return this.#call("pull", () =>
      this.network.reshapePull(structuredClone(this.server.pull(this.deviceId, after, limit))),
    );
  }

  putCaseKey(keyId: string, wraps: readonly CaseKeyWrap[]): Promise<void> {
    return this.#call("put-key", () => this.server.putCaseKey(this.deviceId, keyId, structuredClone(wraps)));
  }

  listDevices(): Promise<DirectoryDevice[]> {
    return this.#call("devices", () => this.server.listDevices(this.deviceId));
  }

  getManagerKey(): Promise<ManagerKeyInfo> {
    return this.#call("manager-key", () => this.server.getManagerKey(this.deviceId));
  }

  listKeyRotations(after: number): Promise<KeyRotationPage> {
    return this.#call("key-rotations", () => structuredClone(this.server.listRotations(this.deviceId, after)));
  }

  readableKeys(revokedDeviceId: string): Promise<ReturnType<FakeTeamServer["readableKeys"]>> {
    return this.#call("readable-keys", () => structuredClone(this.server.readableKeys(this.deviceId, revokedDeviceId)));
  }

  rotateKeys(revokedDeviceId: string, rotations: readonly RotationRequest[]): Promise<{ rotated: number }> {
    return this.#call("rotate-keys", async () => ({
      rotated: await this.server.rotateKeys(this.deviceId, revokedDeviceId, structuredClone(rotations)),
    }));
  }

  listLinkedAreas(): Promise<LinkedAreaInfo[]> {
    return this.#call("marac-areas", () => this.server.listLinkedAreas(this.deviceId));
  }
}
