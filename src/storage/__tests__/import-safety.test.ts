// @vitest-environment node
// Imports never silently overwrite (issue 15 item 6) and can be cancelled without a trace (item 1):
// future-dated records are refused, replacing a case or draft and changing the policy wait for a
// decision, the summary counts what really happened, and a cancel or a change made between the
// check and the commit leaves every store exactly as it was.
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { buildBackupPayload, canonicalJson, encryptEnvelope } from "../backup-file";
import { analyseBackup, commitBackupImport, importBackup } from "../backup-import";
import { readBackupFile } from "../backup-read";
import { sha256Hex } from "../crypto";
import { ImportError } from "../errors";
import { ACTIVE_POLICY_SETTING, readActivePolicy } from "../policy-setting";
import { KEEP_EVERYTHING, POLICY_SETTING_KEY, type ImportProgress } from "../import-types";
import type { PortableRecords } from "../portable-records";
import type { VaultSession } from "../vault-session";
import {
  OTHER_PASSPHRASE,
  TEST_ITERATIONS,
  TestClock,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
} from "../../testing/test-vault";

const FILE_PASSPHRASE = "handed over separately";
const REPLACE = { replace: true, applyPolicy: false };

async function twoProfiles() {
  const { vault, db, clock } = freshVault({ clock: new TestClock() });
  const a = await createUnlockedProfile(vault, "A");
  const b = await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE);
  return { db, clock, a: a.session, b: b.session };
}

async function caseFile(session: VaultSession, caseId: string): Promise<string> {
  return (await exportVault(session, { passphrase: FILE_PASSPHRASE, caseIds: [caseId], iterations: TEST_ITERATIONS }))
    .text;
}

/** A properly encrypted file holding `records` (so only what the test put in it is odd). */
async function fileOf(records: PortableRecords, kind: "backup" | "case-export" = "case-export"): Promise<string> {
  const payload = await buildBackupPayload(kind, records, new Date("2025-03-01T09:00:00.000Z"));
  payload.digest = await sha256Hex(canonicalJson(payload.records));
  return JSON.stringify(await encryptEnvelope(JSON.stringify(payload), FILE_PASSPHRASE, kind, TEST_ITERATIONS));
}

const ref = (id: string) => id.replace(/-/g, "").slice(0, 8).toUpperCase();

describe("records dated in the future", () => {
  it("refuses a case export dated 2099, naming the case, and changes nothing", async () => {
    const { db, a, b } = await twoProfiles();
    const created = await a.saveCase({ details: { victim: { name: "Original" } } });
    await importBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
    const { records } = await readBackupFile(await caseFile(a, created.id), FILE_PASSPHRASE);
    records.cases[0]!.updatedAt = "2099-01-01T00:00:00.000Z";
    records.cases[0]!.details = { victim: { name: "Replaced" } };
    const before = await dumpAllStores(db);

    const error = await importBackup(b, await fileOf(records as PortableRecords), FILE_PASSPHRASE, {
      decisions: REPLACE,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: "future-timestamp" });
    expect((error as Error).message).toContain(`The case with reference ${ref(created.id)}`);
    expect((error as Error).message).toContain("2099-01-01T00:00:00.000Z");
    expect(await dumpAllStores(db)).toEqual(before);
    expect((await b.getCase(created.id)).details).toEqual({ victim: { name: "Original" } });
  });

  it("allows up to 5 minutes ahead of this device's clock (clocks drift), not more", async () => {
    const { a } = await twoProfiles();
    const created = await a.saveCase({ details: {} });
    const { records } = await readBackupFile(await caseFile(a, created.id), FILE_PASSPHRASE);
    const now = new Date("2025-03-01T09:00:00.000Z");
    records.cases[0]!.updatedAt = new Date(now.getTime() + 4 * 60_000).toISOString();
    const text = await fileOf(records as PortableRecords);
    await expect(readBackupFile(text, FILE_PASSPHRASE, { now })).resolves.toBeDefined();
    records.assessments = [];
    records.cases[0]!.updatedAt = new Date(now.getTime() + 6 * 60_000).toISOString();
    await expect(
      readBackupFile(await fileOf(records as PortableRecords), FILE_PASSPHRASE, { now }),
    ).rejects.toMatchObject({ code: "future-timestamp" });
  });
});

describe("replacing a case or a draft", () => {
  it("lists which fields would change, writes nothing before the decision, and keeps this device's copy unless told", async () => {
    const { db, clock, a, b } = await twoProfiles();
    const created = await a.saveCase({
      details: { victim: { name: "Ann", safeContact: { phone: "1" } }, notes: "same" },
      summary: { brag: "amber" },
    });
    await importBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
    clock.advance(60_000);
    await a.saveCase({
      id: created.id,
      details: { victim: { name: "Anne", safeContact: { phone: "2" } }, notes: "same" },
      summary: { brag: "red" },
    });
    const newer = await caseFile(a, created.id);
    const before = await dumpAllStores(db);

    const analysed = await analyseBackup(b, newer, FILE_PASSPHRASE);
    expect(await dumpAllStores(db)).toEqual(before);
    expect(analysed.plan.replacements).toHaveLength(1);
    expect(analysed.plan.replacements[0]).toMatchObject({ caseId: created.id, summary: { brag: "amber" } });
    expect(analysed.plan.replacements[0]!.changes).toEqual([
      expect.objectContaining({
        store: "cases",
        fields: ["brag", "details.victim.name", "details.victim.safeContact"],
      }),
    ]);

    const kept = await commitBackupImport(b, analysed, KEEP_EVERYTHING);
    expect(kept.summary.cases).toEqual({ added: 0, replaced: 0, kept: 1, skipped: 0 });
    expect((await b.getCase(created.id)).details).toMatchObject({ victim: { name: "Ann" } });

    const replaced = await commitBackupImport(b, await analyseBackup(b, newer, FILE_PASSPHRASE), REPLACE);
    expect(replaced.summary.cases).toEqual({ added: 0, replaced: 1, kept: 0, skipped: 0 });
    expect(await b.getCase(created.id)).toMatchObject({ brag: "red", details: { victim: { name: "Anne" } } });
  });

  it("lists a local draft the file's completed assessment would replace, and counts it honestly", async () => {
    const { clock, a, b } = await twoProfiles();
    const created = await a.saveCase({ details: {} });
    const draft = await a.saveAssessmentDraft({
      caseId: created.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: { q1: "yes" },
    });
    await importBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
    clock.advance(60_000);
    await a.completeAssessment({ id: draft.id, content: { q1: "no" }, outcome: { score: 3 }, riskLevel: "standard" });
    const file = await caseFile(a, created.id);

    const analysed = await analyseBackup(b, file, FILE_PASSPHRASE);
    const change = analysed.plan.replacements
      .flatMap((entry) => entry.changes)
      .find((item) => item.store === "assessments");
    expect(change).toMatchObject({ id: draft.id, localStatus: "draft", fileStatus: "completed" });
    expect(change!.fields).toEqual(expect.arrayContaining(["status", "content.q1", "outcome", "riskLevel"]));

    const kept = await commitBackupImport(b, analysed, KEEP_EVERYTHING);
    expect(kept.summary.assessments).toEqual({ added: 0, replaced: 0, kept: 1, skipped: 0 });
    expect(await b.getAssessment(draft.id)).toMatchObject({ status: "draft", content: { q1: "yes" } });

    const replaced = await importBackup(b, file, FILE_PASSPHRASE, { decisions: REPLACE });
    expect(replaced.summary.assessments).toEqual({ added: 0, replaced: 1, kept: 0, skipped: 0 });
    expect(await b.getAssessment(draft.id)).toMatchObject({ status: "completed", content: { q1: "no" } });
  });

  it("refuses to commit if this device changed after the check (nothing written)", async () => {
    const { db, clock, a, b } = await twoProfiles();
    const created = await a.saveCase({ details: { v: 1 } });
    await importBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
    clock.advance(60_000);
    await a.saveCase({ id: created.id, details: { v: 2 } });
    const analysed = await analyseBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
    clock.advance(60_000);
    await b.saveCase({ id: created.id, details: { v: "typed meanwhile on B" } });
    const before = await dumpAllStores(db);

    await expect(commitBackupImport(b, analysed, REPLACE)).rejects.toMatchObject({ code: "changed-since-check" });
    expect(await dumpAllStores(db)).toEqual(before);
  });
});

describe("a backup that would change the active policy", () => {
  const lenient = { name: "lenient", version: 2, highRiskYesCount: 20, mediumRiskYesCount: 15 };

  it("shows the old and new thresholds, and makes the file's policy active only when told", async () => {
    const { a, b } = await twoProfiles();
    expect(POLICY_SETTING_KEY).toBe(ACTIVE_POLICY_SETTING);
    await a.setSetting(ACTIVE_POLICY_SETTING, lenient, { sensitive: false });
    const backup = (await exportVault(a, { passphrase: FILE_PASSPHRASE, iterations: TEST_ITERATIONS })).text;

    const analysed = await analyseBackup(b, backup, FILE_PASSPHRASE);
    expect(analysed.plan.policyChange).toMatchObject({
      current: { highRiskYesCount: 14, mediumRiskYesCount: 10 },
      currentIsDefault: true,
      incoming: { name: "lenient", highRiskYesCount: 20, mediumRiskYesCount: 15 },
      incomingIsDefault: false,
    });
    const kept = await commitBackupImport(b, analysed, KEEP_EVERYTHING);
    expect(kept.summary.policy).toBe("kept");
    expect(kept.summary.settings.kept).toBe(1);
    expect((await readActivePolicy(b)).isDefault).toBe(true);

    const applied = await importBackup(b, backup, FILE_PASSPHRASE, {
      decisions: { replace: false, applyPolicy: true },
    });
    expect(applied.summary.policy).toBe("applied");
    expect(applied.summary.settings.added).toBe(1);
    expect((await readActivePolicy(b)).policy).toMatchObject({ name: "lenient", highRiskYesCount: 20 });
  });

  it("never applies a policy that breaks the rules (highRiskYesCount 99), even when told to", async () => {
    const { a, b } = await twoProfiles();
    await a.setSetting(ACTIVE_POLICY_SETTING, { ...lenient, highRiskYesCount: 99 }, { sensitive: false });
    const backup = (await exportVault(a, { passphrase: FILE_PASSPHRASE, iterations: TEST_ITERATIONS })).text;
    const analysed = await analyseBackup(b, backup, FILE_PASSPHRASE);
    expect(analysed.plan.policyRefused).toBe(true);
    expect(analysed.plan.policyChange).toBeNull();
    const result = await commitBackupImport(b, analysed, { replace: true, applyPolicy: true });
    expect(result.summary.policy).toBe("refused");
    expect(result.summary.settings.skipped).toBe(1);
    expect(await b.getSetting(ACTIVE_POLICY_SETTING)).toBeUndefined();
  });
});

describe("cancelling an import", () => {
  async function bigFile(a: VaultSession, count: number) {
    const records: PortableRecords = { cases: [], assessments: [], packs: [], audit: [], settings: [] };
    for (let index = 0; index < count; index += 1) {
      const id = crypto.randomUUID();
      records.cases.push({
        id,
        createdAt: "2025-02-01T09:00:00.000Z",
        updatedAt: "2025-02-01T09:00:00.000Z",
        status: "open",
        riskLevel: null,
        brag: null,
        flags: [],
        qualityScore: null,
        latestAssessedAt: null,
        details: { victim: { name: `Person ${index}` } },
      });
      records.packs.push({
        id: crypto.randomUUID(),
        caseId: id,
        createdAt: "2025-02-01T09:00:00.000Z",
        updatedAt: "2025-02-01T09:00:00.000Z",
        kind: "marac",
        status: "draft",
        content: { letter: "x".repeat(100) },
      });
    }
    void a;
    return fileOf(records, "backup");
  }

  it.each(["restoring", "saving"] as const)("mid-way through %s, leaves every store byte-identical", async (phase) => {
    const { db, a, b } = await twoProfiles();
    await b.saveCase({ details: { mine: true } });
    const file = await bigFile(a, 600);
    const before = await dumpAllStores(db);
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const error = await importBackup(b, file, FILE_PASSPHRASE, {
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.phase === phase && progress.done > 0 && progress.done < progress.total) controller.abort();
      },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      code: "cancelled",
      message: "Import cancelled. Nothing on this device was changed.",
    });
    expect(seen.some((progress) => progress.phase === phase && progress.done > 0)).toBe(true);
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("reports progress that only goes up and ends at the total", async () => {
    const { a, b } = await twoProfiles();
    const seen: ImportProgress[] = [];
    const result = await importBackup(b, await bigFile(a, 300), FILE_PASSPHRASE, {
      onProgress: (progress) => seen.push(progress),
    });
    expect(result.summary.cases.added).toBe(300);
    for (const phase of ["restoring", "saving"] as const) {
      const steps = seen.filter((progress) => progress.phase === phase);
      expect(steps.map((step) => step.done)).toEqual([...steps.map((step) => step.done)].sort((x, y) => x - y));
      expect(steps.at(-1)).toEqual({ phase, done: 600, total: 600 });
    }
  });
});
