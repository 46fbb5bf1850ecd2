// A sent MARAC referral as its referrer sees it: where it went, each version (sent when, what changed),
// and where it stands, with the actions agreed once heard. The pack screen and the case screen show
// the same; the shape is the sync contract's SentReferral, restated for the field kit.
import { MaracStatusTag, type MaracStageView } from "./marac-status";

/** "7 December 2026 at 08:30", in UK time whatever the device's zone. */
const sentTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

export function sentTimeText(iso: string): string {
  return sentTime.format(new Date(iso));
}

/** A referral's versions, oldest first: when each was sent and, for a correction, what it changed. */
export function ReferralVersionsList({
  versions,
  formatTime,
}: {
  versions: SentReferralView["versions"];
  formatTime: (iso: string) => string;
}) {
  return (
    <ol className="marac-referral__versions">
      {versions.map((version) => (
        <li key={version.version}>
          Version {version.version}, sent {formatTime(version.sentAt)}
          {version.whatChanged === undefined ? "" : `. What changed: ${version.whatChanged}`}
        </li>
      ))}
    </ol>
  );
}

export interface SentReferralView {
  area: { name: string };
  versions: readonly { version: number; sentAt: string; whatChanged?: string | undefined }[];
  waitingToSend: boolean;
  status: MaracStageView & { actions: readonly { text: string; agency?: string | undefined }[] };
}

export function MaracReferralSummary({ referral, headingId }: { referral: SentReferralView; headingId: string }) {
  const { status } = referral;
  return (
    <section className="marac-referral" aria-labelledby={headingId}>
      <h2 id={headingId}>MARAC referral</h2>
      <dl className="summary-rows">
        <div className="summary-rows__row">
          <dt>Sent to</dt>
          <dd>{referral.area.name}</dd>
        </div>
        <div className="summary-rows__row">
          <dt>Status</dt>
          <dd>
            <MaracStatusTag status={status} waitingToSend={referral.waitingToSend} />
            {referral.waitingToSend && <> It will be sent when this device is back online.</>}
          </dd>
        </div>
        <div className="summary-rows__row">
          <dt>Versions</dt>
          <dd>
            <ReferralVersionsList versions={referral.versions} formatTime={sentTimeText} />
          </dd>
        </div>
        {status.stage === "heard" && (
          <div className="summary-rows__row">
            <dt>Actions agreed</dt>
            <dd>
              {status.actions.length === 0 ? (
                "No actions were recorded."
              ) : (
                <ul className="marac-referral__actions">
                  {status.actions.map((action, index) => (
                    <li key={index}>
                      {action.text}
                      {action.agency === undefined || action.agency === "" ? "" : ` (${action.agency})`}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
