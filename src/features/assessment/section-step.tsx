// One section of questions (or a context section), with the BRAG colour form on the vulnerability page.
import { ANSWER_SOURCES, type AnswerSource } from "../../domain/answers";
import type { Outcome } from "../../domain/outcome";
import type { Question } from "../../domain/question-sets/question-schema";
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { SelectField } from "../../ui/select-field";
import { TextArea } from "../../ui/text-area";
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
import { ANSWER_CHOICES, SOURCE_LABELS } from "./answers-summary";
import { BragJudgementForm } from "./brag-judgement-form";
import { CareAndSupportFields, ExploitationFields } from "./care-and-support-fields";

const sourceChoices = (sources: readonly AnswerSource[]) =>
  sources.map((source) => ({ value: source, label: SOURCE_LABELS[source] }));
const SOURCE_CHOICES = sourceChoices(ANSWER_SOURCES);
/** When only what was seen or is on record may be recorded. */
const OBSERVED_SOURCE_CHOICES = sourceChoices(["observed", "records"]);

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
  const setEntry = (next: DraftAnswer | undefined, immediate: boolean): void => {
    const answers = { ...draft.answers };
    if (next === undefined) delete answers[question.id];
    else answers[question.id] = next;
    update({ ...draft, answers }, immediate);
  };
  return (
    <Radios
      id={id}
      className="question"
      label={question.wording}
      hint={question.help}
      choices={ANSWER_CHOICES}
      value={entry?.answer}
      onChange={(value) => {
        const source = entry?.source ?? (observedOnly ? "observed" : undefined);
        setEntry({ ...entry, answer: value, ...(source === undefined ? {} : { source }) }, true);
      }}
    >
      {entry !== undefined && (
        <>
          <TextArea
            id={`${id}-detail`}
            label="Detail (optional)"
            rows={2}
            value={entry.detail}
            onChange={(detail) => setEntry({ ...entry, detail }, false)}
            onBlur={onFlush}
          />
          <SelectField
            id={`${id}-source`}
            label="Source"
            emptyChoice={observedOnly ? undefined : "Not recorded"}
            choices={observedOnly ? OBSERVED_SOURCE_CHOICES : SOURCE_CHOICES}
            value={entry.source}
            onChange={(source) => {
              const { source: _old, ...rest } = entry;
              setEntry(source === undefined ? rest : { ...rest, source }, true);
            }}
          />
        </>
      )}
    </Radios>
  );
}
