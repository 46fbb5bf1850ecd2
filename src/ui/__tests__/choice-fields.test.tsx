import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { DateEntry } from "../../domain/case-record/case-details";
import { Checkboxes } from "../checkboxes";
import { DateField } from "../date-field";
import { Radios } from "../radios";
import { SelectField } from "../select-field";

const ANSWERS = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

describe("Radios", () => {
  it("is a group named by its question; choosing a radio reports its value", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <Radios
        id="interpreter"
        label="Do they need an interpreter?"
        hint="Never a family member"
        choices={ANSWERS}
        value={undefined}
        onChange={onChange}
      />,
    );
    const group = screen.getByRole("group", { name: "Do they need an interpreter?" });
    expect(group).toHaveAccessibleDescription("Never a family member");
    const radios = within(group).getAllByRole("radio");
    expect(radios).toHaveLength(2);
    for (const radio of radios) expect(radio).not.toBeChecked();
    await user.click(within(group).getByRole("radio", { name: "No" }));
    expect(onChange).toHaveBeenCalledWith("no");
  });

  it("shows the chosen value, its error, a follow-up question, and is disabled when read-only", () => {
    render(
      <Radios
        id="interpreter"
        label="Do they need an interpreter?"
        error="Choose yes or no"
        readOnly
        choices={ANSWERS}
        value="yes"
        onChange={() => undefined}
      >
        <p>Follow-up question</p>
      </Radios>,
    );
    const group = screen.getByRole("group", { name: "Do they need an interpreter?" });
    expect(group).toHaveAccessibleDescription("Error: Choose yes or no");
    expect(within(group).getByRole("radio", { name: "Yes" })).toBeChecked();
    for (const radio of within(group).getAllByRole("radio")) expect(radio).toBeDisabled();
    expect(within(group).getByText("Follow-up question")).toBeInTheDocument();
  });

  it("gives a radio its own id when the choice names one, for an error link to land on", () => {
    render(
      <Radios
        id="outcome"
        label="Outcome"
        choices={[
          { value: "reviewed", label: "Reviewed", id: "outcome-reviewed" },
          { value: "returned", label: "Returned" },
        ]}
        value={undefined}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByRole("radio", { name: "Reviewed" })).toHaveAttribute("id", "outcome-reviewed");
    expect(screen.getByRole("radio", { name: "Returned" })).not.toHaveAttribute("id");
  });

  it("ties a hint to its own radio, outside its name, and can leave the id to a radio instead of the group", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <Radios
        id="colour"
        idOnGroup={false}
        label="Colour"
        error="Choose a colour"
        choices={[
          { value: "blue", label: "Blue", id: "colour", hint: "Nothing found" },
          { value: "red", label: "Red", id: "colour-red", hint: "Act now" },
          { value: "green", label: "Green" },
        ]}
        value="blue"
        onChange={onChange}
      />,
    );
    const group = screen.getByRole("group", { name: "Colour" });
    expect(group).not.toHaveAttribute("id");
    expect(group).not.toHaveAttribute("tabindex");
    expect(group).toHaveAccessibleDescription("Error: Choose a colour");
    const blue = within(group).getByRole("radio", { name: "Blue" });
    expect(blue).toHaveAttribute("id", "colour");
    expect(blue).toHaveAccessibleDescription("Nothing found");
    expect(blue).toBeChecked();
    const red = within(group).getByRole("radio", { name: "Red" });
    expect(red).toHaveAccessibleDescription("Act now");
    expect(within(group).getByRole("radio", { name: "Green" })).not.toHaveAccessibleDescription();
    await user.click(red);
    expect(onChange).toHaveBeenCalledWith("red");
  });

  it("adds a class to the group when asked", () => {
    render(
      <Radios id="q" className="question" label="Question" choices={ANSWERS} value={undefined} onChange={vi.fn()} />,
    );
    expect(screen.getByRole("group", { name: "Question" })).toHaveClass("form-field", "case-choices", "question");
  });
});

describe("Checkboxes", () => {
  const SUBSTANCES = [
    { value: "alcohol", label: "Alcohol", hint: "Including at home" },
    { value: "crack", label: "Crack cocaine" },
    { value: "opiates", label: "Opiates" },
  ] as const;

  function ControlledCheckboxes() {
    const [ticked, setTicked] = useState<string[] | undefined>(undefined);
    return (
      <>
        <Checkboxes
          id="substance"
          label="Which substances?"
          hint="Tick all that apply"
          choices={SUBSTANCES}
          value={ticked}
          onChange={setTicked}
        />
        <output>{ticked === undefined ? "none recorded" : `ticked: ${ticked.join(",")}`}</output>
      </>
    );
  }

  it("is a group named by its question; each box is found by its label and ticks into the list, newest last", async () => {
    const user = userEvent.setup();
    render(<ControlledCheckboxes />);
    const group = screen.getByRole("group", { name: "Which substances?" });
    expect(group).toHaveAccessibleDescription("Tick all that apply");
    const boxes = within(group).getAllByRole("checkbox");
    expect(boxes).toHaveLength(3);
    for (const box of boxes) expect(box).not.toBeChecked();
    const opiates = within(group).getByRole("checkbox", { name: "Opiates" });
    const alcohol = within(group).getByRole("checkbox", { name: "Alcohol" });
    expect(opiates).toHaveAttribute("id", "substance-opiates");
    await user.click(opiates);
    await user.click(alcohol);
    expect(opiates).toBeChecked();
    expect(alcohol).toBeChecked();
    expect(screen.getByText("ticked: opiates,alcohol")).toBeInTheDocument();
    await user.click(opiates);
    expect(opiates).not.toBeChecked();
    expect(screen.getByText("ticked: alcohol")).toBeInTheDocument();
    await user.click(alcohol);
    expect(screen.getByText("ticked:")).toBeInTheDocument();
  });

  it("describes a box by its own hint, takes a choice's own id, shows its error, and is disabled when read-only", () => {
    render(
      <Checkboxes
        id="substance"
        label="Which substances?"
        error="Tick at least one"
        readOnly
        choices={[{ value: "alcohol", label: "Alcohol", id: "drink", hint: "Including at home" }, SUBSTANCES[1]]}
        value={["crack"]}
        onChange={vi.fn()}
      />,
    );
    const group = screen.getByRole("group", { name: "Which substances?" });
    expect(group).toHaveClass("form-field--error");
    expect(group).toHaveAccessibleDescription("Error: Tick at least one");
    const alcohol = within(group).getByRole("checkbox", { name: "Alcohol" });
    expect(alcohol).toHaveAttribute("id", "drink");
    expect(alcohol).toHaveAccessibleDescription("Including at home");
    expect(within(group).getByRole("checkbox", { name: "Crack cocaine" })).toBeChecked();
    expect(within(group).getByRole("checkbox", { name: "Crack cocaine" })).not.toHaveAccessibleDescription();
    for (const box of within(group).getAllByRole("checkbox")) expect(box).toBeDisabled();
  });
});

describe("SelectField", () => {
  const ROLES = [
    { value: "police", label: "Police officer" },
    { value: "idva", label: "IDVA" },
  ] as const;

  it("offers an empty choice that reports undefined", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <SelectField
        id="role"
        label="Your role"
        emptyChoice="Not recorded"
        choices={ROLES}
        value="idva"
        onChange={onChange}
      />,
    );
    const select = screen.getByRole("combobox", { name: "Your role" });
    expect(select).toHaveDisplayValue("IDVA");
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Not recorded", "Police officer", "IDVA"]);
    await user.selectOptions(select, "Not recorded");
    expect(onChange).toHaveBeenLastCalledWith(undefined);
    await user.selectOptions(select, "Police officer");
    expect(onChange).toHaveBeenLastCalledWith("police");
  });

  it("without an empty choice lists only the choices, and is disabled when read-only", () => {
    render(<SelectField id="role" label="Your role" readOnly choices={ROLES} value="police" onChange={vi.fn()} />);
    const select = screen.getByRole("combobox", { name: "Your role" });
    expect(within(select).getAllByRole("option")).toHaveLength(2);
    expect(select).toBeDisabled();
  });
});

describe("DateField", () => {
  function ControlledDate({ error }: { error?: string }) {
    const [entry, setEntry] = useState<DateEntry>({ day: "", month: "", year: "" });
    return (
      <>
        <DateField id="dob" label="Date of birth" error={error} entry={entry} onChange={setEntry} />
        <output>{`${entry.day}/${entry.month}/${entry.year}`}</output>
      </>
    );
  }

  it("is a group of day, month and year boxes with the example as its hint", async () => {
    const user = userEvent.setup();
    render(<ControlledDate />);
    const group = screen.getByRole("group", { name: "Date of birth" });
    expect(group).toHaveAccessibleDescription("For example, 27 3 1985");
    await user.type(within(group).getByRole("textbox", { name: "Day" }), "27");
    await user.type(within(group).getByRole("textbox", { name: "Month" }), "3");
    await user.type(within(group).getByRole("textbox", { name: "Year" }), "1985");
    expect(screen.getByText("27/3/1985")).toBeInTheDocument();
    expect(within(group).getByRole("textbox", { name: "Day" })).toHaveAttribute("id", "dob-day");
  });

  it("announces its error on the group and marks every box invalid", () => {
    render(<ControlledDate error="Date of birth must be in the past" />);
    const group = screen.getByRole("group", { name: "Date of birth" });
    expect(group).toHaveAccessibleDescription("For example, 27 3 1985 Error: Date of birth must be in the past");
    for (const box of within(group).getAllByRole("textbox")) expect(box).toBeInvalid();
  });
});
