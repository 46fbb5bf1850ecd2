/**
 * When sync runs: while the vault is unlocked and the device online, at start, when the browser comes
 * back online, when the app gets focus, and every minute. Offline, no attempt is made and the status
 * says "offline". The triggers are injected (`browserTriggers` for the app, a hand-driven fake in
 * tests), so no test waits for a real minute.
 */

import { VaultLockedError } from "../errors";

export const SYNC_INTERVAL_MS = 60_000;

export interface SyncTriggers {
  isOnline(): boolean;
  /** Subscribes to "online" or "focus"; returns the unsubscribe. */
  on(event: "online" | "focus", listener: () => void): () => void;
  /** Calls `tick` every `ms`; returns the cancel. */
  every(ms: number, tick: () => void): () => void;
}

/** The browser's triggers: navigator.onLine, window "online"/"focus", setInterval. */
export function browserTriggers(target: Window = window): SyncTriggers {
  return {
    isOnline: () => target.navigator.onLine,
    on: (event, listener) => {
      target.addEventListener(event, listener);
      return () => target.removeEventListener(event, listener);
    },
    every: (ms, tick) => {
      const handle = target.setInterval(tick, ms);
      return () => target.clearInterval(handle);
    },
  };
}

/** What the scheduler drives (the engine). */
export interface Syncable {
  syncNow(): Promise<unknown>;
  markOffline(): Promise<void>;
}

export class SyncScheduler {
  readonly #engine: Syncable;
  readonly #triggers: SyncTriggers;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #stops: (() => void)[] = [];

  constructor(
    engine: Syncable,
    triggers: SyncTriggers,
    options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.#engine = engine;
    this.#triggers = triggers;
    this.#intervalMs = options.intervalMs ?? SYNC_INTERVAL_MS;
    this.#onError = options.onError ?? (() => undefined);
  }

  get running(): boolean {
    return this.#stops.length > 0;
  }

  /** Syncs now (if online) and on every trigger until `stop`. Calling it again changes nothing. */
  start(): void {
    if (this.running) return;
    const run = () => this.#run();
    this.#stops = [
      this.#triggers.on("online", run),
      this.#triggers.on("focus", run),
      this.#triggers.every(this.#intervalMs, run),
    ];
    run();
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  #run(): void {
    if (!this.running) return;
    const attempt = this.#triggers.isOnline() ? this.#engine.syncNow() : this.#engine.markOffline();
    attempt.catch((error: unknown) => {
      // Locked (or wiped) under a running round: nothing more can be synced in this session. Anything
      // else is reported and the next trigger tries again.
      if (error instanceof VaultLockedError) this.stop();
      this.#onError(error);
    });
  }
}
