// The frame the backup, send and import sections share: a headed section whose form reports each
// submit attempt, shows the error summary only while it is the section last submitted, and ends
// with a polite status line for progress.
import type { FormEvent, ReactNode } from "react";
import { ErrorSummary, type SummaryError } from "../../ui/error-summary";

export interface SectionFormProps {
  /** The section's id prefix: the heading is `${id}-heading`. */
  id: string;
  heading: string;
  summaryActive: boolean;
  onAttempt: () => void;
  /** react-hook-form's handleSubmit(onValid, onInvalid). */
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  errors: SummaryError[];
  focusKey: number;
  /** A problem that is not about one field, shown in the summary. */
  notice: string | null;
  status: string;
  children: ReactNode;
}

export function SectionForm({
  id,
  heading,
  summaryActive,
  onAttempt,
  onSubmit,
  errors,
  focusKey,
  notice,
  status,
  children,
}: SectionFormProps) {
  return (
    <section className="backup-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          onAttempt();
          return onSubmit(event);
        }}
      >
        {summaryActive && (
          <ErrorSummary errors={errors} focusKey={focusKey}>
            {notice !== null ? <p>{notice}</p> : undefined}
          </ErrorSummary>
        )}
        {children}
        <p className="backup-section__status" role="status" aria-live="polite">
          {status}
        </p>
      </form>
    </section>
  );
}
