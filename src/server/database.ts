/**
 * One interface over the two engines the team server runs on: PGlite (PostgreSQL compiled to
 * WebAssembly, in a data folder, for a single small server) and a real PostgreSQL through node-postgres
 * (DATABASE_URL, for any number of API processes). Everything above this file speaks plain SQL with
 * $1 parameters and sees bigint columns as JavaScript numbers.
 */

export type DatabaseKind = "pglite" | "postgresql";

export type SqlValue = string | number | boolean | null | Uint8Array | Date;

export interface Queryable {
  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Several statements, no parameters (a migration file). */
  script(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `work` in one transaction (READ COMMITTED): committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The rows of one SELECT as PostgreSQL's binary COPY writes them (`COPY (select) TO … (FORMAT binary)`),
   * header to trailer, in chunks as they arrive, for BinaryCopyReader: values in their binary form, none
   * turned into text. COPY binds no parameters: `select` carries its values as literals
   * (inlineCopyParameters). Read it to the end: the connection is held until then.
   */
  copyBinary(select: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** PostgreSQL's error code for a unique-constraint violation. */
export const UNIQUE_VIOLATION = "23505";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
