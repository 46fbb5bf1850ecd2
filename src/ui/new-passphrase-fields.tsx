// A new passphrase and its confirmation, for react-hook-form's register(): two password boxes
// that password managers treat as a new password. Whether the two match is the form's rule (its
// schema puts PASSPHRASES_DIFFER on the confirmation); the error shows under the second box.
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "./form-field";

export interface NewPassphraseFieldsProps {
  /** The boxes' ids are `${idPrefix}-${name}`, as summaryErrors() links them. */
  idPrefix: string;
  label: string;
  hint: ReactNode;
  confirmLabel: string;
  passphrase: UseFormRegisterReturn;
  confirmation: UseFormRegisterReturn;
  error: string | undefined;
  confirmError: string | undefined;
}

export function NewPassphraseFields({
  idPrefix,
  label,
  hint,
  confirmLabel,
  passphrase,
  confirmation,
  error,
  confirmError,
}: NewPassphraseFieldsProps) {
  return (
    <>
      <FormField
        id={`${idPrefix}-${passphrase.name}`}
        label={label}
        hint={hint}
        type="password"
        error={error}
        {...passphrase}
      />
      <FormField
        id={`${idPrefix}-${confirmation.name}`}
        label={confirmLabel}
        type="password"
        error={confirmError}
        {...confirmation}
      />
    </>
  );
}
