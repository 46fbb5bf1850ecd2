// @vitest-environment node
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { importBackup } from "../backup-import";
import { ImportError } from "../errors";
import type { VaultSession } from "../vault-session";
import {
  TestClock,
  OTHER_PASSPHRASE,
  TEST_ITERATIONS,
  createUnlockedProfile,
  freshVault,
} from "../../testing/test-vault";

const EXPORT_PASSPHRASE = "handed over separately";

async function populate(session: VaultSession) {
  const first = await session.saveCase({
    details: { person: "First Person" },
    summary: { brag: "amber", flags: ["stalking"] },
  });
  const second = await session.saveCase({ details: { person: "Second Person" } });
  const draft = await session.saveAssessmentDraft({
    caseId: first.id,
    questionSetId: "dash-ric",
    questionSetVersion: "1",
    policyName: "marac",
    policyVersion: "1",
    content: { q1: "yes" },
  });
  await session.completeAssessment({ id: draft.id, content: { q1: "yes" }, outcome: { score: 15 }, riskLevel: "high" });
  await session.savePack({ caseId: first.id, kind: "marac", status: "ready", content: { letter: "Dear MARAC" } });
  await session.setSetting("theme", "dark", { sensitive: false });
  await session.setSetting("signature", "Sam, IDVA", { sensitive: true });
  return { first, second, draftId: draft.id };
}

describe("whole-vault backup", () => {
  it("restores everything into a new profile on another device", async () => {
    const source = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(source.vault);
    const { first, second, draftId } = await populate(session);
    const exported = await exportVault(session, { passphrase: EXPORT_PASSPHRASE, iterations: TEST_ITERATIONS });
    expect(exported.kind).toBe("backup");
    expect(exported.fileName).toMatch(/^safe-referral-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const envelope = JSON.parse(exported.text) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(["ciphertext", "format", "formatVersion", "iv", "kdf", "kind"]);
    expect(envelope).toMatchObject({
      format: "safe-referral-backup",
      formatVersion: 1,
      kind: "backup",
      kdf: { iterations: TEST_ITERATIONS },
    });

    const target = freshVault({ clock: new TestClock() }); // a different device: a separate database
    const restored = await createUnlockedProfile(target.vault, "Sam on new laptop", OTHER_PASSPHRASE);
    const result = await importBackup(restored.session, exported.text, EXPORT_PASSPHRASE, { expectedKind: "backup" });
    expect(result.summary.cases).toEqual({ added: 2, replaced: 0, kept: 0, skipped: 0 });
    expect(result.summary.assessments.added).toBe(1);
    expect(result.summary.packs.added).toBe(1);
    expect(result.summary.settings.added).toBe(2);
    expect(result.summary.auditEntriesAdded).toBeGreaterThan(0);

    expect((await restored.session.getCase(first.id)).details).toEqual({ person: "First Person" });
    expect((await restored.session.getCase(second.id)).details).toEqual({ person: "Second Person" });
    expect(await restored.session.getAssessment(draftId)).toMatchObject({
      status: "completed",
      outcome: { score: 15 },
    });
    expect(await restored.session.getSetting("signature")).toBe("Sam, IDVA");
    expect(await restored.session.getSetting("theme")).toBe("dark");
    const [summary] = (await restored.session.listCaseSummaries()).filter((row) => row.id === first.id);
    expect(summary).toMatchObject({ brag: "amber", flags: ["stalking"], riskLevel: "high" });

    // Re-sealed under the importer's own key and row binding, not copied.
    const importedRow = await target.db.cases.get([restored.profileId, first.id]);
    const originalRow = await source.db.cases.get([session.profileId, first.id]);
    expect(importedRow!.sealed.ct).not.toBe(originalRow!.sealed.ct);
    expect((await restored.session.listAudit()).filter((entry) => entry.action === "import")).toEqual([
      expect.objectContaining({ detail: "backup: 2 cases, 1 assessments" }),
    ]);
  });

  it("carries the notes kept beside a completed assessment, and still restores assessments that have none", async () => {
    const source = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(source.vault);
    const { first, draftId } = await populate(session);
    const second = await session.saveAssessmentDraft({
      caseId: first.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: { q1: "no" },
    });
    const notes = { notSafeReason: "He stayed in the room", returnHow: "Call her sister" };
    await session.completeAssessment({
      id: second.id,
      content: { q1: "no" },
      outcome: { score: 2 },
      riskLevel: "standard",
      notes,
    });
    const exported = await exportVault(session, { passphrase: EXPORT_PASSPHRASE, iterations: TEST_ITERATIONS });

    const target = freshVault({ clock: new TestClock() });
    const restored = await createUnlockedProfile(target.vault, "Sam on new laptop", OTHER_PASSPHRASE);
    const result = await importBackup(restored.session, exported.text, EXPORT_PASSPHRASE, { expectedKind: "backup" });
    expect(result.summary.assessments.added).toBe(2);
    expect(await restored.session.getAssessment(second.id)).toMatchObject({
      status: "completed",
      content: { q1: "no" },
      notes,
    });
    expect((await restored.session.getAssessment(draftId)).notes).toBeUndefined();
  });

  it("is audited as an export", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    await populate(session);
    await exportVault(session, { passphrase: EXPORT_PASSPHRASE, iterations: TEST_ITERATIONS });
    expect((await session.listAudit({ limit: 1 }))[0]).toMatchObject({ action: "export", detail: "backup: 2 cases" });
  });

  it("refuses a short export passphrase", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    await expect(exportVault(session, { passphrase: "short", iterations: TEST_ITERATIONS })).rejects.toThrow(
      /at least 8/,
    );
  });
});

describe("case export between practitioners", () => {
  it("moves selected cases only, to another profile on the same device", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
    const { first, second } = await populate(a.session);

    const exported = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [first.id],
      iterations: TEST_ITERATIONS,
    });
    expect(exported.kind).toBe("case-export");
    await expect(
      importBackup(b.session, exported.text, EXPORT_PASSPHRASE, { expectedKind: "backup" }),
    ).rejects.toMatchObject({
      code: "kind-mismatch",
    });
    const result = await importBackup(b.session, exported.text, EXPORT_PASSPHRASE);
    expect(result.summary).toMatchObject({
      cases: { added: 1 },
      assessments: { added: 1 },
      packs: { added: 1 },
      settings: { added: 0 },
      auditEntriesAdded: 0,
    });

    expect((await b.session.listCaseSummaries()).map((row) => row.id)).toEqual([first.id]);
    expect((await b.session.getCase(first.id)).details).toEqual({ person: "First Person" });
    await expect(b.session.getCase(second.id)).rejects.toThrow();
    expect(await b.session.getSetting("signature")).toBeUndefined();
    // A still has its own copy, untouched.
    expect((await a.session.getCase(first.id)).details).toEqual({ person: "First Person" });
    // Export audited per case on A's side.
    expect((await a.session.listAudit({ caseId: first.id })).map((entry) => entry.action)).toContain("export");
    expect((await a.session.listAudit({ caseId: second.id })).map((entry) => entry.action)).not.toContain("export");
  });

  it("re-importing a newer version updates the case instead of duplicating it; an older one changes nothing", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
    const original = await a.session.saveCase({ details: { version: 1 } });
    const oldFile = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [original.id],
      iterations: TEST_ITERATIONS,
    });
    await importBackup(b.session, oldFile.text, EXPORT_PASSPHRASE);

    clock.advance(60_000);
    await a.session.saveCase({ id: original.id, details: { version: 2 }, summary: { brag: "red" } });
    const newFile = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [original.id],
      iterations: TEST_ITERATIONS,
    });

    const update = await importBackup(b.session, newFile.text, EXPORT_PASSPHRASE, {
      decisions: { replace: true, applyPolicy: false },
    });
    expect(update.summary.cases).toEqual({ added: 0, replaced: 1, kept: 0, skipped: 0 });
    expect(await b.session.listCaseSummaries()).toHaveLength(1);
    expect(await b.session.getCase(original.id)).toMatchObject({ details: { version: 2 }, brag: "red" });

    const stale = await importBackup(b.session, oldFile.text, EXPORT_PASSPHRASE);
    expect(stale.summary.cases).toEqual({ added: 0, replaced: 0, kept: 1, skipped: 0 });
    expect((await b.session.getCase(original.id)).details).toEqual({ version: 2 });

    const same = await importBackup(b.session, newFile.text, EXPORT_PASSPHRASE);
    expect(same.summary.cases).toEqual({ added: 0, replaced: 0, kept: 0, skipped: 1 });
    expect(await b.session.listCaseSummaries()).toHaveLength(1);
  });

  it("never replaces a completed assessment", async () => {
    const { vault, clock } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
    const caseRow = await a.session.saveCase({ details: {} });
    const draft = await a.session.saveAssessmentDraft({
      caseId: caseRow.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: { step: "completed-on-b" },
    });
    const fileWithDraft = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [caseRow.id],
      iterations: TEST_ITERATIONS,
    });
    await importBackup(b.session, fileWithDraft.text, EXPORT_PASSPHRASE);
    clock.advance(1_000);
    await b.session.completeAssessment({
      id: draft.id,
      content: { step: "completed-on-b" },
      outcome: { score: 3 },
      riskLevel: "standard",
    });

    clock.advance(1_000);
    await a.session.saveAssessmentDraft({
      id: draft.id,
      caseId: caseRow.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: { step: "later draft on a" },
    });
    const newerDraftFile = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [caseRow.id],
      iterations: TEST_ITERATIONS,
    });
    const result = await importBackup(b.session, newerDraftFile.text, EXPORT_PASSPHRASE, {
      decisions: { replace: true, applyPolicy: false },
    });
    expect(result.summary.assessments).toEqual({ added: 0, replaced: 0, kept: 1, skipped: 0 });
    expect(await b.session.getAssessment(draft.id)).toMatchObject({
      status: "completed",
      content: { step: "completed-on-b" },
    });
  });

  it("reports a locked vault as an ImportError", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    await a.session.saveCase({ details: {} });
    const file = await exportVault(a.session, { passphrase: EXPORT_PASSPHRASE, iterations: TEST_ITERATIONS });
    await a.session.lock();
    await expect(importBackup(a.session, file.text, EXPORT_PASSPHRASE)).rejects.toBeInstanceOf(ImportError);
  });

  it("accepts a File/Blob as well as text", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const a = await createUnlockedProfile(vault, "A");
    const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
    const created = await a.session.saveCase({ details: { via: "blob" } });
    const file = await exportVault(a.session, {
      passphrase: EXPORT_PASSPHRASE,
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });
    await importBackup(b.session, new Blob([file.text], { type: file.mimeType }), EXPORT_PASSPHRASE);
    expect((await b.session.getCase(created.id)).details).toEqual({ via: "blob" });
  });
});
