// What changed since the last completed assessment of this case: level, colour, new and dropped
// rule-floor reasons, pathways and answers, each in words.
import { useId } from "react";
import { nothingChanged, type AssessmentChanges } from "../../domain/rules/assessment-changes";
import { questionById } from "../../domain/question-sets/question-set-registry";
import { ANSWER_LABELS, COLOUR_LABELS, LEVEL_LABELS } from "./answers-summary";
import { PATHWAY_LABELS } from "./risk-panel";

const DECISION_WORDS = { refer: "refer", consider: "consider", "not-met": "not met", none: "not listed" } as const;
const stateWords = (state: keyof typeof ANSWER_LABELS | "not-asked"): string =>
  state === "not-asked" ? "not asked" : ANSWER_LABELS[state].toLowerCase();

export function WhatChanged({ changes }: { changes: AssessmentChanges }) {
  const titleId = useId();
  return (
    <section className="what-changed" aria-labelledby={titleId}>
      <h2 id={titleId}>What changed since the last assessment ({changes.previousDate})</h2>
      {nothingChanged(changes) ? (
        <p>Nothing has changed so far.</p>
      ) : (
        <ul className="risk-panel__list">
          {changes.level && (
            <li>
              Risk level: {LEVEL_LABELS[changes.level.before]} then,{" "}
              <strong>{LEVEL_LABELS[changes.level.after]}</strong> now
            </li>
          )}
          {changes.colour && (
            <li>
              BRAG colour: {COLOUR_LABELS[changes.colour.before]} then,{" "}
              <strong>{COLOUR_LABELS[changes.colour.after]}</strong> now
            </li>
          )}
          {changes.newReasons.map((reason) => (
            <li key={`new-${reason.rule}`}>New reason the level cannot be lower: {reason.reason}</li>
          ))}
          {changes.droppedReasons.map((reason) => (
            <li key={`dropped-${reason.rule}`}>No longer applies (check why): {reason.reason}</li>
          ))}
          {changes.pathways.map((change) => (
            <li key={change.pathway}>
              {PATHWAY_LABELS[change.pathway]}: {DECISION_WORDS[change.before]} then,{" "}
              <strong>{DECISION_WORDS[change.after]}</strong> now
            </li>
          ))}
          {changes.answers.map((change) => (
            <li key={change.id}>
              {questionById(change.id)?.riskFactor ?? change.id}: {stateWords(change.before)} then,{" "}
              <strong>{stateWords(change.after)}</strong> now
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
