// A controlled, labelled multi-line text box with its hint and inline error.
import { inputAria, LabelledField, type ControlledFieldProps } from "./form-field";

export interface TextAreaProps extends ControlledFieldProps {
  value: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextArea({ id, label, hint, error, readOnly = false, value, onChange, rows = 4 }: TextAreaProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="form-field__textarea"
        rows={rows}
        // Without it Chromium's session files keep what was typed, in clear, after the vault locks.
        autoComplete="off"
        spellCheck={false}
        readOnly={readOnly}
        value={value ?? ""}
        {...inputAria(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </LabelledField>
  );
}
