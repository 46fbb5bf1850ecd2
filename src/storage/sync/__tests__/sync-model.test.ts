// @vitest-environment node
// A model-based property test of team sync: four devices (two managers, two practitioners) edit records
// offline, sync concurrently with pushes committing out of order, through networks that lose requests
// and answers, deliver requests twice and pull answers reordered, repeated and with old envelopes
// replayed; devices go offline and come back, restart (their database closed and opened again), and
// the server restarts mid-sync. Afterwards, once everyone is online and has chosen or merged every
// "changed on another device", every device holds every write it may read, and none it may not.
//
// Each record's body is the set of write ids it carries; an edit adds a new id to the device's current
// view of the record. So "holds every write" is: the latest version's set contains every id ever
// written to that record, by anyone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import type { PullPage } from "../transport";

const CASES = 3;
const RECORDS_PER_CASE = 2;
const caseId = (slot: number) => `00000000-0000-4000-8000-${String(1000 + slot).padStart(12, "0")}`;
// Record 0 of a case is the case itself; record 1 another record of it (e.g. its review).
const recordId = (caseSlot: number, recordSlot: number) =>
  recordSlot === 0
    ? caseId(caseSlot)
    : `00000000-0000-4000-9000-${String(caseSlot * 10 + recordSlot).padStart(12, "0")}`;

interface Faults {
  loseRequest: number;
  loseAnswer: number;
  twice: number;
  reshapePulls: boolean;
}

type Step =
  | { kind: "edit"; device: number; caseSlot: number; recordSlot: number }
  | {
      kind: "sync";
      devices: number[];
      rounds: number;
      /** Picks a device whose pushes take their sequence number but commit only after the others' rounds. */
      late: number | null;
      faults: Faults;
      restartServer: boolean;
    }
  | { kind: "network"; device: number; online: boolean }
  | { kind: "restart"; device: number }
  | { kind: "resolve"; device: number };

const faultsArb: fc.Arbitrary<Faults> = fc.record({
  // 0: never; n: every n-th request of the step (never every one: a device that cannot reach the server
  // at all is the "offline" step's case).
  loseRequest: fc.constantFrom(0, 0, 2, 3, 5),
  loseAnswer: fc.constantFrom(0, 0, 2, 3, 5),
  twice: fc.constantFrom(0, 1, 2, 3),
  reshapePulls: fc.boolean(),
});

const device = fc.nat(3);
const editArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant("edit" as const),
  device,
  caseSlot: fc.nat(CASES - 1),
  recordSlot: fc.nat(RECORDS_PER_CASE - 1),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: editArb },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      devices: fc.subarray([0, 1, 2, 3], { minLength: 2 }),
      // A second round lets a device pull while another's push is still committing.
      rounds: fc.integer({ min: 1, max: 2 }),
      late: fc.option(device, { nil: null, freq: 4 }),
      faults: faultsArb,
      restartServer: fc.nat(4).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("network" as const), device, online: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("resolve" as const), device }) },
);

function every(n: number): () => boolean {
  let count = 0;
  return () => n > 0 && (count += 1) % n === 0;
}

/** Reordered, with one envelope repeated and the previous page's envelopes replayed. */
function reshaper(): (page: PullPage) => PullPage {
  let previous: PullPage["envelopes"] = [];
  return (page) => {
    const envelopes = [...page.envelopes].reverse();
    if (envelopes.length > 0) envelopes.push(envelopes[0]!);
    const replayed = previous;
    previous = page.envelopes;
    return { ...page, envelopes: [...envelopes, ...replayed] };
  };
}

function writesOf(body: unknown): string[] {
  const writes = (body as { writes?: unknown } | null)?.writes;
  return Array.isArray(writes) ? (writes as string[]) : [];
}

const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

class Model {
  /** Who created each case (its readers are the creator and every manager). */
  readonly creators = new Map<number, number>();
  /** Every write id ever made, per record. */
  readonly writes = new Map<string, Set<string>>();
  #next = 0;

  constructor(readonly devices: TestSyncDevice[]) {}

  mayRead(deviceIndex: number, caseSlot: number): boolean {
    const creator = this.creators.get(caseSlot);
    return creator !== undefined && (creator === deviceIndex || this.devices[deviceIndex]!.role === "manager");
  }

  /** The device's current view of a record: its newest waiting change, else the team's version it holds. */
  async view(deviceIndex: number, id: string): Promise<string[]> {
    const engine = this.devices[deviceIndex]!.engine;
    const waiting = (await engine.listOutbox()).filter((entry) => entry.recordId === id);
    if (waiting.length > 0) {
      return writesOf(waiting.sort((a, b) => a.baseVersion - b.baseVersion).at(-1)!.document.body);
    }
    return writesOf((await engine.getRecord(id))?.document.body);
  }

  async knowsCase(deviceIndex: number, caseSlot: number): Promise<boolean> {
    if (this.creators.get(caseSlot) === deviceIndex) return true;
    const records = await this.devices[deviceIndex]!.engine.listRecords();
    return records.some((record) => record.document.caseId === caseId(caseSlot));
  }

  async edit(step: Extract<Step, { kind: "edit" }>): Promise<void> {
    if (!this.creators.has(step.caseSlot)) this.creators.set(step.caseSlot, step.device);
    else if (!(await this.knowsCase(step.device, step.caseSlot))) return;
    const id = recordId(step.caseSlot, step.recordSlot);
    const write = `${this.devices[step.device]!.name}#${(this.#next += 1)}`;
    const record = this.writes.get(id) ?? new Set<string>();
    record.add(write);
    this.writes.set(id, record);
    const writes = union(await this.view(step.device, id), [write]);
    await this.devices[step.device]!.engine.recordChange({
      recordId: id,
      caseId: caseId(step.caseSlot),
      kind: step.recordSlot === 0 ? "case" : "review",
      body: { writes },
    });
  }

  /** Merges every conflict on the device: its version, the team's, and anything changed here since. */
  async resolve(deviceIndex: number): Promise<void> {
    const engine = this.devices[deviceIndex]!.engine;
    for (const conflict of await engine.listConflicts()) {
      const merged = union(
        writesOf(conflict.mine.body),
        writesOf(conflict.theirs.document.body),
        await this.view(deviceIndex, conflict.recordId),
      );
      await engine.resolveConflict(conflict.id, { merged: { writes: merged } });
    }
  }
}

async function runSync(
  scheduler: fc.Scheduler,
  server: FakeTeamServer,
  devices: TestSyncDevice[],
  step: Extract<Step, { kind: "sync" }>,
): Promise<void> {
  const chosen = step.devices.map((index) => devices[index]!);
  for (const target of chosen) {
    target.network.loseRequest = every(step.faults.loseRequest);
    target.network.loseAnswer = every(step.faults.loseAnswer);
    target.network.deliverTwice = every(step.faults.twice);
    if (step.faults.reshapePulls) target.network.reshapePull = reshaper();
    target.network.hold = (where) => scheduler.schedule(Promise.resolve(), `${target.name} ${where}`);
  }
  // The late one is picked among the devices with something to send, so its push is really late.
  const senders: TestSyncDevice[] = [];
  for (const target of chosen) if ((await target.engine.status()).waitingToSend > 0) senders.push(target);
  const late =
    step.late === null || senders.length === 0 || chosen.length < 2 ? undefined : senders[step.late % senders.length];
  const rounds = async (target: TestSyncDevice, count: number) => {
    for (let round = 0; round < count; round += 1) await target.engine.syncNow();
  };
  if (step.restartServer) void scheduler.schedule(Promise.resolve(), "server restart").then(() => server.restart());
  if (!late) {
    await scheduler.waitFor(Promise.all(chosen.map((target) => rounds(target, step.rounds))));
  } else {
    // The late device's push takes its sequence number, then waits while the others send (taking later
    // numbers) and pull (past it, if the server let them), and only then commits.
    let parked: () => void = () => undefined;
    let release: () => void = () => undefined;
    const isParked = new Promise<void>((resolve) => (parked = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    late.network.hold = (where) => {
      if (where !== "commit") return scheduler.schedule(Promise.resolve(), `${late.name} ${where}`);
      parked();
      return gate;
    };
    const others = chosen.filter((target) => target !== late);
    const lateRounds = rounds(late, step.rounds);
    const othersRounds = (async () => {
      await Promise.race([isParked, lateRounds]);
      await Promise.all(others.map((target) => rounds(target, step.rounds + 1)));
    })().finally(() => release());
    await scheduler.waitFor(Promise.all([othersRounds, lateRounds]));
  }
  await scheduler.waitIdle();
  for (const target of chosen) {
    target.network.loseRequest = () => false;
    target.network.loseAnswer = () => false;
    target.network.deliverTwice = () => false;
    target.network.reshapePull = (page) => page;
    target.network.hold = () => Promise.resolve();
  }
}

/** Everyone online, no faults: sync and merge until nothing waits and no conflict is left anywhere. */
async function settle(model: Model, devices: TestSyncDevice[]): Promise<void> {
  for (const target of devices) target.network.online = true;
  for (let pass = 0; pass < 8; pass += 1) {
    for (const target of devices) await target.engine.syncNow();
    for (let index = 0; index < devices.length; index += 1) await model.resolve(index);
    for (const target of devices) await target.engine.syncNow();
    const statuses = await Promise.all(devices.map((target) => target.engine.status()));
    if (statuses.every((status) => status.waitingToSend === 0 && status.conflicts === 0 && status.problem === null)) {
      // One more round each so the last sender's version reaches everyone.
      for (const target of devices) await target.engine.syncNow();
      return;
    }
  }
  throw new Error("The team did not settle");
}

async function check(model: Model, server: FakeTeamServer, devices: TestSyncDevice[]): Promise<void> {
  for (let caseSlot = 0; caseSlot < CASES; caseSlot += 1) {
    for (let recordSlot = 0; recordSlot < RECORDS_PER_CASE; recordSlot += 1) {
      const id = recordId(caseSlot, recordSlot);
      const written = [...(model.writes.get(id) ?? [])].sort();
      const versions = server.envelopes.filter((row) => row.recordId === id).map((row) => row.version);
      expect(versions.sort((a, b) => a - b)).toEqual(versions.map((_version, index) => index + 1));
      for (let index = 0; index < devices.length; index += 1) {
        const held = await devices[index]!.engine.getRecord(id);
        if (model.mayRead(index, caseSlot) && written.length > 0) {
          expect(held, `${devices[index]!.name} holds ${id}`).toBeDefined();
          expect(held!.version).toBe(versions.length);
          expect(writesOf(held!.document.body), `${devices[index]!.name}, ${id}`).toEqual(
            expect.arrayContaining(written),
          );
        } else {
          expect(held, `${devices[index]!.name} must not hold ${id}`).toBeUndefined();
        }
      }
    }
  }
  // Nor any key to a case it may not read.
  for (let index = 0; index < devices.length; index += 1) {
    const keys = await devices[index]!.db.syncKeys.where("profileId").equals(devices[index]!.profileId).toArray();
    for (const key of keys) {
      const slot = [...Array(CASES).keys()].find((candidate) => caseId(candidate) === key.caseId)!;
      expect(model.mayRead(index, slot), `${devices[index]!.name} holds a key to case ${slot}`).toBe(true);
    }
  }
}

/** Builds the team, runs the steps, settles, and checks what every device holds. */
async function runScenario(steps: Step[], scheduler: fc.Scheduler): Promise<void> {
  const server = new FakeTeamServer();
  const firstManager = await TestSyncDevice.enrol(server, "Manager 1", "manager");
  const devices = [
    firstManager,
    await TestSyncDevice.enrol(server, "Manager 2", "manager", firstManager),
    await TestSyncDevice.enrol(server, "Practitioner 1", "practitioner", firstManager),
    await TestSyncDevice.enrol(server, "Practitioner 2", "practitioner", firstManager),
  ];
  const model = new Model(devices);
  for (const step of steps) {
    if (step.kind === "edit") await model.edit(step);
    else if (step.kind === "sync") await runSync(scheduler, server, devices, step);
    else if (step.kind === "network") devices[step.device]!.network.online = step.online;
    else if (step.kind === "restart") await devices[step.device]!.restart();
    else await model.resolve(step.device);
  }
  await settle(model, devices);
  await check(model, server, devices);
}

/** Only edits and concurrent syncs of the whole team with one push committing late, and no faults. */
const concurrentStepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: editArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      devices: fc.constant<number[]>([0, 1, 2, 3]),
      rounds: fc.constant<number>(1),
      late: device,
      faults: fc.constant<Faults>({ loseRequest: 0, loseAnswer: 0, twice: 0, reshapePulls: false }),
      restartServer: fc.constant<boolean>(false),
    }),
  },
);

describe("team sync, model-based", () => {
  it("ends with every device holding every write it may read, and none it may not", async () => {
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 30 }), fc.scheduler(), runScenario), {
      numRuns: 25,
    });
  }, 240_000);

  it("loses nothing when pushes commit out of order while others pull", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(concurrentStepArb, { minLength: 4, maxLength: 16 }), fc.scheduler(), runScenario),
      { numRuns: 15 },
    );
  }, 240_000);
});
