// The application shell: skip link, header and main landmark, with the vault deciding which screen
// shows: set-up when the device has no profile, unlock when locked, the cases once unlocked.
import { useState } from "react";
import { AssessmentSection } from "./assessment-section";
import { BackupScreen } from "../features/backup/backup-screen";
import { CasesScreen } from "../features/cases/cases-screen";
import { SettingsScreen } from "../features/settings/settings-screen";
import { ChangePassphraseForm } from "../features/vault/change-passphrase-form";
import { useVault } from "../features/vault/vault-context";
import { VaultGate } from "../features/vault/vault-gate";
import { StorageStatus, VaultHeaderControls } from "../features/vault/vault-header-controls";
import { VaultProvider } from "../features/vault/vault-provider";
import type { Vault } from "../storage/vault";

export interface AppProps {
  vault: Vault;
  /** Auto-lock after this much inactivity; defaults to 5 minutes. */
  idleTimeoutMs?: number;
}

export function App({ vault, idleTimeoutMs }: AppProps) {
  return (
    <VaultProvider vault={vault} {...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs })}>
      <AppShell />
    </VaultProvider>
  );
}

/** Everything inside the provider; exported so tests can render it beside a probe of the vault state. */
type Section = "cases" | "assessment" | "backup" | "settings";

export function AppShell() {
  const { status, session } = useVault();
  const [section, setSection] = useState<Section>("cases");
  const unlocked = status === "unlocked" && session !== null;
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>

      <header className="app-header">
        <div className="app-width app-header__inner">
          <img className="app-header__logo" src="/favicon.svg" alt="" width={32} height={32} />
          <p className="app-header__name">Safe Referral</p>
          <VaultHeaderControls />
        </div>
      </header>

      <main id="main-content" className="app-width app-main" tabIndex={-1}>
        <StorageStatus />
        {/* Keyed by session so a different practitioner never inherits the previous one's screen state. */}
        {unlocked ? (
          <>
            <nav className="app-nav" aria-label="Sections">
              <button type="button" aria-current={section === "cases" ? "page" : undefined} onClick={() => setSection("cases")}>
                Cases
              </button>
              <button type="button" aria-current={section === "assessment" ? "page" : undefined} onClick={() => setSection("assessment")}>
                Assessment
              </button>
              <button type="button" aria-current={section === "backup" ? "page" : undefined} onClick={() => setSection("backup")}>
                Backup and data
              </button>
              <button type="button" aria-current={section === "settings" ? "page" : undefined} onClick={() => setSection("settings")}>
                Settings
              </button>
            </nav>
            {section === "cases" ? (
              <CasesScreen key={session.profileId} session={session} />
            ) : section === "assessment" ? (
              <AssessmentSection key={session.profileId} session={session} />
            ) : section === "settings" ? (
              <SettingsScreen key={session.profileId} session={session} />
            ) : (
              <>
                {/* A wipe deletes the profile and locks its session: start again from the device's profile list. */}
                <BackupScreen key={session.profileId} session={session} onWiped={() => window.location.reload()} />
                <ChangePassphraseForm key={`${session.profileId}-passphrase`} session={session} />
              </>
            )}
          </>
        ) : (
          <VaultGate />
        )}

        <section className="app-notice" aria-labelledby="immediate-danger-heading">
          <h2 id="immediate-danger-heading">If someone is in immediate danger</h2>
          <p>
            Call 999. If it is not safe to speak when calling from a mobile, stay on the line and press 55
            when prompted to be put through to the police.
          </p>
        </section>
      </main>
    </>
  );
}
