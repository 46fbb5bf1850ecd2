// @vitest-environment node
// Storage for the manager's review: clear review fields on case rows, referrals marked sent,
// sealed reviewer notes, and case exports that keep author, agency and audit trail.
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { importBackup } from "../backup-import";
import { InvalidInputError, RecordNotFoundError } from "../errors";
import {
  TestClock,
  OTHER_PASSPHRASE,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
  TEST_ITERATIONS,
} from "../../testing/test-vault";

const EXPORT_PASSPHRASE = "handed over separately";

/** The practitioner confirmed replacing the cases the file has newer copies of. */
const REPLACE = { decisions: { replace: true, applyPolicy: false } };

describe("clear review fields on case rows", () => {
  it("records the creating profile as author", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault, "PC Sam Lee");
    const created = await session.saveCase({ details: {} });
    expect(created.author).toBe("PC Sam Lee");
    expect((await session.listCaseSummaries())[0]).toMatchObject({ author: "PC Sam Lee" });
  });

  it("lets a screen set agency and assessor role, but only as one-line labels and codes", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const created = await session.saveCase({
      details: {},
      summary: { agency: "North IDVA Service", assessorRole: "idva" },
    });
    expect(created).toMatchObject({ agency: "North IDVA Service", assessorRole: "idva" });
    await expect(
      session.saveCase({ details: {}, summary: { agency: "Line one\nJane Doe, 4 High St" } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(session.saveCase({ details: {}, summary: { assessorRole: "not a code" } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("updates summary fields without touching details or updatedAt", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const created = await session.saveCase({ details: { person: "Kept" } });
    clock.advance(5_000);
    const updated = await session.updateCaseSummary(created.id, {
      qualityScore: 67,
      flags: ["quality-missed:language"],
    });
    expect(updated).toMatchObject({
      qualityScore: 67,
      flags: ["quality-missed:language"],
      updatedAt: created.updatedAt,
    });
    expect((await session.getCase(created.id)).details).toEqual({ person: "Kept" });
    await expect(session.updateCaseSummary("no-such-case", { qualityScore: 1 })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });
});

describe("referrals marked sent", () => {
  it("stores when it was sent and the assessment time it follows, flags it, keeps the first send and audits it", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const caseRow = await session.saveCase({ details: {} });
    const draft = await session.saveAssessmentDraft({
      caseId: caseRow.id,
      questionSetId: "dash-ric-24",
      questionSetVersion: "1",
      policyName: "default",
      policyVersion: "1",
      content: {},
    });
    const completed = await session.completeAssessment({ id: draft.id, content: {}, outcome: {}, riskLevel: "high" });
    clock.advance(3 * 3_600_000);
    const sent = await session.markReferralSent(caseRow.id, "marac");
    expect(sent.referralsSent).toEqual({
      marac: { sentAt: clock.now().toISOString(), assessedAt: completed.assessedAt },
    });
    expect(sent.flags).toEqual(["marac-sent"]);
    expect(sent.updatedAt > caseRow.updatedAt).toBe(true);

    clock.advance(3_600_000);
    const again = await session.markReferralSent(caseRow.id, "marac");
    expect(again.referralsSent?.marac).toEqual(sent.referralsSent?.marac);
    expect(again.flags).toEqual(["marac-sent"]);
    const s42 = await session.markReferralSent(caseRow.id, "s42", new Date("2025-03-02T00:00:00.000Z"));
    expect(s42.referralsSent?.s42).toEqual({ sentAt: "2025-03-02T00:00:00.000Z", assessedAt: completed.assessedAt });
    expect((await session.listAudit({ caseId: caseRow.id })).map((entry) => entry.detail)).toContain(
      "referral sent: marac",
    );
    await expect(session.markReferralSent(caseRow.id, "has spaces")).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("a reviewer's note", () => {
  it("is sealed, audited, kept as a history, and sets the clear review status the practitioner sees", async () => {
    const { vault, db, clock } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault, "Manager");
    const caseRow = await session.saveCase({ details: {} });
    expect((await session.getReview(caseRow.id)).notes).toEqual([]);

    await session.saveReview(caseRow.id, {
      note: "Please record the lawful basis for sharing.",
      status: "returned-for-improvement",
    });
    let summary = (await session.listCaseSummaries())[0]!;
    expect(summary).toMatchObject({
      reviewStatus: "returned-for-improvement",
      flags: ["returned-for-improvement"],
      updatedAt: caseRow.updatedAt,
    });

    clock.advance(60_000);
    await session.saveReview(caseRow.id, { note: "Now complete.", status: "reviewed" });
    summary = (await session.listCaseSummaries())[0]!;
    expect(summary).toMatchObject({ reviewStatus: "reviewed", flags: [] });
    const review = await session.getReview(caseRow.id);
    expect(review.notes.map((note) => [note.status, note.note, note.reviewer])).toEqual([
      ["reviewed", "Now complete.", "Manager"],
      ["returned-for-improvement", "Please record the lawful basis for sharing.", "Manager"],
    ]);

    const dump = JSON.stringify(await dumpAllStores(db));
    expect(dump).not.toContain("lawful basis");
    expect(dump).not.toContain("Now complete");
    const details = (await session.listAudit({ caseId: caseRow.id })).map((entry) => `${entry.action} ${entry.detail}`);
    expect(details).toEqual(
      expect.arrayContaining(["edit review: returned-for-improvement", "edit review: reviewed", "view review note"]),
    );
    await expect(session.saveReview("no-such-case", { note: "x", status: "reviewed" })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    await expect(session.saveReview(caseRow.id, { note: "x", status: "approved" as never })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("cannot be read from another practitioner's profile", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
    const caseRow = await a.session.saveCase({ details: {} });
    await a.session.saveReview(caseRow.id, { note: "private", status: "reviewed" });
    expect((await b.session.getReview(caseRow.id)).notes).toEqual([]);
  });
});

describe("cases sent to a manager's vault", () => {
  it("keep their author, agency, sent referrals and (when asked) their own audit trail; a newer version updates them", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const practitioner = await createUnlockedProfile(vault, "IDVA Ali");
    const manager = await createUnlockedProfile(vault, "Manager", OTHER_PASSPHRASE);
    const first = await practitioner.session.saveCase({ details: { v: 1 }, summary: { agency: "North IDVA Service" } });
    const other = await practitioner.session.saveCase({ details: { v: "other" } });
    await practitioner.session.markReferralSent(first.id, "marac");

    const file = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [first.id],
      includeCaseAudit: true,
      iterations: TEST_ITERATIONS,
    });
    const result = await importBackup(manager.session, file.text, EXPORT_PASSPHRASE);
    expect(result.summary.cases.added).toBe(1);
    const [imported] = await manager.session.listCaseSummaries();
    expect(imported).toMatchObject({
      id: first.id,
      author: "IDVA Ali",
      agency: "North IDVA Service",
      flags: ["marac-sent"],
    });
    expect(imported!.referralsSent?.marac).toBeDefined();
    const trail = await manager.session.listAudit({ caseId: first.id });
    expect(trail.map((entry) => entry.detail)).toEqual(expect.arrayContaining(["case", "referral sent: marac"]));
    expect(await manager.session.listAudit({ caseId: other.id })).toEqual([]);
    // Importing the same file again adds no second copy of the trail (ids clash with the sender's on this shared device).
    expect((await importBackup(manager.session, file.text, EXPORT_PASSPHRASE)).summary.auditEntriesAdded).toBe(0);
    expect(await manager.session.listAudit({ caseId: first.id })).toHaveLength(trail.length);

    clock.advance(60_000);
    await practitioner.session.saveCase({ id: first.id, details: { v: 2 }, summary: { brag: "red" } });
    const newer = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [first.id],
      includeCaseAudit: true,
      iterations: TEST_ITERATIONS,
    });
    const update = await importBackup(manager.session, newer.text, EXPORT_PASSPHRASE, REPLACE);
    expect(update.summary.cases).toEqual({ added: 0, replaced: 1, kept: 0, skipped: 0 });
    expect(await manager.session.listCaseSummaries()).toHaveLength(1);
    expect(await manager.session.getCase(first.id)).toMatchObject({
      details: { v: 2 },
      brag: "red",
      author: "IDVA Ali",
    });
  });

  it("without includeCaseAudit a case export still carries no audit trail", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const practitioner = await createUnlockedProfile(vault, "IDVA Ali");
    const manager = await createUnlockedProfile(vault, "Manager", OTHER_PASSPHRASE);
    const created = await practitioner.session.saveCase({ details: {} });
    const file = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });
    expect((await importBackup(manager.session, file.text, EXPORT_PASSPHRASE)).summary.auditEntriesAdded).toBe(0);
  });

  it("names cases made before authors were recorded after the exporting profile, and still imports rows without review fields", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const practitioner = await createUnlockedProfile(vault, "IDVA Ali");
    const manager = await createUnlockedProfile(vault, "Manager", OTHER_PASSPHRASE);
    const { author: _none, ...older } = await practitioner.session.saveCase({ details: {} });
    // An older row: no author field at all (written through the import path, so it is MACed like
    // a row adopted from before tamper evidence; editing the row directly would now be refused).
    const created = { ...older, id: "older-case" };
    await practitioner.session.importRecords(
      { cases: [{ ...created, details: {} }], assessments: [], packs: [], audit: [], settings: [] },
      "older",
    );
    const records = await practitioner.session.exportRecords({ caseIds: [created.id] });
    expect(records.cases[0]!.author).toBe("IDVA Ali");
    const { author: _author, ...withoutReviewFields } = records.cases[0]!;
    await manager.session.importRecords({ ...records, cases: [withoutReviewFields] }, "test");
    expect((await manager.session.listCaseSummaries())[0]!.author).toBeUndefined();
  });
});

describe("a case returned to its practitioner", () => {
  it("brings the review status and notes back without touching newer edits, and a resubmission keeps the review", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const practitioner = await createUnlockedProfile(vault, "IDVA Ali");
    const manager = await createUnlockedProfile(vault, "Manager Kim", OTHER_PASSPHRASE);
    const created = await practitioner.session.saveCase({ details: { v: 1 } });
    const sent = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });
    await importBackup(manager.session, sent.text, EXPORT_PASSPHRASE);

    // The practitioner carries on working while the manager reviews.
    clock.advance(60_000);
    await practitioner.session.saveCase({ id: created.id, details: { v: 2 } });
    clock.advance(60_000);
    await manager.session.saveReview(created.id, {
      note: "Record the lawful basis.",
      status: "returned-for-improvement",
    });
    const returned = await exportVault(manager.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });

    const back = await importBackup(practitioner.session, returned.text, EXPORT_PASSPHRASE);
    expect(back.summary.cases).toEqual({ added: 0, replaced: 0, kept: 1, skipped: 0 });
    expect(back.summary.reviewsMerged).toBe(1);
    const [row] = await practitioner.session.listCaseSummaries();
    expect(row).toMatchObject({ reviewStatus: "returned-for-improvement", flags: ["returned-for-improvement"] });
    expect((await practitioner.session.getCase(created.id)).details).toEqual({ v: 2 });
    expect((await practitioner.session.getReview(created.id)).notes.map((note) => [note.reviewer, note.note])).toEqual([
      ["Manager Kim", "Record the lawful basis."],
    ]);
    // Importing the same return again changes nothing.
    expect((await importBackup(practitioner.session, returned.text, EXPORT_PASSPHRASE)).summary.reviewsMerged).toBe(0);
    expect((await practitioner.session.getReview(created.id)).notes).toHaveLength(1);

    // The resubmitted case replaces the manager's copy; the later review stays, and the notes are not doubled.
    clock.advance(60_000);
    await practitioner.session.saveCase({ id: created.id, details: { v: 3 } });
    const resubmitted = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });
    const again = await importBackup(manager.session, resubmitted.text, EXPORT_PASSPHRASE, REPLACE);
    expect(again.summary.cases.replaced).toBe(1);
    const [managerRow] = await manager.session.listCaseSummaries();
    expect(managerRow).toMatchObject({ reviewStatus: "returned-for-improvement" });
    expect(managerRow!.updatedAt > managerRow!.reviewedAt!).toBe(true);
    expect((await manager.session.getCase(created.id)).details).toEqual({ v: 3 });
    expect((await manager.session.getReview(created.id)).notes).toHaveLength(1);
  });

  it("keeps a review made after the edits a resubmission carries", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const practitioner = await createUnlockedProfile(vault, "IDVA Ali");
    const manager = await createUnlockedProfile(vault, "Manager Kim", OTHER_PASSPHRASE);
    const created = await practitioner.session.saveCase({ details: { v: 1 } });
    await importBackup(
      manager.session,
      (
        await exportVault(practitioner.session, {
          passphrase: EXPORT_PASSPHRASE,
          caseIds: [created.id],
          iterations: TEST_ITERATIONS,
        })
      ).text,
      EXPORT_PASSPHRASE,
    );
    clock.advance(60_000);
    await practitioner.session.saveCase({ id: created.id, details: { v: 2 } });
    const edited = await exportVault(practitioner.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });
    clock.advance(60_000);
    await manager.session.saveReview(created.id, { note: "Fine.", status: "reviewed" });
    await importBackup(manager.session, edited.text, EXPORT_PASSPHRASE, REPLACE);
    expect((await manager.session.listCaseSummaries())[0]).toMatchObject({ reviewStatus: "reviewed" });
    expect((await manager.session.getCase(created.id)).details).toEqual({ v: 2 });
  });
});
