// A manager approves a waiting device: a question page. The manager types the numbers the new device
// shows on its own screen (read out by its user, in the same room or on a call); they are checked
// against the device's keys on this device, and again by the server, before the device is approved.
// A manager device is also given the team manager key here, sealed to the keys the numbers belong to;
// a MARAC coordinator's device, approved by another coordinator of its area, the area key.
import { useState, type FormEvent } from "react";
import { InvalidInputError } from "../../storage/errors";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncTransportError } from "../../storage/sync/transport";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import { TextField } from "../../ui/text-field";
import { dayAndTime } from "./sync-state-words";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords, ROLE_LABELS, roleInSentence } from "./team-words";

const NUMBERS_FIELD_ID = "device-numbers";
const NUMBERS_HINT = "24 numbers in six groups of four. Spaces do not matter.";
export const NUMBERS_DO_NOT_MATCH =
  "The numbers do not match this device. Do not approve it: ask its user to join again, and tell whoever runs the team server";

export interface ApproveDevicePageProps {
  controller: TeamSyncController;
  device: TeamDevice;
  onApproved: (device: TeamDevice) => void;
  onCancel: () => void;
}

/** "1234 5678 …" from whatever was typed, or null when it is not 24 digits. */
export function typedFingerprint(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  if (!/^\d{24}$/.test(digits)) return null;
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export function ApproveDevicePage({ controller, device, onApproved, onCancel }: ApproveDevicePageProps) {
  const [numbers, setNumbers] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [approving, setApproving] = useState(false);
  const role = roleInSentence(device.role);

  const fail = (message: string): void => {
    setError(message);
    setFailures((count) => count + 1);
  };

  const approve = async (fingerprint: string): Promise<void> => {
    const teamSync = await controller.teamSync();
    const admin = await controller.admin();
    if (!admin) throw new Error("This device is not in a team.");
    let managerKeyWrapped: string | undefined;
    const own = device.role === "manager" ? await admin.getManagerKey() : null;
    const ownAreaKey = device.role === "coordinator" ? await admin.getAreaKey() : null;
    if (ownAreaKey?.keyId && ownAreaKey.wrapped) {
      // The area key, sealed to the keys the numbers belong to (refused if they differ): the new
      // coordinator's device can then open the referrals sent to the area.
      managerKeyWrapped = await teamSync.wrapAreaKeyFor(
        { keyId: ownAreaKey.keyId, wrapped: ownAreaKey.wrapped },
        device,
        fingerprint,
      );
    } else if (own?.keyId && own.wrapped) {
      // Checks the numbers against the keys it seals the team key to, and refuses if they differ.
      managerKeyWrapped = await teamSync.wrapManagerKeyFor(
        { keyId: own.keyId, wrapped: own.wrapped },
        device,
        fingerprint,
      );
    } else if ((await teamSync.fingerprintOf(device)).replace(/\s/g, "") !== fingerprint.replace(/\s/g, "")) {
      throw new InvalidInputError(NUMBERS_DO_NOT_MATCH);
    }
    onApproved(await admin.approve(device.deviceId, fingerprint, managerKeyWrapped));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (approving) return;
    const fingerprint = typedFingerprint(numbers);
    if (fingerprint === null) {
      fail(
        numbers.trim() === ""
          ? "Enter the numbers shown on the new device's screen"
          : "Enter all 24 numbers shown on the new device's screen",
      );
      return;
    }
    setApproving(true);
    try {
      await approve(fingerprint);
    } catch (caught) {
      if (caught instanceof InvalidInputError) fail(NUMBERS_DO_NOT_MATCH);
      else if (caught instanceof SyncTransportError && caught.code === "fingerprint-mismatch")
        fail(NUMBERS_DO_NOT_MATCH);
      else if (caught instanceof SyncTransportError && caught.code === "not-pending") {
        fail("That device has already been approved or removed. Go back to see the team's devices");
      } else if (caught instanceof SyncTransportError) fail(connectionWords(caught, navigator.onLine));
      else fail("The device could not be approved. Try again");
    } finally {
      setApproving(false);
    }
  };

  return (
    <>
      <ErrorSummary
        errors={error === null ? [] : [{ fieldId: NUMBERS_FIELD_ID, message: error }]}
        focusKey={failures}
      />
      <ScreenHeading>{`Approve a ${role} device`}</ScreenHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Role</dt>
          <dd>{ROLE_LABELS[device.role]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Asked to join</dt>
          <dd>{dayAndTime(device.createdAt)}</dd>
        </div>
      </dl>
      <p>
        Ask the person with the new device to read out the numbers on its screen, and type them here. Only approve a
        device you can see or hear: never from numbers sent by message or email.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={NUMBERS_FIELD_ID}
          label="The numbers on the new device's screen"
          hint={NUMBERS_HINT}
          error={error ?? undefined}
          value={numbers}
          onChange={setNumbers}
          inputMode="numeric"
          className="form-field__input--fingerprint"
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={approving}>
            Approve this device
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
