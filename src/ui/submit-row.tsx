// A form's buttons: the submit button, which says what it is doing (and cannot be pressed twice) while
// the form is being sent, and an optional Cancel beside it.
export interface SubmitRowProps {
  label: string;
  /** What the button says while the form is being sent, for example "Creating profile…". */
  busyLabel: string;
  busy: boolean;
  onCancel?: () => void;
}

export function SubmitRow({ label, busyLabel, busy, onCancel }: SubmitRowProps) {
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
