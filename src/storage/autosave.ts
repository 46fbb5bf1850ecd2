/**
 * Debounced, loss-free autosave for one draft.
 *
 * Guarantees:
 * - the latest scheduled value is always eventually written (or stays pending
 *   and is retried on the next schedule/flush if a write fails): never dropped;
 * - writes run one at a time, and each write takes the newest value at the
 *   moment it starts, so an older value can never land after a newer one;
 * - `flush()` resolves only once everything scheduled before it is stored.
 *
 * Screens call `flush()` on blur, visibilitychange→hidden, pagehide and
 * before locking; passing `session` wires the last one up automatically.
 */

import type { VaultSession } from "./vault-session";

export const DEFAULT_AUTOSAVE_DELAY_MS = 400;

export interface DraftAutosaverOptions<T> {
  /** Persists one value, e.g. `(draft) => session.saveAssessmentDraft(draft)`. */
  save: (value: T) => Promise<unknown>;
  delayMs?: number;
  /** Called when a background (timer-triggered) write fails; the value stays pending for the next try. */
  onError?: (error: unknown) => void;
  /** If given, the session flushes this saver before it locks. */
  session?: VaultSession;
}

export interface DraftAutosaver<T> {
  schedule(value: T): void;
  flush(): Promise<void>;
  /** True while a value is waiting to be written or a write is in flight. */
  readonly hasUnsavedChanges: boolean;
  /** Flushes, then stops (unregisters from the session). */
  dispose(): Promise<void>;
}

export function createDraftAutosaver<T>(options: DraftAutosaverOptions<T>): DraftAutosaver<T> {
  const delayMs = options.delayMs ?? DEFAULT_AUTOSAVE_DELAY_MS;
  // Boxed so that `undefined` is a legitimate value to save.
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = 0;
  // Tail of the write queue; never rejects, so one failure doesn't poison later writes.
  let queue: Promise<void> = Promise.resolve();

  const cancelTimer = (): void => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };

  const writeLatest = (): Promise<void> => {
    inFlight += 1;
    const run = queue.then(async () => {
      const item = pending;
      if (item === null) return; // an earlier queued write already took the newest value
      pending = null;
      try {
        await options.save(item.value);
      } catch (error) {
        // Put it back unless something newer arrived meanwhile (that will be written instead).
        if (pending === null) pending = item;
        throw error;
      }
    });
    const settled = run.finally(() => {
      inFlight -= 1;
    });
    queue = settled.catch(() => undefined);
    return settled;
  };

  const flush = (): Promise<void> => {
    cancelTimer();
    return writeLatest();
  };

  const unregister = options.session?.onBeforeLock(flush);

  return {
    schedule(value: T): void {
      pending = { value };
      cancelTimer();
      timer = setTimeout(() => {
        timer = null;
        writeLatest().catch((error: unknown) => options.onError?.(error));
      }, delayMs);
    },
    flush,
    get hasUnsavedChanges(): boolean {
      return pending !== null || inFlight > 0;
    },
    async dispose(): Promise<void> {
      try {
        await flush();
      } finally {
        unregister?.();
      }
    },
  };
}
