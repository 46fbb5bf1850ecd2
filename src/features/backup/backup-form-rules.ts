// Form rules for the backup screen. A file's passphrase rules are its own (it protects a copy
// that can travel anywhere); the error-summary helper is shared from src/ui.
import { z } from "zod";
import { MAX_PASSPHRASE_LENGTH } from "../../storage/profile-rules";
import { refuseGuessable } from "../../ui/passphrase-strength";

/**
 * Longer than the storage layer's floor (8): a backup file can be copied anywhere, so its
 * passphrase is the only thing protecting every case in it. For the same reason it must pass the
 * same guessability check as a vault passphrase (zxcvbn-ts, loaded only on this screen).
 */
export const MIN_FILE_PASSPHRASE_LENGTH = 12;

export const filePassphraseSchema = z
  .string()
  .min(1, "Enter a passphrase for the file")
  .refine((value) => [...value.normalize("NFC")].length >= MIN_FILE_PASSPHRASE_LENGTH, {
    message: `The passphrase must be at least ${MIN_FILE_PASSPHRASE_LENGTH} characters`,
  })
  .max(MAX_PASSPHRASE_LENGTH, `The passphrase must be ${MAX_PASSPHRASE_LENGTH} characters or fewer`)
  .superRefine(refuseGuessable(MIN_FILE_PASSPHRASE_LENGTH));

export const confirmPassphraseSchema = z.string().min(1, "Enter the passphrase again");

/** What the summary says when making a file fails: the reason when there is one, else "Try again." */
export function failureText(what: string, error: unknown): string {
  return error instanceof Error ? `${what} ${error.message}` : `${what} Try again.`;
}

/** First 8 characters of a case id: enough to tell cases apart on screen, and identifies no one. */
export function shortId(id: string): string {
  return id.replace(/-/g, "").slice(0, 8).toUpperCase();
}

export const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
