// The frame of a form that changes something about the unlocked profile once its current passphrase is
// given (change the passphrase, get a new recovery key): a headed section, the error summary, the
// current passphrase box, the form's own fields, its button, and a status line read out when it is done.
import type { FormEventHandler, ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { ErrorSummary, type SummaryError } from "../../ui/error-summary";
import { FormField } from "../../ui/form-field";
import { SubmitRow } from "../../ui/submit-row";

export interface CurrentPassphraseFormProps {
  /** Prefixes the heading's and the boxes' ids, as summaryErrors() links them. */
  id: string;
  heading: string;
  intro: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  errors: SummaryError[];
  /** Changes on each failed submission, so the summary takes focus again. */
  focusKey: number;
  /** A failure that belongs to no field. */
  failure: string | null;
  currentPassphrase: UseFormRegisterReturn;
  currentPassphraseError: string | undefined;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  status: string;
  /** The form's fields after the current passphrase. */
  children?: ReactNode;
}

export function CurrentPassphraseForm({
  id,
  heading,
  intro,
  onSubmit,
  errors,
  focusKey,
  failure,
  currentPassphrase,
  currentPassphraseError,
  submitLabel,
  busyLabel,
  busy,
  status,
  children,
}: CurrentPassphraseFormProps) {
  return (
    <section className="vault-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} focusKey={focusKey}>
          {failure !== null ? <p>{failure}</p> : undefined}
        </ErrorSummary>
        {intro}
        <FormField
          id={`${id}-currentPassphrase`}
          label="Current passphrase"
          type="password"
          error={currentPassphraseError}
          {...currentPassphrase}
        />
        {children}
        <SubmitRow label={submitLabel} busyLabel={busyLabel} busy={busy} />
        <p role="status" aria-live="polite">
          {status}
        </p>
      </form>
    </section>
  );
}
