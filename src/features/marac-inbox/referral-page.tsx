// One referral in the coordinator's inbox: who sent it and when, every version with what changed, the
// suggested matches with their reasons and the coordinator's answers, where it stands, and the MARAC
// copy exactly as sent (withheld facts already replaced by the marker).
import type { InboxReferral, MaracCoordinator } from "../../storage/sync/marac-records-api";
import { BackLink } from "../../ui/back-link";
import { MaracStatusTag } from "../../ui/marac-status";
import { ReferralVersionsList } from "../../ui/marac-referral-summary";
import { PackPreview } from "../../ui/pack-preview";
import { ScreenHeading } from "../../ui/screen-heading";
import { victimNameOf } from "./inbox-words";
import { MatchCard } from "./match-card";
import { StatusFormSection } from "./status-form";

export interface ReferralPageProps {
  coordinator: MaracCoordinator;
  referral: InboxReferral;
  inbox: readonly InboxReferral[];
  formatTime: (iso: string) => string;
  onOpen: (referralId: string) => void;
  onBack: () => void;
  onChanged: (referral: InboxReferral) => void;
  /** Today's date in London, for the status form; the clock's by default. */
  today?: string;
}

export function ReferralPage({
  coordinator,
  referral,
  inbox,
  formatTime,
  onOpen,
  onBack,
  onChanged,
  today,
}: ReferralPageProps) {
  const name = victimNameOf(referral);
  // Matches are carried by the newer referral; the older one points to them, so neither page looks unmatched.
  const laterMatches = inbox.filter((other) =>
    other.matches.some((match) => match.otherReferralId === referral.referralId),
  );
  return (
    <div className="marac-referral-page">
      <BackLink onClick={onBack}>Back to the inbox</BackLink>
      <ScreenHeading>Referral for {name}</ScreenHeading>
      <dl className="summary-rows">
        <div className="summary-rows__row">
          <dt>Referred by</dt>
          <dd>
            {referral.fromTeam}
            {referral.referral.referringAgency === undefined ? "" : ` (${referral.referral.referringAgency})`}
          </dd>
        </div>
        <div className="summary-rows__row">
          <dt>Received</dt>
          <dd>{formatTime(referral.receivedAt)}</dd>
        </div>
        <div className="summary-rows__row">
          <dt>Status</dt>
          <dd>
            <MaracStatusTag status={referral.status} />
          </dd>
        </div>
        <div className="summary-rows__row">
          <dt>Versions</dt>
          <dd>
            <ReferralVersionsList versions={referral.versions} formatTime={formatTime} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="matches-heading">
        <h2 id="matches-heading">Possible matches</h2>
        {referral.matches.length === 0 ? (
          laterMatches.length === 0 ? (
            <p>No other referral in this inbox looks like the same person.</p>
          ) : null
        ) : (
          <>
            <p>
              These referrals to this area may be for the same person. Check each and answer: your answer is recorded,
              and nothing is merged.
            </p>
            {referral.matches.map((match, index) => (
              <MatchCard
                key={match.otherReferralId}
                coordinator={coordinator}
                referral={referral}
                match={match}
                other={inbox.find((candidate) => candidate.referralId === match.otherReferralId)}
                index={index}
                formatTime={formatTime}
                onOpenOther={onOpen}
                onDecided={onChanged}
              />
            ))}
          </>
        )}
      </section>

      {laterMatches.length > 0 && (
        <section aria-labelledby="later-matches-heading">
          <h2 id="later-matches-heading">Later referrals that may be the same person</h2>
          <p>Each is answered on the later referral's own page.</p>
          <ul>
            {laterMatches.map((later) => (
              <li key={later.referralId}>
                <button type="button" className="link-button" onClick={() => onOpen(later.referralId)}>
                  Open the referral for {victimNameOf(later)}
                </button>{" "}
                from {later.fromTeam}, received {formatTime(later.receivedAt)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <StatusFormSection
        coordinator={coordinator}
        referral={referral}
        onSaved={onChanged}
        {...(today === undefined ? {} : { today })}
      />

      {/* The MARAC copy exactly as sent: its own heading is the pack's title. */}
      <PackPreview document={referral.pack} />
    </div>
  );
}
