// How hard a new passphrase is to guess, estimated by zxcvbn-ts, and a random suggestion from a
// word list. The estimator and its dictionaries load on demand (loadStrengthEngine), so only the
// screens that set a passphrase fetch them; everything here is light.
import type { z } from "zod";
import type { Strength, StrengthEngine } from "./passphrase-strength-types";

export type { Strength, StrengthEngine };

/**
 * zxcvbn's score (0–4) a new passphrase must reach. 4 means about 10^10 guesses or more: at the
 * vault's PBKDF2 cost a stolen tablet then holds out for months against one GPU, where 3 (10^8) lets
 * through "Summer2024!!" and "Liverpool2023!", cracked within a day. See docs/decisions.md.
 */
export const MIN_PASSPHRASE_SCORE = 4;

/** Words any passphrase for this app should not lean on. */
export const APP_WORDS = ["safe", "referral", "safereferral", "safe referral", "marac", "dash", "idva"] as const;

export const WORDS_IN_SUGGESTION = 4;

let loading: Promise<StrengthEngine> | null = null;

/** Fetch (once) and return the estimator. A failed fetch is tried again on the next call. */
export function loadStrengthEngine(): Promise<StrengthEngine> {
  if (loading === null) {
    loading = import("./passphrase-strength-engine").then((module) => module.engine);
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

export const STRENGTH_UNCHECKED = "The passphrase's strength could not be checked. Reload the page and try again.";

/** Why a passphrase is refused, in plain English, or null when it is hard enough to guess. */
export function weakness(strength: Strength): string | null {
  if (strength.score >= MIN_PASSPHRASE_SCORE) return null;
  const advice = strength.suggestions.length > 0 ? strength.suggestions : ["Add more words that are less common."];
  return [
    "This passphrase is too easy to guess.",
    ...(strength.warning ? [strength.warning] : []),
    ...advice,
    "Or use a suggested passphrase.",
  ].join(" ");
}

/**
 * The check as a zod refinement, for the schema of a new passphrase (run it with parseAsync, as
 * zodResolver does). Passphrases shorter than `minLength` are left to the length rule. Refuses when
 * the estimator cannot load: a passphrase is never accepted unchecked.
 */
export function refuseGuessable(minLength: number, userInputs: readonly string[] = APP_WORDS) {
  return async (value: string, context: z.RefinementCtx<string>): Promise<void> => {
    if ([...value.normalize("NFC")].length < minLength) return;
    let reason: string | null;
    try {
      const engine = await loadStrengthEngine();
      reason = weakness(engine.check(value, userInputs));
    } catch {
      reason = STRENGTH_UNCHECKED;
    }
    if (reason !== null) context.addIssue({ code: "custom", message: reason });
  };
}

/** An unbiased random index below `size` (rejection sampling over 32-bit values). */
export function randomIndex(
  size: number,
  fill: (buffer: Uint32Array) => void = (buffer) => crypto.getRandomValues(buffer),
): number {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 32) throw new RangeError(`Bad size ${size}`);
  // The largest multiple of size that fits in 32 bits: values at or above it would favour low indexes.
  const limit = Math.floor(2 ** 32 / size) * size;
  const buffer = new Uint32Array(1);
  for (;;) {
    fill(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % size;
  }
}

/** `count` words drawn independently and uniformly from `words`, joined by spaces. */
export function suggestPassphrase(
  words: readonly string[],
  count = WORDS_IN_SUGGESTION,
  fill?: (buffer: Uint32Array) => void,
): string {
  return Array.from({ length: count }, () => words[randomIndex(words.length, fill)]).join(" ");
}
