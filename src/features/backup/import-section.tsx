// "Restore or import a file": a full backup or a colleague's case export, checked completely before
// anything is written. A refused file leaves this device exactly as it was.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { importBackup, type ImportResult } from "../../storage/backup";
import { ImportError } from "../../storage/errors";
import type { VaultSession } from "../../storage/vault-session";
import { FormField } from "../../ui/form-field";
import { summaryErrors } from "../../ui/summary-errors";
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

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function describeImport({ summary }: ImportResult): string {
  const { added, updated, unchanged } = summary.cases;
  let text = `Imported ${plural(added + updated, "case", "cases")} (${updated} updated).`;
  if (unchanged > 0) text += ` ${plural(unchanged, "case was", "cases were")} already up to date on this device.`;
  return text;
}

/** Errors that are about the passphrase are linked to that field; everything else to the file. */
function fieldFor(error: ImportError): keyof ImportValues {
  return error.code === "cannot-decrypt" ? "passphrase" : "file";
}

export function ImportSection({ session, summaryActive, onAttempt, onDone }: SectionProps & { session: VaultSession }) {
  const [failures, setFailures] = useState(0);
  const [unchanged, setUnchanged] = useState(false);
  const [progress, setProgress] = useState("");
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

  const onValid = async ({ file, passphrase }: ImportValues): Promise<void> => {
    const chosen = file.item(0);
    if (chosen === null) return;
    setUnchanged(false);
    setProgress("Checking and importing the file…");
    try {
      const result = await importBackup(session, chosen, passphrase);
      reset();
      setProgress(describeImport(result));
      onDone();
    } catch (error) {
      setProgress("");
      const importError =
        error instanceof ImportError
          ? error
          : new ImportError("write-failed", "The file could not be imported.", { cause: error });
      setError(fieldFor(importError), { type: "import", message: importError.message });
      setUnchanged(true);
      setFailures((count) => count + 1);
    }
  };

  const failed = (): void => {
    setUnchanged(false);
    setFailures((count) => count + 1);
  };
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
      status={progress}
    >
      <p>
        Restores a backup or adds cases a colleague has sent you. Cases already on this device are kept, and are
        replaced only by a newer copy from the file.
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
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          Import file
        </button>
      </div>
    </SectionForm>
  );
}
