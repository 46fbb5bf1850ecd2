// Test harness (not a test file): devices of one team on a FakeTeamServer, each a practitioner profile
// in its own fake browser (its own IndexedDB), enrolled and approved as the real flow does (the first
// manager makes the team manager key; a later manager is given it on approval), with its sync engine
// started. `restart()` closes the device's database and opens it again, as a reload or a reboot does.
import { IDBFactory } from "fake-indexeddb";
import type { SafeReferralDb } from "../storage/db";
import type { SyncEngine } from "../storage/sync/sync-engine";
import type { TeamSync } from "../storage/sync/team-sync";
import type { VaultSession } from "../storage/vault-session";
import { FakeNetwork, type FakeTeamServer, type FakeTransport } from "./fake-team-server";
import { PASSPHRASE, freshDatabase, freshVault } from "./test-vault";

export interface EnrolOptions {
  /** Runs on the unlocked profile before it is set up for the team (records made before enrolment). */
  beforeEnrolment?: (session: VaultSession) => Promise<void>;
  /** false: left waiting for a manager's approval. */
  approve?: boolean;
}

export class TestSyncDevice {
  session!: VaultSession;
  teamSync!: TeamSync;
  engine!: SyncEngine;
  db!: SafeReferralDb;
  readonly network = new FakeNetwork();
  readonly transport: FakeTransport;

  private constructor(
    readonly name: string,
    readonly role: "practitioner" | "manager",
    readonly server: FakeTeamServer,
    readonly deviceId: string,
    readonly factory: IDBFactory,
    readonly profileId: string,
  ) {
    this.transport = server.transportFor(deviceId, this.network);
  }

  static async enrol(
    server: FakeTeamServer,
    name: string,
    role: "practitioner" | "manager",
    approver?: TestSyncDevice,
    options: EnrolOptions = {},
  ): Promise<TestSyncDevice> {
    const factory = new IDBFactory();
    const db = freshDatabase({ factory });
    const { vault } = freshVault({ db });
    const { profileId } = await vault.createProfile(name, PASSPHRASE);
    const session = await vault.unlock(profileId, PASSPHRASE);
    await options.beforeEnrolment?.(session);
    const teamSync = await session.openTeamSync();
    const identity = await teamSync.createDeviceIdentity();
    const deviceId = await server.enrol(identity.publicKeys, role);
    const status = server.devices.get(deviceId)!.status === "approved" ? "approved" : "pending";
    await teamSync.recordEnrolment({ deviceId, teamId: server.teamId, role, status });
    const device = new TestSyncDevice(name, role, server, deviceId, factory, profileId);
    device.db = db;
    device.session = session;
    device.teamSync = teamSync;
    if (server.devices.get(deviceId)!.status === "pending" && options.approve !== false) {
      if (!approver) throw new Error(`${name} needs a manager to approve it`);
      const wrapped =
        role === "manager" && server.managerKey
          ? await approver.teamSync.wrapManagerKeyFor(
              { keyId: server.managerKey.keyId, wrapped: server.getManagerKey(approver.deviceId).wrapped! },
              identity.publicKeys,
              identity.publicKeys.fingerprint,
            )
          : undefined;
      server.approve(approver.deviceId, deviceId, identity.publicKeys.fingerprint, wrapped);
      // What the enrolment screen learns from GET /api/devices once a manager has approved it.
      await teamSync.recordMembership("approved");
    }
    if (role === "manager" && !server.managerKey) {
      server.setManagerKey(deviceId, await teamSync.createTeamManagerKey());
    }
    device.engine = await teamSync.startSync(device.transport);
    return device;
  }

  /** Closes the database (after locking) and opens it again with a new vault, session and engine. */
  async restart(): Promise<void> {
    await this.session.lock().catch(() => undefined);
    this.db.close();
    this.db = freshDatabase({ factory: this.factory });
    const { vault } = freshVault({ db: this.db });
    this.session = await vault.unlock(this.profileId, PASSPHRASE);
    this.teamSync = await this.session.openTeamSync();
    // A device the team removed never syncs again (TeamSync refuses to start it): no engine then.
    if ((await this.teamSync.deviceIdentity())?.membership === "revoked") return;
    this.engine = await this.teamSync.startSync(this.transport);
  }

  /**
   * Syncs with the network on, until a round leaves nothing to send and reports no problem. Through
   * TeamSync, so the vault's saves are queued first and what arrives is in the vault when it returns.
   */
  async syncUntilSettled(maxRounds = 6): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      const report = await this.teamSync.syncNow();
      const status = await this.engine.status();
      if (report.problem === null && status.waitingToSend === 0) return;
    }
    throw new Error(`${this.name} did not settle: ${JSON.stringify(await this.engine.status())}`);
  }
}
