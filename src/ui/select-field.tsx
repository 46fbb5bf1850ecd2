// A controlled, labelled select. With `emptyChoice` it starts with an option for "nothing chosen"
// (value ""), which is reported as undefined.
import type { Choice } from "./choice";
import { describedBy, LabelledField, type ControlledFieldProps } from "./form-field";

export interface SelectFieldProps<Value extends string> extends ControlledFieldProps {
  choices: readonly Choice<Value>[];
  value: Value | undefined;
  onChange: (value: Value | undefined) => void;
  /** The label of a first, empty option, for example "Not recorded". None when left out. */
  emptyChoice?: string;
}

export function SelectField<Value extends string>({
  id,
  label,
  hint,
  error,
  readOnly = false,
  choices,
  value,
  onChange,
  emptyChoice,
}: SelectFieldProps<Value>) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="form-field__select"
        // The browser's saved page state would otherwise record the choice.
        autoComplete="off"
        disabled={readOnly}
        value={value ?? ""}
        aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
        onChange={(event) => {
          const chosen = choices.find((choice) => choice.value === event.target.value);
          onChange(chosen?.value);
        }}
      >
        {emptyChoice !== undefined && <option value="">{emptyChoice}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
