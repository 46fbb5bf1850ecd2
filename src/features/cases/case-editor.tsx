// A case's identifying details, decrypted only while this editor is on screen and autosaved as typed.
import { useEffect, useState } from "react";
import type { VaultSession } from "../../storage/vault";
import { ScreenHeading } from "../../ui/screen-heading";
import { readCaseDetails, type CaseDetails } from "./case-details";
import { DeleteCase } from "./delete-case";
import { tabClaimGuard } from "./tab-claim-guard";
import { useCaseAutosave, type SaveStatus } from "./use-case-autosave";
import { useCaseClaim } from "./use-case-claim";

export interface CaseEditorProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
}

const STATUS_TEXT: Record<SaveStatus, string> = {
  idle: "",
  saving: "Saving…",
  saved: "Saved",
  failed: "Not saved yet. Your changes are kept on this screen and will be saved on the next change.",
};

type Loaded = { caseId: string; details: CaseDetails } | { caseId: string; error: string };

export function CaseEditor({ session, caseId, onClose }: CaseEditorProps) {
  const claim = useCaseClaim(tabClaimGuard(), caseId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const editable = claim.kind === "claimed" && loaded !== null && "details" in loaded;
  const autosave = useCaseAutosave(session, caseId, editable);

  useEffect(() => {
    let live = true;
    session.getCase(caseId).then(
      (record) => {
        if (live) setLoaded({ caseId, details: readCaseDetails(record.details) });
      },
      () => {
        if (live) setLoaded({ caseId, error: "This case could not be opened. It may have been deleted." });
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  const close = (): void => {
    void autosave.flush().finally(onClose);
  };

  if (loaded === null || loaded.caseId !== caseId || claim.kind === "claiming") {
    return <p role="status">Opening case…</p>;
  }
  if ("error" in loaded) {
    return (
      <div>
        <p role="alert">{loaded.error}</p>
        <button type="button" className="button" onClick={onClose}>
          Back to cases
        </button>
      </div>
    );
  }

  const details = loaded.details;
  const update = (change: Partial<CaseDetails>): void => {
    const next = { ...details, ...change };
    setLoaded({ caseId, details: next });
    autosave.schedule(next);
  };

  return (
    <div className="case-editor">
      <ScreenHeading>Case</ScreenHeading>
      {claim.kind === "refused" && (
        <div className="notice" role="alert">
          <p>{claim.message}</p>
          <p>You can read this case here, but not change it.</p>
        </div>
      )}
      <p className="save-status" aria-live="polite" role="status">
        {STATUS_TEXT[autosave.status]}
      </p>
      <div className="form-field">
        <label className="form-field__label" htmlFor="case-victim-name">
          Victim&apos;s name
        </label>
        <input
          id="case-victim-name"
          className="form-field__input"
          autoComplete="off"
          readOnly={!editable}
          value={details.victimName}
          onChange={(event) => update({ victimName: event.target.value })}
          onBlur={() => void autosave.flush()}
        />
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="case-notes">
          Notes
        </label>
        <textarea
          id="case-notes"
          className="form-field__textarea"
          rows={8}
          readOnly={!editable}
          value={details.notes}
          onChange={(event) => update({ notes: event.target.value })}
          onBlur={() => void autosave.flush()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={close}>
          Back to cases
        </button>
      </div>
      {editable && <DeleteCase session={session} caseId={caseId} beforeDelete={autosave.flush} onDeleted={onClose} />}
    </div>
  );
}
