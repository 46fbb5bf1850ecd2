// Shared by every form that shows a GOV.UK-style error summary.
import type { FieldErrors, FieldValues } from "react-hook-form";
import type { SummaryError } from "./error-summary";

export const PASSPHRASES_DIFFER = "The passphrases do not match";

/** Turns react-hook-form errors into summary rows, in the order the fields appear on screen. */
export function summaryErrors<T extends FieldValues>(
  errors: FieldErrors<T>,
  order: readonly (keyof T & string)[],
  idPrefix: string,
): SummaryError[] {
  return order.flatMap((name) => {
    const message = errors[name]?.message;
    return typeof message === "string" ? [{ fieldId: `${idPrefix}-${name}`, message }] : [];
  });
}
