// @vitest-environment node
// One writer per case, in storage: never two drafts for one case (checked inside the write's own
// transaction), and the urgent write a closing page makes is queued synchronously and never
// overtaken by an older save still in flight.
import { describe, expect, it } from "vitest";
import { DraftExistsError } from "../errors";
import { PASSPHRASE, TestClock, createUnlockedProfile, freshVault } from "../../testing/test-vault";

const draft = (caseId: string, content: unknown, id: string) => ({
  id,
  caseId,
  questionSetId: "dash-ric-24",
  questionSetVersion: "1",
  policyName: "default",
  policyVersion: "1",
  content,
});

async function setUp() {
  const { vault, db } = freshVault({ clock: new TestClock() });
  const { session, profileId } = await createUnlockedProfile(vault);
  const saved = await session.saveCase({ details: { name: "x" } });
  return { session, db, caseId: saved.id, vault, profileId };
}

/** Lets the background sealing of a prepared draft finish. */
const sealed = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("one draft per case", () => {
  it("refuses a second new draft for a case that has one in progress, naming the one to open", async () => {
    const { session, db, caseId } = await setUp();
    const tabA = globalThis.crypto.randomUUID();
    const tabB = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { from: "A" }, tabA));
    const refused = session.saveAssessmentDraft(draft(caseId, { from: "B" }, tabB));
    await expect(refused).rejects.toBeInstanceOf(DraftExistsError);
    await expect(refused).rejects.toMatchObject({ existingId: tabA });
    expect((await db.assessments.toArray()).map((row) => row.id)).toEqual([tabA]);
  });

  it("refuses the loser of two creations started at the same moment", async () => {
    const { session, db, caseId } = await setUp();
    const results = await Promise.allSettled([
      session.saveAssessmentDraft(draft(caseId, { from: "A" }, globalThis.crypto.randomUUID())),
      session.saveAssessmentDraft(draft(caseId, { from: "B" }, globalThis.crypto.randomUUID())),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.assessments.count()).toBe(1);
  });

  it("allows a new draft once the earlier one is completed", async () => {
    const { session, caseId } = await setUp();
    const first = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { n: 1 }, first));
    await session.completeAssessment({ id: first, content: { n: 1 }, outcome: { score: 0 }, riskLevel: "standard" });
    await expect(
      session.saveAssessmentDraft(draft(caseId, { n: 2 }, globalThis.crypto.randomUUID())),
    ).resolves.toMatchObject({ status: "draft" });
  });
});

describe("the urgent write of a page going away", () => {
  it("queues the write synchronously from the prepared (already sealed) content", async () => {
    const { session, caseId } = await setUp();
    const id = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await session.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    await session.prepareAssessmentDraft(draft(caseId, { text: "abcd" }, id));
    expect(session.writePreparedAssessmentDraft(id)).toBe(true);
    expect((await session.getAssessment(id)).content).toEqual({ text: "abcd" });
  });

  it("is not taken before this session has written (and so checked) the draft itself", async () => {
    const { session, caseId } = await setUp();
    const id = globalThis.crypto.randomUUID();
    await session.prepareAssessmentDraft(draft(caseId, { text: "a" }, id));
    expect(session.writePreparedAssessmentDraft(id)).toBe(false);
  });

  it("is never overwritten by an older save that was still being sealed", async () => {
    const { session, caseId } = await setUp();
    const id = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { text: "a" }, id));
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    const older = session.saveAssessmentDraft(draft(caseId, { text: "abc" }, id));
    await session.prepareAssessmentDraft(draft(caseId, { text: "abcd" }, id));
    session.writePreparedAssessmentDraft(id);
    await older;
    expect((await session.getAssessment(id)).content).toEqual({ text: "abcd" });
  });

  it("is stamped in the manifest with the row, so the next unlock finds nothing altered", async () => {
    const { session, caseId, vault, profileId } = await setUp();
    const id = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await session.prepareAssessmentDraft(draft(caseId, { text: "abc" }, id));
    expect(session.writePreparedAssessmentDraft(id)).toBe(true);
    await sealed();
    await session.lock();
    const again = await vault.unlock(profileId, PASSPHRASE);
    expect((await again.getAssessment(id)).content).toEqual({ text: "abc" });
    await expect(again.listCaseSummaries()).resolves.toHaveLength(1);
  });

  it("writes nothing when another write has moved the manifest on since (a stale head would read as tampering)", async () => {
    const { session, caseId, vault, profileId } = await setUp();
    const id = globalThis.crypto.randomUUID();
    await session.saveAssessmentDraft(draft(caseId, { text: "ab" }, id));
    await session.prepareAssessmentDraft(draft(caseId, { text: "abc" }, id));
    await session.saveCase({ details: { name: "another case" } });
    session.writePreparedAssessmentDraft(id);
    await sealed();
    expect((await session.getAssessment(id)).content).toEqual({ text: "ab" });
    await session.lock();
    const again = await vault.unlock(profileId, PASSPHRASE);
    await expect(again.listCaseSummaries()).resolves.toHaveLength(2);
    expect((await again.getAssessment(id)).content).toEqual({ text: "ab" });
  });
});
