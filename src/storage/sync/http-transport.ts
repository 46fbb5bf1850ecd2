/**
 * The sync transport over the team server's REST API (same origin by default): signing in with a signed
 * challenge (POST /api/session/challenge, POST /api/session) and signing in again when the short-lived
 * session ends, then POST/GET /api/envelopes, PUT /api/keys/:keyId, GET /api/devices and
 * GET /api/team/manager-key. Every answer is checked for shape before the engine sees it; failures
 * become SyncTransportError: no answer → "offline", 5xx → "unavailable", the device not (or no longer)
 * approved → "signed-out", any other refusal → "refused" with the server's code.
 */

import { z } from "zod";
import { uuidSchema, type IncomingEnvelope, type OutgoingEnvelope } from "./envelope";
import {
  SyncTransportError,
  type CaseKeyWrap,
  type DirectoryDevice,
  type ManagerKeyInfo,
  type PullPage,
  type PushOutcome,
  type SyncTransport,
} from "./transport";

export interface HttpTransportOptions {
  deviceId: string;
  /** Signs a sign-in challenge with the device's key (TeamSync.signChallenge). */
  signChallenge(challengeId: string, nonce: string): Promise<string>;
  /** "" (same origin) by default. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
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
const pullSchema = z.object({ envelopes: z.array(envelopeSchema), cursor: count, more: z.boolean() });
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
const challengeSchema = z.object({ challengeId: uuidSchema, nonce: base64 });
const sessionSchema = z.object({ token: z.string().min(1) });
const refusalSchema = z.object({ error: z.string(), message: z.string().optional() }).loose();

/** Refusals that mean this device cannot act at all until a manager does something. */
const SIGNED_OUT = new Set(["device-not-approved", "device-revoked", "unknown-device", "not-signed-in"]);

interface Answer {
  status: number;
  body: unknown;
}

export class HttpSyncTransport implements SyncTransport {
  readonly #options: HttpTransportOptions;
  readonly #fetch: typeof globalThis.fetch;
  #token: string | null = null;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async #send(method: string, path: string, body?: unknown, token?: string | null): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#options.baseUrl ?? ""}${path}`, {
        method,
        headers,
        cache: "no-store",
        credentials: "omit",
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new SyncTransportError("offline", "No connection to the team server.");
    }
    let parsed: unknown = null;
    try {
      parsed = await response.json();
    } catch {
      if (response.ok) throw new SyncTransportError("unavailable", "The team server's answer could not be read.");
    }
    return { status: response.status, body: parsed };
  }

  #failure(answer: Answer): SyncTransportError {
    const refusal = refusalSchema.safeParse(answer.body);
    const code = refusal.success ? refusal.data.error : null;
    const message = refusal.success && refusal.data.message ? refusal.data.message : `HTTP ${answer.status}`;
    if (answer.status >= 500) return new SyncTransportError("unavailable", message, code, answer.status);
    if (answer.status === 401 || (code !== null && SIGNED_OUT.has(code))) {
      return new SyncTransportError("signed-out", message, code, answer.status);
    }
    return new SyncTransportError("refused", message, code, answer.status);
  }

  async #signIn(): Promise<string> {
    const challengeAnswer = await this.#send("POST", "/api/session/challenge", { deviceId: this.#options.deviceId });
    if (challengeAnswer.status !== 201) throw this.#failure(challengeAnswer);
    const challenge = this.#parse(challengeSchema, challengeAnswer.body);
    const signature = await this.#options.signChallenge(challenge.challengeId, challenge.nonce);
    const sessionAnswer = await this.#send("POST", "/api/session", { challengeId: challenge.challengeId, signature });
    if (sessionAnswer.status !== 201) throw this.#failure(sessionAnswer);
    this.#token = this.#parse(sessionSchema, sessionAnswer.body).token;
    return this.#token;
  }

  /** A request with the session, signing in first or again (once) when there is none or it has ended. */
  async #authorised(method: string, path: string, body?: unknown): Promise<Answer> {
    const token = this.#token ?? (await this.#signIn());
    const answer = await this.#send(method, path, body, token);
    if (answer.status !== 401) return answer;
    this.#token = null;
    return this.#send(method, path, body, await this.#signIn());
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SyncTransportError("unavailable", "The team server's answer was not as expected.");
    return parsed.data;
  }

  async push(envelope: OutgoingEnvelope): Promise<PushOutcome> {
    const answer = await this.#authorised("POST", "/api/envelopes", envelope);
    if (answer.status === 200 || answer.status === 201) {
      return { status: "accepted", ...this.#parse(pushSchema, answer.body) };
    }
    const conflict = z.object({ error: z.literal("version-conflict"), currentVersion: count }).safeParse(answer.body);
    if (answer.status === 409 && conflict.success) {
      return { status: "conflict", currentVersion: conflict.data.currentVersion };
    }
    throw this.#failure(answer);
  }

  async pull(after: number, limit: number): Promise<PullPage> {
    const answer = await this.#authorised("GET", `/api/envelopes?after=${after}&limit=${limit}`);
    if (answer.status !== 200) throw this.#failure(answer);
    const page = this.#parse(pullSchema, answer.body);
    return { ...page, envelopes: page.envelopes as IncomingEnvelope[] };
  }

  async putCaseKey(keyId: string, wraps: readonly CaseKeyWrap[]): Promise<void> {
    const answer = await this.#authorised("PUT", `/api/keys/${encodeURIComponent(keyId)}`, { wraps });
    if (answer.status !== 200 && answer.status !== 201) throw this.#failure(answer);
  }

  async listDevices(): Promise<DirectoryDevice[]> {
    const answer = await this.#authorised("GET", "/api/devices");
    if (answer.status !== 200) throw this.#failure(answer);
    return this.#parse(devicesSchema, answer.body).devices;
  }

  async getManagerKey(): Promise<ManagerKeyInfo> {
    const answer = await this.#authorised("GET", "/api/team/manager-key");
    if (answer.status !== 200) throw this.#failure(answer);
    return this.#parse(managerKeySchema, answer.body);
  }
}
