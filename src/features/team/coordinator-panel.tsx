// A MARAC coordinator's Team screen: the area, its sync, and the area's coordinator devices as a manager
// sees the team's — those waiting (approving one checks its numbers and seals the area key to it, so it
// can open the referrals), a code for another coordinator to join, and the devices of the area, each but
// this one removable after a confirm page. No audit list here: the server keeps the area's, but a
// coordinator's screen does not read it yet (decisions §35).
import { useEffect, useId, useState, type FormEvent } from "react";
import type { IssuedCode, TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncTransportError } from "../../storage/sync/transport";
import { ScreenHeading } from "../../ui/screen-heading";
import { ApproveDevicePage } from "./approve-device-page";
import { dayMonthYear } from "./audit-words";
import { RemoveDevicePage } from "./remove-device-page";
import { dayAndTime } from "./sync-state-words";
import { TeamDevicesTable, WaitingDevicesSection } from "./team-devices-table";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords, groupedCode, issueCodeErrorWords } from "./team-words";

type Devices =
  | { status: "loading" }
  | { status: "failed"; message: string }
  | { status: "ready"; devices: TeamDevice[]; thisDeviceId: string | null };

async function readAreaDevices(controller: TeamSyncController): Promise<Devices> {
  try {
    // The area's first coordinator device makes the area key here if joining stopped half way.
    await controller.ensureAreaKey();
    const admin = await controller.admin();
    const thisDeviceId = (await controller.identity())?.enrolment?.deviceId ?? null;
    return { status: "ready", devices: admin ? await admin.listDevices() : [], thisDeviceId };
  } catch (caught) {
    return {
      status: "failed",
      message:
        caught instanceof SyncTransportError
          ? connectionWords(caught, navigator.onLine)
          : "The area's devices could not be read. Try again",
    };
  }
}

export interface CoordinatorPanelProps {
  controller: TeamSyncController;
  /** The sync state in words (syncStateWords), as the team's screen shows it. */
  syncWords: string | null;
}

export function CoordinatorPanel({ controller, syncWords }: CoordinatorPanelProps) {
  const [devices, setDevices] = useState<Devices>({ status: "loading" });
  const [page, setPage] = useState<{ approve: TeamDevice } | { remove: TeamDevice } | null>(null);
  const [done, setDone] = useState<{ approved: TeamDevice } | { removed: TeamDevice } | null>(null);
  const [reads, setReads] = useState(0);
  const areaDevicesId = useId();
  const load = (): void => setReads((count) => count + 1);

  useEffect(() => {
    let live = true;
    void readAreaDevices(controller).then((next) => {
      if (live) setDevices(next);
    });
    return () => {
      live = false;
    };
  }, [controller, reads]);

  if (page !== null && "approve" in page) {
    return (
      <ApproveDevicePage
        controller={controller}
        device={page.approve}
        onCancel={() => setPage(null)}
        onApproved={(device) => {
          setDone({ approved: device });
          setPage(null);
          load();
        }}
      />
    );
  }
  if (page !== null) {
    return (
      <RemoveDevicePage
        controller={controller}
        device={page.remove}
        onCancel={() => setPage(null)}
        onRemoved={(device) => {
          setDone({ removed: device });
          setPage(null);
          load();
        }}
      />
    );
  }

  const list = devices.status === "ready" ? devices.devices.filter((device) => device.role === "coordinator") : [];
  const waiting = list.filter((device) => device.status === "pending");
  const inArea = list.filter((device) => device.status === "approved");
  const removedDevices = list.filter((device) => device.status === "revoked");
  const thisDeviceId = devices.status === "ready" ? devices.thisDeviceId : null;
  return (
    <>
      <ScreenHeading>Your MARAC area</ScreenHeading>
      <p>
        This device is a MARAC coordinator&apos;s device. Referrals from the teams linked to your area arrive in the
        MARAC inbox; only your area&apos;s coordinator devices can read them.
      </p>
      {syncWords !== null && <p className="notice">{syncWords}</p>}
      {done !== null && (
        <div className="notice" role="status">
          <p>
            {"approved" in done
              ? "The MARAC coordinator device is approved. It can now open the referrals sent to the area: ask its user to choose Check again on its screen, then open the MARAC inbox."
              : "The MARAC coordinator device has been removed from the area. The team server refuses it from now on."}
          </p>
        </div>
      )}
      <WaitingDevicesSection
        heading="Coordinator devices waiting for approval"
        reading="Reading the area's devices…"
        state={devices}
        waiting={waiting}
        onRetry={load}
        onApprove={(device) => setPage({ approve: device })}
        describe={(device) => `the device that asked on ${dayAndTime(device.createdAt)}`}
      />
      <AreaCodeForm controller={controller} />
      {devices.status === "ready" && (
        <section aria-labelledby={areaDevicesId}>
          <h2 id={areaDevicesId}>Coordinator devices of the area</h2>
          <TeamDevicesTable
            caption="Coordinator devices of the area"
            devices={inArea}
            showApproved
            action={{
              heading: "Remove",
              // A coordinator cannot remove their own device (the server refuses too): another must.
              render: (device) =>
                device.deviceId === thisDeviceId ? (
                  "This device"
                ) : (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setPage({ remove: device })}
                  >
                    Remove from the area
                    <span className="visually-hidden">{` (the device that joined on ${dayMonthYear(device.createdAt)})`}</span>
                  </button>
                ),
            }}
          />
          {removedDevices.length > 0 && (
            <>
              <h3>Removed devices</h3>
              <TeamDevicesTable caption="Removed coordinator devices" devices={removedDevices} showRemoved />
            </>
          )}
        </section>
      )}
    </>
  );
}

/** A code for another coordinator of the area to join with (only coordinators' codes: the server refuses others). */
function AreaCodeForm({ controller }: { controller: TeamSyncController }) {
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const titleId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (issuing) return;
    setIssuing(true);
    try {
      const admin = await controller.admin();
      if (!admin) throw new Error("This device is not in an area.");
      setIssued(await admin.issueCode("coordinator"));
      setError(null);
    } catch (caught) {
      setError(issueCodeErrorWords(caught, navigator.onLine));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Give another coordinator a code to join</h2>
      {issued !== null ? (
        <div className="notice" role="region" aria-labelledby={`${titleId}-code`}>
          <h3 id={`${titleId}-code`}>Code for a MARAC coordinator</h3>
          <p className="enrolment-code">{groupedCode(issued.code)}</p>
          <p>
            Give it to the coordinator joining, in person or by phone. It works once, until{" "}
            {dayAndTime(issued.expiresAt)}. It is shown only now. Their device then waits for a coordinator of the area
            to approve it here.
          </p>
          <button type="button" className="button button--secondary" onClick={() => setIssued(null)}>
            Make another code
          </button>
        </div>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          {error !== null && (
            <div className="notice" role="alert">
              <p>{error}</p>
            </div>
          )}
          <div className="button-row">
            <button type="submit" className="button" disabled={issuing}>
              Get a code for a coordinator
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
