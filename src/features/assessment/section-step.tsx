// One section of questions (or a context section), with the BRAG colour form on the vulnerability page.
import { ANSWER_SOURCES, type AnswerSource } from "../../domain/answers";
import type { Outcome } from "../../domain/outcome";
import type { Question } from "../../domain/question-sets/question-schema";
import { ScreenHeading } from "../../ui/screen-heading";
import {
  isQuestionSection,
  questionsFor,
  SECTION_TITLES,
  withBragEntry,
  type AssessmentDraft,
  type DraftAnswer,
  type DraftUpdate,
  type SectionId,
} from "./assessment-draft";
import { ANSWER_LABELS, ANSWER_OPTIONS, SOURCE_LABELS } from "./answers-summary";
import { BragJudgementForm } from "./brag-judgement-form";
import { CareAndSupportFields, ExploitationFields } from "./care-and-support-fields";

const OBSERVED_SOURCES: readonly AnswerSource[] = ["observed", "records"];

export function SectionStep({
  draft,
  section,
  update,
  onFlush,
  outcome,
  showErrorsKey,
}: {
  draft: AssessmentDraft;
  section: SectionId;
  update: DraftUpdate;
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
  update: DraftUpdate;
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
