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
import {
  encodeEnvelopePageEnd,
  encodeEnvelopePageStart,
  envelopeByteLength,
  writeEnvelopeBytes,
  type DecodedPageEnvelope,
  type EnvelopeFieldBytes,
} from "../domain/team-sync/envelope-page";
import {
  binaryInt8,
  BinaryCopyFormatError,
  BinaryCopyReader,
  inlineCopyParameters,
  type BinaryCopyRow,
} from "./binary-copy";
import { requireTeamMember } from "./keys-service";
import type { SignedInDevice } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

// First half of the two-part advisory lock key: "envelopes of a team". The second is the team's hash.
export const ENVELOPE_LOCK_CLASS = 7316;

/** The JSON answer's envelope: what the page in bytes carries, and its size and time. */
export interface PulledEnvelope extends DecodedPageEnvelope {
  size: number;
  createdAt: string;
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
  /** The latest key granted to this device (reassign-service.ts): past its own grant cursor, it pulls those keys. */
  latestGrant: number;
}

/**
 * The team's highest seq with no push of the team still in flight below it, and (read in the same
 * statement, so a pull costs no extra round trip) the team's latest key rotation, current team key and the latest
 * key granted to `deviceId` (reassign-service.ts; 0 without a device).
 */
export async function committedWatermark(
  context: ServerContext,
  teamId: string,
  deviceId: string | null = null,
): Promise<{ watermark: number; latestRotation: number; managerKeyId: string | null; latestGrant: number }> {
  return context.db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ENVELOPE_LOCK_CLASS, teamId]);
    const [row] = await tx.query<{
      watermark: number;
      latest_rotation: number;
      manager_key_id: string | null;
      latest_grant: number;
    }>(
      `SELECT coalesce(max(seq), 0)::bigint AS watermark,
         (SELECT coalesce(max(id), 0)::bigint FROM key_rotations WHERE team_id = $1) AS latest_rotation,
         (SELECT manager_key_id FROM teams WHERE id = $1) AS manager_key_id,
         (SELECT coalesce(max(id), 0)::bigint FROM key_grants WHERE recipient_device_id = $2::uuid) AS latest_grant
       FROM envelopes WHERE team_id = $1`,
      [teamId, deviceId],
    );
    return {
      watermark: Number(row?.watermark ?? 0),
      latestRotation: Number(row?.latest_rotation ?? 0),
      managerKeyId: row?.manager_key_id ?? null,
      latestGrant: Number(row?.latest_grant ?? 0),
    };
  });
}

/** An envelope as the JSON pull statements select it (here and in reassign-service.ts). */
export interface PulledEnvelopeRow {
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
}

interface PulledRow extends PulledEnvelopeRow {
  /** Ciphertext bytes of the page up to and including this row. */
  page_bytes: number;
}

/** The JSON answer's envelope from its row. */
export function pulledEnvelopeOf(row: PulledEnvelopeRow): PulledEnvelope {
  return {
    seq: Number(row.seq),
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
  };
}

// bytea as canonical base64, which the answer carries: encode() breaks its output into lines of 76.
export const base64Of = (column: string) => `replace(encode(${column}, 'base64'), E'\\n', '')`;

// Each envelope's wrapping is looked up by (key, recipient) in a subquery of its own, and the OFFSET 0
// keeps the planner from folding them into joins: as joins, a manager's page read every wrapping to any
// device in the database (the "to device" index scanned by recipient alone, once a page), so each page
// cost more the more case keys the server held — 6–12 ms a page at 100,000 keys (docs/scaling.md).
// One lookup per envelope, not two: a manager's device opens every case key through the team key, so
// for a manager the team key's wrapping is looked up first and its own only where there is none (COALESCE
// runs its second subquery only then); a practitioner's device looks up its own. The two lookups per
// envelope were a third of the page statement's time. The wrapping leaves tagged with whom it is for
// (first byte 1: this device, 0: the team key), so the answer says so without a second lookup.
// The time leaves as the answer's text (ISO 8601, UTC, milliseconds as Date.toISOString writes it), not
// parsed into a Date only to be written out again.
// A page ends at `limit` envelopes or once it holds LIMITS.pullPageBytes ($7) of ciphertext, whichever first,
// but always holds at least one: the rows kept are those that start before the byte budget is spent.
const OWN_WRAP = `(SELECT '\\x01'::bytea || w.wrapped FROM wrapped_keys w
                   WHERE w.key_id = e.key_id AND w.recipient_device_id = $2)`;
const TEAM_KEY_WRAP = `(SELECT '\\x00'::bytea || w.wrapped FROM wrapped_keys w
                        WHERE w.key_id = e.key_id AND w.recipient_device_id IS NULL)`;
const CAPPED_PAGE_SQL = `
  SELECT page.*, sum(page.size) OVER (ORDER BY page.seq)::bigint AS page_bytes
  FROM (
    SELECT e.seq, e.record_id, e.key_id, e.version, e.author_device_id, e.ciphertext, e.signature, e.size,
      e.created_at,
      CASE WHEN $3 THEN coalesce(${TEAM_KEY_WRAP}, ${OWN_WRAP}) ELSE ${OWN_WRAP} END AS tagged_wrap
    FROM envelopes e
    WHERE e.team_id = $1 AND e.seq > $4 AND e.seq <= $5
    ORDER BY e.seq
    OFFSET 0
  ) AS page
  WHERE page.tagged_wrap IS NOT NULL
  ORDER BY page.seq
  LIMIT $6`;

// Bytes leave PostgreSQL as base64 rather than hex that node-postgres would decode into a Buffer only
// for this to encode it again: a third fewer bytes on the wire and no copies here.
const PULL_PAGE_SQL = `
  SELECT capped.seq, capped.record_id, capped.key_id, capped.version, capped.author_device_id,
         ${base64Of("capped.ciphertext")} AS ciphertext, ${base64Of("capped.signature")} AS signature, capped.size,
         to_char(capped.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         ${base64Of("substring(capped.tagged_wrap FROM 2)")} AS wrapped_key,
         get_byte(capped.tagged_wrap, 0) = 1 AS wrapped_to_device, capped.page_bytes
  FROM (${CAPPED_PAGE_SQL}) AS capped
  WHERE capped.page_bytes - capped.size < $7
  ORDER BY capped.seq`;

// The same page in bytes (src/domain/team-sync/envelope-page.ts), read by a binary COPY (binary-copy.ts,
// decisions §39): every value leaves PostgreSQL in its binary form (int8, uuid and bytea as their bytes), so
// none becomes text on the way, and the API lays each row out as the page's envelope (envelopeBytesOf).
// PostgreSQL joining the fields itself (`||`, one copy each) cost it more than the layout costs here.
// The running byte total comes beside them for whether the page is full.
const PULL_PAGE_COPY_SQL = `
  SELECT capped.page_bytes, capped.seq, capped.record_id, capped.key_id, capped.version, capped.author_device_id,
    capped.tagged_wrap, capped.signature, capped.ciphertext
  FROM (${CAPPED_PAGE_SQL}) AS capped
  WHERE capped.page_bytes - capped.size < $7
  ORDER BY capped.seq`;

// The COPY row's fields, in the statement's order.
const PAGE_BYTES = 0;
const SEQ = 1;
const ROW_FIELDS = 9;

/** A COPY row of PULL_PAGE_COPY_SQL as the page's envelope fields (sizes are checked as they are written). */
function envelopeFieldsOf(row: BinaryCopyRow): EnvelopeFieldBytes {
  if (row.length !== ROW_FIELDS || row.some((field) => field === null)) {
    throw new BinaryCopyFormatError("an envelope's row is not as the page statement selects it");
  }
  const [, seq, recordId, keyId, version, authorDeviceId, taggedWrap, signature, ciphertext] = row as Uint8Array[];
  if (taggedWrap!.length < 1) throw new BinaryCopyFormatError("an envelope's wrapping has no tag");
  return {
    seq: seq!,
    recordId: recordId!,
    keyId: keyId!,
    version: version!,
    authorDeviceId: authorDeviceId!,
    // The wrapping's first byte says whom it is for (1 this device, 0 the team key): CAPPED_PAGE_SQL.
    wrappedTo: taggedWrap![0]!,
    wrappedKey: taggedWrap!.subarray(1),
    signature: signature!,
    ciphertext: ciphertext!,
  };
}

/** A chunk's rows as the page's envelopes, one after another, in the page's layout (writeEnvelopeBytes). */
function envelopeBytesOf(rows: BinaryCopyRow[]): Uint8Array {
  const envelopes = rows.map(envelopeFieldsOf);
  const out = new Uint8Array(envelopes.reduce((total, envelope) => total + envelopeByteLength(envelope), 0));
  let at = 0;
  for (const envelope of envelopes) at = writeEnvelopeBytes(envelope, out, at);
  return out;
}

interface PageBounds {
  teamId: string;
  watermark: number;
  latestRotation: number;
  managerKeyId: string | null;
  latestGrant: number;
  limit: number;
}

/** The parameters of both page statements, in their order. */
function pageParameters(device: SignedInDevice, request: { after: number }, bounds: PageBounds) {
  return [
    bounds.teamId,
    device.deviceId,
    device.role === "manager",
    request.after,
    bounds.watermark,
    bounds.limit,
    LIMITS.pullPageBytes,
  ];
}

/** The team's watermark and latest rotation for this pull, and the page's size. */
async function pageBounds(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<PageBounds> {
  const teamId = requireTeamMember(device);
  const watermark = await committedWatermark(context, teamId, device.deviceId);
  return { teamId, ...watermark, limit: Math.min(request.limit, LIMITS.pullPageMax) };
}

/** Full by count or by bytes: there may be more before the watermark (if not, the next pull says so). */
function isFullPage(count: number, lastPageBytes: number | undefined, limit: number): boolean {
  return count === limit || (lastPageBytes ?? 0) >= LIMITS.pullPageBytes;
}

/** Envelopes after `after`, in seq order, that this device may read (those whose case key it holds). */
export async function pullEnvelopes(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<PullResult> {
  const bounds = await pageBounds(context, device, request);
  const { watermark, latestRotation, managerKeyId, latestGrant } = bounds;
  if (request.after >= watermark) {
    const cursor = Math.max(request.after, watermark);
    return { envelopes: [], cursor, more: false, latestRotation, managerKeyId, latestGrant };
  }
  const rows = await context.db.query<PulledRow>(PULL_PAGE_SQL, pageParameters(device, request, bounds));
  const full = isFullPage(rows.length, rows.at(-1)?.page_bytes, bounds.limit);
  return {
    envelopes: rows.map(pulledEnvelopeOf),
    cursor: full ? rows.at(-1)!.seq : watermark,
    more: full,
    latestRotation,
    managerKeyId,
    latestGrant,
  };
}

/** A page in bytes as it goes out: the start, the envelopes as PostgreSQL writes them, the end. */
export interface EnvelopePageStream {
  chunks: AsyncIterable<Uint8Array>;
  /** The team's current team key id, for the route's TEAM_KEY_HEADER. */
  managerKeyId: string | null;
}

/**
 * The same page as pullEnvelopes, in bytes (ENVELOPE_PAGE_MEDIA_TYPE), in chunks as PostgreSQL writes the
 * envelopes: the device receives the first while PostgreSQL still reads the last (decisions §39). The COPY
 * has begun before this resolves, so a statement that fails at once is an error answer, not a cut page.
 */
export async function pullEnvelopePage(
  context: ServerContext,
  device: SignedInDevice,
  request: { after: number; limit: number },
): Promise<EnvelopePageStream> {
  const bounds = await pageBounds(context, device, request);
  const { watermark, latestRotation, managerKeyId, latestGrant } = bounds;
  const start = encodeEnvelopePageStart({ latestRotation, latestGrant });
  if (request.after >= watermark) {
    const end = encodeEnvelopePageEnd({ cursor: Math.max(request.after, watermark), more: false, count: 0 });
    return { chunks: toAsync([start, end]), managerKeyId };
  }
  const select = inlineCopyParameters(PULL_PAGE_COPY_SQL, pageParameters(device, request, bounds));
  const copy = context.db.copyBinary(select)[Symbol.asyncIterator]();
  const first = await copy.next();
  return { chunks: envelopePageChunks(start, first, copy, bounds), managerKeyId };
}

async function* toAsync(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

/** The page's chunks: its start, the envelopes of each COPY chunk as one chunk, and its end once the COPY ends. */
async function* envelopePageChunks(
  start: Uint8Array,
  first: IteratorResult<Uint8Array>,
  copy: AsyncIterator<Uint8Array>,
  bounds: PageBounds,
): AsyncGenerator<Uint8Array> {
  yield start;
  const reader = new BinaryCopyReader();
  let count = 0;
  let last: BinaryCopyRow | undefined;
  try {
    for (let next = first; !next.done; next = await copy.next()) {
      const rows = reader.push(next.value);
      if (rows.length === 0) continue;
      count += rows.length;
      last = rows.at(-1);
      yield envelopeBytesOf(rows);
    }
  } finally {
    // Stopped early (an error here, or the answer abandoned): the COPY's connection is given back.
    await copy.return?.();
  }
  reader.finish();
  const full = isFullPage(count, last ? binaryInt8(last[PAGE_BYTES]) : undefined, bounds.limit);
  yield encodeEnvelopePageEnd({ cursor: full ? binaryInt8(last![SEQ]) : bounds.watermark, more: full, count });
}
