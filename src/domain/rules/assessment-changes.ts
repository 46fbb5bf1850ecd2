import type { BragColour, RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { answerOf, type AnswerState } from "../case-facts";
import type { Escalation, Outcome, PathwayDecision, PathwayName } from "../outcome";

// What changed since the last completed assessment of the same case. Reviews found each new
// assessment starting from a blank page, so a rising picture (a new strangulation, a new threat,
// a pathway newly met) was never seen as a change. This compares the previous completed
// assessment with the one being written, fact by fact, and returns each difference with the
// answer ids or rule names that make it.

export interface AssessmentSnapshot {
  caseFile: CaseFile;
  outcome: Outcome;
}

export interface AnswerChange {
  id: string;
  before: AnswerState;
  after: AnswerState;
}

export interface PathwayChange {
  pathway: PathwayName;
  /** "none" when the previous outcome did not list the pathway at all. */
  before: PathwayDecision | "none";
  after: PathwayDecision;
}

export interface AssessmentChanges {
  /** The previous assessment's date (Europe/London), as its outcome recorded it. */
  previousDate: string;
  level: { before: RiskLevel; after: RiskLevel } | null;
  colour: { before: BragColour; after: BragColour } | null;
  /** Answers that differ, in question-id order. A question asked now but not before is a change too. */
  answers: AnswerChange[];
  /** Rule-floor reasons present now whose rule did not apply last time. */
  newReasons: Escalation[];
  /** Rules that applied last time and do not now: shown so a drop is looked at, never silently accepted. */
  droppedReasons: Escalation[];
  pathways: PathwayChange[];
}

/** Answers whose value differs between the two case files (absent = not asked). */
export function changedAnswers(previous: CaseFile, current: CaseFile): AnswerChange[] {
  const ids = [...new Set([...Object.keys(previous.answers), ...Object.keys(current.answers)])].sort();
  const changes: AnswerChange[] = [];
  for (const id of ids) {
    const before = answerOf(previous, id);
    const after = answerOf(current, id);
    if (before !== after) changes.push({ id, before, after });
  }
  return changes;
}

/** Escalations of `current` whose rule is not among `previous`'s. */
export function escalationsNotIn(current: readonly Escalation[], previous: readonly Escalation[]): Escalation[] {
  const before = new Set(previous.map((escalation) => escalation.rule));
  return current.filter((escalation) => !before.has(escalation.rule));
}

/** Pathways whose decision differs (or that the previous outcome did not list). */
export function changedPathways(previous: Outcome, current: Outcome): PathwayChange[] {
  const before = new Map(previous.pathways.map((pathway) => [pathway.pathway, pathway.decision]));
  const changes: PathwayChange[] = [];
  for (const pathway of current.pathways) {
    const was = before.get(pathway.pathway) ?? "none";
    if (was !== pathway.decision) changes.push({ pathway: pathway.pathway, before: was, after: pathway.decision });
  }
  return changes;
}

export function changesSinceLastAssessment(
  previous: AssessmentSnapshot,
  current: AssessmentSnapshot,
): AssessmentChanges {
  const levelBefore = previous.outcome.riskLevel;
  const levelAfter = current.outcome.riskLevel;
  const colourBefore = previous.outcome.brag;
  const colourAfter = current.outcome.brag;
  return {
    previousDate: previous.outcome.assessmentDate,
    level: levelBefore === levelAfter ? null : { before: levelBefore, after: levelAfter },
    colour: colourBefore === colourAfter ? null : { before: colourBefore, after: colourAfter },
    answers: changedAnswers(previous.caseFile, current.caseFile),
    newReasons: escalationsNotIn(current.outcome.escalations, previous.outcome.escalations),
    droppedReasons: escalationsNotIn(previous.outcome.escalations, current.outcome.escalations),
    pathways: changedPathways(previous.outcome, current.outcome),
  };
}

/** True when nothing listed differs. */
export function nothingChanged(changes: AssessmentChanges): boolean {
  return (
    changes.level === null &&
    changes.colour === null &&
    changes.answers.length === 0 &&
    changes.newReasons.length === 0 &&
    changes.droppedReasons.length === 0 &&
    changes.pathways.length === 0
  );
}
