// One assessment, one short screen at a time (GOV.UK question pages). Every change is saved as a
// draft straight away; "Complete assessment" validates, runs the engine and stores the outcome.
// The draft itself (opening, autosave, the live outcome) is useAssessmentDraft; each page is a step file.
import { useState, type ReactNode } from "react";
import type { Outcome } from "../../domain/outcome";
import { questionById } from "../../domain/question-sets/question-set-registry";
import type { ValidationIssue } from "../../domain/validation-issues";
import { tabClaimGuard } from "../../storage/case-claim";
import type { VaultSession } from "../../storage/vault-session";
import { useCaseClaim } from "../../ui/use-case-claim";
import {
  bragPending,
  caseDetailFieldsUsed,
  judgementPending,
  pagesFor,
  resumePage,
  visibleSections,
  withJudgementEntry,
  type AssessmentDraft,
  type PageKey,
} from "./assessment-draft";
import { progressText } from "./assessment-progress";
import type { CompletedAssessment } from "./assessment-records";
import "./assessment.css";
import { CheckAnswers } from "./check-answers";
import { checkCompletion, COMPLETION_NOT_SAVED, storeCompletion } from "./complete-assessment";
import { CompletedAssessmentView } from "./completed-view";
import { assessmentDateOf, factPageFor, factIssues, factEntriesOf, isFactPage } from "./context-facts";
import { FactsStep } from "./context-facts-step";
import { GateStep } from "./gate-step";
import { JudgementStep } from "./judgement-step";
import { RiskSoFar } from "./risk-so-far";
import { RiskSummaryBar } from "./risk-summary-bar";
import { SectionStep } from "./section-step";
import { useAssessmentDraft } from "./use-assessment-draft";
import { useNotSafeCaseCodes } from "./use-not-safe-case-codes";
import { WhoStep } from "./who-step";

export interface AssessmentScreenProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /** Slot for the live risk panel; given the outcome so far (null while the draft is incomplete). */
  renderRiskPanel?: (outcome: Outcome | null) => ReactNode;
  /** Opens the case details at the page recording `detailsPath` (a completed outcome's "Record whether…" link). */
  onFixInCase?: (detailsPath: string) => void;
}

/**
 * One writer per case: the assessment claims its case as the case editor does (the same claim, so
 * the case cannot be edited in one tab while it is assessed in another). A tab that cannot claim
 * it shows the draft read-only and says why, with a way to take it over.
 */
export function AssessmentScreen(props: AssessmentScreenProps) {
  const { session, caseId } = props;
  // Handing the case to another tab first saves what is pending here.
  const { state: claim, takeOver } = useCaseClaim(tabClaimGuard(), caseId, { flush: () => session.flushPending() });
  if (claim.kind === "claiming") return <p role="status">Opening assessment…</p>;
  const readOnly =
    claim.kind === "refused" ? (
      <div className="notice" role="alert">
        <p>{claim.message}</p>
        <p>You can read this assessment here, but not change it.</p>
        <p>If the other tab has been left open or closed by mistake, you can take the assessment over here.</p>
        <button type="button" className="button button--secondary" onClick={takeOver}>
          Take over editing here
        </button>
      </div>
    ) : null;
  // Remounted whenever the claim changes hands, so the draft is read again from storage.
  return <AssessmentWalkThrough key={claim.generation} {...props} readOnlyNotice={readOnly} />;
}

/** Pages: who is assessing, the safe-to-ask gate, the sections, judgement, check your answers. */
function AssessmentWalkThrough({
  session,
  caseId,
  onClose,
  renderRiskPanel,
  onFixInCase,
  readOnlyNotice,
}: AssessmentScreenProps & { readOnlyNotice: ReactNode }) {
  const assessment = useAssessmentDraft(session, caseId, readOnlyNotice === null);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [completed, setCompleted] = useState<CompletedAssessment | null>(null);
  // Bumped when Continue meets an invalid judgement or BRAG entry: that form shows its errors.
  const [showEntryErrors, setShowEntryErrors] = useState(0);
  // A "not safe to ask" draft stays visible on the case list and the dashboard (until completed here).
  const notSafeCodesWritten = useNotSafeCaseCodes(session, caseId, assessment, completed === null);

  if (assessment.status === "opening") return <p role="status">Opening assessment…</p>;
  if (assessment.status === "failed") {
    return (
      <div>
        <p role="alert">{assessment.error}</p>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }
  // Read-only (writable false): paging through still works, kept on this screen only; nothing is saved.
  const {
    opened,
    draft,
    policy,
    extras,
    liveOutcome,
    liveCaseFile,
    lastCompleted,
    changes,
    saveFailed,
    writable,
    notice,
  } = assessment;
  const { update, flushNow } = assessment;

  if (completed !== null) {
    return (
      <CompletedAssessmentView
        completed={completed}
        previous={lastCompleted}
        onClose={onClose}
        onFixInCase={onFixInCase}
      />
    );
  }

  const sections = visibleSections(draft);
  const pages = pagesFor(draft);
  const page = resumePage(draft);
  const pageIndex = pages.indexOf(page);
  // Moving page saves the page with the draft, so a reload (or reopening later) lands here again.
  const go = (next: PageKey, base: AssessmentDraft = draft): void => {
    setIssues([]);
    // A form on the next page must not open showing errors asked for on this one.
    setShowEntryErrors(0);
    update({ ...base, page: next }, true);
  };
  const goToIndex = (index: number): void => {
    const next = pages[index];
    if (next !== undefined) go(next);
  };
  // Continue never silently leaves an entry behind that cannot be used: its errors show instead
  // (it is kept in the draft either way, so Back, Save and close or a reload lose nothing).
  const today = assessmentDateOf(draft);
  const leaveFor = (next: PageKey | undefined): void => {
    if (
      (page === "judgement" && judgementPending(draft)) ||
      (page === "vulnerability" && bragPending(draft)) ||
      (isFactPage(page) && factIssues(factEntriesOf(draft), today).some((issue) => issue.page === page))
    ) {
      setShowEntryErrors((count) => count + 1);
      return;
    }
    if (next !== undefined) go(next);
  };
  const onContinue = (): void => leaveFor(pages[pageIndex + 1]);
  // The risk panel's to-do list links back to the question (or context section) it names.
  const pageForField = (field: string): PageKey | undefined => {
    const factPage = factPageFor(field);
    if (factPage !== undefined) return factPage;
    const id = field.startsWith("answers.") ? field.slice("answers.".length) : null;
    const section = id
      ? questionById(id)?.section
      : field.startsWith("context.careAndSupport")
        ? "care-and-support"
        : undefined;
    return section !== undefined && sections.includes(section) ? section : undefined;
  };
  const goToField = (field: string): void => {
    const section = pageForField(field);
    if (section !== undefined) go(section);
  };

  const showIssues = (next: ValidationIssue[]): void => {
    setIssues(next);
    setFocusKey((key) => key + 1);
  };
  const complete = async (): Promise<void> => {
    const checked = checkCompletion(draft, extras, policy);
    if (!checked.ok) {
      showIssues(checked.issues);
      return;
    }
    const { caseFile, outcome } = checked;
    const { saveAndStop } = assessment;
    try {
      setCompleted(
        await storeCompletion({
          session,
          caseId,
          assessmentId: opened.id,
          draft,
          caseFile,
          outcome,
          policy,
          saveAndStop,
        }),
      );
    } catch {
      showIssues([{ path: "", message: COMPLETION_NOT_SAVED }]);
    }
  };

  let body: ReactNode;
  if (page === "who") {
    body = <WhoStep draft={draft} update={update} session={session} />;
  } else if (page === "gate") {
    body = (
      <GateStep
        draft={draft}
        update={update}
        onFlush={flushNow}
        onChangeWho={() => go("who")}
        onRecordObserved={() => {
          const next = pages[pageIndex + 1];
          if (next !== undefined) go(next, { ...draft, observedOnly: true });
        }}
      />
    );
  } else if (page === "judgement") {
    body = (
      <JudgementStep
        draft={draft}
        outcome={liveOutcome}
        showErrorsKey={showEntryErrors}
        onChange={(judgement) => update(withJudgementEntry(draft, judgement, judgement), true)}
        onEntryChange={(entry, valid, typing) => update(withJudgementEntry(draft, entry, valid), !typing)}
      />
    );
  } else if (isFactPage(page)) {
    body = (
      <FactsStep
        draft={draft}
        page={page}
        update={update}
        onFlush={flushNow}
        showErrorsKey={showEntryErrors}
        fromCaseDetails={extras.fromCaseDetails}
        today={today}
      />
    );
  } else if (page === "check") {
    body = (
      <CheckAnswers
        draft={draft}
        update={update}
        sections={sections}
        onChangeStep={go}
        issues={issues}
        focusKey={focusKey}
        onComplete={() => void complete()}
        fromDetailsUsed={caseDetailFieldsUsed(draft, extras.fromCaseDetails)}
        fromDetails={opened.fromDetails}
        policyName={opened.activePolicy.isDefault ? null : `${policy.name} (version ${policy.version})`}
      />
    );
  } else {
    body = (
      <SectionStep
        draft={draft}
        section={page}
        update={update}
        onFlush={flushNow}
        outcome={liveOutcome}
        showErrorsKey={showEntryErrors}
      />
    );
  }

  const safe = draft.safeToAsk === "yes" || draft.observedOnly === true;
  const canContinue = page !== "check" && (page !== "gate" || safe);
  // Past the gate, the pages after the checklist are there to fill in when the facts are known: at a
  // scene the officer can go straight from any page to check your answers (and come back from there).
  const canSkipToCheck = pageIndex > pages.indexOf("gate") && pages[pageIndex + 1] !== "check" && page !== "check";

  return (
    <div className="assessment">
      {/* A child of the whole screen, not of the questions, so it stays on screen down to the panel's end. */}
      <RiskSummaryBar outcome={liveOutcome} caseFile={liveCaseFile} answers={draft.answers} />
      <div className="assessment__main">
        <p className="assessment__progress">{progressText(page)}</p>
        {readOnlyNotice}
        {notice !== null && (
          <p className="notice" role="note">
            {notice}
          </p>
        )}
        {opened.activePolicy.problem !== undefined && (
          <p className="notice" role="note">
            {opened.activePolicy.problem}
          </p>
        )}
        <p className="save-status" role="status" aria-live="polite">
          {saveFailed
            ? "Not saved yet. Your answers are kept on this screen and will be saved on the next change."
            : ""}
        </p>
        {/* A disabled fieldset makes every control of the page read-only without each step knowing;
            role="presentation" keeps it out of the accessibility tree (it is not a question group). */}
        <fieldset key={page} className="assessment__page" role="presentation" disabled={!writable}>
          {body}
        </fieldset>
        <div className="button-row">
          {pageIndex > 0 && (
            <button type="button" className="button button--secondary" onClick={() => goToIndex(pageIndex - 1)}>
              Back
            </button>
          )}
          {canContinue && (
            <button type="button" className="button" onClick={onContinue}>
              Continue
            </button>
          )}
          {canSkipToCheck && (
            <button type="button" className="button button--secondary" onClick={() => leaveFor("check")}>
              Go to check your answers
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void Promise.all([assessment.flush(), notSafeCodesWritten()])
                .catch(() => undefined)
                .finally(onClose);
            }}
          >
            {writable ? "Save and close" : "Close"}
          </button>
        </div>
      </div>
      <RiskSoFar
        outcome={liveOutcome}
        caseFile={liveCaseFile}
        changes={changes}
        onGoToQuestion={goToField}
        canGoToQuestion={(field) => pageForField(field) !== undefined}
        renderRiskPanel={renderRiskPanel}
      />
    </div>
  );
}
