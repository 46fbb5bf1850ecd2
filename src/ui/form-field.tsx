// The field kit's shared parts: hint and inline error wired up through aria-describedby, the
// GOV.UK error border, and FormField, a labelled input for react-hook-form's register().
import type { InputHTMLAttributes, ReactNode, Ref } from "react";

/** What every controlled field in the kit takes besides its value. */
export interface ControlledFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Read-only (disabled, for radios and selects), for example when another tab holds the case. */
  readOnly?: boolean;
}

/** The field wrapper's classes: the red left border appears with an error. */
export function fieldClass(error: string | undefined, extra = ""): string {
  return `form-field${extra}${error === undefined ? "" : " form-field--error"}`;
}

export interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((part) => part !== null);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={`${id}-error`} className="form-field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

/** The attributes that tie a text box to its hint and error, and mark it invalid while it has one. */
export function inputAria(id: string, hint: ReactNode, error: string | undefined) {
  return {
    "aria-invalid": error === undefined ? undefined : true,
    "aria-describedby": describedBy(id, hint !== undefined, error !== undefined),
  } as const;
}

export interface LabelledFieldProps {
  /** The control's id: the label points at it; the hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** The control itself (input, textarea or select), which sets its own aria-describedby. */
  children: ReactNode;
}

/** The wrapper every one-control field shares: error border, label, hint and inline error. */
export function LabelledField({ id, label, hint, error, children }: LabelledFieldProps) {
  return (
    <div className={fieldClass(error)}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/**
 * A labelled input for register(). Browsers keep what was typed in a control whose autocomplete is not
 * "off" (form history, and the session files that restore a tab), outside the encrypted vault, so
 * autocomplete is "off" unless the caller says otherwise.
 */
export function FormField({ id, label, hint, error, className, ref, autoComplete = "off", ...input }: FormFieldProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        ref={ref}
        className={`form-field__input${className ? ` ${className}` : ""}`}
        autoComplete={autoComplete}
        {...inputAria(id, hint, error)}
        {...input}
      />
    </LabelledField>
  );
}
