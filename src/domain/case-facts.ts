import type { AnswerValue } from "./answers";
import type { AnswerEntry, CaseFile } from "./case-file";

// Reading the case file the way the rules of interpretation define each fact. An absent answer
// is "not asked" and an absent context field is "not recorded": neither is ever "no".

export type AnswerState = AnswerValue | "not-asked";

export function answerValueOf(entry: AnswerEntry | undefined): AnswerState {
  if (entry === undefined) return "not-asked";
  return typeof entry === "string" ? entry : entry.answer;
}

export function answerOf(caseFile: CaseFile, id: string): AnswerState {
  return answerValueOf(caseFile.answers[id]);
}

export function isYes(caseFile: CaseFile, id: string): boolean {
  return answerOf(caseFile, id) === "yes";
}

/** Ids answered yes among `ids`, in the order given. */
export function yesIds(caseFile: CaseFile, ids: readonly string[]): string[] {
  return ids.filter((id) => isYes(caseFile, id));
}

export function answeredIds(caseFile: CaseFile, prefix: string): string[] {
  return Object.keys(caseFile.answers).filter((id) => id.startsWith(prefix));
}

/** Separation: `dash.separation` yes, or `context.separation.status` planned or recent. */
export function separationEvidence(caseFile: CaseFile): string[] {
  const evidence: string[] = [];
  if (isYes(caseFile, "dash.separation")) evidence.push("dash.separation");
  const status = caseFile.context?.separation?.status;
  if (status === "planned" || status === "recent") evidence.push("context.separation");
  return evidence;
}

/** Children present: `context.children` non-empty, or `dash.children-not-perpetrators` yes. */
export function childrenEvidence(caseFile: CaseFile): string[] {
  const evidence: string[] = [];
  if ((caseFile.context?.children?.length ?? 0) > 0) evidence.push("context.children");
  if (isYes(caseFile, "dash.children-not-perpetrators")) evidence.push("dash.children-not-perpetrators");
  return evidence;
}

/** Pregnancy: `context.pregnant` yes, or `dash.pregnancy` yes. */
export function pregnancyEvidence(caseFile: CaseFile): string[] {
  const evidence: string[] = [];
  if (caseFile.context?.pregnant === "yes") evidence.push("context.pregnant");
  if (isYes(caseFile, "dash.pregnancy")) evidence.push("dash.pregnancy");
  return evidence;
}

/** Children hurt or threatened by the perpetrator (police form questions). */
export function childrenHarmedEvidence(caseFile: CaseFile): string[] {
  return yesIds(caseFile, ["dash.hurt-children", "dash.threatened-children"]);
}
