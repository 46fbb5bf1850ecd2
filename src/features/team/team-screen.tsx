// The Team screen (reached from Settings): join a team with a code; then, on this device, wait for a
// manager's approval with its numbers on screen; once in, the sync state, the team key's numbers, the
// records changed on another device, and — for a manager — approvals and codes.
import { useCallback, useEffect, useState } from "react";
import { fromBase64 } from "../../storage/bytes";
import { managerKeyFingerprint } from "../../storage/sync/fingerprint";
import type { TeamSyncState } from "../../storage/sync/team-records-api";
import type { DeviceIdentity } from "../../storage/sync/team-sync";
import type { VaultSession } from "../../storage/vault-session";
import { ScreenHeading } from "../../ui/screen-heading";
import { ConflictsScreen } from "./conflicts-screen";
import { CoordinatorPanel } from "./coordinator-panel";
import { RemovedFromTeam, TeamKeyNumbers, WaitingForApproval } from "./device-standing-views";
import { JoinTeamForm } from "./join-team-form";
import { ManagerPanel } from "./manager-panel";
import { conflictWords, refusedWords, syncStateWords } from "./sync-state-words";
import { controllerFor, type TeamSyncController } from "./team-sync-controller";
import "./team.css";

/** The team key's numbers from the server's answer (GET /api/team/manager-key), or null if none or unreachable. */
async function serverTeamKeyNumbers(controller: TeamSyncController): Promise<string | null> {
  try {
    const publicKey = (await (await controller.admin())?.getManagerKey())?.publicKey ?? null;
    return publicKey === null ? null : await managerKeyFingerprint(fromBase64(publicKey));
  } catch {
    return null;
  }
}

export interface TeamScreenProps {
  controller: TeamSyncController;
  session: VaultSession;
  /** Open on the list of records changed on another device. */
  initialView?: "team" | "conflicts";
}

type Loaded = { status: "loading" } | { status: "failed" } | { status: "ready"; identity: DeviceIdentity | null };

export function TeamScreen({ controller, session, initialView = "team" }: TeamScreenProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [state, setState] = useState<TeamSyncState | null>(controller.state);
  const [view, setView] = useState<"team" | "conflicts">(initialView);
  const [approving, setApproving] = useState(false);
  // The team key's numbers as the server gives them now, while this device has not kept (pinned) its own.
  const [serverTeamKey, setServerTeamKey] = useState<string | null>(null);
  const inTeam = loaded.status === "ready" && state?.membership === "approved";
  const pinned = loaded.status === "ready" ? (loaded.identity?.managerKey?.fingerprint ?? null) : null;

  const readIdentity = useCallback(async (): Promise<void> => {
    try {
      setLoaded({ status: "ready", identity: await controller.identity() });
    } catch {
      setLoaded({ status: "failed" });
    }
  }, [controller]);

  useEffect(() => {
    // The identity is read again on every change: the team key is pinned by the device's first sync.
    const unsubscribe = controller.subscribe((next) => {
      setState(next);
      void readIdentity();
    });
    // A device still waiting asks again as the screen opens: its manager may have just approved it.
    void controller
      .start()
      .then((started) => (started.membership === "awaiting-approval" ? controller.syncNow() : started))
      .catch(() => undefined)
      .then(readIdentity);
    return unsubscribe;
  }, [controller, readIdentity]);

  useEffect(() => {
    if (!inTeam || pinned !== null) return undefined;
    let live = true;
    void serverTeamKeyNumbers(controller).then((numbers) => {
      if (live) setServerTeamKey(numbers);
    });
    return () => {
      live = false;
    };
  }, [controller, inTeam, pinned]);

  if (loaded.status === "loading") return <p role="status">Reading this device's team…</p>;
  if (loaded.status === "failed") {
    return (
      <>
        <ScreenHeading>Team</ScreenHeading>
        <p role="alert">This device's team details could not be read. Lock Safe Referral and unlock it again.</p>
      </>
    );
  }
  const { identity } = loaded;
  if (!identity?.enrolment) {
    return <JoinTeamForm controller={controller} onJoined={() => void controller.refresh().then(readIdentity)} />;
  }
  if (state?.membership === "awaiting-approval" || state === null) {
    return (
      <WaitingForApproval
        fingerprint={identity.publicKeys.fingerprint}
        // Read as a string: the stored enrolment's type does not name "coordinator" yet (team-sync-controller.ts).
        approvedBy={(identity.enrolment.role as string) === "coordinator" ? "coordinator" : "manager"}
        onCheckAgain={async () => {
          await controller.syncNow();
        }}
      />
    );
  }
  if (state.membership === "revoked") {
    return (
      <RemovedFromTeam
        removal={state.removal}
        onLeave={async () => {
          await (await controller.teamSync()).leaveTeam();
          await controller.refresh();
          await readIdentity();
        }}
      />
    );
  }
  if (view === "conflicts") {
    return <ConflictsScreen controller={controller} session={session} onBack={() => setView("team")} />;
  }
  // Read as a string: the stored enrolment's type does not name "coordinator" yet (team-sync-controller.ts).
  if ((identity.enrolment.role as string) === "coordinator") {
    return <CoordinatorPanel controller={controller} syncWords={syncStateWords(state, new Date())} />;
  }
  const manager = identity.enrolment.role === "manager";
  const teamKey = pinned ?? serverTeamKey;
  const conflicts = conflictWords(state.conflicts);
  const refused = refusedWords(state.refusedRecords);
  return (
    <>
      {!approving && (
        <>
          <ScreenHeading>Your team</ScreenHeading>
          <p>
            This device is in your team as a {manager ? "manager" : "practitioner"}.{" "}
            {manager
              ? "You see every case your team records, and you approve the team's devices."
              : "Your cases are sent, encrypted, to your team, where your manager can review them."}
          </p>
          <p className="notice">{syncStateWords(state, new Date())}</p>
          {refused !== null && <p>{refused}.</p>}
          {conflicts !== null && (
            <div className="button-row">
              <p>{conflicts}.</p>
              <button type="button" className="button" onClick={() => setView("conflicts")}>
                See what changed on another device
              </button>
            </div>
          )}
          <TeamKeyNumbers fingerprint={teamKey} manager={manager} kept={pinned !== null} />
        </>
      )}
      {manager && <ManagerPanel controller={controller} teamKeyFingerprint={teamKey} onApproving={setApproving} />}
    </>
  );
}

/** For app.tsx: the Team screen on the session's shared controller. */
export function TeamSection({ session, initialView }: { session: VaultSession; initialView?: "team" | "conflicts" }) {
  return (
    <TeamScreen
      controller={controllerFor(session)}
      session={session}
      {...(initialView === undefined ? {} : { initialView })}
    />
  );
}
