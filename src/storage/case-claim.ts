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
/** How long "Take over" waits for the holding tab to save and let go before taking the claim anyway. */
export const DEFAULT_TAKE_OVER_WAIT_MS = 2_000;

export type CaseClaimResult =
  /** `release` resolves once the claim is actually free for another tab to take. */
  | { ok: true; release: () => Promise<void> }
  | { ok: false; reason: "open-elsewhere" | "already-open-here"; message: string };

export interface ClaimHandlers {
  /**
   * Another tab asked to take this case over. The holder should save what is pending, stop
   * editing and then call `release`; until it does, the other tab waits (at most the take-over wait).
   */
  onTakeOverRequested?: () => void;
  /** The claim was taken without this tab letting go (its holder looked stale): stop writing now. */
  onLost?: () => void;
}

export interface CaseClaimGuard {
  claimCase(caseId: string, handlers?: ClaimHandlers): Promise<CaseClaimResult>;
  /**
   * Claims a case another tab holds: asks that tab to save and let go, waits for it, and if it
   * does not answer in time (closed, frozen, asleep) takes the claim from it anyway.
   */
  takeOver(caseId: string, handlers?: ClaimHandlers): Promise<CaseClaimResult>;
  /** Releases every claim held by this guard and stops answering other tabs. */
  close(): void;
}

/** The slice of the Web Locks API we use, so tests can pass a stand-in. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

export interface CaseClaimGuardOptions {
  /** Defaults to `navigator.locks` when present. Pass `null` to force the BroadcastChannel fallback. */
  lockManager?: LockManagerLike | null;
  channelName?: string;
  replyWindowMs?: number;
  /** Told when another tab tried to open a case this tab holds (BroadcastChannel mode only). */
  onClaimAttemptElsewhere?: (caseId: string) => void;
  takeOverWaitMs?: number;
}

const OPEN_ELSEWHERE = "This case is open in another tab or window. Close it there before editing it here.";
const ALREADY_OPEN_HERE = "This case is already open for editing in this tab.";
const TAKE_OVER_FAILED = "This case could not be taken over from the other tab. Try again.";

/** Asks the tab holding a case to let go of it. Sent on the claims channel in both modes. */
type TakeOverMessage = { type: "take-over"; caseId: string; from: string };

function isTakeOver(message: unknown): message is TakeOverMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { type?: unknown }).type === "take-over" &&
    typeof (message as { caseId?: unknown }).caseId === "string"
  );
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
  return lockManager ? createWebLocksGuard(lockManager, options) : createBroadcastGuard(options);
}

let sharedTabGuard: CaseClaimGuard | null = null;

/** One guard per tab: claims are about tabs, so the case editor and the assessment share it. */
export function tabClaimGuard(): CaseClaimGuard {
  sharedTabGuard ??= createCaseClaimGuard();
  return sharedTabGuard;
}

function createWebLocksGuard(locks: LockManagerLike, options: CaseClaimGuardOptions): CaseClaimGuard {
  const tabId = globalThis.crypto.randomUUID();
  const takeOverWaitMs = options.takeOverWaitMs ?? DEFAULT_TAKE_OVER_WAIT_MS;
  const releases = new Map<string, () => Promise<void>>();
  const handlersOf = new Map<string, ClaimHandlers>();
  const channel =
    typeof BroadcastChannel === "function" ? new BroadcastChannel(options.channelName ?? DEFAULT_CHANNEL_NAME) : null;
  if (channel !== null) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isTakeOver(event.data) && event.data.from !== tabId)
        handlersOf.get(event.data.caseId)?.onTakeOverRequested?.();
    };
  }

  /** Resolves with the claim, or null when the lock was not granted (busy, or the wait was aborted). */
  const acquire = (
    caseId: string,
    request: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    handlers: ClaimHandlers,
  ): Promise<CaseClaimResult | null> =>
    new Promise<CaseClaimResult | null>((resolve, reject) => {
      let releaseLock!: () => void;
      const lockHeld = new Promise<void>((resolveHeld) => (releaseLock = resolveHeld));
      let granted = false;
      let released = false;
      const requestSettled: Promise<void> = locks
        .request(`safe-referral/case/${caseId}`, request, async (lock) => {
          if (lock === null) {
            resolve(null);
            return;
          }
          granted = true;
          const release = once(async () => {
            released = true;
            if (releases.get(caseId) === release) {
              releases.delete(caseId);
              handlersOf.delete(caseId);
            }
            releaseLock();
            await requestSettled;
          });
          releases.set(caseId, release);
          handlersOf.set(caseId, handlers);
          resolve({ ok: true, release });
          // The lock is held for as long as this callback's promise is pending.
          await lockHeld;
        })
        .then(
          () => undefined,
          (error: unknown) => {
            if (!granted) {
              // An aborted wait is "not granted", anything else is a real failure.
              if (error instanceof Error && error.name === "AbortError") resolve(null);
              else reject(error);
              return;
            }
            // Held, then taken by another tab's steal: this tab must stop writing at once.
            if (!released) {
              released = true;
              releases.delete(caseId);
              handlersOf.delete(caseId);
              handlers.onLost?.();
            }
          },
        );
    });

  return {
    async claimCase(caseId, handlers = {}) {
      if (releases.has(caseId)) return { ok: false, reason: "already-open-here", message: ALREADY_OPEN_HERE };
      return (
        (await acquire(caseId, { ifAvailable: true }, handlers)) ?? {
          ok: false,
          reason: "open-elsewhere",
          message: OPEN_ELSEWHERE,
        }
      );
    },
    async takeOver(caseId, handlers = {}) {
      if (releases.has(caseId)) return { ok: false, reason: "already-open-here", message: ALREADY_OPEN_HERE };
      channel?.postMessage({ type: "take-over", caseId, from: tabId } satisfies TakeOverMessage);
      const waited = await acquire(caseId, { signal: AbortSignal.timeout(takeOverWaitMs) }, handlers);
      if (waited !== null) return waited;
      // The holder did not let go in time (closed mid-way, frozen, asleep): take the lock from it.
      return (
        (await acquire(caseId, { steal: true }, handlers)) ?? {
          ok: false,
          reason: "open-elsewhere",
          message: TAKE_OVER_FAILED,
        }
      );
    },
    close() {
      for (const release of [...releases.values()]) void release();
      channel?.close();
    },
  };
}

type ClaimMessage =
  { type: "query"; caseId: string; from: string } | { type: "held"; caseId: string; to: string } | TakeOverMessage;

function createBroadcastGuard(options: CaseClaimGuardOptions): CaseClaimGuard {
  const tabId = globalThis.crypto.randomUUID();
  const replyWindowMs = options.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS;
  const channel = new BroadcastChannel(options.channelName ?? DEFAULT_CHANNEL_NAME);
  const takeOverWaitMs = options.takeOverWaitMs ?? DEFAULT_TAKE_OVER_WAIT_MS;
  /** Cases this tab holds, with what to tell the holder when another tab asks for one. */
  const held = new Map<string, ClaimHandlers>();
  /** Claims waiting out their reply window; value = "someone objected". */
  const pending = new Map<string, { contested: boolean }>();
  let closed = false;

  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data as ClaimMessage | null;
    // Ignore anything that isn't ours (the channel name is shared by every tab of the origin).
    if (typeof message !== "object" || message === null || typeof message.caseId !== "string") return;
    if (message.type === "take-over") {
      if (message.from !== tabId) held.get(message.caseId)?.onTakeOverRequested?.();
    } else if (message.type === "query") {
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

  const claimCase = async (caseId: string, handlers: ClaimHandlers = {}): Promise<CaseClaimResult> => {
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
    held.set(caseId, handlers);
    return {
      ok: true,
      release: once(async () => {
        held.delete(caseId);
      }),
    };
  };

  return {
    claimCase,
    async takeOver(caseId, handlers = {}) {
      if (closed) throw new Error("This case-claim guard has been closed.");
      if (held.has(caseId)) return { ok: false, reason: "already-open-here", message: ALREADY_OPEN_HERE };
      channel.postMessage({ type: "take-over", caseId, from: tabId } satisfies ClaimMessage);
      // A tab that is there saves and lets go; one that is gone stops answering. Either way, keep
      // asking until the wait is over. (Without Web Locks a live tab that never lets go cannot be forced.)
      const giveUpAt = Date.now() + takeOverWaitMs;
      for (;;) {
        const result = await claimCase(caseId, handlers);
        if (result.ok || Date.now() >= giveUpAt) return result.ok ? result : { ...result, message: TAKE_OVER_FAILED };
        await delay(replyWindowMs);
      }
    },
    close() {
      closed = true;
      held.clear();
      channel.close();
    },
  };
}
