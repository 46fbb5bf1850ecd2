// @vitest-environment node
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS, profileRange, type AssessmentRow, type CaseRow } from "../db";
import { PASSPHRASE, freshDatabase, freshVault } from "../../testing/test-vault";

/** Parses a Dexie store spec into its primary key and set of indexes. */
function parseStoreSpec(spec: string): { primaryKey: string; indexes: Set<string> } {
  const [primaryKey = "", ...indexes] = spec.split(",").map((part) => part.trim());
  return { primaryKey, indexes: new Set(indexes) };
}

describe("schema history", () => {
  it("is numbered 1, 2, … with no gaps", () => {
    expect(SCHEMA_VERSIONS.map((schema) => schema.version)).toEqual(SCHEMA_VERSIONS.map((_schema, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.length);
  });

  it("is additive: no version drops a store, changes a primary key or removes an index", () => {
    for (let index = 1; index < SCHEMA_VERSIONS.length; index += 1) {
      const previous = SCHEMA_VERSIONS[index - 1]!;
      const next = SCHEMA_VERSIONS[index]!;
      for (const [store, spec] of Object.entries(previous.stores)) {
        const nextSpec = next.stores[store as keyof typeof next.stores];
        expect(nextSpec, `v${next.version} keeps store ${store}`).toBeDefined();
        const before = parseStoreSpec(spec);
        const after = parseStoreSpec(nextSpec ?? "");
        expect(after.primaryKey, `v${next.version} keeps ${store}'s primary key`).toBe(before.primaryKey);
        for (const indexSpec of before.indexes) {
          expect(after.indexes.has(indexSpec), `v${next.version} keeps ${store} index ${indexSpec}`).toBe(true);
        }
      }
    }
  });

  it("puts profileId first in the primary key of every per-profile store", () => {
    const latest = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!;
    for (const store of ["cases", "assessments", "packs", "settings"] as const) {
      expect(parseStoreSpec(latest.stores[store]).primaryKey).toMatch(/^\[profileId\+/);
    }
    expect(parseStoreSpec(latest.stores.audit).indexes.has("profileId")).toBe(true);
  });
});

describe("migration v1 → v2", () => {
  it("keeps every row and backfills latestAssessedAt from completed assessments", async () => {
    const factory = new IDBFactory();
    const v1 = freshDatabase({ factory, schemaVersion: 1 });
    await v1.open();
    expect(v1.verno).toBe(1);

    const sealed = { v: 1 as const, iv: "AAAAAAAAAAAAAAAA", ct: "AAAAAAAAAAAAAAAAAAAAAA==" };
    // v1-era case rows had no latestAssessedAt field.
    const v1Case = (id: string): Omit<CaseRow, "latestAssessedAt"> => ({
      id,
      profileId: "p1",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-02T00:00:00.000Z",
      status: "open",
      riskLevel: null,
      brag: null,
      flags: ["children-in-household"],
      qualityScore: null,
      sealed,
    });
    const assessment = (
      id: string,
      caseId: string,
      status: "draft" | "completed",
      assessedAt: string | null,
    ): AssessmentRow => ({
      id,
      caseId,
      profileId: "p1",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
      assessedAt,
      status,
      questionSetId: "dash",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      riskLevel: status === "completed" ? "high" : null,
      sealed,
    });
    await v1.cases.bulkAdd([v1Case("case-assessed"), v1Case("case-draft-only"), v1Case("case-none")] as CaseRow[]);
    await v1.assessments.bulkAdd([
      assessment("a1", "case-assessed", "completed", "2025-02-01T10:00:00.000Z"),
      assessment("a2", "case-assessed", "completed", "2025-02-03T10:00:00.000Z"),
      assessment("a3", "case-draft-only", "draft", null),
    ]);
    await v1.audit.add({
      id: "audit-1",
      profileId: "p1",
      caseId: "case-assessed",
      at: "2025-01-01T00:00:00.000Z",
      actor: "practitioner",
      action: "view",
      detail: null,
    });
    const before = {
      cases: await v1.cases.toArray(),
      assessments: await v1.assessments.toArray(),
      audit: await v1.audit.toArray(),
    };
    v1.close();

    const v2 = freshDatabase({ factory, schemaVersion: 2 });
    await v2.open();
    expect(v2.verno).toBe(2);

    const cases = await v2.cases.toArray();
    expect(cases).toHaveLength(3);
    const byId = new Map(cases.map((row) => [row.id, row]));
    expect(byId.get("case-assessed")!.latestAssessedAt).toBe("2025-02-03T10:00:00.000Z");
    expect(byId.get("case-draft-only")!.latestAssessedAt).toBeNull();
    expect(byId.get("case-none")!.latestAssessedAt).toBeNull();
    // Apart from the backfilled field, every row is exactly as it was.
    expect(cases.map(({ latestAssessedAt: _latest, ...rest }) => rest)).toEqual(expect.arrayContaining(before.cases));
    expect(await v2.assessments.toArray()).toEqual(before.assessments);
    expect(await v2.audit.toArray()).toEqual(before.audit);

    // The indexes added in v2 are usable.
    const lastAssessed = await v2.cases
      .where("[profileId+latestAssessedAt]")
      .between(...profileRange("p1"))
      .toArray();
    expect(lastAssessed.map((row) => row.id)).toEqual(["case-assessed"]);
    expect(await v2.audit.where("[profileId+caseId]").equals(["p1", "case-assessed"]).count()).toBe(1);
    v2.close();
  });

  it("keeps encrypted data readable: a case saved on v1 opens with the same passphrase after upgrading", async () => {
    // Today's code writes version-3 rows; the rows a v1 device held are the same without the
    // tamper-evidence fields (ver, mac, seq) and the manifest, so they are copied across stripped.
    const writer = freshVault();
    const { profileId } = await writer.vault.createProfile("Practitioner A", PASSPHRASE);
    const oldSession = await writer.vault.unlock(profileId, PASSPHRASE);
    const saved = await oldSession.saveCase({ details: { note: "written before the upgrade" } });
    await oldSession.lock();
    const factory = new IDBFactory();
    const v1 = freshDatabase({ factory, schemaVersion: 1 });
    for (const name of ["profiles", "cases", "assessments", "packs", "audit", "settings"]) {
      const rows = (await writer.db.table(name).toArray()).map(
        ({ ver: _ver, mac: _mac, seq: _seq, ...rest }: Record<string, unknown>) => rest,
      );
      await v1.table(name).bulkAdd(rows);
    }
    v1.close();

    const v2 = freshDatabase({ factory });
    const session = await freshVault({ db: v2 }).vault.unlock(profileId, PASSPHRASE);
    expect((await session.getCase(saved.id)).details).toEqual({ note: "written before the upgrade" });
    v2.close();
  });

  it("creates a fresh database directly at the latest version", async () => {
    const db = freshDatabase();
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [
        "assessments",
        "audit",
        "cases",
        "manifest",
        "packs",
        "profiles",
        "settings",
        "syncConflicts",
        "syncDevice",
        "syncKeys",
        "syncOutbox",
        "syncRecords",
        "syncState",
      ].sort(),
    );
    db.close();
  });
});

describe("migration v3 → v4 (team sync)", () => {
  it("adds the sync stores, each scoped by profile, and changes nothing that was there", async () => {
    const writer = freshVault();
    const { profileId } = await writer.vault.createProfile("Practitioner A", PASSPHRASE);
    const oldSession = await writer.vault.unlock(profileId, PASSPHRASE);
    const saved = await oldSession.saveCase({ details: { note: "written before team sync" } });
    await oldSession.lock();
    const factory = new IDBFactory();
    const v3 = freshDatabase({ factory, schemaVersion: 3 });
    const before: Record<string, unknown[]> = {};
    for (const name of ["profiles", "cases", "assessments", "packs", "audit", "settings", "manifest"]) {
      before[name] = await writer.db.table(name).toArray();
      await v3.table(name).bulkAdd(before[name]!);
    }
    expect(v3.verno).toBe(3);
    v3.close();

    const v4 = freshDatabase({ factory });
    await v4.open();
    expect(v4.verno).toBe(4);
    for (const [name, rows] of Object.entries(before)) expect(await v4.table(name).toArray()).toEqual(rows);
    const latest = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!;
    for (const store of ["syncRecords", "syncOutbox", "syncConflicts", "syncKeys"] as const) {
      expect(parseStoreSpec(latest.stores[store]!).primaryKey).toBe("[profileId+id]");
    }
    for (const store of ["syncDevice", "syncState"] as const) {
      expect(parseStoreSpec(latest.stores[store]!).primaryKey).toBe("profileId");
    }

    const session = await freshVault({ db: v4 }).vault.unlock(profileId, PASSPHRASE);
    expect((await session.getCase(saved.id)).details).toEqual({ note: "written before team sync" });
    const teamSync = await session.openTeamSync();
    expect(await teamSync.deviceIdentity()).toBeNull();
    expect((await teamSync.createDeviceIdentity()).publicKeys.fingerprint).toMatch(/^\d{4}( \d{4}){5}$/);
    v4.close();
  });
});
