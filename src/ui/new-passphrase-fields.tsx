// A new passphrase and its confirmation, for react-hook-form's register(): two password boxes and a
// button that fills both with a random four-word suggestion. Whether the two match, and whether the
// passphrase is hard enough to guess, are the form's rules (its schema puts PASSPHRASES_DIFFER on the
// confirmation, and refuseGuessable() on the passphrase); errors show under each box.
// Autocomplete is "off" (FormField's default): password managers on a shared tablet would offer one
// practitioner's passphrase to the next person who picks it up (docs/decisions.md).
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "./form-field";
import { loadStrengthEngine, STRENGTH_UNCHECKED, suggestPassphrase } from "./passphrase-strength";

export interface NewPassphraseFieldsProps {
  /** The boxes' ids are `${idPrefix}-${name}`, as summaryErrors() links them. */
  idPrefix: string;
  label: string;
  hint: ReactNode;
  confirmLabel: string;
  passphrase: UseFormRegisterReturn;
  confirmation: UseFormRegisterReturn;
  error: string | undefined;
  confirmError: string | undefined;
}

/** Put `value` in a registered box the way typing would, so react-hook-form sees (and re-checks) it. */
function fill(box: HTMLInputElement | null, field: UseFormRegisterReturn, value: string): void {
  if (box === null) return;
  box.value = value;
  void field.onChange({ target: box, type: "change" });
}

export function NewPassphraseFields({
  idPrefix,
  label,
  hint,
  confirmLabel,
  passphrase,
  confirmation,
  error,
  confirmError,
}: NewPassphraseFieldsProps) {
  const first = useRef<HTMLInputElement | null>(null);
  const second = useRef<HTMLInputElement | null>(null);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // A form reset (after the passphrase is used) takes the suggestion off the screen too.
    const form = first.current?.form;
    const clear = (): void => setSuggestion(null);
    form?.addEventListener("reset", clear);
    return () => form?.removeEventListener("reset", clear);
  }, []);

  const suggest = async (): Promise<void> => {
    try {
      const words = suggestPassphrase((await loadStrengthEngine()).words);
      fill(first.current, passphrase, words);
      fill(second.current, confirmation, words);
      setProblem(null);
      setSuggestion(words);
    } catch {
      setProblem(STRENGTH_UNCHECKED);
    }
  };

  // Fetch the estimator once the practitioner starts on the passphrase, so the check on submit does not
  // wait for it, and a screen where nobody touches these boxes never loads it.
  const preload = (): void => {
    loadStrengthEngine().catch(() => undefined);
  };
  const suggestionId = `${idPrefix}-suggestion`;
  return (
    <>
      <FormField
        id={`${idPrefix}-${passphrase.name}`}
        label={label}
        hint={hint}
        type="password"
        error={error}
        onFocus={preload}
        {...passphrase}
        ref={(box) => {
          first.current = box;
          passphrase.ref(box);
        }}
        onChange={(event) => {
          if (event.target.value !== suggestion) setSuggestion(null);
          return passphrase.onChange(event);
        }}
      />
      <FormField
        id={`${idPrefix}-${confirmation.name}`}
        label={confirmLabel}
        type="password"
        error={confirmError}
        onFocus={preload}
        {...confirmation}
        ref={(box) => {
          second.current = box;
          confirmation.ref(box);
        }}
      />
      <div className="form-field passphrase-suggestion">
        <button type="button" className="button button--secondary" onClick={() => void suggest()}>
          Suggest a passphrase
        </button>
        {/* Announced politely; not role="status", which the forms around it keep for their own outcome. */}
        <p id={suggestionId} aria-live="polite" className="passphrase-suggestion__words">
          {suggestion !== null && (
            <>
              Suggested passphrase, now in both boxes: <strong lang="en">{suggestion}</strong>. Learn it, or write it
              down and keep it away from this device.
            </>
          )}
          {problem}
        </p>
      </div>
    </>
  );
}
