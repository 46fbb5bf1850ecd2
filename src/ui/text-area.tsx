// A controlled, labelled multi-line text box with its hint and inline error.
import { inputAria, LabelledField, type ControlledFieldProps } from "./form-field";

export interface TextAreaProps extends ControlledFieldProps {
  value: string | undefined;
  onChange: (value: string) => void;
  /** For example, to save a draft at once when the practitioner leaves the box. */
  onBlur?: (() => void) | undefined;
  rows?: number;
}

export function TextArea({
  id,
  label,
  hint,
  error,
  readOnly = false,
  value,
  onChange,
  onBlur,
  rows = 4,
}: TextAreaProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="form-field__textarea"
        rows={rows}
        // Without it Chromium's session files keep what was typed, in clear, after the vault locks.
        autoComplete="off"
        // Browser "enhanced" spell checkers send what is typed to a server: nothing typed here may leave the device.
        spellCheck={false}
        readOnly={readOnly}
        value={value ?? ""}
        {...inputAria(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
    </LabelledField>
  );
}
