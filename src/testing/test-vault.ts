// Test harness (not a test file): "a fresh vault on fake IndexedDB" for the tests of every layer.
// Each call gets its own in-memory IDBFactory, so tests never share state, and a cheap PBKDF2 cost, so
// creating and unlocking a profile takes milliseconds. Only the public Vault / VaultSession API and
// openDatabase are used, so the harness does not depend on how src/storage/vault.ts is split inside.
// Node-safe: no React, no DOM; the provider rendering lives in render-with-vault.tsx.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { openDatabase, type SafeReferralDb } from "../storage/db";
import { Vault } from "../storage/vault";
import type { VaultSession } from "../storage/vault-session";

/** Cheap KDF cost for tests; src/storage/__tests__/real-kdf-cost.test.ts proves the real default. */
export const TEST_ITERATIONS = 1_000;
export const PASSPHRASE = "correct horse battery staple";
/** A second practitioner's passphrase, for tests with two profiles or a file passphrase. */
export const OTHER_PASSPHRASE = "a different practitioner passphrase";
export const PRACTITIONER = "PC 1234 Smith";

/** A clock the test steps by hand, for timestamps and unlock delays that must not depend on the machine. */
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

/** A brand-new, isolated IndexedDB (its own factory). Pass `factory` to reopen the same device, e.g. at another schema version. */
export function freshDatabase(options: { factory?: IDBFactory; schemaVersion?: number } = {}): SafeReferralDb {
  return openDatabase({
    indexedDB: options.factory ?? new IDBFactory(),
    IDBKeyRange,
    ...(options.schemaVersion === undefined ? {} : { schemaVersion: options.schemaVersion }),
  });
}

export interface FreshVaultOptions {
  /** An existing database (a second tab, or the app after a reload); a fresh one by default. */
  db?: SafeReferralDb;
  /** PBKDF2 cost for new profiles; TEST_ITERATIONS by default. */
  iterations?: number;
}

/**
 * A Vault with a cheap KDF on a fresh fake IndexedDB. Without `clock` it keeps the system time, as the
 * app does (screens and unlock delays run in real time); with a TestClock its timestamps are the clock's.
 */
export function freshVault(options?: FreshVaultOptions): { db: SafeReferralDb; vault: Vault };
export function freshVault(options: FreshVaultOptions & { clock: TestClock }): {
  db: SafeReferralDb;
  vault: Vault;
  clock: TestClock;
};
export function freshVault(options: FreshVaultOptions & { clock?: TestClock } = {}): {
  db: SafeReferralDb;
  vault: Vault;
  clock?: TestClock;
} {
  const db = options.db ?? freshDatabase();
  const { clock } = options;
  const vault = new Vault({
    db,
    iterations: options.iterations ?? TEST_ITERATIONS,
    ...(clock === undefined ? {} : { now: clock.now }),
  });
  return clock === undefined ? { db, vault } : { db, vault, clock };
}

/** Creates a profile on `vault` and unlocks it. */
export async function createUnlockedProfile(
  vault: Vault,
  label = PRACTITIONER,
  passphrase = PASSPHRASE,
): Promise<{ profileId: string; recoveryKey: string; session: VaultSession }> {
  const { profileId, recoveryKey } = await vault.createProfile(label, passphrase);
  const session = await vault.unlock(profileId, passphrase);
  return { profileId, recoveryKey, session };
}

/** The usual start of a screen test: a fresh device with one profile (`label`, PASSPHRASE), unlocked. */
export async function unlockedSession(label = PRACTITIONER): Promise<VaultSession> {
  return (await createUnlockedProfile(freshVault().vault, label)).session;
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
