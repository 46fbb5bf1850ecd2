/**
 * The per-profile audit trail: who did what to which case, and when.
 *
 * Audit rows are stored in clear so a practitioner (or a supervisor with
 * them) can review activity without decrypting anything, which is also why
 * `detail` must never hold case content: only counts, kinds and codes.
 */

import { AUDIT_ACTIONS, type AuditAction, type AuditActor, type AuditRow, type SafeReferralDb } from "./db";
import { InvalidInputError } from "./errors";
import { ManifestWork, type IntegrityKeys } from "./integrity";
import { verifyAuditChain, type AuditChainReport, type AuditIntegrity } from "./integrity-check";
import type { SessionContext } from "./session-context";

export const AUDIT_DETAIL_MAX_LENGTH = 200;

export interface NewAuditEntry {
  profileId: string;
  action: AuditAction;
  at: string;
  caseId?: string | null;
  actor?: AuditActor;
  detail?: string | null;
  /** For imported entries: the import's description. */
  source?: string | null;
}

let auditSequence = 0;

/**
 * Ids sort in creation order (time, then a per-tab counter), so entries made
 * within the same millisecond still list in the order they happened: the
 * [profileId+at] index breaks ties by primary key. The random tail keeps ids
 * unique across tabs and devices (backups merge audit trails by id).
 */
function nextAuditId(at: string): string {
  auditSequence += 1;
  const sequence = auditSequence.toString(36).padStart(8, "0");
  const random = globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 12);
  return `${at}_${sequence}_${random}`;
}

export function buildAuditRow(entry: NewAuditEntry): AuditRow {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(entry.action)) {
    throw new InvalidInputError(`Unknown audit action "${entry.action}".`);
  }
  const detail = entry.detail ?? null;
  if (detail !== null && detail.length > AUDIT_DETAIL_MAX_LENGTH) {
    // A long detail is a sign someone is putting content in the (clear) audit trail.
    throw new InvalidInputError(`Audit detail must be at most ${AUDIT_DETAIL_MAX_LENGTH} characters.`);
  }
  return {
    id: nextAuditId(entry.at),
    profileId: entry.profileId,
    caseId: entry.caseId ?? null,
    at: entry.at,
    actor: entry.actor ?? "practitioner",
    action: entry.action,
    detail,
    ...(entry.source ? { source: entry.source } : {}),
  };
}

/**
 * Appends one entry outside a session's write (unlock, lock, recovery reset, failed unlock). Call
 * inside a Dexie transaction over `audit` and `manifest`, the same one as the change it records.
 * With the profile's integrity keys the entry is chained and the head updated; without them (a
 * failed unlock: no key) or before the profile has a head (adopted at its first unlock), it is
 * stored unchained.
 */
export async function appendAudit(
  db: SafeReferralDb,
  entry: NewAuditEntry,
  keys: IntegrityKeys | null,
): Promise<AuditRow> {
  let row = buildAuditRow(entry);
  const head = keys ? await db.manifest.get(entry.profileId) : undefined;
  if (keys && head) {
    const work = new ManifestWork(keys, entry.profileId, head);
    row = work.chain(row);
    await db.manifest.put(work.row());
  }
  await db.audit.add(row);
  return row;
}

export interface ListAuditOptions {
  caseId?: string;
  /** Most recent first; defaults to everything. */
  limit?: number;
}

/** An audit entry as backup files carry it: the profile is implied, and the chain is this device's own. */
export type PortableAuditEntry = Pick<AuditRow, "id" | "caseId" | "at" | "actor" | "action" | "detail">;

export function toPortableAuditEntry({ id, caseId, at, actor, action, detail }: AuditRow): PortableAuditEntry {
  return { id, caseId, at, actor, action, detail };
}

/** An audit entry as screens see it: with how far it can be trusted, and where an imported one came from. */
export interface AuditEntry extends PortableAuditEntry {
  integrity: AuditIntegrity;
  /** Imported entries: the import's description (file kind and contents). */
  source?: string | null;
}

/** The entries listed, plus the whole chain's verification (breaks may lie outside the entries listed). */
export type AuditList = AuditEntry[] & { chain: AuditChainReport };

/** The chain report of a list from `listAudit` (a plain array, e.g. a test fixture, counts as intact). */
export function auditChainOf(entries: readonly AuditEntry[]): AuditChainReport {
  return (entries as Partial<AuditList>).chain ?? { intact: true, breaks: [] };
}

/** An event only the screens see, audited for an unlocked profile (see `VaultSession.recordAudit`). */
export async function recordAudit(
  context: SessionContext,
  action: AuditAction,
  options: { caseId?: string; detail?: string } = {},
): Promise<void> {
  context.requireKey();
  await context.write([context.db.audit], () => context.audit(action, options.caseId ?? null, options.detail ?? null));
}

/**
 * The unlocked profile's audit trail, newest first, each entry with its integrity, and the whole
 * chain verified (`chain`): a changed, removed or backdated entry shows as a break.
 */
export async function listAudit(context: SessionContext, options: ListAuditOptions = {}): Promise<AuditList> {
  const keys = context.integrity();
  const { db, profileId } = context;
  const { rows, head } = await db.transaction("r", [db.audit, db.manifest], async () => ({
    rows: await db.audit.where("profileId").equals(profileId).toArray(),
    head: await db.manifest.get(profileId),
  }));
  const { status, report } = verifyAuditChain(keys, profileId, rows, head);
  const listed = rows
    .filter((row) => options.caseId === undefined || row.caseId === options.caseId)
    .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1));
  const limited = options.limit === undefined ? listed : listed.slice(0, options.limit);
  const entries = limited.map((row): AuditEntry => ({
    ...toPortableAuditEntry(row),
    integrity: status.get(row.id) ?? "broken",
    ...(row.source ? { source: row.source } : {}),
  }));
  // Not enumerable, so the list still compares (and serialises) as the plain array of entries.
  Object.defineProperty(entries, "chain", { value: report, enumerable: false });
  return entries as AuditList;
}
