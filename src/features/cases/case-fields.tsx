// The building blocks of the case question pages: labelled text boxes, radios, a select, the
// GOV.UK three-box date and the "never share" tick. Each shows its inline error and is read-only
// (or disabled, for radios and ticks) when another tab holds the case.
import type { ReactNode } from "react";
import type { DateEntry } from "../../domain/case-record/case-details";
import { describedBy, FieldMessages } from "../../ui/form-field";

interface BaseProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  readOnly: boolean;
}

function fieldClass(error: string | undefined, extra = ""): string {
  return `form-field${extra}${error === undefined ? "" : " form-field--error"}`;
}

export interface TextFieldProps extends BaseProps {
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
  readOnly,
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

export interface TextAreaProps extends BaseProps {
  value: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextArea({ id, label, hint, error, readOnly, value, onChange, rows = 4 }: TextAreaProps) {
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

export interface Choice<Value extends string> {
  value: Value;
  label: string;
}

export interface RadiosProps<Value extends string> extends BaseProps {
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
  readOnly,
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
              type="radio"
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

export const ANSWER_CHOICES = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "not-known", label: "Not known" },
] as const;

export interface SelectFieldProps<Value extends string> extends BaseProps {
  choices: readonly Choice<Value>[];
  value: Value | undefined;
  onChange: (value: Value | undefined) => void;
}

export function SelectField<Value extends string>({
  id,
  label,
  hint,
  error,
  readOnly,
  choices,
  value,
  onChange,
}: SelectFieldProps<Value>) {
  return (
    <div className={fieldClass(error)}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        className="form-field__select"
        disabled={readOnly}
        value={value ?? ""}
        aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
        onChange={(event) => {
          const chosen = choices.find((choice) => choice.value === event.target.value);
          onChange(chosen?.value);
        }}
      >
        <option value="">Not recorded</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface DateFieldProps extends BaseProps {
  entry: DateEntry;
  onChange: (entry: DateEntry) => void;
}

const DATE_PARTS = [
  { part: "day", label: "Day", width: "case-date__day" },
  { part: "month", label: "Month", width: "case-date__month" },
  { part: "year", label: "Year", width: "case-date__year" },
] as const;

/** GOV.UK date input: the id names the group; the boxes are `${id}-day`, `-month`, `-year`. */
export function DateField({ id, label, hint, error, readOnly, entry, onChange }: DateFieldProps) {
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

export interface NeverShareProps {
  id: string;
  /** What is withheld, as it reads in "Never share … with the person causing harm". */
  what: string;
  checked: boolean;
  readOnly: boolean;
  onChange: (withheld: boolean) => void;
}

/** The tick that keeps a detail out of every copy made for wider sharing. */
export function NeverShare({ id, what, checked, readOnly, onChange }: NeverShareProps) {
  return (
    <div className="case-never-share">
      <label className="case-never-share__label" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={readOnly}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>Never share {what} with the person causing harm</span>
      </label>
    </div>
  );
}
