// The "Assessment" section: choose a case, then walk through its assessment. The assessment screen
// is loaded on demand so the initial bundle stays small.
import { lazy, Suspense, useEffect, useState } from "react";
import type { CaseSummary, VaultSession } from "../storage/vault";
import { ScreenHeading } from "../ui/screen-heading";

const AssessmentScreen = lazy(() =>
  import("../features/assessment/assessment-screen").then((module) => ({ default: module.AssessmentScreen })),
);

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function AssessmentSection({ session }: { session: VaultSession }) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [caseId, setCaseId] = useState<string | null>(null);

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
        <AssessmentScreen key={caseId} session={session} caseId={caseId} onClose={() => setCaseId(null)} />
      </Suspense>
    );
  }
  if (failed) return <p role="alert">The cases could not be listed.</p>;
  if (cases === null) return <p role="status">Loading cases…</p>;
  // Oldest first, numbered as on the cases screen.
  const ordered = [...cases].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const open = ordered.map((summary, index) => ({ summary, number: index + 1 })).filter(({ summary }) => summary.status !== "closed");
  return (
    <div>
      <ScreenHeading>Start or continue an assessment</ScreenHeading>
      {open.length === 0 ? (
        <p>There are no open cases. Create a case first, under Cases.</p>
      ) : (
        <>
          <p>Choose the case to assess.</p>
          <ul className="case-list__items">
            {open.map(({ summary, number }) => (
              <li key={summary.id} className="case-list__item">
                <button type="button" className="case-list__open" onClick={() => setCaseId(summary.id)}>
                  Assess case {number}
                </button>
                <span>Started {dateTime.format(new Date(summary.createdAt))}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
