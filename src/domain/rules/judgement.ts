import { bragRank, riskRank, type BragColour, type RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import type { BragJudgementOutcome, ProfessionalJudgementOutcome, Warning } from "../outcome";

// Professional judgement may raise, never lower. Reviews found risk argued down ("she says it was
// a one-off") after a checklist had already found it; the tool keeps the higher level and shows
// the refused judgement beside it so the disagreement is visible, not lost.

export interface JudgementResult<T> {
  outcome: T;
  warning: Warning | null;
}

export function applyProfessionalJudgement(
  judgement: CaseFile["professionalJudgement"],
  computedLevel: RiskLevel,
): JudgementResult<ProfessionalJudgementOutcome> & { level: RiskLevel } {
  if (!judgement) return { outcome: { applied: false }, warning: null, level: computedLevel };
  if (riskRank(judgement.level) >= riskRank(computedLevel)) {
    return {
      outcome: { applied: true, level: judgement.level, rationale: judgement.rationale },
      warning: null,
      level: judgement.level,
    };
  }
  const refusedBecause = `Professional judgement asked for ${judgement.level}, below the ${computedLevel} level the answers and the rule floor already give. Judgement can raise the level, never lower it.`;
  return {
    outcome: { applied: false, level: judgement.level, rationale: judgement.rationale, refusedBecause },
    warning: { code: "judgement-cannot-lower", message: refusedBecause, evidence: ["professionalJudgement"] },
    level: computedLevel,
  };
}

export function applyBragJudgement(
  judgement: CaseFile["bragJudgement"],
  computedColour: BragColour,
): JudgementResult<BragJudgementOutcome> & { colour: BragColour } {
  if (!judgement) return { outcome: { applied: false }, warning: null, colour: computedColour };
  if (bragRank(judgement.colour) >= bragRank(computedColour)) {
    return {
      outcome: { applied: true, colour: judgement.colour, rationale: judgement.rationale },
      warning: null,
      colour: judgement.colour,
    };
  }
  const refusedBecause = `The assessor's BRAG colour ${judgement.colour} is below the computed ${computedColour}. The colour can be raised, never lowered.`;
  return {
    outcome: { applied: false, colour: judgement.colour, rationale: judgement.rationale, refusedBecause },
    warning: { code: "brag-judgement-cannot-lower", message: refusedBecause, evidence: ["bragJudgement"] },
    colour: computedColour,
  };
}
