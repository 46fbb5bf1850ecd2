// Shared fixtures for storage tests: a fresh in-memory IndexedDB per test, a steppable clock, and raw dumps.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { openDatabase, type SafeReferralDb } from "../db";
import { Vault } from "../vault";
import type { VaultSession } from "../vault-session";

/** Cheap KDF cost for tests; one dedicated test uses the real default. */
export const TEST_ITERATIONS = 1_000;
export const PASSPHRASE_A = "correct horse battery staple";
export const PASSPHRASE_B = "a different practitioner passphrase";

export class TestClock {
  #time: number;
  constructor(start = "2025-03-01T09:00:00.000Z") {
    this.#time = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.#time);
  advance(ms: number): void {
    this.#time += ms;
  }
}

/** A brand-new, isolated IndexedDB (its own factory), so tests never share state. */
export function freshDatabase(options: { factory?: IDBFactory; schemaVersion?: number } = {}): SafeReferralDb {
  return openDatabase({
    indexedDB: options.factory ?? new IDBFactory(),
    IDBKeyRange,
    ...(options.schemaVersion === undefined ? {} : { schemaVersion: options.schemaVersion }),
  });
}

export function freshVault(options: { db?: SafeReferralDb; clock?: TestClock; iterations?: number } = {}): {
  db: SafeReferralDb;
  vault: Vault;
  clock: TestClock;
} {
  const db = options.db ?? freshDatabase();
  const clock = options.clock ?? new TestClock();
  const vault = new Vault({ db, iterations: options.iterations ?? TEST_ITERATIONS, now: clock.now });
  return { db, vault, clock };
}

export async function createUnlockedProfile(
  vault: Vault,
  label = "Practitioner A",
  passphrase = PASSPHRASE_A,
): Promise<{ profileId: string; recoveryKey: string; session: VaultSession }> {
  const { profileId, recoveryKey } = await vault.createProfile(label, passphrase);
  const session = await vault.unlock(profileId, passphrase);
  return { profileId, recoveryKey, session };
}

/** Every row of every store, exactly as IndexedDB holds it (iterates db.tables so new stores are included automatically). */
export async function dumpAllStores(db: SafeReferralDb): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    dump[table.name] = await table.toArray();
  }
  return dump;
}

/** All strings anywhere inside a value, for "is this text present in clear?" checks. */
export function collectStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      collectStrings(item, into);
    }
  }
  return into;
}
