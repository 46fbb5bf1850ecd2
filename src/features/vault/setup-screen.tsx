// First run (or "add another practitioner"): profile name and passphrase. The recovery key follows.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorSummary } from "../../ui/error-summary";
import { FormField } from "../../ui/form-field";
import { NewPassphraseFields } from "../../ui/new-passphrase-fields";
import { NEW_PASSPHRASE_HINT, newPassphraseSchema, profileNameSchema } from "./passphrase-rules";
import { PASSPHRASES_DIFFER, summaryErrors } from "../../ui/summary-errors";
import { ScreenHeading } from "../../ui/screen-heading";
import { SubmitRow } from "../../ui/submit-row";
import { useVault } from "./vault-context";

const setupSchema = z
  .object({
    profileName: profileNameSchema,
    passphrase: newPassphraseSchema,
    confirmPassphrase: z.string().min(1, "Enter your passphrase again"),
  })
  .refine((values) => values.confirmPassphrase === "" || values.passphrase === values.confirmPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmPassphrase"],
  });
type SetupValues = z.infer<typeof setupSchema>;

const FIELD_ORDER = ["profileName", "passphrase", "confirmPassphrase"] as const;

export interface SetupScreenProps {
  /** Present when other profiles exist: lets the practitioner go back to the unlock screen. */
  onCancel?: () => void;
}

export function SetupScreen({ onCancel }: SetupScreenProps) {
  const { createProfile } = useVault();
  const [failures, setFailures] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SetupValues>({
    resolver: zodResolver(setupSchema),
    shouldFocusError: false,
    defaultValues: { profileName: "", passphrase: "", confirmPassphrase: "" },
  });

  const onValid = async (values: SetupValues): Promise<void> => {
    setSaveError(null);
    try {
      await createProfile(values.profileName, values.passphrase);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : "The profile could not be created. Try again.");
      setFailures((count) => count + 1);
    }
  };

  const listed = summaryErrors(errors, FIELD_ORDER, "setup");
  return (
    <form className="vault-form" noValidate onSubmit={handleSubmit(onValid, () => setFailures((count) => count + 1))}>
      <ScreenHeading>
        {onCancel ? "Add a practitioner to this device" : "Set up Safe Referral on this device"}
      </ScreenHeading>
      <ErrorSummary errors={listed} focusKey={failures}>
        {saveError !== null ? <p>{saveError}</p> : undefined}
      </ErrorSummary>
      <p>
        Each practitioner has their own profile and passphrase. Cases you save are encrypted with your passphrase and
        only you can open them.
      </p>
      <FormField
        id="setup-profileName"
        label="Your name"
        hint="As colleagues know you, for example PC 1234 Smith. Other users of this device will see it."
        error={errors.profileName?.message}
        {...register("profileName")}
      />
      <NewPassphraseFields
        idPrefix="setup"
        label="Create a passphrase"
        hint={NEW_PASSPHRASE_HINT}
        confirmLabel="Confirm your passphrase"
        passphrase={register("passphrase")}
        confirmation={register("confirmPassphrase")}
        error={errors.passphrase?.message}
        confirmError={errors.confirmPassphrase?.message}
      />
      <SubmitRow label="Create profile" busyLabel="Creating profile…" busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
