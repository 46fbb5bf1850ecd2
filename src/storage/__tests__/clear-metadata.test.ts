// Clear metadata cut to what the lists need (issue 15 item 4): after a realistic session, no agency
// or author name and no flag outside the allow-list is in clear anywhere in IndexedDB; older rows
// are migrated on unlock without losing anything.
import { describe, expect, it } from "vitest";
import { CLEAR_METADATA_KEY, isClearFlag } from "../clear-metadata";
import type { CaseRow } from "../db";
import {
  PASSPHRASE,
  PRACTITIONER,
  collectStrings,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
} from "../../testing/test-vault";

const REFUGE = "Haven Refuge North";
const OTHER_AGENCY = "Eastside Women's Aid";
const COLLEAGUE = "IDVA Ali Khan";
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

async function realisticSession() {
  const { db, vault } = freshVault();
  const { session, profileId } = await createUnlockedProfile(vault);
  const refuge = await session.addAgency(REFUGE);
  await session.addAgency("Temporary typo agency");
  const [, typo] = await session.listAgencies();
  await session.renameAgency(typo!.code, OTHER_AGENCY);
  const created = await session.saveCase({ details: { victim: { name: "Planted Victim" } } });
  const draft = await session.saveAssessmentDraft({
    caseId: created.id,
    questionSetId: "dash",
    questionSetVersion: "1",
    policyName: "default",
    policyVersion: "1",
    content: { assessor: { role: "idva", agency: REFUGE } },
  });
  await session.completeAssessment({
    id: draft.id,
    content: { assessor: { role: "idva", agency: REFUGE } },
    outcome: {},
    riskLevel: "high",
    caseSummary: {
      brag: "red",
      agency: REFUGE,
      assessorRole: "idva",
      qualityScore: 70,
      flags: ["marac-required", "level:floor:strangulation", "quality-missed:safe-contact", "some-other-note"],
    },
  });
  await session.markReferralSent(created.id, "marac");
  await session.saveReview(created.id, { status: "returned-for-improvement", note: "Add a safe contact" });
  // A colleague's case arrives in a file: its author and agency are names there.
  const file = await session.exportRecords({ caseIds: [created.id] });
  await session.importRecords(
    {
      ...file,
      cases: file.cases.map((row) => ({ ...row, id: "colleague-case", author: COLLEAGUE, agency: "Westside Refuge" })),
      assessments: [],
      packs: [],
      audit: [],
    },
    "file",
  );
  return { db, vault, session, profileId, refuge, caseId: created.id };
}

describe("clear metadata", () => {
  it("holds no agency or author name and no flag outside the allow-list in clear", async () => {
    const { db, session, profileId, refuge, caseId } = await realisticSession();
    const dump = await dumpAllStores(db);
    const { profiles, ...perProfile } = dump;
    const clear = JSON.stringify(perProfile);
    for (const planted of [
      REFUGE,
      OTHER_AGENCY,
      "Temporary typo agency",
      COLLEAGUE,
      "Westside Refuge",
      "Planted Victim",
    ]) {
      expect(clear).not.toContain(planted);
    }
    // The profile's own label is in clear only where the unlock screen needs it.
    expect(clear).not.toContain(PRACTITIONER);
    expect(JSON.stringify(profiles)).toContain(PRACTITIONER);

    const rows = perProfile.cases as CaseRow[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.flags.filter((flag) => !isClearFlag(flag))).toEqual([]);
      expect(row.agency).toMatch(/^agency-\d+$/);
      expect(row.author).toMatch(/^author-\d+$/);
      const { sealed: _sealed, ...clearFields } = row;
      // Every clear string is a code or a timestamp: no spaces, no prose.
      for (const text of collectStrings(clearFields)) {
        expect(text, text).toMatch(/^(\d{4}-\d\d-\d\dT[\d:.]+Z|[A-Za-z0-9][A-Za-z0-9._:-]{0,63})$/);
      }
    }
    const own = rows.find((row) => row.id === caseId)!;
    expect(own.agency).toBe(refuge.code);
    expect(own.flags).not.toContain("quality-missed:safe-contact");
    expect(own.flags).toContain("level:floor:strangulation");
    expect(own.flags).toContain("returned-for-improvement");
    const indexRow = (perProfile.settings as { key: string; value: unknown; sealed: unknown }[]).find(
      (row) => row.key === CLEAR_METADATA_KEY,
    )!;
    expect(indexRow.value).toBeNull();
    expect(indexRow.sealed).not.toBeNull();
    void profileId;

    // Screens still see names and every flag.
    const listed = await session.listCaseSummaries();
    const mine = listed.find((row) => row.id === caseId)!;
    expect(mine).toMatchObject({ agency: REFUGE, author: PRACTITIONER });
    expect(mine.flags).toEqual(
      expect.arrayContaining(["quality-missed:safe-contact", "some-other-note", "marac-sent"]),
    );
    expect(listed.find((row) => row.id === "colleague-case")).toMatchObject({
      author: COLLEAGUE,
      agency: "Westside Refuge",
    });
    // Files carry names, never this device's codes, and never the index itself.
    const backup = await session.exportRecords();
    expect(backup.cases.map((row) => row.agency).sort()).toEqual([REFUGE, "Westside Refuge"]);
    expect(backup.settings.map((row) => row.key)).not.toContain(CLEAR_METADATA_KEY);
    expect(
      collectStrings(backup.cases).filter((text) => CODE.test(text) && /^(agency|author)-\d+$/.test(text)),
    ).toEqual([]);
  });

  it("the agency list: add, rename (a draft's old name still finds its code), remove (older cases keep the name)", async () => {
    const { session } = await createUnlockedProfile(freshVault().vault);
    const first = await session.addAgency("Police Domestic Abuse Unit");
    expect(first.code).toBe("agency-1");
    expect((await session.addAgency("police domestic abuse unit")).code).toBe("agency-1");
    const created = await session.saveCase({ details: {}, summary: { agency: "Police Domestic Abuse Unit" } });
    await session.renameAgency(first.code, "DA Unit");
    expect(await session.listAgencies()).toEqual([{ code: "agency-1", name: "DA Unit" }]);
    await session.updateCaseSummary(created.id, { agency: "Police Domestic Abuse Unit" });
    expect((await session.getCase(created.id)).agency).toBe("DA Unit");
    await session.removeAgency(first.code);
    expect(await session.listAgencies()).toEqual([]);
    expect((await session.listCaseSummaries())[0]!.agency).toBe("DA Unit");
    const next = await session.addAgency("Refuge");
    expect(next.code).toBe("agency-2");
  });

  it("migrates older rows on unlock: free-text agency and author and named flags move into the sealed index", async () => {
    const { db, vault } = freshVault();
    const { session, profileId } = await createUnlockedProfile(vault);
    const created = await session.saveCase({ details: {} });
    const row = (await db.cases.get([profileId, created.id]))!;
    // As written before this change.
    await db.cases.put({
      ...row,
      agency: REFUGE,
      author: "Someone Else",
      qualityScore: 60,
      flags: ["marac-required", "quality-missed:safe-contact", "level:complete"],
    });
    await session.lock();

    const again = await vault.unlock(profileId, PASSPHRASE);
    const migrated = (await db.cases.get([profileId, created.id]))!;
    expect(migrated.agency).toMatch(/^agency-\d+$/);
    expect(migrated.author).toMatch(/^author-\d+$/);
    expect(migrated.flags).toEqual(["marac-required", "level:complete"]);
    expect(JSON.stringify(await dumpAllStores(db))).not.toContain(REFUGE);

    // Nothing lost: the screens see what was there, and the agency is in the profile's list.
    const [listed] = await again.listCaseSummaries();
    expect(listed).toMatchObject({ agency: REFUGE, author: "Someone Else", qualityScore: 60 });
    expect(listed!.flags.sort()).toEqual(["level:complete", "marac-required", "quality-missed:safe-contact"]);
    expect(await again.listAgencies()).toEqual([{ code: migrated.agency, name: REFUGE }]);
    // Idempotent.
    expect(await again.migrateClearMetadata()).toBe(0);
  });
});
