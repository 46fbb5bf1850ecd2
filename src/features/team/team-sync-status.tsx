// The team sync state in plain words under the header, on every screen after unlock once the device is
// in a team ("Synced 2 minutes ago", "3 changes waiting to send", "Offline — …"; removed by a manager,
// what was deleted and what stays). Mounting it starts sync for an enrolled device; app.tsx loads it
// lazily, so sync's code is not in the first download.
import { useEffect, useState } from "react";
import type { TeamSyncState } from "../../storage/sync/team-records-api";
import type { VaultSession } from "../../storage/vault-session";
import { conflictWords, keptCasesWords, refusedWords, removedCasesWords, syncStateWords } from "./sync-state-words";
import { controllerFor, type TeamSyncController } from "./team-sync-controller";
import "./team.css";

/** The words are re-read this often so "2 minutes ago" stays true. */
const REWORD_EVERY_MS = 30_000;

export interface TeamSyncStatusProps {
  controller: TeamSyncController;
  /** Opens the Team screen (where conflicts are settled). */
  onOpenTeam?: (() => void) | undefined;
}

export function TeamSyncStatus({ controller, onOpenTeam }: TeamSyncStatusProps) {
  const [state, setState] = useState<TeamSyncState | null>(controller.state);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const unsubscribe = controller.subscribe((next) => {
      setState(next);
      setNow(new Date());
    });
    // Sync starts here for an enrolled device; a failure to start leaves the line empty, never the app broken.
    controller.start().catch(() => undefined);
    const timer = setInterval(() => setNow(new Date()), REWORD_EVERY_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [controller]);
  const words = state === null ? null : syncStateWords(state, now);
  if (state === null || words === null) return null;
  const conflicts = state.membership === "approved" ? conflictWords(state.conflicts) : null;
  const refused = state.membership === "approved" ? refusedWords(state.refusedRecords) : null;
  // Removed by a manager: what went and what stays, under the announced line (not announced again).
  const removal = state.membership === "revoked" && state.removal !== null ? state.removal : null;
  const removedWords = removal === null ? null : [removedCasesWords(removal), keptCasesWords(removal)];
  return (
    <div className="team-sync-status">
      <p role="status" className="team-sync-status__words">
        <span className="visually-hidden">Team sync: </span>
        {words}
      </p>
      {refused !== null && <p className="team-sync-status__conflicts">{refused}.</p>}
      {removedWords !== null && removedWords.some((words) => words !== null) && (
        <p className="team-sync-status__conflicts">
          {removedWords.filter((words) => words !== null).join(" ")}{" "}
          {onOpenTeam !== undefined && (
            <button type="button" className="link-button" onClick={onOpenTeam}>
              What this means
            </button>
          )}
        </p>
      )}
      {conflicts !== null && (
        <p className="team-sync-status__conflicts">
          {conflicts}.{" "}
          {onOpenTeam !== undefined && (
            <button type="button" className="link-button" onClick={onOpenTeam}>
              See the changes
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** For app.tsx: the session's shared controller. */
export function SessionTeamSyncStatus({ session, onOpenTeam }: { session: VaultSession; onOpenTeam?: () => void }) {
  return <TeamSyncStatus controller={controllerFor(session)} onOpenTeam={onOpenTeam} />;
}
