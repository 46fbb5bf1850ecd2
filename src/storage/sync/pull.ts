/**
 * Pulling: every envelope after the cursor, page by page, each checked (author, signature, case key,
 * decryption) before anything of it is kept, then applied in the team's sequence order:
 *
 *   - a version this device already has (a repeated or reordered delivery) changes nothing;
 *   - this device's own change coming back (its answer was lost) clears it from the outbox;
 *   - another device's version of a record with changes still waiting here is a conflict: both are kept
 *     ("changed on another device"), the waiting changes leave the outbox, and the team's version
 *     becomes the base for what the practitioner does next;
 *   - otherwise the team's newer version is kept.
 *
 * A page is applied in one transaction with the cursor, so a crash or a lock mid-page applies all of
 * it or none. A refused envelope is reported and skipped (the cursor moves past it); a failure to reach
 * the server stops the pull without moving the cursor.
 */

import { decryptEnvelope, envelopeSignatureIsValid, type IncomingEnvelope, type SyncDocument } from "./envelope";
import type { KeyRing } from "./key-ring";
import { COORDINATOR_KINDS } from "./marac-records";
import {
  REFUSED_KEPT,
  type ConflictCopy,
  type OutboxEntry,
  type RefusedEnvelope,
  type StoredKey,
  type StoredRecord,
  type SyncStore,
} from "./sync-store";
import { SyncTransportError, type PullPage, type SyncTransport } from "./transport";

// The server's most (LIMITS.pullPageMax, which also ends a page at 4 MB of ciphertext): a device catching
// up on a large team makes a quarter of the requests it made at 500 (docs/decisions.md §28).
export const PULL_PAGE_SIZE = 2000;

export interface PullContext {
  store: SyncStore;
  transport: SyncTransport;
  keyRing: KeyRing;
  teamId: string;
  deviceId: string;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** What one pull changed, for the report and the listeners. */
export interface PullResult {
  received: number;
  records: StoredRecord[];
  conflicts: ConflictCopy[];
  acknowledged: number;
  refused: RefusedEnvelope[];
  /** The team's latest key rotation as the pulled pages said (0: none, or not said). */
  latestRotation: number;
  /** The latest key granted to this device as the pulled pages said (0: none, or not said). */
  latestGrant: number;
  /** The team's current team key as the last page said (absent: not said). */
  managerKeyId?: string | null;
}

type Checked =
  | { envelope: IncomingEnvelope; ok: true; document: SyncDocument }
  | { envelope: IncomingEnvelope; ok: false; reason: RefusedEnvelope["reason"] };

async function check(context: PullContext, envelope: IncomingEnvelope, parent: string | null): Promise<Checked> {
  const authorKey = await context.keyRing.authorKey(envelope.authorDeviceId);
  if (!authorKey) return { envelope, ok: false, reason: "unknown-author" };
  if (parent === null) return { envelope, ok: false, reason: "unknown-parent" };
  if (!(await envelopeSignatureIsValid(envelope, context.teamId, authorKey, parent))) {
    return { envelope, ok: false, reason: "bad-signature" };
  }
  const found = await context.keyRing.caseKeyFor(envelope);
  if (!found) return { envelope, ok: false, reason: "no-key" };
  const opened = await decryptEnvelope(envelope, context.teamId, found.key);
  if (!opened.ok) return { envelope, ok: false, reason: opened.reason };
  // A MARAC coordinator's device writes its referrals' statuses and match decisions into the team's
  // stream, and nothing else; no device of the team writes either.
  if (context.keyRing.isCoordinator(envelope.authorDeviceId) !== COORDINATOR_KINDS.includes(opened.document.kind)) {
    return { envelope, ok: false, reason: "malformed" };
  }
  context.keyRing.confirmCaseKey(envelope.keyId, found.key, found.learnt);
  return { envelope, ok: true, document: opened.document };
}

function sameContent(a: SyncDocument, b: SyncDocument): boolean {
  return a.kind === b.kind && a.caseId === b.caseId && JSON.stringify(a.body) === JSON.stringify(b.body);
}

/** The working state of one page: what it read, and what it will write. */
class PageWork {
  readonly records: Map<string, StoredRecord>;
  readonly pending: Map<string, OutboxEntry[]>;
  readonly keys = new Map<string, StoredKey>();
  readonly changedRecords = new Set<string>();
  readonly removedEntries = new Set<string>();
  readonly conflicts: ConflictCopy[] = [];
  readonly refused: RefusedEnvelope[] = [];
  acknowledged = 0;

  constructor(
    records: Map<string, StoredRecord>,
    pending: Map<string, OutboxEntry[]>,
    readonly now: string,
  ) {
    this.records = records;
    this.pending = pending;
  }

  refuse(envelope: IncomingEnvelope, reason: RefusedEnvelope["reason"]): void {
    const { seq, recordId, authorDeviceId, version } = envelope;
    this.refused.push({ seq, recordId, authorDeviceId, version, reason, at: this.now });
  }

  #keep(envelope: IncomingEnvelope, document: SyncDocument): void {
    this.records.set(envelope.recordId, {
      document,
      version: envelope.version,
      keyId: envelope.keyId,
      authorDeviceId: envelope.authorDeviceId,
      signature: envelope.signature,
      seq: envelope.seq,
    });
    this.changedRecords.add(envelope.recordId);
  }

  /** `document` is null for an envelope not opened because this device holds that version or a later one. */
  apply(envelope: IncomingEnvelope, document: SyncDocument | null): void {
    const known = this.records.get(envelope.recordId);
    if (document === null || (known && envelope.version <= known.version)) {
      // Seen already (a repeat, or an older version delivered late). The same number with another
      // signature means two different versions were given one number: reported, ours kept.
      if (known && envelope.version === known.version && envelope.signature !== known.signature) {
        this.refuse(envelope, "version-reused");
      }
      return;
    }
    const waiting = this.pending.get(envelope.recordId) ?? [];
    const head = waiting[0];
    if (head?.envelope && envelope.version === head.baseVersion + 1 && envelope.signature === head.envelope.signature) {
      // Our own change, stored by the server although its answer never reached us.
      this.removedEntries.add(head.id);
      this.pending.set(envelope.recordId, waiting.slice(1));
      this.acknowledged += 1;
      this.#keep(envelope, head.document);
      return;
    }
    if (head && envelope.version > head.baseVersion) {
      // The record moved on while changes made on an older version waited here: none of them can be
      // stored now. Keep both: ours (the newest, which carries the earlier ones) and the team's.
      const mine = waiting[waiting.length - 1]!.document;
      for (const entry of waiting) this.removedEntries.add(entry.id);
      this.pending.set(envelope.recordId, []);
      if (!sameContent(mine, document)) {
        this.conflicts.push({
          id: globalThis.crypto.randomUUID(),
          recordId: envelope.recordId,
          caseId: document.caseId,
          detectedAt: this.now,
          mine,
          theirs: { document, version: envelope.version, authorDeviceId: envelope.authorDeviceId },
        });
      }
    }
    this.#keep(envelope, document);
  }
}

/** The latest version and signature of each record seen in this pull (across its pages). */
export type SeenVersions = Map<string, { version: number; signature: string }>;

/**
 * Each envelope's parent signature, from the version before it: seen earlier in this pull, or the one
 * this device holds; the server's `baseSignature` only when neither is here. Null: not known, so the
 * envelope cannot be checked. Envelopes of versions this device already holds need no check (they are
 * not applied): undefined.
 */
function parentsOf(
  envelopes: IncomingEnvelope[],
  held: Map<string, StoredRecord>,
  seen: SeenVersions,
): (string | null | undefined)[] {
  return envelopes.map((envelope) => {
    const known = held.get(envelope.recordId);
    const before = seen.get(envelope.recordId);
    if (!before || envelope.version > before.version) {
      seen.set(envelope.recordId, { version: envelope.version, signature: envelope.signature });
    }
    if (known && envelope.version <= known.version) return undefined;
    if (envelope.version === 1) return "";
    if (before?.version === envelope.version - 1) return before.signature;
    if (known?.version === envelope.version - 1) return known.signature;
    return envelope.baseSignature ?? null;
  });
}

/** One page pulled after `after`, its new envelopes in sequence order, each checked (null: already held). */
interface CheckedPage {
  after: number;
  page: PullPage;
  envelopes: IncomingEnvelope[];
  checked: (Checked | null)[];
}

/**
 * Fetches the page after `after` and checks its envelopes. Outside the lock: signatures and decryption
 * are the slow part, and change nothing. Called in cursor order (the parents of a page's envelopes may
 * be in the page before, through `seen`).
 */
async function fetchAndCheck(
  context: PullContext,
  after: number,
  pageSize: number,
  seen: SeenVersions,
  fetchPage: (after: number, limit: number) => Promise<PullPage> = (from, limit) => context.transport.pull(from, limit),
): Promise<CheckedPage> {
  const page = await fetchPage(after, pageSize);
  if (page.more && page.cursor <= after) {
    // "More" without moving on would pull the same page for ever.
    throw new SyncTransportError("unavailable", "The server's pull cursor did not move on.");
  }
  // The team key was replaced (a manager's device removed): follow it before opening what is wrapped to it.
  if (page.envelopes.length > 0) await context.keyRing.followManagerKey(page.managerKeyId);
  const envelopes = page.envelopes.filter((envelope) => envelope.seq > after).sort((a, b) => a.seq - b.seq);
  const [held] = await Promise.all([
    context.store.getRecords(envelopes.map((envelope) => envelope.recordId)),
    context.keyRing.loadCaseKeys(envelopes.map((envelope) => envelope.keyId)),
  ]);
  const parents = parentsOf(envelopes, held, seen);
  const checked = await Promise.all(
    envelopes.map((envelope, index): Promise<Checked | null> =>
      parents[index] === undefined ? Promise.resolve(null) : check(context, envelope, parents[index]!),
    ),
  );
  return { after, page, envelopes, checked };
}

/**
 * Applies a checked page in one transaction with the cursor. False when the cursor moved meanwhile (page
 * dropped). A page of one key's envelopes (`ofKey`) leaves the cursor alone: it is behind it.
 */
function applyPage(
  context: PullContext,
  { after, page, envelopes, checked }: CheckedPage,
  result: PullResult,
  ofKey = false,
) {
  const { store } = context;
  return context.exclusive(async () => {
    if (ofKey && envelopes.length === 0) return true;
    if (envelopes.length === 0) {
      // Nothing new (every push round starts with such a pull): a write would change nothing unless the
      // cursor moves on.
      const state = await store.readState();
      if (state.cursor !== after) return false;
      if (Math.max(after, page.cursor) === after) return true;
    }
    const recordIds = envelopes.map((envelope) => envelope.recordId);
    // Read together: the state, what is held and waiting for these records, and the page's case keys
    // this device holds (the case each key belongs to).
    const [state, records, pending, storedKeys] = await Promise.all([
      store.readState(),
      store.getRecords(recordIds),
      store.outboxForRecords(recordIds),
      store.getKeys(envelopes.map((envelope) => envelope.keyId)),
    ]);
    if (!ofKey && state.cursor !== after) return false;
    const work = new PageWork(records, pending, store.nowIso());
    for (const [index, item] of checked.entries()) {
      if (item === null) {
        // A version already held: only a second version under the same number is worth a report.
        work.apply(envelopes[index]!, null);
        continue;
      }
      if (!item.ok) {
        work.refuse(item.envelope, item.reason);
        continue;
      }
      const { envelope, document } = item;
      const keyCase = work.keys.get(envelope.keyId)?.caseId ?? storedKeys.get(envelope.keyId)?.caseId;
      if (keyCase !== undefined && keyCase !== document.caseId) {
        // A key belongs to one case: a record claiming another case under it is not believed.
        work.refuse(envelope, "malformed");
        continue;
      }
      const learntRaw = context.keyRing.unstoredRaw(envelope.keyId);
      if (learntRaw !== undefined && keyCase === undefined) {
        work.keys.set(envelope.keyId, {
          keyId: envelope.keyId,
          caseId: document.caseId,
          raw: learntRaw,
          wraps: null,
          shared: true,
        });
      }
      work.apply(envelope, document);
    }
    const changed = [...work.changedRecords].map((id) => work.records.get(id)!);
    const refused = [...state.refused, ...work.refused].slice(-REFUSED_KEPT);
    const nextState = {
      ...state,
      cursor: ofKey ? state.cursor : Math.max(after, page.cursor),
      refused,
      refusedCount: state.refusedCount + work.refused.length,
    };
    const [recordRows, conflictRows, keyRows, stateRow] = await Promise.all([
      Promise.all(changed.map((record) => store.recordRow(record))),
      Promise.all(work.conflicts.map((copy) => store.conflictRow(copy))),
      Promise.all([...work.keys.values()].map((key) => store.keyRow(key))),
      store.stateRow(nextState),
    ]);
    await store.write(async () => {
      const { db } = store;
      await db.syncRecords.bulkPut(recordRows);
      await db.syncConflicts.bulkPut(conflictRows);
      await db.syncKeys.bulkPut(keyRows);
      await db.syncOutbox.bulkDelete([...work.removedEntries].map((id) => store.outboxKey(id)));
      await db.syncState.put(stateRow);
    });
    context.keyRing.stored(work.keys.keys());
    result.received += envelopes.length;
    result.records.push(...changed);
    result.conflicts.push(...work.conflicts);
    result.acknowledged += work.acknowledged;
    result.refused.push(...work.refused);
    return true;
  });
}

/**
 * Pulls until the server has nothing more ready. Transport failures propagate (the cursor stays where it
 * was, past the pages already applied). While one page is applied, the next is already fetched and
 * checked (the server's cursor says where it starts): the slow parts of two pages overlap.
 */
export async function pullAll(context: PullContext, result: PullResult, pageSize = PULL_PAGE_SIZE): Promise<void> {
  const seen: SeenVersions = new Map();
  let next = fetchAndCheck(context, (await context.store.readState()).cursor, pageSize, seen);
  for (;;) {
    const current = await next;
    result.latestRotation = Math.max(result.latestRotation, current.page.latestRotation ?? 0);
    result.latestGrant = Math.max(result.latestGrant, current.page.latestGrant ?? 0);
    if (current.page.managerKeyId !== undefined) result.managerKeyId = current.page.managerKeyId;
    const following = current.page.more ? fetchAndCheck(context, current.page.cursor, pageSize, seen) : null;
    // Awaited below, after this page is applied; a failure before then is not "unhandled".
    following?.catch(() => undefined);
    if (!(await applyPage(context, current, result))) {
      // The cursor moved meanwhile: start again from where it is (the page fetched ahead is dropped).
      next = fetchAndCheck(context, (await context.store.readState()).cursor, pageSize, seen);
      continue;
    }
    if (!following) return;
    next = following;
  }
}

/** Envelopes of one key in a page (the server's most). */
export const KEY_PULL_PAGE_SIZE = 200;

/**
 * Pulls every envelope under one case key this device was given after its cursor passed them (a
 * reassigned case, learn-grants.ts), checked and applied as any page but leaving the cursor where it
 * is. Versions already held are recognised. `seen` carries parents across the keys of one case.
 */
export async function pullKeyAll(
  context: PullContext,
  keyId: string,
  result: PullResult,
  seen: SeenVersions = new Map(),
): Promise<void> {
  const pullKey = context.transport.pullKey?.bind(context.transport);
  if (!pullKey) return;
  let after = 0;
  for (;;) {
    const checked = await fetchAndCheck(context, after, KEY_PULL_PAGE_SIZE, seen, (from, limit) =>
      pullKey(keyId, from, limit),
    );
    await applyPage(context, checked, result, true);
    if (!checked.page.more) return;
    after = checked.page.cursor;
  }
}

export function emptyPullResult(): PullResult {
  return { received: 0, records: [], conflicts: [], acknowledged: 0, refused: [], latestRotation: 0, latestGrant: 0 };
}
