// The active local policy, kept as a (non-sensitive) setting of the profile: the policy file as
// loaded, re-validated every time it is read so a stored file can never bypass the locked rules.
import { DEFAULT_POLICY, policyFileSchema, policyFromFile, type Policy, type PolicyFile } from "../domain/policy";

export const ACTIVE_POLICY_SETTING = "policy.active";

export interface ActivePolicy {
  policy: Policy;
  /** True when the shipped default is in use (nothing loaded, or the stored file no longer validates). */
  isDefault: boolean;
  /** Set when a stored policy file was found but failed validation, so the default is used instead. */
  problem?: string;
}

/** The settings calls of a VaultSession (not imported: the coordinator's inbox, which the session opens, reads these too). */
interface SettingsReader {
  getSetting(key: string): Promise<unknown>;
}
interface SettingsSession extends SettingsReader {
  setSetting(key: string, value: unknown, options: { sensitive: boolean }): Promise<void>;
}

export async function readActivePolicy(session: SettingsReader): Promise<ActivePolicy> {
  const stored = await session.getSetting(ACTIVE_POLICY_SETTING);
  if (stored === undefined || stored === null) return { policy: DEFAULT_POLICY, isDefault: true };
  const parsed = policyFileSchema.safeParse(stored);
  if (!parsed.success) {
    return {
      policy: DEFAULT_POLICY,
      isDefault: true,
      problem: "The stored local policy is no longer valid; the default policy is used.",
    };
  }
  return { policy: policyFromFile(parsed.data), isDefault: false };
}

/** Stores an already validated policy file as the active policy. */
export async function saveActivePolicy(session: SettingsSession, file: PolicyFile): Promise<void> {
  await session.setSetting(ACTIVE_POLICY_SETTING, file, { sensitive: false });
}

/** Goes back to the shipped default. */
export async function revertToDefaultPolicy(session: SettingsSession): Promise<void> {
  await session.setSetting(ACTIVE_POLICY_SETTING, null, { sensitive: false });
}
