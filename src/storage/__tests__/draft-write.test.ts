// @vitest-environment node
// The autosave fast path for drafts keeps every check of a normal write: nothing is written when
// the case is gone, the assessment is completed or belongs elsewhere, or the profile was wiped.
import { describe, expect, it, vi } from "vitest";
import { AssessmentCompletedError, InvalidInputError, RecordNotFoundError, VaultLockedError } from "../errors";
import type { SafeReferralDb } from "../db";
import { TestClock, createUnlockedProfile, dumpAllStores, freshVault, PASSPHRASE } from "../../testing/test-vault";

const draft = (caseId: string, content: unknown, id?: string) => ({
  ...(id === undefined ? {} : { id }),
  caseId,
  questionSetId: "dash-ric-24",
  questionSetVersion: "1",
  policyName: "default",
  policyVersion: "1",
  content,
});

describe("draft autosave write", () => {
  it("creates, then updates, a draft; audits one create and at most one edit per session", async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: { name: "x" } });
    const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
    for (let i = 2; i <= 5; i++) await session.saveAssessmentDraft(draft(saved.id, { q: i }, first.id));
    expect((await session.getAssessment(first.id)).content).toEqual({ q: 5 });
    const actions = (await db.audit.toArray())
      .filter((a) => a.detail === "assessment" && a.action !== "view")
      .map((a) => a.action);
    expect(actions).toEqual(["create"]);
    expect(await db.assessments.toArray()).toHaveLength(1);
  });

  it("refuses a draft for a deleted case and writes nothing", async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await session.deleteCase(saved.id);
    const before = await dumpAllStores(db);
    await expect(session.saveAssessmentDraft(draft(saved.id, { late: true }))).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("refuses to alter a completed assessment or move a draft to another case", async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const a = await session.saveCase({ details: {} });
    const b = await session.saveCase({ details: {} });
    const d = await session.saveAssessmentDraft(draft(a.id, { q: 1 }));
    await expect(session.saveAssessmentDraft(draft(b.id, { q: 2 }, d.id))).rejects.toBeInstanceOf(InvalidInputError);
    await session.completeAssessment({ id: d.id, content: { q: 1 }, outcome: {}, riskLevel: "high" });
    const before = await dumpAllStores(db);
    await expect(session.saveAssessmentDraft(draft(a.id, { q: 3 }, d.id))).rejects.toBeInstanceOf(
      AssessmentCompletedError,
    );
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("locks the session when its profile was wiped elsewhere", async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session, profileId } = await createUnlockedProfile(vault);
    const saved = await session.saveCase({ details: {} });
    await db.profiles.delete(profileId); // another tab wiped this profile
    await expect(session.saveAssessmentDraft(draft(saved.id, {}))).rejects.toBeInstanceOf(VaultLockedError);
    expect(await db.assessments.count()).toBe(0);
    expect(session.isLocked).toBe(true);
  });

  describe("one-round-trip path after the first save in a session", () => {
    /** Counts readwrite transactions on the raw IndexedDB connection, with the stores each one locked. */
    async function countTransactions(db: SafeReferralDb): Promise<string[][]> {
      if (!db.isOpen()) await db.open();
      const idb = db.backendDB();
      const seen: string[][] = [];
      const original = idb.transaction.bind(idb);
      idb.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
        if (mode === "readwrite") seen.push([stores].flat());
        return original(stores, mode, options);
      }) as typeof idb.transaction;
      return seen;
    }

    /** A second tab: its own Vault and session over the same database. */
    async function secondTab(db: SafeReferralDb, profileId: string) {
      const other = freshVault({ db }).vault;
      return other.unlock(profileId, PASSPHRASE);
    }

    it("writes in one transaction without the audit store once the draft is known", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      const transactions = await countTransactions(db);
      await session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id));
      // Only the draft and the manifest head are locked: the head alone proves nothing else moved.
      expect(transactions).toEqual([["assessments", "manifest"]]);
      const stored = await db.assessments.get([session.profileId, first.id]);
      expect(stored?.createdAt).toBe(first.createdAt);
      expect((await session.getAssessment(first.id)).content).toEqual({ q: 2 });
    });

    it("falls back to read-then-write when another tab saved the draft in between, keeping the later text", async () => {
      const { vault, db, clock } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      const other = await secondTab(db, profileId);
      clock.advance(1000);
      const fromOther = await other.saveAssessmentDraft(draft(saved.id, { other: true }, first.id));
      const transactions = await countTransactions(db);
      const mine = await session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id));
      expect(transactions).toHaveLength(2); // the optimistic attempt was aborted, then the checked write
      expect(mine.createdAt).toBe(first.createdAt);
      expect(mine.updatedAt > fromOther.updatedAt).toBe(true);
      expect((await session.getAssessment(first.id)).content).toEqual({ q: 2 });
      expect(await db.assessments.count()).toBe(1);
    });

    it("refuses, and writes nothing, when another tab completed the draft meanwhile", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      const other = await secondTab(db, profileId);
      await other.completeAssessment({ id: first.id, content: { final: true }, outcome: {}, riskLevel: "high" });
      const before = await dumpAllStores(db);
      await expect(session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id))).rejects.toBeInstanceOf(
        AssessmentCompletedError,
      );
      expect(await dumpAllStores(db)).toEqual(before);
    });

    it("refuses, and writes nothing, when another tab deleted the case meanwhile", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      const other = await secondTab(db, profileId);
      await other.deleteCase(saved.id);
      const before = await dumpAllStores(db);
      await expect(session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id))).rejects.toBeInstanceOf(
        RecordNotFoundError,
      );
      expect(await dumpAllStores(db)).toEqual(before);
    });

    it("locks, and writes nothing, when the profile was wiped meanwhile", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      await (await secondTab(db, profileId)).wipeVault(); // another tab wiped this profile
      expect(await db.profiles.get(profileId)).toBeUndefined();
      const before = await dumpAllStores(db);
      await expect(session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id))).rejects.toBeInstanceOf(
        VaultLockedError,
      );
      expect(await dumpAllStores(db)).toEqual(before);
      expect(session.isLocked).toBe(true);
    });

    it("refuses, and writes nothing, when the vault was emptied meanwhile (profile kept)", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      await (await secondTab(db, profileId)).wipeVault({ keepProfile: true });
      const before = await dumpAllStores(db);
      await expect(session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id))).rejects.toBeInstanceOf(
        RecordNotFoundError,
      );
      expect(await dumpAllStores(db)).toEqual(before);
    });

    it("goes checked-first when another tab wrote anything else in the profile (the head moved on)", async () => {
      const { vault, db } = freshVault({ clock: new TestClock() });
      const { session, profileId } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 1 }));
      await (await secondTab(db, profileId)).saveCase({ details: {} });
      const transactions = await countTransactions(db);
      await session.saveAssessmentDraft(draft(saved.id, { q: 2 }, first.id));
      expect(transactions).toEqual([
        ["assessments", "manifest"],
        ["profiles", "cases", "assessments", "audit", "manifest"],
      ]);
      expect((await session.getAssessment(first.id)).content).toEqual({ q: 2 });
    });

    it("keeps the last of several saves issued without waiting", async () => {
      const { vault } = freshVault({ clock: new TestClock() });
      const { session } = await createUnlockedProfile(vault);
      const saved = await session.saveCase({ details: {} });
      const first = await session.saveAssessmentDraft(draft(saved.id, { q: 0 }));
      // The first of them is slow to encrypt (as a long draft on a busy tablet is): only an ordered
      // queue stops it landing after the later ones.
      const subtle = globalThis.crypto.subtle;
      const encrypt = subtle.encrypt.bind(subtle);
      let calls = 0;
      const slowFirst = vi
        .spyOn(subtle, "encrypt")
        .mockImplementation(async (...args: Parameters<SubtleCrypto["encrypt"]>) => {
          calls += 1;
          if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 50));
          return encrypt(...args);
        });
      try {
        await Promise.all([1, 2, 3, 4].map((q) => session.saveAssessmentDraft(draft(saved.id, { q }, first.id))));
      } finally {
        slowFirst.mockRestore();
      }
      expect((await session.getAssessment(first.id)).content).toEqual({ q: 4 });
    });
  });
});
