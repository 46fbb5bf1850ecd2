// One question of a section page, laid out for a thumb: Yes, No and Not known as large targets on one
// row where the width allows, and the help and the answer's detail and source each behind a toggle,
// closed until asked for (the detail and source open by themselves when they already hold something).
// The answer's own source overrides the default chosen at the gate; left alone, the default applies.
import { useState } from "react";
import { ANSWER_SOURCES, type AnswerSource } from "../../domain/answers";
import type { Question } from "../../domain/question-sets/question-schema";
import { DisclosureButton } from "../../ui/disclosure-button";
import { Radios } from "../../ui/radios";
import { SelectField } from "../../ui/select-field";
import { TextArea } from "../../ui/text-area";
import {
  defaultSourceOf,
  isObservedRoute,
  type AssessmentDraft,
  type DraftAnswer,
  type DraftUpdate,
} from "./assessment-draft";
import { ANSWER_CHOICES, SOURCE_CHOICE_LABELS } from "./answers-summary";

/** When only what was seen or is on record may be recorded. */
const OBSERVED_SOURCES: readonly AnswerSource[] = ["observed", "records"];

export function questionFieldId(questionId: string): string {
  return `q-${questionId.replace(/\./g, "-")}`;
}

export function QuestionField({
  draft,
  question,
  update,
  onFlush,
}: {
  draft: AssessmentDraft;
  question: Question;
  update: DraftUpdate;
  onFlush: () => void;
}) {
  const id = questionFieldId(question.id);
  const entry = draft.answers[question.id];
  const [helpOpen, setHelpOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(() => entry?.source !== undefined || (entry?.detail ?? "").trim() !== "");
  const observedRoute = isObservedRoute(draft);
  const defaultSource = defaultSourceOf(draft);
  const allowed = observedRoute ? OBSERVED_SOURCES : ANSWER_SOURCES;
  // A source recorded before the gate changed stays shown as it is, never silently read as the default.
  const own = entry?.source;
  const sources = own === undefined || allowed.includes(own) ? allowed : [...allowed, own];
  const setEntry = (next: DraftAnswer, immediate: boolean): void => {
    update({ ...draft, answers: { ...draft.answers, [question.id]: next } }, immediate);
  };
  return (
    <Radios
      id={id}
      className="question"
      label={question.wording}
      choices={ANSWER_CHOICES}
      value={entry?.answer}
      onChange={(answer) => setEntry({ ...entry, answer }, true)}
    >
      <div className="question__tools">
        <DisclosureButton controls={`${id}-help`} open={helpOpen} onToggle={setHelpOpen}>
          Help<span className="visually-hidden"> with this question</span>
        </DisclosureButton>
        <DisclosureButton controls={`${id}-more`} open={moreOpen} onToggle={setMoreOpen}>
          Add detail or a different source
        </DisclosureButton>
      </div>
      <div id={`${id}-help`} className="question__panel question__help" hidden={!helpOpen}>
        <p>{question.help}</p>
      </div>
      <div id={`${id}-more`} className="question__panel" hidden={!moreOpen}>
        {entry === undefined ? (
          <p>Choose an answer first, then add its detail or a different source.</p>
        ) : (
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
              label="Source of this answer"
              emptyChoice={`As chosen for all answers: ${SOURCE_CHOICE_LABELS[defaultSource]}`}
              choices={sources.map((source) => ({ value: source, label: SOURCE_CHOICE_LABELS[source] }))}
              value={entry.source}
              onChange={(source) => {
                const { source: _old, ...rest } = entry;
                setEntry(source === undefined ? rest : { ...rest, source }, true);
              }}
            />
          </>
        )}
      </div>
    </Radios>
  );
}
