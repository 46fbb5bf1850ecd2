// Every control the field kit renders tells the browser not to remember it (autocomplete="off"):
// Chromium's session files otherwise keep what was typed or chosen, in clear, after the vault locks.
import { render } from "@testing-library/react";
import { DateField } from "../date-field";
import { FormField } from "../form-field";
import { NewPassphraseFields } from "../new-passphrase-fields";
import { ProfileSelect } from "../profile-select";
import { Radios } from "../radios";
import { SelectField } from "../select-field";
import { TextArea } from "../text-area";
import { TextField } from "../text-field";

const field = (name: string) => ({
  name,
  onChange: async () => undefined,
  onBlur: async () => undefined,
  ref: () => undefined,
});
const choices = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

it("renders no input, textarea or select without autocomplete=off", () => {
  const { container } = render(
    <>
      <TextField id="name" label="Name" value="" onChange={() => undefined} />
      <TextArea id="notes" label="Notes" value="" onChange={() => undefined} />
      <DateField id="dob" label="Date of birth" entry={{ day: "", month: "", year: "" }} onChange={() => undefined} />
      <Radios id="has-address" label="Address?" choices={choices} value={undefined} onChange={() => undefined} />
      <SelectField id="pick" label="Pick" choices={choices} value={undefined} onChange={() => undefined} />
      <FormField id="plain" label="Plain" />
      <FormField id="secret" label="Secret" type="password" />
      <ProfileSelect
        id="profile"
        label="Profile"
        profiles={[{ id: "p1", label: "PC 1234 Smith" }]}
        error={undefined}
        field={field("profileId")}
      />
      <NewPassphraseFields
        idPrefix="kit"
        label="Create a passphrase"
        hint="Hint"
        confirmLabel="Confirm your passphrase"
        passphrase={field("passphrase")}
        confirmation={field("confirmPassphrase")}
        error={undefined}
        confirmError={undefined}
      />
    </>,
  );
  const controls = [...container.querySelectorAll("input, textarea, select")];
  expect(controls.length).toBeGreaterThanOrEqual(12);
  expect(controls.filter((control) => control.getAttribute("autocomplete") !== "off").map((c) => c.id)).toEqual([]);
});
