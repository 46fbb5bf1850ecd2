// What a device in a team shows about itself: waiting for approval (its numbers, large, to read to the
// manager), removed from the team (what was deleted, what stays, what to do: docs/decisions.md §26), and —
// approved — the team key's numbers to check against the manager's screen (the first sight of the team
// key is checked too: docs/decisions.md §16).
import { useId, useState } from "react";
import type { TeamRemoval } from "../../storage/sync/team-records-api";
import { ScreenHeading } from "../../ui/screen-heading";
import { WarningText } from "../../ui/warning-text";
import { FingerprintDigits } from "./fingerprint-digits";
import { keptCasesWords, removedCasesWords } from "./sync-state-words";

/** Who approves a waiting device, in the waiting screen's words. */
const APPROVER_WORDS = {
  manager: {
    heading: "Waiting for your manager to approve this device",
    readTo: "Read these numbers to your manager. They compare them with the numbers on their screen.",
    approver: "Your manager",
    tell: "Tell your manager.",
    stillWaiting: "Checked: still waiting for your manager.",
    meanwhile:
      "You can go on using Safe Referral on this device. Cases you record now are sent to the team once this device is approved.",
  },
  coordinator: {
    heading: "Waiting for another coordinator to approve this device",
    readTo:
      "Read these numbers to a coordinator of your MARAC area whose device is already approved. They compare them with the numbers on their screen.",
    approver: "They",
    tell: "Tell them, and whoever runs the team server.",
    stillWaiting: "Checked: still waiting for another coordinator.",
    meanwhile: "Referrals sent to your area appear in the MARAC inbox on this device once it is approved.",
  },
} as const;

export function WaitingForApproval({
  fingerprint,
  onCheckAgain,
  approvedBy = "manager",
}: {
  fingerprint: string;
  onCheckAgain: () => Promise<void>;
  /** A coordinator's device is approved by another coordinator of its area, not a manager. */
  approvedBy?: keyof typeof APPROVER_WORDS;
}) {
  const words = APPROVER_WORDS[approvedBy];
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState("");
  const check = async (): Promise<void> => {
    setChecking(true);
    setChecked("");
    try {
      await onCheckAgain();
      setChecked(words.stillWaiting);
    } catch {
      setChecked("The team server could not be asked. Try again in a moment.");
    } finally {
      setChecking(false);
    }
  };
  return (
    <>
      <ScreenHeading>{words.heading}</ScreenHeading>
      <p>{words.readTo}</p>
      <FingerprintDigits fingerprint={fingerprint} label="This device's numbers" />
      <div className="notice">
        <p>
          {words.approver} approve{approvedBy === "manager" ? "s" : ""} this device only if every number matches. If the
          numbers on their screen are different, stop: someone may be trying to join in this device&apos;s place.{" "}
          {words.tell}
        </p>
      </div>
      <p>{words.meanwhile}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={checking} onClick={() => void check()}>
          Check again
        </button>
      </div>
      <p role="status" className="save-status">
        {checking ? "Checking…" : checked}
      </p>
    </>
  );
}

/**
 * A device the team server refuses as removed. Removed by a manager: what was deleted here, that what
 * the device already showed cannot be recalled, what stays and what to do. Unknown to the server: it
 * stopped syncing and nothing was deleted. Not a live region: the header's sync line announces it once.
 */
export function RemovedFromTeam({ removal, onLeave }: { removal: TeamRemoval | null; onLeave: () => Promise<void> }) {
  const unknown = removal?.reason === "unknown-to-server";
  return (
    <>
      <ScreenHeading>
        {unknown ? "The team server does not know this device" : "This device has been removed from the team"}
      </ScreenHeading>
      {unknown ? <UnknownToServer /> : <RemovedByManager removal={removal} />}
      <LeaveTeam onLeave={onLeave} />
    </>
  );
}

function RemovedByManager({ removal }: { removal: TeamRemoval | null }) {
  const bannerId = useId();
  const stillHereId = useId();
  const removed = removal === null ? null : removedCasesWords(removal);
  const kept = removal === null ? null : keptCasesWords(removal);
  return (
    <>
      <div className="notice" role="region" aria-labelledby={bannerId}>
        <h2 id={bannerId}>What happened</h2>
        <p>
          A manager removed this device from your team, for example because it was reported lost or its user left. The
          team server now refuses it, so nothing more is sent to or received from the team.
        </p>
        {removed !== null && <p>{removed}</p>}
        {(removal?.removedCases ?? 0) > 0 && (
          <p>The team still has these cases, and your manager can still read them.</p>
        )}
        <p>This device&apos;s keys for the team have been deleted, so it cannot open anything the team holds.</p>
      </div>
      <WarningText>
        What this device already showed, printed or exported cannot be recalled. If a case was printed, saved as a file
        or sent from this device, tell your manager.
      </WarningText>
      <section aria-labelledby={stillHereId}>
        <h2 id={stillHereId}>What is still on this device</h2>
        <p>
          {kept ?? "Nothing of the team's is left on this device. Cases never shared with a team are not affected."}
        </p>
        <p>Ask your manager if you think this device was removed by mistake.</p>
      </section>
    </>
  );
}

function UnknownToServer() {
  return (
    <>
      <p>
        The team server no longer recognises this device, so it has stopped syncing. This can happen if the
        server&apos;s records were lost or reset. It is not the same as a manager removing the device.
      </p>
      <p>Nothing has been deleted: every case on this device stays here.</p>
      <p>Ask your manager. They can give you a new code to join the team again.</p>
    </>
  );
}

function LeaveTeam({ onLeave }: { onLeave: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <div className="notice" role="region" aria-label="Leave the team on this device">
      <p>
        Leaving removes what this device keeps about the team. The cases still on this device stay. You can then join a
        team again with a new code.
      </p>
      <div className="button-row">
        <button type="button" className="button button--warning" onClick={() => void onLeave()}>
          Leave the team on this device
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  ) : (
    <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
      Leave the team on this device
    </button>
  );
}

/** The team key's numbers, or a line saying they come after the first sync. */
export function TeamKeyNumbers({
  fingerprint,
  manager,
  kept,
}: {
  fingerprint: string | null;
  manager: boolean;
  /** Whether these are the numbers this device kept at its first sync (else the server's answer now). */
  kept: boolean;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Team key numbers</h2>
      {fingerprint === null ? (
        <p>The team key's numbers cannot be shown yet: the team server could not be asked. Try again later.</p>
      ) : (
        <>
          <FingerprintDigits fingerprint={fingerprint} label="Team key numbers" />
          {!kept && <p>This device keeps these numbers when it first syncs with the team.</p>}
          <p>
            {manager
              ? "Every approved device in your team shows these same numbers. When you approve a device, ask its user to check them on its screen."
              : "Check with your manager that their screen shows these same numbers. If they differ, stop using team sync and tell your manager at once."}
          </p>
        </>
      )}
    </section>
  );
}
