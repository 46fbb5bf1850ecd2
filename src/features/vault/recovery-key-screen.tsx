// Shows a new profile's recovery key exactly once. The storage layer keeps no copy, so the
// practitioner must confirm they have stored it before the key leaves the screen for good.
import { useState } from "react";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import { RecoveryKeyConfirmation } from "./recovery-key-confirmation";
import { useVault } from "./vault-context";

const NOT_CONFIRMED = "Confirm that you have stored the recovery key";

export function RecoveryKeyScreen() {
  const { recoveryKey, acknowledgeRecoveryKey } = useVault();
  const [stored, setStored] = useState(false);
  const [failures, setFailures] = useState(0);
  const showError = failures > 0 && !stored;

  return (
    <form
      className="vault-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (stored) acknowledgeRecoveryKey();
        else setFailures((count) => count + 1);
      }}
    >
      <ScreenHeading>Your recovery key</ScreenHeading>
      <ErrorSummary
        errors={showError ? [{ fieldId: "recovery-stored", message: NOT_CONFIRMED }] : []}
        focusKey={failures}
      />
      <p>
        If you forget your passphrase, this key is the only way to get back into your cases. Write it down and give it
        to your agency&apos;s safe keeping. <strong>It is shown once</strong> and cannot be shown again.
      </p>
      <RecoveryKeyConfirmation
        recoveryKey={recoveryKey ?? ""}
        keyLabel="Recovery key"
        checkboxId="recovery-stored"
        checkboxLabel="I have stored the recovery key"
        stored={stored}
        onStoredChange={setStored}
        error={showError ? NOT_CONFIRMED : null}
      />
      <button type="submit" className="button">
        Continue
      </button>
    </form>
  );
}
