// The binary COPY the pull page in bytes is read with (src/server/binary-copy.ts, decisions §39): the reader
// against what each engine really writes, its refusals, and the literals a COPY statement carries instead
// of parameters.
import { concatBytes } from "../../src/domain/team-sync/framing";
import {
  binaryInt8,
  BinaryCopyFormatError,
  BinaryCopyReader,
  inlineCopyParameters,
  readBinaryCopyRows,
} from "../../src/server/binary-copy";
import { NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";

const HEADER = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
const TRAILER = [0xff, 0xff];

const bytesOf = (...parts: number[][]) => Uint8Array.from(parts.flat());
const int8 = (value: bigint) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value);
  return [...bytes];
};

describe.skipIf(NO_DATABASE)("reading a binary COPY", () => {
  let db: TestDatabase;

  /** What the engine's COPY wrote, whole, however many chunks it came in. */
  async function copied(select: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of db.copyBinary(select)) chunks.push(chunk);
    return concatBytes(chunks);
  }

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("reads each row's fields as the engine wrote them: bigints, bytes, empty bytes and NULL", async () => {
    const bytes = await copied(
      `SELECT n::bigint, CASE WHEN n = 2 THEN NULL WHEN n = 3 THEN ''::bytea ELSE int4send(n) || '\\xabcdef'::bytea END
       FROM generate_series(1, 4) AS n ORDER BY n`,
    );
    const rows = readBinaryCopyRows(bytes);
    expect(rows.map((row) => binaryInt8(row[0]))).toEqual([1, 2, 3, 4]);
    expect(rows.map((row) => (row[1] ? [...row[1]] : null))).toEqual([
      [0, 0, 0, 1, 0xab, 0xcd, 0xef],
      null,
      [],
      [0, 0, 0, 4, 0xab, 0xcd, 0xef],
    ]);
  });

  it("reads a SELECT of no rows as no rows", async () => {
    expect(readBinaryCopyRows(await copied("SELECT 1::bigint WHERE false"))).toEqual([]);
  });

  it("reads the largest number the API carries and refuses one beyond it", async () => {
    const [row] = readBinaryCopyRows(await copied(`SELECT ${Number.MAX_SAFE_INTEGER}::bigint, -1::bigint`));
    expect(binaryInt8(row![0])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => binaryInt8(row![1])).toThrow(BinaryCopyFormatError);
    expect(() => binaryInt8(Uint8Array.from(int8(2n ** 53n)))).toThrow(BinaryCopyFormatError);
    expect(() => binaryInt8(null)).toThrow(BinaryCopyFormatError);
    expect(() => binaryInt8(new Uint8Array(4))).toThrow(BinaryCopyFormatError);
  });

  it("reads a stream however it is cut into chunks, rows cut between chunks waiting for the rest", async () => {
    const whole = await copied(
      `SELECT n::bigint, decode(repeat(lpad(to_hex(n % 256), 2, '0'), n % 700), 'hex')
       FROM generate_series(1, 300) AS n ORDER BY n`,
    );
    const expected = readBinaryCopyRows(whole).map((row) => row.map((field) => [...field!]));
    expect(expected).toHaveLength(300);
    for (const size of [1, 2, 7, 19, 20, 1000, 4096]) {
      const reader = new BinaryCopyReader();
      const rows = [];
      for (let at = 0; at < whole.length; at += size) rows.push(...reader.push(whole.slice(at, at + size)));
      reader.finish();
      expect(
        rows.map((row) => row.map((field) => [...field!])),
        `chunks of ${size}`,
      ).toEqual(expected);
    }
  });

  it("refuses a stream that stops before its trailer, or goes on after it", async () => {
    const whole = await copied("SELECT n::bigint FROM generate_series(1, 3) AS n");
    const cut = new BinaryCopyReader();
    expect(cut.push(whole.subarray(0, whole.length - 2))).toHaveLength(3);
    expect(() => cut.finish()).toThrow(BinaryCopyFormatError);
    const more = new BinaryCopyReader();
    more.push(whole);
    expect(() => more.push(Uint8Array.of(0))).toThrow(BinaryCopyFormatError);
  });

  it("refuses what is not a whole binary COPY", () => {
    const oneRow = bytesOf(HEADER, [0, 1, 0, 0, 0, 2, 7, 8], TRAILER);
    expect(readBinaryCopyRows(oneRow).map((row) => row.map((field) => [...field!]))).toEqual([[[7, 8]]]);
    const refusals: [string, Uint8Array][] = [
      ["too short", bytesOf(HEADER)],
      ["text, not binary", new TextEncoder().encode("1\t\\x0708\n".padEnd(40, " "))],
      [
        "rows with OIDs",
        bytesOf(
          HEADER.map((byte, index) => (index === 12 ? 1 : byte)),
          TRAILER,
        ),
      ],
      ["cut inside a value", oneRow.subarray(0, HEADER.length + 7)],
      ["no trailer", oneRow.subarray(0, oneRow.length - 2)],
      ["bytes after the trailer", bytesOf([...oneRow], [0])],
      ["a value longer than the rest", bytesOf(HEADER, [0, 1, 0, 0, 1, 0, 7, 8], TRAILER)],
      ["a negative length other than NULL", bytesOf(HEADER, [0, 1, 0xff, 0xff, 0xff, 0xfe], TRAILER)],
      ["a negative field count", bytesOf(HEADER, [0xff, 0xfe], TRAILER)],
    ];
    for (const [what, bytes] of refusals) {
      expect(() => readBinaryCopyRows(bytes), what).toThrow(BinaryCopyFormatError);
    }
  });

  it("skips a header extension it does not know", () => {
    const extended = bytesOf(HEADER.slice(0, 15), [0, 0, 0, 3, 9, 9, 9], [0, 1, 0, 0, 0, 1, 5], TRAILER);
    expect(readBinaryCopyRows(extended).map((row) => [...row[0]!])).toEqual([[5]]);
  });
});

describe("the literals a COPY statement carries", () => {
  const id = "0b8e3c1a-5f0e-4a52-9d1c-2f6f1e0c9a7b";

  it("writes ids, safe integers and booleans in the places of $1…$n, $10 not read as $1", () => {
    const sql = "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10";
    const values = [id, 0, 1, 2, 3, 4, 5, 6, true, 42];
    expect(inlineCopyParameters(sql, values)).toBe(`SELECT '${id}'::uuid, 0, 1, 2, 3, 4, 5, 6, TRUE, 42`);
    expect(inlineCopyParameters("WHERE $1", [false])).toBe("WHERE FALSE");
  });

  it("refuses anything else rather than write it into the statement", () => {
    expect(() => inlineCopyParameters("SELECT $1", ["x'; DROP TABLE envelopes; --"])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $1", [id.toUpperCase()])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $1", [1.5])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $1", [Number.NaN])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $1", [2 ** 53])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $2", [1])).toThrow(RangeError);
    expect(() => inlineCopyParameters("SELECT $0", [1])).toThrow(RangeError);
  });

  it("puts a negative number in brackets, so that no minus sign before it makes a comment", () => {
    expect(inlineCopyParameters("SELECT 1-$1", [-7])).toBe("SELECT 1-(-7)");
  });
});
