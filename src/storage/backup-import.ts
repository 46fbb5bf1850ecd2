/**
 * Importing a backup file or case export into the unlocked profile: checked (backup-read.ts),
 * analysed, then committed in one transaction. Any failure is an ImportError and leaves the
 * database exactly as it was.
 */

import type { BackupKind } from "./backup-file";
import { readBackupFile, type ImportOptions } from "./backup-read";
import { ImportError, InvalidInputError, StorageError, VaultLockedError } from "./errors";
import {
  KEEP_EVERYTHING,
  ImportChangedError,
  type ImportControl,
  type ImportDecisions,
  type ImportPlan,
  type ImportSummary,
} from "./import-types";
import type { VaultSession } from "./vault-session";

export interface ImportResult {
  kind: BackupKind;
  exportedAt: string;
  summary: ImportSummary;
}

export interface ImportBackupOptions extends ImportOptions {
  /** What to do with records here the file would replace, and with a policy change; keep everything by default. */
  decisions?: ImportDecisions;
}

/** A checked file and what importing it would do here; nothing has been written yet. */
export interface AnalysedImport {
  kind: BackupKind;
  exportedAt: string;
  plan: ImportPlan;
}
/**
 * Step one of an import: reads and fully checks the file, then compares it with the unlocked
 * profile. Writes nothing. Show `plan.replacements` and `plan.policyChange` before committing.
 */
export async function analyseBackup(
  session: VaultSession,
  file: string | Blob,
  passphrase: string,
  options: ImportOptions = {},
): Promise<AnalysedImport> {
  if (session.isLocked) {
    throw new ImportError("write-failed", "The vault is locked. Unlock it, then import again.");
  }
  try {
    const payload = await readBackupFile(file, passphrase, options);
    options.signal?.throwIfAborted();
    const plan = await session.analyseImport(payload.records);
    options.signal?.throwIfAborted();
    return { kind: payload.kind, exportedAt: payload.exportedAt, plan };
  } catch (error) {
    throw asImportError(error, options.signal);
  }
}

/**
 * Step two: writes the analysed import in one transaction. A record here is replaced only with
 * `decisions.replace`, the active policy only with `decisions.applyPolicy`. Cancelling through
 * `control.signal` before it commits, or any failure, leaves the database as it was (ImportError).
 */
export async function commitBackupImport(
  session: VaultSession,
  analysed: AnalysedImport,
  decisions: ImportDecisions,
  control: ImportControl = {},
): Promise<ImportResult> {
  const { records } = analysed.plan;
  try {
    const summary = await session.commitImport(
      analysed.plan,
      decisions,
      `${analysed.kind}: ${records.cases.length} cases, ${records.assessments.length} assessments`,
      control,
    );
    return { kind: analysed.kind, exportedAt: analysed.exportedAt, summary };
  } catch (error) {
    throw asImportError(error, control.signal);
  }
}

/**
 * Imports a backup or case export into the unlocked profile in one go. Records are re-encrypted
 * under this profile's key. Nothing here is replaced and the active policy stays unless `decisions`
 * say so (the screens analyse first and ask; see analyseBackup).
 */
export async function importBackup(
  session: VaultSession,
  file: string | Blob,
  passphrase: string,
  options: ImportBackupOptions = {},
): Promise<ImportResult> {
  const analysed = await analyseBackup(session, file, passphrase, options);
  return commitBackupImport(session, analysed, options.decisions ?? KEEP_EVERYTHING, options);
}

const CANCELLED = "Import cancelled. Nothing on this device was changed.";

function asImportError(error: unknown, signal: AbortSignal | undefined): ImportError {
  if (error instanceof ImportError) return error;
  if (signal?.aborted) return new ImportError("cancelled", CANCELLED, { cause: error });
  if (error instanceof ImportChangedError) {
    return new ImportError("changed-since-check", `${error.message} Nothing was imported.`, { cause: error });
  }
  if (error instanceof VaultLockedError) {
    return new ImportError("write-failed", "The vault was locked before the import finished. Nothing was imported.", {
      cause: error,
    });
  }
  if (error instanceof InvalidInputError) {
    return new ImportError("invalid-contents", `${error.message} Nothing was imported.`, { cause: error });
  }
  return new ImportError(
    "write-failed",
    error instanceof StorageError
      ? `${error.message} Nothing was imported.`
      : "The file was read, but saving it failed. Nothing was imported.",
    { cause: error },
  );
}
