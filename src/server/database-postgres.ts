/** A real PostgreSQL server through a node-postgres pool (DATABASE_URL). */
import { createHash } from "node:crypto";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Database, Queryable, SqlValue } from "./database";

// bigint (int8) columns as numbers: sequences stay far below 2^53, and PGlite returns numbers too.
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

// Every statement is prepared once per connection, under a name made from its text, and after that only
// bound and run: planning a push's read cost PostgreSQL four times what running it did. The statements
// are the fixed texts of src/server, so the names are few.
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `sr_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function queryableOf(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query<Row>({ name: statementName(sql), text: sql, values: params as unknown[] });
      return result.rows;
    },
    async script(sql: string) {
      // No parameters: node-postgres sends it as one simple query, which may hold several statements.
      await target.query(sql);
    },
  };
}

export async function openPostgresDatabase(connectionString: string, maxConnections = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections, types: types as pg.CustomTypesConfig });
  // Idle clients can be dropped by the server (restart, network); the pool replaces them, so an error
  // here must not bring the process down.
  pool.on("error", () => {});
  // Fail at start, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const direct = queryableOf(pool);
  return {
    kind: "postgresql",
    query: direct.query,
    script: direct.script,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(queryableOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async *copyBinary(select) {
      const client = await pool.connect();
      let finished = false;
      let failure: Error | undefined;
      try {
        yield* client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`)) as AsyncIterable<Buffer>;
        finished = true;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // A COPY cut short (an error, or a reader that stopped) leaves the connection mid-protocol: the pool
        // drops it rather than hand it to the next request.
        client.release(finished ? undefined : (failure ?? new Error("the COPY was not read to its end")));
      }
    },
    close: () => pool.end(),
  };
}
