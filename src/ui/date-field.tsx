// The GOV.UK date input: day, month and year boxes in a fieldset, kept as typed (a DateEntry) so
// a half-typed or impossible date is never lost or silently changed.
import type { DateEntry } from "../domain/case-record/case-details";
import { describedBy, fieldClass, FieldMessages, type ControlledFieldProps } from "./form-field";

export interface DateFieldProps extends ControlledFieldProps {
  entry: DateEntry;
  onChange: (entry: DateEntry) => void;
}

const DATE_PARTS = [
  { part: "day", label: "Day", width: "case-date__day" },
  { part: "month", label: "Month", width: "case-date__month" },
  { part: "year", label: "Year", width: "case-date__year" },
] as const;

/** The id names the group; the boxes are `${id}-day`, `-month`, `-year`. */
export function DateField({ id, label, hint, error, readOnly = false, entry, onChange }: DateFieldProps) {
  const hintText = hint ?? "For example, 27 3 1985";
  return (
    <fieldset className={fieldClass(error, " case-date")} aria-describedby={describedBy(id, true, error !== undefined)}>
      <legend className="form-field__label">{label}</legend>
      <FieldMessages id={id} hint={hintText} error={error} />
      <div className="case-date__boxes">
        {DATE_PARTS.map(({ part, label: partLabel, width }) => (
          <div key={part} className="case-date__box">
            <label className="case-date__label" htmlFor={`${id}-${part}`}>
              {partLabel}
            </label>
            <input
              id={`${id}-${part}`}
              className={`form-field__input ${width}`}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              readOnly={readOnly}
              value={entry[part]}
              aria-invalid={error === undefined ? undefined : true}
              onChange={(event) => onChange({ ...entry, [part]: event.target.value })}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
