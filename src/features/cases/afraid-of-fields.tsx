// Who the victim is afraid of (the MARAC form asks for every potential threat, not only the person
// causing harm): named people, no one, or not known with the reason. Part of "About the victim".
import { AFRAID_OF_ANSWERS, type AfraidOf, type FearedPerson } from "../../domain/case-record/case-details";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { AFRAID_OF_LABELS } from "./case-labels";
import { FIELD_IDS } from "./case-sections";
import { AddEntryButton, RemoveEntryButton, useListFocus } from "./list-entries";
import { typed } from "./section-page";

const AFRAID_OF_CHOICES = AFRAID_OF_ANSWERS.map((value) => ({ value, label: AFRAID_OF_LABELS[value] }));

export interface AfraidOfFieldsProps {
  afraidOf: AfraidOf | undefined;
  readOnly: boolean;
  errorFor: (fieldId: string) => string | undefined;
  onChange: (afraidOf: AfraidOf) => void;
}

export function AfraidOfFields({ afraidOf = {}, readOnly, errorFor, onChange }: AfraidOfFieldsProps) {
  const people = afraidOf.people ?? [];
  const focus = useListFocus(people.length);
  const set = (change: Partial<AfraidOf>): void => onChange({ ...afraidOf, ...change });
  const setPerson = (index: number, change: Partial<FearedPerson>): void =>
    set({ people: people.map((person, position) => (position === index ? { ...person, ...change } : person)) });
  const add = (): void => {
    set({ people: [...people, {}] });
    focus.added(FIELD_IDS.afraidOfName(people.length));
  };
  return (
    <>
      <Radios
        id="case-afraid-of"
        label="Who is the victim afraid of?"
        hint="Every potential threat, not only the person causing harm: for example his family, her father or his new partner"
        readOnly={readOnly}
        choices={AFRAID_OF_CHOICES}
        value={afraidOf.answer}
        // Naming people starts with the first person's boxes, as the question is then about them.
        onChange={(answer) => set({ answer, ...(answer === "named" && people.length === 0 ? { people: [{}] } : {}) })}
      >
        {afraidOf.answer === "not-known" && (
          <TextArea
            id={FIELD_IDS.afraidOfNotKnown}
            label="Why it is not known who they are afraid of"
            rows={2}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.afraidOfNotKnown)}
            value={afraidOf.notKnownReason}
            onChange={(value) => set({ notKnownReason: typed(value) })}
          />
        )}
      </Radios>
      {afraidOf.answer === "named" && (
        <>
          {people.map((person, index) => {
            const number = index + 1;
            return (
              <section key={index} className="case-child" aria-labelledby={`case-afraid-of-${index}-heading`}>
                <h2 id={`case-afraid-of-${index}-heading`}>Person {number} the victim is afraid of</h2>
                <TextField
                  id={FIELD_IDS.afraidOfName(index)}
                  label={`Person ${number}: name`}
                  hint="Leave blank if the victim does not know it, and say who they are below"
                  readOnly={readOnly}
                  error={errorFor(FIELD_IDS.afraidOfName(index))}
                  value={person.name}
                  onChange={(value) => setPerson(index, { name: typed(value) })}
                />
                <TextField
                  id={`case-afraid-of-${index}-relationship`}
                  label={`Person ${number}: who they are to the victim`}
                  hint="For example, “his brother”, “her father”, “his new partner”"
                  readOnly={readOnly}
                  value={person.relationship}
                  onChange={(value) => setPerson(index, { relationship: typed(value) })}
                />
                <TextArea
                  id={`case-afraid-of-${index}-details`}
                  label={`Person ${number}: what the victim fears they will do (optional)`}
                  hint="In the victim's words where you can"
                  rows={2}
                  readOnly={readOnly}
                  value={person.details}
                  onChange={(value) => setPerson(index, { details: typed(value) })}
                />
                {!readOnly && (
                  <RemoveEntryButton
                    label={`Remove person ${number}`}
                    onRemove={() => {
                      set({ people: people.filter((_, position) => position !== index) });
                      focus.removed();
                    }}
                  />
                )}
              </section>
            );
          })}
          {!readOnly && (
            <AddEntryButton
              id={FIELD_IDS.afraidOfAdd}
              label={people.length === 0 ? "Add a person" : "Add another person"}
              error={errorFor(FIELD_IDS.afraidOfAdd)}
              buttonRef={focus.addButton}
              onAdd={add}
            />
          )}
        </>
      )}
    </>
  );
}
