import type { CaseFile } from "../case-file";
import { pregnancyEvidence, separationEvidence, yesIds } from "../case-facts";
import type { TimelineStage } from "../outcome";

// The eight-stage homicide timeline: a map for spotting progression (separation → stalking →
// threats → planning), never a prediction. Stage 8 is never shown as reached.

export const TIMELINE_STAGE_NAMES: Record<number, string> = {
  1: "Pre-relationship history",
  2: "Early relationship",
  3: "Relationship",
  4: "Trigger",
  5: "Escalation",
  6: "Change in thinking",
  7: "Planning",
  8: "Homicide",
};

export interface TimelineInputs {
  /** Answer ids (yes) by the stages each evidences, from the question-set data. */
  stagesOfYesAnswers: readonly { id: string; stages: readonly number[] }[];
  /** Protective orders that gave order-expiring or order-expired-recently, as evidence paths. */
  triggeringOrders: readonly string[];
}

export function mapTimeline(
  caseFile: CaseFile,
  inputs: TimelineInputs,
): { stages: TimelineStage[]; highestStage: number | null } {
  const indicators = new Map<number, string[]>();
  const add = (stage: number, evidence: string) => {
    if (stage < 1 || stage > 7) return;
    const list = indicators.get(stage) ?? [];
    if (!list.includes(evidence)) list.push(evidence);
    indicators.set(stage, list);
  };
  for (const { id, stages } of inputs.stagesOfYesAnswers) for (const stage of stages) add(stage, id);
  const context = caseFile.context;
  for (const tag of context?.perpetratorHistory ?? []) add(1, `context.perpetratorHistory.${tag}`);
  for (const tag of context?.exploitation ?? []) add(3, `context.exploitation.${tag}`);
  // Stage 4 triggers defined by the rules of interpretation, whichever field records them.
  for (const evidence of separationEvidence(caseFile)) add(4, evidence);
  for (const evidence of pregnancyEvidence(caseFile)) add(4, evidence);
  for (const evidence of yesIds(caseFile, ["dash.child-contact-conflict"])) add(4, evidence);
  for (const evidence of inputs.triggeringOrders) add(4, evidence);
  const stages = [...indicators.keys()]
    .sort((a, b) => a - b)
    .map((stage) => ({ stage, name: TIMELINE_STAGE_NAMES[stage]!, indicators: indicators.get(stage)! }));
  return { stages, highestStage: stages.length ? stages[stages.length - 1]!.stage : null };
}
