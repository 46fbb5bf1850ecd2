// @vitest-environment node
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../bytes";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import type { LocalChange } from "../sync-engine";

const newId = () => crypto.randomUUID();

function change(caseId: string, body: LocalChange["body"], recordId = caseId, kind = "case"): LocalChange {
  return { recordId, caseId, kind, body };
}

async function team() {
  const server = new FakeTeamServer();
  const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
  const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
  const colleague = await TestSyncDevice.enrol(server, "Colleague", "practitioner", manager);
  return { server, manager, officer, colleague };
}

describe("sync engine: changes reach the team", () => {
  it("sends an officer's case to the manager, and the manager's review note back to the officer", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { status: "completed", victim: "V" }));
    expect((await officer.engine.status()).waitingToSend).toBe(1);

    const sent = await officer.engine.syncNow();
    expect(sent.sent).toBe(1);
    expect(sent.problem).toBeNull();
    const officerStatus = await officer.engine.status();
    expect(officerStatus).toMatchObject({ waitingToSend: 0, conflicts: 0, problem: null });
    expect(officerStatus.lastSyncedAt).not.toBeNull();
    expect(server.envelopes).toHaveLength(1);

    const received = await manager.engine.syncNow();
    expect(received.records.map((record) => record.document.body)).toEqual([{ status: "completed", victim: "V" }]);
    const onManager = await manager.engine.getRecord(caseId);
    expect(onManager).toMatchObject({ version: 1, authorDeviceId: officer.deviceId });

    const reviewId = newId();
    await manager.engine.recordChange(
      change(caseId, { note: "Add the safe contact", status: "returned" }, reviewId, "review"),
    );
    await manager.engine.syncNow();
    await officer.engine.syncNow();
    const review = await officer.engine.getRecord(reviewId);
    expect(review?.document).toMatchObject({ kind: "review", caseId, body: { status: "returned" } });
    expect(review?.authorDeviceId).toBe(manager.deviceId);
  });

  it("a new device pulling many cases from two authors reads the team's directory and key once, not once an envelope", async () => {
    const { manager, officer, colleague } = await team();
    for (const author of [officer, colleague]) {
      for (let index = 0; index < 30; index += 1) {
        await author.engine.recordChange(change(newId(), { index }));
      }
      await author.engine.syncNow();
    }
    const received = await manager.engine.syncNow();
    expect(received.problem).toBeNull();
    expect(received.received).toBe(60);
    expect(manager.network.calls.filter((call) => call === "devices")).toHaveLength(1);
    // And the team key once to pin it and once to open it, not once an envelope.
    expect(manager.network.calls.filter((call) => call === "manager-key").length).toBeLessThanOrEqual(2);
  });

  it("keeps changes made offline in the outbox and sends them when back online", async () => {
    const { server, officer } = await team();
    officer.network.online = false;
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { step: 1 }));
    const offline = await officer.engine.syncNow();
    expect(offline.problem?.code).toBe("offline");
    expect(await officer.engine.status()).toMatchObject({ waitingToSend: 1, lastSyncedAt: null });
    expect(server.envelopes).toHaveLength(0);

    officer.network.online = true;
    expect((await officer.engine.syncNow()).problem).toBeNull();
    expect(await officer.engine.status()).toMatchObject({ waitingToSend: 0, problem: null });
    expect(server.envelopes.map((row) => row.version)).toEqual([1]);
  });

  it("sends one version for changes made before a send, and one version each after each send", async () => {
    const { server, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { step: 1 }));
    await officer.engine.recordChange(change(caseId, { step: 2 }));
    await officer.engine.syncNow();
    expect(server.envelopes.map((row) => row.version)).toEqual([1]);
    expect((await officer.engine.getRecord(caseId))?.document.body).toEqual({ step: 2 });
    await officer.engine.recordChange(change(caseId, { step: 3 }));
    await officer.engine.syncNow();
    expect(server.envelopes.map((row) => row.version)).toEqual([1, 2]);
  });

  it("sends the same bytes again after a lost answer, so the server stores the change once", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { step: 1 }));
    let loseNext = true;
    officer.network.loseAnswer = () => officer.network.calls.at(-1) === "push" && loseNext && !(loseNext = false);
    expect((await officer.engine.syncNow()).problem?.code).toBe("offline");
    expect(server.envelopes).toHaveLength(1);
    expect((await officer.engine.status()).waitingToSend).toBe(1);
    // A change made meanwhile follows the one whose answer was lost (it may be stored already).
    await officer.engine.recordChange(change(caseId, { step: 2 }));

    await officer.syncUntilSettled();
    expect(server.envelopes.map((row) => row.version)).toEqual([1, 2]);
    expect((await officer.engine.listConflicts()).length).toBe(0);
    await manager.engine.syncNow();
    expect((await manager.engine.getRecord(caseId))?.document.body).toEqual({ step: 2 });
  });

  it("recognises its own change coming back in a pull when the answer was lost", async () => {
    const { server, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { step: 1 }));
    officer.network.loseAnswer = () => officer.network.calls.at(-1) === "push";
    await officer.engine.syncNow();
    officer.network.loseAnswer = () => false;
    // The next round pulls first and finds the change already stored.
    const report = await officer.engine.syncNow();
    expect(report.sent).toBe(0);
    expect(officer.network.calls.filter((call) => call === "push")).toHaveLength(1);
    expect(await officer.engine.status()).toMatchObject({ waitingToSend: 0, conflicts: 0 });
    expect((await officer.engine.getRecord(caseId))?.version).toBe(1);
    expect(server.envelopes).toHaveLength(1);
  });

  it("refuses nothing, and keeps its cursor, when the server cannot be reached in the middle of a pull", async () => {
    const { manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { a: 1 }));
    await officer.syncUntilSettled();
    // The manager restarts (its team key is no longer in memory) and the key's request is lost.
    await manager.restart();
    manager.network.loseRequest = () => manager.network.calls.at(-1) === "manager-key";
    const report = await manager.engine.syncNow();
    expect(report.problem?.code).toBe("offline");
    expect(report.refused).toEqual([]);
    expect(await manager.engine.getRecord(caseId)).toBeUndefined();
    manager.network.loseRequest = () => false;
    await manager.engine.syncNow();
    expect((await manager.engine.getRecord(caseId))?.document.body).toEqual({ a: 1 });
    expect((await manager.engine.status()).refusedEnvelopes).toBe(0);
  });

  it("pulls a change that commits after a later one, without skipping it", async () => {
    const { server, manager, officer, colleague } = await team();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    officer.network.hold = (where) => (where === "commit" ? held : Promise.resolve());
    const slowCase = newId();
    const fastCase = newId();
    await officer.engine.recordChange(change(slowCase, { who: "officer" }));
    await colleague.engine.recordChange(change(fastCase, { who: "colleague" }));
    const slow = officer.engine.syncNow();
    while (server.pushesInFlight === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await colleague.engine.syncNow();
    expect(server.envelopes.map((row) => row.recordId)).toEqual([fastCase]);

    await manager.engine.syncNow();
    // The colleague's change has the higher number but waits behind the one still committing.
    expect(await manager.engine.getRecord(fastCase)).toBeUndefined();
    release();
    await slow;
    await manager.engine.syncNow();
    expect((await manager.engine.listRecords()).map((record) => record.document.recordId).sort()).toEqual(
      [slowCase, fastCase].sort(),
    );
  });
});

describe("sync engine: two devices change the same record offline", () => {
  it("keeps both versions, shows the conflict, and sends the practitioner's choice on top", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { risk: "medium" }));
    await officer.syncUntilSettled();
    await manager.engine.syncNow();

    officer.network.online = false;
    await officer.engine.recordChange(change(caseId, { risk: "high", note: "officer" }));
    await manager.engine.recordChange(change(caseId, { risk: "medium", note: "manager" }));
    await manager.syncUntilSettled();
    officer.network.online = true;
    const report = await officer.engine.syncNow();

    expect(report.conflicts).toHaveLength(1);
    const [conflict] = await officer.engine.listConflicts();
    expect(conflict).toMatchObject({
      recordId: caseId,
      mine: { body: { risk: "high", note: "officer" } },
      theirs: { version: 2, authorDeviceId: manager.deviceId, document: { body: { risk: "medium", note: "manager" } } },
    });
    expect(await officer.engine.status()).toMatchObject({ waitingToSend: 0, conflicts: 1 });
    // The team's version is what the officer's device now holds as the record; nothing was overwritten.
    expect((await officer.engine.getRecord(caseId))?.document.body).toEqual({ risk: "medium", note: "manager" });
    expect(server.envelopes.map((row) => row.version)).toEqual([1, 2]);

    await officer.engine.resolveConflict(conflict!.id, { merged: { risk: "high", note: "officer + manager" } });
    await officer.syncUntilSettled();
    expect(await officer.engine.listConflicts()).toEqual([]);
    await manager.engine.syncNow();
    expect(await manager.engine.getRecord(caseId)).toMatchObject({ version: 3, document: { body: { risk: "high" } } });
  });

  it("keeping the team's version sends nothing; keeping mine sends mine", async () => {
    const { server, manager, officer } = await team();
    const first = newId();
    const second = newId();
    for (const caseId of [first, second]) await officer.engine.recordChange(change(caseId, { v: 0 }));
    await officer.syncUntilSettled();
    await manager.engine.syncNow();
    officer.network.online = false;
    for (const caseId of [first, second]) {
      await officer.engine.recordChange(change(caseId, { v: "officer" }));
      await manager.engine.recordChange(change(caseId, { v: "manager" }));
    }
    await manager.syncUntilSettled();
    officer.network.online = true;
    await officer.engine.syncNow();
    const conflicts = await officer.engine.listConflicts();
    expect(conflicts.map((copy) => copy.recordId).sort()).toEqual([first, second].sort());
    await officer.engine.resolveConflict(conflicts.find((copy) => copy.recordId === first)!.id, { keep: "theirs" });
    await officer.engine.resolveConflict(conflicts.find((copy) => copy.recordId === second)!.id, { keep: "mine" });
    await officer.syncUntilSettled();
    expect(server.envelopes.filter((row) => row.recordId === first).map((row) => row.version)).toEqual([1, 2]);
    expect(server.envelopes.filter((row) => row.recordId === second).map((row) => row.version)).toEqual([1, 2, 3]);
    await manager.engine.syncNow();
    expect((await manager.engine.getRecord(second))?.document.body).toEqual({ v: "officer" });
    expect((await manager.engine.getRecord(first))?.document.body).toEqual({ v: "manager" });
  });

  it("needs no choice when both devices made the same change", async () => {
    const { manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { v: 0 }));
    await officer.syncUntilSettled();
    await manager.engine.syncNow();
    await officer.engine.recordChange(change(caseId, { v: "same" }));
    await manager.engine.recordChange(change(caseId, { v: "same" }));
    await manager.syncUntilSettled();
    await officer.syncUntilSettled();
    expect(await officer.engine.listConflicts()).toEqual([]);
    expect((await officer.engine.getRecord(caseId))?.document.body).toEqual({ v: "same" });
  });
});

describe("sync engine: what it refuses", () => {
  it("refuses and reports forged, altered or unknown-author envelopes, and still applies the genuine ones", async () => {
    const { server, manager, officer } = await team();
    const genuine = newId();
    const altered = newId();
    const relabelled = newId();
    for (const caseId of [genuine, altered, relabelled]) await officer.engine.recordChange(change(caseId, { ok: 1 }));
    await officer.syncUntilSettled();
    const row = (recordId: string) => server.envelopes.find((envelope) => envelope.recordId === recordId)!;
    const bytes = fromBase64(row(altered).ciphertext);
    bytes[bytes.length - 1]! ^= 1;
    row(altered).ciphertext = toBase64(bytes);
    row(relabelled).authorDeviceId = manager.deviceId;
    const stranger = newId();
    server.envelopes.push({ ...row(genuine), seq: 99, recordId: newId(), authorDeviceId: stranger });

    const report = await manager.engine.syncNow();
    // In the server's order, which for changes queued in the same millisecond is not the order made.
    const refused = report.refused.map((refusal) => [refusal.recordId, refusal.reason]);
    expect(refused).toHaveLength(3);
    expect(refused).toEqual(
      expect.arrayContaining([
        [altered, "bad-signature"],
        [relabelled, "bad-signature"],
        [expect.any(String), "unknown-author"],
      ]),
    );
    expect(await manager.engine.getRecord(genuine)).toBeDefined();
    for (const recordId of [altered, relabelled]) expect(await manager.engine.getRecord(recordId)).toBeUndefined();
    expect((await manager.engine.status()).refusedEnvelopes).toBe(3);
    // The cursor has moved past them: they are reported once, not on every sync.
    expect((await manager.engine.syncNow()).refused).toEqual([]);
  });

  it("checks a version against the one it was made on, and cannot check one whose parent never arrived", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { v: 1 }));
    await officer.syncUntilSettled();
    await officer.engine.recordChange(change(caseId, { v: 2 }));
    await officer.syncUntilSettled();
    const [first, second] = server.envelopes;
    expect(second!.baseSignature).toBe(first!.signature);

    // Handed version 2 without version 1: its signature cannot be checked, so it is not believed.
    const realPull = manager.transport.pull.bind(manager.transport);
    manager.transport.pull = async (after, limit) => {
      const page = await realPull(after, limit);
      return { ...page, envelopes: page.envelopes.filter((envelope) => envelope.version !== 1) };
    };
    const report = await manager.engine.syncNow();
    expect(report.refused.map((refusal) => [refusal.version, refusal.reason])).toEqual([[2, "unknown-parent"]]);
    expect(await manager.engine.getRecord(caseId)).toBeUndefined();

    // A server that names the parent lets it be checked on its own; a wrong parent is refused.
    const colleague = await TestSyncDevice.enrol(server, "Second manager", "manager", manager);
    colleague.transport.pull = async (after, limit) => {
      const page = await colleague.transport.server.pull(colleague.deviceId, after, limit);
      const envelopes = page.envelopes
        .filter((envelope) => envelope.version === 2)
        .flatMap((envelope) => [
          { ...envelope, seq: envelope.seq - 1, baseSignature: second!.signature },
          { ...envelope, baseSignature: first!.signature },
        ]);
      return { ...page, envelopes };
    };
    const named = await colleague.engine.syncNow();
    expect(named.refused.map((refusal) => refusal.reason)).toEqual(["bad-signature"]);
    expect((await colleague.engine.getRecord(caseId))?.document.body).toEqual({ v: 2 });
  });

  it("a practitioner's device handed every envelope and every wrapped key of the team reads none of a colleague's cases", async () => {
    const { server, manager, officer, colleague } = await team();
    const secretCase = newId();
    await officer.engine.recordChange(change(secretCase, { victim: "Planted Name", address: "1 Planted Road" }));
    await officer.engine.recordChange(change(secretCase, { note: "Planted note" }, newId(), "assessment"));
    await officer.syncUntilSettled();
    await manager.engine.syncNow();
    await manager.engine.recordChange(change(secretCase, { note: "review" }, newId(), "review"));
    await manager.syncUntilSettled();

    // A hostile server gives the colleague's device every envelope with every wrapping it holds.
    let seq = 1000;
    const everything = server.envelopes.flatMap((envelope) =>
      server.wrappedKeys.flatMap((wrap) =>
        (["device", "manager-key"] as const).map((wrappedTo) => ({
          seq: (seq += 1),
          recordId: envelope.recordId,
          keyId: envelope.keyId,
          version: envelope.version,
          authorDeviceId: envelope.authorDeviceId,
          ciphertext: envelope.ciphertext,
          signature: envelope.signature,
          wrappedKey: wrap.wrapped,
          wrappedTo,
        })),
      ),
    );
    colleague.transport.pull = async () => ({ envelopes: everything, cursor: 99_999, more: false });
    const report = await colleague.engine.syncNow();
    expect(report.refused.length).toBe(everything.length);
    expect(new Set(report.refused.map((refusal) => refusal.reason))).toEqual(new Set(["no-key"]));
    expect(await colleague.engine.listRecords()).toEqual([]);
    // Not just refused by the engine: no wrapping on the server opens with the colleague's key.
    const keys = await colleague.teamSync.deviceIdentity();
    expect(keys?.enrolment?.role).toBe("practitioner");
    expect(server.wrappedKeys.some((wrap) => wrap.recipient === colleague.deviceId)).toBe(false);
  });

  it("shares nothing with a team manager key other than the one it pinned", async () => {
    const { server, officer } = await team();
    await officer.engine.recordChange(change(newId(), { a: 1 }));
    await officer.syncUntilSettled();
    const pinned = (await officer.teamSync.deviceIdentity())!.managerKey!;
    expect(pinned.keyId).toBe(server.managerKey!.keyId);
    expect(pinned.fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);

    // The server swaps in a key of its own.
    const impostor = await TestSyncDevice.enrol(new FakeTeamServer(), "Impostor", "manager");
    const identity = (await impostor.teamSync.deviceIdentity())!;
    server.managerKey = { keyId: newId(), publicKey: identity.publicKeys.ecdhPublicKey };
    await officer.restart();
    const wrapsBefore = server.wrappedKeys.length;
    await officer.engine.recordChange(change(newId(), { b: 2 }));
    const report = await officer.engine.syncNow();
    expect(report.problem?.code).toBe("manager-key-changed");
    expect(server.wrappedKeys.length).toBe(wrapsBefore);
    expect((await officer.engine.status()).waitingToSend).toBe(1);
  });

  it("pins the team key in its first round after approval, before it shares or reads any case", async () => {
    const { server, officer } = await team();
    expect((await officer.teamSync.deviceIdentity())!.managerKey).toBeNull();
    const first = await officer.engine.syncNow();
    expect(first).toMatchObject({ problem: null, sent: 0, received: 0 });
    const pinned = (await officer.teamSync.deviceIdentity())!.managerKey;
    expect(pinned).toMatchObject({ keyId: server.managerKey!.keyId, publicKey: server.managerKey!.publicKey });
    expect(pinned!.fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);

    // A different key later (here after a restart, before any case is sent) is the "changed" problem,
    // and the pinned one is kept: the numbers on the screen stay the ones first seen.
    const impostor = await TestSyncDevice.enrol(new FakeTeamServer(), "Impostor", "manager");
    server.managerKey = {
      keyId: newId(),
      publicKey: (await impostor.teamSync.deviceIdentity())!.publicKeys.ecdhPublicKey,
    };
    await officer.restart();
    expect((await officer.engine.syncNow()).problem?.code).toBe("manager-key-changed");
    expect((await officer.engine.status()).problem?.code).toBe("manager-key-changed");
    expect((await officer.teamSync.deviceIdentity())!.managerKey).toEqual(pinned);
  });

  it("a round before the team has a key pins nothing and is not a problem; the next round pins it", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    const saved = server.managerKey;
    server.managerKey = null;
    expect((await officer.engine.syncNow()).problem).toBeNull();
    expect((await officer.teamSync.deviceIdentity())!.managerKey).toBeNull();
    server.managerKey = saved;
    expect((await officer.engine.syncNow()).problem).toBeNull();
    expect((await officer.teamSync.deviceIdentity())!.managerKey?.keyId).toBe(saved!.keyId);
  });

  it("waits, and says why, until the team's manager has set up the team key", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    const saved = server.managerKey;
    server.managerKey = null;
    await officer.engine.recordChange(change(newId(), { a: 1 }));
    expect((await officer.engine.syncNow()).problem?.code).toBe("no-manager-key");
    expect((await officer.engine.status()).waitingToSend).toBe(1);
    server.managerKey = saved;
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(1);
  });

  it("refuses a change that is not a record of a case", async () => {
    const { officer } = await team();
    const caseId = newId();
    await expect(officer.engine.recordChange(change("not-a-uuid", { a: 1 }))).rejects.toThrow(/cannot be sent/);
    await officer.engine.recordChange(change(caseId, { a: 1 }, caseId));
    await expect(officer.engine.recordChange(change(newId(), { a: 1 }, caseId))).rejects.toThrow(/another case/);
  });
});

describe("sync engine: restarts", () => {
  it("keeps the outbox, the cursor and the records across a restart of the device, and of the server", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { a: 1 }));
    await officer.restart();
    expect((await officer.engine.status()).waitingToSend).toBe(1);
    server.restart();
    await officer.syncUntilSettled();
    await manager.engine.syncNow();
    await manager.restart();
    expect((await manager.engine.getRecord(caseId))?.document.body).toEqual({ a: 1 });
    const pullsBefore = manager.network.calls.length;
    const report = await manager.engine.syncNow();
    expect(report.received).toBe(0);
    // One pull of nothing new; the other call is the team key checked once a session against the pinned one.
    expect(manager.network.calls.slice(pullsBefore)).toEqual(["pull", "manager-key"]);
    // The case key it learnt was kept in the vault: after the restart it can still write to the case.
    await manager.engine.recordChange(change(caseId, { note: "seen" }, newId(), "review"));
    await manager.syncUntilSettled();
    expect(server.envelopes).toHaveLength(2);
    expect(new Set(server.envelopes.map((row) => row.keyId)).size).toBe(1);
  });

  it("stops when the vault locks, and a wipe removes every sync row of the profile", async () => {
    const { officer } = await team();
    await officer.engine.recordChange(change(newId(), { a: 1 }));
    const syncRows = async () => {
      let total = 0;
      for (const name of ["syncDevice", "syncState", "syncRecords", "syncOutbox", "syncConflicts", "syncKeys"]) {
        total += await officer.db.table(name).where("profileId").equals(officer.profileId).count();
      }
      return total;
    };
    expect(await syncRows()).toBeGreaterThan(0);
    await officer.session.wipeVault({ keepProfile: true });
    expect(await syncRows()).toBe(0);
    await expect(officer.engine.syncNow()).rejects.toThrow(/locked/);
  });
});

describe("sync engine: a save is sent with a push round (sendNow)", () => {
  it("pulls first when it has not pulled yet, then sends without pulling while its last pull is recent", async () => {
    const { server, officer } = await team();
    const first = newId();
    await officer.engine.recordChange(change(first, { step: 1 }));
    const before = officer.network.calls.length;
    expect((await officer.engine.sendNow()).sent).toBe(1);
    expect(officer.network.calls.slice(before)).toContain("pull");

    const second = newId();
    await officer.engine.recordChange(change(second, { step: 2 }));
    const sinceFirst = officer.network.calls.length;
    expect((await officer.engine.sendNow()).sent).toBe(1);
    expect(officer.network.calls.slice(sinceFirst)).not.toContain("pull");
    expect(officer.network.calls.slice(sinceFirst)).toContain("push");
    expect(server.envelopes).toHaveLength(2);
  });

  it("still keeps both versions when another device's version came first: it pulls on the server's answer", async () => {
    const { server, manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { risk: "medium" }));
    await officer.engine.sendNow();
    await manager.engine.syncNow();
    await manager.engine.recordChange(change(caseId, { risk: "medium", note: "manager" }));
    await manager.engine.sendNow();

    // The officer pulled moments ago, so this send does not pull first: the server's refusal makes it.
    await officer.engine.recordChange(change(caseId, { risk: "high", note: "officer" }));
    const report = await officer.engine.sendNow();
    expect(report.conflicts).toHaveLength(1);
    expect(await officer.engine.listConflicts()).toMatchObject([
      { mine: { body: { risk: "high", note: "officer" } }, theirs: { document: { body: { note: "manager" } } } },
    ]);
    expect(server.envelopes.map((row) => row.version)).toEqual([1, 2]);
  });

  it("a full round asked for while a send runs is not reduced to a send", async () => {
    const { manager, officer } = await team();
    const caseId = newId();
    await officer.engine.recordChange(change(caseId, { v: 1 }));
    await officer.engine.sendNow();
    await manager.engine.recordChange(change(newId(), { from: "manager" }, undefined, "case"));
    await manager.engine.sendNow();

    await officer.engine.recordChange(change(caseId, { v: 2 }));
    const before = officer.network.calls.length;
    const sending = officer.engine.sendNow();
    const full = officer.engine.syncNow();
    await Promise.all([sending, full]);
    expect(officer.network.calls.slice(before)).toContain("pull");
  });
});
