// A recovery key on screen and the "I have stored it" tick that must be given before it leaves the
// screen for good. Shared by set-up (the first key) and "Get a new recovery key".

export interface RecoveryKeyConfirmationProps {
  recoveryKey: string;
  /** Accessible name of the key's box, e.g. "Recovery key". */
  keyLabel: string;
  checkboxId: string;
  checkboxLabel: string;
  stored: boolean;
  onStoredChange: (stored: boolean) => void;
  /** The error to show beside the tick (also listed in the page's error summary), or null. */
  error: string | null;
}

export function RecoveryKeyConfirmation({
  recoveryKey,
  keyLabel,
  checkboxId,
  checkboxLabel,
  stored,
  onStoredChange,
  error,
}: RecoveryKeyConfirmationProps) {
  const errorId = `${checkboxId}-error`;
  return (
    <>
      <p className="recovery-key" aria-label={keyLabel} role="group">
        <code>{recoveryKey}</code>
      </p>
      <div className={`form-field${error !== null ? " form-field--error" : ""}`}>
        {error !== null && (
          <p id={errorId} className="form-field__error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <div className="checkbox">
          <input
            id={checkboxId}
            type="checkbox"
            autoComplete="off"
            checked={stored}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => onStoredChange(event.target.checked)}
          />
          <label htmlFor={checkboxId}>{checkboxLabel}</label>
        </div>
      </div>
    </>
  );
}
