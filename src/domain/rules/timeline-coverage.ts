// What the answers say about a homicide-timeline stage that has no evidence. "No evidence recorded"
// read as "checked, none" even when the questions about the stage were never asked (stages 2, 6
// and 7 come only from the optional timeline questions) or were answered "not known". So a stage
// without evidence is one of three things, each worded for what the data holds:
//   - answered no: every question about the stage was answered, and no (the checklist's own
//     questions about it, and any optional one that was answered);
//   - not known: some of those questions are unanswered or answered "not known";
//   - nothing recorded: no question about the stage was answered (and the checklist asks none).
// A map for spotting progression, never a prediction: nothing here changes a level or a stage.
import type { CaseFile } from "../case-file";
import { answerOf } from "../case-facts";
import { dashIdsFor, questionById, SUPPLEMENTARY_QUESTIONS } from "../question-sets/question-set-registry";

export type StageCoverage =
  { kind: "answered-no"; questions: number } | { kind: "not-known"; questions: number } | { kind: "nothing-recorded" };

/** The questions that speak to `stage`: the checklist's always, an optional one once answered. */
function questionsAbout(caseFile: CaseFile, stage: number): string[] {
  const checklist = dashIdsFor(caseFile.questionSet).filter((id) =>
    (questionById(id)?.timelineStages ?? []).includes(stage),
  );
  const optional = SUPPLEMENTARY_QUESTIONS.filter(
    (question) => question.timelineStages.includes(stage) && caseFile.answers[question.id] !== undefined,
  ).map((question) => question.id);
  return [...checklist, ...optional];
}

/** How far the answers looked at a stage: for the words shown when it has no evidence. */
export function stageCoverage(caseFile: CaseFile, stage: number): StageCoverage {
  const ids = questionsAbout(caseFile, stage);
  if (ids.length === 0) return { kind: "nothing-recorded" };
  const open = ids.filter((id) => answerOf(caseFile, id) !== "no" && answerOf(caseFile, id) !== "yes");
  if (open.length > 0) return { kind: "not-known", questions: open.length };
  return { kind: "answered-no", questions: ids.length };
}
