// "Previous MARAC and police": whether the victim was referred to a MARAC before (here or in another
// area, and where and when), the crime reference numbers, the officer in charge, and whether the
// victim wants to speak to the police about what they disclosed. The MARAC form asks all of these.
import { useState } from "react";
import type {
  DateEntry,
  OfficerInCharge,
  PoliceInvolvement,
  PreviousMarac,
  PreviousMaracReferral,
} from "../../domain/case-record/case-details";
import { DateField } from "../../ui/date-field";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { ANSWER_CHOICES } from "./case-labels";
import { FIELD_IDS } from "./case-sections";
import { AddEntryButton, RemoveEntryButton, useListFocus } from "./list-entries";
import { datePair, shownEntry } from "./person-fields";
import { typed, type SectionFieldsProps } from "./section-page";

/** The date as typed, and the ISO date once it is a real past date (as dates of birth are kept). */
function referralDate(entry: DateEntry, label: string): Pick<PreviousMaracReferral, "date" | "dateAsEntered"> {
  const pair = datePair(entry, label);
  return { date: pair.dateOfBirth, dateAsEntered: pair.dateOfBirthAsEntered };
}

/** One crime reference per line; blank lines are not references, so they are not stored. */
function referenceLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export function MaracPoliceFields({ details, update, readOnly, errorFor }: SectionFieldsProps) {
  const previous = details.previousMarac ?? {};
  const referrals = previous.referrals ?? [];
  const police = details.police ?? {};
  const officer = police.officerInCharge ?? {};
  const focus = useListFocus(referrals.length);
  // The box keeps its own text (blank lines, a line being typed); the list stores the references.
  const [referencesText, setReferencesText] = useState((police.crimeReferences ?? []).join("\n"));

  const setPrevious = (change: Partial<PreviousMarac>): void =>
    update({ ...details, previousMarac: { ...previous, ...change } });
  const setReferral = (index: number, change: Partial<PreviousMaracReferral>): void =>
    setPrevious({
      referrals: referrals.map((referral, position) => (position === index ? { ...referral, ...change } : referral)),
    });
  const setPolice = (change: Partial<PoliceInvolvement>): void =>
    update({ ...details, police: { ...police, ...change } });
  const setOfficer = (change: Partial<OfficerInCharge>): void =>
    setPolice({ officerInCharge: { ...officer, ...change } });

  return (
    <>
      <Radios
        id="case-previous-marac"
        label="Has the victim been referred to a MARAC before, here or in another area?"
        hint="An earlier MARAC lets the coordinators ask for its records"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={previous.referredBefore}
        // "Yes" starts with the first earlier MARAC's boxes, as the question is then where and when.
        onChange={(referredBefore) =>
          setPrevious({
            referredBefore,
            ...(referredBefore === "yes" && referrals.length === 0 ? { referrals: [{}] } : {}),
          })
        }
      >
        {previous.referredBefore === "not-known" && (
          <TextArea
            id={FIELD_IDS.previousMaracNotKnown}
            label="Why it is not known whether they were referred before"
            rows={2}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.previousMaracNotKnown)}
            value={previous.notKnownReason}
            onChange={(value) => setPrevious({ notKnownReason: typed(value) })}
          />
        )}
      </Radios>
      {previous.referredBefore === "yes" && (
        <>
          {referrals.map((referral, index) => {
            const number = index + 1;
            const dateId = `case-previous-marac-${index}-date`;
            return (
              <section key={index} className="case-child" aria-labelledby={`case-previous-marac-${index}-heading`}>
                <h2 id={`case-previous-marac-${index}-heading`}>Earlier MARAC {number}</h2>
                <TextField
                  id={FIELD_IDS.previousMaracArea(index)}
                  label={`Earlier MARAC ${number}: which area's MARAC`}
                  hint="For example, this area, or Leeds"
                  readOnly={readOnly}
                  error={errorFor(FIELD_IDS.previousMaracArea(index))}
                  value={referral.area}
                  onChange={(value) => setReferral(index, { area: typed(value) })}
                />
                <DateField
                  id={dateId}
                  label={`Earlier MARAC ${number}: date`}
                  hint="For example, 14 9 2023. Leave blank if not known and say why below"
                  readOnly={readOnly}
                  error={errorFor(FIELD_IDS.previousMaracDate(index))}
                  entry={shownEntry({ dateOfBirth: referral.date, dateOfBirthAsEntered: referral.dateAsEntered })}
                  onChange={(entry) => setReferral(index, referralDate(entry, `Earlier MARAC ${number}'s date`))}
                />
                <TextArea
                  id={`case-previous-marac-${index}-not-known`}
                  label={`Earlier MARAC ${number}: if the area or date is not known, why not`}
                  hint="For example, “she remembers a MARAC in Leeds but not the year”"
                  rows={2}
                  readOnly={readOnly}
                  value={referral.notKnownReason}
                  onChange={(value) => setReferral(index, { notKnownReason: typed(value) })}
                />
                {!readOnly && (
                  <RemoveEntryButton
                    label={`Remove earlier MARAC ${number}`}
                    onRemove={() => {
                      setPrevious({ referrals: referrals.filter((_, position) => position !== index) });
                      focus.removed();
                    }}
                  />
                )}
              </section>
            );
          })}
          {!readOnly && (
            <AddEntryButton
              id={FIELD_IDS.previousMaracAdd}
              label={referrals.length === 0 ? "Add an earlier MARAC" : "Add another earlier MARAC"}
              error={errorFor(FIELD_IDS.previousMaracAdd)}
              buttonRef={focus.addButton}
              onAdd={() => {
                setPrevious({ referrals: [...referrals, {}] });
                focus.added(FIELD_IDS.previousMaracArea(referrals.length));
              }}
            />
          )}
        </>
      )}
      <TextArea
        id="case-police-crime-references"
        label="Crime reference numbers (optional)"
        hint="One on each line"
        rows={2}
        readOnly={readOnly}
        value={referencesText}
        onChange={(value) => {
          setReferencesText(value);
          setPolice({ crimeReferences: referenceLines(value) });
        }}
      />
      <TextField
        id="case-police-officer-name"
        label="Officer in charge: name (optional)"
        readOnly={readOnly}
        value={officer.name}
        onChange={(value) => setOfficer({ name: typed(value) })}
      />
      <TextField
        id="case-police-officer-rank"
        label="Officer in charge: rank and number (optional)"
        hint="As the police write it, for example DC 4521"
        readOnly={readOnly}
        value={officer.rankAndNumber}
        onChange={(value) => setOfficer({ rankAndNumber: typed(value) })}
      />
      <TextField
        id="case-police-officer-phone"
        label="Officer in charge: phone number (optional)"
        type="tel"
        readOnly={readOnly}
        value={officer.phone}
        onChange={(value) => setOfficer({ phone: typed(value) })}
      />
      <TextField
        id={FIELD_IDS.officerEmail}
        label="Officer in charge: email address (optional)"
        type="email"
        readOnly={readOnly}
        error={errorFor(FIELD_IDS.officerEmail)}
        value={officer.email}
        onChange={(value) => setOfficer({ email: typed(value) })}
      />
      <Radios
        id="case-police-speak"
        label="Does the victim want to speak to the police about the offences disclosed in this referral?"
        readOnly={readOnly}
        choices={ANSWER_CHOICES}
        value={police.wantsToSpeakToPolice}
        onChange={(wantsToSpeakToPolice) => setPolice({ wantsToSpeakToPolice })}
      >
        {police.wantsToSpeakToPolice !== undefined && (
          <TextArea
            id={FIELD_IDS.speakToPoliceReason}
            label={
              police.wantsToSpeakToPolice === "yes"
                ? "Why they want to speak to the police (optional)"
                : police.wantsToSpeakToPolice === "no"
                  ? "Why they do not want to speak to the police"
                  : "Why it is not known whether they want to speak to the police"
            }
            hint="In the victim's words where you can"
            rows={3}
            readOnly={readOnly}
            error={errorFor(FIELD_IDS.speakToPoliceReason)}
            value={police.wantsToSpeakToPoliceReason}
            onChange={(value) => setPolice({ wantsToSpeakToPoliceReason: typed(value) })}
          />
        )}
      </Radios>
    </>
  );
}
