// A controlled radio group: a fieldset whose legend is the question. The fieldset carries the id
// (and takes focus from the error summary's link); a follow-up question can sit inside it.
import { Fragment, type ReactNode } from "react";
import type { Choice } from "./choice";
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface RadiosProps<Value extends string> extends ControlledFieldProps {
  choices: readonly Choice<Value>[];
  value: Value | undefined;
  onChange: (value: Value) => void;
  /** Shown after the radios, for a follow-up question that belongs to the choice. */
  children?: ReactNode;
  /** Another class on the fieldset, for example "question" for a rule under each question. */
  className?: string | undefined;
  /**
   * False when the error summary's link lands on a radio (a choice whose id is the field id) rather
   * than on the group: the fieldset then has no id, so the two never clash.
   */
  idOnGroup?: boolean | undefined;
}

/** The id a hinted radio needs for its hint's id: its own, else one made from the group's. */
function radioId<Value extends string>(groupId: string, choice: Choice<Value>): string | undefined {
  if (choice.id !== undefined) return choice.id;
  return choice.hint === undefined ? undefined : `${groupId}-${choice.value}`;
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
  className,
  idOnGroup = true,
}: RadiosProps<Value>) {
  return (
    <fieldset
      className={fieldClass(error, ` case-choices${className === undefined ? "" : ` ${className}`}`)}
      id={idOnGroup ? id : undefined}
      tabIndex={idOnGroup ? -1 : undefined}
      aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
    >
      <legend className="form-field__label">{label}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="case-choices__items">
        {choices.map((choice) => {
          const ownId = radioId(id, choice);
          const hintId = choice.hint === undefined ? undefined : `${ownId}-hint`;
          const radio = (
            <label key={choice.value} className="case-choices__item">
              <input
                id={ownId}
                type="radio"
                // The browser's saved page state would otherwise record which answer is chosen.
                autoComplete="off"
                name={id}
                value={choice.value}
                checked={value === choice.value}
                disabled={readOnly}
                aria-describedby={hintId}
                onChange={() => onChange(choice.value)}
              />
              <span>{choice.label}</span>
            </label>
          );
          // The hint sits outside the label, so the radio's name stays the choice alone.
          return choice.hint === undefined ? (
            radio
          ) : (
            <Fragment key={choice.value}>
              {radio}
              <span id={hintId} className="form-field__hint case-choices__hint">
                {choice.hint}
              </span>
            </Fragment>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
