// serverPull1mEnvelopesSeconds (issue 17 item 4, docs/scaling.md): a fresh manager device's full first
// pull through the team server's HTTP API — its own process on real PostgreSQL 15, the real session
// sign-in, pages of the client's size (PULL_PAGE_SIZE) one after another as the client asks for them,
// every answer decoded into envelopes by the app's own decoder (the page in bytes, decisions §36) — from a team holding 1,000,000 envelopes of 1 KB of ciphertext. Nothing is
// decrypted (the seeded ciphertext is random bytes): the figure is the server and the wire.
// Beside it pgSelect1mSeconds: the same rows read straight from the envelopes table with node-postgres,
// keyset-paged by seq with the same page size (budget: the API within 2× of it).
//
// The team is seeded by SQL (INSERT … SELECT over generate_series, inside the team's shared envelope
// lock as a push takes it): 100,000 case keys, each wrapped to its author practitioner and to the team
// manager key; 200,000 records (two per case), five versions each, interleaved in seq order as a team's
// edits are. The rows are vacuumed before either read, so both read a settled table,
// and deleted at the end.
import { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";
import { statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { progress } from "../shared/helpers.mjs";
import { NO_POSTGRES, teamServerSession } from "../shared/team-server.mjs";

const ENVELOPES = 1_000_000;
const CIPHERTEXT_BYTES = 1024;
const CASE_KEYS = 100_000;
const RECORDS = 200_000; // two per case key; ENVELOPES / RECORDS versions each
const WRAPPED_KEY_BYTES = 125; // a sealed case key (ephemeral point, nonce, key, tag) is about this
const AUTHORS = 4;
const BUDGET_RATIO = 2;
// Random bytes that every row's ciphertext and signature are cut from at its own offset: incompressible
// like real ciphertext, without a random() call per byte.
const POOL_BYTES = 256 * 1024;
// The throwaway cluster lives in the temporary folder: 1.2 GB of table, 0.2 GB of indexes and about as
// much WAL again as the table while seeding.
const FREE_GB_NEEDED = 4;

function freeGigabytes(folder) {
  const stats = statfsSync(folder);
  return (stats.bavail * stats.bsize) / 1024 ** 3;
}

/** Wrappings and envelopes of the whole team in one transaction: two INSERT … SELECT statements. */
async function seedTeam(databaseUrl, team, authors, lockClass) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const pool = randomBytes(POOL_BYTES);
    const authorIds = authors.map((device) => device.deviceId);
    // Unique per run: a case key's id is unique across teams (wrapped_keys_to_manager_key).
    const salt = `${team.manager.teamId} `;
    await db.query("BEGIN");
    await db.query("SELECT pg_advisory_xact_lock_shared($1, hashtext($2))", [lockClass, team.manager.teamId]);
    await db.query(
      `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by)
       SELECT $1::uuid, md5($2::text || 'key ' || k)::uuid, 'case', recipient.device,
              substring($3::bytea FROM (k * 7 + recipient.ordinal) % ($4::int - $5::int) + 1 FOR $5::int), $6::uuid
       FROM generate_series(0, $7::int - 1) AS k
       CROSS JOIN LATERAL (VALUES (NULL::uuid, 0), (($8::uuid[])[k % $9::int + 1], 1)) AS recipient (device, ordinal)`,
      [
        team.manager.teamId,
        salt,
        pool,
        POOL_BYTES,
        WRAPPED_KEY_BYTES,
        team.manager.deviceId,
        CASE_KEYS,
        authorIds,
        authorIds.length,
      ],
    );
    await db.query(
      `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
       SELECT $1::uuid, md5($2::text || 'record ' || (i % $3::int))::uuid,
              md5($2::text || 'key ' || (i % $3::int % $4::int))::uuid, (i / $3::int + 1)::int,
              ($5::uuid[])[i % $3::int % $4::int % $6::int + 1],
              substring($7::bytea FROM (i * 7919 % ($8::int - $9::int))::int + 1 FOR $9::int),
              substring($7::bytea FROM (i * 104729 % ($8::int - 64))::int + 1 FOR 64),
              $9::int, now() - interval '1 second' * ($10::int - i)
       FROM generate_series(0::bigint, $10::int - 1) AS i`,
      [
        team.manager.teamId,
        salt,
        RECORDS,
        CASE_KEYS,
        authorIds,
        authorIds.length,
        pool,
        POOL_BYTES,
        CIPHERTEXT_BYTES,
        ENVELOPES,
      ],
    );
    await db.query("COMMIT");
    // VACUUM as well as ANALYZE: the first reader of freshly inserted rows sets their hint bits and so
    // writes every page it reads. A team's envelopes at rest have long had theirs set by the pulls and
    // autovacuum before; without this the API's pull, which goes first, paid for a million rows' hint
    // bits and the SELECT after it for none (measured: 87 s against 67 s for the same pull run second).
    await db.query("VACUUM (ANALYZE) envelopes");
    await db.query("VACUUM (ANALYZE) wrapped_keys");
  } finally {
    await db.end();
  }
}

/** Deletes what seedTeam stored (the throwaway cluster is deleted at the end anyway; this frees it now). */
async function dropTeamRows(databaseUrl, teamId) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("DELETE FROM envelopes WHERE team_id = $1", [teamId]);
    await db.query("DELETE FROM wrapped_keys WHERE team_id = $1 AND kind = 'case'", [teamId]);
  } finally {
    await db.end();
  }
}

/**
 * The device's full pull through the API, page after page, as the app asks for it (the page in bytes,
 * decoded by the app's own decoder into the envelopes the sync engine reads, base64 fields and all);
 * resolves with seconds, envelopes and bytes read.
 */
async function pullThroughApi(origin, device, pageSize, client) {
  const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let after = 0;
  let envelopes = 0;
  let bytes = 0;
  let pages = 0;
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${origin}/api/envelopes?after=${after}&limit=${pageSize}`, {
      headers: { authorization: `Bearer ${device.token}`, accept: client.ENVELOPE_PAGE_MEDIA_TYPE },
    });
    if (response.status !== 200) {
      throw new Error(`pull after ${after}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const page = client.decodeEnvelopePage(body, toBase64);
    bytes += body.length;
    envelopes += page.envelopes.length;
    pages += 1;
    after = page.cursor;
    if (!page.more) break;
  }
  return { seconds: (performance.now() - started) / 1000, envelopes, bytes, pages };
}

/** The same rows by a plain keyset-paged SELECT on one node-postgres connection. */
async function selectPaged(databaseUrl, teamId, pageSize) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    let after = 0;
    let rows = 0;
    const started = performance.now();
    for (;;) {
      const page = await db.query({
        name: "scale-select-page",
        text: `SELECT seq, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at
               FROM envelopes WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        values: [teamId, after, pageSize],
      });
      rows += page.rows.length;
      if (page.rows.length < pageSize) break;
      after = Number(page.rows.at(-1).seq);
    }
    return { seconds: (performance.now() - started) / 1000, rows };
  } finally {
    await db.end();
  }
}

export default {
  label: "server pull at scale benchmark",
  keys: { serverPull1mEnvelopesSeconds: 1, pgSelect1mSeconds: 1 },
  async measure(ctx) {
    const server = await teamServerSession(ctx);
    if (!server.databaseUrl) throw new Error(NO_POSTGRES);
    const { client, origin } = server;
    const free = freeGigabytes(tmpdir());
    if (free < FREE_GB_NEEDED) {
      throw new Error(
        `${free.toFixed(1)} GB free in ${tmpdir()}; seeding a million envelopes needs about ${FREE_GB_NEEDED} GB`,
      );
    }
    const team = await client.setUpTeam(origin, server.adminToken, AUTHORS);
    const teamId = team.manager.teamId;
    progress(
      `seeding one team with ${ENVELOPES.toLocaleString("en-GB")} envelopes of ${CIPHERTEXT_BYTES} bytes by SQL ` +
        `(${CASE_KEYS.toLocaleString("en-GB")} case keys, ${RECORDS.toLocaleString("en-GB")} records)…`,
    );
    const seeding = performance.now();
    try {
      await seedTeam(server.databaseUrl, team, team.practitioners, client.ENVELOPE_LOCK_CLASS);
      progress(`  seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      const device = await client.enrolFreshManager(team);
      const pageSize = client.PULL_PAGE_SIZE;
      progress(`pulling them through the API as a fresh manager device, pages of ${pageSize}…`);
      const api = await pullThroughApi(origin, device, pageSize, client);
      if (api.envelopes !== ENVELOPES) throw new Error(`the API pull read ${api.envelopes} of ${ENVELOPES} envelopes`);
      progress(
        `  ${api.seconds.toFixed(1)} s, ${api.pages} pages, ${(api.bytes / 1024 / 1024).toFixed(0)} MB of pages ` +
          `(${(ENVELOPES / api.seconds).toFixed(0)} envelopes/s)`,
      );
      progress(`reading the same rows by a paged SELECT with node-postgres…`);
      const plain = await selectPaged(server.databaseUrl, teamId, pageSize);
      if (plain.rows !== ENVELOPES) throw new Error(`the SELECT read ${plain.rows} of ${ENVELOPES} rows`);
      progress(`  ${plain.seconds.toFixed(1)} s`);
      return { results: { serverPull1mEnvelopesSeconds: api.seconds, pgSelect1mSeconds: plain.seconds } };
    } finally {
      const deleting = performance.now();
      await dropTeamRows(server.databaseUrl, teamId);
      progress(`  seeded rows deleted in ${((performance.now() - deleting) / 1000).toFixed(1)} s`);
    }
  },
  lines: ({ results, line }) => [
    line("serverPull1mEnvelopesSeconds", "s", {
      baseline: results.pgSelect1mSeconds,
      baselineName: "pgSelect1mSeconds",
      budget: `ratio ≤ ${BUDGET_RATIO}; fetched and decoded as the app decodes a page, not decrypted (random ciphertext)`,
      over:
        results.serverPull1mEnvelopesSeconds !== null &&
        results.pgSelect1mSeconds !== null &&
        results.serverPull1mEnvelopesSeconds > BUDGET_RATIO * results.pgSelect1mSeconds,
    }),
    line("pgSelect1mSeconds", "s"),
  ],
};
