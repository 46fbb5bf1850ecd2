// The profile's recent activity, from the clear audit trail: nothing is decrypted to draw it.
import type { AuditAction } from "../../storage/db";
import { auditChainOf, type AuditEntry } from "../../storage/audit";
import type { AuditChainBreak } from "../../storage/integrity-check";
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

function when(at: string | null): string {
  return at === null ? "the start of the record" : dateTime.format(new Date(at));
}

/** One plain sentence per break: what was found, and where. */
function describeBreak(item: AuditChainBreak): string {
  switch (item.reason) {
    case "altered":
      return `The entry shown as ${when(item.at)} was changed, or was not written by this app.`;
    case "missing-before":
      return `One or more entries were removed between ${when(item.after)} and ${when(item.at)}.`;
    case "tail-cut":
      return `The most recent entries, after ${when(item.after)}, were removed.`;
    case "head-altered":
      return `The record of where the activity record ends was changed or put back (last intact entry: ${when(item.after)}).`;
  }
}

function integrityNote(entry: AuditEntry): string | null {
  switch (entry.integrity) {
    case "broken":
      return "Not genuine: changed or added outside the app";
    case "imported":
      return `Imported${entry.source ? ` (${entry.source})` : ""}: recorded elsewhere, not checked on this device`;
    case "unverified":
      return "Recorded while locked: cannot be checked";
    default:
      return null;
  }
}

export function AuditTrail({ entries, error }: AuditTrailProps) {
  const chain = entries === null ? null : auditChainOf(entries);
  return (
    <section className="backup-section" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Activity on this profile</h2>
      {chain && !chain.intact ? (
        <div role="alert" className="audit-table__broken">
          <p>
            <strong>This activity record has been tampered with.</strong> Entries marked “Not genuine” must not be
            relied on. Tell your manager.
          </p>
          <ul>
            {chain.breaks.map((item, index) => (
              <li key={`${item.reason}-${item.entryId ?? index}`}>{describeBreak(item)}</li>
            ))}
          </ul>
        </div>
      ) : null}
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
                  <td>
                    {entry.detail ?? "–"}
                    {/* Only entries that can't be taken at face value carry a note. */}
                    {integrityNote(entry) === null ? null : (
                      <strong className="audit-table__integrity"> ({integrityNote(entry)})</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
