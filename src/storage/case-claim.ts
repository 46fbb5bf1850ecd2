/**
 * Cross-tab guard: only one tab (or window) on this device may edit a given
 * case at a time, so two tabs can't silently overwrite each other's autosaves.
 * The second tab is told the case is open elsewhere instead.
 *
 * Uses the Web Locks API when the browser has it (exclusive, released
 * automatically if a tab crashes). Otherwise falls back to a BroadcastChannel
 * handshake: a claimant asks "is anyone editing X?" and waits briefly for an
 * answer; a tab that dies simply stops answering, which releases its claims.
 */

export const DEFAULT_CHANNEL_NAME = "safe-referral/case-claims";
export const DEFAULT_REPLY_WINDOW_MS = 150;

export type CaseClaimResult =
  /** `release` resolves once the claim is actually free for another tab to take. */
  | { ok: true; release: () => Promise<void> }
  | { ok: false; reason: "open-elsewhere" | "already-open-here"; message: string };

export interface CaseClaimGuard {
  claimCase(caseId: string): Promise<CaseClaimResult>;
  /** Releases every claim held by this guard and stops answering other tabs. */
  close(): void;
}

/** The slice of the Web Locks API we use, so tests can pass a stand-in. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

export interface CaseClaimGuardOptions {
  /** Defaults to `navigator.locks` when present. Pass `null` to force the BroadcastChannel fallback. */
  lockManager?: LockManagerLike | null;
  channelName?: string;
  replyWindowMs?: number;
  /** Told when another tab tried to open a case this tab holds (BroadcastChannel mode only). */
  onClaimAttemptElsewhere?: (caseId: string) => void;
}

const OPEN_ELSEWHERE = "This case is open in another tab or window. Close it there before editing it here.";
const ALREADY_OPEN_HERE = "This case is already open for editing in this tab.";

function once<T>(action: () => T): () => T {
  let result: { value: T } | null = null;
  return () => {
    result ??= { value: action() };
    return result.value;
  };
}

function defaultLockManager(): LockManagerLike | null {
  const candidate = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return candidate ?? null;
}

export function createCaseClaimGuard(options: CaseClaimGuardOptions = {}): CaseClaimGuard {
  const lockManager = options.lockManager === undefined ? defaultLockManager() : options.lockManager;
  return lockManager ? createWebLocksGuard(lockManager) : createBroadcastGuard(options);
}

function createWebLocksGuard(locks: LockManagerLike): CaseClaimGuard {
  const releases = new Map<string, () => Promise<void>>();
  return {
    claimCase(caseId) {
      if (releases.has(caseId))
        return Promise.resolve({ ok: false, reason: "already-open-here", message: ALREADY_OPEN_HERE });
      return new Promise<CaseClaimResult>((resolve, reject) => {
        let releaseLock!: () => void;
        const lockHeld = new Promise<void>((resolveHeld) => (releaseLock = resolveHeld));
        const requestSettled = locks
          .request(`safe-referral/case/${caseId}`, { ifAvailable: true }, async (lock) => {
            if (lock === null) {
              resolve({ ok: false, reason: "open-elsewhere", message: OPEN_ELSEWHERE });
              return;
            }
            const release = once(async () => {
              releases.delete(caseId);
              releaseLock();
              await requestSettled;
            });
            releases.set(caseId, release);
            resolve({ ok: true, release });
            // The lock is held for as long as this callback's promise is pending.
            await lockHeld;
          })
          .then(
            () => undefined,
            (error: unknown) => reject(error),
          );
      });
    },
    close() {
      for (const release of [...releases.values()]) void release();
    },
  };
}

type ClaimMessage = { type: "query"; caseId: string; from: string } | { type: "held"; caseId: string; to: string };

function createBroadcastGuard(options: CaseClaimGuardOptions): CaseClaimGuard {
  const tabId = globalThis.crypto.randomUUID();
  const replyWindowMs = options.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS;
  const channel = new BroadcastChannel(options.channelName ?? DEFAULT_CHANNEL_NAME);
  const held = new Set<string>();
  /** Claims waiting out their reply window; value = "someone objected". */
  const pending = new Map<string, { contested: boolean }>();
  let closed = false;

  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data as ClaimMessage | null;
    // Ignore anything that isn't ours (the channel name is shared by every tab of the origin).
    if (typeof message !== "object" || message === null || typeof message.caseId !== "string") return;
    if (message.type === "query") {
      // Two tabs claiming at the same instant: the lower tab id wins, deterministically, so exactly one succeeds.
      const weWinTie = pending.has(message.caseId) && tabId < message.from;
      if (held.has(message.caseId) || weWinTie) {
        channel.postMessage({ type: "held", caseId: message.caseId, to: message.from } satisfies ClaimMessage);
        if (held.has(message.caseId)) options.onClaimAttemptElsewhere?.(message.caseId);
      }
    } else if (message.type === "held" && message.to === tabId) {
      const claim = pending.get(message.caseId);
      if (claim) claim.contested = true;
    }
  };

  return {
    async claimCase(caseId) {
      if (closed) throw new Error("This case-claim guard has been closed.");
      if (held.has(caseId) || pending.has(caseId)) {
        return { ok: false, reason: "already-open-here", message: ALREADY_OPEN_HERE };
      }
      const claim = { contested: false };
      pending.set(caseId, claim);
      channel.postMessage({ type: "query", caseId, from: tabId } satisfies ClaimMessage);
      await new Promise((resolve) => setTimeout(resolve, replyWindowMs));
      pending.delete(caseId);
      if (claim.contested || closed) {
        return { ok: false, reason: "open-elsewhere", message: OPEN_ELSEWHERE };
      }
      held.add(caseId);
      return {
        ok: true,
        release: once(async () => {
          held.delete(caseId);
        }),
      };
    },
    close() {
      closed = true;
      held.clear();
      channel.close();
    },
  };
}
