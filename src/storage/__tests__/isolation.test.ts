// @vitest-environment node
import { describe, expect, it } from "vitest";
import { IntegrityError, RecordNotFoundError } from "../errors";
import { TestClock, OTHER_PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";

async function twoPractitioners() {
  const setup = freshVault({ clock: new TestClock() });
  const a = await createUnlockedProfile(setup.vault, "Practitioner A");
  const b = await createUnlockedProfile(setup.vault, "Practitioner B", OTHER_PASSPHRASE);
  const aCase = await a.session.saveCase({ details: { secret: "A only" }, summary: { flags: ["a-flag"] } });
  const aAssessment = await a.session.saveAssessmentDraft({
    caseId: aCase.id,
    questionSetId: "dash-ric",
    questionSetVersion: "1",
    policyName: "marac",
    policyVersion: "1",
    content: { q1: "yes" },
  });
  const aPack = await a.session.savePack({ caseId: aCase.id, kind: "marac", status: "draft", content: {} });
  await a.session.setSetting("signature", "A", { sensitive: true });
  return { ...setup, a, b, aCase, aAssessment, aPack };
}

describe("profile isolation", () => {
  it("B cannot list or open any of A’s records, even by id", async () => {
    const { b, aCase, aAssessment, aPack } = await twoPractitioners();
    expect(await b.session.listCaseSummaries()).toEqual([]);
    expect(await b.session.listAssessments(aCase.id)).toEqual([]);
    expect(await b.session.listPacks(aCase.id)).toEqual([]);
    expect(await b.session.getSetting("signature")).toBeUndefined();
    await expect(b.session.getCase(aCase.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(b.session.getAssessment(aAssessment.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(b.session.getPack(aPack.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    // Audit trails are per profile too: B sees only its own entries.
    expect((await b.session.listAudit()).every((entry) => entry.caseId !== aCase.id)).toBe(true);
    expect(await b.session.listAudit({ caseId: aCase.id })).toEqual([]);
  });

  it("B cannot change or delete A’s records", async () => {
    const { a, b, aCase, aAssessment } = await twoPractitioners();
    await expect(b.session.saveCase({ id: aCase.id, details: { hijacked: true } })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    await expect(b.session.deleteCase(aCase.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(
      b.session.completeAssessment({ id: aAssessment.id, content: {}, outcome: {}, riskLevel: "high" }),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(b.session.exportRecords({ caseIds: [aCase.id] })).rejects.toBeInstanceOf(RecordNotFoundError);
    expect((await a.session.getCase(aCase.id)).details).toEqual({ secret: "A only" });
  });

  it("even a row copied into B’s profile by a bug cannot be decrypted by B", async () => {
    const { db, a, b, aCase } = await twoPractitioners();
    const aRow = (await db.cases.get([a.profileId, aCase.id]))!;
    await db.cases.put({ ...aRow, profileId: b.profileId });
    // Not B's row (not in B's manifest, MACed under A's key): refused rather than listed as B's.
    await expect(b.session.listCaseSummaries()).rejects.toBeInstanceOf(IntegrityError);
    await expect(b.session.getCase(aCase.id)).rejects.toBeInstanceOf(IntegrityError);
  });

  it("a sealed payload swapped between two of A’s own rows is refused", async () => {
    const { db, a, aCase } = await twoPractitioners();
    const other = await a.session.saveCase({ details: { secret: "other case" } });
    const first = (await db.cases.get([a.profileId, aCase.id]))!;
    const second = (await db.cases.get([a.profileId, other.id]))!;
    await db.cases.put({ ...second, sealed: first.sealed });
    await expect(a.session.getCase(other.id)).rejects.toBeInstanceOf(IntegrityError);
  });
});
