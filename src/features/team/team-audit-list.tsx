// The team's audit for a manager (GET /api/team/audit): who joined, approved, removed and shared what,
// newest first, in plain words, a page at a time. Never an id on screen (audit-words.ts).
import { useEffect, useId, useState } from "react";
import type { TeamAuditEntry, TeamDevice } from "../../storage/sync/team-admin-client";
import { auditSentence, dayMonthYearTime } from "./audit-words";
import type { TeamSyncController } from "./team-sync-controller";

export const AUDIT_PAGE_SIZE = 20;

export interface TeamAuditListProps {
  controller: TeamSyncController;
  devices: readonly TeamDevice[];
  thisDeviceId: string | null;
  /** Changes when something was done on this screen (an approval, a removal): read again from the newest. */
  readKey: number;
}

type Audit =
  | { status: "loading" }
  | { status: "failed" }
  | { status: "ready"; entries: TeamAuditEntry[]; before: number | null; loadingMore: boolean };

export function TeamAuditList({ controller, devices, thisDeviceId, readKey }: TeamAuditListProps) {
  const [audit, setAudit] = useState<Audit>({ status: "loading" });
  const headingId = useId();

  useEffect(() => {
    // Read again from the newest; what is shown stays until the new page arrives.
    let live = true;
    void (async () => {
      try {
        const page = await (await controller.admin())!.audit({ limit: AUDIT_PAGE_SIZE });
        if (live) setAudit({ status: "ready", entries: page.entries, before: page.before, loadingMore: false });
      } catch {
        if (live) setAudit({ status: "failed" });
      }
    })();
    return () => {
      live = false;
    };
  }, [controller, readKey]);

  const showOlder = async (): Promise<void> => {
    if (audit.status !== "ready" || audit.before === null) return;
    setAudit({ ...audit, loadingMore: true });
    try {
      const page = await (await controller.admin())!.audit({ before: audit.before, limit: AUDIT_PAGE_SIZE });
      setAudit({
        status: "ready",
        entries: [...audit.entries, ...page.entries],
        before: page.before,
        loadingMore: false,
      });
    } catch {
      setAudit({ ...audit, loadingMore: false });
    }
  };

  const naming = { devices, thisDeviceId };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>What has happened in the team</h2>
      <p>
        The team server keeps this record of who joined, who was approved or removed, and which devices were given the
        key to a case. No one can change or delete it.
      </p>
      {audit.status === "loading" ? (
        <p role="status">Reading the team's record…</p>
      ) : audit.status === "failed" ? (
        <p role="alert">The team's record could not be read. Open the Team page again to try again.</p>
      ) : audit.entries.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <>
          <table className="team-devices">
            <caption className="visually-hidden">What has happened in the team, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {audit.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{dayMonthYearTime(entry.at)}</td>
                  <td>{auditSentence(entry, naming)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {audit.before !== null && (
            <button
              type="button"
              className="button button--secondary"
              disabled={audit.loadingMore}
              onClick={() => void showOlder()}
            >
              Show older entries
            </button>
          )}
        </>
      )}
    </section>
  );
}
