// The profile's cases from clear summary fields only: nothing is decrypted to draw this list.
import { useEffect, useState } from "react";
import type { CaseSummary, VaultSession } from "../../storage/vault";
import { ScreenHeading } from "../../ui/screen-heading";

export interface CaseListProps {
  session: VaultSession;
  onOpen: (caseId: string) => void;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Numbered oldest-first so each button has a distinct accessible name even for same-minute cases. */
function describe(summary: CaseSummary, number: number): string {
  return `Case ${number}, started ${dateTime.format(new Date(summary.createdAt))}`;
}

export function CaseList({ session, onOpen }: CaseListProps) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let live = true;
    session.listCaseSummaries().then(
      (list) => {
        if (live) setCases(list);
      },
      () => {
        if (live) setError("Your cases could not be listed. Lock and unlock to try again.");
      },
    );
    return () => {
      live = false;
    };
  }, [session]);

  const createCase = async (): Promise<void> => {
    setCreating(true);
    try {
      const created = await session.saveCase({ details: { victimName: "", notes: "" } });
      onOpen(created.id);
    } catch {
      setError("A new case could not be created. Try again.");
      setCreating(false);
    }
  };

  return (
    <div className="case-list">
      <ScreenHeading>Your cases</ScreenHeading>
      {error !== null && <p role="alert">{error}</p>}
      <div className="button-row">
        <button type="button" className="button" disabled={creating} onClick={() => void createCase()}>
          New case
        </button>
      </div>
      {cases === null ? (
        <p role="status">Loading cases…</p>
      ) : cases.length === 0 ? (
        <p>You have no cases on this device yet.</p>
      ) : (
        <ul className="case-list__items">
          {cases.map((summary, index) => (
            <li key={summary.id} className="case-list__item">
              <button type="button" className="case-list__open" onClick={() => onOpen(summary.id)}>
                {describe(summary, cases.length - index)}
              </button>
              <span className="case-list__meta">
                Last changed {dateTime.format(new Date(summary.updatedAt))}
                {summary.status === "closed" ? " · closed" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
