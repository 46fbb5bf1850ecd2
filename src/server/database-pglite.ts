/** The embedded engine: PGlite in a data folder that survives restarts, held by one process at a time. */
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Database, Queryable, SqlValue } from "./database";
import { lockDataFolder } from "./data-folder-lock";

function queryableOf(target: PGlite | Transaction): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async script(sql: string) {
      await target.exec(sql);
    },
  };
}

/** Where PGlite keeps its files inside the server's data folder. */
export function pgliteFolder(dataDir: string): string {
  return `${dataDir}/pglite`;
}

/**
 * Opens (creating if need be) the database in `dataDir`/pglite; with no folder, an in-memory database
 * (tests). Throws DataFolderInUseError, before touching the folder, if another process holds it.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  const release = dataDir === undefined ? () => {} : lockDataFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir === undefined ? undefined : pgliteFolder(dataDir));
  } catch (error) {
    release();
    throw error;
  }
  const direct = queryableOf(pglite);
  return {
    kind: "pglite",
    query: direct.query,
    script: direct.script,
    transaction: (work) => pglite.transaction((tx) => work(queryableOf(tx))),
    async *copyBinary(select) {
      // PGlite hands what COPY writes to its '/dev/blob' back as the result's blob, whole.
      const result = await pglite.query(`COPY (${select}) TO '/dev/blob' (FORMAT binary)`);
      if (!result.blob) throw new Error("PGlite returned no COPY output");
      yield new Uint8Array(await result.blob.arrayBuffer());
    },
    async close() {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
