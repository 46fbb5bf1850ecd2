// Who is assessing: the assessor's role (which picks the default question set), agency and question set.
import { ASSESSOR_ROLES } from "../../domain/answers";
import { QUESTION_SET_IDS, QUESTION_SETS } from "../../domain/question-sets/question-set-registry";
import { ScreenHeading } from "../../ui/screen-heading";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { defaultQuestionSet, questionSetOf, type AssessmentDraft, type DraftUpdate } from "./assessment-draft";
import { ROLE_LABELS } from "./answers-summary";

const ROLE_CHOICES = ASSESSOR_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const QUESTION_SET_CHOICES = QUESTION_SET_IDS.map((setId) => ({ value: setId, label: QUESTION_SETS[setId].title }));

export function WhoStep({ draft, update }: { draft: AssessmentDraft; update: DraftUpdate }) {
  return (
    <>
      <ScreenHeading>Who is assessing</ScreenHeading>
      <SelectField
        id="assessor-role"
        label="Your role"
        emptyChoice="Choose your role"
        choices={ROLE_CHOICES}
        value={draft.assessor.role}
        onChange={(role) => {
          const { role: _old, ...rest } = draft.assessor;
          update(
            {
              ...draft,
              assessor: role === undefined ? rest : { ...rest, role },
              questionSet: defaultQuestionSet(role),
            },
            true,
          );
        }}
      />
      <TextField
        id="assessor-agency"
        label="Agency (optional)"
        value={draft.assessor.agency}
        onChange={(agency) => update({ ...draft, assessor: { ...draft.assessor, agency } })}
      />
      <SelectField
        id="assessment-question-set"
        label="Question set"
        choices={QUESTION_SET_CHOICES}
        value={questionSetOf(draft)}
        onChange={(questionSet) => {
          if (questionSet !== undefined) update({ ...draft, questionSet }, true);
        }}
      />
    </>
  );
}
