// @vitest-environment node
// The debounced autosave reuses the seal made when the draft changed (prepareAssessmentDraft), so
// it need not encrypt again: only for exactly the content, draft, case and policy that were
// prepared, and each seal (its IV) goes into one write only.
import { afterEach, describe, expect, it, vi } from "vitest";
import { PASSPHRASE, TestClock, createUnlockedProfile, freshVault } from "../../testing/test-vault";
import type { VaultSession } from "../vault-session";

const draft = (caseId: string, content: unknown, id: string, policyVersion = "1") => ({
  id,
  caseId,
  questionSetId: "dash-ric-24",
  questionSetVersion: "1",
  policyName: "default",
  policyVersion,
  content,
});

async function setUp() {
  const clock = new TestClock();
  const { vault, db } = freshVault({ clock });
  const { session, profileId } = await createUnlockedProfile(vault);
  const saved = await session.saveCase({ details: { name: "x" } });
  const id = globalThis.crypto.randomUUID();
  // The first save of a session goes checked-first; the ones these tests look at are autosaves after it.
  await session.saveAssessmentDraft(draft(saved.id, { text: "a" }, id));
  const ivOf = async (assessmentId = id) =>
    (await db.assessments.toArray()).find((row) => row.id === assessmentId)!.sealed!.iv;
  const rowOf = async (assessmentId = id) => (await db.assessments.toArray()).find((row) => row.id === assessmentId)!;
  /** A fresh unlock: checks every record's version and MAC against the manifest, and the audit chain. */
  const reopen = async () => {
    await session.lock();
    return vault.unlock(profileId, PASSPHRASE);
  };
  return { session, db, caseId: saved.id, id, ivOf, rowOf, clock, reopen };
}

/**
 * Prepares a draft as the screen does and waits until its background seal is done: the encryption
 * it starts, then one macrotask (after every callback that encryption's result runs).
 */
async function prepareSealed(session: VaultSession, input: Parameters<VaultSession["prepareAssessmentDraft"]>[0]) {
  const encrypt = vi.spyOn(globalThis.crypto.subtle, "encrypt");
  session.prepareAssessmentDraft(input);
  const encryption = encrypt.mock.results[0]?.value as Promise<unknown> | undefined;
  encrypt.mockRestore();
  expect(encryption).toBeDefined();
  await encryption;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Counts the AES-GCM encryptions from here on. */
function countEncryptions() {
  return vi.spyOn(globalThis.crypto.subtle, "encrypt");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an autosave after prepare", () => {
  it("stores the prepared seal, without encrypting again, when the content is exactly what was prepared", async () => {
    const { session, caseId, id, ivOf } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(encrypt).not.toHaveBeenCalled();
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
    expect(await ivOf()).toMatch(/^[A-Za-z0-9+/]{16}$/);
  });

  it("seals afresh when the draft changed after it was prepared", async () => {
    const { session, caseId, id } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect((await session.getAssessment(id)).content).toEqual({ text: "abc" });
  });

  it("seals afresh when the prepared draft object was altered in place (compared by content, not by object)", async () => {
    const { session, caseId, id } = await setUp();
    const content = { text: "ab", answers: { q1: "yes" } };
    await prepareSealed(session, draft(caseId, content, id));
    content.answers.q1 = "no";
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, content, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab", answers: { q1: "no" } });
  });

  it("never stores a seal prepared for another draft, even with the same content (it is bound to its record)", async () => {
    const { session, db, caseId, id } = await setUp();
    await session.completeAssessment({ id, content: { text: "a" }, outcome: {}, riskLevel: "standard" });
    const other = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { text: "first" }, other));
    await prepareSealed(session, draft(caseId, { text: "same" }, id));
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "same" }, other));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect((await session.getAssessment(other)).content).toEqual({ text: "same" });
    expect((await db.assessments.toArray()).map((row) => row.status).sort()).toEqual(["completed", "draft"]);
  });

  it("seals afresh when the policy or question set differs from what was prepared", async () => {
    const { session, caseId, id } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id, "1"));
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id, "2"));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await session.listAssessments(caseId)).toEqual([expect.objectContaining({ policyVersion: "2" })]);
  });

  it("uses each prepared seal for one write only: saving the same content again gets a fresh IV", async () => {
    const { session, caseId, id, ivOf } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    const first = await ivOf();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await ivOf()).not.toBe(first);
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
  });

  it("does not reuse the seal the urgent write of a closing page already stored", async () => {
    const { session, caseId, id, ivOf } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    expect(session.writePreparedAssessmentDraft(id)).toBe(true);
    // Read after the urgent write's transaction (IndexedDB orders them), so this is the IV it stored.
    const urgentIv = await ivOf();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await ivOf()).not.toBe(urgentIv);
  });

  it("leaves the urgent write nothing to queue once a save has taken the prepared seal", async () => {
    const { session, caseId, id } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(session.writePreparedAssessmentDraft(id)).toBe(false);
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
  });

  it("still stores the newest content when the save comes before the prepared seal is ready", async () => {
    const { session, caseId, id } = await setUp();
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
  });
});

describe("the write stamped ahead, when the prepared seal finished", () => {
  it("is stored as it was stamped (its updatedAt is when the draft changed) and verifies at the next unlock", async () => {
    const { session, caseId, id, rowOf, clock, reopen } = await setUp();
    clock.advance(1_000);
    const changedAt = clock.now().toISOString();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    clock.advance(400);
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect((await rowOf()).updatedAt).toBe(changedAt);
    const again = await reopen();
    expect((await again.getAssessment(id)).content).toEqual({ text: "ab" });
    expect((await again.listAudit()).every((entry) => entry.integrity === "verified")).toBe(true);
  });

  it("is stamped afresh when another write moved the manifest on in between (the optimistic write goes checked-first)", async () => {
    const { session, caseId, id, rowOf, clock, reopen } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    clock.advance(400);
    await session.saveCase({ details: { name: "another case" } });
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect((await rowOf()).updatedAt).toBe(clock.now().toISOString());
    const again = await reopen();
    expect((await again.getAssessment(id)).content).toEqual({ text: "ab" });
    await expect(again.listCaseSummaries()).resolves.toHaveLength(2);
  });

  it("is stamped afresh when a save of this draft landed in between (its versions are no longer the newest)", async () => {
    const { session, caseId, id, rowOf, clock, reopen } = await setUp();
    await prepareSealed(session, draft(caseId, { text: "ab" }, id));
    clock.advance(400);
    await session.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    const between = await rowOf();
    clock.advance(400);
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    // A version is never reused: the write stamped before "abc" landed would have taken its version,
    // and "abc" put back later would then pass for the newest.
    expect((await rowOf()).ver).toBeGreaterThan(between.ver!);
    expect((await rowOf()).updatedAt > between.updatedAt).toBe(true);
    const again = await reopen();
    expect((await again.getAssessment(id)).content).toEqual({ text: "ab" });
    await expect(again.listCaseSummaries()).resolves.toHaveLength(1);
  });

  it("is not made for the first save of a session, which appends the draft's one edit entry to the audit chain", async () => {
    const { session, caseId, id, reopen } = await setUp();
    await session.lock();
    const again = await reopen();
    // Known to this session only after its first (checked) write, so that one is not stamped ahead.
    await again.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await prepareSealed(again, draft(caseId, { text: "abc" }, id));
    await again.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    const audit = await again.listAudit();
    expect(audit.filter((entry) => entry.detail === "assessment").map((entry) => entry.action)).toEqual([
      "edit",
      "create",
    ]);
    expect(audit.every((entry) => entry.integrity === "verified")).toBe(true);
    const third = await reopen();
    expect((await third.getAssessment(id)).content).toEqual({ text: "abc" });
  });
});
