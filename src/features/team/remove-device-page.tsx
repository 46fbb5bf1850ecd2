// A manager removes a device from the team (a lost tablet, a leaver): a confirm page that says plainly
// what removing does and what it cannot undo, then POST /api/devices/:id/revoke. The server refuses the
// device from then on; on its next contact the device stops syncing and clears what it synced. A MARAC
// coordinator removes another coordinator device of the area the same way, with the area's words.
import { useState } from "react";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncTransportError } from "../../storage/sync/transport";
import { ScreenHeading } from "../../ui/screen-heading";
import { WarningText } from "../../ui/warning-text";
import { dayMonthYearTime } from "./audit-words";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords, ROLE_LABELS, roleInSentence } from "./team-words";

export interface RemoveDevicePageProps {
  controller: TeamSyncController;
  device: TeamDevice;
  onRemoved: (device: TeamDevice) => void;
  onCancel: () => void;
}

function removalFailureWords(caught: unknown, inArea: boolean): string {
  const unit = inArea ? "area" : "team";
  if (caught instanceof SyncTransportError) {
    if (caught.code === "not-approved")
      return `That device has already been removed. Go back to see the ${unit}'s devices`;
    if (caught.code === "cannot-revoke-self") {
      return inArea
        ? "A coordinator cannot remove their own device. Ask another coordinator of the area"
        : "A manager cannot remove their own device. Ask another manager";
    }
    return connectionWords(caught, navigator.onLine);
  }
  return "The device could not be removed. Try again";
}

export function RemoveDevicePage({ controller, device, onRemoved, onCancel }: RemoveDevicePageProps) {
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = roleInSentence(device.role);
  const inArea = device.role === "coordinator";

  const remove = async (): Promise<void> => {
    if (removing) return;
    setRemoving(true);
    setError(null);
    try {
      const admin = await controller.admin();
      if (!admin) throw new Error("This device is not in a team.");
      onRemoved(await admin.revoke(device.deviceId));
    } catch (caught) {
      setError(removalFailureWords(caught, inArea));
      setRemoving(false);
    }
  };

  return (
    <>
      <ScreenHeading>{`Remove this ${role} device from the ${inArea ? "area" : "team"}?`}</ScreenHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Role</dt>
          <dd>{ROLE_LABELS[device.role]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Joined</dt>
          <dd>{dayMonthYearTime(device.createdAt)}</dd>
        </div>
        {device.approvedAt ? (
          <div className="summary-list__row">
            <dt>Approved</dt>
            <dd>{dayMonthYearTime(device.approvedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {inArea ? <AreaRemovalWords /> : <TeamRemovalWords device={device} />}
      {error !== null && (
        <div className="notice" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button--warning" disabled={removing} onClick={() => void remove()}>
          Remove this device
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

function TeamRemovalWords({ device }: { device: TeamDevice }) {
  return (
    <>
      <p>Remove a device that has been lost or stolen, or that belongs to someone who has left the team.</p>
      <ul>
        <li>The team server refuses the device at once: it can no longer send or receive anything for the team.</li>
        <li>
          The next time it contacts the team server, it stops syncing, clears what it kept for syncing and tells its
          user why.
        </li>
        <li>Cases it wrote stay readable by the team's managers.</li>
        {device.role === "manager" ? (
          <li>
            A manager's device holds the team key that opens every case, so the team key is changed first: the other
            managers' devices get the new one. Then every case is given a new key, so what is written from now on cannot
            be read with the keys it held.
          </li>
        ) : (
          <li>
            Every case it could read is given a new key, so what is written from now on cannot be read with the keys it
            held.
          </li>
        )}
      </ul>
      <WarningText>
        What the device has already opened and stored cannot be recalled from it. Removing it stops anything new
        reaching it; it does not erase what it already holds.
      </WarningText>
    </>
  );
}

/** For a coordinator's device: no re-keying, because an area's key cannot be replaced yet (decisions §35). */
function AreaRemovalWords() {
  return (
    <>
      <p>
        Remove a coordinator device that has been lost or stolen, or that belongs to someone who no longer coordinates
        the area's MARAC.
      </p>
      <ul>
        <li>
          The team server refuses the device at once: it receives no more referrals and can no longer send where a
          referral stands.
        </li>
        <li>
          The next time it contacts the team server, it stops syncing, clears the referrals it held and tells its user
          why.
        </li>
        <li>Statuses and answers to matches it sent stay with the area and the referring teams.</li>
      </ul>
      <WarningText>
        What the device has already opened and stored cannot be recalled from it. The area's key stays the same: the
        server gives the device nothing from now on, but the key it held is not replaced.
      </WarningText>
    </>
  );
}
