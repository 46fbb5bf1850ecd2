// One assessment, one short screen at a time (GOV.UK question pages). Every change is saved as a
// draft straight away; "Complete assessment" validates, runs the engine and stores the outcome.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { assessCase } from "../../domain/assess";
import { validateCaseFile, type CaseFile } from "../../domain/case-file";
import { readCaseDetails } from "../../domain/case-record/case-details";
import type { Outcome } from "../../domain/outcome";
import { QUESTION_SETS, questionById } from "../../domain/question-sets/question-set-registry";
import { reviewSummaryAtCompletion } from "../../domain/review/review-flags";
import { changesSinceLastAssessment } from "../../domain/rules/assessment-changes";
import type { ValidationIssue } from "../../domain/validation-issues";
import { createDraftAutosaver, type DraftAutosaver } from "../../storage/autosave";
import type { VaultSession } from "../../storage/vault";
import {
  caseDetailFieldsUsed,
  pagesFor,
  questionSetOf,
  bragPending,
  judgementPending,
  resumePage,
  screenNotesOf,
  withJudgementEntry,
  toCaseFile,
  visibleSections,
  type AssessmentDraft,
  type CaseFileExtras,
  type PageKey,
  type SectionId,
} from "./assessment-draft";
import {
  openAssessment,
  previousAssessmentsOf,
  type CompletedAssessment,
  type OpenedAssessment,
} from "./assessment-records";
import { LEVEL_LABELS } from "./answers-summary";
import "./assessment.css";
import { CheckAnswers } from "./check-answers";
import { CompletedAssessmentView } from "./completed-view";
import { GateStep } from "./gate-step";
import { JudgementStep } from "./judgement-step";
import { RiskPanel } from "./risk-panel";
import { SectionStep } from "./section-step";
import { TimelineView } from "./timeline-view";
import { WhatChanged } from "./what-changed";
import { WhoStep } from "./who-step";

export interface AssessmentScreenProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /** Slot for the live risk panel; given the outcome so far (null while the draft is incomplete). */
  renderRiskPanel?: (outcome: Outcome | null) => ReactNode;
}

/** Typed text is saved 400 ms after the last keystroke, and at least this often while typing goes on. */
const TYPING_MAX_WAIT_MS = 600;

type Loaded = OpenedAssessment | { error: string };

const UNFINISHED_JUDGEMENT = "Your professional judgement is not finished: complete it or remove it";
const UNFINISHED_BRAG = "Your BRAG colour is not finished: complete it or remove it";

/** Pages: who is assessing, the safe-to-ask gate, the sections, judgement, check your answers. */
export function AssessmentScreen({ session, caseId, onClose, renderRiskPanel }: AssessmentScreenProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [completed, setCompleted] = useState<CompletedAssessment | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  // Bumped when Continue meets an invalid judgement or BRAG entry: that form shows its errors.
  const [showEntryErrors, setShowEntryErrors] = useState(0);
  const saverRef = useRef<DraftAutosaver<AssessmentDraft> | null>(null);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const opened = loaded !== null && "draft" in loaded ? loaded : null;
  const assessmentId = opened?.id ?? null;
  const policy = opened?.activePolicy.policy ?? null;
  const previousCompleted = opened?.completed ?? null;
  const fromDetails = opened?.fromDetails ?? null;

  useEffect(() => {
    let live = true;
    openAssessment(session, caseId).then(
      (result) => {
        if (live) setLoaded(result);
      },
      () => {
        if (live) setLoaded({ error: "This assessment could not be opened." });
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  useEffect(() => {
    if (assessmentId === null || policy === null) return undefined;
    const saver = createDraftAutosaver<AssessmentDraft>({
      session,
      save: async (draft) => {
        const set = QUESTION_SETS[questionSetOf(draft)];
        await session.saveAssessmentDraft({
          id: assessmentId,
          caseId,
          questionSetId: set.id,
          questionSetVersion: String(set.version),
          policyName: policy.name,
          policyVersion: String(policy.version),
          content: draft,
        });
        setSaveFailed(false);
      },
      onError: () => setSaveFailed(true),
    });
    saverRef.current = saver;
    const flush = (): void => {
      saver.flush().catch(() => setSaveFailed(true));
    };
    const onVisibility = (): void => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      if (maxWaitTimer.current !== null) clearTimeout(maxWaitTimer.current);
      maxWaitTimer.current = null;
      saverRef.current = null;
      saver.dispose().catch(() => undefined);
    };
  }, [session, caseId, assessmentId, policy]);

  const extras = useMemo<CaseFileExtras>(
    () => ({
      ...(previousCompleted === null ? {} : { previousAssessments: previousAssessmentsOf(previousCompleted) }),
      ...(fromDetails === null ? {} : { fromCaseDetails: fromDetails.context }),
    }),
    [previousCompleted, fromDetails],
  );
  const draft = opened?.draft ?? null;
  const live = useMemo(() => {
    if (draft === null || policy === null) return null;
    const result = validateCaseFile(toCaseFile(draft, new Date(), extras));
    return result.ok ? { caseFile: result.caseFile, outcome: assessCase(result.caseFile, policy) } : null;
  }, [draft, extras, policy]);
  const liveOutcome = live?.outcome ?? null;
  const lastCompleted = previousCompleted?.[0];
  const changes = useMemo(
    () => (live === null || lastCompleted === undefined ? null : changesSinceLastAssessment(lastCompleted, live)),
    [live, lastCompleted],
  );

  if (loaded === null) return <p role="status">Opening assessment…</p>;
  if (opened === null || draft === null || policy === null) {
    return (
      <div>
        <p role="alert">{"error" in loaded ? loaded.error : ""}</p>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }

  if (completed !== null) {
    return <CompletedAssessmentView completed={completed} previous={lastCompleted} onClose={onClose} />;
  }

  const update = (next: AssessmentDraft, immediate = false): void => {
    setLoaded({ ...opened, draft: next });
    const saver = saverRef.current;
    if (saver === null) return;
    saver.schedule(next);
    if (immediate) {
      saver.flush().catch(() => setSaveFailed(true));
      return;
    }
    // The debounce restarts on every keystroke: while typing goes on, still write at least this often.
    maxWaitTimer.current ??= setTimeout(() => {
      maxWaitTimer.current = null;
      saver.flush().catch(() => setSaveFailed(true));
    }, TYPING_MAX_WAIT_MS);
  };
  const flushNow = (): void => {
    saverRef.current?.flush().catch(() => setSaveFailed(true));
  };

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
  const onContinue = (): void => {
    if ((page === "judgement" && judgementPending(draft)) || (page === "vulnerability" && bragPending(draft))) {
      setShowEntryErrors((count) => count + 1);
      return;
    }
    goToIndex(pageIndex + 1);
  };
  // The risk panel's to-do list links back to the question (or context section) it names.
  const pageForField = (field: string): SectionId | undefined => {
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

  const complete = async (): Promise<void> => {
    // An unfinished judgement or BRAG colour is never dropped silently, nor completed as it is.
    const unfinished: ValidationIssue[] = [
      ...(judgementPending(draft) ? [{ path: "professionalJudgement", message: UNFINISHED_JUDGEMENT }] : []),
      ...(bragPending(draft) ? [{ path: "bragJudgement", message: UNFINISHED_BRAG }] : []),
    ];
    if (unfinished.length > 0) {
      setIssues(unfinished);
      setFocusKey((key) => key + 1);
      return;
    }
    const result = validateCaseFile(toCaseFile(draft, new Date(), extras));
    if (!result.ok) {
      setIssues(result.issues);
      setFocusKey((key) => key + 1);
      return;
    }
    const outcome = assessCase(result.caseFile, policy);
    const set = QUESTION_SETS[result.caseFile.questionSet];
    const saver = saverRef.current;
    try {
      // The draft row must exist (with this policy and question set recorded) before it can be completed.
      if (saver !== null) {
        saver.schedule(draft);
        await saver.flush();
      }
      saverRef.current = null;
      const notes = screenNotesOf(draft);
      const summary = await session.completeAssessment({
        id: opened.id,
        content: result.caseFile,
        outcome,
        riskLevel: outcome.riskLevel,
        caseSummary: await reviewFieldsAtCompletion(session, caseId, result.caseFile, outcome),
        ...(notes === undefined ? {} : { notes }),
      });
      setCompleted({
        id: opened.id,
        completedAt: summary.assessedAt ?? new Date().toISOString(),
        caseFile: result.caseFile,
        outcome,
        policyName: policy.name,
        policyVersion: String(policy.version),
        questionSetVersion: String(set.version),
        notes,
      });
    } catch {
      setIssues([{ path: "", message: "The assessment could not be saved. Try again." }]);
      setFocusKey((key) => key + 1);
    }
  };

  let body: ReactNode;
  if (page === "who") {
    body = <WhoStep draft={draft} update={update} />;
  } else if (page === "gate") {
    body = (
      <GateStep
        draft={draft}
        update={update}
        onFlush={flushNow}
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
  } else if (page === "check") {
    body = (
      <CheckAnswers
        draft={draft}
        sections={sections}
        onChangeStep={go}
        issues={issues}
        focusKey={focusKey}
        onComplete={() => void complete()}
        fromDetailsUsed={caseDetailFieldsUsed(draft, extras.fromCaseDetails)}
        fromDetails={fromDetails}
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

  return (
    <div className="assessment">
      <div className="assessment__main">
        <p className="assessment__progress">
          Section {pageIndex + 1} of {pages.length}
        </p>
        <p className="assessment__risk-link">
          <a
            href="#risk-so-far"
            onClick={(event) => {
              const panel = document.getElementById("risk-so-far");
              if (panel === null) return;
              event.preventDefault();
              panel.focus();
              panel.scrollIntoView?.();
            }}
          >
            {liveOutcome === null ? "Risk so far" : `Risk so far: ${LEVEL_LABELS[liveOutcome.riskLevel]}`}
            <span className="visually-hidden"> (go to the risk panel)</span>
          </a>
        </p>
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
        <div key={page}>{body}</div>
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
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void (saverRef.current?.flush() ?? Promise.resolve()).catch(() => undefined).finally(onClose);
            }}
          >
            Save and close
          </button>
        </div>
      </div>
      <aside aria-label="Risk so far" className="assessment__risk" id="risk-so-far" tabIndex={-1}>
        {renderRiskPanel ? (
          renderRiskPanel(liveOutcome)
        ) : liveOutcome ? (
          <>
            <RiskPanel
              outcome={liveOutcome}
              onGoToQuestion={goToField}
              canGoToQuestion={(field) => pageForField(field) !== undefined}
            />
            {changes !== null && lastCompleted !== undefined && <WhatChanged changes={changes} />}
            <TimelineView outcome={liveOutcome} />
          </>
        ) : (
          <p>The risk picture appears once the assessor's role is chosen and the safe-to-ask question is answered.</p>
        )}
      </aside>
    </div>
  );
}

/**
 * The clear figures the manager's dashboard reads (flags such as marac-required, quality score,
 * role, agency), written in the same transaction as the completion. The case's details and
 * current flags are read fresh (flags set since, such as marac-sent, are kept). If the case cannot
 * be read, the flags are still computed (quality score null) rather than the completion failing.
 */
async function reviewFieldsAtCompletion(session: VaultSession, caseId: string, caseFile: CaseFile, outcome: Outcome) {
  const caseRecord = await session.getCase(caseId).catch(() => null);
  const details = caseRecord === null ? null : readCaseDetails(caseRecord.details);
  return reviewSummaryAtCompletion({ caseFile, outcome, details }, caseRecord?.flags ?? []);
}
