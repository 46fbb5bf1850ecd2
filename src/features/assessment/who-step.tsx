// Who is assessing: the assessor's role (which picks the default question set), agency and question set.
import { ASSESSOR_ROLES } from "../../domain/answers";
import { QUESTION_SET_IDS, QUESTION_SETS } from "../../domain/question-sets/question-set-registry";
import { ScreenHeading } from "../../ui/screen-heading";
import { SelectField } from "../../ui/select-field";
import { useEffect, useState } from "react";
import type { Agency } from "../../storage/clear-metadata";
import type { VaultSession } from "../../storage/vault-session";
import { defaultQuestionSet, questionSetOf, type AssessmentDraft, type DraftUpdate } from "./assessment-draft";
import { ROLE_LABELS } from "./answers-summary";

const ROLE_CHOICES = ASSESSOR_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const QUESTION_SET_CHOICES = QUESTION_SET_IDS.map((setId) => ({ value: setId, label: QUESTION_SETS[setId].title }));

/** The value of a choice for an agency name the draft holds that is not (or no longer) in the list. */
const CURRENT_NAME = "current-name";

/** The profile's agencies (Settings), or [] while unknown or locked. */
function useAgencies(session: VaultSession | undefined): Agency[] | null {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  useEffect(() => {
    let live = true;
    if (session === undefined) return;
    session.listAgencies().then(
      (list) => live && setAgencies(list),
      () => live && setAgencies([]),
    );
    return () => {
      live = false;
    };
  }, [session]);
  return agencies;
}

export function WhoStep({
  draft,
  update,
  session,
}: {
  draft: AssessmentDraft;
  update: DraftUpdate;
  /** Reads the profile's agencies (Settings) for the Agency choice. */
  session?: VaultSession;
}) {
  // The agency is chosen from the profile's list, never typed: the case row stores its code in clear,
  // the sealed case file its name. A name from an older draft stays a choice so nothing is lost.
  const agencies = useAgencies(session) ?? [];
  const current = draft.assessor.agency?.trim() ?? "";
  const chosen = agencies.find((agency) => agency.name.toLocaleLowerCase() === current.toLocaleLowerCase());
  const agencyChoices = [
    ...agencies.map((agency) => ({ value: agency.code, label: agency.name })),
    ...(current !== "" && chosen === undefined ? [{ value: CURRENT_NAME, label: current }] : []),
  ];
  const setAgency = (code: string | undefined) => {
    if (code === CURRENT_NAME) return;
    const { agency: _old, ...rest } = draft.assessor;
    const name = agencies.find((agency) => agency.code === code)?.name;
    update({ ...draft, assessor: name === undefined ? rest : { ...rest, agency: name } });
  };
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
      <SelectField
        id="assessor-agency"
        label="Agency (optional)"
        hint={agencies.length === 0 ? "Add an agency in Settings to choose it here." : undefined}
        emptyChoice="Not recorded"
        choices={agencyChoices}
        value={chosen?.code ?? (current === "" ? undefined : CURRENT_NAME)}
        onChange={setAgency}
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
