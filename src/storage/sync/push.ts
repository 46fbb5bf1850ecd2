/**
 * Pushing: each waiting change in turn, with the version it was made on. A record's changes go one
 * after another (each made on the one before), records in the order their first change was made.
 *
 * Before its first attempt a change is encrypted and signed once, and that envelope is kept with it:
 * every later attempt sends the same bytes, so an attempt whose answer was lost is acknowledged as a
 * duplicate (or recognised when it comes back in a pull) rather than mistaken for a conflict. A new
 * case key is wrapped to this device and the team manager key (a referral's key also to its MARAC
 * area's key), and the wrappings kept and stored on the server, before the first envelope under it.
 *
 * A conflict (the record moved on) stores nothing and removes nothing here: the pull that follows
 * brings the other version and keeps both. A refusal is kept on the change (it stays waiting and is
 * shown); a failure to reach the server stops the push.
 */

import { fromBase64 } from "../bytes";
import { wrapCaseKey } from "./case-keys";
import { sealEnvelope } from "./envelope";
import { SyncBlockedError, type EnrolledDevice, type KeyRing } from "./key-ring";
import type { PullContext } from "./pull";
import type { OutboxEntry, StoredRecord, SyncProblemCode } from "./sync-store";
import { MANAGER_KEY_RECIPIENT, SyncTransportError, type CaseKeyWrap, type PushOutcome } from "./transport";

export interface PushContext extends PullContext {
  device: EnrolledDevice;
  keyRing: KeyRing;
}

export interface PushResult {
  pushed: number;
  records: StoredRecord[];
  /** Records the server said had moved on, with the version it holds. */
  conflicts: Map<string, number>;
  refused: { recordId: string; code: string }[];
  blocked: SyncProblemCode | null;
  /** Records refused because their case has a new key (learn-rotations.ts, then send again). */
  keyRotated: Set<string>;
}

export function emptyPushResult(): PushResult {
  return { pushed: 0, records: [], conflicts: new Map(), refused: [], blocked: null, keyRotated: new Set() };
}

/** The waiting changes as chains per record, oldest record first. */
function chains(entries: OutboxEntry[]): OutboxEntry[][] {
  const byRecord = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const chain = byRecord.get(entry.recordId) ?? [];
    chain.push(entry);
    byRecord.set(entry.recordId, chain);
  }
  const all = [...byRecord.values()];
  for (const chain of all) chain.sort((a, b) => a.baseVersion - b.baseVersion || a.id.localeCompare(b.id));
  return all.sort((a, b) => a[0]!.id.localeCompare(b[0]!.id));
}

async function current(context: PushContext, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  return (await context.store.outboxFor(entry.recordId)).find((candidate) => candidate.id === entry.id);
}

/** The entry with its envelope, built and stored before its first attempt. Undefined: no longer waiting. */
function prepare(context: PushContext, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  return context.exclusive(async () => {
    const waiting = await current(context, entry);
    if (!waiting || waiting.envelope) return waiting;
    const caseKey = await context.keyRing.storedCaseKey(waiting.keyId);
    if (!caseKey) throw new SyncBlockedError("change-refused");
    const { device, store } = context;
    const envelope = await sealEnvelope({
      address: {
        teamId: device.teamId,
        recordId: waiting.recordId,
        keyId: waiting.keyId,
        version: waiting.baseVersion + 1,
        parentSignature: waiting.baseSignature === null ? new Uint8Array(0) : fromBase64(waiting.baseSignature),
      },
      authorDeviceId: device.deviceId,
      caseKey,
      signingKey: device.keys.ecdsaPrivateKey,
      document: waiting.document,
    });
    const prepared = { ...waiting, envelope };
    const row = await store.outboxRow(prepared);
    await store.write(() => store.db.syncOutbox.put(row));
    return prepared;
  });
}

/** Makes sure the server holds the case key's wrappings (to this device and the team manager key). */
async function ensureShared(context: PushContext, keyId: string): Promise<void> {
  const { store, device } = context;
  const wraps = await context.exclusive(async (): Promise<CaseKeyWrap[] | null> => {
    const key = await store.getKey(keyId);
    if (!key) throw new SyncBlockedError("change-refused");
    if (key.shared) return null;
    const teamKey = await context.keyRing.pinnedManagerKey();
    // Made before the team key was replaced (a manager's device removed): made again for the new one.
    const toManagers = key.wraps?.find((wrap) => wrap.recipient === MANAGER_KEY_RECIPIENT);
    if (key.wraps && (toManagers?.managerKeyId ?? teamKey.keyId) === teamKey.keyId) return key.wraps;
    const raw = fromBase64(key.raw);
    const made = [
      { recipient: device.deviceId, wrapped: await wrapCaseKey(raw, device.keys.ecdhPublicKey, keyId) },
      {
        recipient: MANAGER_KEY_RECIPIENT,
        wrapped: await wrapCaseKey(raw, teamKey.publicKey, keyId),
        managerKeyId: teamKey.keyId,
      },
      ...(await Promise.all(
        (key.alsoTo ?? []).map(async ({ recipient, publicKey }) => ({
          recipient,
          wrapped: await wrapCaseKey(raw, fromBase64(publicKey), keyId),
        })),
      )),
    ];
    const row = await store.keyRow({ ...key, wraps: made });
    await store.write(() => store.db.syncKeys.put(row));
    return made;
  });
  if (wraps === null) return;
  await context.transport.putCaseKey(keyId, wraps);
  await context.exclusive(async () => {
    const key = await store.getKey(keyId);
    if (!key || key.shared) return;
    const row = await store.keyRow({ ...key, shared: true });
    await store.write(() => store.db.syncKeys.put(row));
  });
}

async function acknowledge(context: PushContext, entry: OutboxEntry, outcome: PushOutcome & { status: "accepted" }) {
  const { store, device } = context;
  return context.exclusive(async (): Promise<StoredRecord | null> => {
    if (!(await current(context, entry))) return null; // a pull recognised it first
    const known = await store.getRecord(entry.recordId);
    const record: StoredRecord = {
      document: entry.document,
      version: outcome.version,
      keyId: entry.keyId,
      authorDeviceId: device.deviceId,
      signature: entry.envelope!.signature,
      seq: outcome.seq,
    };
    const keep = !known || known.version < outcome.version;
    const row = keep ? await store.recordRow(record) : null;
    await store.write(async () => {
      await store.db.syncOutbox.delete(store.outboxKey(entry.id));
      if (row) await store.db.syncRecords.put(row);
    });
    return keep ? record : null;
  });
}

async function noteRefusal(context: PushContext, entry: OutboxEntry, code: string): Promise<void> {
  const { store } = context;
  await context.exclusive(async () => {
    const waiting = await current(context, entry);
    if (!waiting || waiting.refusedCode === code) return;
    const row = await store.outboxRow({ ...waiting, refusedCode: code });
    await store.write(() => store.db.syncOutbox.put(row));
  });
}

/** Sends what waits. Failures to reach the server propagate; the rest is reported in `result`. */
export async function pushAll(context: PushContext, result: PushResult): Promise<void> {
  const blockedKeys = new Set<string>();
  for (const chain of chains(await context.store.listOutbox())) {
    for (const queued of chain) {
      if (blockedKeys.has(queued.keyId)) break;
      let outcome: PushOutcome;
      let entry: OutboxEntry | undefined;
      try {
        entry = await prepare(context, queued);
        if (!entry) break;
        await ensureShared(context, entry.keyId);
        outcome = await context.transport.push(entry.envelope!);
      } catch (error) {
        if (error instanceof SyncBlockedError) {
          result.blocked = error.code;
          // Without a usable team manager key no new case can be shared: nothing more to try this round.
          if (error.code !== "change-refused") return;
          blockedKeys.add(queued.keyId);
          break;
        }
        if (error instanceof SyncTransportError && error.failure === "refused") {
          const code = error.code ?? "refused";
          // Its case was given a new key after a device was removed: the engine learns it and sends again.
          if (code === "key-rotated") result.keyRotated.add(queued.recordId);
          result.refused.push({ recordId: queued.recordId, code });
          await noteRefusal(context, queued, code);
          break;
        }
        throw error;
      }
      if (outcome.status === "conflict") {
        result.conflicts.set(entry.recordId, outcome.currentVersion);
        break;
      }
      const record = await acknowledge(context, entry, outcome);
      result.pushed += 1;
      if (record) result.records.push(record);
    }
  }
}
