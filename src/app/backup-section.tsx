// "Backup and data": backups, sending cases, import, wipe, passphrase and recovery key. Loaded on
// demand: a practitioner at a scene needs the cases first, and these screens (with the backup file
// code) would otherwise sit in the first download of every start.
import { BackupScreen } from "../features/backup/backup-screen";
import { ChangePassphraseForm } from "../features/vault/change-passphrase-form";
import { NewRecoveryKeyForm } from "../features/vault/new-recovery-key-form";
import type { VaultSession } from "../storage/vault-session";

export interface BackupSectionProps {
  session: VaultSession;
  onRecoveryKeyConfirmed: () => void;
}

export function BackupSection({ session, onRecoveryKeyConfirmed }: BackupSectionProps) {
  return (
    <>
      {/* A wipe deletes the profile and locks its session: start again from the device's profile list. */}
      <BackupScreen session={session} onWiped={() => window.location.reload()} />
      <ChangePassphraseForm session={session} />
      <NewRecoveryKeyForm session={session} onConfirmed={onRecoveryKeyConfirmed} />
    </>
  );
}
