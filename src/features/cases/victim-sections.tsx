// About the victim, safe contact and the victim's address: the fields of those three pages.
import type { SafeContact, Victim } from "../../domain/case-record/case-details";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { AfraidOfFields } from "./afraid-of-fields";
import { ANSWER_CHOICES } from "./case-labels";
import { FIELD_IDS } from "./case-sections";
import { NeverShare } from "./never-share";
import { AddressInputs, PersonFields } from "./person-fields";
import { typed, withholding, type SectionFieldsProps } from "./section-page";

export function VictimFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const { isWithheld, setWithheld } = withholding({ details, update });
  // Each sensitive fact of the victim's page has its own "never share" tick, by its fact path.
  const neverShare = (path: string, id: string, what: string) => (
    <NeverShare
      id={id}
      what={what}
      checked={isWithheld(path)}
      readOnly={readOnly}
      onChange={(on) => setWithheld(path, on)}
    />
  );
  const victim = details.victim;
  const set = (change: Partial<Victim>): void => update({ ...details, victim: { ...victim, ...change } });
  return (
    <>
      <PersonFields
        idPrefix="case-victim"
        person={victim}
        nameLabel="Victim's name"
        otherNamesHint="For example, a previous surname or a name used in their community"
        dateOfBirthLabel="Date of birth"
        dateOfBirthError={errorFor(FIELD_IDS.victimDateOfBirth)}
        readOnly={readOnly}
        onChange={set}
        afterOtherNames={neverShare(
          "victim.otherNames",
          "case-never-share-victim-other-names",
          "the victim's other names",
        )}
      />
      <TextField
        id="case-victim-gender"
        label="Gender (optional)"
        hint="As they describe it"
        readOnly={readOnly}
        value={victim.gender}
        onChange={(value) => set({ gender: typed(value) })}
      />
      <TextField
        id="case-victim-languages"
        label="Languages they speak"
        hint="Main language first"
        readOnly={readOnly}
        value={victim.languages}
        onChange={(value) => set({ languages: typed(value) })}
      />
      <Radios
        id="case-victim-interpreter"
        label="Do they need an interpreter?"
        hint="Never use the person causing harm, a family member or a child as the interpreter"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={victim.interpreterNeeded}
        onChange={(value) => set({ interpreterNeeded: value })}
      >
        {victim.interpreterNeeded === "yes" && (
          <TextField
            id={FIELD_IDS.interpreterLanguage}
            label="Language the interpreter must speak"
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.interpreterLanguage)}
            value={victim.interpreterLanguage}
            onChange={(value) => set({ interpreterLanguage: typed(value) })}
          />
        )}
      </Radios>
      <TextArea
        id="case-victim-access-needs"
        label="Diversity and access needs (optional)"
        hint="For example, disability, immigration status, faith, sexuality, hearing or sight loss, literacy: anything that changes how agencies must reach and support them"
        readOnly={readOnly}
        value={victim.diversityAndAccessNeeds}
        onChange={(value) => set({ diversityAndAccessNeeds: typed(value) })}
      />
      {neverShare(
        "victim.diversityAndAccessNeeds",
        "case-never-share-victim-access-needs",
        "the victim's diversity and access needs",
      )}
      <AfraidOfFields
        afraidOf={victim.afraidOf}
        readOnly={readOnly}
        errorFor={errorFor}
        onChange={(afraidOf) => set({ afraidOf })}
      />
      {neverShare("victim.afraidOf", "case-never-share-victim-afraid-of", "who the victim is afraid of")}
      <TextArea
        id="case-victim-safe-to-talk-to"
        label="Who the victim believes it is safe to talk to (optional)"
        hint="Family, friends or professionals"
        rows={2}
        readOnly={readOnly}
        value={victim.safeToTalkTo}
        onChange={(value) => set({ safeToTalkTo: typed(value) })}
      />
      {neverShare(
        "victim.safeToTalkTo",
        "case-never-share-victim-safe-to-talk-to",
        "who the victim believes it is safe to talk to",
      )}
      <TextArea
        id="case-victim-not-safe-to-talk-to"
        label="Who the victim believes it is not safe to talk to (optional)"
        hint="For example, family or community members who would pass things on to the person causing harm"
        rows={2}
        readOnly={readOnly}
        value={victim.notSafeToTalkTo}
        onChange={(value) => set({ notSafeToTalkTo: typed(value) })}
      />
      {neverShare(
        "victim.notSafeToTalkTo",
        "case-never-share-victim-not-safe-to-talk-to",
        "who the victim believes it is not safe to talk to",
      )}
      <TextArea
        id="case-victim-gp-practice"
        label="GP practice (optional)"
        hint="The practice's name and address"
        rows={2}
        readOnly={readOnly}
        value={victim.gpPractice}
        onChange={(value) => set({ gpPractice: typed(value) })}
      />
      {neverShare("victim.gpPractice", "case-never-share-victim-gp-practice", "the victim's GP practice")}
    </>
  );
}

const CONTACT_FIELDS = [
  { key: "phone", path: "victim.safeContact.phone", what: "the safe phone number" },
  { key: "email", path: "victim.safeContact.email", what: "the safe email address" },
  { key: "safeTimes", path: "victim.safeContact.safeTimes", what: "the safe times to call" },
  { key: "otherSafeMethod", path: "victim.safeContact.otherSafeMethod", what: "the other safe way to reach them" },
] as const;
type ContactTextKey = (typeof CONTACT_FIELDS)[number]["key"];

export function SafeContactFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const { isWithheld, setWithheld } = withholding({ details, update });
  const contact = details.victim.safeContact ?? {};
  const set = (change: Partial<SafeContact>): void =>
    update({ ...details, victim: { ...details.victim, safeContact: { ...contact, ...change } } });
  const wholeWithheld = isWithheld("victim.safeContact");
  const fieldTick = (key: ContactTextKey) => {
    const field = CONTACT_FIELDS.find((candidate) => candidate.key === key)!;
    // The whole section's tick covers each field, so a second tick would only confuse.
    if (wholeWithheld) return null;
    return (
      <NeverShare
        id={`case-never-share-contact-${key}`}
        what={field.what}
        checked={isWithheld(field.path)}
        readOnly={readOnly}
        onChange={(on) => setWithheld(field.path, on)}
      />
    );
  };
  return (
    <>
      <NeverShare
        id="case-never-share-safe-contact"
        what="any of the victim's safe contact details"
        checked={wholeWithheld}
        readOnly={readOnly}
        onChange={(on) => setWithheld("victim.safeContact", on)}
      />
      <TextField
        id="case-contact-phone"
        label="Safe phone number"
        hint="A number the person causing harm does not know about or check"
        type="tel"
        readOnly={readOnly}
        value={contact.phone}
        onChange={(value) => set({ phone: typed(value) })}
      />
      {fieldTick("phone")}
      <TextField
        id={FIELD_IDS.contactEmail}
        label="Safe email address (optional)"
        type="email"
        readOnly={readOnly}
        error={errorFor(FIELD_IDS.contactEmail)}
        value={contact.email}
        onChange={(value) => set({ email: typed(value) })}
      />
      {fieldTick("email")}
      <Radios
        id="case-contact-call"
        label="Is it safe to call them?"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={contact.safeToCall}
        onChange={(value) => set({ safeToCall: value })}
      />
      <Radios
        id="case-contact-text"
        label="Is it safe to send them text messages?"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={contact.safeToText}
        onChange={(value) => set({ safeToText: value })}
      />
      <Radios
        id="case-contact-message"
        label="Is it safe to leave them messages?"
        hint="Voicemail, or a message with whoever answers"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={contact.safeToLeaveMessage}
        onChange={(value) => set({ safeToLeaveMessage: value })}
      />
      <TextArea
        id="case-contact-times"
        label="Safe times to make contact (optional)"
        hint="In their words, for example “weekdays 10 till 2, never at weekends”"
        rows={2}
        readOnly={readOnly}
        value={contact.safeTimes}
        onChange={(value) => set({ safeTimes: typed(value) })}
      />
      {fieldTick("safeTimes")}
      <TextArea
        id="case-contact-other"
        label="Another safe way to reach them (optional)"
        hint="For example, a friend's number, through their GP surgery or their support worker"
        rows={2}
        readOnly={readOnly}
        value={contact.otherSafeMethod}
        onChange={(value) => set({ otherSafeMethod: typed(value) })}
      />
      {fieldTick("otherSafeMethod")}
    </>
  );
}

export function VictimAddressFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const { isWithheld, setWithheld } = withholding({ details, update });
  return (
    <>
      <AddressInputs
        idPrefix="case-victim-address"
        legend="Where does the victim live?"
        address={details.victim.address}
        readOnly={readOnly}
        textError={errorFor(FIELD_IDS.addressText)}
        onChange={(address) => update({ ...details, victim: { ...details.victim, address } })}
      />
      <NeverShare
        id="case-never-share-victim-address"
        what="the victim's address or whereabouts"
        checked={isWithheld("victim.address")}
        readOnly={readOnly}
        onChange={(on) => setWithheld("victim.address", on)}
      />
    </>
  );
}
