/** Writing a backup file or case export (the format: backup-file.ts). */

import { buildBackupPayload, describeIssues, encryptEnvelope, payloadSchema, type BackupKind } from "./backup-file";
import { InvalidInputError } from "./errors";
import { MIN_PASSPHRASE_LENGTH } from "./profile-rules";
import type { VaultSession } from "./vault-session";

export interface ExportOptions {
  /** Chosen by the practitioner for this file; give it to the recipient separately. */
  passphrase: string;
  /** Export only these cases (a "case export"). Omit for a whole-vault backup. */
  caseIds?: readonly string[];
  /** With caseIds: also carry those cases' audit entries (e.g. sending cases to a manager for review). */
  includeCaseAudit?: boolean;
  iterations?: number;
  now?: Date;
}

export interface ExportedFile {
  kind: BackupKind;
  /** Contains no names or case details. */
  fileName: string;
  mimeType: "application/json";
  text: string;
}

export async function exportVault(session: VaultSession, options: ExportOptions): Promise<ExportedFile> {
  if ([...options.passphrase.normalize("NFC")].length < MIN_PASSPHRASE_LENGTH) {
    throw new InvalidInputError(`The export passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  if (options.caseIds !== undefined && options.caseIds.length === 0) {
    throw new InvalidInputError("Choose at least one case to export.");
  }
  const kind: BackupKind = options.caseIds === undefined ? "backup" : "case-export";
  const now = options.now ?? new Date();
  const records = await session.exportRecords(
    options.caseIds === undefined
      ? {}
      : { caseIds: options.caseIds, includeCaseAudit: options.includeCaseAudit === true },
  );
  const payload = await buildBackupPayload(kind, records, now);
  // Refuse to write a file this app would refuse to read back.
  const check = payloadSchema.safeParse(payload);
  if (!check.success) {
    throw new InvalidInputError(`Some saved records can't be exported (${describeIssues(check.error)}).`);
  }
  const envelope = await encryptEnvelope(JSON.stringify(payload), options.passphrase, kind, options.iterations);
  return {
    kind,
    fileName: `safe-referral-${kind}-${now.toISOString().slice(0, 10)}.json`,
    mimeType: "application/json",
    text: JSON.stringify(envelope, null, 2),
  };
}
