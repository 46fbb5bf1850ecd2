/**
 * Learning cases a manager reassigned to this device (issue 17 item 3, docs/decisions.md §33). A
 * manager's device gave this device the keys of a leaver's case (the current key and those it replaced);
 * this device's sequence cursor is already past that case's envelopes, so when a pull page says a grant
 * is newer than this device's grant cursor, it reads the grants (GET /api/key-grants) and pulls each
 * key's envelopes (pull.ts `pullKeyAll`), checked as every envelope is, without moving the cursor. Then
 * it reads every rotation again, so a key the case has since replaced is marked replaced here too and
 * its next write goes under the newest key. The grant cursor moves only after a page's keys are pulled:
 * a device offline or interrupted for days asks again and recognises what it already holds.
 */

import { learnRotations } from "./learn-rotations";
import { pullKeyAll, type PullContext, type PullResult, type SeenVersions } from "./pull";

/** Pulls the keys granted after this device's grant cursor; returns how many. */
export async function learnGrants(context: PullContext, result: PullResult): Promise<number> {
  const { store, transport } = context;
  if (!transport.listKeyGrants || !transport.pullKey) return 0;
  let cursor = (await store.readState()).grantCursor ?? 0;
  const seen: SeenVersions = new Map();
  let learnt = 0;
  for (;;) {
    const page = await transport.listKeyGrants(cursor);
    // Oldest first: a case's replaced keys were granted before its newest, so parents come first.
    for (const grant of page.grants) {
      await pullKeyAll(context, grant.keyId, result, seen);
      learnt += 1;
    }
    const next = page.cursor;
    await context.exclusive(async () => {
      const state = await store.readState();
      if ((state.grantCursor ?? 0) >= next) return;
      const row = await store.stateRow({ ...state, grantCursor: next });
      await store.write(() => store.db.syncState.put(row));
    });
    if (!page.more || next <= cursor) break;
    cursor = next;
  }
  if (learnt > 0) await learnRotations(context, { fromStart: true });
  return learnt;
}
