/**
 * Replacing the team manager key on the manager's device that removed another manager's device (issue 17
 * item 3, docs/decisions.md §34). The removed device held the team key, which opens every case key
 * wrapped to it, so before any case gets a new key this device makes a new team key pair and posts:
 * its private half sealed to each remaining approved manager device (this one included, never the
 * removed one), the old key's private half sealed to the new key (so managers keep opening case keys
 * wrapped to the old one: every envelope from before), and its signature over the statement (team,
 * sequence, old and new keys, the removed device). Every device re-pins on that signature
 * (team-key-learning.ts). The new private half is never kept here: this device opens its wrapping like
 * every other manager's device.
 */

import { teamKeyRotationSigningInput, type TeamKeyRotationRequest } from "../../domain/team-sync/team-key-rotation";
import { fromBase64, toBase64 } from "../bytes";
import { managerKeyPurpose, openSealed, sealToPublicKey } from "../../domain/team-sync/sealed-box";
import { sign } from "./signing";
import type { ManagerKeyInfo, TeamKeyRotationNotice } from "./transport";

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

export type { TeamKeyRotationRequest };

export interface TeamKeyRotationApi {
  getManagerKey(): Promise<ManagerKeyInfo>;
  listTeamKeyRotations(): Promise<TeamKeyRotationNotice[]>;
  rotateTeamKey(request: TeamKeyRotationRequest): Promise<{ rotated: boolean; sequence: number }>;
}

export interface TeamKeyRotatingDevice {
  teamId: string;
  deviceId: string;
  ecdhPrivateKey: CryptoKey;
  ecdsaPrivateKey: CryptoKey;
  /** The team key as this device pinned it: the rotation replaces only that key. */
  pinned: { keyId: string; publicKey: string };
}

/** The refusal when the server's team key is not the one this device pinned (it must not sign over it). */
export class TeamKeyNotPinnedError extends Error {
  override name = "TeamKeyNotPinnedError";
}

/**
 * Makes, signs and posts a new team key for the removed manager's device; returns it (id and public half)
 * for the cases' new keys. `managers`: the team's directory (its approved managers' devices get the key).
 */
export async function replaceTeamKey(
  api: TeamKeyRotationApi,
  device: TeamKeyRotatingDevice,
  revokedDeviceId: string,
  managers: readonly { deviceId: string; role?: string; status: string; ecdhPublicKey: string }[],
): Promise<{ keyId: string; publicKey: Uint8Array<ArrayBuffer> }> {
  const current = await api.getManagerKey();
  if (current.keyId !== device.pinned.keyId || current.publicKey !== device.pinned.publicKey || !current.wrapped) {
    throw new TeamKeyNotPinnedError("The server's team key is not the one this device pinned.");
  }
  const rotations = await api.listTeamKeyRotations();
  const sequence = (rotations.find((rotation) => rotation.newKeyId === current.keyId)?.sequence ?? 0) + 1;
  const pair = (await globalThis.crypto.subtle.generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const newKeyId = globalThis.crypto.randomUUID();
  const publicKey = new Uint8Array(await globalThis.crypto.subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const oldPkcs8 = await openSealed(
    fromBase64(current.wrapped),
    device.ecdhPrivateKey,
    managerKeyPurpose(current.keyId),
  );
  try {
    const recipients = managers.filter(
      (entry) => entry.role === "manager" && entry.status === "approved" && entry.deviceId !== revokedDeviceId,
    );
    const wraps = await Promise.all(
      recipients.map(async (entry) => ({
        recipient: entry.deviceId,
        wrapped: toBase64(await sealToPublicKey(pkcs8, fromBase64(entry.ecdhPublicKey), managerKeyPurpose(newKeyId))),
      })),
    );
    const statement = {
      teamId: device.teamId,
      sequence,
      oldKeyId: current.keyId,
      oldPublicKey: current.publicKey,
      newKeyId,
      newPublicKey: toBase64(publicKey),
      revokedDeviceId,
    };
    const signature = await sign(device.ecdsaPrivateKey, teamKeyRotationSigningInput(statement));
    await api.rotateTeamKey({
      revokedDeviceId,
      sequence,
      oldKeyId: current.keyId,
      newKeyId,
      newPublicKey: statement.newPublicKey,
      oldKeyWrapped: toBase64(await sealToPublicKey(oldPkcs8, publicKey, managerKeyPurpose(current.keyId))),
      signature: toBase64(signature),
      wraps,
    });
    return { keyId: newKeyId, publicKey };
  } finally {
    pkcs8.fill(0);
    oldPkcs8.fill(0);
  }
}
