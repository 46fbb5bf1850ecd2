// Unlock: choose a profile (when the device has several) and enter its passphrase. A wrong passphrase
// only ever costs time; the screen says so, so nobody panics that cases were wiped.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { UnlockThrottledError, WrongPassphraseError } from "../../storage/errors";
import { ErrorSummary } from "../../ui/error-summary";
import { FormField } from "../../ui/form-field";
import { ProfileSelect } from "../../ui/profile-select";
import { ScreenHeading } from "../../ui/screen-heading";
import { waitMessage } from "./passphrase-rules";
import { summaryErrors } from "../../ui/summary-errors";
import { useCountdown } from "./use-countdown";
import { useVault } from "./vault-context";

export const WRONG_PASSPHRASE = "That passphrase is not right. Nothing has been deleted.";

const unlockSchema = z.object({
  profileId: z.string().min(1, "Choose your profile"),
  passphrase: z.string().min(1, "Enter your passphrase"),
});
type UnlockValues = z.infer<typeof unlockSchema>;

/** When the next attempt may be made, as an epoch time; null = straight away. */
function retryDeadline(retryAfterMs: number): number | null {
  return retryAfterMs > 0 ? Date.now() + retryAfterMs : null;
}

export interface UnlockScreenProps {
  onAddPractitioner: () => void;
  onForgotPassphrase: (profileId: string) => void;
}

export function UnlockScreen({ onAddPractitioner, onForgotPassphrase }: UnlockScreenProps) {
  const { vault, profiles, lastProfileId, lockNotice, unlock } = useVault();
  const [failures, setFailures] = useState(0);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  // Fixed at the moment of failure: a live countdown inside an alert would be re-announced every tick.
  const [waitNotice, setWaitNotice] = useState<string | null>(null);
  const remainingMs = useCountdown(retryAt);
  const initialProfile = profiles.find((profile) => profile.id === lastProfileId)?.id ?? profiles[0]?.id ?? "";
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    control,
    formState: { errors, isSubmitting },
  } = useForm<UnlockValues>({
    resolver: zodResolver(unlockSchema),
    shouldFocusError: false,
    defaultValues: { profileId: initialProfile, passphrase: "" },
  });
  const profileId = useWatch({ control, name: "profileId" });

  // The delay after repeated failures survives reloads, so ask the vault when the profile changes.
  useEffect(() => {
    let current = true;
    if (profileId === "") return undefined;
    vault.unlockDelayMs(profileId).then(
      (delay) => {
        if (current) setRetryAt(retryDeadline(delay));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [vault, profileId]);

  const onValid = async (values: UnlockValues): Promise<void> => {
    try {
      await unlock(values.profileId, values.passphrase);
    } catch (error) {
      resetField("passphrase");
      const retryAfterMs =
        error instanceof WrongPassphraseError || error instanceof UnlockThrottledError ? error.retryAfterMs : 0;
      setWaitNotice(retryAfterMs > 0 ? `${waitMessage(retryAfterMs)}.` : null);
      if (error instanceof WrongPassphraseError) {
        setError("passphrase", { message: WRONG_PASSPHRASE });
        setRetryAt(retryDeadline(error.retryAfterMs));
      } else if (error instanceof UnlockThrottledError) {
        setError("passphrase", { message: "Too many attempts with the wrong passphrase. Nothing has been deleted." });
        setRetryAt(retryDeadline(error.retryAfterMs));
      } else {
        setError("passphrase", { message: error instanceof Error ? error.message : "Unlocking failed. Try again." });
      }
      setFailures((count) => count + 1);
    }
  };

  const waiting = remainingMs > 0;
  const chooseProfile = profiles.length > 1;
  const onlyProfile = profiles[0];
  return (
    <form className="vault-form" noValidate onSubmit={handleSubmit(onValid, () => setFailures((count) => count + 1))}>
      <ScreenHeading>Unlock Safe Referral</ScreenHeading>
      <ErrorSummary errors={summaryErrors(errors, ["profileId", "passphrase"], "unlock")} focusKey={failures}>
        {waitNotice !== null ? <p>{waitNotice}</p> : undefined}
      </ErrorSummary>
      {lockNotice !== null && <p className="notice">{lockNotice}</p>}
      {chooseProfile ? (
        <ProfileSelect
          id="unlock-profileId"
          label="Who is using this device?"
          profiles={profiles}
          error={errors.profileId?.message}
          field={register("profileId")}
        />
      ) : (
        onlyProfile && (
          <p className="profile-name">
            Profile: <strong>{onlyProfile.label}</strong>
          </p>
        )
      )}
      <FormField
        id="unlock-passphrase"
        label="Passphrase"
        type="password"
        error={errors.passphrase?.message}
        {...register("passphrase")}
      />
      <div className="button-row">
        <button
          type="submit"
          className="button"
          disabled={waiting || isSubmitting}
          aria-describedby={waiting ? "unlock-wait" : undefined}
        >
          {isSubmitting ? "Unlocking…" : "Unlock"}
        </button>
      </div>
      {waiting && (
        <p id="unlock-wait" className="form-field__hint">
          {waitMessage(remainingMs)}.
        </p>
      )}
      <ul className="link-list">
        <li>
          <button type="button" className="link-button" onClick={() => onForgotPassphrase(profileId)}>
            I have forgotten my passphrase
          </button>
        </li>
        <li>
          <button type="button" className="link-button" onClick={onAddPractitioner}>
            Add another practitioner on this device
          </button>
        </li>
      </ul>
    </form>
  );
}
