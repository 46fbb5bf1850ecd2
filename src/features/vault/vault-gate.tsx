// Whatever stands between the practitioner and their cases: set-up, recovery key, unlock or reset.
import { lazy, Suspense, useState } from "react";
import { UnlockScreen } from "./unlock-screen";
import { useVault } from "./vault-context";

// Seen once (set-up and its recovery key) or seldom (a forgotten passphrase): loaded when needed, so
// they are not in the first download every unlock pays for. Precached with the app, so offline too.
const RecoveryKeyScreen = lazy(() =>
  import("./recovery-key-screen").then((module) => ({ default: module.RecoveryKeyScreen })),
);
const SetupScreen = lazy(() => import("./setup-screen").then((module) => ({ default: module.SetupScreen })));
const ResetScreen = lazy(() => import("./reset-screen").then((module) => ({ default: module.ResetScreen })));
const loading = <p role="status">Loading…</p>;

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
  if (status === "no-profiles") {
    return (
      <Suspense fallback={loading}>
        <SetupScreen />
      </Suspense>
    );
  }
  if (status === "recovery-key") {
    return (
      <Suspense fallback={loading}>
        <RecoveryKeyScreen />
      </Suspense>
    );
  }
  if (status !== "locked") return null;
  if (view.kind === "add-practitioner") {
    return (
      <Suspense fallback={loading}>
        <SetupScreen onCancel={backToUnlock} />
      </Suspense>
    );
  }
  if (view.kind === "reset") {
    return (
      <Suspense fallback={loading}>
        <ResetScreen initialProfileId={view.profileId} onCancel={backToUnlock} />
      </Suspense>
    );
  }
  return (
    <UnlockScreen
      onAddPractitioner={() => setView({ kind: "add-practitioner" })}
      onForgotPassphrase={(profileId) => setView({ kind: "reset", profileId })}
    />
  );
}
