// The "Assessment" section: choose a case, then walk through its assessment, or open one of its
// completed assessments read-only. The assessment screens are loaded on demand so the initial
// bundle stays small.
import { lazy, Suspense, useEffect, useState } from "react";
import { caseNumbers } from "../domain/case-record/case-names";
import type { AssessmentSummary } from "../storage/assessments";
import type { CaseSummary } from "../storage/cases";
import type { VaultSession } from "../storage/vault-session";
import { BackLink, type ReturnTo } from "../ui/back-link";
import { ScreenHeading } from "../ui/screen-heading";

const AssessmentScreen = lazy(() =>
  import("../features/assessment/assessment-screen").then((module) => ({ default: module.AssessmentScreen })),
);
const CompletedAssessmentScreen = lazy(() =>
  import("../features/assessment/completed-view").then((module) => ({ default: module.CompletedAssessmentScreen })),
);

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const LEVEL_WORDS: Record<string, string> = { standard: "Standard", medium: "Medium", high: "High" };

type Open = { caseId: string; kind: "assess" } | { caseId: string; kind: "view"; assessmentId: string };
interface CaseChoice {
  summary: CaseSummary;
  assessments: AssessmentSummary[];
}

export interface AssessmentSectionProps {
  session: VaultSession;
  /** Opens this case's assessment straight away (from the case overview); Back returns to the list. */
  initialCaseId?: string | undefined;
  /** Opens a case's details at the page recording `detailsPath` (a completed outcome's "Record whether…" link). */
  onFixInCase?: (caseId: string, detailsPath: string) => void;
  /**
   * Given with initialCaseId: where that assessment goes back to (the referral pack whose "fix"
   * link opened it): a back link above it, and "Save and close" returns there.
   */
  returnTo?: ReturnTo | undefined;
}

export function AssessmentSection({ session, initialCaseId, onFixInCase, returnTo }: AssessmentSectionProps) {
  const [cases, setCases] = useState<CaseChoice[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<Open | null>(
    initialCaseId === undefined ? null : { caseId: initialCaseId, kind: "assess" },
  );

  useEffect(() => {
    if (open !== null) return undefined;
    let live = true;
    (async () => {
      const summaries = await session.listCaseSummaries();
      return Promise.all(
        summaries.map(async (summary) => ({ summary, assessments: await session.listAssessments(summary.id) })),
      );
    })().then(
      (choices) => {
        if (live) setCases(choices);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session, open]);

  if (open !== null) {
    const { caseId } = open;
    const back = returnTo !== undefined && open.kind === "assess" && caseId === initialCaseId ? returnTo : undefined;
    const close = (): void => (back === undefined ? setOpen(null) : back.onReturn());
    const fix = onFixInCase && ((detailsPath: string) => onFixInCase(caseId, detailsPath));
    return (
      <Suspense fallback={<p>Loading…</p>}>
        {back !== undefined && <BackLink onClick={back.onReturn}>{back.label}</BackLink>}
        {open.kind === "assess" ? (
          <AssessmentScreen
            key={open.caseId}
            session={session}
            caseId={open.caseId}
            onClose={close}
            onFixInCase={fix}
          />
        ) : (
          <CompletedAssessmentScreen
            key={open.assessmentId}
            session={session}
            caseId={open.caseId}
            assessmentId={open.assessmentId}
            onClose={close}
            onFixInCase={fix}
          />
        )}
      </Suspense>
    );
  }
  if (failed) return <p role="alert">The cases could not be listed.</p>;
  if (cases === null) return <p role="status">Loading cases…</p>;
  // Oldest first, named as on the cases screen.
  const numbers = caseNumbers(cases.map((choice) => choice.summary));
  // Closed cases stay listed when they have completed assessments, so those can still be read; they
  // cannot be assessed again.
  const listed = cases
    .map((choice) => ({ ...choice, number: numbers.get(choice.summary.id)! }))
    .sort((a, b) => a.number - b.number)
    .filter(
      ({ summary, assessments }) =>
        summary.status !== "closed" || assessments.some((assessment) => assessment.status === "completed"),
    );
  const anyOpen = listed.some(({ summary }) => summary.status !== "closed");
  return (
    <div>
      <ScreenHeading>Start or continue an assessment</ScreenHeading>
      {!anyOpen && <p>There are no open cases. Create a case first, under Cases.</p>}
      {listed.length > 0 && (
        <>
          <p>Choose the case to assess, or open one of its completed assessments to read it.</p>
          <ul className="case-list__items">
            {listed.map(({ summary, assessments, number }) => {
              const closed = summary.status === "closed";
              const completed = assessments.filter((assessment) => assessment.status === "completed");
              const hasDraft = assessments.some((assessment) => assessment.status === "draft");
              return (
                <li key={summary.id} className="case-list__item">
                  {closed ? (
                    <span>Case {number} (closed)</span>
                  ) : (
                    <button
                      type="button"
                      className="case-list__open"
                      onClick={() => setOpen({ caseId: summary.id, kind: "assess" })}
                    >
                      Assess case {number}
                      <span className="visually-hidden">
                        {hasDraft ? " (continue the assessment in progress)" : ""}
                      </span>
                    </button>
                  )}
                  <span className="case-list__meta">
                    Started {dateTime.format(new Date(summary.createdAt))}
                    {hasDraft && !closed ? ". An assessment is in progress" : ""}
                  </span>
                  {completed.length > 0 && (
                    // Its own full-width row inside the case's (wrapping) flex row.
                    <ul
                      className="case-list__items"
                      style={{ flexBasis: "100%", margin: 0 }}
                      aria-label={`Completed assessments of case ${number}`}
                    >
                      {completed.map((assessment) => (
                        <li key={assessment.id}>
                          <button
                            type="button"
                            className="case-list__open"
                            onClick={() => setOpen({ caseId: summary.id, kind: "view", assessmentId: assessment.id })}
                          >
                            View assessment of{" "}
                            {dateTime.format(new Date(assessment.assessedAt ?? assessment.updatedAt))}
                            {assessment.riskLevel
                              ? `: ${LEVEL_WORDS[assessment.riskLevel] ?? assessment.riskLevel} risk`
                              : ""}
                            <span className="visually-hidden"> (case {number})</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
