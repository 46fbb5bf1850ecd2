// What a device in a team shows about itself: waiting for approval (its numbers, large, to read to the
// manager), removed from the team, and — approved — the team key's numbers to check against the
// manager's screen (the first sight of the team key is checked too: docs/decisions.md §16).
import { useId, useState } from "react";
import { ScreenHeading } from "../../ui/screen-heading";
import { FingerprintDigits } from "./fingerprint-digits";

export function WaitingForApproval({
  fingerprint,
  onCheckAgain,
}: {
  fingerprint: string;
  onCheckAgain: () => Promise<void>;
}) {
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState("");
  const check = async (): Promise<void> => {
    setChecking(true);
    setChecked("");
    try {
      await onCheckAgain();
      setChecked("Checked: still waiting for your manager.");
    } catch {
      setChecked("The team server could not be asked. Try again in a moment.");
    } finally {
      setChecking(false);
    }
  };
  return (
    <>
      <ScreenHeading>Waiting for your manager to approve this device</ScreenHeading>
      <p>Read these numbers to your manager. They compare them with the numbers on their screen.</p>
      <FingerprintDigits fingerprint={fingerprint} label="This device's numbers" />
      <div className="notice">
        <p>
          Your manager approves this device only if every number matches. If the numbers on their screen are different,
          stop: someone may be trying to join in this device's place. Tell your manager.
        </p>
      </div>
      <p>
        You can go on using Safe Referral on this device. Cases you record now are sent to the team once this device is
        approved.
      </p>
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

export function RemovedFromTeam({ onLeave }: { onLeave: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <ScreenHeading>This device has been removed from the team</ScreenHeading>
      <p>
        A manager removed this device from your team, for example because it was reported lost or its user left. The
        team server now refuses it, so nothing more is sent to or received from the team.
      </p>
      <p>
        This device has stopped syncing and has cleared what it kept for syncing: changes that were waiting to be sent
        and the team's keys to cases. The cases saved in Safe Referral on this device stay here.
      </p>
      <p>Ask your manager if you think this is a mistake.</p>
      {confirming ? (
        <div className="notice" role="region" aria-label="Leave the team on this device">
          <p>
            Leaving removes this device's team keys and any changes not yet sent. Your cases on this device stay. You
            can then join a team again with a new code.
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
      )}
    </>
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
