// A "not safe to ask" draft's codes on its case (issue 14 item 4): sealed in the clear-metadata index,
// put back on every case read so the lists show them without decrypting a case, replaced as the draft
// changes, left alone once the assessment is completed, carried by case exports.
import { describe, expect, it } from "vitest";
import type { CaseRow } from "../db";
import { InvalidInputError } from "../errors";
import type { VaultSession } from "../vault-session";
import { createUnlockedProfile, dumpAllStores, freshVault } from "../../testing/test-vault";

const DRAFT = {
  questionSetId: "dash-2009-police",
  questionSetVersion: "1",
  policyName: "default",
  policyVersion: "1",
  content: { safeToAsk: "no" },
};
const OBSERVED = ["not-safe:risk:high", "not-safe:level:observed", "not-safe:return-by:2025-03-14"];

async function caseWithDraft(session: VaultSession) {
  const created = await session.saveCase({
    details: {},
    summary: { flags: ["marac-required", "quality-missed:safe-contact"] },
  });
  const draft = await session.saveAssessmentDraft({ caseId: created.id, ...DRAFT });
  return { caseId: created.id, assessmentId: draft.id };
}

const flagsOf = async (session: VaultSession, caseId: string) =>
  (await session.listCaseSummaries()).find((row) => row.id === caseId)!.flags;

describe("an open draft's codes on its case", () => {
  it("are sealed, never on the clear row, and every case read puts them back", async () => {
    const { db, vault } = freshVault();
    const { session, profileId } = await createUnlockedProfile(vault);
    const { caseId, assessmentId } = await caseWithDraft(session);

    expect(await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: OBSERVED })).toBe(
      true,
    );
    expect(await flagsOf(session, caseId)).toEqual(["marac-required", "quality-missed:safe-contact", ...OBSERVED]);
    expect((await session.getCase(caseId)).flags).toEqual(expect.arrayContaining(OBSERVED));
    const row = (await db.cases.get([profileId, caseId])) as CaseRow;
    expect(row.flags).toEqual(["marac-required"]);
    expect(JSON.stringify(await dumpAllStores(db))).not.toMatch(/not-safe|2025-03-14/);
  });

  it("replace the draft's earlier codes, keep every other flag, and clear when there are none", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const { caseId, assessmentId } = await caseWithDraft(session);
    await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: OBSERVED });
    const later = ["not-safe:risk:medium", "not-safe:return-by:2025-04-01"];
    await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: later });
    expect(await flagsOf(session, caseId)).toEqual(["marac-required", "quality-missed:safe-contact", ...later]);
    await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: [] });
    expect(await flagsOf(session, caseId)).toEqual(["marac-required", "quality-missed:safe-contact"]);
  });

  it("are written before the draft's first save has landed", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const created = await session.saveCase({ details: {} });
    const assessmentId = globalThis.crypto.randomUUID();
    expect(
      await session.replaceDraftCaseCodes({ caseId: created.id, assessmentId, prefix: "not-safe:", codes: OBSERVED }),
    ).toBe(true);
    expect(await flagsOf(session, created.id)).toEqual(OBSERVED);
  });

  it("are left alone once the assessment is completed: a late draft update never brings them back", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const { caseId, assessmentId } = await caseWithDraft(session);
    await session.completeAssessment({
      id: assessmentId,
      content: DRAFT.content,
      outcome: {},
      riskLevel: "high",
      caseSummary: { flags: ["not-safe:return-by:2025-03-14"] },
    });
    expect(await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: OBSERVED })).toBe(
      false,
    );
    expect(await flagsOf(session, caseId)).toEqual(["not-safe:return-by:2025-03-14"]);
  });

  it("refuse a clear prefix, codes outside the prefix, another case's draft and a missing case", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const { caseId, assessmentId } = await caseWithDraft(session);
    const other = await session.saveCase({ details: {} });
    const attempts = [
      { caseId, assessmentId, prefix: "level:", codes: ["level:observed"] },
      { caseId, assessmentId, prefix: "not-safe:", codes: ["marac-sent"] },
      { caseId, assessmentId, prefix: "not-safe:", codes: ["not-safe:free text here"] },
      { caseId: other.id, assessmentId, prefix: "not-safe:", codes: OBSERVED },
    ];
    for (const attempt of attempts) {
      await expect(session.replaceDraftCaseCodes(attempt)).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(
      session.replaceDraftCaseCodes({ caseId: "no-such-case", assessmentId: "new", prefix: "not-safe:", codes: [] }),
    ).rejects.toThrow();
    expect(await flagsOf(session, caseId)).toEqual(["marac-required", "quality-missed:safe-contact"]);
  });

  it("travel in a case export and come back sealed on the device that imports it", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const { caseId, assessmentId } = await caseWithDraft(session);
    await session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: "not-safe:", codes: OBSERVED });
    const file = await session.exportRecords({ caseIds: [caseId] });
    expect(file.cases[0]!.flags).toEqual(expect.arrayContaining(OBSERVED));

    const { db, vault } = freshVault();
    const { session: manager, profileId } = await createUnlockedProfile(vault, "Manager Kim");
    await manager.importRecords(file, "file");
    expect(await flagsOf(manager, caseId)).toEqual(expect.arrayContaining(OBSERVED));
    expect((await db.cases.get([profileId, caseId]))!.flags).toEqual(["marac-required"]);
  });
});
