// @vitest-environment node
// Issue 15 item 5: what a thief holding the IndexedDB files can change is refused or shown as broken.
// Each test tampers with the stored rows directly (as someone with the files would), then reopens.
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { importBackup } from "../backup-import";
import { TamperEvidenceError } from "../errors";
import { HmacKey, sha256 } from "../hmac";
import { reviewSettingKey } from "../review-notes";
import type { VaultSession } from "../vault-session";
import {
  OTHER_PASSPHRASE,
  PASSPHRASE,
  TestClock,
  createUnlockedProfile,
  dumpAllStores,
  freshDatabase,
  freshVault,
} from "../../testing/test-vault";

async function setup() {
  const fresh = freshVault({ clock: new TestClock() });
  const { profileId, session } = await createUnlockedProfile(fresh.vault);
  const reopen = async (): Promise<VaultSession> => {
    await session.lock().catch(() => undefined);
    return fresh.vault.unlock(profileId, PASSPHRASE);
  };
  return { ...fresh, profileId, session, reopen };
}

describe("sync HMAC-SHA-256", () => {
  it("matches Web Crypto for keys and messages of every length class", async () => {
    for (const [keyLength, messageLength] of [
      [0, 0],
      [32, 3],
      [64, 55],
      [70, 56],
      [13, 64],
      [32, 1000],
    ] as const) {
      const key = crypto.getRandomValues(new Uint8Array(keyLength));
      const message = crypto.getRandomValues(new Uint8Array(messageLength));
      const imported = await crypto.subtle.importKey(
        "raw",
        keyLength === 0 ? new Uint8Array(1) : key,
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"],
      );
      if (keyLength === 0) continue; // Web Crypto refuses empty HMAC keys
      const expected = new Uint8Array(await crypto.subtle.sign("HMAC", imported, message));
      expect(new HmacKey(key).mac(message)).toEqual(expected);
      expect(sha256(message)).toEqual(new Uint8Array(await crypto.subtle.digest("SHA-256", message)));
    }
  });

  it("matches Web Crypto at every message length around the padding boundaries, one call after another", async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const hmac = new HmacKey(key);
    const results: { message: Uint8Array<ArrayBuffer>; mac: Uint8Array; digest: Uint8Array }[] = [];
    for (let length = 0; length <= 200; length += 1) {
      const message = crypto.getRandomValues(new Uint8Array(length));
      // Kept, not checked at once: a later call must not change what an earlier one returned.
      results.push({ message, mac: hmac.mac(message), digest: sha256(message) });
    }
    for (const { message, mac, digest } of results) {
      expect(mac).toEqual(new Uint8Array(await crypto.subtle.sign("HMAC", imported, message)));
      expect(digest).toEqual(new Uint8Array(await crypto.subtle.digest("SHA-256", message)));
    }
  });
});

describe("clear fields are authenticated", () => {
  it("a case summary's risk level edited in IndexedDB is refused, not listed as 'standard'", async () => {
    const { db, profileId, session, reopen } = await setup();
    const saved = await session.saveCase({ details: { name: "V" }, summary: { riskLevel: "high" } });
    await db.cases.update([profileId, saved.id], { riskLevel: "standard" });
    const again = await reopen();
    await expect(again.listCaseSummaries()).rejects.toMatchObject({
      name: "TamperEvidenceError",
      reason: "record-altered",
    });
    await expect(again.getCase(saved.id)).rejects.toBeInstanceOf(TamperEvidenceError);
    // Nothing is written over it either: an edit would vouch for the altered field.
    await expect(again.saveCase({ id: saved.id, details: {} })).rejects.toBeInstanceOf(TamperEvidenceError);
  });

  it("an assessment's clear field and a clear setting edited in IndexedDB are refused", async () => {
    const { db, profileId, session, reopen } = await setup();
    const kase = await session.saveCase({ details: {} });
    const draft = await session.saveAssessmentDraft({
      caseId: kase.id,
      questionSetId: "dash",
      questionSetVersion: "1",
      policyName: "p",
      policyVersion: "1",
      content: {},
    });
    await session.setSetting("active-policy", "strict", { sensitive: false });
    await db.assessments.update([profileId, draft.id], { policyVersion: "0" });
    await db.settings.update([profileId, "active-policy"], { value: "lenient" });
    const again = await reopen();
    await expect(again.listAssessments(kase.id)).rejects.toBeInstanceOf(TamperEvidenceError);
    await expect(again.getSetting("active-policy")).rejects.toBeInstanceOf(TamperEvidenceError);
    // The autosave path refuses to build on the altered draft too.
    await expect(
      again.saveAssessmentDraft({
        id: draft.id,
        caseId: kase.id,
        questionSetId: "dash",
        questionSetVersion: "1",
        policyName: "p",
        policyVersion: "1",
        content: { q: 1 },
      }),
    ).rejects.toBeInstanceOf(TamperEvidenceError);
  });
});

describe("record versions", () => {
  it("an older ciphertext put back in place (old victim name) is refused", async () => {
    const { db, profileId, session, reopen } = await setup();
    const saved = await session.saveCase({ details: { victim: "Old Name" } });
    const older = (await db.cases.get([profileId, saved.id]))!;
    await session.saveCase({ id: saved.id, details: { victim: "New Name" } });
    await db.cases.put(older); // the whole older row, with its then-valid MAC
    const again = await reopen();
    await expect(again.getCase(saved.id)).rejects.toMatchObject({ reason: "records-rolled-back" });
    await expect(again.listCaseSummaries()).rejects.toBeInstanceOf(TamperEvidenceError);
  });

  it("an older ciphertext alone under the current row's clear fields is refused", async () => {
    const { db, profileId, session, reopen } = await setup();
    const saved = await session.saveCase({ details: { victim: "Old Name" } });
    const older = (await db.cases.get([profileId, saved.id]))!;
    await session.saveCase({ id: saved.id, details: { victim: "New Name" } });
    await db.cases.update([profileId, saved.id], { sealed: older.sealed });
    const again = await reopen();
    await expect(again.getCase(saved.id)).rejects.toMatchObject({ reason: "record-altered" });
  });

  it("a deleted record, or a manifest head put back with the older row, is noticed", async () => {
    const { db, profileId, session, reopen } = await setup();
    const first = await session.saveCase({ details: { a: 1 } });
    const olderRow = (await db.cases.get([profileId, first.id]))!;
    const olderHead = (await db.manifest.get(profileId))!;
    await session.saveCase({ id: first.id, details: { a: 2 } });
    await session.getCase(first.id); // audited: the chain moves past the older head
    await session.lock();
    // The row and the head put back together: the head is behind the audit chain it vouched for.
    await db.cases.put(olderRow);
    await db.manifest.put(olderHead);
    const again = await reopen();
    await expect(again.getCase(first.id)).rejects.toMatchObject({ reason: "manifest-altered" });
    expect((await again.listAudit()).chain.intact).toBe(false);

    const other = await setup();
    const kept = await other.session.saveCase({ details: {} });
    const removed = await other.session.saveCase({ details: {} });
    await other.db.cases.delete([other.profileId, removed.id]);
    const reopened = await other.reopen();
    await expect(reopened.getCase(kept.id)).rejects.toMatchObject({ reason: "records-rolled-back" });
  });

  it("a draft autosaved many times, deleted cases and imports keep the manifest consistent", async () => {
    const { session, reopen } = await setup();
    const kase = await session.saveCase({ details: {} });
    const input = {
      caseId: kase.id,
      questionSetId: "dash",
      questionSetVersion: "1",
      policyName: "p",
      policyVersion: "1",
    };
    const draft = await session.saveAssessmentDraft({ ...input, content: { q: 0 } });
    for (let index = 1; index < 5; index += 1) {
      await session.saveAssessmentDraft({ ...input, id: draft.id, content: { q: index } });
    }
    await session.completeAssessment({ id: draft.id, content: { q: 9 }, outcome: {}, riskLevel: "high" });
    const doomed = await session.saveCase({ details: {} });
    await session.savePack({ caseId: doomed.id, kind: "marac", status: "draft", content: {} });
    await session.deleteCase(doomed.id);
    await session.saveReview(kase.id, { note: "ok", status: "reviewed" });
    const again = await reopen();
    expect((await again.getAssessment(draft.id)).content).toEqual({ q: 9 });
    expect((await again.listCaseSummaries()).map((row) => row.riskLevel)).toEqual(["high"]);
    const audit = await again.listAudit();
    expect(audit.chain).toEqual({ intact: true, breaks: [] });
    expect(audit.every((entry) => entry.integrity === "verified")).toBe(true);
  });
});

describe("the audit trail is a hash chain", () => {
  async function withTrail() {
    const context = await setup();
    const kase = await context.session.saveCase({ details: {} });
    await context.session.getCase(kase.id);
    await context.session.recordAudit("share-pack", { caseId: kase.id, detail: "marac" });
    const rows = (await context.db.audit.where("profileId").equals(context.profileId).toArray()).sort(
      (a, b) => a.seq! - b.seq!,
    );
    return { ...context, kase, rows };
  }

  it("an edited entry is shown as broken, at that entry", async () => {
    const { db, rows, reopen } = await withTrail();
    const view = rows.find((row) => row.action === "view")!;
    await db.audit.update(view.id, { detail: "viewed by manager" });
    const audit = await (await reopen()).listAudit();
    expect(audit.chain.intact).toBe(false);
    expect(audit.chain.breaks).toEqual([expect.objectContaining({ reason: "altered", entryId: view.id })]);
    expect(audit.find((entry) => entry.id === view.id)!.integrity).toBe("broken");
    expect(audit.filter((entry) => entry.integrity === "broken")).toHaveLength(1);
  });

  it("a backdated entry is shown as broken", async () => {
    const { db, rows, reopen } = await withTrail();
    const share = rows.find((row) => row.action === "share-pack")!;
    await db.audit.update(share.id, { at: "2020-01-01T00:00:00.000Z" });
    const audit = await (await reopen()).listAudit();
    expect(audit.chain.breaks).toEqual([
      expect.objectContaining({ reason: "altered", entryId: share.id, at: "2020-01-01T00:00:00.000Z" }),
    ]);
  });

  it("a deleted entry breaks the chain at the next one", async () => {
    const { db, rows, reopen } = await withTrail();
    const index = rows.findIndex((row) => row.action === "view");
    await db.audit.delete(rows[index]!.id);
    const audit = await (await reopen()).listAudit();
    expect(audit.chain.breaks).toEqual([
      expect.objectContaining({ reason: "missing-before", entryId: rows[index + 1]!.id, after: rows[index - 1]!.at }),
    ]);
  });

  it("a cut tail is noticed while the manifest head is current", async () => {
    const { db, profileId, session } = await withTrail();
    const last = (await db.audit.where("profileId").equals(profileId).toArray()).sort((a, b) => b.seq! - a.seq!)[0]!;
    await db.audit.delete(last.id);
    const audit = await session.listAudit();
    expect(audit.chain.breaks).toEqual([expect.objectContaining({ reason: "tail-cut" })]);
  });

  it("a forged entry written without the key is broken; a failed unlock is 'unverified', not broken", async () => {
    const { db, profileId, vault, session } = await withTrail();
    await session.lock();
    await expect(vault.unlock(profileId, "wrong passphrase entirely")).rejects.toThrow();
    await db.audit.add({
      id: "2025-03-01T09:00:00.000Z_forged",
      profileId,
      caseId: null,
      at: "2025-03-01T09:00:00.000Z",
      actor: "practitioner",
      action: "view",
      detail: "viewed by manager",
    });
    await db.audit.add({
      id: "2025-03-01T09:00:01.000Z_forged-import",
      profileId,
      caseId: null,
      at: "2025-03-01T09:00:01.000Z",
      actor: "practitioner",
      action: "view",
      detail: "viewed by manager",
      source: "backup: 1 cases",
      seq: 99,
      mac: "AAAA",
    });
    const audit = await (await vault.unlock(profileId, PASSPHRASE)).listAudit();
    expect(audit.find((entry) => entry.action === "unlock-failed")!.integrity).toBe("unverified");
    expect(audit.find((entry) => entry.id.endsWith("_forged"))!.integrity).toBe("broken");
    expect(audit.find((entry) => entry.id.endsWith("_forged-import"))!.integrity).toBe("broken");
    expect(audit.chain.intact).toBe(false);
  });

  it("imported entries (even forged ones in the file) are marked imported, with their source", async () => {
    const sender = await setup();
    const kase = await sender.session.saveCase({ details: {} });
    const records = await sender.session.exportRecords({ caseIds: [kase.id], includeCaseAudit: true });
    // The file claims a manager viewed the case: it arrives as an imported claim, never as a local event.
    records.audit.push({
      id: "2025-03-01T10:00:00.000Z_claimed",
      caseId: kase.id,
      at: "2025-03-01T10:00:00.000Z",
      actor: "practitioner",
      action: "view",
      detail: "viewed by manager",
    });
    const receiver = await createUnlockedProfile(sender.vault, "Manager", OTHER_PASSPHRASE);
    await receiver.session.importRecords(records, "case-export: 1 cases, 0 assessments");
    const audit = await receiver.session.listAudit({ caseId: kase.id });
    const claimed = audit.find((entry) => entry.id === "2025-03-01T10:00:00.000Z_claimed")!;
    expect(claimed).toMatchObject({ integrity: "imported", source: "case-export: 1 cases, 0 assessments" });
    expect(audit.chain.intact).toBe(true);
    // Re-marking it as local (removing the source) breaks it.
    const row = (await sender.db.audit.where("profileId").equals(receiver.profileId).toArray()).find(
      (entry) => entry.id === claimed.id,
    )!;
    await sender.db.audit.put({ ...row, source: null });
    expect((await receiver.session.listAudit()).find((entry) => entry.id === claimed.id)!.integrity).toBe("broken");
  });

  it("imported entries go through the file path too (importBackup) and are not exported with local marks", async () => {
    const sender = await setup();
    const kase = await sender.session.saveCase({ details: {} });
    const file = await exportVault(sender.session, {
      passphrase: OTHER_PASSPHRASE,
      caseIds: [kase.id],
      includeCaseAudit: true,
      iterations: 1_000,
    });
    const receiver = await createUnlockedProfile(sender.vault, "Manager", OTHER_PASSPHRASE);
    await importBackup(receiver.session, file.text, OTHER_PASSPHRASE);
    const audit = await receiver.session.listAudit({ caseId: kase.id });
    expect(audit.filter((entry) => entry.action === "create").map((entry) => entry.integrity)).toEqual(["imported"]);
  });
});

describe("two-phase imports are stamped through the manifest", () => {
  it("replacements, a record written twice and imported audit entries keep the manifest and chain consistent", async () => {
    const sender = await setup();
    const kase = await sender.session.saveCase({ details: { victim: { name: "First" } } });
    const draftInput = {
      caseId: kase.id,
      questionSetId: "dash",
      questionSetVersion: "1",
      policyName: "p",
      policyVersion: "1",
    };
    const draft = await sender.session.saveAssessmentDraft({ ...draftInput, content: { q: 1 } });
    await sender.session.saveReview(kase.id, { note: "first look", status: "reviewed" });
    const receiver = await createUnlockedProfile(sender.vault, "Manager", OTHER_PASSPHRASE);
    const first = await sender.session.exportRecords({ caseIds: [kase.id], includeCaseAudit: true });
    await receiver.session.importRecords(first, "case-export: 1 cases, 1 assessments");

    // Newer copies, a second review note, and the review note's setting in the file as well: the
    // note is written twice in one import, the second write replacing the first.
    sender.clock.advance(60_000);
    await sender.session.saveCase({ id: kase.id, details: { victim: { name: "Second" } } });
    await sender.session.saveAssessmentDraft({ ...draftInput, id: draft.id, content: { q: 2 } });
    await sender.session.saveReview(kase.id, { note: "second look", status: "returned-for-improvement" });
    const second = await sender.session.exportRecords({ caseIds: [kase.id], includeCaseAudit: true });
    const review = second.cases[0]!.review!;
    second.settings.push({
      key: await reviewSettingKey(kase.id),
      updatedAt: review.notes[0]!.at,
      sensitive: true,
      value: review,
    });

    // A cancelled commit leaves every store, the manifest head and the audit chain included, as it was.
    const before = await dumpAllStores(sender.db);
    expect(before.manifest!.length).toBeGreaterThan(0);
    const plan = await receiver.session.analyseImport(second);
    const controller = new AbortController();
    controller.abort();
    await expect(
      receiver.session.commitImport(plan, { replace: true, applyPolicy: false }, "case-export", {
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect(await dumpAllStores(sender.db)).toEqual(before);

    const summary = await receiver.session.commitImport(
      await receiver.session.analyseImport(second),
      { replace: true, applyPolicy: false },
      "case-export: 1 cases, 1 assessments",
    );
    expect(summary.cases.replaced).toBe(1);
    expect(summary.assessments.replaced).toBe(1);
    expect(summary.settings.replaced).toBe(1);

    await receiver.session.lock();
    const again = await sender.vault.unlock(receiver.profileId, OTHER_PASSPHRASE);
    expect((await again.getCase(kase.id)).details).toEqual({ victim: { name: "Second" } });
    expect((await again.getAssessment(draft.id)).content).toEqual({ q: 2 });
    expect((await again.getReview(kase.id)).notes.map((note) => note.note)).toEqual(["second look", "first look"]);
    const audit = await again.listAudit();
    expect(audit.chain).toEqual({ intact: true, breaks: [] });
    const imported = audit.filter((entry) => entry.integrity === "imported");
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.every((entry) => entry.source?.startsWith("case-export"))).toBe(true);
    expect(audit.filter((entry) => entry.action === "import").map((entry) => entry.integrity)).toEqual([
      "verified",
      "verified",
    ]);
  });
});

describe("migration from before tamper evidence (schema v2 rows)", () => {
  it("adopts existing rows on the first unlock: readable, versioned, chained; later edits are refused", async () => {
    const writer = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(writer.vault);
    const kase = await session.saveCase({ details: { victim: "V" }, summary: { riskLevel: "high" } });
    await session.setSetting("theme", "dark", { sensitive: false });
    await session.lock();
    // The same rows as a v2 device held them: no ver, mac, seq, and no manifest.
    const factory = new IDBFactory();
    const v2 = freshDatabase({ factory, schemaVersion: 2 });
    for (const name of ["profiles", "cases", "assessments", "packs", "audit", "settings"]) {
      const rows = (await writer.db.table(name).toArray()).map(
        ({ ver: _ver, mac: _mac, seq: _seq, ...rest }: Record<string, unknown>) => rest,
      );
      await v2.table(name).bulkAdd(rows);
    }
    v2.close();

    const upgraded = freshVault({ db: freshDatabase({ factory }) });
    const after = await upgraded.vault.unlock(profileId, PASSPHRASE);
    expect((await after.getCase(kase.id)).details).toEqual({ victim: "V" });
    expect(await after.getSetting("theme")).toBe("dark");
    const stored = (await upgraded.db.cases.get([profileId, kase.id]))!;
    expect(stored).toMatchObject({ ver: expect.any(Number), mac: expect.any(String) });
    expect(await upgraded.db.manifest.get(profileId)).toBeDefined();
    const audit = await after.listAudit();
    expect(audit.chain.intact).toBe(true);
    expect(audit.every((entry) => entry.integrity === "verified")).toBe(true);
    await after.lock();

    // From now on the profile has a manifest: a stripped or edited row is refused.
    await upgraded.db.cases.put({ ...stored, riskLevel: "standard", ver: undefined, mac: undefined });
    const later = await upgraded.vault.unlock(profileId, PASSPHRASE);
    await expect(later.listCaseSummaries()).rejects.toMatchObject({ reason: "record-unauthenticated" });
  });
});

describe("cost", () => {
  it("a row MAC is small next to the case list's 300 ms budget for 5,000 summaries", () => {
    const key = new HmacKey(crypto.getRandomValues(new Uint8Array(32)));
    const message = new TextEncoder().encode("x".repeat(400)); // a case row's canonical clear fields
    const started = performance.now();
    for (let index = 0; index < 5_000; index += 1) key.mac(message);
    const elapsed = performance.now() - started;
    console.info(`5,000 row MACs (400 bytes): ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(1_000);
  });
});
