// The 5,000 cases the syncPull5kSeconds figure pulls, put on the bench's team server. On PostgreSQL they
// are made by the Node client (team-client-node.ts sealCases: the app's own sync cryptography, each case
// under its own key wrapped to its author device and the team manager key, encrypted and signed by its
// author) and inserted with node-postgres in one transaction, as the server would store them pushed one
// by one: seeding through the API took a minute of the bench's five. The pull itself still goes through
// the real API and the real client, which checks every signature and decrypts every case. On PGlite the
// server holds the data folder, so the cases go through the API.
import pg from "pg";

const ROWS_PER_STATEMENT = 1000;

async function insertSealedCases(databaseUrl, teamId, sealed, lockClass) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("BEGIN");
    // As every push does: the team's shared envelope lock from before the rows take their seqs to the
    // commit, so a pull meanwhile never moves its cursor past them.
    await db.query("SELECT pg_advisory_xact_lock_shared($1::int, hashtext($2::text))", [lockClass, teamId]);
    const now = new Date();
    for (let from = 0; from < sealed.length; from += ROWS_PER_STATEMENT) {
      const chunk = sealed.slice(from, from + ROWS_PER_STATEMENT);
      const wraps = chunk.flatMap((item) => [
        { keyId: item.keyId, recipient: item.authorDeviceId, wrapped: item.toAuthor, by: item.authorDeviceId },
        { keyId: item.keyId, recipient: null, wrapped: item.toManagerKey, by: item.authorDeviceId },
      ]);
      await db.query(
        `INSERT INTO wrapped_keys (team_id, key_id, kind, recipient_device_id, wrapped, wrapped_by, created_at)
         SELECT $1::uuid, w.key_id, 'case', w.recipient, w.wrapped, w.wrapped_by, $2::timestamptz
         FROM unnest($3::uuid[], $4::uuid[], $5::bytea[], $6::uuid[]) AS w(key_id, recipient, wrapped, wrapped_by)`,
        [
          teamId,
          now,
          wraps.map((wrap) => wrap.keyId),
          wraps.map((wrap) => wrap.recipient),
          wraps.map((wrap) => Buffer.from(wrap.wrapped)),
          wraps.map((wrap) => wrap.by),
        ],
      );
      await db.query(
        `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
         SELECT $1::uuid, e.record_id, e.key_id, 1, e.author, e.ciphertext, e.signature, octet_length(e.ciphertext), $2::timestamptz
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::bytea[], $7::bytea[])
           WITH ORDINALITY AS e(record_id, key_id, author, ciphertext, signature, n)
         ORDER BY e.n`,
        [
          teamId,
          now,
          chunk.map((item) => item.recordId),
          chunk.map((item) => item.keyId),
          chunk.map((item) => item.authorDeviceId),
          chunk.map((item) => Buffer.from(item.ciphertext)),
          chunk.map((item) => Buffer.from(item.signature)),
        ],
      );
    }
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await db.end();
  }
}

/** Seeds `count` cases of `team`; resolves with the bytes of ciphertext and how they went in. */
export async function seedTeamCases(server, team, count) {
  const { client } = server;
  if (!server.databaseUrl) return { ...(await client.seedCases(team, count)), how: "through the team API" };
  const sealed = await client.sealCases(team, count);
  const teamId = team.manager.teamId;
  await insertSealedCases(server.databaseUrl, teamId, sealed, client.ENVELOPE_LOCK_CLASS);
  const bytes = sealed.reduce((sum, item) => sum + item.ciphertext.length, 0);
  return { bytes, how: "made in Node, inserted in one transaction" };
}
