// A controlled, labelled one-line text box with its hint and inline error.
import { inputAria, LabelledField, type ControlledFieldProps } from "./form-field";

export interface TextFieldProps extends ControlledFieldProps {
  value: string | undefined;
  onChange: (value: string) => void;
  /** For example, to save a draft at once when the practitioner leaves the box. */
  onBlur?: (() => void) | undefined;
  /** "date" is the browser's date picker; its value is YYYY-MM-DD or "". */
  type?: "text" | "tel" | "email" | "date";
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
  onBlur,
  type = "text",
  inputMode,
  autoComplete = "off",
  className,
}: TextFieldProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
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
        {...inputAria(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
    </LabelledField>
  );
}
