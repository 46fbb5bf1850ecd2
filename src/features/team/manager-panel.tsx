// A manager's part of the Team screen: the team key's numbers (which every approved device shows too),
// the devices waiting for approval, a code for someone to join, the team's devices (each but this one
// can be removed, after a confirm page, which gives the cases it could read new keys), a practitioner
// device's cases to reassign to another (a leaver's, removed or not), removed devices' cases still
// waiting for new keys (a re-keying that stopped), and the team's audit in words.
import { useEffect, useId, useState } from "react";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncTransportError } from "../../storage/sync/transport";
import { ApproveDevicePage } from "./approve-device-page";
import { dayMonthYear } from "./audit-words";
import { IssueCodeForm } from "./issue-code-form";
import { RekeyCases } from "./rekey-cases";
import { ReassignCasesPage } from "./reassign-cases-page";
import { RemoveDevicePage } from "./remove-device-page";
import { dayAndTime } from "./sync-state-words";
import { TeamAuditList } from "./team-audit-list";
import { TeamDevicesTable, WaitingDevicesSection } from "./team-devices-table";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords, ROLE_LABELS } from "./team-words";

export interface ManagerPanelProps {
  controller: TeamSyncController;
  /** Set while this panel's approval or removal page shows, so the Team screen hides its own heading. */
  onApproving: (approving: boolean) => void;
  /** The team key's numbers as this device pinned them, or null before its first sync. */
  teamKeyFingerprint: string | null;
}

type Devices =
  | { status: "loading" }
  | { status: "failed"; message: string }
  | {
      status: "ready";
      devices: TeamDevice[];
      thisDeviceId: string | null;
      /** Removed practitioners' devices whose cases still wait for new keys, with how many. */
      awaitingKeys: { device: TeamDevice; cases: number }[];
    };

/** For each removed practitioner's device, how many of its cases wait for new keys (unknown ones left out). */
async function casesAwaitingKeys(
  controller: TeamSyncController,
  devices: readonly TeamDevice[],
): Promise<{ device: TeamDevice; cases: number }[]> {
  const removed = devices.filter((device) => device.status === "revoked" && device.role === "practitioner");
  const counts = await Promise.all(
    removed.map((device) => controller.casesAwaitingNewKeys(device.deviceId).catch(() => 0)),
  );
  return removed.flatMap((device, index) => (counts[index]! > 0 ? [{ device, cases: counts[index]! }] : []));
}

async function readDevices(controller: TeamSyncController): Promise<Devices> {
  try {
    // The first manager's device makes the team key here if joining stopped half way.
    await controller.ensureTeamManagerKey();
    const admin = await controller.admin();
    const thisDeviceId = (await controller.identity())?.enrolment?.deviceId ?? null;
    const devices = admin ? await admin.listDevices() : [];
    return { status: "ready", devices, thisDeviceId, awaitingKeys: await casesAwaitingKeys(controller, devices) };
  } catch (caught) {
    return {
      status: "failed",
      message:
        caught instanceof SyncTransportError
          ? connectionWords(caught, navigator.onLine)
          : "The team's devices could not be read. Try again",
    };
  }
}

export function ManagerPanel({ controller, onApproving, teamKeyFingerprint }: ManagerPanelProps) {
  const [devices, setDevices] = useState<Devices>({ status: "loading" });
  const [approving, setApproving] = useState<TeamDevice | null>(null);
  const [approved, setApproved] = useState<TeamDevice | null>(null);
  const [removing, setRemoving] = useState<TeamDevice | null>(null);
  const [removed, setRemoved] = useState<TeamDevice | null>(null);
  const [casesOf, setCasesOf] = useState<TeamDevice | null>(null);
  const teamId = useId();
  const awaitingId = useId();

  // Bumped to read the devices again ("Try again", after an approval).
  const [reads, setReads] = useState(0);
  const load = (): void => setReads((count) => count + 1);

  useEffect(() => {
    let live = true;
    void readDevices(controller).then((next) => {
      if (live) setDevices(next);
    });
    return () => {
      live = false;
    };
  }, [controller, reads]);

  const open = (device: TeamDevice | null): void => {
    setApproving(device);
    onApproving(device !== null);
  };
  const openRemoval = (device: TeamDevice | null): void => {
    setRemoving(device);
    onApproving(device !== null);
  };

  const openCases = (device: TeamDevice | null): void => {
    setCasesOf(device);
    onApproving(device !== null);
    if (device === null) load();
  };
  // A practitioner device's cases, to reassign (a leaver's, removed or still in the team).
  const casesButton = (device: TeamDevice) =>
    device.role !== "practitioner" ? null : (
      <button type="button" className="button button--secondary" onClick={() => openCases(device)}>
        Reassign cases
        <span className="visually-hidden">{` (the practitioner device that joined on ${dayMonthYear(device.createdAt)})`}</span>
      </button>
    );

  if (casesOf !== null && devices.status === "ready") {
    return (
      <ReassignCasesPage
        controller={controller}
        device={casesOf}
        devices={devices.devices}
        thisDeviceId={devices.thisDeviceId}
        onBack={() => openCases(null)}
      />
    );
  }

  if (removing !== null) {
    return (
      <RemoveDevicePage
        controller={controller}
        device={removing}
        onCancel={() => openRemoval(null)}
        onRemoved={(device) => {
          setApproved(null);
          setRemoved(device);
          openRemoval(null);
          load();
        }}
      />
    );
  }

  if (approving !== null) {
    return (
      <ApproveDevicePage
        controller={controller}
        device={approving}
        onCancel={() => open(null)}
        onApproved={(device) => {
          setRemoved(null);
          setApproved(device);
          open(null);
          load();
        }}
      />
    );
  }

  const list = devices.status === "ready" ? devices.devices : [];
  const waiting = list.filter((device) => device.status === "pending");
  const inTeam = list.filter((device) => device.status === "approved");
  const removedDevices = list.filter((device) => device.status === "revoked");
  const thisDeviceId = devices.status === "ready" ? devices.thisDeviceId : null;
  // The device just removed shows its own progress in the notice above.
  const awaitingKeys =
    devices.status === "ready"
      ? devices.awaitingKeys.filter(({ device }) => device.deviceId !== removed?.deviceId)
      : [];
  return (
    <>
      {approved !== null && (
        <div className="notice" role="status">
          <p>
            The {ROLE_LABELS[approved.role].toLowerCase()} device is approved. Ask its user to check that the team key
            numbers on its screen match yours{teamKeyFingerprint === null ? "" : `: ${teamKeyFingerprint}`}.
          </p>
        </div>
      )}
      {removed !== null && (
        <div className="notice" role="status">
          <p>
            The {ROLE_LABELS[removed.role].toLowerCase()} device has been removed from the team. The team server refuses
            it from now on.
          </p>
          <RekeyCases key={removed.deviceId} controller={controller} device={removed} autoStart onFinished={load} />
        </div>
      )}
      {awaitingKeys.length > 0 && (
        <section aria-labelledby={awaitingId}>
          <h2 id={awaitingId}>Cases waiting for new keys</h2>
          {awaitingKeys.map(({ device, cases }) => (
            <RekeyCases
              key={device.deviceId}
              controller={controller}
              device={device}
              autoStart={false}
              waiting={cases}
              onFinished={load}
            />
          ))}
        </section>
      )}
      <WaitingDevicesSection
        heading="Devices waiting for approval"
        reading="Reading the team's devices…"
        state={devices}
        waiting={waiting}
        onRetry={load}
        onApprove={open}
        describe={(device) =>
          `the ${ROLE_LABELS[device.role].toLowerCase()} device that asked on ${dayAndTime(device.createdAt)}`
        }
      />
      <IssueCodeForm controller={controller} />
      {devices.status === "ready" && (
        <section aria-labelledby={teamId}>
          <h2 id={teamId}>Devices in the team</h2>
          <TeamDevicesTable
            caption="Devices in the team"
            devices={inTeam}
            showApproved
            action={{
              heading: "Remove",
              // A manager cannot remove their own device (the server refuses too): another manager must.
              render: (device) =>
                device.deviceId === thisDeviceId ? (
                  "This device"
                ) : (
                  <div className="button-row">
                    {casesButton(device)}
                    <button type="button" className="button button--secondary" onClick={() => openRemoval(device)}>
                      Remove from the team
                      <span className="visually-hidden">
                        {` (the ${ROLE_LABELS[device.role].toLowerCase()} device that joined on ${dayMonthYear(device.createdAt)})`}
                      </span>
                    </button>
                  </div>
                ),
            }}
          />
          {removedDevices.length > 0 && (
            <>
              <h3>Removed devices</h3>
              <TeamDevicesTable
                caption="Removed devices"
                devices={removedDevices}
                showRemoved
                action={{ heading: "Cases", render: (device) => casesButton(device) ?? "—" }}
              />
            </>
          )}
        </section>
      )}
      {devices.status === "ready" && (
        <TeamAuditList controller={controller} devices={list} thisDeviceId={thisDeviceId} readKey={reads} />
      )}
    </>
  );
}
