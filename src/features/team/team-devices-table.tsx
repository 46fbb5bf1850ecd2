// The team's devices as a manager sees them: role and dates, never an id (devices carry no person).
import { useId, type ReactNode } from "react";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { dayMonthYear } from "./audit-words";
import { dayAndTime } from "./sync-state-words";
import { ROLE_LABELS } from "./team-words";

export interface TeamDevicesTableProps {
  caption: string;
  devices: readonly TeamDevice[];
  /** A last column (e.g. "Check numbers and approve"), when given. */
  action?: { heading: string; render: (device: TeamDevice) => ReactNode };
  showApproved?: boolean;
  /** A "Removed" column: "Removed on 7 December 2026". */
  showRemoved?: boolean;
}

export function TeamDevicesTable({
  caption,
  devices,
  action,
  showApproved = false,
  showRemoved = false,
}: TeamDevicesTableProps) {
  return (
    <table className="team-devices">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Asked to join</th>
          {showApproved && <th scope="col">Approved</th>}
          {showRemoved && <th scope="col">Removed</th>}
          {action !== undefined && <th scope="col">{action.heading}</th>}
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => (
          <tr key={device.deviceId}>
            <td>{ROLE_LABELS[device.role]}</td>
            <td>{dayAndTime(device.createdAt)}</td>
            {showApproved && <td>{device.approvedAt ? dayAndTime(device.approvedAt) : "—"}</td>}
            {showRemoved && <td>{device.revokedAt ? `Removed on ${dayMonthYear(device.revokedAt)}` : "Removed"}</td>}
            {action !== undefined && <td>{action.render(device)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface WaitingDevicesSectionProps {
  heading: string;
  /** Said while the devices are read. */
  reading: string;
  /** The devices as read: loading, failed with a message, or ready. */
  state: { status: "loading" } | { status: "failed"; message: string } | { status: "ready" };
  waiting: readonly TeamDevice[];
  onRetry: () => void;
  onApprove: (device: TeamDevice) => void;
  /** Said to screen readers after "Check the numbers and approve", to tell the rows' buttons apart. */
  describe: (device: TeamDevice) => string;
}

/** The devices waiting for approval, each with its "Check the numbers and approve" (manager and coordinator panels). */
export function WaitingDevicesSection({
  heading,
  reading,
  state,
  waiting,
  onRetry,
  onApprove,
  describe,
}: WaitingDevicesSectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {state.status === "loading" ? (
        <p role="status">{reading}</p>
      ) : state.status === "failed" ? (
        <>
          <p role="alert">{state.message}</p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : waiting.length === 0 ? (
        <p>No device is waiting.</p>
      ) : (
        <TeamDevicesTable
          caption={heading}
          devices={waiting}
          action={{
            heading: "Approve",
            render: (device) => (
              <button type="button" className="button button--secondary" onClick={() => onApprove(device)}>
                Check the numbers and approve
                <span className="visually-hidden">{` ${describe(device)}`}</span>
              </button>
            ),
          }}
        />
      )}
    </section>
  );
}
