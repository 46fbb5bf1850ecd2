// The case's MARAC referrals as the referrer sees them: where each went, its versions and where it
// stands (sent, received, on the agenda, heard with the actions). The coordinator's changes reach
// this device by sync, so the section reads again when sync brings records. Only a case marked as
// sent to the MARAC asks team sync at all, so opening any other case never loads the sync code.
import { useEffect, useState } from "react";
import type { SentReferral } from "../../storage/sync/marac-records-api";
import type { VaultSession } from "../../storage/vault-session";
import { MaracReferralSummary } from "../../ui/marac-referral-summary";

async function readReferrals(session: VaultSession, caseId: string): Promise<SentReferral[]> {
  const teamSync = await session.openTeamSync();
  if (!(await teamSync.deviceIdentity())?.enrolment) return [];
  return teamSync.maracReferrer().sentReferrals(caseId);
}

export function MaracReferralStatus({ session, caseId }: { session: VaultSession; caseId: string }) {
  const [referrals, setReferrals] = useState<SentReferral[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      readReferrals(session, caseId).then(
        (found) => {
          if (live) setReferrals(found);
        },
        // A status that cannot be read now is left out rather than breaking the case screen.
        () => undefined,
      );
    void read();
    const unsubscribe = session.onTeamRecordsArrived(() => void read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [session, caseId]);
  return (
    <>
      {referrals.map((referral) => (
        <MaracReferralSummary
          key={referral.referralId}
          referral={referral}
          headingId={`marac-referral-${referral.referralId}`}
        />
      ))}
    </>
  );
}
