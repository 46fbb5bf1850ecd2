// The questions of one section for a DASH set (supplementary sections are the same in every set).
import {
  QUESTION_SETS,
  SUPPLEMENTARY_QUESTIONS,
  type QuestionSetId,
} from "../../domain/question-sets/question-set-registry";
import type { Question, QuestionSection } from "../../domain/question-sets/question-schema";

export function questionsOfSection(questionSet: QuestionSetId, section: QuestionSection): readonly Question[] {
  const dash = QUESTION_SETS[questionSet].questions.filter((question) => question.section === section);
  return dash.length > 0 ? dash : SUPPLEMENTARY_QUESTIONS.filter((question) => question.section === section);
}
