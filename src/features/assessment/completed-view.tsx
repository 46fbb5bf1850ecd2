// A completed assessment, read-only: the outcome, why, the answers as they were frozen, the
// timeline and any judgement, with the question-set and policy versions it was made under.
import { useEffect, useState } from "react";
import { describeLevel } from "../../domain/certainty/describe-level";
import { labelsForEvidence } from "../../domain/labels/labels";
import { QUESTION_SETS, questionById } from "../../domain/question-sets/question-set-registry";
import { changesSinceLastAssessment } from "../../domain/rules/assessment-changes";
import type { VaultSession } from "../../storage/vault-session";
import { ScreenHeading } from "../../ui/screen-heading";
import { SECTION_TITLES, UNANSWERED_REASON_LABELS, type SectionId } from "./assessment-draft";
import { loadCompletedAssessments, type CompletedAssessment } from "./assessment-records";
import { ANSWER_LABELS, AnswersSummary, COLOUR_LABELS, LEVEL_LABELS, ROLE_LABELS } from "./answers-summary";
import "./assessment.css";
import { RiskPanel } from "./risk-panel";
import { TimelineView } from "./timeline-view";
import { WhatChanged } from "./what-changed";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

const SECTION_ORDER = Object.keys(SECTION_TITLES) as SectionId[];

/** The sections to show for a frozen case file: every DASH section of its set, and any other section answered. */
function sectionsOf(completed: CompletedAssessment): SectionId[] {
  const { caseFile } = completed;
  const present = new Set<SectionId>();
  for (const question of QUESTION_SETS[caseFile.questionSet].questions) present.add(question.section);
  for (const id of Object.keys(caseFile.answers)) {
    const section = questionById(id)?.section;
    if (section !== undefined) present.add(section);
  }
  if ((caseFile.context?.exploitation?.length ?? 0) > 0) present.add("exploitation");
  if (caseFile.context?.careAndSupport !== undefined || caseFile.context?.housing !== undefined)
    present.add("care-and-support");
  return SECTION_ORDER.filter((section) => present.has(section));
}

/**
 * A completed assessment is frozen: a fact it left unrecorded is recorded where the next one reads
 * it, the case details (children, and the checks on the person causing harm).
 */
function detailsPathFor(field: string): string | undefined {
  if (field.startsWith("context.children")) return "details.children";
  if (field === "context.perpetratorChecks") return "details.perpetrator.historyChecks";
  return undefined;
}

export interface CompletedAssessmentViewProps {
  completed: CompletedAssessment;
  /** The completed assessment before this one, to show what changed. */
  previous?: CompletedAssessment | undefined;
  onClose: () => void;
  /** Opens the case details at the page recording a fact ("Record whether…" in the outcome links there). */
  onFixInCase?: ((detailsPath: string) => void) | undefined;
}

export function CompletedAssessmentView({ completed, previous, onClose, onFixInCase }: CompletedAssessmentViewProps) {
  const { caseFile, outcome, notes } = completed;
  const level = LEVEL_LABELS[outcome.riskLevel];
  const described = describeLevel(outcome, { caseFile });
  const judgement = caseFile.professionalJudgement;
  const brag = caseFile.bragJudgement;
  const changes = previous === undefined ? null : changesSinceLastAssessment(previous, completed);
  return (
    <div className="assessment assessment--completed">
      <div className="assessment__main">
        <ScreenHeading>
          Assessment completed: {described.status === "assessed" ? `${level} risk` : "not assessed yet"}
        </ScreenHeading>
        <p className="assessment__certainty">
          <strong>{described.sentence}</strong>
        </p>
        <p>
          Completed {dateTime.format(new Date(completed.completedAt))} by {ROLE_LABELS[caseFile.assessor.role]}
          {caseFile.assessor.agency ? ` (${caseFile.assessor.agency})` : ""}. This record is read-only.
        </p>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>Risk level</dt>
            <dd>{described.sentence}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Question set</dt>
            <dd>
              {QUESTION_SETS[caseFile.questionSet].title}, version {completed.questionSetVersion}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Policy</dt>
            <dd>
              {completed.policyName}, version {completed.policyVersion}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Safe to ask</dt>
            <dd>{ANSWER_LABELS[caseFile.safeToAsk]}</dd>
          </div>
          {notes?.notSafeReason !== undefined && (
            <div className="summary-list__row">
              <dt>Why it was not safe to ask</dt>
              <dd>{notes.notSafeReason}</dd>
            </div>
          )}
          {notes?.safetyNote !== undefined && (
            <div className="summary-list__row">
              <dt>Safety note</dt>
              <dd>{notes.safetyNote}</dd>
            </div>
          )}
          {notes?.unansweredReason !== undefined && (
            <div className="summary-list__row">
              <dt>Why some questions were not answered</dt>
              <dd>{UNANSWERED_REASON_LABELS[notes.unansweredReason]}</dd>
            </div>
          )}
          {(notes?.returnOn !== undefined || notes?.returnHow !== undefined) && (
            <div className="summary-list__row">
              <dt>Reminder to return</dt>
              <dd>
                {notes.returnOn === undefined ? "No date set" : `By ${notes.returnOn}`}
                {notes.returnHow === undefined ? "" : `: ${notes.returnHow}`}
              </dd>
            </div>
          )}
        </dl>
        {outcome.escalations.length > 0 && (
          <>
            <h2>Why the risk cannot be lower</h2>
            <ul>
              {outcome.escalations.map((escalation) => (
                <li key={escalation.rule}>
                  {escalation.reason}
                  {escalation.evidence.length > 0 ? ` Based on: ${labelsForEvidence(escalation.evidence)}.` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>Judgement</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>Professional judgement</dt>
            <dd>
              {judgement === undefined ? "None recorded" : `${LEVEL_LABELS[judgement.level]}: ${judgement.rationale}`}
              {outcome.professionalJudgement.refusedBecause
                ? ` (refused: ${outcome.professionalJudgement.refusedBecause})`
                : ""}
            </dd>
          </div>
          {brag !== undefined && (
            <div className="summary-list__row">
              <dt>Assessor's BRAG colour</dt>
              <dd>
                {COLOUR_LABELS[brag.colour]}: {brag.rationale}
                {outcome.bragJudgement.refusedBecause ? ` (refused: ${outcome.bragJudgement.refusedBecause})` : ""}
              </dd>
            </div>
          )}
        </dl>
        <h2>Answers</h2>
        <AnswersSummary
          questionSet={caseFile.questionSet}
          answers={caseFile.answers}
          context={caseFile.context}
          sections={sectionsOf(completed)}
        />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            Back
          </button>
        </div>
      </div>
      <aside aria-label="Outcome" className="assessment__risk">
        <RiskPanel
          outcome={outcome}
          caseFile={caseFile}
          {...(onFixInCase === undefined
            ? {}
            : {
                onGoToQuestion: (field: string) => {
                  const path = detailsPathFor(field);
                  if (path !== undefined) onFixInCase(path);
                },
                canGoToQuestion: (field: string) => detailsPathFor(field) !== undefined,
              })}
        />
        {changes !== null && <WhatChanged changes={changes} />}
        <TimelineView outcome={outcome} caseFile={caseFile} />
      </aside>
    </div>
  );
}

/** Loads one completed assessment of a case (with the one before it) and shows it read-only. */
export function CompletedAssessmentScreen({
  session,
  caseId,
  assessmentId,
  onClose,
  onFixInCase,
}: {
  session: VaultSession;
  caseId: string;
  assessmentId: string;
  onClose: () => void;
  onFixInCase?: ((detailsPath: string) => void) | undefined;
}) {
  const [state, setState] = useState<
    { completed: CompletedAssessment; previous?: CompletedAssessment } | "loading" | "failed"
  >("loading");
  useEffect(() => {
    let live = true;
    loadCompletedAssessments(session, caseId).then(
      (all) => {
        if (!live) return;
        const index = all.findIndex((item) => item.id === assessmentId);
        const completed = all[index];
        const previous = all[index + 1];
        setState(completed === undefined ? "failed" : { completed, ...(previous === undefined ? {} : { previous }) });
      },
      () => {
        if (live) setState("failed");
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId, assessmentId]);
  if (state === "loading") return <p role="status">Opening assessment…</p>;
  if (state === "failed") {
    return (
      <div>
        <p role="alert">This assessment could not be opened.</p>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }
  return (
    <CompletedAssessmentView
      completed={state.completed}
      previous={state.previous}
      onClose={onClose}
      onFixInCase={onFixInCase}
    />
  );
}
