// The person causing harm, children and dependants, the referrer, wishes and consent, and agencies
// and actions: the fields of those pages.
import { useEffect, useRef, useState } from "react";
import {
  CHILD_RELATIONSHIPS,
  CONSENT_STATES,
  PERPETRATOR_CHECK_STATES,
  RELATIONSHIPS_TO_VICTIM,
  removeChild,
  type Child,
  type Consent,
  type OthersAtRisk,
  type Perpetrator,
  type Referrer,
} from "../../domain/case-record/case-details";
import { readChildAge } from "../../domain/case-record/date-entry";
import { ASSESSOR_ROLES } from "../../domain/answers";
import type { Choice } from "../../ui/choice";
import { DateField } from "../../ui/date-field";
import { Radios } from "../../ui/radios";
import { SelectField } from "../../ui/select-field";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { addChild, FIELD_IDS, sharingWithoutConsent } from "./case-sections";
import {
  ANSWER_CHOICES,
  CHECK_LABELS,
  CHILD_RELATIONSHIP_LABELS,
  CONSENT_LABELS,
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
} from "./case-labels";
import { typed, withholding, type SectionFieldsProps } from "./section-page";
import { NeverShare } from "./never-share";
import { AddressInputs, datePair, PersonFields, shownEntry } from "./person-fields";

function choicesOf<Value extends string>(values: readonly Value[], labels: Record<Value, string>): Choice<Value>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export function PerpetratorFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const perpetrator = details.perpetrator;
  const set = (change: Partial<Perpetrator>): void =>
    update({ ...details, perpetrator: { ...perpetrator, ...change } });
  return (
    <>
      <PersonFields
        idPrefix="case-perpetrator"
        person={perpetrator}
        nameLabel="Name of the person causing harm"
        otherNamesHint="Nicknames and aliases help agencies find their records"
        dateOfBirthLabel="Their date of birth"
        dateOfBirthError={errorFor(FIELD_IDS.perpetratorDateOfBirth)}
        readOnly={readOnly}
        onChange={set}
      />
      <Radios
        id="case-perpetrator-relationship"
        label="What is their relationship to the victim?"
        readOnly={readOnly}
        choices={choicesOf(RELATIONSHIPS_TO_VICTIM, RELATIONSHIP_LABELS)}
        value={perpetrator.relationship}
        onChange={(relationship) => set({ relationship })}
      />
      <TextField
        id="case-perpetrator-relationship-detail"
        label="Relationship in more detail (optional)"
        hint="For example, “son”, “ex-husband, separated in March”"
        readOnly={readOnly}
        value={perpetrator.relationshipDetail}
        onChange={(value) => set({ relationshipDetail: typed(value) })}
      />
      <AddressInputs
        idPrefix="case-perpetrator-address"
        legend="Where does the person causing harm live?"
        address={perpetrator.address}
        readOnly={readOnly}
        onChange={(address) => set({ address })}
      />
      <Radios
        id="case-perpetrator-checks"
        label="Have history checks been made on the person causing harm?"
        hint="Police and agency records, for example previous incidents, convictions, bail conditions or orders"
        readOnly={readOnly}
        choices={choicesOf(PERPETRATOR_CHECK_STATES, CHECK_LABELS)}
        value={perpetrator.historyChecks}
        onChange={(historyChecks) => set({ historyChecks })}
      />
      <TextArea
        id="case-perpetrator-checks-note"
        label="What the checks found, or why they could not be made (optional)"
        rows={3}
        readOnly={readOnly}
        value={perpetrator.historyChecksNote}
        onChange={(value) => set({ historyChecksNote: typed(value) })}
      />
    </>
  );
}

/** The never-share tick under the field at a case path; its id is made from the path. */
function neverShareTick({ details, update, readOnly }: Pick<SectionFieldsProps, "details" | "update" | "readOnly">) {
  const { isWithheld, setWithheld } = withholding({ details, update });
  return (path: string, what: string) => (
    <NeverShare
      id={`case-never-share-${path.replace(/[[\].]+/g, "-")}`}
      what={what}
      checked={isWithheld(path)}
      readOnly={readOnly}
      onChange={(on) => setWithheld(path, on)}
    />
  );
}

export function ChildrenFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const tick = neverShareTick({ details, update, readOnly });
  // The button pressed disappears (remove) or moves down (add): put focus where work continues,
  // the new child's name or the add button, rather than leaving it on the page body.
  const focusAfter = useRef<{ kind: "added"; index: number } | { kind: "removed" } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = focusAfter.current;
    focusAfter.current = null;
    if (target?.kind === "added") document.getElementById(`case-child-${target.index}-name`)?.focus();
    if (target?.kind === "removed") addButton.current?.focus();
  }, [details.children.length]);
  const others = details.othersAtRisk ?? {};
  const setOthers = (change: Partial<OthersAtRisk>): void =>
    update({ ...details, othersAtRisk: { ...others, ...change } });
  const setChild = (index: number, change: Partial<Child>): void =>
    update({
      ...details,
      children: details.children.map((child, position) => (position === index ? { ...child, ...change } : child)),
    });
  return (
    <>
      <Radios
        id="case-has-children"
        label="Does the victim have children, or anyone else who depends on them?"
        hint="Include unborn children, children who live elsewhere and adults they care for"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={details.hasChildrenOrDependants}
        onChange={(value) => update({ ...details, hasChildrenOrDependants: value })}
      />
      {details.children.map((child, index) => {
        const number = index + 1;
        const path = `children[${index}]`;
        return (
          <section key={index} className="case-child" aria-labelledby={`case-child-${index}-heading`}>
            <h2 id={`case-child-${index}-heading`}>Child {number}</h2>
            {tick(path, `anything about child ${number}`)}
            <TextField
              id={`case-child-${index}-name`}
              label={`Child ${number}: name`}
              readOnly={readOnly}
              value={child.name}
              onChange={(value) => setChild(index, { name: typed(value) })}
            />
            {tick(`${path}.name`, `child ${number}'s name`)}
            <DateField
              id={`case-child-${index}-dob`}
              label={`Child ${number}: date of birth`}
              hint="For example, 14 9 2019. Leave blank if not known and give their age instead"
              readOnly={readOnly}
              error={errorFor(FIELD_IDS.childDateOfBirth(index))}
              entry={shownEntry(child)}
              onChange={(entry) => setChild(index, datePair(entry, `Child ${number}'s date of birth`))}
            />
            {tick(`${path}.dateOfBirth`, `child ${number}'s date of birth`)}
            <TextField
              id={FIELD_IDS.childAge(index)}
              label={`Child ${number}: age in years, if the date of birth is not known`}
              inputMode="numeric"
              className="case-age"
              readOnly={readOnly}
              error={errorFor(FIELD_IDS.childAge(index))}
              value={child.ageAsEntered ?? (child.age === undefined ? "" : String(child.age))}
              onChange={(value) => {
                const reading = readChildAge(value);
                setChild(index, {
                  ageAsEntered: typed(value),
                  age: reading.kind === "age" ? reading.years : undefined,
                });
              }}
            />
            <TextField
              id={`case-child-${index}-school`}
              label={`Child ${number}: school, nursery or childminder`}
              readOnly={readOnly}
              value={child.school}
              onChange={(value) => setChild(index, { school: typed(value) })}
            />
            {tick(`${path}.school`, `child ${number}'s school`)}
            <Radios
              id={`case-child-${index}-relationship`}
              label={`Child ${number}: how are they related to the person causing harm?`}
              readOnly={readOnly}
              choices={choicesOf(CHILD_RELATIONSHIPS, CHILD_RELATIONSHIP_LABELS)}
              value={child.relationshipToPerpetrator}
              onChange={(relationshipToPerpetrator) => setChild(index, { relationshipToPerpetrator })}
            />
            <Radios
              id={`case-child-${index}-lives-with`}
              label={`Child ${number}: do they live with the victim?`}
              readOnly={readOnly}
              choices={ANSWER_CHOICES}
              value={child.livesWithVictim}
              onChange={(livesWithVictim) => setChild(index, { livesWithVictim })}
            />
            {!readOnly && (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    update(removeChild(details, index));
                    focusAfter.current = { kind: "removed" };
                  }}
                >
                  Remove child {number}
                </button>
              </div>
            )}
          </section>
        );
      })}
      {!readOnly && (
        <div className="button-row">
          <button
            type="button"
            ref={addButton}
            className="button button--secondary"
            onClick={() => {
              update(addChild(details));
              focusAfter.current = { kind: "added", index: details.children.length };
            }}
          >
            {details.children.length === 0 ? "Add a child" : "Add another child"}
          </button>
        </div>
      )}
      <TextArea
        id="case-other-dependants"
        label="Other dependants (optional)"
        hint="For example, an unborn child (with the due date) or an adult they care for"
        rows={3}
        readOnly={readOnly}
        value={details.otherDependants}
        onChange={(value) => update({ ...details, otherDependants: typed(value) })}
      />
      {tick("otherDependants", "the other dependants")}
      <Radios
        id="case-others-at-risk"
        label="Is anyone else at risk from the person causing harm?"
        hint="Children or other adults, including anyone named on this page"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={others.anyone}
        onChange={(anyone) => setOthers({ anyone })}
      >
        {others.anyone === "yes" && (
          <TextArea
            id={FIELD_IDS.othersAtRiskWho}
            label="Who else is at risk, and how"
            rows={3}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.othersAtRiskWho)}
            value={others.who}
            onChange={(value) => setOthers({ who: typed(value) })}
          />
        )}
        {others.anyone === "not-known" && (
          <TextArea
            id={FIELD_IDS.othersAtRiskNotKnown}
            label="Why it is not known whether anyone else is at risk"
            rows={3}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.othersAtRiskNotKnown)}
            value={others.notKnownReason}
            onChange={(value) => setOthers({ notKnownReason: typed(value) })}
          />
        )}
      </Radios>
    </>
  );
}

export function ReferrerFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const referrer = details.referrer;
  const set = (change: Partial<Referrer>): void => update({ ...details, referrer: { ...referrer, ...change } });
  return (
    <>
      <TextField
        id="case-referrer-name"
        label="Your name"
        readOnly={readOnly}
        value={referrer.name}
        onChange={(value) => set({ name: typed(value) })}
      />
      <SelectField
        id="case-referrer-role"
        label="Your role"
        readOnly={readOnly}
        choices={choicesOf(ASSESSOR_ROLES, ROLE_LABELS)}
        emptyChoice="Not recorded"
        value={referrer.role}
        onChange={(role) => set({ role })}
      />
      <TextField
        id="case-referrer-agency"
        label="Your agency or team"
        readOnly={readOnly}
        value={referrer.agency}
        onChange={(value) => set({ agency: typed(value) })}
      />
      <TextField
        id="case-referrer-phone"
        label="Your work phone number"
        type="tel"
        readOnly={readOnly}
        value={referrer.phone}
        onChange={(value) => set({ phone: typed(value) })}
      />
      <TextField
        id={FIELD_IDS.referrerEmail}
        label="Your work email address"
        hint="A secure email address if you have one"
        type="email"
        readOnly={readOnly}
        error={errorFor(FIELD_IDS.referrerEmail)}
        value={referrer.email}
        onChange={(value) => set({ email: typed(value) })}
      />
    </>
  );
}

export function ConsentFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const { isWithheld, setWithheld } = withholding({ details, update });
  const consent = details.consent;
  const set = (change: Partial<Consent>): void => update({ ...details, consent: { ...consent, ...change } });
  return (
    <>
      <TextArea
        id="case-victim-wishes"
        label="What does the victim want to happen?"
        hint="In their own words where you can"
        readOnly={readOnly}
        value={details.victim.wishes}
        onChange={(value) => update({ ...details, victim: { ...details.victim, wishes: typed(value) } })}
      />
      <NeverShare
        id="case-never-share-victim-wishes"
        what="the victim's wishes"
        checked={isWithheld("victim.wishes")}
        readOnly={readOnly}
        onChange={(on) => setWithheld("victim.wishes", on)}
      />
      <Radios
        id="case-consent-status"
        label="Has the victim consented to this information being shared?"
        readOnly={readOnly}
        choices={choicesOf(CONSENT_STATES, CONSENT_LABELS)}
        value={consent.status}
        onChange={(status) => set({ status })}
      >
        {sharingWithoutConsent(details) && (
          <>
            <TextArea
              id={FIELD_IDS.lawfulBasis}
              label="Lawful basis for sharing without consent"
              hint="The law that allows it and the purpose, for example the Crime and Disorder Act 1998 section 115, to prevent serious harm"
              rows={3}
              readOnly={readOnly}
              error={errorFor(FIELD_IDS.lawfulBasis)}
              value={consent.lawfulBasis}
              onChange={(value) => set({ lawfulBasis: typed(value) })}
            />
            <TextArea
              id={FIELD_IDS.reasonWithoutConsent}
              label="Why it must be shared without consent"
              hint="The risk that makes sharing necessary, and whether the victim has been told"
              rows={3}
              readOnly={readOnly}
              error={errorFor(FIELD_IDS.reasonWithoutConsent)}
              value={consent.reasonWithoutConsent}
              onChange={(value) => set({ reasonWithoutConsent: typed(value) })}
            />
          </>
        )}
      </Radios>
      <Radios
        id="case-consent-aware"
        label="Does the victim know about this referral?"
        hint="A separate question from consent: someone may know without agreeing, or not know at all"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={consent.victimAware}
        onChange={(victimAware) => set({ victimAware })}
      >
        {consent.victimAware === "no" && (
          <TextArea
            id={FIELD_IDS.whyNotAware}
            label="Why the victim is not aware of the referral"
            hint="For example, it is not safe to tell them while the person causing harm is at home"
            rows={3}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.whyNotAware)}
            value={consent.whyNotAware}
            onChange={(value) => set({ whyNotAware: typed(value) })}
          />
        )}
        {consent.victimAware === "not-known" && (
          <TextArea
            id={FIELD_IDS.awareNotKnown}
            label="Why it is not known whether the victim is aware"
            rows={3}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.awareNotKnown)}
            value={consent.awareNotKnownReason}
            onChange={(value) => set({ awareNotKnownReason: typed(value) })}
          />
        )}
      </Radios>
    </>
  );
}

/** One agency per line; blank lines are not agencies, so they are not stored. */
function agencyLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export function AgenciesFields({ details, update, readOnly }: SectionFieldsProps) {
  const tick = neverShareTick({ details, update, readOnly });
  // The box keeps its own text (blank lines, a line being typed); the list stores the agencies.
  const [agenciesText, setAgenciesText] = useState(details.agenciesInvolved.join("\n"));
  return (
    <>
      <TextArea
        id="case-agencies"
        label="Agencies already involved"
        hint="One on each line, for example the GP, a named social worker, the housing officer"
        readOnly={readOnly}
        value={agenciesText}
        onChange={(value) => {
          setAgenciesText(value);
          update({ ...details, agenciesInvolved: agencyLines(value) });
        }}
      />
      {tick("agenciesInvolved", "the agencies involved")}
      <TextArea
        id="case-actions"
        label="Actions already taken"
        hint="For example, arrest, bail conditions, refuge place found, locks changed, safety plan made"
        readOnly={readOnly}
        value={details.actionsTaken}
        onChange={(value) => update({ ...details, actionsTaken: typed(value) })}
      />
      {tick("actionsTaken", "the actions taken")}
      <TextArea
        id="case-notes"
        label="Notes"
        rows={8}
        readOnly={readOnly}
        value={details.notes}
        onChange={(value) => update({ ...details, notes: typed(value) })}
      />
      {tick("notes", "these notes")}
    </>
  );
}
