// "Change your passphrase" for the unlocked profile. Only the wrapping of the profile's key changes,
// so no case is re-encrypted. A wrong current passphrase counts as a failed unlock (with the same delay).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { VaultSession } from "../../storage/vault-session";
import { NewPassphraseFields } from "../../ui/new-passphrase-fields";
import { currentPassphraseRefusal, NEW_PASSPHRASE_HINT, newPassphraseSchema } from "./passphrase-rules";
import { PASSPHRASES_DIFFER, summaryErrors } from "../../ui/summary-errors";
import { CurrentPassphraseForm } from "./current-passphrase-form";

export const PASSPHRASE_CHANGED = "Passphrase changed. Your cases did not need re-encrypting.";
export const SAME_PASSPHRASE = "Your new passphrase must be different from your current one";

const changeSchema = z
  .object({
    currentPassphrase: z.string().min(1, "Enter your current passphrase"),
    newPassphrase: newPassphraseSchema,
    confirmNewPassphrase: z.string().min(1, "Enter your new passphrase again"),
  })
  .refine(
    // Compared as the storage layer derives keys (NFC), so visually identical passphrases count as the same.
    (values) =>
      values.currentPassphrase === "" ||
      values.newPassphrase.normalize("NFC") !== values.currentPassphrase.normalize("NFC"),
    { message: SAME_PASSPHRASE, path: ["newPassphrase"] },
  )
  .refine((values) => values.confirmNewPassphrase === "" || values.newPassphrase === values.confirmNewPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmNewPassphrase"],
  });
type ChangeValues = z.infer<typeof changeSchema>;

const FIELD_ORDER = ["currentPassphrase", "newPassphrase", "confirmNewPassphrase"] as const;
const ID = "change-passphrase";

export interface ChangePassphraseFormProps {
  session: VaultSession;
}

export function ChangePassphraseForm({ session }: ChangePassphraseFormProps) {
  const [failures, setFailures] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangeValues>({
    resolver: zodResolver(changeSchema),
    shouldFocusError: false,
    defaultValues: { currentPassphrase: "", newPassphrase: "", confirmNewPassphrase: "" },
  });

  const onValid = async (values: ChangeValues): Promise<void> => {
    setFailure(null);
    setStatus("");
    try {
      await session.changePassphrase(values.currentPassphrase, values.newPassphrase);
      // Don't leave either passphrase sitting in the form.
      reset();
      setStatus(PASSPHRASE_CHANGED);
    } catch (error) {
      const refusal = currentPassphraseRefusal(error);
      if (refusal) {
        resetField("currentPassphrase");
        setError("currentPassphrase", { message: refusal.fieldMessage });
        if (refusal.wait !== null) setFailure(refusal.wait);
      } else {
        setFailure(
          error instanceof Error
            ? `Your passphrase could not be changed. ${error.message}`
            : "Your passphrase could not be changed. Try again.",
        );
      }
      setFailures((count) => count + 1);
    }
  };

  const failed = (): void => {
    setStatus("");
    setFailures((count) => count + 1);
  };
  return (
    <CurrentPassphraseForm
      id={ID}
      heading="Change your passphrase"
      intro={<p>Your cases stay as they are. You will need the new passphrase the next time you unlock.</p>}
      onSubmit={handleSubmit(onValid, failed)}
      errors={summaryErrors(errors, FIELD_ORDER, ID)}
      focusKey={failures}
      failure={failure}
      currentPassphrase={register("currentPassphrase")}
      currentPassphraseError={errors.currentPassphrase?.message}
      submitLabel="Change passphrase"
      busyLabel="Changing passphrase…"
      busy={isSubmitting}
      status={status}
    >
      <NewPassphraseFields
        idPrefix={ID}
        label="New passphrase"
        hint={NEW_PASSPHRASE_HINT}
        confirmLabel="Confirm new passphrase"
        passphrase={register("newPassphrase")}
        confirmation={register("confirmNewPassphrase")}
        error={errors.newPassphrase?.message}
        confirmError={errors.confirmNewPassphrase?.message}
      />
    </CurrentPassphraseForm>
  );
}
