// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { SEND_DELAY_MS, type SyncTriggers } from "../sync-scheduler";

/** Triggers whose one-off timers the test fires by hand; no interval or event ever fires. */
function handTimers() {
  const timers: { ms: number; tick: () => void }[] = [];
  const triggers: SyncTriggers = {
    isOnline: () => true,
    on: () => () => undefined,
    every: () => () => undefined,
    after: (ms, tick) => {
      const timer = { ms, tick };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  };
  return { triggers, timers };
}

/** Polls until the condition holds (or 2 s pass); the assertions after it say what was expected. */
const until = async (condition: () => boolean | Promise<boolean>) => {
  for (let attempt = 0; attempt < 400 && !(await condition()); attempt += 1) await new Promise((r) => setTimeout(r, 5));
};

describe("a save reaches the team a moment later, not at the next minute's round", () => {
  it("sends a saved case SEND_DELAY_MS after the save, through the app's own triggers", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    officer.teamSync.stopSync();
    const { triggers, timers } = handTimers();
    await officer.teamSync.startSync(officer.transport, { triggers });
    // The start's own round (nothing to send yet), waited for to its end rather than for a fixed time.
    await until(async () => {
      const status = await officer.engine.status();
      return !status.syncing && status.lastSyncedAt !== null;
    });
    expect(officer.network.calls).toContain("pull");

    await officer.session.saveCase({ details: { victim: "Planted Name" }, summary: { flags: [] } });
    expect(timers.map((timer) => timer.ms)).toEqual([SEND_DELAY_MS]);
    expect(server.envelopes).toHaveLength(0);
    timers.splice(0).forEach((timer) => timer.tick());
    // The server holds the envelope before the device has heard back and cleared its outbox,
    // so wait for both rather than reading the outbox the instant the server has it.
    await until(async () => server.envelopes.length > 0 && (await officer.engine.status()).waitingToSend === 0);
    expect(server.envelopes).toHaveLength(1);
    expect((await officer.engine.status()).waitingToSend).toBe(0);
  });
});
