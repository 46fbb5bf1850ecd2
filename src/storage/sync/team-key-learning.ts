/**
 * Learning a new team manager key (issue 17 item 3, docs/decisions.md §34). After a manager's device is
 * removed, another manager's device replaces the team key and publishes a signed statement
 * (team-key-rotation-service.ts on the server). A device whose pinned key is no longer the server's
 * reads the team's rotations, checks each statement's signature against the team's directory, and
 * re-pins only along an unbroken chain from its pinned key signed by managers' devices it knows
 * (domain/team-sync/team-key-rotation.ts `decideTeamKey`): a server that swaps in a key of its own is
 * refused and the device stops sharing ("manager-key-changed") as before. A manager's device also opens
 * the older team keys from the chain (each sealed to the key that replaced it), so case keys wrapped to
 * them — every envelope written before the rotation — stay readable.
 */

import {
  decideTeamKey,
  teamKeyRotationSigningInput,
  type TeamKeyStatement,
} from "../../domain/team-sync/team-key-rotation";
import { fromBase64 } from "../bytes";
import { openManagerKey } from "./case-keys";
import { managerKeyFingerprint } from "./fingerprint";
import { verifySignature } from "./signing";
import type { PinnedManagerKey, SyncStore } from "./sync-store";
import type { SyncTransport, TeamKeyRotationNotice } from "./transport";

export interface TeamKeyLearning {
  store: SyncStore;
  transport: Pick<SyncTransport, "listTeamKeyRotations">;
  teamId: string;
  /** Signing keys of the team's managers' devices from a fresh read of its directory (approved or removed since). */
  managerSigningKeys(): Promise<ReadonlyMap<string, CryptoKey>>;
}

export function statementOf(teamId: string, rotation: TeamKeyRotationNotice): TeamKeyStatement {
  return {
    teamId,
    sequence: rotation.sequence,
    oldKeyId: rotation.oldKeyId,
    oldPublicKey: rotation.oldPublicKey,
    newKeyId: rotation.newKeyId,
    newPublicKey: rotation.newPublicKey,
    revokedDeviceId: rotation.revokedDeviceId,
  };
}

async function signatureValid(
  teamId: string,
  rotation: TeamKeyRotationNotice,
  signers: ReadonlyMap<string, CryptoKey>,
): Promise<boolean> {
  const signer = signers.get(rotation.rotatedBy);
  if (!signer) return false;
  try {
    return await verifySignature(
      signer,
      fromBase64(rotation.signature),
      teamKeyRotationSigningInput(statementOf(teamId, rotation)),
    );
  } catch {
    return false; // a malformed statement (a key replaced by itself) is no rotation
  }
}

/**
 * The key to pin instead of `pinned` now that the server's team key is `current`, written to the device
 * row; null when the chain does not check (nothing is changed then).
 */
export async function learnTeamKey(
  context: TeamKeyLearning,
  pinned: PinnedManagerKey,
  current: { keyId: string; publicKey: string },
): Promise<PinnedManagerKey | null> {
  if (!context.transport.listTeamKeyRotations) return null;
  const rotations = await context.transport.listTeamKeyRotations();
  const signers = await context.managerSigningKeys();
  const received = await Promise.all(
    rotations.map(async (rotation) => ({
      statement: statementOf(context.teamId, rotation),
      rotatedBy: rotation.rotatedBy,
      signatureValid: await signatureValid(context.teamId, rotation, signers),
    })),
  );
  // A key pinned at first sight after a rotation was stored without its number: the statement that made it
  // says it (the chain must still start from the pinned key itself, so a wrong number only refuses).
  const sequence =
    rotations.find((rotation) => rotation.newKeyId === pinned.keyId && rotation.newPublicKey === pinned.publicKey)
      ?.sequence ??
    pinned.sequence ??
    0;
  const decision = decideTeamKey(
    context.teamId,
    { keyId: pinned.keyId, publicKey: pinned.publicKey, sequence },
    current,
    received,
    new Set(signers.keys()),
  );
  if (decision.status !== "repin") return decision.status === "current" ? pinned : null;
  const repinned: PinnedManagerKey = {
    keyId: decision.key.keyId,
    publicKey: decision.key.publicKey,
    fingerprint: await managerKeyFingerprint(fromBase64(decision.key.publicKey)),
    sequence: decision.key.sequence,
  };
  const { store } = context;
  const device = await store.readDevice();
  if (!device) return null;
  const row = await store.deviceRow({ ...device, managerKey: repinned });
  await store.write(() => store.db.syncDevice.put(row));
  return repinned;
}

/**
 * A manager's device: the private halves of the team keys before `currentKeyId`, newest first, each
 * opened from its wrapping to the key that replaced it. Stops at the first that does not open.
 */
export async function openOlderTeamKeys(
  transport: SyncTransport,
  currentKeyId: string,
  currentPrivateKey: CryptoKey,
): Promise<CryptoKey[]> {
  if (!transport.listTeamKeyRotations) return [];
  const byNewKey = new Map((await transport.listTeamKeyRotations()).map((rotation) => [rotation.newKeyId, rotation]));
  const older: CryptoKey[] = [];
  let keyId = currentKeyId;
  let privateKey = currentPrivateKey;
  for (let rotation = byNewKey.get(keyId); rotation?.oldKeyWrapped; rotation = byNewKey.get(keyId)) {
    try {
      privateKey = await openManagerKey(
        { keyId: rotation.oldKeyId, wrapped: rotation.oldKeyWrapped },
        { ecdhPrivateKey: privateKey },
      );
    } catch {
      break;
    }
    older.push(privateKey);
    keyId = rotation.oldKeyId;
    if (older.length > 1000) break; // a loop a server made up
  }
  return older;
}
