// What the lazily loaded estimator (passphrase-strength-engine.ts) offers the light half (passphrase-strength.ts).

export interface Strength {
  /** 0 (trivial) to 4 (strong). */
  score: number;
  /** zxcvbn's plain-English warning, e.g. "This is similar to a commonly used password." */
  warning: string | null;
  suggestions: string[];
}

export interface StrengthEngine {
  check(passphrase: string, userInputs?: readonly string[]): Strength;
  /** The words suggestions are drawn from. */
  words: readonly string[];
}
