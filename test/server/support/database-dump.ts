// Reading a whole database as bytes, and finding a text in it in every form it could take (UTF-8,
// UTF-16 either order, base64 at each alignment): what no-plaintext.test.ts and the MARAC client test
// prove is absent.
import { tableNames, type TestDatabase } from "./test-database";

/** Every way the text could sit in a dump: UTF-8, UTF-16 (both orders), base64 at each alignment. */
export function encodings(text: string): { name: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(text, "utf8");
  const forms = [
    { name: "utf-8", bytes: utf8 },
    { name: "utf-16le", bytes: Buffer.from(text, "utf16le") },
    { name: "utf-16be", bytes: Buffer.from(text, "utf16le").swap16() },
  ];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), utf8]).toString("base64");
    // Only the characters made from the text's own bytes, whatever came before or after it.
    const start = Math.ceil(offset / 3) * 4;
    const end = Math.floor((offset + utf8.length) / 3) * 4;
    forms.push({ name: `base64+${offset}`, bytes: Buffer.from(encoded.slice(start, end), "latin1") });
  }
  return forms;
}

/** Every table, every row, every value, as bytes: bytea raw, text as UTF-8, the row's own text form too. */
export async function dump(db: TestDatabase): Promise<Map<string, Buffer>> {
  const tables = new Map<string, Buffer>();
  for (const table of await tableNames(db)) {
    const parts: Buffer[] = [];
    for (const row of await db.query<Record<string, unknown>>(`SELECT t.*, t::text AS row_text FROM ${table} t`)) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) parts.push(Buffer.from(value));
        else if (value !== null)
          parts.push(Buffer.from(value instanceof Date ? value.toISOString() : String(value), "utf8"));
      }
    }
    tables.set(table, Buffer.concat(parts));
  }
  return tables;
}

export function findings(tables: Map<string, Buffer>, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const { name, bytes } of encodings(text)) {
      for (const [table, content] of tables) if (content.includes(bytes)) found.push(`${text} (${name}) in ${table}`);
    }
  }
  return found;
}
