// "Back up everything": the whole vault (cases, assessments, packs, audit trail, settings) in one
// file encrypted under a passphrase chosen now, so it can be restored on another device.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { VaultSession } from "../../storage/vault-session";
import { NewPassphraseFields } from "../../ui/new-passphrase-fields";
import { MIN_FILE_PASSPHRASE_LENGTH, confirmPassphraseSchema, filePassphraseSchema } from "./backup-form-rules";
import { PASSPHRASES_DIFFER, summaryErrors } from "../../ui/summary-errors";
import { SectionForm } from "./section-form";
import type { SectionProps } from "./section-props";
import { useFileExport } from "./use-file-export";

const backupSchema = z
  .object({ passphrase: filePassphraseSchema, confirmPassphrase: confirmPassphraseSchema })
  .refine((values) => values.confirmPassphrase === "" || values.passphrase === values.confirmPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmPassphrase"],
  });
type BackupValues = z.infer<typeof backupSchema>;

const FIELD_ORDER = ["passphrase", "confirmPassphrase"] as const;
const ID = "backup";

export function FullBackupSection({
  session,
  iterations,
  summaryActive,
  onAttempt,
  onDone,
}: SectionProps & { session: VaultSession }) {
  const { failures, failure, progress, exportFile, failed } = useFileExport({ session, iterations, onDone });
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<BackupValues>({
    resolver: zodResolver(backupSchema),
    shouldFocusError: false,
    defaultValues: { passphrase: "", confirmPassphrase: "" },
  });

  const onValid = ({ passphrase }: BackupValues): Promise<void> =>
    exportFile(
      { passphrase },
      {
        working: "Encrypting backup…",
        failed: "The backup could not be made.",
        saved: (fileName) => `Backup saved as ${fileName}. Keep the file and its passphrase apart.`,
      },
      reset,
    );

  return (
    <SectionForm
      id={ID}
      heading="Back up everything"
      summaryActive={summaryActive}
      onAttempt={onAttempt}
      onSubmit={handleSubmit(onValid, failed)}
      errors={summaryErrors(errors, FIELD_ORDER, ID)}
      focusKey={failures}
      notice={failure}
      status={progress}
    >
      <p>
        Saves every case, assessment and referral pack in this profile, with its activity record, to one encrypted file.
        Use it to move to a new device or to recover if this one is lost.
      </p>
      <NewPassphraseFields
        idPrefix={ID}
        label="Passphrase for the backup file"
        hint={`At least ${MIN_FILE_PASSPHRASE_LENGTH} characters. You need it to restore the backup, so store it somewhere other than with the file.`}
        confirmLabel="Confirm the backup passphrase"
        passphrase={register("passphrase")}
        confirmation={register("confirmPassphrase")}
        error={errors.passphrase?.message}
        confirmError={errors.confirmPassphrase?.message}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          Save backup file
        </button>
      </div>
    </SectionForm>
  );
}
