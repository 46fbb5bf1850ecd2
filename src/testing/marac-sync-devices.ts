// Test harness (not a test file): a MARAC coordinator's device on a FakeMaracArea, in its own fake
// browser, enrolled as the real flow does (the area's first coordinator makes the area key; a later one
// is given it on approval by a coordinator), with its inbox started. Referrers are TestSyncDevices of
// the teams linked to the area (team-sync-devices.ts).
import { IDBFactory } from "fake-indexeddb";
import type { MaracCoordinator } from "../storage/sync/marac-records-api";
import type { TeamSync } from "../storage/sync/team-sync";
import type { VaultSession } from "../storage/vault-session";
import { FakeNetwork } from "./fake-team-server";
import type { FakeAreaTransport, FakeMaracArea } from "./fake-marac-area";
import { PASSPHRASE, freshDatabase, freshVault } from "./test-vault";

export class TestCoordinatorDevice {
  readonly network = new FakeNetwork();
  readonly transport: FakeAreaTransport;

  private constructor(
    readonly area: FakeMaracArea,
    readonly deviceId: string,
    readonly session: VaultSession,
    readonly teamSync: TeamSync,
    public inbox: MaracCoordinator,
  ) {
    this.transport = area.transportFor(deviceId, this.network);
  }

  static async enrol(
    area: FakeMaracArea,
    name: string,
    approver?: TestCoordinatorDevice,
  ): Promise<TestCoordinatorDevice> {
    const db = freshDatabase({ factory: new IDBFactory() });
    const { vault } = freshVault({ db });
    const { profileId } = await vault.createProfile(name, PASSPHRASE);
    const session = await vault.unlock(profileId, PASSPHRASE);
    const teamSync = await session.openTeamSync();
    const identity = await teamSync.createDeviceIdentity();
    const deviceId = await area.enrol(identity.publicKeys);
    const first = area.devices.get(deviceId)!.status === "approved";
    await teamSync.recordEnrolment({
      deviceId,
      areaId: area.areaId,
      role: "coordinator",
      status: first ? "approved" : "pending",
    });
    if (first) {
      area.setAreaKey(deviceId, await teamSync.createAreaKey());
    } else {
      if (!approver) throw new Error(`${name} needs a coordinator to approve it`);
      const wrapped = await approver.teamSync.wrapAreaKeyFor(
        { keyId: area.areaKey!.keyId, wrapped: area.getAreaKey(approver.deviceId).wrapped! },
        identity.publicKeys,
        identity.publicKeys.fingerprint,
      );
      area.approve(approver.deviceId, deviceId, identity.publicKeys.fingerprint, wrapped);
      await teamSync.recordMembership("approved");
    }
    const device = new TestCoordinatorDevice(area, deviceId, session, teamSync, null as unknown as MaracCoordinator);
    device.inbox = await teamSync.startAreaSync(device.transport);
    return device;
  }

  /** One inbox round through TeamSync (as the scheduler runs it). */
  async sync(): Promise<void> {
    await this.teamSync.syncNow();
  }
}
