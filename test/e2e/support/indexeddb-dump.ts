// Reads every record of every IndexedDB database of the page's origin, as the browser stores it,
// plus localStorage and sessionStorage, into one string for "is this in clear?" checks.
import type { Page } from "playwright-core";

export async function dumpBrowserStorage(page: Page): Promise<{ text: string; recordCount: number; stores: string[] }> {
  return page.evaluate(async () => {
    const bytesToText = (bytes: Uint8Array): string => {
      // Both readings: raw bytes as text (a name stored as bytes shows up) and base64 of them.
      let binary = "";
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return `${new TextDecoder().decode(bytes)} ${btoa(binary)}`;
    };
    const replacer = (_key: string, value: unknown): unknown => {
      if (value instanceof ArrayBuffer) return bytesToText(new Uint8Array(value));
      if (ArrayBuffer.isView(value))
        return bytesToText(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (value instanceof Blob) return `[blob ${value.size}]`;
      return value;
    };
    const request = <T>(req: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });

    const parts: string[] = [];
    const stores: string[] = [];
    let recordCount = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      for (const storeName of Array.from(db.objectStoreNames)) {
        stores.push(`${info.name}/${storeName}`);
        const store = db.transaction(storeName, "readonly").objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        recordCount += values.length;
        parts.push(JSON.stringify({ db: info.name, store: storeName, keys, values }, replacer));
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index)!;
        parts.push(`${key}=${storage.getItem(key) ?? ""}`);
      }
    }
    return { text: parts.join("\n"), recordCount, stores };
  });
}

/** base64 of `text` at each of the three byte alignments, trimmed to the characters that don't depend on neighbours. */
export function base64Variants(text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Keep only the characters whose 6 bits all come from `text` (not from the bytes around it).
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length) - 6) / 6) + 1;
    return encoded.slice(start, end);
  });
}

/** The clear ids of each row (its `id`, and its `caseId` if it has one) of these stores of the app's database. */
export async function rowIdsIn(
  page: Page,
  storeNames: readonly string[],
): Promise<Record<string, { id: string | null; caseId: string | null }[]>> {
  return page.evaluate(async (names) => {
    const request = <T>(req: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const db = await request(indexedDB.open("safe-referral"));
    const found: Record<string, { id: string | null; caseId: string | null }[]> = {};
    for (const name of names) {
      const rows = (await request(db.transaction(name, "readonly").objectStore(name).getAll())) as {
        id?: string;
        caseId?: string;
      }[];
      found[name] = rows.map((row) => ({ id: row.id ?? null, caseId: row.caseId ?? null }));
    }
    db.close();
    return found;
  }, storeNames);
}
