// @vitest-environment node
import { describe, expect, it } from "vitest";
import { fromBase64 } from "../../bytes";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import {
  collectStrings,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
  unlockedSession,
} from "../../../testing/test-vault";
import { challengeSigningInput } from "../../../domain/team-sync/signing-input";
import { importSigningPublicKey, verifySignature } from "../signing";

describe("a device's identity for team sync", () => {
  it("is made once, keeps its private keys only sealed, and signs sign-in challenges", async () => {
    const { db, vault } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    const teamSync = await session.openTeamSync();
    expect(await teamSync.deviceIdentity()).toBeNull();
    const identity = await teamSync.createDeviceIdentity();
    expect(identity.publicKeys.fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);
    expect(identity.enrolment).toBeNull();
    await expect(teamSync.createDeviceIdentity()).rejects.toThrow(/already/);
    expect((await teamSync.deviceIdentity())?.publicKeys).toEqual(identity.publicKeys);

    // Nothing of the device row is readable without the data key: only the profile id and a time.
    const row = (await dumpAllStores(db)).syncDevice![0] as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(["profileId", "sealed", "updatedAt"]);
    expect(collectStrings(row).some((text) => text.includes(identity.publicKeys.ecdsaPublicKey))).toBe(false);

    const nonce = "q83vAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    const signature = await teamSync.signChallenge("challenge-7", nonce);
    const key = await importSigningPublicKey(fromBase64(identity.publicKeys.ecdsaPublicKey));
    expect(
      await verifySignature(key, fromBase64(signature), challengeSigningInput("challenge-7", fromBase64(nonce))),
    ).toBe(true);
  });

  it("is the same after the vault is locked and unlocked again", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const before = await manager.teamSync.deviceIdentity();
    await manager.restart();
    expect(await manager.teamSync.deviceIdentity()).toEqual(before);
    expect(before?.enrolment).toEqual({
      deviceId: manager.deviceId,
      teamId: server.teamId,
      role: "manager",
      status: "approved",
    });
    expect(before?.membership).toBe("approved");
  });

  it("lets only a manager's device make the team key, and wraps it only to the device whose numbers were confirmed", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    await expect(officer.teamSync.createTeamManagerKey()).rejects.toThrow(/manager/);

    const newcomer = await (await unlockedSession("Second manager")).openTeamSync();
    const identity = await newcomer.createDeviceIdentity();
    const listed = {
      ecdhPublicKey: identity.publicKeys.ecdhPublicKey,
      ecdsaPublicKey: identity.publicKeys.ecdsaPublicKey,
    };
    expect(await manager.teamSync.fingerprintOf(listed)).toBe(identity.publicKeys.fingerprint);
    const own = { keyId: server.managerKey!.keyId, wrapped: server.getManagerKey(manager.deviceId).wrapped! };
    expect(await manager.teamSync.wrapManagerKeyFor(own, listed, identity.publicKeys.fingerprint)).toMatch(
      /^[A-Za-z0-9+/]+=*$/,
    );
    // A server that swapped in keys of its own: the numbers on the newcomer's screen no longer match.
    const impostor = await (await unlockedSession("Impostor")).openTeamSync();
    const swapped = (await impostor.createDeviceIdentity()).publicKeys;
    await expect(
      manager.teamSync.wrapManagerKeyFor(
        own,
        { ecdhPublicKey: swapped.ecdhPublicKey, ecdsaPublicKey: swapped.ecdsaPublicKey },
        identity.publicKeys.fingerprint,
      ),
    ).rejects.toThrow(/do not match/);
  });

  it("leaves the team: sync stops and every sync row of the profile goes", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const caseId = crypto.randomUUID();
    await manager.engine.recordChange({ recordId: caseId, caseId, kind: "case", body: { a: 1 } });
    await manager.syncUntilSettled();
    await manager.teamSync.leaveTeam();
    expect(await manager.teamSync.deviceIdentity()).toBeNull();
    for (const name of ["syncDevice", "syncState", "syncRecords", "syncOutbox", "syncConflicts", "syncKeys"]) {
      expect(await manager.db.table(name).count(), name).toBe(0);
    }
  });

  it("removed by a manager: on its next contact it stops syncing, clears what it synced and the team's cases, keeping the unsent one", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    await officer.session.saveCase({ details: { victim: "Sent before removal" } });
    await officer.syncUntilSettled();
    const waiting = await officer.session.saveCase({ details: { victim: "Waiting to send" } });
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ["syncDevice", "syncState", "syncRecords", "syncOutbox", "syncKeys"].map(
            async (name) => [name, await officer.db.table(name).count()] as const,
          ),
        ),
      );
    const before = await counts();
    expect(before.syncDevice).toBe(1);
    for (const name of ["syncState", "syncRecords", "syncKeys"]) expect(before[name], name).toBeGreaterThan(0);

    server.revoke(officer.deviceId);
    await officer.teamSync.syncNow();
    expect(await counts()).toEqual({ syncDevice: 1, syncState: 0, syncRecords: 0, syncOutbox: 0, syncKeys: 0 });
    expect(await officer.teamSync.state()).toMatchObject({
      membership: "revoked",
      waitingToSend: 0,
      problem: "This device has been removed from the team. Ask your manager.",
    });
    // Sync has stopped: no round runs, and it will not start again, not even after a restart.
    await expect(officer.teamSync.syncNow()).rejects.toThrow(/not been started/);
    await officer.restart();
    expect((await officer.teamSync.state()).membership).toBe("revoked");
    await expect(officer.teamSync.startSync(officer.transport)).rejects.toThrow(/removed from the team/);
    // The team holds the case sent before removal: it is deleted here. The one it never received stays.
    expect((await officer.session.listCaseSummaries()).map((row) => row.id)).toEqual([waiting.id]);
    expect((await officer.teamSync.state()).removal).toMatchObject({ removedCases: 1, keptCases: 1 });
  });
});
