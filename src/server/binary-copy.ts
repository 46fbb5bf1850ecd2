/**
 * Rows read with PostgreSQL's binary COPY (`COPY (SELECT …) TO … (FORMAT binary)`), for the pull page in
 * bytes (decisions §39). A plain query hands every value to node-postgres as text, so a page of 2,000
 * envelopes of 1 KB left PostgreSQL as 5 MB of hex that the API turned back into bytes, and that parsing
 * was most of the server's time in a full pull (docs/scaling.md). A binary COPY sends the bytes as they
 * are: each row is a field count and, per field, a length and the value's binary form.
 *
 * COPY takes no bind parameters, so the statement carries its values as literals (inlineCopyParameters),
 * and only of the three kinds the page statement binds, each checked before it is written.
 */

// "PGCOPY\n\377\r\n\0", then 32 bits of flags and the length of a header extension.
const SIGNATURE = Uint8Array.of(0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00);
const HEADER_BYTES = SIGNATURE.length + 4 + 4;
// Bit 16 of the flags: every row carries an OID first. Never asked for here; a stream with it is refused.
const HAS_OIDS = 1 << 16;
const TRAILER = -1;
const NULL_LENGTH = -1;

export class BinaryCopyFormatError extends Error {
  constructor(reason: string) {
    super(`PostgreSQL's binary COPY could not be read: ${reason}`);
    this.name = "BinaryCopyFormatError";
  }
}

/** One row: each field's binary value as a view into the copied bytes (no copy), null for SQL NULL. */
export type BinaryCopyRow = (Uint8Array | null)[];

/**
 * Reads a binary COPY stream chunk by chunk as it arrives: each push hands back the rows completed so far,
 * and a row cut between chunks waits for the rest. finish() refuses a stream that ended without its trailer.
 */
export class BinaryCopyReader {
  #pending: Uint8Array | null = null;
  #started = false;
  #ended = false;

  push(chunk: Uint8Array): BinaryCopyRow[] {
    // A plain view: node-postgres hands Buffers, whose subarrays cost more to make.
    let bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#pending) {
      bytes = new Uint8Array(this.#pending.length + chunk.length);
      bytes.set(this.#pending, 0);
      bytes.set(chunk, this.#pending.length);
      this.#pending = null;
    }
    if (bytes.length === 0) return [];
    if (this.#ended) throw new BinaryCopyFormatError("bytes follow its trailer");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    if (!this.#started) {
      const compared = Math.min(bytes.length, SIGNATURE.length);
      for (let index = 0; index < compared; index += 1) {
        if (bytes[index] !== SIGNATURE[index]) throw new BinaryCopyFormatError("it does not start with PGCOPY");
      }
      if (bytes.length < HEADER_BYTES || bytes.length < HEADER_BYTES + view.getUint32(SIGNATURE.length + 4)) {
        this.#pending = bytes.slice();
        return [];
      }
      if ((view.getUint32(SIGNATURE.length) & HAS_OIDS) !== 0) throw new BinaryCopyFormatError("its rows carry OIDs");
      at = HEADER_BYTES + view.getUint32(SIGNATURE.length + 4);
      this.#started = true;
    }
    const rows: BinaryCopyRow[] = [];
    rows: while (at + 2 <= bytes.length) {
      const rowStart = at;
      const fieldCount = view.getInt16(at);
      at += 2;
      if (fieldCount === TRAILER) {
        this.#ended = true;
        if (at !== bytes.length) throw new BinaryCopyFormatError("bytes follow its trailer");
        break;
      }
      if (fieldCount < 0) throw new BinaryCopyFormatError("a row has a negative field count");
      const row: BinaryCopyRow = new Array<Uint8Array | null>(fieldCount);
      for (let field = 0; field < fieldCount; field += 1) {
        if (at + 4 > bytes.length) {
          at = rowStart;
          break rows;
        }
        const length = view.getInt32(at);
        at += 4;
        if (length === NULL_LENGTH) {
          row[field] = null;
          continue;
        }
        if (length < 0) throw new BinaryCopyFormatError("a value has a negative length");
        if (at + length > bytes.length) {
          at = rowStart;
          break rows;
        }
        row[field] = bytes.subarray(at, at + length);
        at += length;
      }
      rows.push(row);
    }
    // What is left is less than a row: copied, so the chunk it came in is not kept for it.
    if (at < bytes.length) this.#pending = bytes.slice(at);
    return rows;
  }

  /** Throws unless the stream ended with its trailer and nothing after it. */
  finish(): void {
    if (!this.#started) throw new BinaryCopyFormatError("it is too short");
    if (!this.#ended) throw new BinaryCopyFormatError("it ends inside a row");
  }
}

/** The rows of a whole binary COPY stream, header to trailer; anything else in it is refused whole. */
export function readBinaryCopyRows(bytes: Uint8Array): BinaryCopyRow[] {
  const reader = new BinaryCopyReader();
  const rows = reader.push(bytes);
  reader.finish();
  return rows;
}

/** A binary int8 (bigint) field as a number; refused beyond 2^53, as the API's numbers are. */
export function binaryInt8(field: Uint8Array | null | undefined): number {
  if (!field || field.length !== 8) throw new BinaryCopyFormatError("a bigint field is not 8 bytes");
  const view = new DataView(field.buffer, field.byteOffset, 8);
  const high = view.getInt32(0);
  if (high < 0 || high >= 0x200000) throw new BinaryCopyFormatError("a bigint field is out of range");
  return high * 0x100000000 + view.getUint32(4);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A value a COPY statement may carry as a literal: a lower-case UUID, a safe integer, or a boolean. */
export type CopyParameter = string | number | boolean;

function literalOf(value: CopyParameter, position: number): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`$${position} is not a safe integer`);
    // In brackets when negative: "x-$1" must not become "x--1", which PostgreSQL reads as a comment.
    return value < 0 ? `(${value})` : String(value);
  }
  // Only ids: nothing that could close the quotes, whatever the server's string settings.
  if (!UUID.test(value)) throw new RangeError(`$${position} is not a lower-case UUID`);
  return `'${value}'::uuid`;
}

/** `sql` with each $n replaced by its value as a literal (COPY (SELECT …) cannot bind parameters). */
export function inlineCopyParameters(sql: string, parameters: readonly CopyParameter[]): string {
  return sql.replace(/\$(\d+)/g, (_, digits: string) => {
    const position = Number(digits);
    if (position < 1 || position > parameters.length) throw new RangeError(`$${position} has no value`);
    return literalOf(parameters[position - 1]!, position);
  });
}
