/**
 * The sync transport over the team server's REST API (same origin by default): signing in with a signed
 * challenge (POST /api/session/challenge, POST /api/session) and signing in again when the short-lived
 * session ends, then POST/GET /api/envelopes, PUT /api/keys/:keyId, GET /api/devices,
 * GET /api/team/manager-key and GET /api/key-rotations. Every answer is checked for shape before the engine sees it; sending, signing
 * in and turning failures into SyncTransportError are team-api-client.ts's, shared with the team screens.
 */

import { z } from "zod";
import { uuidSchema, type IncomingEnvelope, type OutgoingEnvelope } from "./envelope";
import { base64Schema, SignedInTeamApiClient, type SignedInOptions } from "./team-api-client";
import type {
  CaseKeyWrap,
  DirectoryDevice,
  KeyRotationPage,
  ManagerKeyInfo,
  PullPage,
  PushOutcome,
  SyncTransport,
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

export class HttpSyncTransport implements SyncTransport {
  readonly #api: SignedInTeamApiClient;

  constructor(options: HttpTransportOptions) {
    this.#api = new SignedInTeamApiClient(options);
  }

  async push(envelope: OutgoingEnvelope): Promise<PushOutcome> {
    const answer = await this.#api.authorised("POST", "/api/envelopes", envelope);
    if (answer.status === 200 || answer.status === 201) {
      return { status: "accepted", ...this.#api.parse(pushSchema, answer.body) };
    }
    const conflict = z.object({ error: z.literal("version-conflict"), currentVersion: count }).safeParse(answer.body);
    if (answer.status === 409 && conflict.success) {
      return { status: "conflict", currentVersion: conflict.data.currentVersion };
    }
    throw this.#api.failure(answer);
  }

  async pull(after: number, limit: number): Promise<PullPage> {
    const answer = await this.#api.authorised("GET", `/api/envelopes?after=${after}&limit=${limit}`);
    if (answer.status !== 200) throw this.#api.failure(answer);
    const page = this.#api.parse(pullSchema, answer.body);
    return { ...page, envelopes: page.envelopes as IncomingEnvelope[] };
  }

  async putCaseKey(keyId: string, wraps: readonly CaseKeyWrap[]): Promise<void> {
    const answer = await this.#api.authorised("PUT", `/api/keys/${encodeURIComponent(keyId)}`, { wraps });
    if (answer.status !== 200 && answer.status !== 201) throw this.#api.failure(answer);
  }

  async listDevices(): Promise<DirectoryDevice[]> {
    const answer = await this.#api.authorised("GET", "/api/devices");
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
}
