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
}

/** The team's highest seq with no push of the team still in flight below it. */
export async function committedWatermark(context: ServerContext, teamId: string): Promise<number> {
  return context.db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ENVELOPE_LOCK_CLASS, teamId]);
    const [row] = await tx.query<{ watermark: number }>(
      "SELECT coalesce(max(seq), 0)::bigint AS watermark FROM envelopes WHERE team_id = $1",
      [teamId],
    );
    return row?.watermark ?? 0;
  });
}

interface PulledRow {
  seq: number;
  record_id: string;
  key_id: string;
  version: number;
  author_device_id: string;
  ciphertext: Uint8Array;
  signature: Uint8Array;
  size: number;
  created_at: Date;
  own_wrap: Uint8Array | null;
  manager_wrap: Uint8Array | null;
}

/** Envelopes after `after`, in seq order, that this device may read (those whose case key it holds). */
export async function pullEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<PullResult> {
  const teamId = requireTeamMember(device);
  const limit = Math.min(request.limit, LIMITS.pullPageMax);
  const watermark = await committedWatermark(context, teamId);
  if (request.after >= watermark) return { envelopes: [], cursor: Math.max(request.after, watermark), more: false };
  const rows = await context.db.query<PulledRow>(
    `SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, e.ciphertext, e.signature, e.size, e.created_at,
            own.wrapped AS own_wrap, mgr.wrapped AS manager_wrap
     FROM envelopes e
     LEFT JOIN wrapped_keys own ON own.key_id = e.key_id AND own.recipient_device_id = $2
     LEFT JOIN wrapped_keys mgr ON $3 AND mgr.key_id = e.key_id AND mgr.recipient_device_id IS NULL
     WHERE e.team_id = $1 AND e.seq > $4 AND e.seq <= $5 AND (own.wrapped IS NOT NULL OR mgr.wrapped IS NOT NULL)
     ORDER BY e.seq LIMIT $6`,
    [teamId, device.deviceId, device.role === "manager", request.after, watermark, limit],
  );
  const full = rows.length === limit;
  return {
    envelopes: rows.map((row) => ({
      seq: row.seq,
      recordId: row.record_id,
      keyId: row.key_id,
      version: row.version,
      authorDeviceId: row.author_device_id,
      ciphertext: Buffer.from(row.ciphertext).toString("base64"),
      signature: Buffer.from(row.signature).toString("base64"),
      size: row.size,
      createdAt: row.created_at.toISOString(),
      wrappedKey: Buffer.from((row.own_wrap ?? row.manager_wrap)!).toString("base64"),
      wrappedTo: row.own_wrap ? "device" : "manager-key",
    })),
    cursor: full ? rows.at(-1)!.seq : watermark,
    more: full,
  };
}
