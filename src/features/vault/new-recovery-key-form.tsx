// "Get a new recovery key" for the unlocked profile. The set-up screen shows the key once; if the
// practitioner never stored it (the tablet locked itself while it was on screen, or the paper is
// lost), this issues a fresh one after the current passphrase is confirmed. The old key stops
// working at that moment, so a lost copy can no longer open the vault.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { VaultSession } from "../../storage/vault-session";
import { ErrorSummary } from "../../ui/error-summary";
import { summaryErrors } from "../../ui/summary-errors";
import { CurrentPassphraseForm } from "./current-passphrase-form";
import { currentPassphraseRefusal } from "./passphrase-rules";
import { RecoveryKeyConfirmation } from "./recovery-key-confirmation";
import { RECOVERY_KEY_CONFIRMED_SETTING } from "./recovery-key-setting";

const schema = z.object({ currentPassphrase: z.string().min(1, "Enter your current passphrase") });
type Values = z.infer<typeof schema>;
const FIELD_ORDER = ["currentPassphrase"] as const;
const ID = "new-recovery-key";
const NOT_CONFIRMED = "Confirm that you have stored the new recovery key";

export interface NewRecoveryKeyFormProps {
  session: VaultSession;
  /** Called once the practitioner confirms the new key is stored. */
  onConfirmed?: () => void;
}

export function NewRecoveryKeyForm({ session, onConfirmed }: NewRecoveryKeyFormProps) {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [stored, setStored] = useState(false);
  const [failures, setFailures] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmFailures, setConfirmFailures] = useState(0);
  const [status, setStatus] = useState("");
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    shouldFocusError: false,
    defaultValues: { currentPassphrase: "" },
  });

  const onValid = async ({ currentPassphrase }: Values): Promise<void> => {
    setFailure(null);
    setStatus("");
    try {
      const key = await session.regenerateRecoveryKey(currentPassphrase);
      reset();
      setStored(false);
      setRecoveryKey(key);
      await session.setSetting(RECOVERY_KEY_CONFIRMED_SETTING, false, { sensitive: false });
    } catch (error) {
      reset();
      const refusal = currentPassphraseRefusal(error);
      if (refusal) {
        setError("currentPassphrase", { message: refusal.fieldMessage });
        if (refusal.wait !== null) setFailure(refusal.wait);
      } else {
        setFailure("A new recovery key could not be made. Your existing recovery key still works.");
      }
      setFailures((count) => count + 1);
    }
  };

  if (recoveryKey !== null) {
    const showError = confirmFailures > 0 && !stored;
    return (
      <section className="vault-form" aria-labelledby={`${ID}-heading`}>
        <h2 id={`${ID}-heading`}>Your new recovery key</h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!stored) {
              setConfirmFailures((count) => count + 1);
              return;
            }
            void session.setSetting(RECOVERY_KEY_CONFIRMED_SETTING, true, { sensitive: false }).then(
              () => {
                setRecoveryKey(null);
                setStatus("New recovery key stored. The old one no longer works.");
                onConfirmed?.();
              },
              () => setFailure("Your confirmation could not be saved. Try again."),
            );
          }}
        >
          <ErrorSummary
            errors={showError ? [{ fieldId: `${ID}-stored`, message: NOT_CONFIRMED }] : []}
            focusKey={confirmFailures}
          >
            {failure !== null ? <p>{failure}</p> : undefined}
          </ErrorSummary>
          <p>
            Write it down and give it to your agency&apos;s safe keeping.{" "}
            <strong>Your old recovery key no longer works.</strong> This key is shown only now.
          </p>
          <RecoveryKeyConfirmation
            recoveryKey={recoveryKey}
            keyLabel="New recovery key"
            checkboxId={`${ID}-stored`}
            checkboxLabel="I have stored the new recovery key"
            stored={stored}
            onStoredChange={setStored}
            error={showError ? NOT_CONFIRMED : null}
          />
          <button type="submit" className="button">
            Done
          </button>
        </form>
      </section>
    );
  }

  return (
    <CurrentPassphraseForm
      id={ID}
      heading="Get a new recovery key"
      intro={
        <p>
          Do this if your recovery key is lost or was never written down. Your current recovery key will stop working,
          and the new one is shown once.
        </p>
      }
      onSubmit={handleSubmit(onValid, () => setFailures((count) => count + 1))}
      errors={summaryErrors(errors, FIELD_ORDER, ID)}
      focusKey={failures}
      failure={failure}
      currentPassphrase={register("currentPassphrase")}
      currentPassphraseError={errors.currentPassphrase?.message}
      submitLabel="Get a new recovery key"
      busyLabel="Making a new recovery key…"
      busy={isSubmitting}
      status={status}
    />
  );
}
