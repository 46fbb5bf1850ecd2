// Professional judgement: the practitioner may raise the computed level, never lower it, and must
// say why in their own words. The form itself is RaiseOnlyJudgementForm; this gives it the risk
// levels and the wording.
import { RISK_LEVELS, type RiskLevel } from "../../domain/answers";
import {
  RaiseOnlyJudgementForm,
  type RaiseOnlyJudgementCallerProps,
  type RaiseOnlyJudgementKind,
} from "./raise-only-judgement-form";
import { RISK_LEVEL_LABELS } from "./risk-panel";

export interface Judgement {
  level: RiskLevel;
  rationale: string;
}

export interface JudgementFormProps extends RaiseOnlyJudgementCallerProps<Judgement> {
  /** The level from the answers and rules alone: judgement may raise it, never lower it. */
  computedLevel: RiskLevel;
}

export const RATIONALE_REQUIRED = "Explain why, in your own words";

export function cannotLowerMessage(computedLevel: RiskLevel): string {
  return `Judgement can raise the level, never lower it. The answers and rules already give ${RISK_LEVEL_LABELS[computedLevel]}.`;
}

const RISK_LEVEL_JUDGEMENT: RaiseOnlyJudgementKind<"level", RiskLevel> = {
  fieldName: "level",
  idPrefix: "judgement",
  scale: { values: RISK_LEVELS, labels: RISK_LEVEL_LABELS },
  wording: {
    title: "Professional judgement",
    intro: (computedLevel) => (
      <>
        The answers and rules give <strong>{RISK_LEVEL_LABELS[computedLevel]}</strong>. If your professional judgement
        is that the risk is higher, record it here with your reasons. Judgement can raise the level, never lower it.
      </>
    ),
    legend: "Level you judge the risk to be",
    choiceRequired: "Choose the level you judge the risk to be",
    cannotLower: cannotLowerMessage,
    rationaleLabel: "Why? (rationale)",
    rationaleHint: "In your own words: what you saw or were told that the answers do not capture.",
    rationaleRequired: RATIONALE_REQUIRED,
    rationaleRows: 4,
    save: "Save judgement",
    remove: "Remove judgement",
    saved: "Judgement saved.",
  },
};

export function JudgementForm({ computedLevel, ...callerProps }: JudgementFormProps) {
  return (
    <RaiseOnlyJudgementForm<"level", RiskLevel> kind={RISK_LEVEL_JUDGEMENT} computed={computedLevel} {...callerProps} />
  );
}
