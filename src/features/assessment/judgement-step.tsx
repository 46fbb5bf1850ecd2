// The professional judgement page: raise the level from the answers and rules, never lower it.
import { higherRisk } from "../../domain/answers";
import type { Outcome } from "../../domain/outcome";
import { ScreenHeading } from "../../ui/screen-heading";
import type { AssessmentDraft } from "./assessment-draft";
import { JudgementForm, type Judgement } from "./judgement-form";

export function JudgementStep({
  draft,
  outcome,
  onChange,
  onEntryChange,
  showErrorsKey,
}: {
  draft: AssessmentDraft;
  outcome: Outcome | null;
  onChange: (judgement: Judgement | undefined) => void;
  onEntryChange: (entry: Judgement | undefined, valid: Judgement | undefined, typing: boolean) => void;
  showErrorsKey: number;
}) {
  return (
    <>
      <ScreenHeading>Your professional judgement</ScreenHeading>
      {outcome === null ? (
        <p>Choose your role and answer whether it is safe to ask before recording a judgement.</p>
      ) : (
        // Compared with the level from the answers and rules alone (score band and rule floor), not with
        // a level the judgement itself has already raised.
        <JudgementForm
          computedLevel={higherRisk(outcome.scoreBand, outcome.ruleFloor)}
          {...(draft.professionalJudgement === undefined ? {} : { current: draft.professionalJudgement })}
          entry={draft.judgementEntry}
          onChange={onChange}
          onEntryChange={onEntryChange}
          showErrorsKey={showErrorsKey}
        />
      )}
    </>
  );
}
