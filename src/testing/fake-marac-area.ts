// Test harness (not a test file): a MARAC area on the fake team servers, with the real server's rules
// (src/server/marac-keys-service.ts, area-envelopes-service.ts): coordinator devices (the first
// approved at once and making the area key, later ones approved by a coordinator with the key), teams
// linked to it, referral keys wrapped to it only by a device of a linked team that holds them, a feed
// of every version under those keys with a cursor per team (never past a push in flight), and status
// records written into a team's stream only under a key sent to this area, never over the team's own.
import { fromBase64 } from "../storage/bytes";
import type { OutgoingEnvelope } from "../storage/sync/envelope";
import { deviceFingerprint } from "../domain/team-sync/device-fingerprint";
import {
  SyncTransportError,
  type AreaEnvelope,
  type AreaKeyInfo,
  type AreaPullPage,
  type AreaReferralKey,
  type DirectoryDevice,
  type LinkedAreaInfo,
  type MaracTransport,
  type PushOutcome,
} from "../storage/sync/transport";
import { FakeNetwork, refused, type FakeTeamServer, type LinkedFakeArea } from "./fake-team-server";

interface Coordinator extends DirectoryDevice {
  fingerprint: string;
}

export class FakeMaracArea implements LinkedFakeArea {
  readonly areaId = globalThis.crypto.randomUUID();
  readonly devices = new Map<string, Coordinator>();
  readonly teams: FakeTeamServer[] = [];
  areaKey: { keyId: string; publicKey: string } | null = null;
  /** The area key's private half wrapped to each coordinator device. */
  readonly keyWraps = new Map<string, string>();
  /** Referral keys wrapped to the area key: key id → its team and wrapping. */
  readonly areaWraps = new Map<string, { team: FakeTeamServer; wrapped: string }>();

  constructor(readonly name: string) {}

  /** The operator links a team to the area (`npm run team -- link`). */
  link(team: FakeTeamServer): void {
    this.teams.push(team);
    team.linkedAreas.push(this);
  }

  async enrol(keys: { ecdhPublicKey: string; ecdsaPublicKey: string }): Promise<string> {
    const deviceId = globalThis.crypto.randomUUID();
    const fingerprint = await deviceFingerprint({
      ecdhPublicKey: fromBase64(keys.ecdhPublicKey),
      ecdsaPublicKey: fromBase64(keys.ecdsaPublicKey),
    });
    const first = this.devices.size === 0;
    this.devices.set(deviceId, {
      deviceId,
      role: "coordinator",
      status: first ? "approved" : "pending",
      fingerprint,
      ...keys,
    });
    return deviceId;
  }

  approve(approverId: string, deviceId: string, fingerprint: string, areaKeyWrapped?: string): void {
    this.approved(approverId);
    const target = this.devices.get(deviceId);
    if (!target || target.status !== "pending") throw refused("not-pending", 409);
    if (fingerprint.replace(/\s/g, "") !== target.fingerprint.replace(/\s/g, "")) throw refused("fingerprint-mismatch");
    if (this.areaKey) {
      if (!areaKeyWrapped) throw refused("area-key-missing");
      this.keyWraps.set(deviceId, areaKeyWrapped);
    }
    target.status = "approved";
  }

  approved(deviceId: string): Coordinator {
    const device = this.devices.get(deviceId);
    if (!device) throw new SyncTransportError("signed-out", "unknown-device", "unknown-device", 401);
    if (device.status !== "approved") {
      const code = device.status === "revoked" ? "device-revoked" : "device-not-approved";
      throw new SyncTransportError("signed-out", code, code, 403);
    }
    return device;
  }

  setAreaKey(deviceId: string, request: { keyId: string; publicKey: string; wrapped: string }): void {
    this.approved(deviceId);
    if (this.areaKey) throw refused("area-key-exists", 409);
    this.areaKey = { keyId: request.keyId, publicKey: request.publicKey };
    this.keyWraps.set(deviceId, request.wrapped);
  }

  getAreaKey(deviceId: string): AreaKeyInfo {
    this.approved(deviceId);
    return {
      areaId: this.areaId,
      name: this.name,
      keyId: this.areaKey?.keyId ?? null,
      publicKey: this.areaKey?.publicKey ?? null,
      wrapped: this.keyWraps.get(deviceId) ?? null,
    };
  }

  coordinators(): DirectoryDevice[] {
    return [...this.devices.values()]
      .filter((device) => device.status !== "pending")
      .map(({ deviceId, role, status, ecdhPublicKey, ecdsaPublicKey }) => ({
        deviceId,
        role,
        status,
        ecdhPublicKey,
        ecdsaPublicKey,
      }));
  }

  holdsKey(keyId: string): boolean {
    return this.areaWraps.has(keyId);
  }

  storeAreaWrap(team: FakeTeamServer, keyId: string, wrapped: string): void {
    const existing = this.areaWraps.get(keyId);
    if (existing) {
      if (existing.team !== team) throw refused("wrong-team", 403);
      if (existing.wrapped !== wrapped) throw refused("key-already-wrapped", 409);
      return;
    }
    this.areaWraps.set(keyId, { team, wrapped });
  }

  pullArea(deviceId: string, cursorText: string, limit: number): AreaPullPage {
    this.approved(deviceId);
    const cursors = cursorText === "" ? {} : (JSON.parse(atob(cursorText)) as Record<string, number>);
    const envelopes: AreaEnvelope[] = [];
    const teams = [...new Set([...this.areaWraps.values()].map((wrap) => wrap.team))].sort((a, b) =>
      a.teamId.localeCompare(b.teamId),
    );
    let more = false;
    for (const team of teams) {
      const after = cursors[team.teamId] ?? 0;
      const watermark = team.watermark();
      const rows = team.envelopes
        .filter((row) => row.seq > after && row.seq <= watermark && this.areaWraps.get(row.keyId)?.team === team)
        .sort((a, b) => a.seq - b.seq);
      const room = limit - envelopes.length;
      const taken = rows.slice(0, room);
      for (const row of taken) {
        const author =
          team.devices.get(row.authorDeviceId) ??
          team.linkedAreas
            .flatMap((area) => area.coordinators())
            .find((device) => device.deviceId === row.authorDeviceId)!;
        envelopes.push({
          seq: row.seq,
          teamId: team.teamId,
          teamName: team.name,
          recordId: row.recordId,
          keyId: row.keyId,
          version: row.version,
          authorDeviceId: row.authorDeviceId,
          authorRole: author.role,
          authorEcdsaPublicKey: author.ecdsaPublicKey,
          ciphertext: row.ciphertext,
          signature: row.signature,
          wrappedKey: this.areaWraps.get(row.keyId)!.wrapped,
        });
      }
      if (rows.length > room) {
        cursors[team.teamId] = taken.at(-1)?.seq ?? after;
        more = true;
        break;
      }
      cursors[team.teamId] = Math.max(after, watermark);
    }
    return { envelopes, cursor: btoa(JSON.stringify(cursors)).replace(/=/g, ""), more };
  }

  async pushToTeam(
    deviceId: string,
    teamId: string,
    envelope: OutgoingEnvelope,
    beforeCommit?: () => Promise<void>,
  ): Promise<PushOutcome> {
    const device = this.approved(deviceId);
    const team = this.teams.find((linked) => linked.teamId === teamId);
    if (!team) throw refused("not-allowed", 403);
    return team.pushAs(device, envelope, beforeCommit, () => {
      if (this.areaWraps.get(envelope.keyId)?.team !== team) throw refused("not-allowed", 403);
      const first = team.versionsOf(envelope.recordId)[0];
      if (first && !this.devices.has(first.authorDeviceId)) throw refused("not-allowed", 403);
    });
  }

  /** GET /api/area/keys/:keyId: a referral key's wrapping to this area, by id. */
  getAreaReferralKey(deviceId: string, keyId: string): AreaReferralKey {
    this.approved(deviceId);
    const wrap = this.areaWraps.get(keyId);
    if (!wrap) throw refused("unknown-key", 404);
    return { keyId, teamId: wrap.team.teamId, wrapped: wrap.wrapped };
  }

  transportFor(deviceId: string, network: FakeNetwork = new FakeNetwork()): FakeAreaTransport {
    return new FakeAreaTransport(this, deviceId, network);
  }
}

const offline = () => new SyncTransportError("offline", "No connection to the team server.");

/** A coordinator device's connection to the area (the team parts of SyncTransport are not its to use). */
export class FakeAreaTransport implements MaracTransport {
  constructor(
    readonly area: FakeMaracArea,
    readonly deviceId: string,
    readonly network: FakeNetwork,
  ) {}

  async #call<T>(kind: string, handle: () => Promise<T> | T): Promise<T> {
    this.network.calls.push(kind);
    await this.network.hold("request");
    if (!this.network.online || this.network.loseRequest()) throw offline();
    const answer = await handle();
    if (!this.network.online || this.network.loseAnswer()) throw offline();
    return answer;
  }

  listLinkedAreas(): Promise<LinkedAreaInfo[]> {
    return Promise.reject(refused("not-allowed", 403));
  }

  getAreaKey(): Promise<AreaKeyInfo> {
    return this.#call("area-key", () => this.area.getAreaKey(this.deviceId));
  }

  pullArea(cursor: string, limit: number): Promise<AreaPullPage> {
    return this.#call("area-pull", () => structuredClone(this.area.pullArea(this.deviceId, cursor, limit)));
  }

  pushToTeam(teamId: string, envelope: OutgoingEnvelope): Promise<PushOutcome> {
    return this.#call("area-push", () => this.area.pushToTeam(this.deviceId, teamId, structuredClone(envelope)));
  }

  getAreaReferralKey(keyId: string): Promise<AreaReferralKey> {
    return this.#call("area-referral-key", () => this.area.getAreaReferralKey(this.deviceId, keyId));
  }
}
