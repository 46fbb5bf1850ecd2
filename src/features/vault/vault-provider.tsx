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
/** Every tab of the origin listens here: a practitioner's lock in one tab locks their other tabs. */
export const LOCK_CHANNEL_NAME = "safe-referral/vault-lock";

type LockMessage = { type: "lock"; profileId: string };

function isLockMessage(value: unknown): value is LockMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "lock" &&
    typeof (value as { profileId?: unknown }).profileId === "string"
  );
}

/**
 * Whatever was being typed when the vault locks must not stay behind. The focused field is blurred
 * first (its blur handlers still see the real text, e.g. to flush it), then emptied in the DOM with
 * no input event, so nothing can save the empty text over what was just flushed. The screen
 * holding its React state unmounts with the lock, which drops that state too.
 */
export function clearFocusedField(doc: Document = document): void {
  const active = doc.activeElement;
  if (!(active instanceof HTMLElement) || active === doc.body) return;
  active.blur();
  if (active instanceof HTMLTextAreaElement) active.value = "";
  else if (active instanceof HTMLInputElement && !NOT_TEXT.has(active.type)) active.value = "";
  else if (active.isContentEditable) active.textContent = "";
}

const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "hidden", "image"]);

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

  const lockChannel = useRef<BroadcastChannel | null>(null);

  /** Locks this tab only (idleness, a lock from another tab, a page going into the back-forward cache). */
  const lockHere = useCallback(async () => {
    const session = sessionRef.current;
    if (session === null) return;
    sessionRef.current = null;
    // Start the lock first (it synchronously begins flushing autosavers, taking what is typed now),
    // then empty the focused field and drop every decrypted value from state straight away so
    // nothing stays on screen while the flush finishes.
    const locking = session.lock();
    clearFocusedField();
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

  /** "Lock now" and "Switch practitioner": lock this tab and every other tab of this practitioner. */
  const lock = useCallback(async () => {
    const session = sessionRef.current;
    if (session === null) return;
    lockChannel.current?.postMessage({ type: "lock", profileId: session.profileId } satisfies LockMessage);
    await lockHere();
  }, [lockHere]);

  useEffect(() => {
    if (typeof BroadcastChannel !== "function") return undefined;
    const channel = new BroadcastChannel(LOCK_CHANNEL_NAME);
    lockChannel.current = channel;
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isLockMessage(event.data) && sessionRef.current?.profileId === event.data.profileId) void lockHere();
    };
    return () => {
      lockChannel.current = null;
      channel.close();
    };
  }, [lockHere]);

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
    // Idleness is per tab: a tab left alone locks itself, not the tab the practitioner is working in.
    return startIdleTimer(idleTimeoutMs, () => void lockHere());
  }, [hasSession, idleTimeoutMs, lockHere]);

  // Closing the tab must not leave a session behind in a bfcache'd page.
  useEffect(() => {
    const onPageHide = (event: PageTransitionEvent): void => {
      if (event.persisted) void lockHere();
    };
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [lockHere]);

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
