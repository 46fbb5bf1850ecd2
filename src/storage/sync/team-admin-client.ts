/**
 * The team screens' calls to the team API (the sync engine's are http-transport.ts): enrolling a device
 * with a code (POST /api/enrol, no session), and, signed in as an enrolled device, whether it is approved
 * yet, the team's devices with their enrolment times (GET /api/devices), a manager's approval (POST
 * /api/devices/:id/approve) or removal (POST /api/devices/:id/revoke), the team's audit (GET
 * /api/team/audit), enrolment codes (POST /api/enrolment-codes) and the team manager key
 * (GET/PUT /api/team/manager-key), and re-keying a removed device's cases (GET /api/devices/:id/readable-keys,
 * POST /api/team/key-rotations, and for a manager's device the team key: /api/team/manager-key-rotations),
 * and reassigning a practitioner's cases (GET /api/devices/:id/case-keys, POST /api/team/key-grants).
 * Every answer is checked for shape; failures are SyncTransportError
 * (team-api-client.ts), whose `code` is the server's ("code-used", "fingerprint-mismatch"…).
 */

import { z } from "zod";
import { uuidSchema } from "./envelope";
import type { CaseReassignmentApi } from "./case-reassignment";
import type { KeyRotationApi, KeyRotationRequest, ReadableKeys } from "./key-rotation";
import {
  base64Schema,
  SignedInTeamApiClient,
  TeamApiClient,
  type SignedInOptions,
  type TeamApiOptions,
} from "./team-api-client";
import type { TeamKeyRotationRequest } from "./team-key-rotation";
import { SyncTransportError, type LinkedAreaInfo, type TeamKeyRotationNotice } from "./transport";

const ROLE = z.enum(["practitioner", "manager", "coordinator"]);
const isoTime = z.string().min(1);

const enrolledSchema = z.object({
  deviceId: uuidSchema,
  role: ROLE,
  teamId: uuidSchema.nullable(),
  /** A MARAC coordinator's device belongs to an area instead (absent from older servers' answers). */
  areaId: uuidSchema.nullable().optional(),
  status: z.enum(["pending", "approved"]),
  fingerprint: z.string(),
});
const deviceSchema = z.object({
  deviceId: uuidSchema,
  role: ROLE,
  status: z.enum(["pending", "approved", "revoked"]),
  ecdhPublicKey: base64Schema,
  ecdsaPublicKey: base64Schema,
  createdAt: isoTime,
  approvedAt: isoTime.nullable().optional(),
  revokedAt: isoTime.nullable().optional(),
});
const devicesSchema = z.object({ devices: z.array(deviceSchema) });
const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: isoTime,
  action: z.enum(["enrol", "approve", "revoke", "share-key", "send", "rotate-key", "reassign", "rotate-team-key"]),
  actorDeviceId: uuidSchema,
  subjectDeviceId: uuidSchema.nullable(),
  subjectKeyId: uuidSchema.nullable(),
  subjectRecordId: uuidSchema.nullable(),
  /** "reassign": the practitioner's device the case moved from (absent from older servers' answers). */
  subjectFromDeviceId: uuidSchema.nullable().optional(),
});
const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  before: z.number().int().positive().nullable(),
});
const readableKeysSchema = z.object({
  role: ROLE,
  teamKeyHeld: z.boolean().optional(),
  keys: z.array(z.object({ keyId: uuidSchema, holders: z.array(uuidSchema), areas: z.array(uuidSchema).optional() })),
});
const teamKeyRotatedSchema = z.object({ rotated: z.boolean(), sequence: z.number().int().positive() });
const teamKeyRotationsSchema = z.object({
  rotations: z.array(
    z.object({
      sequence: z.number().int().positive(),
      oldKeyId: uuidSchema,
      oldPublicKey: base64Schema,
      newKeyId: uuidSchema,
      newPublicKey: base64Schema,
      revokedDeviceId: uuidSchema,
      rotatedBy: uuidSchema,
      signature: base64Schema,
      oldKeyWrapped: base64Schema.nullable(),
    }),
  ),
});
const linkedAreasSchema = z.object({
  areas: z.array(z.object({ areaId: uuidSchema, name: z.string(), keyId: uuidSchema, publicKey: base64Schema })),
});
const caseKeysSchema = z.object({ keys: z.array(z.object({ keyId: uuidSchema, holders: z.array(uuidSchema) })) });
const grantedSchema = z.object({ granted: z.number().int().nonnegative() });
const rotatedSchema = z.object({ rotated: z.number().int().nonnegative() });
const codeSchema = z.object({ code: z.string().min(16), role: ROLE, expiresAt: isoTime });
const managerKeySchema = z.object({
  keyId: uuidSchema.nullable(),
  publicKey: base64Schema.nullable(),
  wrapped: base64Schema.nullable(),
});

export type EnrolledDevice = z.infer<typeof enrolledSchema>;
export type TeamDevice = z.infer<typeof deviceSchema>;
export type TeamAuditEntry = z.infer<typeof auditEntrySchema>;
export type TeamAuditPage = z.infer<typeof auditPageSchema>;
export type IssuedCode = z.infer<typeof codeSchema>;
export type TeamManagerKeyAnswer = z.infer<typeof managerKeySchema>;
const areaKeySchema = managerKeySchema.extend({ areaId: uuidSchema, name: z.string() });
export type TeamAreaKeyAnswer = z.infer<typeof areaKeySchema>;
/** Whether the server lets this enrolled device in. */
export type DeviceStanding = "approved" | "awaiting-approval" | "revoked";

/** POST /api/enrol: the device's public keys with the code a manager (or the operator) gave. */
export async function enrolDevice(
  code: string,
  publicKeys: { ecdhPublicKey: string; ecdsaPublicKey: string },
  options: TeamApiOptions = {},
): Promise<EnrolledDevice> {
  const api = new TeamApiClient(options);
  const answer = await api.send("POST", "/api/enrol", {
    code,
    ecdhPublicKey: publicKeys.ecdhPublicKey,
    ecdsaPublicKey: publicKeys.ecdsaPublicKey,
  });
  if (answer.status !== 201) throw api.failure(answer);
  return api.parse(enrolledSchema, answer.body);
}

export class TeamAdminClient implements KeyRotationApi, CaseReassignmentApi {
  readonly #api: SignedInTeamApiClient;

  constructor(options: SignedInOptions) {
    this.#api = new SignedInTeamApiClient(options);
  }

  async #expect<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.#api.authorised(method, path, body);
    if (answer.status !== 200 && answer.status !== 201) throw this.#api.failure(answer);
    return this.#api.parse(schema, answer.body);
  }

  /** The team's devices (a manager also sees those waiting), oldest first. */
  async listDevices(): Promise<TeamDevice[]> {
    return (await this.#expect(devicesSchema, "GET", "/api/devices")).devices;
  }

  /**
   * Signs in to find out: approved, still waiting for a manager, or removed. Offline or a server that
   * does not answer is thrown (SyncTransportError), never taken for an answer.
   */
  async standing(): Promise<DeviceStanding> {
    try {
      await this.listDevices();
      return "approved";
    } catch (error) {
      if (error instanceof SyncTransportError && error.code === "device-not-approved") return "awaiting-approval";
      if (error instanceof SyncTransportError && error.code === "device-revoked") return "revoked";
      throw error;
    }
  }

  /** Approves a waiting device with the fingerprint read on its screen (and, for a manager's, the team key). */
  async approve(deviceId: string, fingerprint: string, managerKeyWrapped?: string): Promise<TeamDevice> {
    return this.#expect(deviceSchema, "POST", `/api/devices/${encodeURIComponent(deviceId)}/approve`, {
      fingerprint,
      ...(managerKeyWrapped === undefined ? {} : { managerKeyWrapped }),
    });
  }

  /** Removes a device from the team: the server refuses it from then on (never this device itself). */
  async revoke(deviceId: string): Promise<TeamDevice> {
    return this.#expect(deviceSchema, "POST", `/api/devices/${encodeURIComponent(deviceId)}/revoke`);
  }

  /** The case keys a removed device could read that have no new key yet (GET /api/devices/:id/readable-keys). */
  async readableKeys(deviceId: string): Promise<ReadableKeys> {
    return this.#expect(readableKeysSchema, "GET", `/api/devices/${encodeURIComponent(deviceId)}/readable-keys`);
  }

  /** Stores a batch of new keys for a removed device's cases (POST /api/team/key-rotations), all or none. */
  async rotateKeys(revokedDeviceId: string, rotations: readonly KeyRotationRequest[]): Promise<{ rotated: number }> {
    return this.#expect(rotatedSchema, "POST", "/api/team/key-rotations", { revokedDeviceId, rotations });
  }

  /** The case keys wrapped to a practitioner's device, approved or removed (GET /api/devices/:id/case-keys). */
  async deviceCaseKeys(deviceId: string): Promise<{ keys: { keyId: string; holders: string[] }[] }> {
    return this.#expect(caseKeysSchema, "GET", `/api/devices/${encodeURIComponent(deviceId)}/case-keys`);
  }

  /** Gives a practitioner's device case keys of another's (POST /api/team/key-grants), all or none. */
  async grantCaseKeys(request: {
    fromDeviceId: string;
    toDeviceId: string;
    grants: { keyId: string; wrapped: string }[];
  }): Promise<{ granted: number }> {
    return this.#expect(grantedSchema, "POST", "/api/team/key-grants", request);
  }

  /** Replaces the team key after a manager's device was removed (POST /api/team/manager-key-rotations). */
  async rotateTeamKey(request: TeamKeyRotationRequest): Promise<{ rotated: boolean; sequence: number }> {
    return this.#expect(teamKeyRotatedSchema, "POST", "/api/team/manager-key-rotations", request);
  }

  /** Every replacement of the team key, oldest first (GET /api/team/manager-key-rotations). */
  async listTeamKeyRotations(): Promise<TeamKeyRotationNotice[]> {
    return (await this.#expect(teamKeyRotationsSchema, "GET", "/api/team/manager-key-rotations")).rotations;
  }

  /** The MARAC areas the team is linked to (GET /api/marac/areas): a referral's new key goes to them too. */
  async listLinkedAreas(): Promise<LinkedAreaInfo[]> {
    return (await this.#expect(linkedAreasSchema, "GET", "/api/marac/areas")).areas;
  }

  /** The team's audit, newest first; `before` (from the previous page) for older entries. */
  async audit(page: { before?: number | null; limit?: number } = {}): Promise<TeamAuditPage> {
    const query = new URLSearchParams();
    if (page.before !== undefined && page.before !== null) query.set("before", String(page.before));
    if (page.limit !== undefined) query.set("limit", String(page.limit));
    const search = query.size === 0 ? "" : `?${query.toString()}`;
    return this.#expect(auditPageSchema, "GET", `/api/team/audit${search}`);
  }

  /** A manager issues practitioner and manager codes; a MARAC coordinator, coordinator codes. */
  async issueCode(role: "practitioner" | "manager" | "coordinator"): Promise<IssuedCode> {
    return this.#expect(codeSchema, "POST", "/api/enrolment-codes", { role });
  }

  async getManagerKey(): Promise<TeamManagerKeyAnswer> {
    return this.#expect(managerKeySchema, "GET", "/api/team/manager-key");
  }

  /** A coordinator's device: its MARAC area's key, and its wrapping to this device (GET /api/area/key). */
  async getAreaKey(): Promise<TeamAreaKeyAnswer> {
    return this.#expect(areaKeySchema, "GET", "/api/area/key");
  }

  /** The area's first coordinator device stores the area key it made (never replaced: 409 after). */
  async putAreaKey(request: { keyId: string; publicKey: string; wrapped: string }): Promise<void> {
    const answer = await this.#api.authorised("PUT", "/api/area/key", request);
    if (answer.status !== 200 && answer.status !== 201) throw this.#api.failure(answer);
  }

  /** The first manager's device stores the team manager key it made (never replaced: 409 after). */
  async putManagerKey(request: { keyId: string; publicKey: string; wrapped: string }): Promise<void> {
    const answer = await this.#api.authorised("PUT", "/api/team/manager-key", request);
    if (answer.status !== 200 && answer.status !== 201) throw this.#api.failure(answer);
  }
}
