// One assessment, one short screen at a time (GOV.UK question pages). Every change is saved as a
// draft straight away; "Complete assessment" validates, runs the engine and stores the outcome.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ANSWER_SOURCES, ASSESSOR_ROLES, type AnswerSource, type AnswerValue, type AssessorRole } from "../../domain/answers";
import { assessCase } from "../../domain/assess";
import { CARE_NEEDS_KINDS, CAPACITY_VALUES, EXPLOITATION_TAGS, HOUSING_TAGS, SUBSTANCE_USE_TAGS, validateCaseFile, type CaseContext } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import { DEFAULT_POLICY } from "../../domain/policy";
import { EXPLOITATION_PROMPTS, CARE_AND_SUPPORT_PROMPTS } from "../../domain/question-sets/context-prompts";
import { dashIdsFor, QUESTION_SET_IDS, QUESTION_SETS, questionById, type QuestionSetId } from "../../domain/question-sets/question-set-registry";
import type { Question } from "../../domain/question-sets/question-schema";
import type { ValidationIssue } from "../../domain/validation-issues";
import { createDraftAutosaver, type DraftAutosaver } from "../../storage/autosave";
import type { VaultSession } from "../../storage/vault";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import {
  defaultQuestionSet,
  emptyDraft,
  isQuestionSection,
  questionSetOf,
  questionsFor,
  readDraft,
  SECTION_TITLES,
  toCaseFile,
  visibleSections,
  type AssessmentDraft,
  type DraftAnswer,
  type SectionId,
} from "./assessment-draft";
import "./assessment.css";
import { RiskPanel } from "./risk-panel";
import { TimelineView } from "./timeline-view";

export interface AssessmentScreenProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /** Slot for the live risk panel; given the outcome so far (null while the draft is incomplete). */
  renderRiskPanel?: (outcome: Outcome | null) => ReactNode;
}

const ROLE_LABELS: Record<AssessorRole, string> = {
  police: "Police",
  idva: "IDVA",
  "drug-alcohol-service": "Drug and alcohol service",
  "adult-social-care": "Adult social care",
  "childrens-services": "Children's services",
  health: "Health",
  housing: "Housing",
  probation: "Probation",
  other: "Other",
};
const ANSWER_LABELS: Record<AnswerValue, string> = { yes: "Yes", no: "No", "not-known": "Not known" };
const SOURCE_LABELS: Record<AnswerSource, string> = {
  victim: "Victim",
  observed: "Observed",
  records: "Records",
  "third-party": "Third party",
};
const LEVEL_LABELS = { standard: "Standard", medium: "Medium", high: "High" } as const;
const OBSERVED_SOURCES: readonly AnswerSource[] = ["observed", "records"];
const ANSWER_OPTIONS: readonly AnswerValue[] = ["yes", "no", "not-known"];
/** Typed text is saved 400 ms after the last keystroke, and at least this often while typing goes on. */
const TYPING_MAX_WAIT_MS = 600;

type Loaded = { id: string; draft: AssessmentDraft } | { error: string };
type Completed = { outcome: Outcome };

/** Step 0: who is assessing; 1: safe-to-ask gate; 2..n+1: sections; n+2: check your answers. */
export function AssessmentScreen({ session, caseId, onClose, renderRiskPanel }: AssessmentScreenProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [step, setStep] = useState(0);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [completed, setCompleted] = useState<Completed | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const saverRef = useRef<DraftAutosaver<AssessmentDraft> | null>(null);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const assessmentId = loaded !== null && "id" in loaded ? loaded.id : null;

  useEffect(() => {
    let live = true;
    (async () => {
      const drafts = (await session.listAssessments(caseId)).filter((summary) => summary.status === "draft");
      const latest = drafts[0];
      if (latest === undefined) return { id: globalThis.crypto.randomUUID(), draft: emptyDraft(caseId) };
      const record = await session.getAssessment(latest.id);
      return { id: latest.id, draft: readDraft(record.content, caseId) };
    })().then(
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
    if (assessmentId === null) return undefined;
    const saver = createDraftAutosaver<AssessmentDraft>({
      session,
      save: async (draft) => {
        const set = QUESTION_SETS[questionSetOf(draft)];
        await session.saveAssessmentDraft({
          id: assessmentId,
          caseId,
          questionSetId: set.id,
          questionSetVersion: String(set.version),
          policyName: DEFAULT_POLICY.name,
          policyVersion: String(DEFAULT_POLICY.version),
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
  }, [session, caseId, assessmentId]);

  const draft = loaded !== null && "draft" in loaded ? loaded.draft : null;
  const liveOutcome = useMemo(() => {
    if (draft === null) return null;
    const result = validateCaseFile(toCaseFile(draft));
    return result.ok ? assessCase(result.caseFile) : null;
  }, [draft]);

  if (loaded === null) return <p role="status">Opening assessment…</p>;
  if ("error" in loaded || draft === null) {
    return (
      <div>
        <p role="alert">{"error" in loaded ? loaded.error : ""}</p>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }

  const id = loaded.id;
  const update = (next: AssessmentDraft, immediate = false): void => {
    setLoaded({ id, draft: next });
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

  if (completed !== null) {
    const level = LEVEL_LABELS[completed.outcome.riskLevel];
    return (
      <div className="assessment">
        <ScreenHeading>Assessment completed: {level} risk</ScreenHeading>
        {completed.outcome.escalations.length > 0 && (
          <>
            <h2>Why the risk cannot be lower</h2>
            <ul>
              {completed.outcome.escalations.map((escalation) => (
                <li key={escalation.rule}>{escalation.reason}</li>
              ))}
            </ul>
          </>
        )}
        {completed.outcome.provisional && <p>This outcome is provisional: some information is missing or not known.</p>}
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }

  const sections = visibleSections(draft);
  const totalSteps = sections.length + 3;
  const checkStep = totalSteps - 1;
  const currentStep = Math.min(step, checkStep);
  const go = (next: number): void => {
    flushNow();
    setIssues([]);
    setStep(next);
  };
  // The risk panel's to-do list links back to the question (or context section) it names.
  const goToField = (field: string): void => {
    const id = field.startsWith("answers.") ? field.slice("answers.".length) : null;
    const section = id ? questionById(id)?.section : field.startsWith("context.careAndSupport") ? "care-and-support" : undefined;
    const index = section === undefined ? -1 : sections.indexOf(section);
    if (index >= 0) go(index + 2);
  };

  const complete = async (): Promise<void> => {
    const candidate = toCaseFile(draft);
    const result = validateCaseFile(candidate);
    if (!result.ok) {
      setIssues(result.issues);
      setFocusKey((key) => key + 1);
      return;
    }
    const outcome = assessCase(result.caseFile);
    const saver = saverRef.current;
    try {
      // The draft row must exist before it can be completed.
      if (saver !== null) {
        saver.schedule(draft);
        await saver.flush();
      }
      saverRef.current = null;
      await session.completeAssessment({ id, content: result.caseFile, outcome, riskLevel: outcome.riskLevel });
      setCompleted({ outcome });
    } catch {
      setIssues([{ path: "", message: "The assessment could not be saved. Try again." }]);
      setFocusKey((key) => key + 1);
    }
  };

  let body: ReactNode;
  if (currentStep === 0) {
    body = <WhoStep draft={draft} update={update} />;
  } else if (currentStep === 1) {
    body = <GateStep draft={draft} update={update} onRecordObserved={() => {
      update({ ...draft, observedOnly: true }, true);
      go(2);
    }} />;
  } else if (currentStep === checkStep) {
    body = (
      <CheckAnswers
        draft={draft}
        sections={sections}
        onChange={(index) => go(index + 2)}
        onChangeStep={go}
        issues={issues}
        focusKey={focusKey}
        onComplete={() => void complete()}
      />
    );
  } else {
    const section = sections[currentStep - 2]!;
    body = <SectionStep draft={draft} section={section} update={update} onFlush={flushNow} />;
  }

  const safe = draft.safeToAsk === "yes" || draft.observedOnly === true;
  const canContinue = currentStep !== checkStep && (currentStep !== 1 || safe);

  return (
    <div className="assessment">
      <p className="assessment__progress">
        Section {currentStep + 1} of {totalSteps}
      </p>
      <p className="save-status" role="status" aria-live="polite">
        {saveFailed ? "Not saved yet. Your answers are kept on this screen and will be saved on the next change." : ""}
      </p>
      <div key={currentStep}>{body}</div>
      <div className="button-row">
        {currentStep > 0 && (
          <button type="button" className="button button--secondary" onClick={() => go(currentStep - 1)}>
            Back
          </button>
        )}
        {canContinue && (
          <button type="button" className="button" onClick={() => go(currentStep + 1)}>
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
      <aside aria-label="Risk so far" className="assessment__risk">
        {renderRiskPanel ? (
          renderRiskPanel(liveOutcome)
        ) : liveOutcome ? (
          <>
            <RiskPanel outcome={liveOutcome} onGoToQuestion={goToField} />
            <TimelineView outcome={liveOutcome} />
          </>
        ) : (
          <p>The risk picture appears once the assessor's role and the question set are chosen.</p>
        )}
      </aside>
    </div>
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
            update({ ...draft, assessor: role === undefined ? rest : { ...rest, role }, questionSet: defaultQuestionSet(role) }, true);
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

function GateStep({ draft, update, onRecordObserved }: { draft: AssessmentDraft; update: Update; onRecordObserved: () => void }) {
  const notSafe = draft.safeToAsk === "no" || draft.safeToAsk === "not-known";
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
          <div className="form-field">
            <label className="form-field__label" htmlFor="not-safe-reason">
              Why is it not safe to ask now?
            </label>
            <textarea
              id="not-safe-reason"
              className="form-field__textarea"
              rows={3}
              value={draft.notSafeReason ?? ""}
              onChange={(event) => update({ ...draft, notSafeReason: event.target.value })}
            />
          </div>
          <div className="notice">
            <p>Do not ask the questions now. Agree a safe way and time to return, and record it.</p>
          </div>
          <p>You can still record what you saw yourself or know from records. Nothing will be asked of the victim.</p>
          <button type="button" className="button button--secondary" onClick={onRecordObserved}>
            Record what you saw or know from records
          </button>
        </>
      )}
    </>
  );
}

function SectionStep({ draft, section, update, onFlush }: { draft: AssessmentDraft; section: SectionId; update: Update; onFlush: () => void }) {
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
          <QuestionField key={question.id} draft={draft} question={question} observedOnly={observedOnly} update={update} onFlush={onFlush} />
        ))
      ) : section === "exploitation" ? (
        <ExploitationFields draft={draft} update={update} />
      ) : (
        <CareAndSupportFields draft={draft} update={update} onFlush={onFlush} />
      )}
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
                const source = (sources as readonly string[]).includes(event.target.value) ? (event.target.value as AnswerSource) : undefined;
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

function CareAndSupportFields({ draft, update, onFlush }: { draft: AssessmentDraft; update: Update; onFlush: () => void }) {
  const care = draft.context?.careAndSupport ?? {};
  const promptFor = (field: string) => CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field);
  const setCare = (change: Partial<typeof care> | ((current: typeof care) => typeof care), immediate: boolean): void => {
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
                <input type="radio" name={id} value={value} checked={care[test] === value} onChange={() => setCare({ [test]: value }, true)} />
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
              return (CAPACITY_VALUES as readonly string[]).includes(value) ? { ...rest, capacity: value as (typeof CAPACITY_VALUES)[number] } : rest;
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
                if ((HOUSING_TAGS as readonly string[]).includes(value)) context.housing = value as (typeof HOUSING_TAGS)[number];
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
  onChange,
  onChangeStep,
  issues,
  focusKey,
  onComplete,
}: {
  draft: AssessmentDraft;
  sections: readonly SectionId[];
  onChange: (sectionIndex: number) => void;
  onChangeStep: (step: number) => void;
  issues: readonly ValidationIssue[];
  focusKey: number;
  onComplete: () => void;
}) {
  const dashIds = new Set(dashIdsFor(questionSetOf(draft)));
  const errors = issues.map(summaryErrorFor);
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
            <button type="button" className="link-button" onClick={() => onChangeStep(0)}>
              Change<span className="visually-hidden"> who is assessing</span>
            </button>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Safe to ask</dt>
          <dd id="check-safe-to-ask" tabIndex={-1}>
            {draft.safeToAsk === undefined ? "Not answered" : ANSWER_LABELS[draft.safeToAsk]}
            {draft.safeToAsk !== undefined && draft.safeToAsk !== "yes" && draft.notSafeReason ? `: ${draft.notSafeReason}` : ""}
          </dd>
          <dd>
            <button type="button" className="link-button" onClick={() => onChangeStep(1)}>
              Change<span className="visually-hidden"> whether it is safe to ask</span>
            </button>
          </dd>
        </div>
      </dl>
      {sections.map((section, index) => {
        if (!isQuestionSection(section)) {
          return <ContextSummary key={section} draft={draft} section={section} onChange={() => onChange(index)} />;
        }
        const questions = questionsFor(draft, section);
        return (
          <section key={section} aria-labelledby={`check-${section}`}>
            <h2 id={`check-${section}`}>{SECTION_TITLES[section]}</h2>
            <dl className="summary-list">
              {questions.map((question) => {
                const entry = draft.answers[question.id];
                if (entry === undefined && !dashIds.has(question.id)) return null;
                return (
                  <div key={question.id} className="summary-list__row">
                    <dt>{questionById(question.id)?.riskFactor ?? question.id}</dt>
                    <dd>
                      {entry === undefined ? "Not asked" : ANSWER_LABELS[entry.answer]}
                      {entry?.source !== undefined ? ` (${SOURCE_LABELS[entry.source]})` : ""}
                      {entry?.detail ? `: ${entry.detail}` : ""}
                    </dd>
                    <dd>
                      <button type="button" className="link-button" onClick={() => onChange(index)}>
                        Change<span className="visually-hidden"> {question.riskFactor}</span>
                      </button>
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
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
  if (issue.path.startsWith("assessor")) return { fieldId: "check-assessor", message: "Choose your role under Who is assessing" };
  if (issue.path === "safeToAsk") return { fieldId: "check-safe-to-ask", message: "Say whether it is safe to ask the questions now" };
  const answerId = issue.path.startsWith("answers.") ? issue.path.slice("answers.".length) : null;
  if (answerId !== null && questionById(answerId) !== undefined) {
    return { fieldId: "check-answers-list", message: `${questionById(answerId)!.riskFactor}: ${issue.message}` };
  }
  return { fieldId: "check-answers-list", message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
}

const CARE_TEST_LABELS: Record<CareTest, string> = {
  needs: "Care and support needs",
  abuseOrNeglect: "Experiencing or at risk of abuse or neglect",
  unableToProtectSelf: "Unable to protect self because of those needs",
};

function ContextSummary({ draft, section, onChange }: { draft: AssessmentDraft; section: SectionId; onChange: () => void }) {
  const context = draft.context ?? {};
  const rows: { label: string; value: string }[] =
    section === "exploitation"
      ? [
          {
            label: "Exploitation",
            value:
              (context.exploitation ?? [])
                .map((tag) => EXPLOITATION_PROMPTS.find((prompt) => prompt.field === `context.exploitation.${tag}`)?.label ?? tag)
                .join(", ") || "None recorded",
          },
        ]
      : [
          ...CARE_TESTS.map((test) => {
            const answer = context.careAndSupport?.[test];
            return { label: CARE_TEST_LABELS[test], value: answer === undefined ? "Not recorded" : ANSWER_LABELS[answer] };
          }),
          { label: "Housing", value: context.housing?.replace(/-/g, " ") ?? "Not recorded" },
        ];
  return (
    <section aria-labelledby={`check-${section}`}>
      <h2 id={`check-${section}`}>{SECTION_TITLES[section]}</h2>
      <dl className="summary-list">
        {rows.map((row) => (
          <div key={row.label} className="summary-list__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
            <dd>
              <button type="button" className="link-button" onClick={onChange}>
                Change<span className="visually-hidden"> {row.label.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
