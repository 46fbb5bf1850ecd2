// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCaseClaimGuard, type CaseClaimGuard, type LockManagerLike } from "../case-claim";

const guards: CaseClaimGuard[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.close();
});

/** Two "tabs" on one channel. Node 20's BroadcastChannel delivers between instances in the same process. */
function twoTabs(extra: { onClaimAttemptElsewhere?: (caseId: string) => void } = {}) {
  const channelName = `test-claims-${globalThis.crypto.randomUUID()}`;
  const first = createCaseClaimGuard({ lockManager: null, channelName, replyWindowMs: 30, ...extra });
  const second = createCaseClaimGuard({ lockManager: null, channelName, replyWindowMs: 30 });
  guards.push(first, second);
  return { first, second };
}

describe("case claims over BroadcastChannel", () => {
  it("tells a second tab the case is open elsewhere, until the first releases it", async () => {
    const onClaimAttemptElsewhere = vi.fn();
    const { first, second } = twoTabs({ onClaimAttemptElsewhere });
    const claimed = await first.claimCase("case-1");
    expect(claimed.ok).toBe(true);

    const refused = await second.claimCase("case-1");
    expect(refused).toMatchObject({ ok: false, reason: "open-elsewhere" });
    expect(onClaimAttemptElsewhere).toHaveBeenCalledWith("case-1");

    // Other cases are unaffected.
    expect((await second.claimCase("case-2")).ok).toBe(true);

    if (claimed.ok) await claimed.release();
    expect((await second.claimCase("case-1")).ok).toBe(true);
    expect(await first.claimCase("case-1")).toMatchObject({ ok: false, reason: "open-elsewhere" });
  });

  it("when two tabs claim at the same moment exactly one wins", async () => {
    for (let round = 0; round < 5; round += 1) {
      const { first, second } = twoTabs();
      const results = await Promise.all([first.claimCase("case-x"), second.claimCase("case-x")]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    }
  });

  it("refuses a second claim from the same tab", async () => {
    const { first } = twoTabs();
    expect((await first.claimCase("case-1")).ok).toBe(true);
    expect(await first.claimCase("case-1")).toMatchObject({ ok: false, reason: "already-open-here" });
  });

  it("a closed tab (guard) no longer holds its claims", async () => {
    const { first, second } = twoTabs();
    expect((await first.claimCase("case-1")).ok).toBe(true);
    first.close();
    expect((await second.claimCase("case-1")).ok).toBe(true);
  });
});

describe("case claims over Web Locks", () => {
  /** Minimal in-memory stand-in for navigator.locks with ifAvailable semantics. */
  function fakeLockManager(): LockManagerLike {
    const held = new Set<string>();
    return {
      async request(name, _options, callback) {
        if (held.has(name)) return callback(null);
        held.add(name);
        try {
          return await callback({ name });
        } finally {
          held.delete(name);
        }
      },
    };
  }

  it("uses the lock manager when available and releases on request", async () => {
    const locks = fakeLockManager();
    const first = createCaseClaimGuard({ lockManager: locks });
    const second = createCaseClaimGuard({ lockManager: locks });
    guards.push(first, second);

    const claimed = await first.claimCase("case-1");
    expect(claimed.ok).toBe(true);
    expect(await second.claimCase("case-1")).toMatchObject({ ok: false, reason: "open-elsewhere" });
    if (claimed.ok) await claimed.release();
    expect((await second.claimCase("case-1")).ok).toBe(true);
  });
});
