// Delete with a confirm step: deleting a case cannot be undone (the audit trail keeps only the fact).
import { useEffect, useRef, useState } from "react";
import type { VaultSession } from "../../storage/vault-session";

export interface DeleteCaseProps {
  session: VaultSession;
  caseId: string;
  /** Lets the editor finish its pending autosave first, so no late save races the delete. */
  beforeDelete: () => Promise<void>;
  onDeleted: () => void;
}

export function DeleteCase({ session, caseId, beforeDelete, onDeleted }: DeleteCaseProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const remove = async (): Promise<void> => {
    try {
      await beforeDelete().catch(() => undefined);
      await session.deleteCase(caseId);
      onDeleted();
    } catch {
      setError("The case could not be deleted. Try again.");
    }
  };

  if (!confirming) {
    return (
      <div className="danger-zone">
        <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
          Delete case
        </button>
      </div>
    );
  }
  return (
    <section className="danger-zone" aria-labelledby="delete-case-heading">
      <h2 id="delete-case-heading" tabIndex={-1} ref={confirmHeading}>
        Are you sure you want to delete this case?
      </h2>
      <p>The case and everything saved with it will be removed from this device. This cannot be undone.</p>
      {error !== null && <p role="alert">{error}</p>}
      <div className="button-row">
        <button type="button" className="button button--warning" onClick={() => void remove()}>
          Yes, delete this case
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
