// Making an encrypted file and offering it as a download, for the backup and send sections: the
// progress line, the problem for the error summary, and the count of failed attempts that moves
// focus to that summary.
import { useState } from "react";
import { exportVault, type ExportOptions } from "../../storage/backup-export";
import type { VaultSession } from "../../storage/vault-session";
import { downloadContent } from "../../ui/download";
import { failureText } from "./backup-form-rules";

export interface FileExportWords {
  /** Shown while the file is encrypted, for example "Encrypting backup…". */
  working: string;
  /** Starts the summary's message when it fails, for example "The backup could not be made.". */
  failed: string;
  saved: (fileName: string) => string;
}

export interface FileExportSettings {
  session: VaultSession;
  /** PBKDF2 cost; undefined = the storage default. */
  iterations: number | undefined;
  /** Called after every attempt, made or not (so lists and the audit trail refresh). */
  onDone: () => void;
}

export function useFileExport({ session, iterations, onDone }: FileExportSettings) {
  const [failures, setFailures] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState("");

  /** `clearForm` runs once the file is saved: don't leave its passphrase sitting in the form. */
  const exportFile = async (options: ExportOptions, words: FileExportWords, clearForm: () => void): Promise<void> => {
    setFailure(null);
    setProgress(words.working);
    try {
      const file = await exportVault(session, iterations === undefined ? options : { ...options, iterations });
      downloadContent(file.fileName, file.mimeType, file.text);
      clearForm();
      setProgress(words.saved(file.fileName));
    } catch (error) {
      setProgress("");
      setFailure(failureText(words.failed, error));
      setFailures((count) => count + 1);
    } finally {
      onDone();
    }
  };

  /** For the form's invalid submits. */
  const failed = (): void => setFailures((count) => count + 1);

  return { failures, failure, progress, exportFile, failed };
}
