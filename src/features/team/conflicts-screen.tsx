// "Changed on another device": the records changed both here and on another device before either
// knew, and for one of them both versions side by side (only the fields that differ, by their labels),
// to keep one. Nothing is lost until the practitioner chooses: both versions are kept.
import { useEffect, useState } from "react";
import { caseName, caseNumbers } from "../../domain/case-record/case-names";
import type { TeamCaseConflict, TeamConflictChoice } from "../../storage/sync/team-records-api";
import type { VaultSession } from "../../storage/vault-session";
import { BackLink } from "../../ui/back-link";
import { ScreenHeading } from "../../ui/screen-heading";
import { differingFields, RECORD_KIND_LABELS } from "./conflict-differences";
import { dayAndTime } from "./sync-state-words";
import type { TeamSyncController } from "./team-sync-controller";

export interface ConflictsScreenProps {
  controller: TeamSyncController;
  session: VaultSession;
  onBack: () => void;
}

type Loaded = { status: "loading" } | { status: "failed" } | { status: "ready"; conflicts: TeamCaseConflict[] };

function ConflictVersions({ conflict }: { conflict: TeamCaseConflict }) {
  const differences = differingFields(conflict.mine, conflict.theirs);
  const other = conflict.theirs.fromManager ? "Your manager's version" : "The other device's version";
  if (differences.length === 0)
    return <p>The two versions record the same things; only when they were saved differs.</p>;
  return (
    <div className="conflict-versions">
      <section aria-labelledby="conflict-mine">
        <h2 id="conflict-mine">This device's version</h2>
        <p>Saved {dayAndTime(conflict.mine.savedAt)}</p>
        <dl className="summary-list">
          {differences.map((difference, index) => (
            <div className="summary-list__row" key={index}>
              <dt>{difference.label}</dt>
              <dd>{difference.mine}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="conflict-theirs">
        <h2 id="conflict-theirs">{other}</h2>
        <p>Saved {dayAndTime(conflict.theirs.savedAt)}</p>
        <dl className="summary-list">
          {differences.map((difference, index) => (
            <div className="summary-list__row" key={index}>
              <dt>{difference.label}</dt>
              <dd>{difference.theirs}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

export function ConflictsScreen({ controller, session, onBack }: ConflictsScreenProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [names, setNames] = useState<Map<string, number>>(new Map());
  const [open, setOpen] = useState<TeamCaseConflict | null>(null);
  const [done, setDone] = useState("");
  const [failed, setFailed] = useState("");

  // Bumped to read the list again after a choice.
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([controller.listConflicts(), session.listCaseSummaries()]).then(
      ([conflicts, cases]) => {
        if (!live) return;
        setNames(caseNumbers(cases));
        setLoaded({ status: "ready", conflicts });
      },
      () => {
        if (live) setLoaded({ status: "failed" });
      },
    );
    return () => {
      live = false;
    };
  }, [controller, session, reads]);

  const nameOf = (conflict: TeamCaseConflict): string => {
    const number = names.get(conflict.caseId);
    const kind = RECORD_KIND_LABELS[conflict.mine.kind];
    return number === undefined ? kind : `${caseName(number)}: ${kind.toLowerCase()}`;
  };

  const choose = async (conflict: TeamCaseConflict, choice: TeamConflictChoice): Promise<void> => {
    setFailed("");
    try {
      await controller.resolveConflict(conflict.id, choice);
      setDone(
        choice === "mine"
          ? `Kept this device's version of ${nameOf(conflict)}. It is sent to the team.`
          : `Kept the other device's version of ${nameOf(conflict)}.`,
      );
      setOpen(null);
      setReads((count) => count + 1);
    } catch {
      setFailed("That choice could not be saved. Both versions are still kept. Try again.");
    }
  };

  if (open !== null) {
    return (
      <>
        <BackLink onClick={() => setOpen(null)}>Back to the list of changes</BackLink>
        <ScreenHeading>{`Changed on another device: ${nameOf(open)}`}</ScreenHeading>
        <p>
          This was changed on this device and on another before either knew. Both versions are kept until you choose
          one. The fields that differ:
        </p>
        <ConflictVersions conflict={open} />
        {failed !== "" && <p role="alert">{failed}</p>}
        <div className="button-row">
          <button type="button" className="button" onClick={() => void choose(open, "mine")}>
            Keep this device's version
          </button>
          <button type="button" className="button button--secondary" onClick={() => void choose(open, "theirs")}>
            Keep the other device's version
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <BackLink onClick={onBack}>Back to your team</BackLink>
      <ScreenHeading>Changed on another device</ScreenHeading>
      <p role="status" className="save-status">
        {done}
      </p>
      {loaded.status === "loading" ? (
        <p role="status">Reading the changes…</p>
      ) : loaded.status === "failed" ? (
        <p role="alert">The changes could not be read. Try again.</p>
      ) : loaded.conflicts.length === 0 ? (
        <p>Nothing is waiting: no record was changed here and on another device at the same time.</p>
      ) : (
        <ul className="list-plain">
          {loaded.conflicts.map((conflict) => (
            <li key={conflict.id}>
              <button type="button" className="link-button" onClick={() => setOpen(conflict)}>
                {nameOf(conflict)}
              </button>{" "}
              — found {dayAndTime(conflict.detectedAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
