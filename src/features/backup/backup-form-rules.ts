// Form rules for the backup screen. (Kept here rather than shared with the vault feature: features
// may not import each other.)
import { z } from "zod";
import type { FieldErrors, FieldValues } from "react-hook-form";
import type { SummaryError } from "../../ui/error-summary";
import { MAX_PASSPHRASE_LENGTH } from "../../storage/vault";

/**
 * Longer than the storage layer's floor (8): a backup file can be copied anywhere, so its
 * passphrase is the only thing protecting every case in it.
 */
export const MIN_FILE_PASSPHRASE_LENGTH = 12;

export const PASSPHRASES_DIFFER = "The passphrases do not match";

export const filePassphraseSchema = z
  .string()
  .min(1, "Enter a passphrase for the file")
  .refine((value) => [...value.normalize("NFC")].length >= MIN_FILE_PASSPHRASE_LENGTH, {
    message: `The passphrase must be at least ${MIN_FILE_PASSPHRASE_LENGTH} characters`,
  })
  .max(MAX_PASSPHRASE_LENGTH, `The passphrase must be ${MAX_PASSPHRASE_LENGTH} characters or fewer`);

export const confirmPassphraseSchema = z.string().min(1, "Enter the passphrase again");

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

/** First 8 characters of a case id: enough to tell cases apart on screen, and identifies no one. */
export function shortId(id: string): string {
  return id.replace(/-/g, "").slice(0, 8).toUpperCase();
}

export const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
