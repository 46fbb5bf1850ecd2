// Removing a manager's device with the app's own sync client (issue 17 item 3, docs/decisions.md §34):
// the manager who removes it replaces the team key and re-keys every case (TeamSync.rekeyAfterRemoval);
// the officer's and the remaining manager's devices re-pin the new team key on its signed statement and
// write under the new keys; a manager who joins afterwards still reads what was written before; and a
// team key the server swaps in without a manager's signature is refused by every device.
import { serverUnderTest } from "./support/server-under-test";
import { createTeam } from "./support/team-fixture";
import { SyncClientDevice, syncedTeam } from "./support/sync-client-device";
import { NO_DATABASE } from "./support/test-database";

async function pinnedKeyId(device: SyncClientDevice): Promise<string | undefined> {
  return (await device.teamSync.deviceIdentity())?.managerKey?.keyId;
}

describe.skipIf(NO_DATABASE)("removing a manager's device with the app's sync client", () => {
  const server = serverUnderTest({ listen: true });

  it("replaces the team key, re-keys the cases, and every device re-pins on the manager's signature", async () => {
    const { app, db, baseUrl } = server;
    const team = await syncedTeam(baseUrl, (await createTeam(app, "Client Manager Removal")).firstCode, 1);
    const { manager, deputy } = team;
    const officer = team.practitioners[0]!;
    const third = await SyncClientDevice.create(baseUrl, "Third manager");
    await third.enrol(await manager.issueCode("manager"));
    await manager.approve(third, "manager");
    await third.startSync();
    const late = await SyncClientDevice.create(baseUrl, "Manager who joins later");
    try {
      const saved = await officer.session.saveCase({ details: { victim: { name: "Before removal" } } });
      await officer.sync();
      await manager.sync();
      await deputy.sync();
      const [oldTeam] = await db.query<{ manager_key_id: string }>("SELECT manager_key_id FROM teams WHERE name = $1", [
        "Client Manager Removal",
      ]);
      expect(await pinnedKeyId(officer)).toBe(oldTeam!.manager_key_id);
      const [oldCase] = await db.query<{ key_id: string }>(
        "SELECT key_id FROM envelopes WHERE record_id = $1 ORDER BY version DESC LIMIT 1",
        [saved.id],
      );

      const admin = manager.adminClient();
      await admin.revoke(deputy.deviceId);
      const steps: string[] = [];
      const outcome = await manager.teamSync.rekeyAfterRemoval(admin, deputy.deviceId, (step) => {
        if (step.teamKey) steps.push(step.teamKey);
      });
      expect(outcome).toMatchObject({ status: "done", teamKeyReplaced: true });
      expect(outcome.status === "done" && outcome.rotated).toBeGreaterThanOrEqual(1);
      expect(steps[0]).toBe("replacing");
      expect(steps.at(-1)).toBe("replaced");
      // A second run finds nothing left to do (and learns the new team key it made, along its chain).
      expect(await manager.teamSync.rekeyAfterRemoval(admin, deputy.deviceId)).toMatchObject({
        status: "done",
        rotated: 0,
        teamKeyReplaced: false,
      });

      const [newTeam] = await db.query<{ manager_key_id: string }>("SELECT manager_key_id FROM teams WHERE name = $1", [
        "Client Manager Removal",
      ]);
      expect(newTeam!.manager_key_id).not.toBe(oldTeam!.manager_key_id);
      // The removed device holds no wrapping of the new team key.
      expect(
        await db.query("SELECT 1 FROM wrapped_keys WHERE key_id = $1 AND recipient_device_id = $2", [
          newTeam!.manager_key_id,
          deputy.deviceId,
        ]),
      ).toEqual([]);

      // The officer edits the case after the removal: it re-pins the team key and writes under the new case key.
      await officer.session.saveCase({ id: saved.id, details: { victim: { name: "After removal" } } });
      await officer.sync();
      expect(await pinnedKeyId(officer)).toBe(newTeam!.manager_key_id);
      const [newCase] = await db.query<{ key_id: string }>(
        "SELECT key_id FROM envelopes WHERE record_id = $1 ORDER BY version DESC LIMIT 1",
        [saved.id],
      );
      expect(newCase!.key_id).not.toBe(oldCase!.key_id);
      // The new case key is wrapped to the new team key only, and never to the removed device.
      const wraps = await db.query<{ recipient_device_id: string | null; manager_key_id: string | null }>(
        "SELECT recipient_device_id, manager_key_id FROM wrapped_keys WHERE key_id = $1",
        [newCase!.key_id],
      );
      expect(wraps.some((row) => row.recipient_device_id === deputy.deviceId)).toBe(false);
      expect(wraps.filter((row) => row.recipient_device_id === null).map((row) => row.manager_key_id)).toEqual([
        newTeam!.manager_key_id,
      ]);
      // A new case made after it is wrapped to the new team key too.
      const fresh = await officer.session.saveCase({ details: { victim: { name: "New case" } } });
      await officer.sync();
      const [freshWrap] = await db.query<{ manager_key_id: string }>(
        `SELECT w.manager_key_id FROM envelopes e JOIN wrapped_keys w ON w.key_id = e.key_id AND w.recipient_device_id IS NULL
         WHERE e.record_id = $1`,
        [fresh.id],
      );
      expect(freshWrap!.manager_key_id).toBe(newTeam!.manager_key_id);

      // The remaining managers read the change; one who joins later reads before and after.
      await manager.sync();
      await third.sync();
      // The vault takes the team's versions after the round (TeamSync.syncNow waits for it).
      expect((await third.teamSync.syncNow()).problem).toBeNull();
      expect(await pinnedKeyId(third)).toBe(newTeam!.manager_key_id);
      expect(((await third.session.getCase(saved.id)).details as { victim: { name: string } }).victim.name).toBe(
        "After removal",
      );
      await late.enrol(await manager.issueCode("manager"));
      await manager.approve(late, "manager");
      await late.startSync();
      await late.sync();
      expect((await late.teamSync.syncNow()).problem).toBeNull();
      const cases = await late.session.listCaseSummaries();
      expect(cases.map((summary) => summary.id).sort()).toEqual([saved.id, fresh.id].sort());

      // A hostile server swaps in a team key of its own, with a statement no manager signed.
      const fake = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
        "deriveBits",
      ])) as CryptoKeyPair;
      const fakePublic = new Uint8Array(await crypto.subtle.exportKey("raw", fake.publicKey));
      const [current] = await db.query<{ id: string; manager_public_key: Uint8Array }>(
        "SELECT id, manager_public_key FROM teams WHERE name = $1",
        ["Client Manager Removal"],
      );
      const fakeKeyId = crypto.randomUUID();
      await db.query(
        `INSERT INTO team_key_rotations (team_id, sequence, old_key_id, new_key_id, old_public_key, new_public_key,
           old_key_wrapped, revoked_device_id, rotated_by, signature, at)
         VALUES ($1, 2, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
        [
          current!.id,
          newTeam!.manager_key_id,
          fakeKeyId,
          current!.manager_public_key,
          fakePublic,
          new Uint8Array(32).fill(1),
          deputy.deviceId,
          officer.deviceId, // not a manager's device
          new Uint8Array(64).fill(2),
        ],
      );
      await db.query("UPDATE teams SET manager_key_id = $2, manager_public_key = $3 WHERE id = $1", [
        current!.id,
        fakeKeyId,
        fakePublic,
      ]);
      await officer.session.saveCase({ details: { victim: { name: "Written while the key is swapped" } } });
      const report = await officer.engine!.syncNow();
      expect(report.problem?.code).toBe("manager-key-changed");
      expect(await pinnedKeyId(officer)).toBe(newTeam!.manager_key_id);
      // Nothing was wrapped to the swapped-in key.
      expect(await db.query("SELECT 1 FROM wrapped_keys WHERE manager_key_id = $1", [fakeKeyId])).toEqual([]);
    } finally {
      for (const device of [...team.all, third, late]) await device.close();
    }
  });
});
