// MARAC areas as the tests need them: an area with its first coordinator (who makes the area key), more
// coordinators approved with the key, teams linked to it, and a practitioner's referral sent to it —
// its own key wrapped to the device, the team manager key and the area key, then an envelope under it.
import type { FastifyInstance } from "fastify";
import { caseKeyPurpose, openSealed, sealToPublicKey } from "../../../src/domain/team-sync/sealed-box";
import type { AreaEnvelope } from "../../../src/server/area-envelopes-service";
import { adminCall } from "./team-fixture";
import { b64, fromB64, TestDevice, type Answer } from "./test-device";

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
const AREA_KEY_PURPOSE = (keyId: string) => `area-key:${keyId}`;

export interface TestArea {
  areaId: string;
  name: string;
  coordinator: TestCoordinator;
}

/** A coordinator's device: a TestDevice of an area, holding the area key's private half once it has it. */
export class TestCoordinator {
  areaKeyId: string | null = null;
  areaPrivateKey: CryptoKey | null = null;
  areaPublicKey: Uint8Array<ArrayBuffer> | null = null;
  constructor(readonly device: TestDevice) {}

  async setUpAreaKey(): Promise<Answer> {
    const pair = (await crypto.subtle.generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
    const keyId = crypto.randomUUID();
    const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const wrapped = await sealToPublicKey(pkcs8, this.device.ecdhPublic, AREA_KEY_PURPOSE(keyId));
    const answer = await this.device.request({
      method: "PUT",
      url: "/api/area/key",
      payload: { keyId, publicKey: b64(publicKey), wrapped: b64(wrapped) },
    });
    if (answer.status === 201) {
      this.areaKeyId = keyId;
      this.areaPrivateKey = pair.privateKey;
      this.areaPublicKey = publicKey;
    }
    return answer;
  }

  async areaKeyFor(other: TestDevice): Promise<string> {
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", this.areaPrivateKey!));
    return b64(await sealToPublicKey(pkcs8, other.ecdhPublic, AREA_KEY_PURPOSE(this.areaKeyId!)));
  }

  /** Opens its own wrapping of the area key from GET /api/area/key. */
  async loadAreaKey(): Promise<void> {
    const answer = await this.device.request<{ keyId: string; publicKey: string; wrapped: string }>({
      method: "GET",
      url: "/api/area/key",
    });
    const pkcs8 = await openSealed(
      fromB64(answer.body.wrapped),
      this.device.ecdh.privateKey,
      AREA_KEY_PURPOSE(answer.body.keyId),
    );
    this.areaKeyId = answer.body.keyId;
    this.areaPublicKey = fromB64(answer.body.publicKey);
    this.areaPrivateKey = await crypto.subtle.importKey("pkcs8", pkcs8, ECDH, true, ["deriveBits"]);
  }

  async feed(cursor = "", limit = 200) {
    return this.device.request<{ envelopes: AreaEnvelope[]; cursor: string; more: boolean }>({
      method: "GET",
      url: `/api/area/envelopes?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    });
  }

  async feedAll(): Promise<AreaEnvelope[]> {
    const all: AreaEnvelope[] = [];
    let cursor = "";
    for (;;) {
      const page = await this.feed(cursor, 2);
      if (page.status !== 200) throw new Error(`feed ${page.status} ${JSON.stringify(page.body)}`);
      all.push(...page.body.envelopes);
      cursor = page.body.cursor;
      if (!page.body.more) return all;
    }
  }

  async read(envelope: AreaEnvelope): Promise<string> {
    const raw = await openSealed(fromB64(envelope.wrappedKey), this.areaPrivateKey!, caseKeyPurpose(envelope.keyId));
    const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    const bytes = fromB64(envelope.ciphertext);
    return new TextDecoder().decode(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12)),
    );
  }

  /** A signed status envelope into the sending team's stream (POST /api/area/envelopes). */
  async pushToTeam(
    teamId: string,
    recordId: string,
    keyId: string,
    key: CryptoKey,
    text: string,
    baseVersion = 0,
    baseSignature?: string,
  ) {
    this.device.teamId = teamId; // what the envelope is signed for
    const envelope = await this.device.envelope(
      recordId,
      keyId,
      baseVersion,
      await TestDevice.encrypt(key, text),
      baseSignature,
    );
    return this.device.request<{ seq: number; version: number; duplicate: boolean }>({
      method: "POST",
      url: "/api/area/envelopes",
      payload: { teamId, ...envelope },
    });
  }
}

export async function createArea(app: FastifyInstance, name: string): Promise<TestArea> {
  const created = await adminCall(app, "/api/admin/areas", { name });
  if (created.status !== 201) throw new Error(`create area ${created.status} ${JSON.stringify(created.body)}`);
  const device = await TestDevice.create(app);
  const enrolled = await device.enrol(String(created.body.firstCode));
  if (enrolled.status !== 201) throw new Error(`coordinator ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  await device.signIn();
  const coordinator = new TestCoordinator(device);
  const key = await coordinator.setUpAreaKey();
  if (key.status !== 201) throw new Error(`area key ${key.status} ${JSON.stringify(key.body)}`);
  return { areaId: String(created.body.id), name, coordinator };
}

export async function linkTeam(app: FastifyInstance, team: string, area: string): Promise<void> {
  const linked = await adminCall(app, "/api/admin/team-areas", { team, area });
  if (linked.status !== 200) throw new Error(`link ${linked.status} ${JSON.stringify(linked.body)}`);
}

export interface SentReferral {
  recordId: string;
  keyId: string;
  key: CryptoKey;
  raw: Uint8Array<ArrayBuffer>;
}

/** A referral's key wrapped to the area's key (PUT /api/marac/keys/:keyId); `wrapped` to send given bytes again. */
export async function wrapToArea(
  device: TestDevice,
  keyId: string,
  raw: Uint8Array<ArrayBuffer>,
  area: TestArea,
  wrapped?: string,
) {
  const sealed = wrapped ?? b64(await sealToPublicKey(raw, area.coordinator.areaPublicKey!, caseKeyPurpose(keyId)));
  return device.request({
    method: "PUT",
    url: `/api/marac/keys/${keyId}`,
    payload: { areaId: area.areaId, wrapped: sealed },
  });
}

/** A referral sent to the area: a fresh key for it, wrapped to the area, and version 1 pushed. */
export async function sendReferral(device: TestDevice, area: TestArea, text: string): Promise<SentReferral> {
  const { keyId, key, raw } = await device.newCaseKey();
  const wrapped = await wrapToArea(device, keyId, raw, area);
  if (wrapped.status !== 200) throw new Error(`area wrap ${wrapped.status} ${JSON.stringify(wrapped.body)}`);
  const recordId = crypto.randomUUID();
  const pushed = await device.push(await device.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, text)));
  if (pushed.status !== 201) throw new Error(`push ${pushed.status} ${JSON.stringify(pushed.body)}`);
  return { recordId, keyId, key, raw };
}
