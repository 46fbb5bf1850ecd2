// A controlled, labelled one-line text box with its hint and inline error.
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface TextFieldProps extends ControlledFieldProps {
  value: string | undefined;
  onChange: (value: string) => void;
  type?: "text" | "tel" | "email";
  inputMode?: "numeric" | "text" | "tel" | "email";
  autoComplete?: string;
  className?: string;
}

export function TextField({
  id,
  label,
  hint,
  error,
  readOnly = false,
  value,
  onChange,
  type = "text",
  inputMode,
  autoComplete = "off",
  className,
}: TextFieldProps) {
  return (
    <div className={fieldClass(error)}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        className={`form-field__input${className === undefined ? "" : ` ${className}`}`}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        // Browser "enhanced" spell checkers send what is typed to a server: nothing typed here may leave the device.
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
