/**
 * What the sync engine needs from the team server, as an interface the engine is given (the HTTP client
 * for the real API, or the in-memory fake in src/testing/fake-team-server.ts). Shapes follow the team
 * server's API: POST/GET /api/envelopes, PUT /api/keys/:keyId, GET /api/devices, GET /api/team/manager-key.
 */

import type { TeamKeyRotationNotice } from "../../domain/team-sync/team-key-rotation";
import type { IncomingEnvelope, OutgoingEnvelope } from "./envelope";

export type DeviceRole = "practitioner" | "manager" | "coordinator";

/** A device of the team as GET /api/devices lists it: readers check envelope signatures against these keys. */
export interface DirectoryDevice {
  deviceId: string;
  role: DeviceRole;
  status: "pending" | "approved" | "revoked";
  /** Raw P-256 points, base64. */
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
}

/** GET /api/team/manager-key: the team manager key's public half, and (manager devices) its wrapping to this device. */
export interface ManagerKeyInfo {
  keyId: string | null;
  publicKey: string | null;
  wrapped: string | null;
}

/** One wrapping of a case key: to a device id, or "manager-key" for the team manager key. */
export interface CaseKeyWrap {
  recipient: string;
  wrapped: string;
  /**
   * For "manager-key": the team key it was sealed to (this device's pinned key). The server refuses a
   * wrapping to a team key that has been replaced ("manager-key-rotated").
   */
  managerKeyId?: string;
}

export const MANAGER_KEY_RECIPIENT = "manager-key";

export type PushOutcome =
  /** Stored as `version` at `seq` (or, `duplicate`, the same envelope was already stored). */
  | { status: "accepted"; seq: number; version: number; duplicate: boolean }
  /** The record has moved on from the base version: nothing was stored (HTTP 409 version-conflict). */
  | { status: "conflict"; currentVersion: number };

export interface PullPage {
  /** In the team's sequence order, only those this device may read. */
  envelopes: IncomingEnvelope[];
  /** Pass back as `after` next time; never beyond a row still being committed. */
  cursor: number;
  /** More are ready now: pull again straight away. */
  more: boolean;
  /**
   * The team's latest key rotation (GET /api/key-rotations' cursor): past this device's own, there are
   * rotations to learn. Absent from a server without key rotation.
   */
  latestRotation?: number;
  /**
   * The latest case key granted to this device (GET /api/key-grants' cursor): past this device's own,
   * a manager has given it cases (reassigned them) whose earlier envelopes its cursor has passed.
   */
  latestGrant?: number;
  /**
   * The team's current team manager key id: a device that pinned another learns the team key's signed
   * rotations (team-key-learning.ts) before it wraps anything. Absent from a server without them.
   */
  managerKeyId?: string | null;
}

/** GET /api/key-grants: case keys a manager gave this device (a leaver's cases reassigned), oldest first. */
export interface KeyGrantPage {
  grants: { id: number; keyId: string }[];
  cursor: number;
  more: boolean;
}

export type { TeamKeyRotationNotice };

/**
 * GET /api/key-rotations: a case key replaced after a device that could read it was removed, with the
 * new key wrapped to this device (or, on a manager's, to the team manager key), and the rotating manager
 * device's signature over (team, old key, new key, commitment to the new key).
 */
export interface KeyRotationNotice {
  id: number;
  oldKeyId: string;
  newKeyId: string;
  rotatedBy: string;
  commitment: string;
  signature: string;
  wrappedKey: string;
  wrappedTo: "device" | "manager-key";
}

export interface KeyRotationPage {
  rotations: KeyRotationNotice[];
  cursor: number;
  more: boolean;
}

export interface SyncTransport {
  push(envelope: OutgoingEnvelope): Promise<PushOutcome>;
  pull(after: number, limit: number): Promise<PullPage>;
  putCaseKey(keyId: string, wraps: readonly CaseKeyWrap[]): Promise<void>;
  listDevices(): Promise<DirectoryDevice[]>;
  getManagerKey(): Promise<ManagerKeyInfo>;
  listKeyRotations(after: number): Promise<KeyRotationPage>;
  /** Keys granted to this device after `after` (absent from a transport without reassignment). */
  listKeyGrants?(after: number): Promise<KeyGrantPage>;
  /** Envelopes under one case key this device holds, after `after` (GET /api/keys/:keyId/envelopes). */
  pullKey?(keyId: string, after: number, limit: number): Promise<PullPage>;
  /** Every rotation of the team key, oldest first. Absent (a transport without them): a changed team key is refused. */
  listTeamKeyRotations?(): Promise<TeamKeyRotationNotice[]>;
}

/**
 * A wrapping recipient that is a MARAC area's key: "area:<areaId>". Sent as PUT /api/marac/keys/:keyId
 * after the key's wrappings to the team (a referral's key only; issue 17 item 1).
 */
export const AREA_RECIPIENT_PREFIX = "area:";

/** GET /api/marac/areas: an area the team is linked to that can receive referrals. */
export interface LinkedAreaInfo {
  areaId: string;
  name: string;
  keyId: string;
  publicKey: string;
}

/** GET /api/area/key (a coordinator's device): its area, the area key, and its wrapping to this device. */
export interface AreaKeyInfo {
  areaId: string;
  name: string;
  keyId: string | null;
  publicKey: string | null;
  wrapped: string | null;
}

/** One envelope of the area feed (GET /api/area/envelopes). */
export interface AreaEnvelope {
  seq: number;
  teamId: string;
  teamName: string;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  authorRole: DeviceRole;
  authorEcdsaPublicKey: string;
  ciphertext: string;
  signature: string;
  /** The record's key wrapped to the area key. */
  wrappedKey: string;
}

export interface AreaPullPage {
  envelopes: AreaEnvelope[];
  /** Opaque: pass back as it is. */
  cursor: string;
  more: boolean;
}

/** What sending to MARAC and the coordinator's inbox need from the server, besides SyncTransport. */
export interface MaracTransport {
  listLinkedAreas(): Promise<LinkedAreaInfo[]>;
  getAreaKey(): Promise<AreaKeyInfo>;
  pullArea(cursor: string, limit: number): Promise<AreaPullPage>;
  /** A coordinator's device stores a version of its own record in a sending team's stream. */
  pushToTeam(teamId: string, envelope: OutgoingEnvelope): Promise<PushOutcome>;
  /** A referral key's wrapping to this coordinator's area, by id (the key that replaced one: decisions §40). */
  getAreaReferralKey(keyId: string): Promise<AreaReferralKey>;
}

export interface AreaReferralKey {
  keyId: string;
  teamId: string;
  /** Sealed to the area key (base64). */
  wrapped: string;
}

export type TransportFailure =
  /** No answer (no network, the server down or restarting, the answer lost): try again later. */
  | "offline"
  /** The server answered 5xx: try again later. */
  | "unavailable"
  /** The session ended or the device is not (or no longer) approved (401/403 on sign-in). */
  | "signed-out"
  /** The server refused this request (4xx); `code` says why. Sending it again unchanged will not help. */
  | "refused";

export class SyncTransportError extends Error {
  override name = "SyncTransportError";
  constructor(
    readonly failure: TransportFailure,
    message: string,
    /** The server's error code (e.g. "key-mismatch"), when it gave one. */
    readonly code: string | null = null,
    readonly status: number | null = null,
    /** With "key-rotated": the key that replaced the one written under, when the server named it. */
    readonly newKeyId: string | null = null,
  ) {
    super(message);
  }
}
