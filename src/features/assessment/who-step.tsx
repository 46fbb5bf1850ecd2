// Who is assessing: the assessor's role (which picks the default question set), agency and question set.
import { ASSESSOR_ROLES, type AssessorRole } from "../../domain/answers";
import { QUESTION_SET_IDS, QUESTION_SETS, type QuestionSetId } from "../../domain/question-sets/question-set-registry";
import { ScreenHeading } from "../../ui/screen-heading";
import { defaultQuestionSet, questionSetOf, type AssessmentDraft, type DraftUpdate } from "./assessment-draft";
import { ROLE_LABELS } from "./answers-summary";

export function WhoStep({ draft, update }: { draft: AssessmentDraft; update: DraftUpdate }) {
  return (
    <>
      <ScreenHeading>Who is assessing</ScreenHeading>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessor-role">
          Your role
        </label>
        <select
          id="assessor-role"
          className="form-field__select"
          value={draft.assessor.role ?? ""}
          onChange={(event) => {
            const role = (ASSESSOR_ROLES as readonly string[]).includes(event.target.value)
              ? (event.target.value as AssessorRole)
              : undefined;
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
        >
          <option value="">Choose your role</option>
          {ASSESSOR_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessor-agency">
          Agency (optional)
        </label>
        <input
          id="assessor-agency"
          className="form-field__input"
          autoComplete="off"
          value={draft.assessor.agency ?? ""}
          onChange={(event) => update({ ...draft, assessor: { ...draft.assessor, agency: event.target.value } })}
        />
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="assessment-question-set">
          Question set
        </label>
        <select
          id="assessment-question-set"
          className="form-field__select"
          value={questionSetOf(draft)}
          onChange={(event) => update({ ...draft, questionSet: event.target.value as QuestionSetId }, true)}
        >
          {QUESTION_SET_IDS.map((setId) => (
            <option key={setId} value={setId}>
              {QUESTION_SETS[setId].title}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
