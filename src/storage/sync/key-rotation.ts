/**
 * Re-keying after a device is removed (issue 17 item 3), on the manager's device that removed it: for
 * every case key the removed device could read and that has not been replaced yet, a fresh AES-256 key,
 * wrapped to the pinned team manager key and to each remaining approved device that held the old one
 * (never wider), signed with this device's key over (team, old key, new key, commitment to the new key's
 * bytes), and posted in batches, each stored by the server in one transaction. Interrupted, it resumes:
 * the server lists only the keys not replaced yet. The revocation itself already holds.
 *
 * A removed manager's device held the team manager key: new case keys wrapped to that same key would be
 * readable by it, so the team key is replaced first (team-key-rotation.ts) and every case key wrapped to
 * a team key it held gets a new key wrapped to the new team key. A referral's key sent to MARAC areas
 * gets its new key wrapped to those areas' keys too, so their coordinators keep reading it.
 */

import { caseKeyCommitment, keyRotationSigningInput } from "../../domain/team-sync/key-rotation";
import { fromBase64, toBase64 } from "../bytes";
import { newCaseKeyBytes, wrapCaseKey } from "./case-keys";
import { sign } from "./signing";
import { replaceTeamKey, TeamKeyNotPinnedError, type TeamKeyRotationApi } from "./team-key-rotation";
import { MANAGER_KEY_RECIPIENT, type CaseKeyWrap, type LinkedAreaInfo } from "./transport";

/** Rotations posted per request: the server's largest batch is 100. */
export const ROTATION_BATCH = 100;

export interface ReadableKeys {
  role: string;
  /** A removed manager's device still holds the team's current key: it is replaced first. Absent: an older server. */
  teamKeyHeld?: boolean;
  /** `areas`: the MARAC areas a referral's key was sent to (absent: none). */
  keys: { keyId: string; holders: string[]; areas?: string[] }[];
}

export interface KeyRotationRequest {
  oldKeyId: string;
  newKeyId: string;
  commitment: string;
  signature: string;
  wraps: CaseKeyWrap[];
  areaWraps?: { areaId: string; wrapped: string }[];
}

/**
 * The calls re-keying makes (TeamAdminClient over HTTP; the fake server's transport in tests). Without
 * the team key's calls a removed manager's device is not re-keyed ("manager-device").
 */
export interface KeyRotationApi extends Partial<TeamKeyRotationApi> {
  readableKeys(revokedDeviceId: string): Promise<ReadableKeys>;
  listDevices(): Promise<
    { deviceId: string; role?: string; status: string; ecdhPublicKey: string; ecdsaPublicKey?: string }[]
  >;
  rotateKeys(revokedDeviceId: string, rotations: readonly KeyRotationRequest[]): Promise<{ rotated: number }>;
  listLinkedAreas?(): Promise<LinkedAreaInfo[]>;
}

export interface RotatingDevice {
  teamId: string;
  ecdsaPrivateKey: CryptoKey;
  /** The team manager key's public half as this device pinned it (never the server's word of now). */
  managerPublicKey: Uint8Array;
  /** Its id (sent with the wrapping: the server refuses one to a replaced team key). */
  managerKeyId?: string;
  /** What replacing the team key needs (a manager's device removed). */
  teamKey?: {
    deviceId: string;
    ecdhPrivateKey: CryptoKey;
    /** The pinned key's public half, base64. */
    pinnedPublicKey: string;
    /** Re-pins the server's team key along its signed chain (team-key-learning.ts); null if it does not check. */
    learn(): Promise<{ keyId: string; publicKey: Uint8Array } | null>;
  };
  /** MARAC areas' keys as this device pinned them (areaId → public key, base64), preferred to the server's list. */
  areaPublicKeys?: ReadonlyMap<string, string>;
}

export interface RekeyProgress {
  /** Cases given new keys so far (this run). */
  done: number;
  /** Cases that needed new keys when this run started. */
  total: number;
  /** A removed manager's device: the team key is being replaced (before the cases), or has been. */
  teamKey?: "replacing" | "replaced";
}

export type RekeyOutcome =
  | { status: "done"; rotated: number; teamKeyReplaced?: boolean }
  /** The removed device was a manager's and this server cannot replace the team key: nothing rotated. */
  | { status: "manager-device"; exposed: number };

/** One rotation of `oldKeyId`, wrapped to the team manager key and to `holders` (their ECDH keys). */
export async function makeRotation(
  device: RotatingDevice,
  oldKeyId: string,
  holders: readonly { deviceId: string; ecdhPublicKey: string }[],
  areas: readonly { areaId: string; publicKey: string }[] = [],
): Promise<KeyRotationRequest> {
  const newKeyId = globalThis.crypto.randomUUID();
  const raw = newCaseKeyBytes();
  try {
    const commitment = await caseKeyCommitment(raw, newKeyId);
    const signature = await sign(
      device.ecdsaPrivateKey,
      keyRotationSigningInput({ teamId: device.teamId, oldKeyId, newKeyId }, commitment),
    );
    const wraps: CaseKeyWrap[] = [
      {
        recipient: MANAGER_KEY_RECIPIENT,
        wrapped: await wrapCaseKey(raw, device.managerPublicKey, newKeyId),
        ...(device.managerKeyId === undefined ? {} : { managerKeyId: device.managerKeyId }),
      },
    ];
    for (const holder of holders) {
      wraps.push({
        recipient: holder.deviceId,
        wrapped: await wrapCaseKey(raw, fromBase64(holder.ecdhPublicKey), newKeyId),
      });
    }
    const areaWraps = await Promise.all(
      areas.map(async (area) => ({
        areaId: area.areaId,
        wrapped: await wrapCaseKey(raw, fromBase64(area.publicKey), newKeyId),
      })),
    );
    return {
      oldKeyId,
      newKeyId,
      commitment: toBase64(commitment),
      signature: toBase64(signature),
      wraps,
      ...(areaWraps.length === 0 ? {} : { areaWraps }),
    };
  } finally {
    // This device keeps no copy: it learns the key back from the server like every other device.
    raw.fill(0);
  }
}

/**
 * Gives every case the removed device could read a new key, `ROTATION_BATCH` at a time, telling
 * `onProgress` after each batch. Failures to reach the server propagate (call again to resume).
 */
export async function rekeyAfterRemoval(
  api: KeyRotationApi,
  device: RotatingDevice,
  revokedDeviceId: string,
  onProgress: (progress: RekeyProgress) => void = () => undefined,
): Promise<RekeyOutcome> {
  const readable = await api.readableKeys(revokedDeviceId);
  let rotating = device;
  let teamKeyReplaced = false;
  if (readable.role === "manager") {
    const teamKey = await teamKeyFor(api, device, revokedDeviceId, readable, onProgress);
    if (teamKey === null) return { status: "manager-device", exposed: readable.keys.length };
    rotating = { ...device, managerPublicKey: teamKey.publicKey, managerKeyId: teamKey.keyId };
    teamKeyReplaced = teamKey.replaced;
  }
  // Said only for a manager's device (a practitioner's never touches the team key).
  const said = readable.role === "manager" ? { teamKeyReplaced } : {};
  const total = readable.keys.length;
  const teamKeyStep = teamKeyReplaced ? { teamKey: "replaced" as const } : {};
  onProgress({ done: 0, total, ...teamKeyStep });
  if (total === 0) return { status: "done", rotated: 0, ...said };
  const devices = new Map(
    (await api.listDevices())
      .filter((entry) => entry.status === "approved" && entry.deviceId !== revokedDeviceId)
      .map((entry) => [entry.deviceId, entry]),
  );
  const areaKeys = await areaKeysFor(api, device, readable);
  let done = 0;
  for (let start = 0; start < total; start += ROTATION_BATCH) {
    const batch = readable.keys.slice(start, start + ROTATION_BATCH);
    const rotations = await Promise.all(
      batch.map(({ keyId, holders, areas }) =>
        // A holder the list no longer shows as approved (removed meanwhile) is left out; the server checks too.
        makeRotation(
          rotating,
          keyId,
          holders.flatMap((holder) => devices.get(holder) ?? []),
          (areas ?? []).map((areaId) => ({ areaId, publicKey: areaKeys.get(areaId)! })),
        ),
      ),
    );
    await api.rotateKeys(revokedDeviceId, rotations);
    done += batch.length;
    onProgress({ done, total, ...teamKeyStep });
  }
  return { status: "done", rotated: done, ...said };
}

/**
 * The team key the cases' new keys are wrapped to, for a removed manager's device: a new one made here
 * when the removed device still holds the team's key; else the key that already replaced it (a run
 * resumed after its answer was lost, or another manager did it), learnt along its signed chain. Null
 * when the server cannot replace the team key (an older server or the fake without it).
 */
async function teamKeyFor(
  api: KeyRotationApi,
  device: RotatingDevice,
  revokedDeviceId: string,
  readable: ReadableKeys,
  onProgress: (progress: RekeyProgress) => void,
): Promise<{ keyId: string; publicKey: Uint8Array; replaced: boolean } | null> {
  const { teamKey } = device;
  if (readable.teamKeyHeld === undefined || !teamKey || device.managerKeyId === undefined) return null;
  if (!api.getManagerKey || !api.listTeamKeyRotations || !api.rotateTeamKey) return null;
  if (readable.teamKeyHeld) {
    onProgress({ done: 0, total: readable.keys.length, teamKey: "replacing" });
    // Checked above: the api has every call replacing the team key needs.
    const fresh = await replaceTeamKey(
      api as TeamKeyRotationApi,
      {
        teamId: device.teamId,
        deviceId: teamKey.deviceId,
        ecdhPrivateKey: teamKey.ecdhPrivateKey,
        ecdsaPrivateKey: device.ecdsaPrivateKey,
        pinned: { keyId: device.managerKeyId, publicKey: teamKey.pinnedPublicKey },
      },
      revokedDeviceId,
      await api.listDevices(),
    );
    return { ...fresh, replaced: true };
  }
  const current = await api.getManagerKey();
  if (current.keyId === device.managerKeyId) {
    return { keyId: device.managerKeyId, publicKey: device.managerPublicKey, replaced: false };
  }
  const learnt = await teamKey.learn();
  if (learnt === null) throw new TeamKeyNotPinnedError("The server's team key does not follow from the pinned one.");
  return { ...learnt, replaced: false };
}

/** The public keys of the MARAC areas the keys were sent to: as this device pinned them, else as the server lists them. */
async function areaKeysFor(
  api: KeyRotationApi,
  device: RotatingDevice,
  readable: ReadableKeys,
): Promise<Map<string, string>> {
  const wanted = new Set(readable.keys.flatMap((key) => key.areas ?? []));
  const found = new Map(
    [...wanted].flatMap((areaId) => {
      const pinned = device.areaPublicKeys?.get(areaId);
      return pinned === undefined ? [] : [[areaId, pinned] as const];
    }),
  );
  if (found.size < wanted.size && api.listLinkedAreas) {
    for (const area of await api.listLinkedAreas()) {
      if (wanted.has(area.areaId) && !found.has(area.areaId)) found.set(area.areaId, area.publicKey);
    }
  }
  const missing = [...wanted].filter((areaId) => !found.has(areaId));
  if (missing.length > 0) throw new Error("A MARAC area a referral was sent to is no longer linked to the team.");
  return found;
}
