// A device as the browser will be one: Web Crypto key pairs (ECDH P-256 to receive keys, ECDSA P-256 to
// sign), enrolling with a code, signing challenges and envelopes, sealing case keys. Talks to a Fastify
// instance through inject(), so tests need no port. The browser's sync client is to do the same.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { deviceFingerprint } from "../../../src/domain/team-sync/device-fingerprint";
import {
  caseKeyPurpose,
  managerKeyPurpose,
  openSealed,
  sealToPublicKey,
} from "../../../src/domain/team-sync/sealed-box";
import { challengeSigningInput, envelopeSigningInput } from "../../../src/domain/team-sync/signing-input";
import type { PulledEnvelope } from "../../../src/server/envelopes-service";

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
export const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

function answer<T>(response: LightMyRequestResponse): Answer<T> {
  return { status: response.statusCode, body: response.body ? (JSON.parse(response.body) as T) : ({} as T) };
}

export async function call<T = Record<string, unknown>>(
  app: FastifyInstance,
  options: InjectOptions,
): Promise<Answer<T>> {
  return answer<T>(await app.inject(options));
}

export class TestDevice {
  deviceId = "";
  teamId = "";
  role = "";
  token = "";
  fingerprint = "";
  /** The team manager key's private half, for manager devices once they hold it. */
  managerPrivateKey: CryptoKey | null = null;
  managerKeyId: string | null = null;
  managerPublicKey: Uint8Array<ArrayBuffer> | null = null;

  private constructor(
    /** Mutable: after a server restart the device talks to the new instance. */
    public app: FastifyInstance,
    readonly ecdh: CryptoKeyPair,
    readonly ecdsa: CryptoKeyPair,
    readonly ecdhPublic: Uint8Array<ArrayBuffer>,
    readonly ecdsaPublic: Uint8Array<ArrayBuffer>,
  ) {}

  static async create(app: FastifyInstance): Promise<TestDevice> {
    const ecdh = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, [
      "deriveBits",
    ])) as CryptoKeyPair;
    const ecdsa = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const ecdhPublic = new Uint8Array(await crypto.subtle.exportKey("raw", ecdh.publicKey));
    const ecdsaPublic = new Uint8Array(await crypto.subtle.exportKey("raw", ecdsa.publicKey));
    const device = new TestDevice(app, ecdh, ecdsa, ecdhPublic, ecdsaPublic);
    device.fingerprint = await deviceFingerprint({ ecdhPublicKey: ecdhPublic, ecdsaPublicKey: ecdsaPublic });
    return device;
  }

  async sign(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.ecdsa.privateKey, bytes));
  }

  enrolBody(code: string) {
    return { code, ecdhPublicKey: b64(this.ecdhPublic), ecdsaPublicKey: b64(this.ecdsaPublic) };
  }

  async enrol(code: string): Promise<Answer> {
    const result = await call(this.app, { method: "POST", url: "/api/enrol", payload: this.enrolBody(code) });
    if (result.status === 201) {
      this.deviceId = String(result.body.deviceId);
      this.teamId = String(result.body.teamId ?? result.body.areaId);
      this.role = String(result.body.role);
    }
    return result;
  }

  async challenge(): Promise<Answer<{ challengeId: string; nonce: string }>> {
    return call(this.app, { method: "POST", url: "/api/session/challenge", payload: { deviceId: this.deviceId } });
  }

  async signChallenge(challenge: { challengeId: string; nonce: string }): Promise<string> {
    return b64(await this.sign(challengeSigningInput(challenge.challengeId, fromB64(challenge.nonce))));
  }

  /** Challenge, signature, session: throws unless it works. */
  async signIn(): Promise<void> {
    const challenge = await this.challenge();
    if (challenge.status !== 201) throw new Error(`challenge ${challenge.status} ${JSON.stringify(challenge.body)}`);
    const session = await call(this.app, {
      method: "POST",
      url: "/api/session",
      payload: { challengeId: challenge.body.challengeId, signature: await this.signChallenge(challenge.body) },
    });
    if (session.status !== 201) throw new Error(`session ${session.status} ${JSON.stringify(session.body)}`);
    this.token = String(session.body.token);
  }

  /** A request with this device's session. */
  async request<T = Record<string, unknown>>(options: InjectOptions): Promise<Answer<T>> {
    return call<T>(this.app, { ...options, headers: { ...options.headers, authorization: `Bearer ${this.token}` } });
  }

  /** First manager: makes the team manager key and keeps its private half wrapped to itself on the server. */
  async setUpManagerKey(): Promise<Answer> {
    const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
      "deriveBits",
    ])) as CryptoKeyPair;
    const keyId = crypto.randomUUID();
    const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const wrapped = await sealToPublicKey(pkcs8, this.ecdhPublic, managerKeyPurpose(keyId));
    const result = await this.request({
      method: "PUT",
      url: "/api/team/manager-key",
      payload: { keyId, publicKey: b64(publicKey), wrapped: b64(wrapped) },
    });
    if (result.status === 201) {
      this.managerPrivateKey = pair.privateKey;
      this.managerKeyId = keyId;
      this.managerPublicKey = publicKey;
    }
    return result;
  }

  /** Reads the manager key from the server: its public half (everyone), its private half (managers). */
  async loadManagerKey(): Promise<void> {
    const result = await this.request<{ keyId: string; publicKey: string; wrapped: string | null }>({
      method: "GET",
      url: "/api/team/manager-key",
    });
    this.managerKeyId = result.body.keyId;
    this.managerPublicKey = fromB64(result.body.publicKey);
    if (result.body.wrapped) {
      const pkcs8 = await openSealed(
        fromB64(result.body.wrapped),
        this.ecdh.privateKey,
        managerKeyPurpose(this.managerKeyId),
      );
      this.managerPrivateKey = await crypto.subtle.importKey(
        "pkcs8",
        pkcs8,
        { name: "ECDH", namedCurve: "P-256" },
        true,
        ["deriveBits"],
      );
    }
  }

  /** The manager key's private half sealed to another (manager) device, for its approval. */
  async managerKeyFor(other: TestDevice): Promise<string> {
    if (!this.managerPrivateKey || !this.managerKeyId) throw new Error("this device holds no manager key");
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", this.managerPrivateKey));
    return b64(await sealToPublicKey(pkcs8, other.ecdhPublic, managerKeyPurpose(this.managerKeyId)));
  }

  async approve(other: TestDevice, fingerprint = other.fingerprint): Promise<Answer> {
    const payload: Record<string, string> = { fingerprint };
    if (other.role === "manager" && this.managerPrivateKey) payload.managerKeyWrapped = await this.managerKeyFor(other);
    return this.request({ method: "POST", url: `/api/devices/${other.deviceId}/approve`, payload });
  }

  async issueCode(role: string): Promise<Answer<{ code: string }>> {
    return this.request({ method: "POST", url: "/api/enrolment-codes", payload: { role } });
  }

  /** A new case key, sealed to this device and to the team manager key, stored on the server. */
  async newCaseKey(): Promise<{ keyId: string; key: CryptoKey; raw: Uint8Array<ArrayBuffer> }> {
    if (!this.managerPublicKey) await this.loadManagerKey();
    const keyId = crypto.randomUUID();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const wraps = [
      { recipient: this.deviceId, wrapped: b64(await sealToPublicKey(raw, this.ecdhPublic, caseKeyPurpose(keyId))) },
      {
        recipient: "manager-key",
        wrapped: b64(await sealToPublicKey(raw, this.managerPublicKey!, caseKeyPurpose(keyId))),
      },
    ];
    const result = await this.request({ method: "PUT", url: `/api/keys/${keyId}`, payload: { wraps } });
    if (result.status !== 200) throw new Error(`keys ${result.status} ${JSON.stringify(result.body)}`);
    return { keyId, raw, key: await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]) };
  }

  /** Gives another device of the team a case key this device holds. */
  async shareCaseKey(keyId: string, raw: Uint8Array<ArrayBuffer>, other: TestDevice): Promise<Answer> {
    const wrapped = await sealToPublicKey(raw, other.ecdhPublic, caseKeyPurpose(keyId));
    return this.request({
      method: "PUT",
      url: `/api/keys/${keyId}`,
      payload: { wraps: [{ recipient: other.deviceId, wrapped: b64(wrapped) }] },
    });
  }

  /** AES-GCM under the case key, IV in front. */
  static async encrypt(key: CryptoKey, plaintext: string): Promise<Uint8Array<ArrayBuffer>> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)),
    );
    const joined = new Uint8Array(12 + sealed.length);
    joined.set(iv);
    joined.set(sealed, 12);
    return joined;
  }

  /** Signatures of the versions this device made or pulled, by "record@version": the parents of its edits. */
  readonly signatures = new Map<string, string>();

  /**
   * A signed envelope editing `baseVersion` of the record (0: a new record). Its parent is the signature
   * this device knows for that version, unless one is given.
   */
  async envelope(
    recordId: string,
    keyId: string,
    baseVersion: number,
    ciphertext: Uint8Array<ArrayBuffer>,
    baseSignature: string | undefined = this.signatures.get(`${recordId}@${baseVersion}`),
  ) {
    if (baseVersion > 0 && baseSignature === undefined)
      throw new Error(`no known signature for ${recordId}@${baseVersion}`);
    const parentSignature = baseSignature === undefined ? new Uint8Array(0) : fromB64(baseSignature);
    const address = { teamId: this.teamId, recordId, keyId, version: baseVersion + 1, parentSignature };
    const signature = b64(await this.sign(envelopeSigningInput(address, ciphertext)));
    return {
      recordId,
      keyId,
      baseVersion,
      ...(baseSignature === undefined ? {} : { baseSignature }),
      ciphertext: b64(ciphertext),
      signature,
    };
  }

  /** Pushes; an accepted envelope's signature becomes the known parent of its version. */
  async push(
    payload: Record<string, unknown>,
  ): Promise<Answer<{ seq: number; version: number; duplicate: boolean; currentVersion?: number }>> {
    const answer = await this.request<{ seq: number; version: number; duplicate: boolean; currentVersion?: number }>({
      method: "POST",
      url: "/api/envelopes",
      payload,
    });
    if (answer.status === 200 || answer.status === 201) {
      this.signatures.set(`${String(payload.recordId)}@${answer.body.version}`, String(payload.signature));
    }
    return answer;
  }

  async pull(
    after: number,
    limit = 200,
  ): Promise<Answer<{ envelopes: PulledEnvelope[]; cursor: number; more: boolean }>> {
    return this.request({ method: "GET", url: `/api/envelopes?after=${after}&limit=${limit}` });
  }

  /** Follows the cursor to the end; returns the envelopes and the new cursor. */
  async pullAll(after = 0, limit = 200): Promise<{ envelopes: PulledEnvelope[]; cursor: number }> {
    const envelopes: PulledEnvelope[] = [];
    let cursor = after;
    for (;;) {
      const page = await this.pull(cursor, limit);
      if (page.status !== 200) throw new Error(`pull ${page.status} ${JSON.stringify(page.body)}`);
      envelopes.push(...page.body.envelopes);
      for (const envelope of page.body.envelopes) {
        this.signatures.set(`${envelope.recordId}@${envelope.version}`, envelope.signature);
      }
      cursor = page.body.cursor;
      if (!page.body.more) return { envelopes, cursor };
    }
  }

  /** Unwraps the envelope's case key as this device can (its own wrap, or the manager key) and decrypts. */
  async read(envelope: Pick<PulledEnvelope, "keyId" | "ciphertext" | "wrappedKey" | "wrappedTo">): Promise<string> {
    const privateKey = envelope.wrappedTo === "device" ? this.ecdh.privateKey : this.managerPrivateKey;
    if (!privateKey) throw new Error("no key to unwrap with");
    const raw = await openSealed(fromB64(envelope.wrappedKey), privateKey, caseKeyPurpose(envelope.keyId));
    const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    const bytes = fromB64(envelope.ciphertext);
    const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return new TextDecoder().decode(plaintext);
  }
}
