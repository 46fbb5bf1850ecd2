// The backup screen's fixtures: a profile whose cases hold victims' names, and the file passphrase.
// (The fresh vault and the unlocked profile come from src/testing/test-vault.ts.)
import type { Vault } from "../../../storage/vault";
import type { VaultSession } from "../../../storage/vault-session";
import { createUnlockedProfile, freshVault } from "../../../testing/test-vault";

export const FILE_PASSPHRASE = "blue kettle on a tuesday";
export const VICTIM_NAMES = ["Alexandra Pemberton-Quayle", "Morwenna Tregothnan"] as const;

/** A profile with two cases whose encrypted details hold a victim's name. */
export async function sessionWithCases(
  vault: Vault = freshVault().vault,
): Promise<{ vault: Vault; session: VaultSession; caseIds: string[] }> {
  const { session } = await createUnlockedProfile(vault);
  const first = await session.saveCase({
    details: { victimName: VICTIM_NAMES[0], notes: "Lives at 12 Acacia Avenue" },
    summary: { riskLevel: "high" },
  });
  const second = await session.saveCase({ details: { victimName: VICTIM_NAMES[1], notes: "" } });
  return { vault, session, caseIds: [first.id, second.id] };
}
