// One section of questions (or a context section), with the BRAG colour form on the vulnerability page.
import type { Outcome } from "../../domain/outcome";
import { ScreenHeading } from "../../ui/screen-heading";
import {
  isObservedRoute,
  isQuestionSection,
  questionsFor,
  SECTION_TITLES,
  withBragEntry,
  type AssessmentDraft,
  type DraftUpdate,
  type SectionId,
} from "./assessment-draft";
import { BragJudgementForm } from "./brag-judgement-form";
import { CareAndSupportFields, ExploitationFields } from "./care-and-support-fields";
import { QuestionField } from "./question-field";

export function SectionStep({
  draft,
  section,
  update,
  onFlush,
  outcome,
  showErrorsKey,
}: {
  draft: AssessmentDraft;
  section: SectionId;
  update: DraftUpdate;
  onFlush: () => void;
  outcome: Outcome | null;
  showErrorsKey: number;
}) {
  const observedOnly = isObservedRoute(draft);
  return (
    <>
      <ScreenHeading>{SECTION_TITLES[section]}</ScreenHeading>
      {observedOnly && (
        <div className="notice">
          <p>Record only what you saw yourself or know from records. Do not ask these questions now.</p>
        </div>
      )}
      {isQuestionSection(section) ? (
        questionsFor(draft, section).map((question) => (
          <QuestionField key={question.id} draft={draft} question={question} update={update} onFlush={onFlush} />
        ))
      ) : section === "exploitation" ? (
        <ExploitationFields draft={draft} update={update} />
      ) : (
        <CareAndSupportFields draft={draft} update={update} onFlush={onFlush} />
      )}
      {section === "vulnerability" &&
        (outcome === null ? (
          <p>Your BRAG colour can be recorded once the role and the safe-to-ask question are answered.</p>
        ) : (
          <BragJudgementForm
            computedColour={outcome.computedBrag}
            {...(draft.bragJudgement === undefined ? {} : { current: draft.bragJudgement })}
            entry={draft.bragEntry}
            onChange={(judgement) => update(withBragEntry(draft, judgement, judgement), true)}
            onEntryChange={(entry, valid, typing) => update(withBragEntry(draft, entry, valid), !typing)}
            showErrorsKey={showErrorsKey}
          />
        ))}
    </>
  );
}
