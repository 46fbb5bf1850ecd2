// A vault on a brand-new in-memory IndexedDB with a cheap KDF, so each test starts from an empty device.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { openDatabase } from "../../../storage/db";
import { Vault } from "../../../storage/vault";
import type { VaultSession } from "../../../storage/vault-session";

export const TEST_ITERATIONS = 1_000;
export const PROFILE_PASSPHRASE = "correct horse battery staple";
export const FILE_PASSPHRASE = "blue kettle on a tuesday";
export const VICTIM_NAMES = ["Alexandra Pemberton-Quayle", "Morwenna Tregothnan"] as const;

export function freshVault(): Vault {
  return new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: TEST_ITERATIONS });
}

export async function unlockedSession(vault: Vault, label = "PC 1234 Smith"): Promise<VaultSession> {
  const { profileId } = await vault.createProfile(label, PROFILE_PASSPHRASE);
  return vault.unlock(profileId, PROFILE_PASSPHRASE);
}

/** A profile with two cases whose encrypted details hold a victim's name. */
export async function sessionWithCases(
  vault: Vault = freshVault(),
): Promise<{ vault: Vault; session: VaultSession; caseIds: string[] }> {
  const session = await unlockedSession(vault);
  const first = await session.saveCase({
    details: { victimName: VICTIM_NAMES[0], notes: "Lives at 12 Acacia Avenue" },
    summary: { riskLevel: "high" },
  });
  const second = await session.saveCase({ details: { victimName: VICTIM_NAMES[1], notes: "" } });
  return { vault, session, caseIds: [first.id, second.id] };
}
