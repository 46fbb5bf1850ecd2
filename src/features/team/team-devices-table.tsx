// The team's devices as a manager sees them: role and dates, never an id (devices carry no person).
import type { ReactNode } from "react";
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
