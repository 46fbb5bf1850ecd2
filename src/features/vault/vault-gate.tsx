// Whatever stands between the practitioner and their cases: set-up, recovery key, unlock or reset.
import { useState } from "react";
import { RecoveryKeyScreen } from "./recovery-key-screen";
import { ResetScreen } from "./reset-screen";
import { SetupScreen } from "./setup-screen";
import { UnlockScreen } from "./unlock-screen";
import { useVault } from "./vault-context";

type LockedView = { kind: "unlock" } | { kind: "add-practitioner" } | { kind: "reset"; profileId: string };

export function VaultGate() {
  const { status } = useVault();
  const [view, setView] = useState<LockedView>({ kind: "unlock" });
  // Back to the plain unlock screen whenever the vault changes state (e.g. after a lock).
  const [viewStatus, setViewStatus] = useState(status);
  if (viewStatus !== status) {
    setViewStatus(status);
    setView({ kind: "unlock" });
  }
  const backToUnlock = (): void => setView({ kind: "unlock" });

  if (status === "loading") return <p role="status">Opening Safe Referral…</p>;
  if (status === "no-profiles") return <SetupScreen />;
  if (status === "recovery-key") return <RecoveryKeyScreen />;
  if (status !== "locked") return null;
  if (view.kind === "add-practitioner") return <SetupScreen onCancel={backToUnlock} />;
  if (view.kind === "reset") return <ResetScreen initialProfileId={view.profileId} onCancel={backToUnlock} />;
  return (
    <UnlockScreen
      onAddPractitioner={() => setView({ kind: "add-practitioner" })}
      onForgotPassphrase={(profileId) => setView({ kind: "reset", profileId })}
    />
  );
}
