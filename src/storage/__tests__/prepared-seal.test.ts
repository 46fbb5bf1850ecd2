// @vitest-environment node
// The debounced autosave reuses the seal made when the draft changed (prepareAssessmentDraft), so
// it need not encrypt again: only for exactly the content, draft, case and policy that were
// prepared, and each seal (its IV) goes into one write only.
import { afterEach, describe, expect, it, vi } from "vitest";
import { TestClock, createUnlockedProfile, freshVault } from "../../testing/test-vault";

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
  const { vault, db } = freshVault({ clock: new TestClock() });
  const { session } = await createUnlockedProfile(vault);
  const saved = await session.saveCase({ details: { name: "x" } });
  const id = globalThis.crypto.randomUUID();
  // The first save of a session goes checked-first; the ones these tests look at are autosaves after it.
  await session.saveAssessmentDraft(draft(saved.id, { text: "a" }, id));
  const ivOf = async (assessmentId = id) =>
    (await db.assessments.toArray()).find((row) => row.id === assessmentId)!.sealed!.iv;
  return { session, db, caseId: saved.id, id, ivOf };
}

/** Lets the background sealing of a prepared draft finish. */
const sealed = () => new Promise((resolve) => setTimeout(resolve, 20));

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
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await sealed();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(encrypt).not.toHaveBeenCalled();
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
    expect(await ivOf()).toMatch(/^[A-Za-z0-9+/]{16}$/);
  });

  it("seals afresh when the draft changed after it was prepared", async () => {
    const { session, caseId, id } = await setUp();
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await sealed();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect((await session.getAssessment(id)).content).toEqual({ text: "abc" });
  });

  it("seals afresh when the prepared draft object was altered in place (compared by content, not by object)", async () => {
    const { session, caseId, id } = await setUp();
    const content = { text: "ab", answers: { q1: "yes" } };
    session.prepareAssessmentDraft(draft(caseId, content, id));
    await sealed();
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
    session.prepareAssessmentDraft(draft(caseId, { text: "same" }, id));
    await sealed();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "same" }, other));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect((await session.getAssessment(other)).content).toEqual({ text: "same" });
    expect((await db.assessments.toArray()).map((row) => row.status).sort()).toEqual(["completed", "draft"]);
  });

  it("seals afresh when the policy or question set differs from what was prepared", async () => {
    const { session, caseId, id } = await setUp();
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id, "1"));
    await sealed();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id, "2"));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await session.listAssessments(caseId)).toEqual([expect.objectContaining({ policyVersion: "2" })]);
  });

  it("uses each prepared seal for one write only: saving the same content again gets a fresh IV", async () => {
    const { session, caseId, id, ivOf } = await setUp();
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await sealed();
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
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await sealed();
    expect(session.writePreparedAssessmentDraft(id)).toBe(true);
    await sealed();
    const urgentIv = await ivOf();
    const encrypt = countEncryptions();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await ivOf()).not.toBe(urgentIv);
  });

  it("leaves the urgent write nothing to queue once a save has taken the prepared seal", async () => {
    const { session, caseId, id } = await setUp();
    session.prepareAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await sealed();
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
