// A vault on a brand-new in-memory IndexedDB with a cheap KDF, so each test starts from an empty device.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { openDatabase } from "../../../storage/db";
import { Vault } from "../../../storage/vault";

export const TEST_ITERATIONS = 1_000;
export const PASSPHRASE = "correct horse battery staple";

export function freshVault(): Vault {
  return new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: TEST_ITERATIONS });
}
