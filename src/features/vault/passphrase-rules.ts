// Form rules shared by the set-up, unlock, reset and change-passphrase screens.
import { z } from "zod";
import { UnlockThrottledError, WrongPassphraseError } from "../../storage/errors";
import { MAX_PASSPHRASE_LENGTH, MAX_PROFILE_LABEL_LENGTH } from "../../storage/profile-rules";
import { refuseGuessable } from "../../ui/passphrase-strength";

/**
 * Stricter than the storage layer's floor (8): on a shared tablet the passphrase is the only thing
 * between a lost device and victims' details, so screens ask for a longer one.
 */
export const MIN_SCREEN_PASSPHRASE_LENGTH = 12;

export const newPassphraseSchema = z
  .string()
  .min(1, "Enter a passphrase")
  .refine((value) => [...value.normalize("NFC")].length >= MIN_SCREEN_PASSPHRASE_LENGTH, {
    message: `Your passphrase must be at least ${MIN_SCREEN_PASSPHRASE_LENGTH} characters`,
  })
  .max(MAX_PASSPHRASE_LENGTH, `Your passphrase must be ${MAX_PASSPHRASE_LENGTH} characters or fewer`)
  // Length alone lets "password1234" through: zxcvbn refuses what is quick to guess, and says why.
  // Asynchronous (it loads the estimator on first use), so forms validate with parseAsync (zodResolver's default).
  .superRefine(refuseGuessable(MIN_SCREEN_PASSPHRASE_LENGTH));

/** The hint under every new-passphrase box. */
export const NEW_PASSPHRASE_HINT = `At least ${MIN_SCREEN_PASSPHRASE_LENGTH} characters, and hard to guess: four or more unrelated words work well.`;

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name, for example PC 1234 Smith")
  .max(MAX_PROFILE_LABEL_LENGTH, `Your name must be ${MAX_PROFILE_LABEL_LENGTH} characters or fewer`);

export function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}`;
}

export const WRONG_CURRENT_PASSPHRASE = "That passphrase is not right.";

/**
 * What to show when a form that re-asks for the current passphrase is refused: the message for the
 * field and, when a delay applies, the wait for the error summary. Null for any other failure.
 */
export function currentPassphraseRefusal(error: unknown): { fieldMessage: string; wait: string | null } | null {
  if (error instanceof WrongPassphraseError) {
    return {
      fieldMessage: WRONG_CURRENT_PASSPHRASE,
      wait: error.retryAfterMs > 0 ? `${waitMessage(error.retryAfterMs)}.` : null,
    };
  }
  if (error instanceof UnlockThrottledError) {
    return {
      fieldMessage: "Too many attempts with the wrong passphrase. Nothing has been deleted.",
      wait: `${waitMessage(error.retryAfterMs)}.`,
    };
  }
  return null;
}
