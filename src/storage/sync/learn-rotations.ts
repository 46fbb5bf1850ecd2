/**
 * Learning key rotations (issue 17 item 3): after a device that could read a case was removed, a
 * manager's device gave the case a new key (key-rotation.ts). In each sync round, before pushing, this
 * device reads the rotations of keys it holds (GET /api/key-rotations, from its cursor), opens each new
 * key from its wrapping, and checks that a manager's device of the team signed the rotation over this very
 * key (the signature and the commitment to its bytes): anyone can seal a key to the team manager key,
 * so a key the server made up is never written under. Then, in one transaction: the new key is kept, the
 * old one marked replaced (so the case's later writes use the new one) and every waiting change not yet
 * built under the old key moves to the new one. A change already built under the old key is rebuilt only
 * when the server refuses its record as "key-rotated" (`rebuild`): it may have been stored before the
 * rotation with its answer lost, and then it must go again byte for byte to be recognised.
 */

import { caseKeyCommitment, keyRotationSigningInput } from "../../domain/team-sync/key-rotation";
import { fromBase64 } from "../bytes";
import { sameBytes } from "./framing";
import type { PullContext } from "./pull";
import { verifySignature } from "./signing";
import type { OutboxEntry, StoredKey } from "./sync-store";
import type { KeyRotationNotice } from "./transport";

export interface LearnRotationsOptions {
  /** Read every rotation again from the start (after a "key-rotated" refusal: one may have been missed). */
  fromStart?: boolean;
  /** Records whose changes already built under a replaced key are rebuilt (the server refused them as "key-rotated"). */
  rebuild?: ReadonlySet<string>;
}

export interface LearntRotations {
  learnt: number;
  /** Rotations whose key did not open or whose signature or commitment did not check: never used. */
  refused: number;
}

/** The rotation's new key, raw, if it opens and a manager's device of the team signed it over these bytes. */
async function checkedNewKey(context: PullContext, rotation: KeyRotationNotice): Promise<string | null> {
  const found = await context.keyRing.caseKeyFor({
    keyId: rotation.newKeyId,
    wrappedKey: rotation.wrappedKey,
    wrappedTo: rotation.wrappedTo,
  });
  const stored = await context.store.getKey(rotation.newKeyId);
  const raw = found?.learnt?.raw ?? stored?.raw;
  if (!found || raw === undefined) return null;
  const commitment = fromBase64(rotation.commitment);
  if (!sameBytes(commitment, await caseKeyCommitment(fromBase64(raw), rotation.newKeyId))) return null;
  const signer = await context.keyRing.managerSigningKey(rotation.rotatedBy);
  if (!signer) return null;
  const signed = keyRotationSigningInput(
    { teamId: context.teamId, oldKeyId: rotation.oldKeyId, newKeyId: rotation.newKeyId },
    commitment,
  );
  if (!(await verifySignature(signer, fromBase64(rotation.signature), signed))) return null;
  context.keyRing.confirmCaseKey(rotation.newKeyId, found.key);
  return raw;
}

async function applyRotation(
  context: PullContext,
  rotation: KeyRotationNotice,
  raw: string,
  rebuild: ReadonlySet<string>,
): Promise<void> {
  const { store } = context;
  await context.exclusive(async () => {
    const old = await store.getKey(rotation.oldKeyId);
    if (!old) return;
    const held = await store.getKey(rotation.newKeyId);
    const newKey: StoredKey | null = held
      ? null
      : { keyId: rotation.newKeyId, caseId: old.caseId, raw, wraps: null, shared: true };
    const moved: OutboxEntry[] = (await store.listOutbox())
      .filter((entry) => entry.keyId === rotation.oldKeyId && (entry.envelope === null || rebuild.has(entry.recordId)))
      .map((entry) => ({ ...entry, keyId: rotation.newKeyId, envelope: null, refusedCode: null }));
    const rows = await Promise.all([
      store.keyRow({ ...old, replacedBy: rotation.newKeyId }),
      ...(newKey ? [store.keyRow(newKey)] : []),
    ]);
    const outboxRows = await Promise.all(moved.map((entry) => store.outboxRow(entry)));
    await store.write(async () => {
      await store.db.syncKeys.bulkPut(rows);
      await store.db.syncOutbox.bulkPut(outboxRows);
    });
  });
  context.keyRing.stored([rotation.newKeyId]);
}

/** Learns the rotations after this device's cursor (all of them with `fromStart`). */
export async function learnRotations(
  context: PullContext,
  options: LearnRotationsOptions = {},
): Promise<LearntRotations> {
  const { store } = context;
  let cursor = options.fromStart ? 0 : ((await store.readState()).rotationCursor ?? 0);
  const result: LearntRotations = { learnt: 0, refused: 0 };
  for (;;) {
    const page = await context.transport.listKeyRotations(cursor);
    // Oldest first, so a key rotated twice ends at the newest.
    for (const rotation of page.rotations) {
      const raw = await checkedNewKey(context, rotation);
      if (raw === null) {
        result.refused += 1;
        continue;
      }
      await applyRotation(context, rotation, raw, options.rebuild ?? new Set());
      result.learnt += 1;
    }
    const next = page.cursor;
    await context.exclusive(async () => {
      const state = await store.readState();
      if ((state.rotationCursor ?? 0) === next) return;
      const row = await store.stateRow({ ...state, rotationCursor: next });
      await store.write(() => store.db.syncState.put(row));
    });
    if (!page.more || next <= cursor) return result;
    cursor = next;
  }
}
