// The "Referral packs" section: choose a case with a completed assessment, then prepare its MARAC or
// s42 pack. The pack screen (and pdf-lib behind it) is loaded on demand, outside the initial bundle.
import { lazy, Suspense, useEffect, useState } from "react";
import { caseNumbers } from "../domain/case-record/case-names";
import type { PackView } from "../features/referral-pack/referral-pack-screen";
import type { CaseSummary } from "../storage/cases";
import type { VaultSession } from "../storage/vault-session";
import { ScreenHeading } from "../ui/screen-heading";

const ReferralPackScreen = lazy(() =>
  import("../features/referral-pack/referral-pack-screen").then((module) => ({ default: module.ReferralPackScreen })),
);

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function ReferralPackSection({
  session,
  onFix,
  initialPack,
}: {
  session: VaultSession;
  onFix: (fixPath: string, caseId: string, view: PackView) => void;
  /** Open this case's pack, as it was shown, straight away (coming back from a "fix" link). */
  initialPack?: { caseId: string; view: PackView } | undefined;
}) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [caseId, setCaseId] = useState<string | null>(initialPack?.caseId ?? null);

  useEffect(() => {
    if (caseId !== null) return undefined;
    let live = true;
    session.listCaseSummaries().then(
      (summaries) => {
        if (live) setCases(summaries);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  if (caseId !== null) {
    return (
      <Suspense fallback={<p>Loading…</p>}>
        <ReferralPackScreen
          key={caseId}
          session={session}
          caseId={caseId}
          onClose={() => setCaseId(null)}
          onFix={(fixPath, view) => onFix(fixPath, caseId, view)}
          initialView={initialPack?.caseId === caseId ? initialPack.view : undefined}
        />
      </Suspense>
    );
  }
  if (failed) return <p role="alert">The cases could not be listed.</p>;
  if (cases === null) return <p role="status">Loading cases…</p>;
  // Named as on the cases screen (oldest first); only cases with a completed assessment.
  const numbers = caseNumbers(cases);
  const assessed = cases
    .map((summary) => ({ summary, number: numbers.get(summary.id)! }))
    .sort((a, b) => a.number - b.number)
    .filter(({ summary }) => summary.latestAssessedAt !== null);
  return (
    <div>
      <ScreenHeading>Referral packs</ScreenHeading>
      {assessed.length === 0 ? (
        <p>No case has a completed assessment yet. Complete an assessment first, under Assessment.</p>
      ) : (
        <>
          <p>Choose the case to prepare a MARAC or s42 referral for.</p>
          <ul className="case-list__items">
            {assessed.map(({ summary, number }) => (
              <li key={summary.id} className="case-list__item">
                <button type="button" className="case-list__open" onClick={() => setCaseId(summary.id)}>
                  Prepare referral for case {number}
                </button>
                <span>
                  Assessed {dateTime.format(new Date(summary.latestAssessedAt!))}
                  {summary.riskLevel ? `, ${summary.riskLevel} risk` : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
