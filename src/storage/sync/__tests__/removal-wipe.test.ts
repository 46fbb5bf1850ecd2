// @vitest-environment node
// A device removed from its team by a manager, on its next contact: the team's cases go from its vault
// (with their assessments, packs and review notes), its sync rows and private keys go, cases with changes
// the team never received stay, in one transaction that a crash leaves undone and the next unlock redoes.
// Refusals other than a manager's removal never wipe anything (docs/decisions.md §26).
import { describe, expect, it, vi } from "vitest";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { reviewSettingKey } from "../../review-notes";
import type { VaultSession } from "../../vault-session";
import { SyncTransportError } from "../transport";

const SYNC_STORES = ["syncState", "syncRecords", "syncOutbox", "syncConflicts", "syncKeys"] as const;

async function team() {
  const server = new FakeTeamServer();
  const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
  const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
  const colleague = await TestSyncDevice.enrol(server, "Colleague", "practitioner", manager);
  return { server, manager, officer, colleague };
}

/** A case with a draft assessment and a pack, as the officer's screens save them. */
async function caseWithRecords(session: VaultSession, victim: string) {
  const saved = await session.saveCase({ details: { victim }, summary: { agency: "Response unit 4", brag: "red" } });
  const draft = await session.saveAssessmentDraft({
    caseId: saved.id,
    questionSetId: "dash",
    questionSetVersion: "2009",
    policyName: "default",
    policyVersion: "1",
    content: { answers: { q1: "yes" } },
  });
  const pack = await session.savePack({ caseId: saved.id, kind: "marac", status: "draft", content: { victim } });
  return { caseId: saved.id, assessmentId: draft.id, packId: pack.id };
}

async function caseIds(session: VaultSession): Promise<string[]> {
  return (await session.listCaseSummaries()).map((summary) => summary.id).sort();
}

/** The rows of one case in every vault store, as IndexedDB holds them (no decryption). */
async function rowsOfCase(device: TestSyncDevice, caseId: string) {
  const { db, profileId } = device;
  const key: [string, string] = [profileId, caseId];
  return {
    cases: await db.cases.where("[profileId+id]").equals(key).count(),
    assessments: await db.assessments.where("[profileId+caseId]").equals(key).count(),
    packs: await db.packs.where("[profileId+caseId]").equals(key).count(),
    review: (await db.settings.get([profileId, await reviewSettingKey(caseId)])) ? 1 : 0,
  };
}

const NONE = { cases: 0, assessments: 0, packs: 0, review: 0 };

async function syncRowCounts(device: TestSyncDevice): Promise<Record<string, number>> {
  return Object.fromEntries(
    await Promise.all(SYNC_STORES.map(async (name) => [name, await device.db.table(name).count()] as const)),
  );
}

/**
 * The officer's device with four cases: `own` (sent and accepted, with the manager's review note arrived
 * by sync), `second` (sent and accepted), `editedOffline` (accepted, then changed offline: the change
 * waits) and `neverSent` (made offline). Then the manager removes the device; the officer is back online.
 * (A practitioner's device only ever holds its own cases; a manager's holds the team's: tested below.)
 */
async function officerWithFourCases() {
  const { server, manager, officer, colleague } = await team();
  const own = await caseWithRecords(officer.session, "Alex Owncase");
  const second = await caseWithRecords(officer.session, "Cal Second");
  const editedOffline = await caseWithRecords(officer.session, "Bea Edited");
  await officer.syncUntilSettled();
  await manager.syncUntilSettled();
  await manager.session.saveReview(own.caseId, { note: "Add the safe contact number.", status: "reviewed" });
  await manager.syncUntilSettled();
  await officer.syncUntilSettled();
  expect((await rowsOfCase(officer, own.caseId)).review).toBe(1);

  officer.network.online = false;
  await officer.session.saveCase({ id: editedOffline.caseId, details: { victim: "Bea Edited-Offline" } });
  const neverSent = await caseWithRecords(officer.session, "Dee Neversent");
  expect((await officer.teamSync.syncNow()).problem?.code).toBe("offline");
  expect((await officer.teamSync.state()).waitingToSend).toBeGreaterThan(0);

  server.revoke(officer.deviceId);
  officer.network.online = true;
  return { server, manager, officer, colleague, own, second, editedOffline, neverSent };
}

describe("a device removed by a manager wipes the team's cases on its next contact", () => {
  it("deletes every case the team holds in full, keeps those with changes the team never received, and says so", async () => {
    const { officer, own, second, editedOffline, neverSent } = await officerWithFourCases();
    let told = 0;
    officer.session.onTeamRecordsArrived(() => (told += 1));
    const report = await officer.teamSync.syncNow();
    // The screens showing the case list are told to read it again.
    expect(told).toBeGreaterThan(0);
    expect(report.problem).toMatchObject({ code: "signed-out", detail: "device-revoked" });

    // What goes: the case, its assessments, its packs and its review note, row by row.
    expect(await rowsOfCase(officer, own.caseId)).toEqual(NONE);
    expect(await rowsOfCase(officer, second.caseId)).toEqual(NONE);
    // What stays: whole, with this device's unsent change.
    expect(await caseIds(officer.session)).toEqual([editedOffline.caseId, neverSent.caseId].sort());
    expect((await officer.session.getCase(editedOffline.caseId)).details).toEqual({ victim: "Bea Edited-Offline" });
    expect(await rowsOfCase(officer, neverSent.caseId)).toEqual({ cases: 1, assessments: 1, packs: 1, review: 0 });
    // Every sync row but the device's own, marked removed.
    expect(await syncRowCounts(officer)).toEqual({
      syncState: 0,
      syncRecords: 0,
      syncOutbox: 0,
      syncConflicts: 0,
      syncKeys: 0,
    });
    expect(await officer.teamSync.state()).toMatchObject({
      membership: "revoked",
      waitingToSend: 0,
      removal: { reason: "removed-by-manager", removedCases: 2, keptCases: 2 },
    });
  });

  it("deletes the device's private keys, keeping its public ones for the screens", async () => {
    const { officer } = await officerWithFourCases();
    const before = await officer.teamSync.deviceIdentity();
    await officer.teamSync.syncNow();
    const after = await officer.teamSync.deviceIdentity();
    expect(after?.publicKeys).toEqual(before?.publicKeys);
    expect(after?.managerKey).toBeNull();
    await expect(officer.teamSync.signChallenge("challenge", "AAAA")).rejects.toThrow(/keys have been deleted/);
    // Nothing of the private halves is left in the sealed device row: the row is rewritten without them.
    await officer.restart();
    await expect(officer.teamSync.signChallenge("challenge", "AAAA")).rejects.toThrow(/keys have been deleted/);
  });

  it("records each deleted case in the audit trail by its code only, as the app's doing, and the vault still checks", async () => {
    const { officer, own, second } = await officerWithFourCases();
    await officer.teamSync.syncNow();
    const entries = await officer.session.listAudit();
    expect(entries.chain.intact).toBe(true);
    const deletions = entries.filter((entry) => entry.action === "delete");
    expect(deletions.map((entry) => entry.caseId).sort()).toEqual([null, own.caseId, second.caseId].sort());
    for (const entry of deletions) expect(entry.actor).toBe("system");
    expect(deletions.find((entry) => entry.caseId === null)?.detail).toBe(
      "removed from the team: 2 team cases deleted, 2 kept",
    );
    const words = deletions.map((entry) => entry.detail ?? "").join(" ");
    for (const name of ["Alex", "Cal", "Owncase", "Second"]) expect(words).not.toContain(name);
    // The records' manifest vouches for what is left: unlocking again reads the list without a tamper error.
    await officer.restart();
    expect(await officer.session.listCaseSummaries()).toHaveLength(2);
  });

  it("a crash half way leaves everything as it was, and the next unlock finishes the wipe", async () => {
    const { officer, own, second } = await officerWithFourCases();
    const casesBefore = await caseIds(officer.session);
    const syncBefore = await syncRowCounts(officer);
    // The transaction fails half way through (after some deletes were issued): IndexedDB keeps none of them.
    const deleteRow = officer.db.cases.delete.bind(officer.db.cases);
    let deletes = 0;
    const failing = vi.spyOn(officer.db.cases, "delete").mockImplementation((key) => {
      deletes += 1;
      if (deletes === 2) throw new Error("the tab was closed");
      return deleteRow(key);
    });
    await expect(officer.teamSync.syncNow()).rejects.toThrow(/the tab was closed/);
    failing.mockRestore();
    expect(deletes).toBe(2);
    expect(await caseIds(officer.session)).toEqual(casesBefore);
    expect(await rowsOfCase(officer, own.caseId)).toMatchObject({ cases: 1, review: 1 });
    expect(await syncRowCounts(officer)).toEqual(syncBefore);
    expect(await officer.teamSync.state()).toMatchObject({
      membership: "revoked",
      removal: { reason: "removed-by-manager", removedCases: null, keptCases: null },
    });

    await officer.restart();
    await officer.teamSync.resumeRemoval();
    expect(await rowsOfCase(officer, own.caseId)).toEqual(NONE);
    expect(await rowsOfCase(officer, second.caseId)).toEqual(NONE);
    expect((await officer.teamSync.state()).removal).toEqual({
      reason: "removed-by-manager",
      removedCases: 2,
      keptCases: 2,
    });
    // Done once: a later unlock deletes nothing more and keeps the counts.
    await officer.restart();
    await officer.teamSync.resumeRemoval();
    expect(await officer.session.listCaseSummaries()).toHaveLength(2);
    expect((await officer.teamSync.state()).removal?.removedCases).toBe(2);
  });

  it("learnt by a round run straight on the engine (the app closed before TeamSync saw it), it wipes at the next unlock", async () => {
    const { officer, own } = await officerWithFourCases();
    await officer.engine.syncNow();
    expect((await officer.teamSync.state()).membership).toBe("revoked");
    expect(await rowsOfCase(officer, own.caseId)).toMatchObject({ cases: 1 });
    await officer.restart();
    await officer.teamSync.resumeRemoval();
    expect(await rowsOfCase(officer, own.caseId)).toEqual(NONE);
    expect((await officer.teamSync.state()).removal).toMatchObject({ removedCases: 2, keptCases: 2 });
  });

  it("a manager's device removed by another manager wipes the team's cases it held", async () => {
    const { server, manager, officer } = await team();
    const second = await TestSyncDevice.enrol(server, "Second manager", "manager", manager);
    const officerCase = await caseWithRecords(officer.session, "Eve Teamcase");
    await officer.syncUntilSettled();
    await second.syncUntilSettled();
    expect(await caseIds(second.session)).toEqual([officerCase.caseId]);
    expect(await rowsOfCase(second, officerCase.caseId)).toMatchObject({ cases: 1, assessments: 1, packs: 1 });
    server.revoke(second.deviceId);
    await second.teamSync.syncNow();
    expect(await caseIds(second.session)).toEqual([]);
    expect(await rowsOfCase(second, officerCase.caseId)).toEqual(NONE);
    expect((await second.teamSync.state()).removal).toMatchObject({ removedCases: 1, keptCases: 0 });
    // The team keeps it: the first manager's device still holds the officer's case.
    await manager.syncUntilSettled();
    expect(await caseIds(manager.session)).toEqual([officerCase.caseId]);
  });
});

describe("refusals other than a manager's removal never wipe", () => {
  async function syncedOfficer() {
    const { server, manager, officer } = await team();
    const own = await caseWithRecords(officer.session, "Fay Kept");
    await officer.syncUntilSettled();
    return { server, manager, officer, own };
  }

  async function expectNothingWiped(officer: TestSyncDevice, caseId: string) {
    expect(await rowsOfCase(officer, caseId)).toMatchObject({ cases: 1, assessments: 1, packs: 1 });
    expect((await officer.teamSync.state()).removal).toBeNull();
    await officer.teamSync.resumeRemoval();
    expect(await rowsOfCase(officer, caseId)).toMatchObject({ cases: 1, assessments: 1, packs: 1 });
  }

  it("offline", async () => {
    const { officer, own } = await syncedOfficer();
    officer.network.online = false;
    expect((await officer.teamSync.syncNow()).problem?.code).toBe("offline");
    await expectNothingWiped(officer, own.caseId);
    expect((await officer.teamSync.state()).membership).toBe("approved");
  });

  it("the server failing (5xx)", async () => {
    const { officer, own } = await syncedOfficer();
    vi.spyOn(officer.transport, "pull").mockRejectedValue(new SyncTransportError("refused", "Server error", null, 503));
    expect((await officer.teamSync.syncNow()).problem?.code).toBe("unavailable");
    await expectNothingWiped(officer, own.caseId);
  });

  it("signed out for another reason (a sign-in the server did not accept)", async () => {
    const { officer, own } = await syncedOfficer();
    vi.spyOn(officer.transport, "pull").mockRejectedValue(
      new SyncTransportError("signed-out", "Not signed in", "not-signed-in", 401),
    );
    expect((await officer.teamSync.syncNow()).problem).toMatchObject({ code: "signed-out", detail: "not-signed-in" });
    await expectNothingWiped(officer, own.caseId);
  });

  it("waiting for a manager's approval", async () => {
    const { server, officer, own } = await syncedOfficer();
    server.devices.get(officer.deviceId)!.status = "pending";
    expect((await officer.teamSync.syncNow()).problem?.detail).toBe("device-not-approved");
    expect((await officer.teamSync.state()).membership).toBe("awaiting-approval");
    await expectNothingWiped(officer, own.caseId);
  });

  it("unknown to the server (it may have lost its data): sync stops, the cases and keys stay", async () => {
    const { server, officer, own } = await syncedOfficer();
    server.devices.delete(officer.deviceId);
    expect((await officer.teamSync.syncNow()).problem?.detail).toBe("unknown-device");
    expect(await rowsOfCase(officer, own.caseId)).toMatchObject({ cases: 1, assessments: 1, packs: 1 });
    expect(await officer.teamSync.state()).toMatchObject({
      membership: "revoked",
      removal: { reason: "unknown-to-server", removedCases: null, keptCases: null },
    });
    await officer.restart();
    await officer.teamSync.resumeRemoval();
    expect(await rowsOfCase(officer, own.caseId)).toMatchObject({ cases: 1, assessments: 1, packs: 1 });
    await expect(officer.teamSync.signChallenge("challenge", "AAAA")).resolves.toEqual(expect.any(String));
  });
});
