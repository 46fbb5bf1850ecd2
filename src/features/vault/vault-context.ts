// The vault's React context: which profiles exist, the open session (if any) and the actions screens call.
import { createContext, useContext } from "react";
import type { PersistentStorageResult } from "../../storage/persistent-storage";
import type { ProfileListing, Vault } from "../../storage/vault";
import type { VaultSession } from "../../storage/vault-session";

export type VaultStatus = "loading" | "no-profiles" | "locked" | "recovery-key" | "unlocked";

export interface VaultState {
  status: VaultStatus;
  profiles: ProfileListing[];
  /** Non-null only while unlocked (or while the new profile's recovery key is on screen). */
  session: VaultSession | null;
  /** The just-created profile's recovery key, held only until the practitioner confirms storing it. */
  recoveryKey: string | null;
  /** Profile the unlock screen should preselect (the one just locked or just created). */
  lastProfileId: string | null;
  storage: PersistentStorageResult | null;
  /** Plain-English note for the unlock screen, e.g. when a pre-lock save failed. */
  lockNotice: string | null;
  /** True when this profile's recovery key was shown but never confirmed as stored (e.g. the device locked first). */
  recoveryKeyUnconfirmed: boolean;
}

export interface VaultActions {
  vault: Vault;
  createProfile(label: string, passphrase: string): Promise<void>;
  acknowledgeRecoveryKey(): void;
  /** Clears the "recovery key not confirmed" notice once a new key has been confirmed. */
  recoveryKeyConfirmed(): void;
  unlock(profileId: string, passphrase: string): Promise<void>;
  resetWithRecoveryKey(profileId: string, recoveryKey: string, newPassphrase: string): Promise<void>;
  lock(): Promise<void>;
}

export type VaultContextValue = VaultState & VaultActions;

export const VaultContext = createContext<VaultContextValue | null>(null);

export function useVault(): VaultContextValue {
  const value = useContext(VaultContext);
  if (value === null) throw new Error("useVault must be used inside <VaultProvider>.");
  return value;
}
