// What moved the risk level, in a few plain words, for the summary that stays on screen while the
// questions are answered ("strangulation answered yes"). Pure: compares the answers and outcome
// before and after one change of the draft.
import type { AnswerValue } from "../../domain/answers";
import { labelForFloorRule } from "../../domain/labels/labels";
import type { Outcome } from "../../domain/outcome";
import { questionById } from "../../domain/question-sets/question-set-registry";
import type { DraftAnswer } from "./assessment-draft";

export interface DraftState {
  answers: Readonly<Record<string, DraftAnswer>>;
  outcome: Outcome | null;
}

const ANSWER_WORDS: Record<AnswerValue | "removed", string> = {
  yes: "answered yes",
  no: "answered no",
  "not-known": "answered not known",
  removed: "no longer answered",
};

/** The ids whose answer (not detail or source) differs, in the order of the later answers. */
function changedAnswerIds(before: DraftState["answers"], after: DraftState["answers"]): string[] {
  const ids = new Set([...Object.keys(after), ...Object.keys(before)]);
  return [...ids].filter((id) => before[id]?.answer !== after[id]?.answer);
}

function answerWords(after: DraftState["answers"], id: string): string {
  return ANSWER_WORDS[after[id]?.answer ?? "removed"];
}

/** "Injury in this incident" → "injury in this incident": it follows other words in a sentence. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase("en-GB") + text.slice(1);
}

/**
 * Why the level moved between `before` and `after`: a rule that now sets the level and names the
 * changed answer ("strangulation answered yes"), else the changed answer ("injury in this incident
 * answered no"), else a professional judgement, else a fact recorded on another page.
 */
export function describeLevelChange(before: DraftState, after: DraftState): string {
  const changed = changedAnswerIds(before.answers, after.answers);
  const earlierRules = new Set(before.outcome?.escalations.map((escalation) => escalation.rule) ?? []);
  const newRules = (after.outcome?.escalations ?? []).filter((escalation) => !earlierRules.has(escalation.rule));
  for (const escalation of newRules) {
    const id = changed.find((changedId) => escalation.evidence.includes(changedId));
    if (id !== undefined) return `${labelForFloorRule(escalation.rule)} ${answerWords(after.answers, id)}`;
  }
  const id = changed.at(-1);
  if (id !== undefined) {
    const question = questionById(id);
    return `${question === undefined ? "a question" : lowerFirst(question.riskFactor)} ${answerWords(after.answers, id)}`;
  }
  if (newRules[0] !== undefined) return `rule floor: ${labelForFloorRule(newRules[0].rule)}`;
  const judged = (state: DraftState) => state.outcome?.professionalJudgement.applied === true;
  if (judged(after) !== judged(before)) {
    return judged(after) ? "professional judgement recorded" : "professional judgement taken away";
  }
  return "a fact recorded in this assessment";
}
