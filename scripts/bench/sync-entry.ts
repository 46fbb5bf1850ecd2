// Browser side of the syncPull5kSeconds and syncPushP95Ms figures of `npm run bench`: bundled by
// shared/team-server.mjs and served by the real team server on its own origin, as the app is. A new
// manager profile in a real vault (IndexedDB, real PBKDF2 cost) makes its device keys, enrols with a
// code, and once the bench has approved it (giving it the team manager key) starts the app's own sync
// engine over the real HTTP transport and pulls, checks, decrypts and stores every case of the team.
// Nothing here ships.
import { openDatabase } from "../../src/storage/db";
import { HttpSyncTransport } from "../../src/storage/sync/http-transport";
import type { SyncEngine } from "../../src/storage/sync/sync-engine";
import type { TeamSync } from "../../src/storage/sync/team-sync";
import { Vault } from "../../src/storage/vault";
import type { VaultSession } from "../../src/storage/vault-session";

let session: VaultSession;
let teamSync: TeamSync;
let engine: SyncEngine | null = null;
let deviceId = "";

async function prepareDevice(options: { passphrase: string }) {
  const vault = new Vault({ db: openDatabase() });
  const { profileId } = await vault.createProfile("Bench manager", options.passphrase);
  session = await vault.unlock(profileId, options.passphrase);
  teamSync = await session.openTeamSync();
  return (await teamSync.createDeviceIdentity()).publicKeys;
}

/** POST /api/enrol with the code the bench's first manager issued, as the enrolment screen does. */
async function enrol(code: string) {
  const publicKeys = (await teamSync.deviceIdentity())!.publicKeys;
  const response = await fetch("/api/enrol", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, ecdhPublicKey: publicKeys.ecdhPublicKey, ecdsaPublicKey: publicKeys.ecdsaPublicKey }),
  });
  const body = (await response.json()) as { deviceId: string; teamId: string; role: "manager" };
  if (response.status !== 201) throw new Error(`enrol: HTTP ${response.status} ${JSON.stringify(body)}`);
  deviceId = body.deviceId;
  await teamSync.recordEnrolment({ deviceId: body.deviceId, teamId: body.teamId, role: body.role });
  return deviceId;
}

/**
 * The figure: from starting the sync engine (just approved, nothing held) until it holds `expected`
 * records — every page pulled, every envelope's signature checked, its case key unwrapped through the
 * team manager key, decrypted and sealed into the vault.
 */
async function timePull(expected: number) {
  const started = performance.now();
  engine = await teamSync.startSync(
    new HttpSyncTransport({ deviceId, signChallenge: (id, nonce) => teamSync.signChallenge(id, nonce) }),
  );
  let received = 0;
  let rounds = 0;
  while (received < expected) {
    const report = await engine.syncNow();
    rounds += 1;
    if (report.problem) throw new Error(`sync problem: ${JSON.stringify(report.problem)}`);
    if (report.refused.length > 0) throw new Error(`${report.refused.length} envelopes refused`);
    if (report.received === 0) throw new Error(`the sync stopped at ${received} of ${expected} records`);
    received += report.received;
  }
  const seconds = (performance.now() - started) / 1000;
  const held = (await engine.listRecords()).length;
  if (held !== expected) throw new Error(`the device holds ${held} records, not ${expected}`);
  return { seconds, rounds, held };
}

/** The baseline: the same pages fetched and parsed, with a session, but nothing checked, decrypted or stored. */
async function timeFetchOnly(pageSize: number) {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, string>;
  };
  const started = performance.now();
  const challenge = await post("/api/session/challenge", { deviceId });
  const signature = await teamSync.signChallenge(challenge.challengeId!, challenge.nonce!);
  const { token } = await post("/api/session", { challengeId: challenge.challengeId, signature });
  let cursor = 0;
  let envelopes = 0;
  for (;;) {
    const response = await fetch(`/api/envelopes?after=${cursor}&limit=${pageSize}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    const page = (await response.json()) as { envelopes: unknown[]; cursor: number; more: boolean };
    envelopes += page.envelopes.length;
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { seconds: (performance.now() - started) / 1000, envelopes };
}

/**
 * syncPushP95Ms: one change of one record (the manager's review note on a case) queued with
 * recordChange and sent as the app sends a save (sendNow: a push round, no pull first after a recent
 * pull) until the server has acknowledged it (the report counts it sent). `round: "full"` times a whole
 * round instead (pull, push), printed beside it. The first change of the record also stores its case
 * key; the timed ones are edits on top.
 */
async function timePushes(options: { runs: number; warmup: number; round: "send" | "full" }) {
  if (!engine) throw new Error("pull first");
  const change = (index: number) => ({
    recordId,
    caseId,
    kind: "review",
    body: { note: `Reviewed; safety plan to be checked at the next visit (${index}).`, returned: index % 2 === 0 },
  });
  const recordId = crypto.randomUUID();
  const caseId = crypto.randomUUID();
  const times: number[] = [];
  for (let index = 0; index < options.warmup + options.runs; index += 1) {
    const started = performance.now();
    await engine.recordChange(change(index));
    const report = options.round === "send" ? await engine.sendNow() : await engine.syncNow();
    const elapsed = performance.now() - started;
    if (report.problem || report.sent !== 1)
      throw new Error(`push ${index}: ${JSON.stringify(report.problem)}, sent ${report.sent}`);
    if (index >= options.warmup) times.push(elapsed);
  }
  const status = await engine.status();
  if (status.waitingToSend !== 0) throw new Error(`${status.waitingToSend} changes still waiting`);
  return { times };
}

async function finish() {
  teamSync.stopSync();
  await session.lock();
}

Object.assign(globalThis, { syncBench: { prepareDevice, enrol, timePull, timeFetchOnly, timePushes, finish } });
