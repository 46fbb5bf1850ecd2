// Forgotten passphrase: the recovery key from set-up re-opens the profile under a new passphrase.
// Cases are untouched; only the wrapping of the profile's key changes.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { UnlockThrottledError, WrongRecoveryKeyError } from "../../storage/errors";
import { ErrorSummary } from "../../ui/error-summary";
import { FormField } from "../../ui/form-field";
import { NewPassphraseFields } from "../../ui/new-passphrase-fields";
import { ProfileSelect } from "../../ui/profile-select";
import { ScreenHeading } from "../../ui/screen-heading";
import { SubmitRow } from "../../ui/submit-row";
import { NEW_PASSPHRASE_HINT, newPassphraseSchema, waitMessage } from "./passphrase-rules";
import { PASSPHRASES_DIFFER, summaryErrors } from "../../ui/summary-errors";
import { useVault } from "./vault-context";

const resetSchema = z
  .object({
    profileId: z.string().min(1, "Choose your profile"),
    recoveryKey: z.string().trim().min(1, "Enter your recovery key"),
    passphrase: newPassphraseSchema,
    confirmPassphrase: z.string().min(1, "Enter your new passphrase again"),
  })
  .refine((values) => values.passphrase === values.confirmPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmPassphrase"],
  });
type ResetValues = z.infer<typeof resetSchema>;

const FIELD_ORDER = ["profileId", "recoveryKey", "passphrase", "confirmPassphrase"] as const;

export interface ResetScreenProps {
  initialProfileId: string;
  onCancel: () => void;
}

export function ResetScreen({ initialProfileId, onCancel }: ResetScreenProps) {
  const { profiles, resetWithRecoveryKey } = useVault();
  const [failures, setFailures] = useState(0);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResetValues>({
    resolver: zodResolver(resetSchema),
    shouldFocusError: false,
    defaultValues: { profileId: initialProfileId, recoveryKey: "", passphrase: "", confirmPassphrase: "" },
  });

  const onValid = async (values: ResetValues): Promise<void> => {
    try {
      await resetWithRecoveryKey(values.profileId, values.recoveryKey, values.passphrase);
    } catch (error) {
      if (error instanceof WrongRecoveryKeyError) {
        const wait = error.retryAfterMs > 0 ? ` ${waitMessage(error.retryAfterMs)}.` : "";
        setError("recoveryKey", { message: `${error.message} Nothing has been deleted.${wait}` });
      } else if (error instanceof UnlockThrottledError) {
        setError("recoveryKey", { message: `Too many wrong attempts. ${waitMessage(error.retryAfterMs)}.` });
      } else {
        setError("recoveryKey", { message: error instanceof Error ? error.message : "The reset failed. Try again." });
      }
      setFailures((count) => count + 1);
    }
  };

  return (
    <form className="vault-form" noValidate onSubmit={handleSubmit(onValid, () => setFailures((count) => count + 1))}>
      <ScreenHeading>Reset your passphrase with your recovery key</ScreenHeading>
      <ErrorSummary errors={summaryErrors(errors, FIELD_ORDER, "reset")} focusKey={failures} />
      <p>Your cases stay as they are. Only the passphrase changes.</p>
      <ProfileSelect
        id="reset-profileId"
        label="Profile"
        profiles={profiles}
        error={errors.profileId?.message}
        field={register("profileId")}
      />
      <FormField
        id="reset-recoveryKey"
        label="Recovery key"
        hint="24 letters and numbers. Spaces and dashes do not matter."
        autoComplete="off"
        spellCheck={false}
        error={errors.recoveryKey?.message}
        {...register("recoveryKey")}
      />
      <NewPassphraseFields
        idPrefix="reset"
        label="New passphrase"
        hint={NEW_PASSPHRASE_HINT}
        confirmLabel="Confirm new passphrase"
        passphrase={register("passphrase")}
        confirmation={register("confirmPassphrase")}
        error={errors.passphrase?.message}
        confirmError={errors.confirmPassphrase?.message}
      />
      <SubmitRow label="Reset passphrase and unlock" busyLabel="Resetting…" busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
