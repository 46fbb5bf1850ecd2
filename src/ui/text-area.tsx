// A controlled, labelled multi-line text box with its hint and inline error.
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface TextAreaProps extends ControlledFieldProps {
  value: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextArea({ id, label, hint, error, readOnly = false, value, onChange, rows = 4 }: TextAreaProps) {
  return (
    <div className={fieldClass(error)}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        className="form-field__textarea"
        rows={rows}
        spellCheck={false}
        readOnly={readOnly}
        value={value ?? ""}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
