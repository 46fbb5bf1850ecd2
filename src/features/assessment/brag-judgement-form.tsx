// The assessor's own BRAG colour (police vulnerability rating): it may raise the computed colour,
// never lower it, and needs a rationale. Green is only ever the assessor's call ("noted, advice
// only"), so it can be chosen here when the computed colour is blue. The form itself is
// RaiseOnlyJudgementForm; this gives it the colours, their hints and the wording.
import { BRAG_COLOURS, type BragColour } from "../../domain/answers";
import { COLOUR_LABELS } from "./answers-summary";
import {
  RaiseOnlyJudgementForm,
  type RaiseOnlyJudgementCallerProps,
  type RaiseOnlyJudgementKind,
} from "./raise-only-judgement-form";

export interface BragJudgement {
  colour: BragColour;
  rationale: string;
}

export interface BragJudgementFormProps extends RaiseOnlyJudgementCallerProps<BragJudgement> {
  /** The colour from the answers and facts: the assessor may raise it, never lower it. */
  computedColour: BragColour;
}

export const BRAG_RATIONALE_REQUIRED = "Explain why you chose this colour, in your own words";

export function cannotLowerColourMessage(computedColour: BragColour): string {
  return `The BRAG colour can be raised, never lowered. The answers already give ${COLOUR_LABELS[computedColour]}.`;
}

const COLOUR_HINTS: Record<BragColour, string> = {
  blue: "No vulnerability identified",
  green: "Vulnerability noted: advice only",
  amber: "Vulnerable: needs a referral for support",
  red: "Immediate risk to life or wellbeing, or multiple disadvantage with violence or exploitation: act now",
};

const BRAG_JUDGEMENT: RaiseOnlyJudgementKind<"colour", BragColour> = {
  fieldName: "colour",
  idPrefix: "brag-judgement",
  scale: { values: BRAG_COLOURS, labels: COLOUR_LABELS, hints: COLOUR_HINTS },
  wording: {
    title: "Your BRAG colour",
    intro: (computedColour) => (
      <>
        The answers give <strong>{COLOUR_LABELS[computedColour]}</strong>. If you judge the person more vulnerable,
        record the colour with your reasons. The colour can be raised, never lowered.
      </>
    ),
    legend: "BRAG colour you judge it to be",
    choiceRequired: "Choose the BRAG colour you judge it to be",
    cannotLower: cannotLowerColourMessage,
    rationaleLabel: "Why this colour? (rationale)",
    rationaleRequired: BRAG_RATIONALE_REQUIRED,
    rationaleRows: 3,
    save: "Save BRAG colour",
    remove: "Remove BRAG colour",
    saved: "BRAG colour saved.",
  },
};

export function BragJudgementForm({ computedColour, ...callerProps }: BragJudgementFormProps) {
  return (
    <RaiseOnlyJudgementForm<"colour", BragColour> kind={BRAG_JUDGEMENT} computed={computedColour} {...callerProps} />
  );
}
