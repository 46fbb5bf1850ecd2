import { zodResolver } from "@hookform/resolvers/zod";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorSummary } from "../error-summary";
import { NewPassphraseFields } from "../new-passphrase-fields";
import { ProfileSelect } from "../profile-select";
import { PASSPHRASES_DIFFER, summaryErrors } from "../summary-errors";
import { loadStrengthEngine } from "../passphrase-strength";

// The passphrase estimator takes a second to load on a busy machine: load it once, before the timed steps.
beforeAll(() => loadStrengthEngine(), 30_000);

const schema = z
  .object({
    profileId: z.string().min(1, "Choose your profile"),
    passphrase: z.string().min(1, "Enter a passphrase"),
    confirmPassphrase: z.string().min(1, "Enter the passphrase again"),
  })
  .refine((values) => values.confirmPassphrase === "" || values.passphrase === values.confirmPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmPassphrase"],
  });
type Values = z.infer<typeof schema>;

const PROFILES = [
  { id: "p1", label: "PC 1234 Smith" },
  { id: "p2", label: "IDVA Jones" },
];

function PassphraseForm({
  onSaved,
  initialProfile = "p1",
}: {
  onSaved: (values: Values) => void;
  initialProfile?: string;
}) {
  const [failures, setFailures] = useState(0);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    shouldFocusError: false,
    defaultValues: { profileId: initialProfile, passphrase: "", confirmPassphrase: "" },
  });
  return (
    <form noValidate onSubmit={handleSubmit(onSaved, () => setFailures((count) => count + 1))}>
      <ErrorSummary
        errors={summaryErrors(errors, ["profileId", "passphrase", "confirmPassphrase"], "kit")}
        focusKey={failures}
      />
      <ProfileSelect
        id="kit-profileId"
        label="Who is using this device?"
        profiles={PROFILES}
        error={errors.profileId?.message}
        field={register("profileId")}
      />
      <NewPassphraseFields
        idPrefix="kit"
        label="Create a passphrase"
        hint="At least 12 characters."
        confirmLabel="Confirm your passphrase"
        passphrase={register("passphrase")}
        confirmation={register("confirmPassphrase")}
        error={errors.passphrase?.message}
        confirmError={errors.confirmPassphrase?.message}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe("NewPassphraseFields", () => {
  it("offers two password boxes for a new password, the first described by its hint", () => {
    render(<PassphraseForm onSaved={vi.fn()} />);
    const passphrase = screen.getByLabelText("Create a passphrase");
    const confirm = screen.getByLabelText("Confirm your passphrase");
    for (const box of [passphrase, confirm]) {
      expect(box).toHaveAttribute("type", "password");
      expect(box).toHaveAttribute("autocomplete", "off");
    }
    expect(passphrase).toHaveAttribute("id", "kit-passphrase");
    expect(confirm).toHaveAttribute("id", "kit-confirmPassphrase");
    expect(passphrase).toHaveAccessibleDescription("At least 12 characters.");
    expect(confirm).not.toHaveAccessibleDescription();
  });

  it("shows a mismatch under the confirmation, listed and linked in the error summary", async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(<PassphraseForm onSaved={onSaved} />);
    await user.type(screen.getByLabelText("Create a passphrase"), "correct horse battery");
    await user.type(screen.getByLabelText("Confirm your passphrase"), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveAccessibleName("There is a problem");
    expect(summary).toHaveFocus();
    const link = within(summary).getByRole("link", { name: PASSPHRASES_DIFFER });
    expect(link).toHaveAttribute("href", "#kit-confirmPassphrase");

    const confirm = screen.getByLabelText("Confirm your passphrase");
    expect(confirm).toBeInvalid();
    expect(confirm).toHaveAccessibleDescription(`Error: ${PASSPHRASES_DIFFER}`);
    expect(screen.getByLabelText("Create a passphrase")).not.toBeInvalid();
    expect(onSaved).not.toHaveBeenCalled();

    await user.click(link);
    expect(confirm).toHaveFocus();
  });

  it("submits when the two match", async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(<PassphraseForm onSaved={onSaved} />);
    await user.type(screen.getByLabelText("Create a passphrase"), "correct horse battery");
    await user.type(screen.getByLabelText("Confirm your passphrase"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(onSaved.mock.calls[0]?.[0]).toEqual({
      profileId: "p1",
      passphrase: "correct horse battery",
      confirmPassphrase: "correct horse battery",
    });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("ProfileSelect", () => {
  it("lists the profiles by name and submits the chosen profile's id", async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(<PassphraseForm onSaved={onSaved} />);
    const select = screen.getByRole("combobox", { name: "Who is using this device?" });
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["PC 1234 Smith", "IDVA Jones"]);
    expect(select).toHaveDisplayValue("PC 1234 Smith");
    await user.selectOptions(select, "IDVA Jones");
    await user.type(screen.getByLabelText("Create a passphrase"), "correct horse battery");
    await user.type(screen.getByLabelText("Confirm your passphrase"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSaved.mock.calls[0]?.[0]).toMatchObject({ profileId: "p2" });
  });

  it("announces its error and links to it from the summary", async () => {
    const user = userEvent.setup();
    render(<PassphraseForm onSaved={vi.fn()} initialProfile="" />);
    await user.click(screen.getByRole("button", { name: "Save" }));
    const summary = await screen.findByRole("alert");
    const link = within(summary).getByRole("link", { name: "Choose your profile" });
    expect(link).toHaveAttribute("href", "#kit-profileId");
    const select = screen.getByRole("combobox", { name: "Who is using this device?" });
    expect(select).toHaveAccessibleDescription("Error: Choose your profile");
    await user.click(link);
    expect(select).toHaveFocus();
  });
});
