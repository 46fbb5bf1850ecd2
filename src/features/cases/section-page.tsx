// One question page of the case form: its heading, the error summary, the fields and a Continue
// button that checks the page. Everything typed is already being autosaved, so "Back to case
// overview" never loses anything; Continue only adds the check.
import { useState, type ReactNode } from "react";
import { setNonDisclosure, type CaseDetails } from "../../domain/case-record/case-details";
import { ErrorSummary, type SummaryError } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";

/** What every section's fields get from the page. */
export interface SectionFieldsProps {
  details: CaseDetails;
  update: (next: CaseDetails) => void;
  readOnly: boolean;
  /** The inline error for a field, once the page is showing its errors. */
  errorFor: (fieldId: string) => string | undefined;
}

/** "" means "not recorded": stored as absent rather than as an empty string. */
export function typed(value: string): string | undefined {
  return value === "" ? undefined : value;
}

/** Reads and sets one never-share tick. */
export function withholding(props: Pick<SectionFieldsProps, "details" | "update">) {
  return {
    isWithheld: (path: string) => props.details.nonDisclosure.includes(path),
    setWithheld: (path: string, withheld: boolean) => props.update(setNonDisclosure(props.details, path, withheld)),
  };
}

export interface SectionPageProps {
  title: string;
  errors: readonly SummaryError[];
  /** The page has something that can be withheld: explain what the ticks do. */
  explainsNeverShare?: boolean;
  readOnly: boolean;
  onBack: () => void;
  /** Where "Save and continue" goes once the page is complete; the case overview unless given. */
  onContinue?: (() => void) | undefined;
  onFlush: () => void;
  children: (errorFor: (fieldId: string) => string | undefined) => ReactNode;
}

export function SectionPage({
  title,
  errors,
  explainsNeverShare = false,
  readOnly,
  onBack,
  onContinue = onBack,
  onFlush,
  children,
}: SectionPageProps) {
  // Problems already in the saved draft are flagged straight away; new ones after Continue.
  const [showErrors, setShowErrors] = useState(errors.length > 0);
  const [focusKey, setFocusKey] = useState(0);
  const shown = showErrors ? errors : [];
  const errorFor = (fieldId: string): string | undefined => shown.find((error) => error.fieldId === fieldId)?.message;

  const next = (): void => {
    if (errors.length > 0) {
      setShowErrors(true);
      setFocusKey((key) => key + 1);
      return;
    }
    onContinue();
  };

  return (
    <div className="case-section" onBlur={onFlush}>
      <button type="button" className="link-button case-back" onClick={onBack}>
        Back to case overview
      </button>
      <ErrorSummary errors={shown} focusKey={focusKey} />
      <ScreenHeading>{title}</ScreenHeading>
      {explainsNeverShare && (
        <p className="form-field__hint">
          Tick &ldquo;Never share&rdquo; for anything that could help the person causing harm find or reach the victim
          or the children. Ticked details are left out of every copy made for sharing more widely.
        </p>
      )}
      {children(errorFor)}
      {!readOnly && (
        <div className="button-row">
          <button type="button" className="button" onClick={next}>
            Save and continue
          </button>
        </div>
      )}
    </div>
  );
}
