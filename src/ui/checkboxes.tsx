// A controlled checkbox group: a fieldset whose legend is the question, one box per choice with its
// label (and hint) beside it. Each box's id is its choice's own, else `${id}-${value}`.
import type { Choice } from "./choice";
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface CheckboxesProps<Value extends string> extends ControlledFieldProps {
  choices: readonly Choice<Value>[];
  /** The ticked values; undefined when none is recorded. */
  value: readonly Value[] | undefined;
  /** The ticked values after a tick or untick: a newly ticked value goes last. */
  onChange: (value: Value[]) => void;
}

export function Checkboxes<Value extends string>({
  id,
  label,
  hint,
  error,
  readOnly = false,
  choices,
  value,
  onChange,
}: CheckboxesProps<Value>) {
  const ticked = value ?? [];
  const tick = (choice: Value, on: boolean): void => {
    const rest = ticked.filter((item) => item !== choice);
    onChange(on ? [...rest, choice] : rest);
  };
  return (
    <fieldset
      className={fieldClass(error, " checkboxes")}
      aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
    >
      <legend className="form-field__label">{label}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {choices.map((choice) => {
        const boxId = choice.id ?? `${id}-${choice.value}`;
        const hintId = choice.hint === undefined ? undefined : `${boxId}-hint`;
        return (
          <div key={choice.value} className="checkbox">
            <input
              id={boxId}
              type="checkbox"
              // The browser's saved page state would otherwise record what is ticked.
              autoComplete="off"
              checked={ticked.includes(choice.value)}
              disabled={readOnly}
              aria-describedby={hintId}
              onChange={(event) => tick(choice.value, event.target.checked)}
            />
            <label htmlFor={boxId}>{choice.label}</label>
            {choice.hint !== undefined && (
              <p id={hintId} className="form-field__hint">
                {choice.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
