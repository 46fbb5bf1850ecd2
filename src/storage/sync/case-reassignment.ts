/**
 * Reassigning a practitioner's cases, on a manager's device (issue 17 item 3, docs/decisions.md §33).
 * The server lists the case keys wrapped to the practitioner's device (GET /api/devices/:id/case-keys);
 * this device knows which case each belongs to (it holds every case key of the team, learnt through the
 * team manager key and trusted once an envelope decrypted under it) and, for each chosen case, wraps
 * every key of the case's chain — the current one and the ones it replaced, under which the case's older
 * versions stay — to the chosen device's public key, oldest first. Posted a batch of cases at a time
 * (POST /api/team/key-grants, each batch all or none, a repeat storing nothing), so an interrupted run
 * resumes by running again. The receiving device pulls the keys' envelopes itself (learn-grants.ts).
 * A case's MARAC referrals go with it: their keys too, so the colleague sees where each referral stands
 * and can send a correction (decisions §40).
 */

import { fromBase64 } from "../bytes";
import { InvalidInputError } from "../errors";
import { wrapCaseKey } from "./case-keys";
import { isMaracId, MARAC_REFERRAL_KIND, maracRowRange, readReferralBody } from "./marac-records";
import type { StoredKey, SyncStore } from "./sync-store";

/** At most this many keys in one request (the server's batch is 100). */
export const GRANT_BATCH_KEYS = 100;

export interface CaseReassignmentApi {
  deviceCaseKeys(deviceId: string): Promise<{ keys: { keyId: string; holders: string[] }[] }>;
  grantCaseKeys(request: {
    fromDeviceId: string;
    toDeviceId: string;
    grants: { keyId: string; wrapped: string }[];
  }): Promise<{ granted: number }>;
}

/** One case of a practitioner's device, as this manager's device holds it. */
export interface DeviceCase {
  caseId: string;
  /** The other approved practitioner devices that can read it (e.g. it was reassigned to them). */
  alsoWith: string[];
}

export interface DeviceCases {
  cases: DeviceCase[];
  /** Keys of the device this manager's device has not received yet (it has not synced them). */
  notHeld: number;
}

/** The chains of the case's keys that hold one of `ofDevice`, each oldest first. */
function chainsOf(keys: readonly StoredKey[], ofDevice: ReadonlySet<string>): StoredKey[] {
  const byId = new Map(keys.map((key) => [key.keyId, key]));
  const replaced = new Set(keys.flatMap((key) => (key.replacedBy === undefined ? [] : [key.replacedBy])));
  const chosen: StoredKey[] = [];
  // Each chain starts at a key that replaced none held here.
  for (const first of keys.filter((key) => !replaced.has(key.keyId)).sort((a, b) => a.keyId.localeCompare(b.keyId))) {
    const chain: StoredKey[] = [];
    for (let key: StoredKey | undefined = first; key && chain.length < 100; key = byId.get(key.replacedBy ?? "")) {
      chain.push(key);
    }
    if (chain.some((key) => ofDevice.has(key.keyId))) chosen.push(...chain);
  }
  return chosen;
}

/** The cases whose keys are wrapped to `deviceId` (a practitioner's, approved or removed). */
export async function casesOfDevice(
  api: CaseReassignmentApi,
  store: SyncStore,
  deviceId: string,
): Promise<DeviceCases> {
  const { keys } = await api.deviceCaseKeys(deviceId);
  const held = await store.getKeys(keys.map((key) => key.keyId));
  const cases = new Map<string, Set<string>>();
  for (const { keyId, holders } of keys) {
    const caseId = held.get(keyId)?.caseId;
    // A MARAC referral's key is the referral's, not a case's: it goes with nothing here.
    if (caseId === undefined || isMaracId(caseId)) continue;
    const alsoWith = cases.get(caseId) ?? new Set<string>();
    for (const holder of holders) alsoWith.add(holder);
    cases.set(caseId, alsoWith);
  }
  return {
    cases: [...cases].map(([caseId, alsoWith]) => ({ caseId, alsoWith: [...alsoWith].sort() })),
    notHeld: keys.filter((key) => !held.has(key.keyId)).length,
  };
}

/** The MARAC referrals of each of `caseIds` that this device holds, by case: their keys go with the case. */
async function referralsOfCases(store: SyncStore, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const wanted = new Set(caseIds);
  const rows = await store.db.syncRecords
    .where("[profileId+id]")
    .between(...maracRowRange(store.profileId))
    .toArray();
  // A referral's own record is its sync "case"; its status and decisions records are not opened here.
  const referralIds = rows.filter((row) => row.id === row.caseId && isMaracId(row.id)).map((row) => row.id);
  const byCase = new Map<string, string[]>();
  for (const [referralId, record] of await store.getRecords(referralIds)) {
    if (record.document.kind !== MARAC_REFERRAL_KIND) continue;
    const caseId = readReferralBody(record.document.body, referralId)?.caseId;
    if (caseId === undefined || !wanted.has(caseId)) continue;
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), referralId].sort());
  }
  return byCase;
}

export interface ReassignRequest {
  fromDeviceId: string;
  to: { deviceId: string; ecdhPublicKey: string };
  caseIds: readonly string[];
}

export interface ReassignProgress {
  done: number;
  total: number;
}

/**
 * Gives `to` every key of each case in `caseIds` that came from `fromDeviceId`'s keys, telling
 * `onProgress` after each batch. Failures to reach the server propagate (call again to resume).
 */
export async function reassignCases(
  api: CaseReassignmentApi,
  store: SyncStore,
  request: ReassignRequest,
  onProgress: (progress: ReassignProgress) => void = () => undefined,
): Promise<{ reassigned: number; granted: number }> {
  const total = request.caseIds.length;
  onProgress({ done: 0, total });
  const ofDevice = new Set((await api.deviceCaseKeys(request.fromDeviceId)).keys.map((key) => key.keyId));
  const recipientKey = fromBase64(request.to.ecdhPublicKey);
  // Every case's keys first: a case whose keys are not here stops the run before anything is sent.
  const referrals = await referralsOfCases(store, request.caseIds);
  const chains: StoredKey[][] = [];
  for (const caseId of request.caseIds) {
    const chain = chainsOf(await store.keysOfCase(caseId), ofDevice);
    if (chain.length === 0) throw new InvalidInputError("A chosen case's key is not on this device yet.");
    for (const referralId of referrals.get(caseId) ?? []) {
      chain.push(...chainsOf(await store.keysOfCase(referralId), ofDevice));
    }
    chains.push(chain);
  }
  let done = 0;
  let granted = 0;
  let batch: { keyId: string; wrapped: string }[] = [];
  let casesInBatch = 0;
  const send = async (): Promise<void> => {
    const answer = await api.grantCaseKeys({
      fromDeviceId: request.fromDeviceId,
      toDeviceId: request.to.deviceId,
      grants: batch,
    });
    granted += answer.granted;
    done += casesInBatch;
    batch = [];
    casesInBatch = 0;
    onProgress({ done, total });
  };
  for (const chain of chains) {
    if (batch.length > 0 && batch.length + chain.length > GRANT_BATCH_KEYS) await send();
    for (const key of chain) {
      batch.push({ keyId: key.keyId, wrapped: await wrapCaseKey(fromBase64(key.raw), recipientKey, key.keyId) });
    }
    casesInBatch += 1;
  }
  if (casesInBatch > 0) await send();
  return { reassigned: done, granted };
}

/** The two calls, on this profile's sync rows (TeamSync.reassignment()). */
export class CaseReassignment {
  constructor(readonly store: SyncStore) {}

  casesOf(api: CaseReassignmentApi, deviceId: string): Promise<DeviceCases> {
    return casesOfDevice(api, this.store, deviceId);
  }

  reassign(api: CaseReassignmentApi, request: ReassignRequest, onProgress?: (progress: ReassignProgress) => void) {
    return reassignCases(api, this.store, request, onProgress);
  }
}
