// Holds the one VaultSession of this tab in React state, and takes it away again on lock or idle.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { LockFlushError } from "../../storage/errors";
import { requestPersistentStorage, type PersistentStorageResult } from "../../storage/persistent-storage";
import type { Vault } from "../../storage/vault";
import type { VaultSession } from "../../storage/vault-session";
import { startIdleTimer } from "./idle-timer";
import { RECOVERY_KEY_CONFIRMED_SETTING } from "./recovery-key-setting";
import { VaultContext, type VaultContextValue, type VaultState } from "./vault-context";

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;

export interface VaultProviderProps {
  vault: Vault;
  /** Lock after this long without pointer or key activity. */
  idleTimeoutMs?: number;
  /** Injectable for tests; defaults to asking navigator.storage. */
  requestStorage?: () => Promise<PersistentStorageResult>;
  children: ReactNode;
}

const INITIAL_STATE: VaultState = {
  status: "loading",
  profiles: [],
  session: null,
  recoveryKey: null,
  lastProfileId: null,
  storage: null,
  lockNotice: null,
  recoveryKeyUnconfirmed: false,
};

export function VaultProvider({
  vault,
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
  requestStorage = requestPersistentStorage,
  children,
}: VaultProviderProps) {
  const [state, setState] = useState<VaultState>(INITIAL_STATE);
  // The live session also sits in a ref so lock() can reach it without depending on render timing.
  const sessionRef = useRef<VaultSession | null>(null);

  useEffect(() => {
    let live = true;
    vault.listProfiles().then(
      (profiles) => {
        if (!live) return;
        setState((previous) => ({
          ...previous,
          profiles,
          status: previous.session !== null ? previous.status : profiles.length === 0 ? "no-profiles" : "locked",
        }));
      },
      () => {
        // An unreadable database still gets a screen: set-up explains nothing is there to unlock.
        if (live) setState((previous) => ({ ...previous, status: "no-profiles" }));
      },
    );
    return () => {
      live = false;
    };
  }, [vault]);

  const openSession = useCallback(
    async (session: VaultSession, recoveryKey: string | null) => {
      sessionRef.current = session;
      const profiles = await vault.listProfiles();
      // A new key is recorded as unconfirmed until the practitioner ticks "I have stored it". An older
      // profile with no record is taken as confirmed: it predates this check.
      if (recoveryKey !== null) await session.setSetting(RECOVERY_KEY_CONFIRMED_SETTING, false, { sensitive: false });
      const recoveryKeyUnconfirmed =
        recoveryKey === null && (await session.getSetting(RECOVERY_KEY_CONFIRMED_SETTING)) === false;
      setState((previous) => ({
        ...previous,
        profiles,
        session,
        recoveryKey,
        recoveryKeyUnconfirmed,
        lastProfileId: session.profileId,
        lockNotice: null,
        status: recoveryKey === null ? "unlocked" : "recovery-key",
      }));
      const storage = await requestStorage();
      setState((previous) => (previous.session === session ? { ...previous, storage } : previous));
    },
    [vault, requestStorage],
  );

  const lock = useCallback(async () => {
    const session = sessionRef.current;
    if (session === null) return;
    sessionRef.current = null;
    // Start the lock first (it synchronously begins flushing autosavers), then drop every decrypted
    // value from state straight away so nothing stays on screen while the flush finishes.
    const locking = session.lock();
    setState((previous) => ({
      ...previous,
      session: null,
      recoveryKey: null,
      storage: null,
      status: previous.profiles.length === 0 ? "no-profiles" : "locked",
    }));
    try {
      await locking;
    } catch (error) {
      const lockNotice = error instanceof LockFlushError ? error.message : "The vault was locked.";
      setState((previous) => ({ ...previous, lockNotice }));
    }
  }, []);

  const createProfile = useCallback(
    async (label: string, passphrase: string) => {
      const { profileId, recoveryKey } = await vault.createProfile(label, passphrase);
      await openSession(await vault.unlock(profileId, passphrase), recoveryKey);
    },
    [vault, openSession],
  );

  const acknowledgeRecoveryKey = useCallback(() => {
    const session = sessionRef.current;
    setState((previous) => ({
      ...previous,
      recoveryKey: null,
      status: previous.session ? "unlocked" : previous.status,
    }));
    // If this write fails the next unlock still says the key is unconfirmed, which is the safe side.
    void session?.setSetting(RECOVERY_KEY_CONFIRMED_SETTING, true, { sensitive: false }).catch(() => undefined);
  }, []);

  const recoveryKeyConfirmed = useCallback(() => {
    setState((previous) => ({ ...previous, recoveryKeyUnconfirmed: false }));
  }, []);

  const unlock = useCallback(
    async (profileId: string, passphrase: string) => {
      await openSession(await vault.unlock(profileId, passphrase), null);
    },
    [vault, openSession],
  );

  const resetWithRecoveryKey = useCallback(
    async (profileId: string, recoveryKey: string, newPassphrase: string) => {
      await openSession(await vault.resetPassphraseWithRecoveryKey(profileId, recoveryKey, newPassphrase), null);
    },
    [vault, openSession],
  );

  const hasSession = state.session !== null;
  useEffect(() => {
    if (!hasSession) return undefined;
    return startIdleTimer(idleTimeoutMs, () => void lock());
  }, [hasSession, idleTimeoutMs, lock]);

  // Closing the tab must not leave a session behind in a bfcache'd page.
  useEffect(() => {
    const onPageHide = (event: PageTransitionEvent): void => {
      if (event.persisted) void lock();
    };
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [lock]);

  const value = useMemo<VaultContextValue>(
    () => ({
      ...state,
      vault,
      createProfile,
      acknowledgeRecoveryKey,
      recoveryKeyConfirmed,
      unlock,
      resetWithRecoveryKey,
      lock,
    }),
    [state, vault, createProfile, acknowledgeRecoveryKey, recoveryKeyConfirmed, unlock, resetWithRecoveryKey, lock],
  );
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}
