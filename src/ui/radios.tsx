// A controlled radio group: a fieldset whose legend is the question. The fieldset carries the id
// (and takes focus from the error summary's link); a follow-up question can sit inside it.
import type { ReactNode } from "react";
import type { Choice } from "./choice";
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface RadiosProps<Value extends string> extends ControlledFieldProps {
  choices: readonly Choice<Value>[];
  value: Value | undefined;
  onChange: (value: Value) => void;
  /** Shown after the radios, for a follow-up question that belongs to the choice. */
  children?: ReactNode;
}

export function Radios<Value extends string>({
  id,
  label,
  hint,
  error,
  readOnly = false,
  choices,
  value,
  onChange,
  children,
}: RadiosProps<Value>) {
  return (
    <fieldset
      className={fieldClass(error, " case-choices")}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
    >
      <legend className="form-field__label">{label}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="case-choices__items">
        {choices.map((choice) => (
          <label key={choice.value} className="case-choices__item">
            <input
              id={choice.id}
              type="radio"
              // The browser's saved page state would otherwise record which answer is chosen.
              autoComplete="off"
              name={id}
              value={choice.value}
              checked={value === choice.value}
              disabled={readOnly}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}
