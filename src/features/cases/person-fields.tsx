// What the victim and the person causing harm pages ask alike: name, other names and date of birth
// (kept as typed), and where they live. Children use the date helpers too.
import type { ReactNode } from "react";
import { ADDRESS_KINDS, type Address, type DateEntry } from "../../domain/case-record/case-details";
import { dateEntryOf, readDateEntry } from "../../domain/case-record/date-entry";
import { londonDateOf } from "../../domain/dates";
import type { Choice } from "../../ui/choice";
import { DateField } from "../../ui/date-field";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { ADDRESS_LABELS } from "./case-labels";
import { typed } from "./section-page";

interface DateOfBirth {
  dateOfBirth?: string | undefined;
  dateOfBirthAsEntered?: DateEntry | undefined;
}

/** The ISO date (when the entry is a real past date) and the entry as typed, to store together. */
export function datePair(
  entry: DateEntry,
  label: string,
): { dateOfBirth: string | undefined; dateOfBirthAsEntered: DateEntry | undefined } {
  const reading = readDateEntry(entry, label, londonDateOf(new Date().toISOString()));
  if (reading.kind === "empty") return { dateOfBirth: undefined, dateOfBirthAsEntered: undefined };
  return { dateOfBirth: reading.kind === "date" ? reading.date : undefined, dateOfBirthAsEntered: entry };
}

/** What the three date boxes show: the entry as typed, or the saved date when there is none. */
export function shownEntry(holder: DateOfBirth): DateEntry {
  return holder.dateOfBirthAsEntered ?? dateEntryOf(holder.dateOfBirth);
}

export interface Person extends DateOfBirth {
  name?: string | undefined;
  otherNames?: string | undefined;
}

export interface PersonFieldsProps {
  /** Ids are `${idPrefix}-name`, `-other-names` and `-dob`. */
  idPrefix: string;
  person: Person;
  nameLabel: string;
  otherNamesHint: string;
  /** Also names the date in its error messages. */
  dateOfBirthLabel: string;
  dateOfBirthError: string | undefined;
  readOnly: boolean;
  onChange: (change: Person) => void;
  /** Shown between the other names and the date of birth (the victim's never-share tick). */
  afterOtherNames?: ReactNode;
}

export function PersonFields({
  idPrefix,
  person,
  nameLabel,
  otherNamesHint,
  dateOfBirthLabel,
  dateOfBirthError,
  readOnly,
  onChange,
  afterOtherNames,
}: PersonFieldsProps) {
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={nameLabel}
        readOnly={readOnly}
        value={person.name}
        onChange={(value) => onChange({ name: typed(value) })}
      />
      <TextField
        id={`${idPrefix}-other-names`}
        label="Other names they use or have used (optional)"
        hint={otherNamesHint}
        readOnly={readOnly}
        value={person.otherNames}
        onChange={(value) => onChange({ otherNames: typed(value) })}
      />
      {afterOtherNames}
      <DateField
        id={`${idPrefix}-dob`}
        label={dateOfBirthLabel}
        readOnly={readOnly}
        error={dateOfBirthError}
        entry={shownEntry(person)}
        onChange={(entry) => onChange(datePair(entry, dateOfBirthLabel))}
      />
    </>
  );
}

export const ADDRESS_CHOICES: readonly Choice<Address["kind"]>[] = ADDRESS_KINDS.map((kind) => ({
  value: kind,
  label: ADDRESS_LABELS[kind],
}));

export interface AddressInputsProps {
  idPrefix: string;
  legend: string;
  address: Address | undefined;
  readOnly: boolean;
  textError?: string | undefined;
  onChange: (address: Address) => void;
}

/** Address, no fixed abode or not known; then the address, or where they can be found. */
export function AddressInputs({ idPrefix, legend, address, readOnly, textError, onChange }: AddressInputsProps) {
  const set = (change: Partial<Address>): void => onChange({ kind: address?.kind ?? "address", ...address, ...change });
  const hasAddress = address?.kind === "address";
  return (
    <Radios
      id={`${idPrefix}-kind`}
      label={legend}
      readOnly={readOnly}
      choices={ADDRESS_CHOICES}
      value={address?.kind}
      onChange={(kind) => set({ kind })}
    >
      {address !== undefined && (
        <>
          <TextArea
            id={`${idPrefix}-text`}
            label={hasAddress ? "Address" : "Where they can be found (optional)"}
            hint={hasAddress ? undefined : "For example, a hostel, a friend's address or where they usually stay"}
            rows={3}
            readOnly={readOnly}
            error={textError}
            value={address.text}
            onChange={(value) => set({ text: typed(value) })}
          />
          {hasAddress && (
            <TextField
              id={`${idPrefix}-postcode`}
              label="Postcode (optional)"
              className="case-postcode"
              readOnly={readOnly}
              value={address.postcode}
              onChange={(value) => set({ postcode: typed(value) })}
            />
          )}
        </>
      )}
    </Radios>
  );
}
