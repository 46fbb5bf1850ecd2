// Clear metadata cut to what the lists need (issue 15 item 4): after a realistic session, no agency
// or author name and no flag outside the allow-list is in clear anywhere in IndexedDB; older rows
// are migrated on unlock without losing anything.
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { CLEAR_METADATA_KEY, isClearFlag } from "../clear-metadata";
import { derivePassphraseWrappingKey, unwrapIntegrityMaterial } from "../crypto";
import type { CaseRow, SafeReferralDb } from "../db";
import { TamperEvidenceError } from "../errors";
import { ManifestWork, deriveIntegrityKeys, type IntegrityKeys } from "../integrity";
import {
  PASSPHRASE,
  PRACTITIONER,
  TestClock,
  collectStrings,
  createUnlockedProfile,
  dumpAllStores,
  freshDatabase,
  freshVault,
} from "../../testing/test-vault";

const REFUGE = "Haven Refuge North";
const OTHER_AGENCY = "Eastside Women's Aid";
const COLLEAGUE = "IDVA Ali Khan";
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The profile's MAC keys, derived as the vault does (for writing rows as an older app version did). */
async function integrityKeysOf(db: SafeReferralDb, profileId: string): Promise<IntegrityKeys> {
  const profile = (await db.profiles.get(profileId))!;
  const wrappingKey = await derivePassphraseWrappingKey(PASSPHRASE, profile.kdf.salt, profile.kdf.iterations);
  return deriveIntegrityKeys((await unwrapIntegrityMaterial(profile.wrappedDataKey, wrappingKey))!);
}

/**
 * Writes `row` as the app did with tamper evidence but before clear metadata: names and every flag
 * in clear, the row stamped and the manifest head updated in the same transaction.
 */
async function putAsBeforeClearMetadata(db: SafeReferralDb, profileId: string, row: CaseRow): Promise<void> {
  const keys = await integrityKeysOf(db, profileId);
  await db.transaction("rw", [db.cases, db.manifest], async () => {
    const work = new ManifestWork(keys, profileId, await db.manifest.get(profileId));
    const previous = await db.cases.get([profileId, row.id]);
    await db.cases.put(work.stamp("cases", row, previous));
    await db.manifest.put(work.row());
  });
}

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
      // The row's MAC (tamper evidence) is an HMAC-SHA-256 in base64: 32 random-looking bytes, no text.
      expect(row.mac).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      const { sealed: _sealed, mac: _mac, ...clearFields } = row;
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
    // As written before this change (with tamper evidence: stamped into the manifest).
    await putAsBeforeClearMetadata(db, profileId, {
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

    // The migration's rewrites and the index were stamped into the manifest: the next unlock trusts them.
    await again.lock();
    const third = await vault.unlock(profileId, PASSPHRASE);
    const [reread] = await third.listCaseSummaries();
    expect(reread).toMatchObject({ agency: REFUGE, author: "Someone Else", qualityScore: 60 });
    expect(reread!.flags.sort()).toEqual(["level:complete", "marac-required", "quality-missed:safe-contact"]);
    expect((await third.getCase(created.id)).agency).toBe(REFUGE);
    expect(await third.listAgencies()).toEqual([{ code: migrated.agency, name: REFUGE }]);
    expect((await third.listAudit()).chain.intact).toBe(true);
  });

  it("migrates rows from before tamper evidence too: adopted first, then moved, and trusted at the next unlock", async () => {
    const writer = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(writer.vault);
    const created = await session.saveCase({ details: {} });
    await session.lock();
    // As a v2 device held them: no ver, mac, seq, no manifest; names and every flag in clear.
    const factory = new IDBFactory();
    const v2 = freshDatabase({ factory, schemaVersion: 2 });
    for (const name of ["profiles", "cases", "assessments", "packs", "audit", "settings"]) {
      const rows = (await writer.db.table(name).toArray()).map(
        ({ ver: _ver, mac: _mac, seq: _seq, ...rest }: Record<string, unknown>) =>
          name === "cases"
            ? { ...rest, agency: REFUGE, author: COLLEAGUE, flags: ["s42-refer", "quality-missed:safe-contact"] }
            : rest,
      );
      await v2.table(name).bulkAdd(rows);
    }
    v2.close();

    const upgraded = freshVault({ db: freshDatabase({ factory }) });
    const first = await upgraded.vault.unlock(profileId, PASSPHRASE);
    const stored = (await upgraded.db.cases.get([profileId, created.id]))!;
    expect(stored).toMatchObject({ agency: expect.stringMatching(/^agency-\d+$/), flags: ["s42-refer"] });
    expect(stored).toMatchObject({ ver: expect.any(Number), mac: expect.any(String) });
    expect(JSON.stringify(await dumpAllStores(upgraded.db))).not.toContain(COLLEAGUE);
    await first.lock();

    const second = await upgraded.vault.unlock(profileId, PASSPHRASE);
    const [listed] = await second.listCaseSummaries();
    expect(listed).toMatchObject({ agency: REFUGE, author: COLLEAGUE });
    expect(listed!.flags.sort()).toEqual(["quality-missed:safe-contact", "s42-refer"]);
    expect((await second.listAudit()).chain.intact).toBe(true);
  });

  it("after an import, lock and unlock: no tamper error, names and flags read back", async () => {
    const { vault, session, profileId, caseId } = await realisticSession();
    await session.lock();
    const again = await vault.unlock(profileId, PASSPHRASE);
    const listed = await again.listCaseSummaries();
    expect(listed.find((row) => row.id === "colleague-case")).toMatchObject({
      author: COLLEAGUE,
      agency: "Westside Refuge",
    });
    expect(listed.find((row) => row.id === "colleague-case")!.flags).toEqual(
      expect.arrayContaining(["quality-missed:safe-contact", "some-other-note"]),
    );
    expect(listed.find((row) => row.id === caseId)).toMatchObject({ agency: REFUGE, author: PRACTITIONER });
    expect((await again.getCase("colleague-case")).author).toBe(COLLEAGUE);
    expect((await again.listAgencies()).map((agency) => agency.name)).toEqual(
      expect.arrayContaining([REFUGE, OTHER_AGENCY, "Westside Refuge"]),
    );
    expect(await again.migrateClearMetadata()).toBe(0);
    expect((await again.listAudit()).chain.intact).toBe(true);
  });

  it("refuses an index row changed outside the app (edited, unstamped, rolled back or removed)", async () => {
    const tampers: [string, (db: SafeReferralDb, profileId: string, older: unknown) => Promise<void>, string][] = [
      [
        "another ciphertext",
        async (db, profileId) => {
          const row = (await db.settings.get([profileId, CLEAR_METADATA_KEY]))!;
          const other = (await db.cases.toArray())[0]!;
          await db.settings.put({ ...row, sealed: other.sealed });
        },
        "record-altered",
      ],
      [
        "a clear value slipped in",
        async (db, profileId) => {
          const row = (await db.settings.get([profileId, CLEAR_METADATA_KEY]))!;
          await db.settings.put({ ...row, value: { agencies: [] } });
        },
        "record-altered",
      ],
      [
        "unstamped",
        async (db, profileId) => {
          const row = (await db.settings.get([profileId, CLEAR_METADATA_KEY]))!;
          await db.settings.put({ ...row, ver: undefined, mac: undefined });
        },
        "record-unauthenticated",
      ],
      [
        "an older version put back",
        async (db, _profileId, older) => {
          await db.settings.put(older as never);
        },
        "records-rolled-back",
      ],
      [
        "removed",
        async (db, profileId) => {
          await db.settings.delete([profileId, CLEAR_METADATA_KEY]);
        },
        "records-rolled-back",
      ],
    ];
    for (const [what, tamper, reason] of tampers) {
      const { db, vault } = freshVault();
      const { session, profileId } = await createUnlockedProfile(vault);
      await session.addAgency(REFUGE);
      const older = await db.settings.get([profileId, CLEAR_METADATA_KEY]);
      await session.saveCase({ details: {}, summary: { agency: REFUGE, flags: ["quality-missed:x"] } });
      await session.lock();
      await tamper(db, profileId, older);
      const again = await vault.unlock(profileId, PASSPHRASE);
      const refused = again.listCaseSummaries();
      await expect(refused, what).rejects.toBeInstanceOf(TamperEvidenceError);
      await expect(refused, what).rejects.toMatchObject({ reason });
      await expect(again.listAgencies(), what).rejects.toBeInstanceOf(TamperEvidenceError);
      await expect(again.addAgency("Another"), what).rejects.toBeInstanceOf(TamperEvidenceError);
    }
  });

  it("does not launder a tampered row: the unlock migration runs after the check and moves nothing", async () => {
    const { db, vault } = freshVault();
    const { session, profileId } = await createUnlockedProfile(vault);
    const created = await session.saveCase({ details: {} });
    await session.lock();
    // Written outside the app: a name in clear, keeping the old version and MAC.
    const row = (await db.cases.get([profileId, created.id]))!;
    await db.cases.put({ ...row, agency: "Forged Agency" });
    const headBefore = await db.manifest.get(profileId);
    const indexBefore = await db.settings.get([profileId, CLEAR_METADATA_KEY]);

    const again = await vault.unlock(profileId, PASSPHRASE);
    await expect(again.listCaseSummaries()).rejects.toMatchObject({ reason: "record-altered" });
    const after = (await db.cases.get([profileId, created.id]))!;
    expect(after).toMatchObject({ agency: "Forged Agency", ver: row.ver, mac: row.mac });
    expect(await db.settings.get([profileId, CLEAR_METADATA_KEY])).toEqual(indexBefore);
    expect((await db.manifest.get(profileId))!.clock).toBe(headBefore!.clock);
    await again.lock();
    const later = await vault.unlock(profileId, PASSPHRASE);
    await expect(later.listCaseSummaries()).rejects.toBeInstanceOf(TamperEvidenceError);
  });
});
