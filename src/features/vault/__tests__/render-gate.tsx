// Renders the vault screens inside a provider, as the app does, for feature-level tests.
import { render } from "@testing-library/react";
import type { Vault } from "../../../storage/vault";
import { useVault } from "../vault-context";
import { VaultGate } from "../vault-gate";
import { VaultProvider } from "../vault-provider";

function UnlockedMarker() {
  const { status, session } = useVault();
  return status === "unlocked" && session !== null ? <p>Unlocked as {session.label}</p> : null;
}

export function renderGate(vault: Vault) {
  return render(
    <VaultProvider vault={vault} requestStorage={() => Promise.resolve("unsupported")}>
      <UnlockedMarker />
      <VaultGate />
    </VaultProvider>,
  );
}
