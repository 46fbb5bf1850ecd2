// The "Review" section: the dashboard over every case in this vault, or the review of one case.
// Loaded on demand (see src/app/app.tsx) so practitioners who never review do not download it.
import { useCallback, useEffect, useState } from "react";
import { caseNumbers } from "../../domain/case-record/case-names";
import { DEFAULT_REFERRAL_TARGET_HOURS } from "../../domain/review/dashboard-summary";
import type { CaseSummary } from "../../storage/cases";
import type { VaultSession } from "../../storage/vault-session";
import { CaseReview } from "./case-review";
import { ReviewDashboard } from "./review-dashboard";

/** A clear (not secret) preference: the manager's target for assessment → referral. */
export const TARGET_SETTING = "review.referral-target-hours";

export function ReviewScreen({ session, now }: { session: VaultSession; now?: Date }) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [targetHours, setTargetHours] = useState(DEFAULT_REFERRAL_TARGET_HOURS);
  const [failed, setFailed] = useState(false);
  const [caseId, setCaseId] = useState<string | null>(null);

  const load = useCallback(() => {
    let live = true;
    Promise.all([session.listCaseSummaries(), session.getSetting(TARGET_SETTING)]).then(
      ([summaries, target]) => {
        if (!live) return;
        if (typeof target === "number" && Number.isInteger(target) && target > 0) setTargetHours(target);
        setCases(summaries);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session]);

  useEffect(() => {
    if (caseId !== null) return undefined;
    let stop = load();
    // The team's cases fill the dashboard as sync brings them, without leaving the screen.
    const unsubscribe = session.onTeamRecordsArrived(() => {
      stop();
      stop = load();
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, [caseId, load, session]);

  const changeTarget = (hours: number) => {
    setTargetHours(hours);
    void session.setSetting(TARGET_SETTING, hours, { sensitive: false }).catch(() => undefined);
  };

  if (caseId !== null) {
    // Cases were listed to draw the dashboard the case was chosen from; named as everywhere else.
    const caseNumber = caseNumbers(cases ?? []).get(caseId) ?? 0;
    return (
      <CaseReview
        key={caseId}
        session={session}
        caseId={caseId}
        caseNumber={caseNumber}
        onBack={() => setCaseId(null)}
        now={now}
      />
    );
  }
  if (failed) return <p role="alert">The cases could not be listed. Lock and unlock to try again.</p>;
  if (cases === null) return <p role="status">Loading cases for review…</p>;
  return (
    <ReviewDashboard
      cases={cases}
      targetHours={targetHours}
      onTargetHoursChange={changeTarget}
      onOpenCase={setCaseId}
      {...(now === undefined ? {} : { now })}
    />
  );
}
