// "Restore or import a file": a full backup or a colleague's case export, in two steps. The file is
// checked completely and compared with this device first; if it would replace any case, draft or
// pack here, or change the active policy, the practitioner sees what would change and decides.
// Restoring shows its progress and can be cancelled; a refused or cancelled import changes nothing.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { analyseBackup, commitBackupImport, type AnalysedImport, type ImportResult } from "../../storage/backup-import";
import { ImportError } from "../../storage/errors";
import type { ImportCounts, ImportDecisions, ImportProgress as Progress } from "../../storage/import-types";
import type { VaultSession } from "../../storage/vault-session";
import { FormField } from "../../ui/form-field";
import { summaryErrors } from "../../ui/summary-errors";
import { ImportConfirm } from "./import-confirm";
import { ImportProgress, type ImportProgressState } from "./import-progress";
import { SectionForm } from "./section-form";
import type { SectionProps } from "./section-props";

const importSchema = z.object({
  file: z.custom<FileList>(
    (value) => typeof value === "object" && value !== null && "length" in value && (value as FileList).length > 0,
    { message: "Select the file to import" },
  ),
  passphrase: z.string().min(1, "Enter the file's passphrase"),
});
type ImportValues = z.infer<typeof importSchema>;

const FIELD_ORDER = ["file", "passphrase"] as const;
const ID = "import";

export const NOTHING_CHANGED = "Nothing on this device was changed.";
const CHECKING = "Checking the file…";

const number = new Intl.NumberFormat("en-GB");

function counts(what: string, { added, replaced, kept, skipped }: ImportCounts): string {
  return `${what}: ${number.format(added)} added, ${number.format(replaced)} replaced, ${number.format(kept)} kept, ${number.format(skipped)} skipped.`;
}

/** What really happened, per kind of record; "kept" = this device's copy stayed, "skipped" = already here. */
export function describeImport({ summary }: ImportResult): string {
  const parts = [
    "Import finished.",
    counts("Cases", summary.cases),
    counts("Assessments", summary.assessments),
    counts("Referral packs", summary.packs),
  ];
  if (summary.policy === "applied") parts.push("The local policy from the file is now active.");
  if (summary.policy === "kept") parts.push("The current local policy was kept.");
  if (summary.policy === "refused") {
    parts.push("The file's local policy breaks the policy rules, so it was not used; the current policy was kept.");
  }
  if (summary.reviewsMerged > 0)
    parts.push(`Review notes brought up to date on ${number.format(summary.reviewsMerged)}.`);
  return parts.join(" ");
}

function progressState(progress: Progress): ImportProgressState {
  return { phase: progress.phase === "restoring" ? "Restoring" : "Saving", done: progress.done, total: progress.total };
}

/** Errors that are about the passphrase are linked to that field; everything else to the file. */
function fieldFor(error: ImportError): keyof ImportValues {
  return error.code === "cannot-decrypt" ? "passphrase" : "file";
}

export function ImportSection({ session, summaryActive, onAttempt, onDone }: SectionProps & { session: VaultSession }) {
  const [failures, setFailures] = useState(0);
  const [unchanged, setUnchanged] = useState(false);
  const [status, setStatus] = useState("");
  const [working, setWorking] = useState<ImportProgressState | null>(null);
  const [analysed, setAnalysed] = useState<AnalysedImport | null>(null);
  // The running step's controller (Cancel aborts it).
  const [controller, setController] = useState<AbortController | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ImportValues>({
    resolver: zodResolver(importSchema),
    shouldFocusError: false,
    defaultValues: { passphrase: "" },
  });

  const fail = (error: unknown): void => {
    setWorking(null);
    setAnalysed(null);
    const importError =
      error instanceof ImportError
        ? error
        : new ImportError("write-failed", "The file could not be imported.", { cause: error });
    if (importError.code === "cancelled") {
      setStatus(importError.message);
      return;
    }
    setStatus("");
    setError(fieldFor(importError), { type: "import", message: importError.message });
    setUnchanged(true);
    setFailures((count) => count + 1);
  };

  const commit = async (checked: AnalysedImport, decisions: ImportDecisions): Promise<void> => {
    const running = new AbortController();
    setController(running);
    setAnalysed(null);
    setWorking({ phase: "Restoring", done: 0, total: 0 });
    try {
      const result = await commitBackupImport(session, checked, decisions, {
        signal: running.signal,
        onProgress: (progress) => setWorking(progressState(progress)),
      });
      reset();
      setWorking(null);
      setStatus(describeImport(result));
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  const onValid = async ({ file, passphrase }: ImportValues): Promise<void> => {
    const chosen = file.item(0);
    if (chosen === null) return;
    const running = new AbortController();
    setController(running);
    setUnchanged(false);
    setStatus("");
    setAnalysed(null);
    setWorking({ phase: CHECKING });
    let checked: AnalysedImport;
    try {
      checked = await analyseBackup(session, chosen, passphrase, { signal: running.signal });
    } catch (error) {
      fail(error);
      return;
    }
    if (checked.plan.replacements.length > 0 || checked.plan.policyChange !== null) {
      setWorking(null);
      setAnalysed(checked);
      setStatus("The file was checked. It would replace records on this device: choose what to do below.");
      return;
    }
    await commit(checked, { replace: false, applyPolicy: false });
  };

  const cancel = (): void => {
    controller?.abort();
    if (analysed !== null) {
      setAnalysed(null);
      setStatus(`Import cancelled. ${NOTHING_CHANGED}`);
    }
  };

  const failed = (): void => {
    setUnchanged(false);
    setFailures((count) => count + 1);
  };
  const busy = isSubmitting || working !== null || analysed !== null;
  return (
    <SectionForm
      id={ID}
      heading="Restore or import a file"
      summaryActive={summaryActive}
      onAttempt={onAttempt}
      onSubmit={handleSubmit(onValid, failed)}
      errors={summaryErrors(errors, FIELD_ORDER, ID)}
      focusKey={failures}
      notice={unchanged ? NOTHING_CHANGED : null}
      status={status}
    >
      <p>
        Restores a backup or adds cases a colleague has sent you. Nothing on this device is replaced unless you choose
        to: if the file has a different copy of a case, draft or referral pack, or a different local policy, you will be
        shown what would change first.
      </p>
      <FormField
        id={`${ID}-file`}
        label="Backup or case file"
        hint="A .json file made by Safe Referral."
        type="file"
        accept=".json,application/json"
        error={errors.file?.message}
        {...register("file")}
      />
      <FormField
        id={`${ID}-passphrase`}
        label="The file's passphrase"
        hint="The passphrase chosen when the file was made. This is not your own passphrase unless you chose the same one."
        type="password"
        autoComplete="off"
        error={errors.passphrase?.message}
        {...register("passphrase")}
      />
      {working === null && analysed === null && (
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Import file
          </button>
        </div>
      )}
      {working !== null && <ImportProgress state={working} onCancel={cancel} />}
      {analysed !== null && (
        <ImportConfirm
          analysed={analysed}
          onConfirm={(decisions) => void commit(analysed, decisions)}
          onCancel={cancel}
        />
      )}
    </SectionForm>
  );
}
