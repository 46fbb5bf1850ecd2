// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import type { VaultSession } from "../../vault-session";
import type { TeamSyncState } from "../team-records-api";

async function team() {
  const server = new FakeTeamServer();
  const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
  const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
  const colleague = await TestSyncDevice.enrol(server, "Colleague", "practitioner", manager);
  return { server, manager, officer, colleague };
}

/** A case with a completed assessment (level "high"), as the officer's screens save them. */
async function completedCase(session: VaultSession, details: Record<string, unknown> = { victim: "Alex Planted" }) {
  const saved = await session.saveCase({ details, summary: { agency: "Response unit 4", brag: "red" } });
  const draft = await session.saveAssessmentDraft({
    caseId: saved.id,
    questionSetId: "dash",
    questionSetVersion: "2009",
    policyName: "default",
    policyVersion: "1",
    content: { answers: { q1: "yes" } },
  });
  await session.completeAssessment({
    id: draft.id,
    content: { answers: { q1: "yes" } },
    outcome: { level: "high" },
    riskLevel: "high",
    caseSummary: { assessorRole: "police" },
  });
  return { caseId: saved.id, assessmentId: draft.id };
}

/** A case record's body as another device would send it (the portable form of a case). */
function caseBody(id: string, overrides: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id,
    createdAt: now,
    updatedAt: now,
    status: "open",
    riskLevel: "standard",
    brag: null,
    flags: [],
    qualityScore: null,
    latestAssessedAt: null,
    author: "Officer",
    details: { victim: "Sam" },
    ...overrides,
  };
}

describe("team sync with the vault: an officer's case reaches the manager", () => {
  it("tells the screens when another device's records have been written here, and not for this device's own saves", async () => {
    const { manager, officer } = await team();
    const onManager: number[] = [];
    const onOfficer: number[] = [];
    manager.session.onTeamRecordsArrived(() => onManager.push(Date.now()));
    officer.session.onTeamRecordsArrived(() => onOfficer.push(Date.now()));
    const { caseId } = await completedCase(officer.session);
    await officer.syncUntilSettled();
    expect(onOfficer).toHaveLength(0);
    expect(onManager).toHaveLength(0);

    await manager.syncUntilSettled();
    expect(onManager.length).toBeGreaterThan(0);
    expect((await manager.session.listCaseSummaries()).map((summary) => summary.id)).toEqual([caseId]);
    expect(onOfficer).toHaveLength(0);
  });

  it("a case completed offline is on the manager's case list and dashboard with its level after both sync", async () => {
    const { manager, officer, colleague } = await team();
    officer.network.online = false;
    const { caseId, assessmentId } = await completedCase(officer.session);

    const offline = await officer.teamSync.syncNow();
    expect(offline.problem?.code).toBe("offline");
    const waiting = await officer.teamSync.state();
    expect(waiting).toMatchObject({ membership: "approved", online: false, lastSyncedAt: null });
    // The case and its assessment (the draft and its completion coalesced: never sent in between).
    expect(waiting.waitingToSend).toBe(2);
    expect(waiting.problem).toMatch(/offline/);

    officer.network.online = true;
    await officer.syncUntilSettled();
    expect(await officer.teamSync.state()).toMatchObject({ waitingToSend: 0, problem: null, online: true });
    await manager.syncUntilSettled();

    // The review dashboard and the case list read listCaseSummaries: the case is there, with its level.
    const [summary] = await manager.session.listCaseSummaries();
    expect(summary).toMatchObject({
      id: caseId,
      riskLevel: "high",
      brag: "red",
      author: "Officer",
      agency: "Response unit 4",
      assessorRole: "police",
    });
    expect(summary!.latestAssessedAt).not.toBeNull();
    expect((await manager.session.getCase(caseId)).details).toEqual({ victim: "Alex Planted" });
    const [assessment] = await manager.session.listAssessments(caseId);
    expect(assessment).toMatchObject({ id: assessmentId, status: "completed", riskLevel: "high" });
    expect((await manager.session.getAssessment(assessmentId)).outcome).toEqual({ level: "high" });

    // Written as an import from the officer's device, and the manager sends nothing back.
    const audit = await manager.session.listAudit();
    const imported = audit.filter((entry) => entry.action === "import");
    expect(imported.map((entry) => entry.detail)).toEqual([`team sync: from device ${officer.deviceId.slice(0, 8)}`]);
    expect((await manager.teamSync.state()).waitingToSend).toBe(0);
    // The officer's own versions coming back change nothing on the officer's device.
    expect((await officer.session.listAudit()).some((entry) => entry.action === "import")).toBe(false);

    // A colleague's device neither receives nor can read the officer's case.
    await colleague.syncUntilSettled();
    expect(await colleague.session.listCaseSummaries()).toEqual([]);
  });

  it("sends drafts and packs, and a change only when something changed", async () => {
    const { server, manager, officer } = await team();
    const saved = await officer.session.saveCase({ details: { victim: "V" } });
    const draft = await officer.session.saveAssessmentDraft({
      caseId: saved.id,
      questionSetId: "dash",
      questionSetVersion: "2009",
      policyName: "default",
      policyVersion: "1",
      content: { answers: { q1: "no" } },
    });
    const pack = await officer.session.savePack({
      caseId: saved.id,
      kind: "marac",
      status: "draft",
      content: { x: 1 },
    });
    await officer.syncUntilSettled();
    const sent = server.envelopes.length;
    expect(sent).toBe(3);
    // The same "not safe" codes again change nothing the team holds: no new version.
    await officer.session.replaceDraftCaseCodes({
      caseId: saved.id,
      assessmentId: draft.id,
      prefix: "not-safe:",
      codes: [],
    });
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(sent);

    await manager.syncUntilSettled();
    expect(await manager.session.listAssessments(saved.id)).toMatchObject([{ id: draft.id, status: "draft" }]);
    expect(await manager.session.listPacks(saved.id)).toMatchObject([{ id: pack.id, kind: "marac" }]);

    // A deletion is not sent (docs/decisions.md): the team keeps its copy.
    await officer.session.deleteCase(saved.id);
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(sent);
    await manager.syncUntilSettled();
    expect((await manager.session.listCaseSummaries()).map((row) => row.id)).toEqual([saved.id]);
  });

  it("sends packs named as the pack screen names them ('marac-<assessment id>', '-v2'), not UUIDs", async () => {
    const { server, manager, officer } = await team();
    const saved = await officer.session.saveCase({ details: { victim: "V" } });
    const base = `marac-${globalThis.crypto.randomUUID()}`;
    for (const id of [base, `${base.slice(0, 56)}-v2`]) {
      await officer.session.savePack({ id, caseId: saved.id, kind: "marac", status: "ready", content: { id } });
    }
    await officer.syncUntilSettled();
    expect((await officer.teamSync.state()).problem).toBeNull();
    expect((await officer.engine.status()).waitingToSend).toBe(0);
    expect(server.envelopes).toHaveLength(3);
    await manager.syncUntilSettled();
    expect((await manager.session.listPacks(saved.id)).map((pack) => pack.id).sort()).toEqual(
      [base, `${base.slice(0, 56)}-v2`].sort(),
    );
    // A change to one goes as the next version of the same record.
    await officer.session.savePack({ id: base, caseId: saved.id, kind: "marac", status: "sent", content: { id: 2 } });
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(4);
    await manager.syncUntilSettled();
    expect((await manager.teamSync.state()).problem).toBeNull();
    expect((await manager.session.listPacks(saved.id)).find((pack) => pack.id === base)?.status).toBe("sent");
  });

  it("queues a lock's last autosave before the key goes", async () => {
    const { officer } = await team();
    const saved = await officer.session.saveCase({ details: { victim: "V" } });
    const draft = {
      id: crypto.randomUUID(),
      caseId: saved.id,
      questionSetId: "dash",
      questionSetVersion: "2009",
      policyName: "default",
      policyVersion: "1",
    };
    // An autosaver registered after sync started, flushing its last change when the vault locks.
    officer.session.onBeforeLock(async () => {
      await officer.session.saveAssessmentDraft({ ...draft, content: { last: "words" } });
    });
    officer.network.online = false;
    await officer.session.lock();
    await officer.restart();
    const waiting = await officer.engine.listOutbox();
    expect(waiting.find((entry) => entry.recordId === draft.id)?.document.body).toMatchObject({
      content: { last: "words" },
      status: "draft",
    });
  });

  it("queues the cases made before the device enrolled, once", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    let before: { caseId: string; assessmentId: string } | undefined;
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager, {
      beforeEnrolment: async (session) => {
        before = await completedCase(session, { victim: "Before enrolment" });
      },
    });
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(2);
    await manager.syncUntilSettled();
    expect(await manager.session.listCaseSummaries()).toMatchObject([{ id: before!.caseId, riskLevel: "high" }]);

    await officer.restart();
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(2);
  });
});

describe("team sync with the vault: the manager's review reaches the officer", () => {
  it("a note 'returned for improvement' is on the officer's device after both sync", async () => {
    const { manager, officer } = await team();
    const { caseId } = await completedCase(officer.session);
    await officer.syncUntilSettled();
    await manager.syncUntilSettled();

    await manager.session.saveReview(caseId, {
      note: "Add the safe contact number.",
      status: "returned-for-improvement",
    });
    await manager.syncUntilSettled();
    await officer.syncUntilSettled();

    const review = await officer.session.getReview(caseId);
    expect(review.notes).toMatchObject([
      { reviewer: "Manager", status: "returned-for-improvement", note: "Add the safe contact number." },
    ]);
    const [summary] = await officer.session.listCaseSummaries();
    expect(summary).toMatchObject({ reviewStatus: "returned-for-improvement" });
    expect(summary!.flags).toContain("returned-for-improvement");
    // Applied as received, not sent again, and no conflict.
    expect(await officer.teamSync.state()).toMatchObject({ waitingToSend: 0, conflicts: 0 });

    // The officer's resubmission does not undo the later review on the manager's device.
    await officer.session.saveCase({ id: caseId, details: { victim: "Alex Planted", safeContact: "07700 900000" } });
    await officer.syncUntilSettled();
    await manager.syncUntilSettled();
    expect((await manager.session.getCase(caseId)).details).toMatchObject({ safeContact: "07700 900000" });
    expect((await manager.session.getReview(caseId)).notes).toHaveLength(1);
  });

  it("two managers reviewing one case offline keep both notes, with no choice to make", async () => {
    const { server, manager, officer } = await team();
    const second = await TestSyncDevice.enrol(server, "Second manager", "manager", manager);
    const { caseId } = await completedCase(officer.session);
    await officer.syncUntilSettled();
    await manager.syncUntilSettled();
    await second.syncUntilSettled();

    manager.network.online = false;
    second.network.online = false;
    await manager.session.saveReview(caseId, { note: "First look.", status: "reviewed" });
    await second.session.saveReview(caseId, { note: "Needs the safe contact.", status: "returned-for-improvement" });
    manager.network.online = true;
    second.network.online = true;
    await manager.syncUntilSettled();
    await second.syncUntilSettled();
    await manager.syncUntilSettled();
    await officer.syncUntilSettled();

    for (const device of [manager, second, officer]) {
      const notes = (await device.session.getReview(caseId)).notes.map((note) => note.note);
      expect(notes.sort()).toEqual(["First look.", "Needs the safe contact."]);
      expect(await device.teamSync.listCaseConflicts()).toEqual([]);
    }
    // The later review (the second manager's) decides the status everywhere.
    expect((await officer.session.listCaseSummaries())[0]).toMatchObject({ reviewStatus: "returned-for-improvement" });
  });
});

describe("team sync with the vault: changed on two devices", () => {
  async function changedOnBoth() {
    const context = await team();
    const { server, manager, officer } = context;
    const { caseId } = await completedCase(officer.session);
    await officer.syncUntilSettled();
    await manager.syncUntilSettled();
    officer.network.online = false;
    manager.network.online = false;
    await officer.session.saveCase({ id: caseId, details: { victim: "Alex Planted", by: "officer" } });
    await manager.session.saveCase({ id: caseId, details: { victim: "Alex Planted", by: "manager" } });
    manager.network.online = true;
    await manager.syncUntilSettled();
    officer.network.online = true;
    await officer.teamSync.syncNow();
    return { ...context, caseId, sent: server.envelopes.length };
  }

  it("keeps both versions, decoded, and the vault keeps this device's until the practitioner chooses", async () => {
    const { officer, manager, caseId } = await changedOnBoth();
    const conflicts = await officer.teamSync.listCaseConflicts();
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({
      caseId,
      mine: { kind: "case", record: { id: caseId, details: { by: "officer" } } },
      theirs: { kind: "case", record: { id: caseId, details: { by: "manager" } }, fromManager: true },
    });
    expect(conflict!.mine.savedAt).toEqual(expect.any(String));
    expect((await officer.teamSync.state()).conflicts).toBe(1);
    expect((await officer.session.getCase(caseId)).details).toMatchObject({ by: "officer" });
    // Another round does not apply the team's version over it either.
    await officer.teamSync.syncNow();
    expect((await officer.session.getCase(caseId)).details).toMatchObject({ by: "officer" });
    expect((await manager.session.getCase(caseId)).details).toMatchObject({ by: "manager" });
  });

  it("choosing the other device's version writes it here and sends nothing", async () => {
    const { server, officer, caseId, sent } = await changedOnBoth();
    const [conflict] = await officer.teamSync.listCaseConflicts();
    await officer.teamSync.resolveCaseConflict(conflict!.id, "theirs");
    expect((await officer.session.getCase(caseId)).details).toMatchObject({ by: "manager" });
    expect(await officer.teamSync.listCaseConflicts()).toEqual([]);
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(sent);
    expect((await officer.session.getCase(caseId)).details).toMatchObject({ by: "manager" });
  });

  it("choosing this device's version keeps it here and sends it on top to the manager", async () => {
    const { server, manager, officer, caseId, sent } = await changedOnBoth();
    const [conflict] = await officer.teamSync.listCaseConflicts();
    await officer.teamSync.resolveCaseConflict(conflict!.id, "mine");
    expect(await officer.teamSync.listCaseConflicts()).toEqual([]);
    await officer.syncUntilSettled();
    expect(server.envelopes).toHaveLength(sent + 1);
    expect((await officer.session.getCase(caseId)).details).toMatchObject({ by: "officer" });
    await manager.syncUntilSettled();
    expect((await manager.session.getCase(caseId)).details).toMatchObject({ by: "officer" });
    expect(await manager.teamSync.listCaseConflicts()).toEqual([]);
  });
});

describe("team sync with the vault: what it refuses", () => {
  it("never applies a version failing the import's checks, reports it, and still applies the good ones", async () => {
    const { manager, officer } = await team();
    const badFlag = crypto.randomUUID();
    const future = crypto.randomUUID();
    const wrongRecord = crypto.randomUUID();
    const good = crypto.randomUUID();
    // A device of the team sends records no import would accept: validly signed and encrypted all the same.
    await officer.engine.recordChange({
      recordId: badFlag,
      caseId: badFlag,
      kind: "case",
      body: caseBody(badFlag, { flags: ["lives at 1 High Street"] }),
    });
    await officer.engine.recordChange({
      recordId: future,
      caseId: future,
      kind: "case",
      body: caseBody(future, { updatedAt: "2099-01-01T00:00:00.000Z" }),
    });
    await officer.engine.recordChange({
      recordId: wrongRecord,
      caseId: wrongRecord,
      kind: "case",
      body: caseBody(good),
    });
    await officer.engine.recordChange({ recordId: good, caseId: good, kind: "case", body: caseBody(good) });
    await officer.engine.syncNow();

    const states: TeamSyncState[] = [];
    manager.teamSync.onStateChange((state) => states.push(state));
    await manager.teamSync.syncNow();
    expect((await manager.session.listCaseSummaries()).map((row) => row.id)).toEqual([good]);
    const refused = manager.teamSync.listRefusedRecords();
    expect(Object.fromEntries(refused.map((row) => [row.recordId, row.reason]))).toEqual({
      [badFlag]: "invalid-record",
      [future]: "future-timestamp",
      [wrongRecord]: "wrong-record",
    });
    expect(refused.every((row) => row.authorDeviceId === officer.deviceId)).toBe(true);
    const state = await manager.teamSync.state();
    expect(state.refusedRecords).toBe(3);
    expect(state.problem).toMatch(/failed its checks/);
    await Promise.resolve();
    expect(states.length).toBeGreaterThan(0);

    // Still not applied after a restart (they stay refused, reported again).
    await manager.restart();
    await manager.syncUntilSettled();
    expect((await manager.session.listCaseSummaries()).map((row) => row.id)).toEqual([good]);
    expect(manager.teamSync.listRefusedRecords()).toHaveLength(3);
  });
});

describe("team sync with the vault: membership in plain words", () => {
  it("waits for approval, is approved, and is removed", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager, { approve: false });
    expect((await officer.teamSync.state()).membership).toBe("awaiting-approval");
    await officer.teamSync.syncNow();
    const waiting = await officer.teamSync.state();
    expect(waiting.membership).toBe("awaiting-approval");
    expect(waiting.problem).toBe("This device is waiting for a manager to approve it.");

    server.approve(manager.deviceId, officer.deviceId, server.devices.get(officer.deviceId)!.fingerprint);
    await officer.teamSync.syncNow();
    expect(await officer.teamSync.state()).toMatchObject({ membership: "approved", problem: null });

    server.revoke(officer.deviceId);
    await officer.teamSync.syncNow();
    expect((await officer.teamSync.state()).membership).toBe("revoked");
    await officer.restart();
    expect((await officer.teamSync.state()).membership).toBe("revoked");
    expect((await (await manager.session.openTeamSync()).state()).membership).toBe("approved");
  });

  it("learns it from rounds run straight on the engine too", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager, { approve: false });
    await officer.engine.syncNow();
    expect((await officer.teamSync.state()).membership).toBe("awaiting-approval");
    server.approve(manager.deviceId, officer.deviceId, server.devices.get(officer.deviceId)!.fingerprint);
    await officer.engine.syncNow();
    expect((await officer.teamSync.state()).membership).toBe("approved");
    expect((await officer.teamSync.deviceIdentity())?.membership).toBe("approved");
  });

  it("says 'none' on a profile that has not joined a team", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    await manager.teamSync.leaveTeam();
    expect(await manager.teamSync.state()).toMatchObject({ membership: "none", waitingToSend: 0, conflicts: 0 });
  });
});
