// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { VaultLockedError } from "../../errors";
import { SEND_DELAY_MS, SYNC_INTERVAL_MS, SyncScheduler, type Syncable, type SyncTriggers } from "../sync-scheduler";

/** Triggers driven by the test: fire("online"), fire("focus"), tick(). */
class HandTriggers implements SyncTriggers {
  online = true;
  readonly listeners = new Map<string, Set<() => void>>();
  readonly ticks = new Set<() => void>();
  intervalMs: number | null = null;

  isOnline(): boolean {
    return this.online;
  }

  on(event: "online" | "focus", listener: () => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  every(ms: number, tick: () => void): () => void {
    this.intervalMs = ms;
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  }

  readonly timers = new Map<number, { ms: number; tick: () => void }>();
  #nextTimer = 0;

  after(ms: number, tick: () => void): () => void {
    const id = (this.#nextTimer += 1);
    this.timers.set(id, { ms, tick });
    return () => this.timers.delete(id);
  }

  /** Fires every timer set so far (as if their time had passed). */
  elapse(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const timer of due) timer.tick();
  }

  fire(event: "online" | "focus"): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }

  tick(): void {
    for (const tick of this.ticks) tick();
  }

  get subscriptions(): number {
    return [...this.listeners.values()].reduce((total, set) => total + set.size, 0) + this.ticks.size;
  }
}

class CountingEngine implements Syncable {
  syncs = 0;
  sends = 0;
  offlines = 0;
  failWith: unknown = null;
  async syncNow(): Promise<void> {
    this.syncs += 1;
    if (this.failWith) throw this.failWith;
  }
  async sendNow(): Promise<void> {
    this.sends += 1;
  }
  async markOffline(): Promise<void> {
    this.offlines += 1;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sync scheduler", () => {
  it("syncs at start, when back online, on focus and every minute, while online", async () => {
    const triggers = new HandTriggers();
    const engine = new CountingEngine();
    const scheduler = new SyncScheduler(engine, triggers);
    scheduler.start();
    expect(triggers.intervalMs).toBe(SYNC_INTERVAL_MS);
    expect(SYNC_INTERVAL_MS).toBe(60_000);
    expect(engine.syncs).toBe(1);
    triggers.fire("online");
    triggers.fire("focus");
    triggers.tick();
    expect(engine.syncs).toBe(4);
    scheduler.start();
    expect(engine.syncs).toBe(4);
  });

  it("does not try while offline, and says so", async () => {
    const triggers = new HandTriggers();
    triggers.online = false;
    const engine = new CountingEngine();
    new SyncScheduler(engine, triggers).start();
    triggers.tick();
    triggers.fire("focus");
    expect(engine.syncs).toBe(0);
    expect(engine.offlines).toBe(3);
    triggers.online = true;
    triggers.fire("online");
    expect(engine.syncs).toBe(1);
  });

  it("stops listening when stopped, and stops itself when the vault is locked under it", async () => {
    const triggers = new HandTriggers();
    const engine = new CountingEngine();
    const errors: unknown[] = [];
    const scheduler = new SyncScheduler(engine, triggers, { onError: (error) => errors.push(error) });
    scheduler.start();
    scheduler.stop();
    expect(triggers.subscriptions).toBe(0);
    triggers.tick();
    expect(engine.syncs).toBe(1);

    engine.failWith = new Error("something unexpected");
    scheduler.start();
    await settle();
    expect(scheduler.running).toBe(true);
    engine.failWith = new VaultLockedError();
    triggers.tick();
    await settle();
    expect(scheduler.running).toBe(false);
    expect(triggers.subscriptions).toBe(0);
    expect(errors.map((error) => (error as Error).name)).toEqual(["Error", "VaultLockedError"]);
  });

  it("is stopped by locking the vault when started through the session", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const triggers = new HandTriggers();
    manager.teamSync.stopSync();
    await manager.teamSync.startSync(manager.transport, { triggers });
    expect(triggers.subscriptions).toBe(3);
    await manager.session.lock();
    expect(triggers.subscriptions).toBe(0);
    await expect(manager.session.openTeamSync()).rejects.toThrow(VaultLockedError);
  });
});

describe("sync scheduler: a save is sent a moment later", () => {
  it("sends once for a burst of saves, SEND_DELAY_MS after the last, with a push round", async () => {
    const triggers = new HandTriggers();
    const engine = new CountingEngine();
    const scheduler = new SyncScheduler(engine, triggers);
    scheduler.start();
    await settle();
    const syncsAtStart = engine.syncs;
    scheduler.changed();
    scheduler.changed();
    scheduler.changed();
    expect([...triggers.timers.values()]).toEqual([{ ms: SEND_DELAY_MS, tick: expect.any(Function) }]);
    expect(engine.sends).toBe(0);
    triggers.elapse();
    await settle();
    expect(engine.sends).toBe(1);
    expect(engine.syncs).toBe(syncsAtStart);
  });

  it("tries nothing offline or once stopped, and a stop cancels a send not yet made", async () => {
    const triggers = new HandTriggers();
    const engine = new CountingEngine();
    const scheduler = new SyncScheduler(engine, triggers);
    scheduler.changed();
    expect(triggers.timers.size).toBe(0);
    scheduler.start();
    triggers.online = false;
    scheduler.changed();
    expect(triggers.timers.size).toBe(0);
    triggers.online = true;
    scheduler.changed();
    scheduler.stop();
    expect(triggers.timers.size).toBe(0);
    triggers.elapse();
    await settle();
    expect(engine.sends).toBe(0);
  });
});
