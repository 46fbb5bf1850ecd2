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
  /** Calls `tick` once after `ms`; returns the cancel. Without it, saves wait for the next trigger. */
  after?(ms: number, tick: () => void): () => void;
}

/** How long after a save its change is sent: autosaves in a burst go as one round. */
export const SEND_DELAY_MS = 2_000;

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
    after: (ms, tick) => {
      const handle = target.setTimeout(tick, ms);
      return () => target.clearTimeout(handle);
    },
  };
}

/** What the scheduler drives (the engine). */
export interface Syncable {
  syncNow(): Promise<unknown>;
  /** Sends what a save queued (a push round); syncNow when absent. */
  sendNow?(): Promise<unknown>;
  markOffline(): Promise<void>;
}

export class SyncScheduler {
  readonly #engine: Syncable;
  readonly #triggers: SyncTriggers;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #stops: (() => void)[] = [];
  #cancelSend: (() => void) | null = null;

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
    this.#cancelSend?.();
    this.#cancelSend = null;
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  /**
   * A change was saved here: send it SEND_DELAY_MS later (each further save in that time moves the send
   * on, so a burst of autosaves goes as one round). Offline, nothing is tried: the `online` trigger syncs.
   */
  changed(): void {
    if (!this.running || !this.#triggers.after || !this.#triggers.isOnline()) return;
    this.#cancelSend?.();
    this.#cancelSend = this.#triggers.after(SEND_DELAY_MS, () => {
      this.#cancelSend = null;
      this.#run("send");
    });
  }

  #run(kind: "sync" | "send" = "sync"): void {
    if (!this.running) return;
    const engine = this.#engine;
    const attempt = !this.#triggers.isOnline()
      ? engine.markOffline()
      : kind === "send" && engine.sendNow
        ? engine.sendNow()
        : engine.syncNow();
    attempt.catch((error: unknown) => {
      // Locked (or wiped) under a running round: nothing more can be synced in this session. Anything
      // else is reported and the next trigger tries again.
      if (error instanceof VaultLockedError) this.stop();
      this.#onError(error);
    });
  }
}
