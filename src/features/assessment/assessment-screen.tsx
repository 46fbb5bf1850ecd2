// One assessment, one short screen at a time (GOV.UK question pages). Every change is saved as a
// draft straight away; "Complete assessment" validates, runs the engine and stores the outcome.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  ANSWER_SOURCES,
  ASSESSOR_ROLES,
  higherRisk,
  type AnswerSource,
  type AnswerValue,
  type AssessorRole,
} from "../../domain/answers";
import { assessCase } from "../../domain/assess";
import {
  CARE_NEEDS_KINDS,
  CAPACITY_VALUES,
  EXPLOITATION_TAGS,
  HOUSING_TAGS,
  SUBSTANCE_USE_TAGS,
  validateCaseFile,
  type CaseContext,
  type CaseFile,
} from "../../domain/case-file";
import type { ContextFromDetails } from "../../domain/case-record/assessment-context";
import { readCaseDetails } from "../../domain/case-record/case-details";
import type { Outcome } from "../../domain/outcome";
import { EXPLOITATION_PROMPTS, CARE_AND_SUPPORT_PROMPTS } from "../../domain/question-sets/context-prompts";
import {
  QUESTION_SET_IDS,
  QUESTION_SETS,
  questionById,
  type QuestionSetId,
} from "../../domain/question-sets/question-set-registry";
import type { Question } from "../../domain/question-sets/question-schema";
import { reviewSummaryAtCompletion } from "../../domain/review/review-flags";
import { changesSinceLastAssessment } from "../../domain/rules/assessment-changes";
import type { ValidationIssue } from "../../domain/validation-issues";
import { createDraftAutosaver, type DraftAutosaver } from "../../storage/autosave";
import type { VaultSession } from "../../storage/vault-session";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import {
  caseDetailFieldsUsed,
  defaultQuestionSet,
  isQuestionSection,
  pagesFor,
  questionSetOf,
  questionsFor,
  bragPending,
  judgementPending,
  resumePage,
  screenNotesOf,
  withBragEntry,
  withJudgementEntry,
  SECTION_TITLES,
  toCaseFile,
  visibleSections,
  type AssessmentDraft,
  type CaseFileExtras,
  type DraftAnswer,
  type PageKey,
  type SectionId,
} from "./assessment-draft";
import {
  openAssessment,
  previousAssessmentsOf,
  type CompletedAssessment,
  type OpenedAssessment,
} from "./assessment-records";
import {
  ANSWER_LABELS,
  AnswersSummary,
  CHECKS_LABELS,
  childrenText,
  COLOUR_LABELS,
  LEVEL_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
} from "./answers-summary";
import "./assessment.css";
import { BragJudgementForm } from "./brag-judgement-form";
import { CompletedAssessmentView } from "./completed-view";
import { JudgementForm, type Judgement } from "./judgement-form";
import { RiskPanel } from "./risk-panel";
import { TimelineView } from "./timeline-view";
import { WhatChanged } from "./what-changed";

export interface AssessmentScreenProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /** Slot for the live risk panel; given the outcome so far (null while the draft is incomplete). */
  renderRiskPanel?: (outcome: Outcome | null) => ReactNode;
}

const OBSERVED_SOURCES: readonly AnswerSource[] = ["observed", "records"];
const ANSWER_OPTIONS: readonly AnswerValue[] = ["yes", "no", "not-known"];
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

function JudgementStep({
  draft,
  outcome,
  onChange,
  onEntryChange,
  showErrorsKey,
}: {
  draft: AssessmentDraft;
  outcome: Outcome | null;
  onChange: (judgement: Judgement | undefined) => void;
  onEntryChange: (entry: Judgement | undefined, valid: Judgement | undefined, typing: boolean) => void;
  showErrorsKey: number;
}) {
  return (
    <>
      <ScreenHeading>Your professional judgement</ScreenHeading>
      {outcome === null ? (
        <p>Choose your role and answer whether it is safe to ask before recording a judgement.</p>
      ) : (
        // Compared with the level from the answers and rules alone (score band and rule floor), not with
        // a level the judgement itself has already raised.
        <JudgementForm
          computedLevel={higherRisk(outcome.scoreBand, outcome.ruleFloor)}
          {...(draft.professionalJudgement === undefined ? {} : { current: draft.professionalJudgement })}
          entry={draft.judgementEntry}
          onChange={onChange}
          onEntryChange={onEntryChange}
          showErrorsKey={showErrorsKey}
        />
      )}
    </>
  );
}

type Update = (next: AssessmentDraft, immediate?: boolean) => void;

function WhoStep({ draft, update }: { draft: AssessmentDraft; update: Update }) {
  return (
    <>
      <ScreenHeading>Who is assessing</ScreenHeading>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessor-role">
          Your role
        </label>
        <select
          id="assessor-role"
          className="form-field__select"
          value={draft.assessor.role ?? ""}
          onChange={(event) => {
            const role = (ASSESSOR_ROLES as readonly string[]).includes(event.target.value)
              ? (event.target.value as AssessorRole)
              : undefined;
            const { role: _old, ...rest } = draft.assessor;
            update(
              {
                ...draft,
                assessor: role === undefined ? rest : { ...rest, role },
                questionSet: defaultQuestionSet(role),
              },
              true,
            );
          }}
        >
          <option value="">Choose your role</option>
          {ASSESSOR_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessor-agency">
          Agency (optional)
        </label>
        <input
          id="assessor-agency"
          className="form-field__input"
          autoComplete="off"
          value={draft.assessor.agency ?? ""}
          onChange={(event) => update({ ...draft, assessor: { ...draft.assessor, agency: event.target.value } })}
        />
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessment-question-set">
          Question set
        </label>
        <select
          id="assessment-question-set"
          className="form-field__select"
          value={questionSetOf(draft)}
          onChange={(event) => update({ ...draft, questionSet: event.target.value as QuestionSetId }, true)}
        >
          {QUESTION_SET_IDS.map((setId) => (
            <option key={setId} value={setId}>
              {QUESTION_SETS[setId].title}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function GateStep({
  draft,
  update,
  onFlush,
  onRecordObserved,
}: {
  draft: AssessmentDraft;
  update: Update;
  onFlush: () => void;
  onRecordObserved: () => void;
}) {
  const notSafe = draft.safeToAsk === "no" || draft.safeToAsk === "not-known";
  const text = (
    key: "notSafeReason" | "safetyNote" | "returnOn" | "returnHow",
    value: string,
    immediate = false,
  ): void => {
    const next = { ...draft };
    if (value === "") delete next[key];
    else next[key] = value;
    update(next, immediate);
  };
  return (
    <>
      <ScreenHeading>Is it safe to ask the questions now?</ScreenHeading>
      <fieldset className="form-field radios" id="safe-to-ask" tabIndex={-1}>
        <legend className="form-field__label">
          Is it safe to ask the questions now? The person harming them is not present and they can speak freely
        </legend>
        {ANSWER_OPTIONS.map((value) => (
          <label key={value} className="radios__item">
            <input
              type="radio"
              name="safe-to-ask"
              value={value}
              checked={draft.safeToAsk === value}
              onChange={() => {
                const next: AssessmentDraft = { ...draft, safeToAsk: value };
                if (value === "yes") delete next.observedOnly;
                update(next, true);
              }}
            />
            {ANSWER_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {notSafe && (
        <>
          <div className="notice">
            <p>
              <strong>Do not ask the questions now.</strong> Agree a safe way and time to come back, and record it
              below.
            </p>
          </div>
          <div className="form-field">
            <label className="form-field__label" htmlFor="not-safe-reason">
              Why is it not safe to ask now?
            </label>
            <p id="not-safe-reason-hint" className="form-field__hint">
              For example: he answered the door and stayed in the room.
            </p>
            <textarea
              id="not-safe-reason"
              className="form-field__textarea"
              rows={3}
              aria-describedby="not-safe-reason-hint"
              value={draft.notSafeReason ?? ""}
              onChange={(event) => text("notSafeReason", event.target.value)}
              onBlur={onFlush}
            />
          </div>
          <div className="form-field">
            <label className="form-field__label" htmlFor="safety-note">
              Short safety note
            </label>
            <p id="safety-note-hint" className="form-field__hint">
              What you did or advised there and then, for example: gave the 999 and 55 advice discreetly.
            </p>
            <textarea
              id="safety-note"
              className="form-field__textarea"
              rows={3}
              aria-describedby="safety-note-hint"
              value={draft.safetyNote ?? ""}
              onChange={(event) => text("safetyNote", event.target.value)}
              onBlur={onFlush}
            />
          </div>
          <fieldset className="form-field reminder">
            <legend className="form-field__label">Reminder to return</legend>
            <div className="form-field">
              <label className="form-field__label" htmlFor="return-on">
                Come back by (date)
              </label>
              <input
                id="return-on"
                type="date"
                className="form-field__input form-field__input--date"
                value={draft.returnOn ?? ""}
                onChange={(event) => text("returnOn", event.target.value, true)}
              />
            </div>
            <div className="form-field">
              <label className="form-field__label" htmlFor="return-how">
                The safe way to come back that was agreed
              </label>
              <input
                id="return-how"
                className="form-field__input"
                autoComplete="off"
                value={draft.returnHow ?? ""}
                onChange={(event) => text("returnHow", event.target.value)}
                onBlur={onFlush}
              />
            </div>
          </fieldset>
          <h2>Record what you saw or know from records</h2>
          <p>
            You can still record what you saw yourself or know from records, such as a mark on the neck seen at the
            door. Nothing will be asked of the victim.
          </p>
          <button type="button" className="button button--secondary" onClick={onRecordObserved}>
            Record what you saw or know from records
          </button>
        </>
      )}
    </>
  );
}

function SectionStep({
  draft,
  section,
  update,
  onFlush,
  outcome,
  showErrorsKey,
}: {
  draft: AssessmentDraft;
  section: SectionId;
  update: Update;
  onFlush: () => void;
  outcome: Outcome | null;
  showErrorsKey: number;
}) {
  const observedOnly = draft.safeToAsk !== "yes" && draft.observedOnly === true;
  return (
    <>
      <ScreenHeading>{SECTION_TITLES[section]}</ScreenHeading>
      {observedOnly && (
        <div className="notice">
          <p>Record only what you saw yourself or know from records. Do not ask these questions now.</p>
        </div>
      )}
      {isQuestionSection(section) ? (
        questionsFor(draft, section).map((question) => (
          <QuestionField
            key={question.id}
            draft={draft}
            question={question}
            observedOnly={observedOnly}
            update={update}
            onFlush={onFlush}
          />
        ))
      ) : section === "exploitation" ? (
        <ExploitationFields draft={draft} update={update} />
      ) : (
        <CareAndSupportFields draft={draft} update={update} onFlush={onFlush} />
      )}
      {section === "vulnerability" &&
        (outcome === null ? (
          <p>Your BRAG colour can be recorded once the role and the safe-to-ask question are answered.</p>
        ) : (
          <BragJudgementForm
            computedColour={outcome.computedBrag}
            {...(draft.bragJudgement === undefined ? {} : { current: draft.bragJudgement })}
            entry={draft.bragEntry}
            onChange={(judgement) => update(withBragEntry(draft, judgement, judgement), true)}
            onEntryChange={(entry, valid, typing) => update(withBragEntry(draft, entry, valid), !typing)}
            showErrorsKey={showErrorsKey}
          />
        ))}
    </>
  );
}

function fieldId(questionId: string): string {
  return `q-${questionId.replace(/\./g, "-")}`;
}

function QuestionField({
  draft,
  question,
  observedOnly,
  update,
  onFlush,
}: {
  draft: AssessmentDraft;
  question: Question;
  observedOnly: boolean;
  update: Update;
  onFlush: () => void;
}) {
  const id = fieldId(question.id);
  const entry = draft.answers[question.id];
  const sources = observedOnly ? OBSERVED_SOURCES : ANSWER_SOURCES;
  const setEntry = (next: DraftAnswer | undefined, immediate: boolean): void => {
    const answers = { ...draft.answers };
    if (next === undefined) delete answers[question.id];
    else answers[question.id] = next;
    update({ ...draft, answers }, immediate);
  };
  return (
    <fieldset className="form-field radios question" id={id} aria-describedby={`${id}-hint`}>
      <legend className="form-field__label">{question.wording}</legend>
      <p id={`${id}-hint`} className="form-field__hint">
        {question.help}
      </p>
      {ANSWER_OPTIONS.map((value) => (
        <label key={value} className="radios__item">
          <input
            type="radio"
            name={id}
            value={value}
            checked={entry?.answer === value}
            onChange={() => {
              const source = entry?.source ?? (observedOnly ? "observed" : undefined);
              setEntry({ ...entry, answer: value, ...(source === undefined ? {} : { source }) }, true);
            }}
          />
          {ANSWER_LABELS[value]}
        </label>
      ))}
      {entry !== undefined && (
        <>
          <div className="form-field">
            <label className="form-field__label" htmlFor={`${id}-detail`}>
              Detail (optional)
            </label>
            <textarea
              id={`${id}-detail`}
              className="form-field__textarea"
              rows={2}
              value={entry.detail ?? ""}
              onChange={(event) => setEntry({ ...entry, detail: event.target.value }, false)}
              onBlur={onFlush}
            />
          </div>
          <div className="form-field">
            <label className="form-field__label" htmlFor={`${id}-source`}>
              Source
            </label>
            <select
              id={`${id}-source`}
              className="form-field__select"
              value={entry.source ?? ""}
              onChange={(event) => {
                const source = (sources as readonly string[]).includes(event.target.value)
                  ? (event.target.value as AnswerSource)
                  : undefined;
                const { source: _old, ...rest } = entry;
                setEntry(source === undefined ? rest : { ...rest, source }, true);
              }}
            >
              {!observedOnly && <option value="">Not recorded</option>}
              {sources.map((source) => (
                <option key={source} value={source}>
                  {SOURCE_LABELS[source]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </fieldset>
  );
}

function withContext(draft: AssessmentDraft, change: (context: CaseContext) => CaseContext): AssessmentDraft {
  return { ...draft, context: change({ ...(draft.context ?? {}) }) };
}

function toggle<T extends string>(list: readonly T[] | undefined, value: T, on: boolean): T[] {
  const rest = (list ?? []).filter((item) => item !== value);
  return on ? [...rest, value] : rest;
}

/** Ticks or unticks one tag of a context tag list; an empty list is removed (absent = not recorded). */
function withContextTag<K extends "exploitation" | "substanceUse">(
  draft: AssessmentDraft,
  field: K,
  tag: NonNullable<CaseContext[K]>[number],
  on: boolean,
): AssessmentDraft {
  return withContext(draft, (context) => {
    const next = toggle(context[field] as readonly string[] | undefined, tag, on);
    if (next.length > 0) (context as Record<string, unknown>)[field] = next;
    else delete context[field];
    return context;
  });
}

function ExploitationFields({ draft, update }: { draft: AssessmentDraft; update: Update }) {
  const tags = draft.context?.exploitation ?? [];
  return (
    <fieldset className="form-field checkboxes">
      <legend className="form-field__label">Tick any form of exploitation the person describes or you know of</legend>
      {EXPLOITATION_TAGS.map((tag) => {
        const prompt = EXPLOITATION_PROMPTS.find((item) => item.field === `context.exploitation.${tag}`);
        const id = `exploitation-${tag}`;
        return (
          <div key={tag} className="checkbox">
            <input
              id={id}
              type="checkbox"
              checked={tags.includes(tag)}
              aria-describedby={`${id}-hint`}
              onChange={(event) => {
                update(withContextTag(draft, "exploitation", tag, event.target.checked), true);
              }}
            />
            <label htmlFor={id}>{prompt?.label ?? tag}</label>
            <p id={`${id}-hint`} className="form-field__hint">
              {prompt?.wording}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

type CareTest = "needs" | "abuseOrNeglect" | "unableToProtectSelf";
const CARE_TESTS: readonly CareTest[] = ["needs", "abuseOrNeglect", "unableToProtectSelf"];

function CareAndSupportFields({
  draft,
  update,
  onFlush,
}: {
  draft: AssessmentDraft;
  update: Update;
  onFlush: () => void;
}) {
  const care = draft.context?.careAndSupport ?? {};
  const promptFor = (field: string) => CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field);
  const setCare = (
    change: Partial<typeof care> | ((current: typeof care) => typeof care),
    immediate: boolean,
  ): void => {
    update(
      withContext(draft, (context) => {
        const current = { ...(context.careAndSupport ?? {}) };
        context.careAndSupport = typeof change === "function" ? change(current) : { ...current, ...change };
        return context;
      }),
      immediate,
    );
  };
  return (
    <>
      {CARE_TESTS.map((test) => {
        const prompt = promptFor(`context.careAndSupport.${test}`);
        const id = `care-${test}`;
        return (
          <fieldset key={test} className="form-field radios question" id={id} aria-describedby={`${id}-hint`}>
            <legend className="form-field__label">{prompt?.wording}</legend>
            <p id={`${id}-hint`} className="form-field__hint">
              {prompt?.help}
            </p>
            {ANSWER_OPTIONS.map((value) => (
              <label key={value} className="radios__item">
                <input
                  type="radio"
                  name={id}
                  value={value}
                  checked={care[test] === value}
                  onChange={() => setCare({ [test]: value }, true)}
                />
                {ANSWER_LABELS[value]}
              </label>
            ))}
          </fieldset>
        );
      })}
      <fieldset className="form-field checkboxes">
        <legend className="form-field__label">{promptFor("context.careAndSupport.needsKinds")?.wording}</legend>
        {CARE_NEEDS_KINDS.map((kind) => (
          <div key={kind} className="checkbox">
            <input
              id={`care-kind-${kind}`}
              type="checkbox"
              checked={care.needsKinds?.includes(kind) ?? false}
              onChange={(event) => {
                const checked = event.target.checked;
                setCare((current) => {
                  const next = toggle(current.needsKinds, kind, checked);
                  const { needsKinds: _old, ...rest } = current;
                  return next.length > 0 ? { ...rest, needsKinds: next } : rest;
                }, true);
              }}
            />
            <label htmlFor={`care-kind-${kind}`}>{kind.replace(/-/g, " ")}</label>
          </div>
        ))}
      </fieldset>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-capacity">
          {promptFor("context.careAndSupport.capacity")?.label}
        </label>
        <select
          id="care-capacity"
          className="form-field__select"
          value={care.capacity ?? ""}
          onChange={(event) => {
            const value = event.target.value;
            setCare((current) => {
              const { capacity: _old, ...rest } = current;
              return (CAPACITY_VALUES as readonly string[]).includes(value)
                ? { ...rest, capacity: value as (typeof CAPACITY_VALUES)[number] }
                : rest;
            }, true);
          }}
        >
          <option value="">Not recorded</option>
          {CAPACITY_VALUES.map((value) => (
            <option key={value} value={value}>
              {value.replace(/-/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-rationale">
          {promptFor("context.careAndSupport.rationale")?.label}
        </label>
        <textarea
          id="care-rationale"
          className="form-field__textarea"
          rows={3}
          value={care.rationale ?? ""}
          onChange={(event) => setCare({ rationale: event.target.value }, false)}
          onBlur={onFlush}
        />
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-housing">
          {promptFor("context.housing")?.label}
        </label>
        <select
          id="care-housing"
          className="form-field__select"
          value={draft.context?.housing ?? ""}
          onChange={(event) => {
            const value = event.target.value;
            update(
              withContext(draft, (context) => {
                if ((HOUSING_TAGS as readonly string[]).includes(value))
                  context.housing = value as (typeof HOUSING_TAGS)[number];
                else delete context.housing;
                return context;
              }),
              true,
            );
          }}
        >
          <option value="">Not recorded</option>
          {HOUSING_TAGS.map((tag) => (
            <option key={tag} value={tag}>
              {tag.replace(/-/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="form-field checkboxes">
        <legend className="form-field__label">{promptFor("context.substanceUse")?.wording}</legend>
        {SUBSTANCE_USE_TAGS.map((tag) => (
          <div key={tag} className="checkbox">
            <input
              id={`substance-${tag}`}
              type="checkbox"
              checked={draft.context?.substanceUse?.includes(tag) ?? false}
              onChange={(event) => {
                update(withContextTag(draft, "substanceUse", tag, event.target.checked), true);
              }}
            />
            <label htmlFor={`substance-${tag}`}>{tag}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

function CheckAnswers({
  draft,
  sections,
  onChangeStep,
  issues,
  focusKey,
  onComplete,
  fromDetailsUsed,
  fromDetails,
  policyName,
}: {
  draft: AssessmentDraft;
  sections: readonly SectionId[];
  onChangeStep: (page: PageKey) => void;
  issues: readonly ValidationIssue[];
  focusKey: number;
  onComplete: () => void;
  fromDetailsUsed: readonly ("children" | "perpetratorChecks")[];
  fromDetails: ContextFromDetails | null;
  /** The local policy in use, or null for the shipped default. */
  policyName: string | null;
}) {
  const errors = issues.map(summaryErrorFor);
  const notSafe = draft.safeToAsk !== undefined && draft.safeToAsk !== "yes";
  const judgement = draft.professionalJudgement;
  const brag = sections.includes("vulnerability") ? draft.bragJudgement : undefined;
  const leftOut = (fromDetails?.childrenWithoutRelationship ?? 0) + (fromDetails?.adultsLeftOut ?? 0);
  return (
    <>
      <ScreenHeading>Check your answers</ScreenHeading>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <dl className="summary-list" id="check-answers-list" tabIndex={-1}>
        <div className="summary-list__row">
          <dt>Assessor</dt>
          <dd id="check-assessor" tabIndex={-1}>
            {draft.assessor.role === undefined ? "Not given" : ROLE_LABELS[draft.assessor.role]}
            {draft.assessor.agency ? `, ${draft.assessor.agency}` : ""}
          </dd>
          <dd>
            <button type="button" className="link-button" onClick={() => onChangeStep("who")}>
              Change<span className="visually-hidden"> who is assessing</span>
            </button>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Safe to ask</dt>
          <dd id="check-safe-to-ask" tabIndex={-1}>
            {draft.safeToAsk === undefined ? "Not answered" : ANSWER_LABELS[draft.safeToAsk]}
            {notSafe && draft.notSafeReason ? `: ${draft.notSafeReason}` : ""}
          </dd>
          <dd>
            <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
              Change<span className="visually-hidden"> whether it is safe to ask</span>
            </button>
          </dd>
        </div>
        {notSafe && (
          <>
            <div className="summary-list__row">
              <dt>Safety note</dt>
              <dd>{draft.safetyNote?.trim() || "None recorded"}</dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
                  Change<span className="visually-hidden"> safety note</span>
                </button>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Reminder to return</dt>
              <dd>
                {draft.returnOn ? `By ${draft.returnOn}` : "No date set"}
                {draft.returnHow?.trim() ? `: ${draft.returnHow.trim()}` : ""}
              </dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
                  Change<span className="visually-hidden"> reminder to return</span>
                </button>
              </dd>
            </div>
          </>
        )}
      </dl>
      {notSafe && (
        <div className="notice">
          <p>
            The completed assessment records that it was not safe to ask. The reason, safety note and reminder are kept
            with it and shown when it is read back. They are never put in a referral pack.
          </p>
        </div>
      )}
      <AnswersSummary
        questionSet={questionSetOf(draft)}
        answers={draft.answers}
        context={draft.context}
        sections={sections}
        onChange={(section) => onChangeStep(section)}
      />
      <section aria-labelledby="check-judgement">
        <h2 id="check-judgement">Judgement</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>Professional judgement</dt>
            <dd id="check-judgement" tabIndex={-1}>
              {judgement !== undefined
                ? `${LEVEL_LABELS[judgement.level]}: ${judgement.rationale}`
                : draft.judgementEntry !== undefined
                  ? `Not finished: ${LEVEL_LABELS[draft.judgementEntry.level]}: ${draft.judgementEntry.rationale.trim() || "no reason given"}`
                  : "None recorded"}
            </dd>
            <dd>
              <button type="button" className="link-button" onClick={() => onChangeStep("judgement")}>
                Change<span className="visually-hidden"> professional judgement</span>
              </button>
            </dd>
          </div>
          {sections.includes("vulnerability") && (
            <div className="summary-list__row">
              <dt>Your BRAG colour</dt>
              <dd id="check-brag" tabIndex={-1}>
                {brag !== undefined
                  ? `${COLOUR_LABELS[brag.colour]}: ${brag.rationale}`
                  : draft.bragEntry !== undefined
                    ? `Not finished: ${COLOUR_LABELS[draft.bragEntry.colour]}: ${draft.bragEntry.rationale.trim() || "no reason given"}`
                    : "None recorded"}
              </dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("vulnerability")}>
                  Change<span className="visually-hidden"> your BRAG colour</span>
                </button>
              </dd>
            </div>
          )}
        </dl>
      </section>
      {(fromDetailsUsed.length > 0 || leftOut > 0) && (
        <section aria-labelledby="check-case-details">
          <h2 id="check-case-details">Taken from the case details</h2>
          <p>These facts are not asked again here: they come from the case details. Change them there.</p>
          <dl className="summary-list">
            {fromDetailsUsed.includes("children") && (
              <div className="summary-list__row">
                <dt>Children</dt>
                <dd>{childrenText(fromDetails?.context.children)}</dd>
              </div>
            )}
            {fromDetailsUsed.includes("perpetratorChecks") && fromDetails?.context.perpetratorChecks !== undefined && (
              <div className="summary-list__row">
                <dt>Checks on the perpetrator</dt>
                <dd>{CHECKS_LABELS[fromDetails.context.perpetratorChecks]}</dd>
              </div>
            )}
          </dl>
          {leftOut > 0 && (
            <p>
              {leftOut === 1 ? "One child in the case details is" : `${leftOut} children in the case details are`} left
              out: their relationship to the perpetrator is not recorded, or they are now 18 or over.
            </p>
          )}
        </section>
      )}
      <p>Policy: {policyName ?? "the shipped default"}.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onComplete}>
          Complete assessment
        </button>
      </div>
    </>
  );
}

/** A validation issue as an error-summary row linking to the check-your-answers row it is about. */
function summaryErrorFor(issue: ValidationIssue): { fieldId: string; message: string } {
  if (issue.path.startsWith("assessor"))
    return { fieldId: "check-assessor", message: "Choose your role under Who is assessing" };
  if (issue.path === "professionalJudgement") return { fieldId: "check-judgement", message: issue.message };
  if (issue.path === "bragJudgement") return { fieldId: "check-brag", message: issue.message };
  if (issue.path === "safeToAsk")
    return { fieldId: "check-safe-to-ask", message: "Say whether it is safe to ask the questions now" };
  const answerId = issue.path.startsWith("answers.") ? issue.path.slice("answers.".length) : null;
  if (answerId !== null && questionById(answerId) !== undefined) {
    return { fieldId: "check-answers-list", message: `${questionById(answerId)!.riskFactor}: ${issue.message}` };
  }
  return { fieldId: "check-answers-list", message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
}
