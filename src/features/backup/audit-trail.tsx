// The profile's recent activity, from the clear audit trail: nothing is decrypted to draw it.
import type { AuditAction } from "../../storage/db";
import type { AuditEntry } from "../../storage/audit";
import { dateTime, shortId } from "./backup-form-rules";

export const AUDIT_LIMIT = 50;

const ACTION_LABELS: Record<AuditAction, string> = {
  create: "Created",
  view: "Opened",
  edit: "Edited",
  export: "Exported",
  "share-pack": "Referral pack shared",
  delete: "Deleted",
  import: "Imported",
  unlock: "Unlocked",
  "unlock-failed": "Incorrect passphrase entered",
  lock: "Locked",
  "passphrase-change": "Passphrase changed",
  "recovery-reset": "Passphrase reset with the recovery key",
  "recovery-key-regenerated": "New recovery key issued",
  wipe: "Vault wiped",
};

export interface AuditTrailProps {
  /** null while loading. */
  entries: AuditEntry[] | null;
  error: boolean;
}

export function AuditTrail({ entries, error }: AuditTrailProps) {
  return (
    <section className="backup-section" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Activity on this profile</h2>
      {error ? (
        <p>The activity record could not be read. Lock and unlock to try again.</p>
      ) : entries === null ? (
        <p>Loading activity…</p>
      ) : entries.length === 0 ? (
        <p>No activity has been recorded yet.</p>
      ) : (
        <div className="audit-table__scroll">
          <table className="audit-table">
            <caption className="audit-table__caption">Most recent activity first (up to {AUDIT_LIMIT} entries)</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Case</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{dateTime.format(new Date(entry.at))}</time>
                  </td>
                  <td>
                    {ACTION_LABELS[entry.action] ?? entry.action}
                    {entry.actor === "system" ? " (by the app)" : ""}
                  </td>
                  <td>{entry.caseId === null ? "–" : `ref ${shortId(entry.caseId)}`}</td>
                  {/* Audit details are short codes and counts by design ("case", "backup: 3 cases"), never content. */}
                  <td>{entry.detail ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
