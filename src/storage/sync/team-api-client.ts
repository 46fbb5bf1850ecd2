/**
 * The team API over HTTP (same origin by default), shared by the sync transport (http-transport.ts) and
 * the team screens' calls (team-admin-client.ts): one place that sends JSON with no cookies and no
 * caching, reads the answer, signs in with a signed challenge (POST /api/session/challenge, POST
 * /api/session), signs in again once when the short-lived session has ended, and turns a failure into a
 * SyncTransportError: no answer → "offline", 5xx → "unavailable", the device not (or no longer) approved
 * → "signed-out", any other refusal → "refused" with the server's code and plain-words message.
 */

import { z } from "zod";
import { uuidSchema } from "./envelope";
import { SyncTransportError } from "./transport";

export interface TeamApiOptions {
  /** "" (same origin) by default. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export interface SignedInOptions extends TeamApiOptions {
  deviceId: string;
  /** Signs a sign-in challenge with the device's key (TeamSync.signChallenge). */
  signChallenge(challengeId: string, nonce: string): Promise<string>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The answer's headers (absent from answers made up in tests). */
  headers?: Headers;
}

export const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const challengeSchema = z.object({ challengeId: uuidSchema, nonce: base64Schema });
const sessionSchema = z.object({ token: z.string().min(1) });
const refusalSchema = z.object({ error: z.string(), message: z.string().optional() }).loose();

/** Refusals that mean this device cannot act at all until a manager does something. */
const SIGNED_OUT = new Set(["device-not-approved", "device-revoked", "unknown-device", "not-signed-in"]);

/** Requests anyone may make (enrolment): no session. */
export class TeamApiClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: TeamApiOptions = {}) {
    this.#baseUrl = options.baseUrl ?? "";
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * `binaryType`: a media type this request also accepts; an answer of that type comes back as its bytes
   * (a Uint8Array body), anything else as JSON.
   */
  async send(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
    binaryType?: string,
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = {
      accept: binaryType ? `${binaryType}, application/json;q=0.5` : "application/json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${path}`, {
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
      const type = response.headers.get("content-type")?.split(";")[0]?.trim();
      parsed =
        binaryType && response.ok && type === binaryType
          ? new Uint8Array(await response.arrayBuffer())
          : await response.json();
    } catch {
      if (response.ok) throw new SyncTransportError("unavailable", "The team server's answer could not be read.");
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  failure(answer: ApiAnswer): SyncTransportError {
    const refusal = refusalSchema.safeParse(answer.body);
    const code = refusal.success ? refusal.data.error : null;
    const message = refusal.success && refusal.data.message ? refusal.data.message : `HTTP ${answer.status}`;
    if (answer.status >= 500) return new SyncTransportError("unavailable", message, code, answer.status);
    if (answer.status === 401 || (code !== null && SIGNED_OUT.has(code))) {
      return new SyncTransportError("signed-out", message, code, answer.status);
    }
    const newKeyId = refusal.success ? uuidSchema.safeParse(refusal.data.newKeyId) : null;
    return new SyncTransportError("refused", message, code, answer.status, newKeyId?.success ? newKeyId.data : null);
  }

  parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SyncTransportError("unavailable", "The team server's answer was not as expected.");
    return parsed.data;
  }
}

/** Requests as an enrolled device: signed in with a signed challenge, and again when the session ends. */
export class SignedInTeamApiClient extends TeamApiClient {
  readonly #options: SignedInOptions;
  #token: string | null = null;

  constructor(options: SignedInOptions) {
    super(options);
    this.#options = options;
  }

  async #signIn(): Promise<string> {
    const challengeAnswer = await this.send("POST", "/api/session/challenge", { deviceId: this.#options.deviceId });
    if (challengeAnswer.status !== 201) throw this.failure(challengeAnswer);
    const challenge = this.parse(challengeSchema, challengeAnswer.body);
    const signature = await this.#options.signChallenge(challenge.challengeId, challenge.nonce);
    const sessionAnswer = await this.send("POST", "/api/session", { challengeId: challenge.challengeId, signature });
    if (sessionAnswer.status !== 201) throw this.failure(sessionAnswer);
    this.#token = this.parse(sessionSchema, sessionAnswer.body).token;
    return this.#token;
  }

  /** A request with the session, signing in first or again (once) when there is none or it has ended. */
  async authorised(method: string, path: string, body?: unknown, binaryType?: string): Promise<ApiAnswer> {
    const token = this.#token ?? (await this.#signIn());
    const answer = await this.send(method, path, body, token, binaryType);
    if (answer.status !== 401) return answer;
    this.#token = null;
    return this.send(method, path, body, await this.#signIn(), binaryType);
  }
}
