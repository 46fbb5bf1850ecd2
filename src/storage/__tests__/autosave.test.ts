// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createDraftAutosaver } from "../autosave";
import { VaultLockedError } from "../errors";
import { TestClock, PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A save function whose writes take a random 0–5 ms, recording order and overlap. */
function recordingStore<T>() {
  const writes: T[] = [];
  let active = 0;
  let maxConcurrent = 0;
  const save = async (value: T) => {
    active += 1;
    maxConcurrent = Math.max(maxConcurrent, active);
    await sleep(Math.random() * 5);
    writes.push(value);
    active -= 1;
  };
  return { save, writes, maxConcurrent: () => maxConcurrent };
}

describe("draft autosaver", () => {
  it("debounces: many rapid schedules become one write of the latest value", async () => {
    const store = recordingStore<number>();
    const saver = createDraftAutosaver({ save: store.save, delayMs: 20 });
    for (let value = 1; value <= 100; value += 1) saver.schedule(value);
    expect(store.writes).toEqual([]);
    await sleep(60);
    expect(store.writes).toEqual([100]);
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it("coalesces: a value superseded before its write starts is never written", async () => {
    const store = recordingStore<string>();
    const saver = createDraftAutosaver({ save: store.save, delayMs: 10_000 });
    saver.schedule("first");
    const flushed = saver.flush();
    saver.schedule("second"); // before the queued write has begun
    await Promise.all([flushed, saver.flush()]);
    expect(store.writes).toEqual(["second"]);
  });

  it("flush writes the latest value straight away", async () => {
    const store = recordingStore<string>();
    const saver = createDraftAutosaver({ save: store.save, delayMs: 10_000 });
    saver.schedule("a");
    saver.schedule("b");
    expect(saver.hasUnsavedChanges).toBe(true);
    await saver.flush();
    expect(store.writes).toEqual(["b"]);
    await saver.flush(); // nothing pending: a no-op
    expect(store.writes).toEqual(["b"]);
  });

  it("serialises writes so an older value never lands after a newer one", async () => {
    const store = recordingStore<number>();
    const saver = createDraftAutosaver({ save: store.save, delayMs: 1 });
    const flushes: Promise<void>[] = [];
    for (let value = 1; value <= 200; value += 1) {
      saver.schedule(value);
      if (value % 7 === 0) flushes.push(saver.flush());
      if (value % 13 === 0) await sleep(2);
    }
    await Promise.all(flushes);
    await saver.flush();
    expect(store.maxConcurrent()).toBe(1);
    expect(store.writes.at(-1)).toBe(200);
    // Strictly increasing: each write took the newest value when it started.
    expect(store.writes).toEqual([...store.writes].sort((a, b) => a - b));
    expect(new Set(store.writes).size).toBe(store.writes.length);
  });

  it("flush waits for a write already in flight, then writes anything newer", async () => {
    const writes: string[] = [];
    let releaseFirst!: () => void;
    const firstWriteGate = new Promise<void>((resolve) => (releaseFirst = resolve));
    const saver = createDraftAutosaver<string>({
      delayMs: 10_000,
      save: async (value) => {
        if (value === "first") await firstWriteGate;
        writes.push(value);
      },
    });
    saver.schedule("first");
    const firstFlush = saver.flush();
    await sleep(1); // let the first write start and block
    saver.schedule("second");
    const secondFlush = saver.flush();
    await sleep(5);
    expect(writes).toEqual([]);
    releaseFirst();
    await Promise.all([firstFlush, secondFlush]);
    expect(writes).toEqual(["first", "second"]);
  });

  it("never drops a value whose write failed: it is retried on the next flush", async () => {
    const writes: number[] = [];
    let failNext = true;
    const onError = vi.fn();
    const saver = createDraftAutosaver<number>({
      delayMs: 5,
      onError,
      save: async (value) => {
        if (failNext) {
          failNext = false;
          throw new Error("disk full");
        }
        writes.push(value);
      },
    });
    saver.schedule(1);
    await sleep(30);
    expect(onError).toHaveBeenCalledOnce();
    expect(saver.hasUnsavedChanges).toBe(true);
    await saver.flush();
    expect(writes).toEqual([1]);
  });

  it("a failed older write does not overwrite a newer pending value", async () => {
    const writes: number[] = [];
    let releaseFailure!: () => void;
    const gate = new Promise<void>((resolve) => (releaseFailure = resolve));
    const saver = createDraftAutosaver<number>({
      delayMs: 10_000,
      save: async (value) => {
        if (value === 1) {
          await gate;
          throw new Error("transient");
        }
        writes.push(value);
      },
    });
    saver.schedule(1);
    const failing = saver.flush();
    await sleep(1); // the write of 1 is now in flight
    saver.schedule(2);
    releaseFailure();
    await expect(failing).rejects.toThrow("transient");
    await saver.flush();
    expect(writes).toEqual([2]);
    expect(saver.hasUnsavedChanges).toBe(false);
  });
});

describe("autosave with the vault", () => {
  async function draftSetup() {
    const { vault } = freshVault({ clock: new TestClock() });
    const { profileId, session } = await createUnlockedProfile(vault);
    const caseRow = await session.saveCase({ details: {} });
    const draftId = globalThis.crypto.randomUUID();
    const saveDraft = (s: typeof session) => (content: { answers: number }) =>
      s.saveAssessmentDraft({
        id: draftId,
        caseId: caseRow.id,
        questionSetId: "dash-ric",
        questionSetVersion: "1",
        policyName: "marac",
        policyVersion: "1",
        content,
      });
    return { vault, profileId, session, draftId, saveDraft };
  }

  it("no loss: rapid typing then flush stores the last value", async () => {
    const { session, draftId, saveDraft } = await draftSetup();
    const saver = createDraftAutosaver({ save: saveDraft(session), delayMs: 5, session });
    for (let answers = 1; answers <= 150; answers += 1) {
      saver.schedule({ answers });
      if (answers % 40 === 0) await sleep(10); // let some debounced writes happen mid-way
    }
    await saver.flush();
    expect((await session.getAssessment(draftId)).content).toEqual({ answers: 150 });
  });

  it("locking mid-way flushes pending changes before the key is dropped", async () => {
    const { vault, profileId, session, draftId, saveDraft } = await draftSetup();
    const onError = vi.fn();
    const saver = createDraftAutosaver({ save: saveDraft(session), delayMs: 10_000, session, onError });
    for (let answers = 1; answers <= 50; answers += 1) saver.schedule({ answers });
    await session.lock(); // no explicit flush: the lock does it

    expect(saver.hasUnsavedChanges).toBe(false);
    const reopened = await vault.unlock(profileId, PASSPHRASE);
    expect((await reopened.getAssessment(draftId)).content).toEqual({ answers: 50 });

    // After the lock the old session can't write; the value is kept, not silently lost.
    saver.schedule({ answers: 51 });
    await expect(saver.flush()).rejects.toBeInstanceOf(VaultLockedError);
    expect(saver.hasUnsavedChanges).toBe(true);
  });
});
