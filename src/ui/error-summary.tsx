// GOV.UK-style error summary: a focusable alert listing each problem as a link to its field.
import { Children, useEffect, useId, useRef, type MouseEvent, type ReactNode } from "react";
import { useErrorsInPageTitle } from "./use-page-title";

export interface SummaryError {
  /** id of the field the error is about; the link moves focus there. */
  fieldId: string;
  message: string;
}

export interface ErrorSummaryProps {
  errors: readonly SummaryError[];
  /**
   * Bumped by the form on every failed submit. Focus moves to the summary each time it changes, so
   * screen readers announce it and keyboard users land on it (not on a field whose label they miss).
   */
  focusKey: number;
  children?: ReactNode;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  // A fragment link only scrolls; move focus too so the practitioner can type straight away.
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
}

export function ErrorSummary({ errors, focusKey, children }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Unique per summary: a screen may hold more than one form (the backup screen and the passphrase form).
  const titleId = useId();
  // Children count only when they render something: `{failed && <p>…</p>}` gives false, which
  // must not open an empty "There is a problem" box.
  const visible = errors.length > 0 || Children.toArray(children).length > 0;
  useErrorsInPageTitle(visible);

  // Also keyed on `visible`: the form may bump focusKey a render before its errors arrive.
  useEffect(() => {
    if (focusKey > 0 && visible) ref.current?.focus();
  }, [focusKey, visible]);

  if (!visible) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      {errors.length > 0 && (
        <ul className="error-summary__list">
          {errors.map((error) => (
            <li key={`${error.fieldId}:${error.message}`}>
              <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
