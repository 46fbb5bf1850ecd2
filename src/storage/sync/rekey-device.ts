/**
 * What re-keying after a removal needs of this manager's device (key-rotation.ts `RotatingDevice`), from
 * its stored row: its signing key, the team key as it pinned it, and — for a removed manager's device —
 * what replacing the team key needs, with a way to re-pin the server's new team key along its signed
 * chain when another run (or another manager) already replaced it. Kept apart from team-sync.ts, which
 * only hands over its store and the device.
 */

import { fromBase64 } from "../bytes";
import type { DeviceKeys } from "./device-keys";
import type { KeyRotationApi, RotatingDevice } from "./key-rotation";
import { importSigningPublicKey } from "./signing";
import type { StoredDevice, SyncStore } from "./sync-store";
import { learnTeamKey } from "./team-key-learning";
import type { SyncTransport } from "./transport";

/** The directory as re-keying reads it: with signing keys, to check a team key's signed chain. */
type DirectoryApi = KeyRotationApi & Partial<Pick<SyncTransport, "listTeamKeyRotations">>;

async function managerSigningKeys(api: DirectoryApi): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>();
  for (const entry of await api.listDevices()) {
    if (entry.role !== "manager" || entry.status === "pending" || !entry.ecdsaPublicKey) continue;
    keys.set(entry.deviceId, await importSigningPublicKey(fromBase64(entry.ecdsaPublicKey)));
  }
  return keys;
}

export function rotatingDeviceFor(
  store: SyncStore,
  api: DirectoryApi,
  device: StoredDevice & { enrolment: { teamId: string; deviceId: string }; managerKey: object },
  keys: DeviceKeys,
): RotatingDevice {
  const pinned = device.managerKey!;
  return {
    teamId: device.enrolment.teamId,
    ecdsaPrivateKey: keys.ecdsaPrivateKey,
    managerPublicKey: fromBase64(pinned.publicKey),
    managerKeyId: pinned.keyId,
    teamKey: {
      deviceId: device.enrolment.deviceId,
      ecdhPrivateKey: keys.ecdhPrivateKey,
      pinnedPublicKey: pinned.publicKey,
      async learn() {
        const current = await api.getManagerKey?.();
        if (!current?.keyId || !current.publicKey || !api.listTeamKeyRotations) return null;
        const learnt = await learnTeamKey(
          {
            store,
            transport: { listTeamKeyRotations: api.listTeamKeyRotations.bind(api) },
            teamId: device.enrolment.teamId,
            managerSigningKeys: () => managerSigningKeys(api),
          },
          pinned,
          { keyId: current.keyId, publicKey: current.publicKey },
        );
        return learnt && { keyId: learnt.keyId, publicKey: fromBase64(learnt.publicKey) };
      },
    },
    areaPublicKeys: new Map((device.linkedAreas ?? []).map((area) => [area.areaId, area.publicKey])),
  };
}
