// "Wipe this practitioner's vault": deletes the profile and everything in it from this device, after
// the practitioner types WIPE. Other practitioners' profiles are untouched.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { VaultSession } from "../../storage/vault-session";
import { ErrorSummary } from "../../ui/error-summary";
import { FormField } from "../../ui/form-field";
import { summaryErrors } from "../../ui/summary-errors";
import type { SectionProps } from "./section-props";

export const WIPE_WORD = "WIPE";

const wipeSchema = z.object({
  confirmation: z
    .string()
    .min(1, `Type ${WIPE_WORD} to confirm`)
    .refine((value) => value.trim() === WIPE_WORD, { message: `Type ${WIPE_WORD} in capital letters to confirm` }),
});
type WipeValues = z.infer<typeof wipeSchema>;

const FIELD_ORDER = ["confirmation"] as const;
const ID = "wipe";

export interface WipeSectionProps extends Omit<SectionProps, "iterations" | "onDone"> {
  session: VaultSession;
  onWiped: () => void;
}

export function WipeSection({ session, summaryActive, onAttempt, onWiped }: WipeSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [failures, setFailures] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<WipeValues>({
    resolver: zodResolver(wipeSchema),
    shouldFocusError: false,
    defaultValues: { confirmation: "" },
  });

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const onValid = async (): Promise<void> => {
    setFailure(null);
    try {
      await session.wipeVault();
    } catch {
      setFailure("The vault could not be wiped. Lock, unlock and try again.");
      setFailures((count) => count + 1);
      return;
    }
    onWiped();
  };

  const cancel = (): void => {
    reset();
    setFailure(null);
    setConfirming(false);
  };

  return (
    <section className="backup-section danger-zone" aria-labelledby={`${ID}-heading`}>
      <h2 id={`${ID}-heading`}>Wipe this practitioner&apos;s vault</h2>
      <p>
        Deletes this profile from this device: every case, assessment, referral pack and the activity record. Other
        practitioners on this device are not affected. This cannot be undone, so save a backup first if you may need the
        cases again.
      </p>
      {!confirming ? (
        <div className="button-row">
          <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
            Wipe this vault
          </button>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            onAttempt();
            return handleSubmit(onValid, () => setFailures((count) => count + 1))(event);
          }}
        >
          <h3 id={`${ID}-confirm-heading`} tabIndex={-1} ref={confirmHeading}>
            Are you sure you want to wipe {session.label}&apos;s vault?
          </h3>
          {summaryActive && (
            <ErrorSummary errors={summaryErrors(errors, FIELD_ORDER, ID)} focusKey={failures}>
              {failure !== null ? <p>{failure}</p> : undefined}
            </ErrorSummary>
          )}
          <FormField
            id={`${ID}-confirmation`}
            label={`Type ${WIPE_WORD} to confirm`}
            hint="Everything in this profile will be deleted from this device straight away."
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            error={errors.confirmation?.message}
            {...register("confirmation")}
          />
          <div className="button-row">
            <button type="submit" className="button button--warning" disabled={isSubmitting}>
              Permanently wipe this vault
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
