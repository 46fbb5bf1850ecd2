// Test harness (not a test file): render a screen the way the app does, inside the VaultProvider.
// Screens that take `session` as a prop need no provider: give them unlockedSession() from
// test-vault.ts and render them directly. This is for what reads the vault from context (the app
// shell, the vault gate, the header controls).
import { render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { useVault, type VaultContextValue } from "../features/vault/vault-context";
import { VaultProvider } from "../features/vault/vault-provider";
import type { PersistentStorageResult } from "../storage/persistent-storage";
import type { Vault } from "../storage/vault";

/** The provider's latest context value, where the test can inspect it or call its actions. */
export interface VaultProbe {
  value: VaultContextValue | null;
}

export interface RenderWithVaultOptions {
  /** What the persistent-storage request answers (navigator.storage is never asked); "granted" by default. */
  storage?: PersistentStorageResult;
  /** Lock after this long without activity; the provider's default otherwise. */
  idleTimeoutMs?: number;
}

/** Hands every render's context value to `onValue`. */
function Probe({ onValue }: { onValue: (value: VaultContextValue) => void }) {
  onValue(useVault());
  return null;
}

/** Renders `ui` inside a VaultProvider for `vault`, as the app does, with a probe of the provider's state. */
export function renderWithVault(
  vault: Vault,
  ui: ReactNode,
  options: RenderWithVaultOptions = {},
): RenderResult & { probe: VaultProbe } {
  const probe: VaultProbe = { value: null };
  const storage = options.storage ?? "granted";
  const view = render(
    <VaultProvider
      vault={vault}
      requestStorage={() => Promise.resolve(storage)}
      {...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs })}
    >
      <Probe
        onValue={(value) => {
          probe.value = value;
        }}
      />
      {ui}
    </VaultProvider>,
  );
  return { ...view, probe };
}

/** Says who is unlocked, so a test can wait for the unlock on screen. Renders nothing while locked. */
export function UnlockedAs() {
  const { status, session } = useVault();
  return status === "unlocked" && session !== null ? <p>Unlocked as {session.label}</p> : null;
}
