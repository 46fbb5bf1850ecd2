/**
 * The sync transport over the team server's REST API (same origin by default): signing in with a signed
 * challenge (POST /api/session/challenge, POST /api/session) and signing in again when the short-lived
 * session ends, then POST/GET /api/envelopes, PUT /api/keys/:keyId, GET /api/devices,
 * GET /api/team/manager-key, GET /api/key-rotations, GET /api/team/manager-key-rotations, and for reassigned
 * cases GET /api/key-grants and GET /api/keys/:keyId/envelopes. Every answer is checked for shape before the
 * engine sees it; sending, signing
 * in and turning failures into SyncTransportError are team-api-client.ts's, shared with the team screens.
 */

import { z } from "zod";
import {
  decodeEnvelopePage,
  ENVELOPE_PAGE_MEDIA_TYPE,
  TEAM_KEY_HEADER,
  EnvelopePageFormatError,
} from "../../domain/team-sync/envelope-page";
import { toBase64 } from "../bytes";
import { uuidSchema, type IncomingEnvelope, type OutgoingEnvelope } from "./envelope";
import { base64Schema, SignedInTeamApiClient, type SignedInOptions } from "./team-api-client";
import {
  AREA_RECIPIENT_PREFIX,
  type AreaKeyInfo,
  type AreaReferralKey,
  type AreaPullPage,
  type CaseKeyWrap,
  type DirectoryDevice,
  type KeyGrantPage,
  type KeyRotationPage,
  type LinkedAreaInfo,
  type ManagerKeyInfo,
  type MaracTransport,
  type PullPage,
  type PushOutcome,
  type SyncTransport,
  SyncTransportError,
  type TeamKeyRotationNotice,
} from "./transport";

export type HttpTransportOptions = SignedInOptions;

const base64 = base64Schema;
const count = z.number().int().nonnegative();

const envelopeSchema = z.object({
  seq: count,
  recordId: uuidSchema,
  keyId: uuidSchema,
  version: count.min(1),
  authorDeviceId: uuidSchema,
  ciphertext: base64,
  signature: base64,
  wrappedKey: base64,
  wrappedTo: z.enum(["device", "manager-key"]),
  baseSignature: base64.optional(),
});
const pullSchema = z.object({
  envelopes: z.array(envelopeSchema),
  cursor: count,
  more: z.boolean(),
  latestRotation: count.optional(),
  latestGrant: count.optional(),
  managerKeyId: uuidSchema.nullable().optional(),
});
const grantsSchema = z.object({
  grants: z.array(z.object({ id: count.min(1), keyId: uuidSchema })),
  cursor: count,
  more: z.boolean(),
});
const pushSchema = z.object({ seq: count, version: count.min(1), duplicate: z.boolean() });
const devicesSchema = z.object({
  devices: z.array(
    z.object({
      deviceId: uuidSchema,
      role: z.enum(["practitioner", "manager", "coordinator"]),
      status: z.enum(["pending", "approved", "revoked"]),
      ecdhPublicKey: base64,
      ecdsaPublicKey: base64,
    }),
  ),
});
const managerKeySchema = z.object({
  keyId: uuidSchema.nullable(),
  publicKey: base64.nullable(),
  wrapped: base64.nullable(),
});

const teamKeyRotationsSchema = z.object({
  rotations: z.array(
    z.object({
      sequence: count.min(1),
      oldKeyId: uuidSchema,
      oldPublicKey: base64,
      newKeyId: uuidSchema,
      newPublicKey: base64,
      revokedDeviceId: uuidSchema,
      rotatedBy: uuidSchema,
      signature: base64,
      oldKeyWrapped: base64.nullable(),
    }),
  ),
});

const rotationsSchema = z.object({
  rotations: z.array(
    z.object({
      id: count.min(1),
      oldKeyId: uuidSchema,
      newKeyId: uuidSchema,
      rotatedBy: uuidSchema,
      commitment: base64,
      signature: base64,
      wrappedKey: base64,
      wrappedTo: z.enum(["device", "manager-key"]),
    }),
  ),
  cursor: count,
  more: z.boolean(),
});

const linkedAreasSchema = z.object({
  areas: z.array(z.object({ areaId: uuidSchema, name: z.string(), keyId: uuidSchema, publicKey: base64 })),
});
const areaKeySchema = z.object({
  areaId: uuidSchema,
  name: z.string(),
  keyId: uuidSchema.nullable(),
  publicKey: base64.nullable(),
  wrapped: base64.nullable(),
});
const areaReferralKeySchema = z.object({ keyId: uuidSchema, teamId: uuidSchema, wrapped: base64Schema });

const areaPullSchema = z.object({
  envelopes: z.array(
    z.object({
      seq: count,
      teamId: uuidSchema,
      teamName: z.string(),
      recordId: uuidSchema,
      keyId: uuidSchema,
      version: count.min(1),
      authorDeviceId: uuidSchema,
      authorRole: z.enum(["practitioner", "manager", "coordinator"]),
      authorEcdsaPublicKey: base64,
      ciphertext: base64,
      signature: base64,
      wrappedKey: base64,
    }),
  ),
  cursor: z.string().regex(/^[A-Za-z0-9_-]*$/),
  more: z.boolean(),
});

export class HttpSyncTransport implements SyncTransport, MaracTransport {
  readonly #api: SignedInTeamApiClient;

  constructor(options: HttpTransportOptions) {
    this.#api = new SignedInTeamApiClient(options);
  }

  push(envelope: OutgoingEnvelope): Promise<PushOutcome> {
    return this.#push("/api/envelopes", envelope);
  }

  async #push(
    path: string,
    envelope: OutgoingEnvelope | (OutgoingEnvelope & { teamId: string }),
  ): Promise<PushOutcome> {
    const answer = await this.#api.authorised("POST", path, envelope);
    if (answer.status === 200 || answer.status === 201) {
      return { status: "accepted", ...this.#api.parse(pushSchema, answer.body) };
    }
    const conflict = z.object({ error: z.literal("version-conflict"), currentVersion: count }).safeParse(answer.body);
    if (answer.status === 409 && conflict.success) {
      return { status: "conflict", currentVersion: conflict.data.currentVersion };
    }
    throw this.#api.failure(answer);
  }

  /** The page in bytes (decisions §36) when the server sends it so, as JSON otherwise; the same page either way. */
  async pull(after: number, limit: number): Promise<PullPage> {
    const path = `/api/envelopes?after=${after}&limit=${limit}`;
    const answer = await this.#api.authorised("GET", path, undefined, ENVELOPE_PAGE_MEDIA_TYPE);
    if (answer.status !== 200) throw this.#api.failure(answer);
    if (answer.body instanceof Uint8Array) {
      try {
        const teamKeyId = answer.headers?.get(TEAM_KEY_HEADER) ?? null;
        return { ...decodeEnvelopePage(answer.body, toBase64), ...(teamKeyId ? { managerKeyId: teamKeyId } : {}) };
      } catch (error) {
        if (!(error instanceof EnvelopePageFormatError)) throw error;
        throw new SyncTransportError("unavailable", "The team server's answer was not as expected.");
      }
    }
    const page = this.#api.parse(pullSchema, answer.body);
    return { ...page, envelopes: page.envelopes as IncomingEnvelope[] };
  }

  /** The team's wrappings first; a referral's wrapping to a MARAC area after them (the server checks the order). */
  async putCaseKey(keyId: string, wraps: readonly CaseKeyWrap[]): Promise<void> {
    const toAreas = wraps.filter((wrap) => wrap.recipient.startsWith(AREA_RECIPIENT_PREFIX));
    const toTeam = wraps.filter((wrap) => !wrap.recipient.startsWith(AREA_RECIPIENT_PREFIX));
    const path = encodeURIComponent(keyId);
    if (toTeam.length > 0) {
      const answer = await this.#api.authorised("PUT", `/api/keys/${path}`, { wraps: toTeam });
      if (answer.status !== 200 && answer.status !== 201) throw this.#api.failure(answer);
    }
    for (const wrap of toAreas) {
      const areaId = wrap.recipient.slice(AREA_RECIPIENT_PREFIX.length);
      const answer = await this.#api.authorised("PUT", `/api/marac/keys/${path}`, { areaId, wrapped: wrap.wrapped });
      if (answer.status !== 200) throw this.#api.failure(answer);
    }
  }

  /** The team's devices and the coordinators of the MARAC areas it is linked to (they write its referrals' statuses). */
  async listDevices(): Promise<DirectoryDevice[]> {
    const answer = await this.#api.authorised("GET", "/api/devices?linkedCoordinators=true");
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(devicesSchema, answer.body).devices;
  }

  async getManagerKey(): Promise<ManagerKeyInfo> {
    const answer = await this.#api.authorised("GET", "/api/team/manager-key");
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(managerKeySchema, answer.body);
  }

  async listKeyRotations(after: number): Promise<KeyRotationPage> {
    const answer = await this.#api.authorised("GET", `/api/key-rotations?after=${after}`);
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(rotationsSchema, answer.body);
  }

  async listKeyGrants(after: number): Promise<KeyGrantPage> {
    const answer = await this.#api.authorised("GET", `/api/key-grants?after=${after}`);
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(grantsSchema, answer.body);
  }

  async pullKey(keyId: string, after: number, limit: number): Promise<PullPage> {
    const path = `/api/keys/${encodeURIComponent(keyId)}/envelopes?after=${after}&limit=${limit}`;
    const answer = await this.#api.authorised("GET", path);
    if (answer.status !== 200) throw this.#api.failure(answer);
    const page = this.#api.parse(pullSchema, answer.body);
    return { ...page, envelopes: page.envelopes as IncomingEnvelope[] };
  }

  async listTeamKeyRotations(): Promise<TeamKeyRotationNotice[]> {
    const answer = await this.#api.authorised("GET", "/api/team/manager-key-rotations");
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(teamKeyRotationsSchema, answer.body).rotations;
  }

  async listLinkedAreas(): Promise<LinkedAreaInfo[]> {
    const answer = await this.#api.authorised("GET", "/api/marac/areas");
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(linkedAreasSchema, answer.body).areas;
  }

  async getAreaKey(): Promise<AreaKeyInfo> {
    const answer = await this.#api.authorised("GET", "/api/area/key");
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(areaKeySchema, answer.body);
  }

  async pullArea(cursor: string, limit: number): Promise<AreaPullPage> {
    const query = `limit=${limit}${cursor === "" ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
    const answer = await this.#api.authorised("GET", `/api/area/envelopes?${query}`);
    if (answer.status !== 200) throw this.#api.failure(answer);
    return this.#api.parse(areaPullSchema, answer.body);
  }

  pushToTeam(teamId: string, envelope: OutgoingEnvelope): Promise<PushOutcome> {
    return this.#push("/api/area/envelopes", { teamId, ...envelope });
  }

  async getAreaReferralKey(keyId: string): Promise<AreaReferralKey> {
    const answer = await this.#api.authorised("GET", `/api/area/keys/${encodeURIComponent(keyId)}`);
    if (answer.status !== 200) throw this.#api.failure(answer);
    const key = this.#api.parse(areaReferralKeySchema, answer.body);
    if (key.keyId !== keyId)
      throw new SyncTransportError("unavailable", "The team server's answer was not as expected.");
    return key;
  }
}
