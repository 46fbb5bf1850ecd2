/**
 * Re-keying after a device is removed (issue 17 item 3), on the manager's device that removed it: for
 * every case key the removed device could read and that has not been replaced yet, a fresh AES-256 key,
 * wrapped to the pinned team manager key and to each remaining approved device that held the old one
 * (never wider), signed with this device's key over (team, old key, new key, commitment to the new key's
 * bytes), and posted in batches, each stored by the server in one transaction. Interrupted, it resumes:
 * the server lists only the keys not replaced yet. The revocation itself already holds.
 *
 * A removed manager's device held the team manager key, which this app never replaces: new case keys
 * wrapped to that same key would be readable by it, so nothing is rotated and the caller is told
 * ("manager-device"), never silently.
 */

import { caseKeyCommitment, keyRotationSigningInput } from "../../domain/team-sync/key-rotation";
import { fromBase64, toBase64 } from "../bytes";
import { newCaseKeyBytes, wrapCaseKey } from "./case-keys";
import { sign } from "./signing";
import { MANAGER_KEY_RECIPIENT, type CaseKeyWrap } from "./transport";

/** Rotations posted per request: the server's largest batch is 100. */
export const ROTATION_BATCH = 100;

export interface ReadableKeys {
  role: string;
  keys: { keyId: string; holders: string[] }[];
}

export interface KeyRotationRequest {
  oldKeyId: string;
  newKeyId: string;
  commitment: string;
  signature: string;
  wraps: CaseKeyWrap[];
}

/** The calls re-keying makes (TeamAdminClient over HTTP; the fake server's transport in tests). */
export interface KeyRotationApi {
  readableKeys(revokedDeviceId: string): Promise<ReadableKeys>;
  listDevices(): Promise<{ deviceId: string; status: string; ecdhPublicKey: string }[]>;
  rotateKeys(revokedDeviceId: string, rotations: readonly KeyRotationRequest[]): Promise<{ rotated: number }>;
}

export interface RotatingDevice {
  teamId: string;
  ecdsaPrivateKey: CryptoKey;
  /** The team manager key's public half as this device pinned it (never the server's word of now). */
  managerPublicKey: Uint8Array;
}

export interface RekeyProgress {
  /** Cases given new keys so far (this run). */
  done: number;
  /** Cases that needed new keys when this run started. */
  total: number;
}

export type RekeyOutcome =
  | { status: "done"; rotated: number }
  /** The removed device was a manager's: nothing rotated (see the file comment). */
  | { status: "manager-device"; exposed: number };

/** One rotation of `oldKeyId`, wrapped to the team manager key and to `holders` (their ECDH keys). */
export async function makeRotation(
  device: RotatingDevice,
  oldKeyId: string,
  holders: readonly { deviceId: string; ecdhPublicKey: string }[],
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
      { recipient: MANAGER_KEY_RECIPIENT, wrapped: await wrapCaseKey(raw, device.managerPublicKey, newKeyId) },
    ];
    for (const holder of holders) {
      wraps.push({
        recipient: holder.deviceId,
        wrapped: await wrapCaseKey(raw, fromBase64(holder.ecdhPublicKey), newKeyId),
      });
    }
    return { oldKeyId, newKeyId, commitment: toBase64(commitment), signature: toBase64(signature), wraps };
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
  if (readable.role === "manager") return { status: "manager-device", exposed: readable.keys.length };
  const total = readable.keys.length;
  onProgress({ done: 0, total });
  if (total === 0) return { status: "done", rotated: 0 };
  const devices = new Map(
    (await api.listDevices())
      .filter((entry) => entry.status === "approved" && entry.deviceId !== revokedDeviceId)
      .map((entry) => [entry.deviceId, entry]),
  );
  let done = 0;
  for (let start = 0; start < total; start += ROTATION_BATCH) {
    const batch = readable.keys.slice(start, start + ROTATION_BATCH);
    const rotations = await Promise.all(
      batch.map(({ keyId, holders }) =>
        // A holder the list no longer shows as approved (removed meanwhile) is left out; the server checks too.
        makeRotation(
          device,
          keyId,
          holders.flatMap((holder) => devices.get(holder) ?? []),
        ),
      ),
    );
    await api.rotateKeys(revokedDeviceId, rotations);
    done += batch.length;
    onProgress({ done, total });
  }
  return { status: "done", rotated: done };
}
