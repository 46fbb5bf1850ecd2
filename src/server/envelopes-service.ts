/**
 * Envelopes: each version of each record, as ciphertext signed by its author device. Pushing is in
 * envelope-push.ts; this file pulls.
 *
 * Pull follows the team's sequence cursor. Sequence numbers are taken when a push inserts, but pushes
 * commit in any order: seq 11 can be visible while seq 10 is still being written. A reader that moved
 * its cursor past 11 would never see 10. So every push holds a shared per-team advisory lock from before
 * it takes a number until it commits, and a pull briefly takes the same lock exclusively to read the
 * team's highest committed seq (the watermark): at that instant no push of the team is half done, so
 * every seq up to the watermark is final. The pull then hands out rows up to the watermark only.
 */
import { requireTeamMember } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

// First half of the two-part advisory lock key: "envelopes of a team". The second is the team's hash.
export const ENVELOPE_LOCK_CLASS = 7316;

export interface PulledEnvelope {
  seq: number;
  recordId: string;
  keyId: string;
  version: number;
  authorDeviceId: string;
  ciphertext: string;
  signature: string;
  size: number;
  createdAt: string;
  /** The case key, wrapped to this device or (for managers) to the team manager key. */
  wrappedKey: string;
  wrappedTo: "device" | "manager-key";
}

export interface PullResult {
  envelopes: PulledEnvelope[];
  /** Pass back as `after` next time. */
  cursor: number;
  /** True when more envelopes are ready now: pull again straight away. */
  more: boolean;
  /** The team's latest key rotation id (key-rotation-service.ts): a device past it has nothing to learn. */
  latestRotation: number;
  /**
   * The team's current team manager key id (null before the first manager sets it up): a device that
   * pinned another learns the team key's signed rotations (team-key-rotation-service.ts) before it pushes.
   */
  managerKeyId: string | null;
}

/**
 * The team's highest seq with no push of the team still in flight below it, and (read in the same
 * statement, so a pull costs no extra round trip) the team's latest key rotation and current team key.
 */
export async function committedWatermark(
  context: ServerContext,
  teamId: string,
): Promise<{ watermark: number; latestRotation: number; managerKeyId: string | null }> {
  return context.db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ENVELOPE_LOCK_CLASS, teamId]);
    const [row] = await tx.query<{ watermark: number; latest_rotation: number; manager_key_id: string | null }>(
      `SELECT coalesce(max(seq), 0)::bigint AS watermark,
         (SELECT coalesce(max(id), 0)::bigint FROM key_rotations WHERE team_id = $1) AS latest_rotation,
         (SELECT manager_key_id FROM teams WHERE id = $1) AS manager_key_id
       FROM envelopes WHERE team_id = $1`,
      [teamId],
    );
    return {
      watermark: Number(row?.watermark ?? 0),
      latestRotation: Number(row?.latest_rotation ?? 0),
      managerKeyId: row?.manager_key_id ?? null,
    };
  });
}

interface PulledRow {
  seq: number;
  record_id: string;
  key_id: string;
  version: number;
  author_device_id: string;
  ciphertext: string;
  signature: string;
  size: number;
  created_at: string;
  wrapped_key: string;
  wrapped_to_device: boolean;
  /** Ciphertext bytes of the page up to and including this row. */
  page_bytes: number;
}

// bytea as canonical base64, which the answer carries: encode() breaks its output into lines of 76.
const base64Of = (column: string) => `replace(encode(${column}, 'base64'), E'\\n', '')`;

// Each wrapping is looked up per envelope by (key, recipient) in a subquery of its own, and the OFFSET 0
// keeps the planner from folding them into joins: as joins, a manager's page read every wrapping to any
// device in the database (the "to device" index scanned by recipient alone, once a page), so each page
// cost more the more case keys the server held — 6–12 ms a page at 100,000 keys (docs/scaling.md).
// Bytes leave PostgreSQL as base64 rather than hex that node-postgres would decode into a Buffer only
// for this to encode it again: a third fewer bytes on the wire and no copies here. The time leaves as
// the answer's text (ISO 8601, UTC, milliseconds as Date.toISOString writes it), not parsed into a Date
// only to be written out again.
// A page ends at `limit` envelopes or once it holds LIMITS.pullPageBytes ($7) of ciphertext, whichever first,
// but always holds at least one: the rows kept are those that start before the byte budget is spent.
const PULL_PAGE_SQL = `
  SELECT capped.seq, capped.record_id, capped.key_id, capped.version, capped.author_device_id,
         ${base64Of("capped.ciphertext")} AS ciphertext, ${base64Of("capped.signature")} AS signature, capped.size,
         to_char(capped.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         ${base64Of("coalesce(capped.own_wrap, capped.manager_wrap)")} AS wrapped_key,
         capped.own_wrap IS NOT NULL AS wrapped_to_device, capped.page_bytes
  FROM (
    SELECT page.*, sum(page.size) OVER (ORDER BY page.seq)::bigint AS page_bytes
    FROM (
      SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, e.ciphertext, e.signature, e.size,
        e.created_at,
        (SELECT w.wrapped FROM wrapped_keys w WHERE w.key_id = e.key_id AND w.recipient_device_id = $2) AS own_wrap,
        CASE WHEN $3 THEN
          (SELECT w.wrapped FROM wrapped_keys w WHERE w.key_id = e.key_id AND w.recipient_device_id IS NULL)
        END AS manager_wrap
      FROM envelopes e
      WHERE e.team_id = $1 AND e.seq > $4 AND e.seq <= $5
      ORDER BY e.seq
      OFFSET 0
    ) AS page
    WHERE page.own_wrap IS NOT NULL OR page.manager_wrap IS NOT NULL
    ORDER BY page.seq
    LIMIT $6
  ) AS capped
  WHERE capped.page_bytes - capped.size < $7
  ORDER BY capped.seq`;

/** Envelopes after `after`, in seq order, that this device may read (those whose case key it holds). */
export async function pullEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<PullResult> {
  const teamId = requireTeamMember(device);
  const limit = Math.min(request.limit, LIMITS.pullPageMax);
  const { watermark, latestRotation, managerKeyId } = await committedWatermark(context, teamId);
  if (request.after >= watermark) {
    return { envelopes: [], cursor: Math.max(request.after, watermark), more: false, latestRotation, managerKeyId };
  }
  const rows = await context.db.query<PulledRow>(PULL_PAGE_SQL, [
    teamId,
    device.deviceId,
    device.role === "manager",
    request.after,
    watermark,
    limit,
    LIMITS.pullPageBytes,
  ]);
  // Full by count or by bytes: there may be more before the watermark (if not, the next pull says so).
  const full = rows.length === limit || (rows.at(-1)?.page_bytes ?? 0) >= LIMITS.pullPageBytes;
  return {
    envelopes: rows.map((row) => ({
      seq: row.seq,
      recordId: row.record_id,
      keyId: row.key_id,
      version: row.version,
      authorDeviceId: row.author_device_id,
      ciphertext: row.ciphertext,
      signature: row.signature,
      size: row.size,
      createdAt: row.created_at,
      wrappedKey: row.wrapped_key,
      wrappedTo: row.wrapped_to_device ? "device" : "manager-key",
    })),
    cursor: full ? rows.at(-1)!.seq : watermark,
    more: full,
    latestRotation,
    managerKeyId,
  };
}
