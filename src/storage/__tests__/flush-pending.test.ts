// @vitest-environment node
// session.flushPending(): the before-lock flushes without the lock, e.g. before the app reloads into a
// new version. Whatever an autosaver was still holding must be in the database afterwards.
import { describe, expect, it } from "vitest";
import { createDraftAutosaver } from "../autosave";
import { PendingSaveError } from "../errors";
import { TestClock, PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";

const draftInput = (caseId: string, content: unknown) => ({
  caseId,
  questionSetId: "dash-ric",
  questionSetVersion: "2009.1",
  policyName: "marac-threshold",
  policyVersion: "1",
  content,
});

describe("session.flushPending", () => {
  it("writes what a debounced autosaver still holds, and leaves the session unlocked", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const { id: caseId } = await session.saveCase({ details: {} });
    const assessmentId = globalThis.crypto.randomUUID();
    const saver = createDraftAutosaver<string>({
      session,
      delayMs: 60_000, // the timer would never fire within the test: only the flush can write it
      save: (text) => session.saveAssessmentDraft({ id: assessmentId, ...draftInput(caseId, { agency: text }) }),
    });
    saver.schedule("Haven Outreach");

    await session.flushPending();

    expect(saver.hasUnsavedChanges).toBe(false);
    expect(session.isLocked).toBe(false);
    expect((await session.getAssessment(assessmentId)).content).toEqual({ agency: "Haven Outreach" });
    // Still usable, and still flushed again by a later lock.
    saver.schedule("Haven Outreach Team");
    await session.lock();
    const reopened = await vault.unlock(session.profileId, PASSPHRASE);
    expect((await reopened.getAssessment(assessmentId)).content).toEqual({ agency: "Haven Outreach Team" });
  });

  it("tries every hook, then rejects with PendingSaveError if one failed; still unlocked", async () => {
    const { vault } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);
    const order: string[] = [];
    session.onBeforeLock(async () => {
      throw new Error("disk full");
    });
    session.onBeforeLock(async () => {
      order.push("second flush ran");
    });
    const error = await session.flushPending().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PendingSaveError);
    expect((error as PendingSaveError).causes).toHaveLength(1);
    expect(order).toEqual(["second flush ran"]);
    expect(session.isLocked).toBe(false);
    await expect(session.listCaseSummaries()).resolves.toEqual([]);
  });
});
