// Test harness (not a test file): the team server's HTTP API as the team screens use it, in memory,
// behind a `fetch` — enrolment with codes (first manager approved at once; wrong, used and expired
// codes refused with the server's codes), signed-challenge sign-in (pending and revoked devices kept
// out), the device list, approval (checking the fingerprint against the stored keys, as the server
// does), removal (a manager's own device refused), the team's audit (managers only, newest first),
// enrolment codes and the team manager key, a removed device's readable keys and their rotations (the
// keys a test says it could read; a connection that drops after some batches), a practitioner device's case
// keys and grants of them to another (reassignment, with the same drop), replacing the team key after a
// manager's device is removed (stored as posted, not verified); an empty envelope feed so a device's sync
// runs. A MARAC area's coordinators are a unit of their own, as on the server: they list,
// approve (sealing the area key to the new device) and remove only their area's coordinator devices,
// and each reads its own wrapping of the area key.
// `offline` makes every request fail as a lost connection does. Challenge signatures are verified.
import { fromBase64 } from "../storage/bytes";
import { deviceFingerprint } from "../domain/team-sync/device-fingerprint";
import { challengeSigningInput } from "../domain/team-sync/signing-input";
import { importSigningPublicKey, verifySignature } from "../storage/sync/signing";

type Role = "practitioner" | "manager" | "coordinator";

interface FakeDevice {
  deviceId: string;
  role: Role;
  status: "pending" | "approved" | "revoked";
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
  fingerprint: string;
  createdAt: string;
  approvedAt: string | null;
  revokedAt: string | null;
  managerKeyWrapped: string | null;
}

interface FakeAuditEntry {
  id: number;
  at: string;
  action: "enrol" | "approve" | "revoke" | "share-key" | "send" | "rotate-key" | "reassign" | "rotate-team-key";
  actorDeviceId: string;
  subjectDeviceId: string | null;
  subjectKeyId: string | null;
  subjectRecordId: string | null;
  subjectFromDeviceId?: string | null;
}

interface FakeCode {
  role: Role;
  first: boolean;
  expiresAt: string;
  used: boolean;
}

export const TEAM_ID = "6f1c2b9e-4c8a-4f7e-9a1d-2b3c4d5e6f70";
/** The MARAC area a coordinator's code enrols into (issue 17). */
export const AREA_ID = "7a2d3c0f-5d9b-4a8f-8b2e-3c4d5e6f7081";
const HOUR_MS = 3_600_000;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function refuse(status: number, error: string, message = error): Response {
  return json(status, { error, message });
}

let codeCounter = 0;

/** A fresh valid-looking code: 16 Crockford base32 characters. */
function newCode(): string {
  codeCounter += 1;
  const serial = String(codeCounter).padStart(4, "0");
  return `${serial}ABCDEFGHJKMN`.slice(0, 16).padEnd(16, "P");
}

export class FakeTeamApi {
  readonly devices = new Map<string, FakeDevice>();
  readonly codes = new Map<string, FakeCode>();
  readonly requests: string[] = [];
  /** Oldest first, as the server's table; answered newest first. */
  readonly audit: FakeAuditEntry[] = [];
  managerKey: { keyId: string; publicKey: string; wrapped: string; ownerDeviceId: string } | null = null;
  offline = false;
  /** The case key ids each device could read (this fake holds no wrapped keys): what readable-keys lists. */
  readonly readableKeyIds = new Map<string, string[]>();
  /** Rotations stored (POST /api/team/key-rotations), old key id → new key id. */
  readonly rotated = new Map<string, string>();
  /** Replacements of the team key (POST /api/team/manager-key-rotations), oldest first. */
  readonly teamKeyRotations: Record<string, unknown>[] = [];
  /** Batches of rotations to answer before the connection drops (an interrupted re-keying); null: never. */
  rotationBatchesBeforeOffline: number | null = null;
  /** The case keys wrapped to each practitioner's device (GET /api/devices/:id/case-keys); grants add to it. */
  readonly caseKeyIds = new Map<string, string[]>();
  /** Grants stored (POST /api/team/key-grants), in order. */
  readonly grants: { keyId: string; toDeviceId: string; fromDeviceId: string }[] = [];
  /** Grant batches to answer before the connection drops (an interrupted reassignment); null: never. */
  grantBatchesBeforeOffline: number | null = null;
  readonly #challenges = new Map<string, { deviceId: string; nonce: string }>();
  readonly #sessions = new Map<string, string>();
  now = () => new Date();

  /** The operator's first-manager code (`npm run team -- create`). */
  firstManagerCode(): string {
    const code = newCode();
    this.codes.set(code, { role: "manager", first: true, expiresAt: this.#inHours(168), used: false });
    return code;
  }

  /** The operator's first-coordinator code for the area (`npm run team -- area`). */
  firstCoordinatorCode(): string {
    const code = newCode();
    this.codes.set(code, { role: "coordinator", first: true, expiresAt: this.#inHours(168), used: false });
    return code;
  }

  /** The area key a coordinator's device set up (PUT /api/area/key), or null. */
  areaKey: { keyId: string; publicKey: string; wrapped: string } | null = null;
  /** The area key's private half wrapped to each coordinator device (its maker's by PUT, the rest on approval). */
  readonly areaKeyWraps = new Map<string, string>();

  /** A code as a manager would issue it. */
  issueCode(role: Role, options: { expired?: boolean; used?: boolean } = {}): string {
    const code = newCode();
    this.codes.set(code, {
      role,
      first: false,
      expiresAt: this.#inHours(options.expired ? -1 : 72),
      used: options.used ?? false,
    });
    return code;
  }

  #inHours(hours: number): string {
    return new Date(this.now().getTime() + hours * HOUR_MS).toISOString();
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://team.test");
    const method = init?.method ?? "GET";
    this.requests.push(`${method} ${url.pathname}`);
    if (this.offline) throw new TypeError("Failed to fetch");
    const body = init?.body === undefined ? {} : (JSON.parse(String(init.body)) as Record<string, unknown>);
    const route = `${method} ${url.pathname}`;
    if (route === "POST /api/enrol") return this.#enrol(body);
    if (route === "POST /api/session/challenge") return this.#challenge(String(body.deviceId));
    if (route === "POST /api/session") return this.#session(String(body.challengeId), String(body.signature));
    const header = new Headers(init?.headers).get("authorization") ?? "";
    const me = this.devices.get(this.#sessions.get(header.replace(/^Bearer /, "")) ?? "");
    if (!me || me.status !== "approved") return refuse(401, "not-signed-in");
    if (route === "GET /api/devices") return this.#listDevices(me);
    const approve = /^POST \/api\/devices\/([^/]+)\/approve$/.exec(route);
    if (approve) return this.#approve(me, approve[1]!, body);
    const revoke = /^POST \/api\/devices\/([^/]+)\/revoke$/.exec(route);
    if (revoke) return this.#revokeBy(me, revoke[1]!);
    if (route === "GET /api/team/audit") return this.#readAudit(me, url.searchParams);
    const readable = /^GET \/api\/devices\/([^/]+)\/readable-keys$/.exec(route);
    if (readable) return this.#readableKeys(me, readable[1]!);
    if (route === "POST /api/team/key-rotations") return this.#rotate(me, body);
    const caseKeys = /^GET \/api\/devices\/([^/]+)\/case-keys$/.exec(route);
    if (caseKeys) return this.#caseKeys(me, caseKeys[1]!);
    if (route === "POST /api/team/key-grants") return this.#grant(me, body);
    if (route === "POST /api/team/manager-key-rotations") return this.#rotateTeamKey(me, body);
    if (route === "GET /api/team/manager-key-rotations") {
      const forManager = (rotation: Record<string, unknown>) =>
        me.role === "manager" ? rotation : { ...rotation, oldKeyWrapped: null };
      return json(200, { rotations: this.teamKeyRotations.map(forManager) });
    }
    if (route === "POST /api/enrolment-codes") {
      if (me.role === "practitioner") return refuse(403, "not-allowed");
      const role = body.role as Role;
      // A coordinator gives codes for its area only; a manager for its team only.
      if ((role === "coordinator") !== (me.role === "coordinator")) return refuse(403, "not-allowed");
      const code = this.issueCode(role);
      return json(201, { code, role, expiresAt: this.codes.get(code)!.expiresAt });
    }
    if (route === "GET /api/team/manager-key") {
      return json(200, {
        keyId: this.managerKey?.keyId ?? null,
        publicKey: this.managerKey?.publicKey ?? null,
        wrapped:
          this.managerKey === null
            ? null
            : me.deviceId === this.managerKey.ownerDeviceId
              ? this.managerKey.wrapped
              : me.managerKeyWrapped,
      });
    }
    if (route === "PUT /api/team/manager-key") {
      if (this.managerKey) return refuse(409, "manager-key-exists");
      this.managerKey = {
        keyId: String(body.keyId),
        publicKey: String(body.publicKey),
        wrapped: String(body.wrapped),
        ownerDeviceId: me.deviceId,
      };
      return json(201, {});
    }
    if (route === "GET /api/envelopes") {
      return json(200, { envelopes: [], cursor: 0, more: false, managerKeyId: this.managerKey?.keyId ?? null });
    }
    if (route === "GET /api/area/key" || route === "PUT /api/area/key") {
      if (me.role !== "coordinator") return refuse(403, "not-allowed");
      if (method === "PUT") {
        if (this.areaKey) return refuse(409, "area-key-exists");
        this.areaKey = { keyId: String(body.keyId), publicKey: String(body.publicKey), wrapped: String(body.wrapped) };
        this.areaKeyWraps.set(me.deviceId, String(body.wrapped));
      }
      const { keyId = null, publicKey = null } = this.areaKey ?? {};
      return json(method === "PUT" ? 201 : 200, {
        areaId: AREA_ID,
        name: "Northshire MARAC",
        keyId,
        publicKey,
        wrapped: this.areaKey === null ? null : (this.areaKeyWraps.get(me.deviceId) ?? null),
      });
    }
    if (route === "GET /api/area/envelopes") return json(200, { envelopes: [], cursor: "", more: false });
    return refuse(404, "not-found");
  };

  async #enrol(body: Record<string, unknown>): Promise<Response> {
    const typed = String(body.code).toUpperCase().replace(/[\s-]/g, "");
    const code = this.codes.get(typed);
    if (!code) return refuse(400, "code-not-recognised", "That code is not recognised.");
    if (code.used) return refuse(410, "code-used", "That code has already been used.");
    if (Date.parse(code.expiresAt) <= this.now().getTime())
      return refuse(410, "code-expired", "That code has expired.");
    code.used = true;
    const ecdhPublicKey = String(body.ecdhPublicKey);
    const ecdsaPublicKey = String(body.ecdsaPublicKey);
    const device: FakeDevice = {
      deviceId: crypto.randomUUID(),
      role: code.role,
      status: code.first ? "approved" : "pending",
      ecdhPublicKey,
      ecdsaPublicKey,
      fingerprint: await deviceFingerprint({
        ecdhPublicKey: fromBase64(ecdhPublicKey),
        ecdsaPublicKey: fromBase64(ecdsaPublicKey),
      }),
      createdAt: this.now().toISOString(),
      approvedAt: code.first ? this.now().toISOString() : null,
      revokedAt: null,
      managerKeyWrapped: null,
    };
    this.devices.set(device.deviceId, device);
    this.#record("enrol", device.deviceId, device.deviceId);
    const { deviceId, role, status, fingerprint } = device;
    // A coordinator's device belongs to a MARAC area, not a team.
    const unit = role === "coordinator" ? { teamId: null, areaId: AREA_ID } : { teamId: TEAM_ID, areaId: null };
    return json(201, { deviceId, role, ...unit, status, fingerprint });
  }

  #challenge(deviceId: string): Response {
    const device = this.devices.get(deviceId);
    if (!device) return refuse(404, "unknown-device");
    if (device.status === "pending") return refuse(403, "device-not-approved", "Waiting for a manager.");
    if (device.status === "revoked") return refuse(403, "device-revoked", "Removed from the team.");
    const challengeId = crypto.randomUUID();
    const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    this.#challenges.set(challengeId, { deviceId, nonce });
    return json(201, { challengeId, nonce, expiresAt: this.#inHours(1) });
  }

  async #session(challengeId: string, signature: string): Promise<Response> {
    const challenge = this.#challenges.get(challengeId);
    if (!challenge) return refuse(400, "unknown-challenge");
    this.#challenges.delete(challengeId);
    const device = this.devices.get(challenge.deviceId)!;
    const key = await importSigningPublicKey(fromBase64(device.ecdsaPublicKey));
    const input = challengeSigningInput(challengeId, fromBase64(challenge.nonce));
    if (!(await verifySignature(key, fromBase64(signature), input))) return refuse(401, "bad-signature");
    const token = crypto.randomUUID();
    this.#sessions.set(token, device.deviceId);
    return json(201, { token, expiresAt: this.#inHours(0.25), deviceId: device.deviceId, role: device.role });
  }

  /** A coordinator's device is in the area, any other in the team: neither sees nor acts on the other's. */
  static #sameUnit(me: FakeDevice, device: FakeDevice): boolean {
    return (me.role === "coordinator") === (device.role === "coordinator");
  }

  static #approver(me: FakeDevice): boolean {
    return me.role === "manager" || me.role === "coordinator";
  }

  #listDevices(me: FakeDevice): Response {
    const visible = [...this.devices.values()].filter(
      (device) => FakeTeamApi.#sameUnit(me, device) && (FakeTeamApi.#approver(me) || device.status !== "pending"),
    );
    return json(200, { devices: visible.map((device) => this.#summary(device)) });
  }

  #summary(device: FakeDevice) {
    const { deviceId, role, status, fingerprint, ecdhPublicKey, ecdsaPublicKey, createdAt, approvedAt, revokedAt } =
      device;
    return { deviceId, role, status, fingerprint, ecdhPublicKey, ecdsaPublicKey, createdAt, approvedAt, revokedAt };
  }

  #approve(me: FakeDevice, deviceId: string, body: Record<string, unknown>): Response {
    if (!FakeTeamApi.#approver(me)) return refuse(403, "not-allowed");
    const target = this.devices.get(deviceId);
    if (!target) return refuse(404, "unknown-device");
    if (!FakeTeamApi.#sameUnit(me, target)) return refuse(403, "wrong-team");
    if (target.status !== "pending") return refuse(409, "not-pending");
    if (String(body.fingerprint).replace(/\s/g, "") !== target.fingerprint.replace(/\s/g, "")) {
      return refuse(400, "fingerprint-mismatch", "The numbers do not match.");
    }
    if (target.role === "manager" && this.managerKey) {
      if (typeof body.managerKeyWrapped !== "string") return refuse(400, "manager-key-missing");
      target.managerKeyWrapped = body.managerKeyWrapped;
    }
    if (target.role === "coordinator" && this.areaKey) {
      if (typeof body.managerKeyWrapped !== "string") return refuse(400, "area-key-missing");
      this.areaKeyWraps.set(target.deviceId, body.managerKeyWrapped);
    }
    target.status = "approved";
    target.approvedAt = this.now().toISOString();
    this.#record("approve", me.deviceId, target.deviceId);
    return json(200, this.#summary(target));
  }

  #readableKeys(me: FakeDevice, deviceId: string): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed");
    const target = this.devices.get(deviceId);
    if (!target) return refuse(404, "unknown-device");
    if (target.status !== "revoked") return refuse(409, "not-revoked");
    const keys = (this.readableKeyIds.get(deviceId) ?? []).filter((keyId) => !this.rotated.has(keyId));
    const teamKeyHeld =
      target.role === "manager" && !this.teamKeyRotations.some((rotation) => rotation.revokedDeviceId === deviceId);
    return json(200, { role: target.role, teamKeyHeld, keys: keys.map((keyId) => ({ keyId, holders: [] })) });
  }

  #rotateTeamKey(me: FakeDevice, body: Record<string, unknown>): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed");
    const target = this.devices.get(String(body.revokedDeviceId));
    if (!target || target.role !== "manager" || target.status !== "revoked") {
      return refuse(409, "not-a-removed-manager");
    }
    const current = this.managerKey;
    if (current === null || body.oldKeyId !== current.keyId) return refuse(409, "team-key-changed");
    const wraps = body.wraps as { recipient: string; wrapped: string }[];
    const own = wraps.find((wrap) => wrap.recipient === me.deviceId);
    if (!own || wraps.some((wrap) => wrap.recipient === target.deviceId)) return refuse(409, "recipient-not-approved");
    this.teamKeyRotations.push({
      sequence: body.sequence,
      oldKeyId: current.keyId,
      oldPublicKey: current.publicKey,
      newKeyId: body.newKeyId,
      newPublicKey: body.newPublicKey,
      revokedDeviceId: target.deviceId,
      rotatedBy: me.deviceId,
      signature: body.signature,
      oldKeyWrapped: body.oldKeyWrapped,
    });
    this.#record("rotate-team-key", me.deviceId, target.deviceId, current.keyId);
    this.managerKey = {
      keyId: String(body.newKeyId),
      publicKey: String(body.newPublicKey),
      wrapped: own.wrapped,
      ownerDeviceId: me.deviceId,
    };
    for (const wrap of wraps) this.devices.get(wrap.recipient)!.managerKeyWrapped = wrap.wrapped;
    return json(201, { rotated: true, sequence: body.sequence });
  }

  #rotate(me: FakeDevice, body: Record<string, unknown>): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed");
    const target = this.devices.get(String(body.revokedDeviceId));
    if (!target) return refuse(404, "unknown-device");
    if (target.status !== "revoked") return refuse(409, "not-revoked");
    if (this.rotationBatchesBeforeOffline !== null) {
      if (this.rotationBatchesBeforeOffline === 0) {
        this.offline = true;
        throw new TypeError("Failed to fetch");
      }
      this.rotationBatchesBeforeOffline -= 1;
    }
    const rotations = body.rotations as {
      oldKeyId: string;
      newKeyId: string;
      wraps: { recipient: string; managerKeyId?: string }[];
    }[];
    let stored = 0;
    for (const rotation of rotations) {
      if (!(this.readableKeyIds.get(target.deviceId) ?? []).includes(rotation.oldKeyId)) {
        return refuse(409, "key-not-exposed");
      }
      const toManagers = rotation.wraps.find((wrap) => wrap.recipient === "manager-key");
      if (!toManagers) return refuse(409, "key-not-shared");
      if (toManagers.managerKeyId !== undefined && toManagers.managerKeyId !== this.managerKey?.keyId) {
        return refuse(409, "manager-key-rotated");
      }
      if (this.rotated.has(rotation.oldKeyId)) continue;
      this.rotated.set(rotation.oldKeyId, rotation.newKeyId);
      this.#record("rotate-key", me.deviceId, target.deviceId, rotation.oldKeyId);
      stored += 1;
    }
    return json(201, { rotated: stored });
  }

  #caseKeys(me: FakeDevice, deviceId: string): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed");
    if (!this.devices.has(deviceId)) return refuse(404, "unknown-device");
    const holders = (keyId: string) =>
      [...this.caseKeyIds].flatMap(([holder, keys]) =>
        holder !== deviceId && this.devices.get(holder)?.status === "approved" && keys.includes(keyId) ? [holder] : [],
      );
    const keys = this.caseKeyIds.get(deviceId) ?? [];
    return json(200, { keys: keys.map((keyId) => ({ keyId, holders: holders(keyId) })) });
  }

  #grant(me: FakeDevice, body: Record<string, unknown>): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed");
    const from = String(body.fromDeviceId);
    const to = this.devices.get(String(body.toDeviceId));
    if (!to) return refuse(404, "unknown-device");
    if (to.role !== "practitioner") return refuse(409, "not-a-practitioner");
    if (to.status !== "approved") return refuse(409, "recipient-not-approved");
    if (this.grantBatchesBeforeOffline !== null) {
      if (this.grantBatchesBeforeOffline === 0) {
        this.offline = true;
        throw new TypeError("Failed to fetch");
      }
      this.grantBatchesBeforeOffline -= 1;
    }
    const grants = body.grants as { keyId: string; wrapped: string }[];
    const ofDevice = this.caseKeyIds.get(from) ?? [];
    if (grants.some((grant) => !ofDevice.includes(grant.keyId))) return refuse(409, "key-not-of-device");
    const held = this.caseKeyIds.get(to.deviceId) ?? [];
    let granted = 0;
    for (const grant of grants) {
      if (held.includes(grant.keyId)) continue;
      held.push(grant.keyId);
      this.grants.push({ keyId: grant.keyId, toDeviceId: to.deviceId, fromDeviceId: from });
      this.#record("reassign", me.deviceId, to.deviceId, grant.keyId, from);
      granted += 1;
    }
    this.caseKeyIds.set(to.deviceId, held);
    return json(201, { granted });
  }

  #revokeBy(me: FakeDevice, deviceId: string): Response {
    if (!FakeTeamApi.#approver(me)) return refuse(403, "not-allowed");
    const target = this.devices.get(deviceId);
    if (!target) return refuse(404, "unknown-device");
    if (!FakeTeamApi.#sameUnit(me, target)) return refuse(403, "wrong-team");
    if (target.deviceId === me.deviceId) return refuse(400, "cannot-revoke-self", "A device cannot remove itself.");
    if (target.status === "revoked") return refuse(409, "not-approved", "That device is already removed.");
    this.revoke(deviceId, me.deviceId);
    return json(200, this.#summary(target));
  }

  /** A manager removes a device (its sign-in is refused from then on). */
  revoke(deviceId: string, byDeviceId?: string): void {
    const target = this.devices.get(deviceId)!;
    target.status = "revoked";
    target.revokedAt = this.now().toISOString();
    const by = byDeviceId ?? [...this.devices.values()].find((device) => device.role === "manager")?.deviceId;
    if (by !== undefined) this.#record("revoke", by, deviceId);
  }

  #record(
    action: FakeAuditEntry["action"],
    actorDeviceId: string,
    subjectDeviceId: string | null,
    subjectKeyId: string | null = null,
    subjectFromDeviceId: string | null = null,
  ): void {
    this.audit.push({
      id: this.audit.length + 1,
      at: this.now().toISOString(),
      action,
      actorDeviceId,
      subjectDeviceId,
      subjectKeyId,
      subjectRecordId: null,
      subjectFromDeviceId,
    });
  }

  #readAudit(me: FakeDevice, query: URLSearchParams): Response {
    if (me.role !== "manager") return refuse(403, "not-allowed", "Only a manager can read the audit.");
    const before = query.has("before") ? Number(query.get("before")) : Infinity;
    const limit = query.has("limit") ? Number(query.get("limit")) : 50;
    const older = [...this.audit].reverse().filter((entry) => entry.id < before);
    const entries = older.slice(0, limit);
    return json(200, { entries, before: older.length > limit ? entries.at(-1)!.id : null });
  }
}
