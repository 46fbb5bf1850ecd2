import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { TextArea } from "../text-area";
import { TextField, type TextFieldProps } from "../text-field";

function ControlledTextField(props: Omit<TextFieldProps, "value" | "onChange">) {
  const [value, setValue] = useState<string | undefined>(undefined);
  return (
    <>
      <TextField {...props} value={value} onChange={setValue} />
      <output>{value === undefined ? "nothing typed" : `typed: ${value}`}</output>
    </>
  );
}

describe("TextField", () => {
  it("is found by its label, described by its hint and reports what is typed", async () => {
    const user = userEvent.setup();
    render(<ControlledTextField id="name" label="Victim's name" hint="As they give it" />);
    const box = screen.getByRole("textbox", { name: "Victim's name" });
    expect(box).toHaveAccessibleDescription("As they give it");
    expect(box).not.toBeInvalid();
    expect(box).toHaveAttribute("autocomplete", "off");
    expect(box).toHaveAttribute("spellcheck", "false");
    await user.type(box, "Sam");
    expect(box).toHaveValue("Sam");
    expect(screen.getByText("typed: Sam")).toBeInTheDocument();
  });

  it("announces its error after the hint and marks the box invalid", () => {
    render(
      <TextField
        id="email"
        label="Safe email address"
        hint="One they check"
        error="Enter an email address like name@example.com"
        value="not an email"
        onChange={() => undefined}
      />,
    );
    const box = screen.getByRole("textbox", { name: "Safe email address" });
    expect(box).toBeInvalid();
    expect(box).toHaveAttribute("aria-describedby", "email-hint email-error");
    expect(box).toHaveAccessibleDescription("One they check Error: Enter an email address like name@example.com");
  });

  it("is read-only when another tab holds the record", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<TextField id="phone" label="Safe phone number" type="tel" readOnly value="0123" onChange={onChange} />);
    const box = screen.getByRole("textbox", { name: "Safe phone number" });
    expect(box).toHaveAttribute("readonly");
    expect(box).toHaveAttribute("type", "tel");
    await user.type(box, "4");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("can be a date box, and reports leaving it", async () => {
    const user = userEvent.setup();
    const onBlur = vi.fn();
    render(
      <>
        <TextField id="return-on" label="Come back by" type="date" value="" onChange={vi.fn()} onBlur={onBlur} />
        <button type="button">Next</button>
      </>,
    );
    const box = screen.getByLabelText("Come back by");
    expect(box).toHaveAttribute("type", "date");
    expect(box).toHaveAttribute("id", "return-on");
    await user.click(box);
    expect(onBlur).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(onBlur).toHaveBeenCalledTimes(1);
  });
});

describe("TextArea", () => {
  it("is found by its label, reports what is typed and announces its error", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const { rerender } = render(<TextArea id="notes" label="Notes" rows={8} value="" onChange={onChange} />);
    const box = screen.getByRole("textbox", { name: "Notes" });
    expect(box).toHaveAttribute("rows", "8");
    expect(box).toHaveAttribute("autocomplete", "off");
    expect(box).toHaveAttribute("spellcheck", "false");
    expect(box).not.toHaveAccessibleDescription();
    await user.type(box, "A");
    expect(onChange).toHaveBeenLastCalledWith("A");

    rerender(<TextArea id="notes" label="Notes" error="Enter a note" value="" onChange={onChange} />);
    expect(box).toBeInvalid();
    expect(box).toHaveAccessibleDescription("Error: Enter a note");
  });

  it("keeps what is typed on the device: spellcheck off, and reports leaving the box", async () => {
    const user = userEvent.setup();
    const onBlur = vi.fn();
    render(
      <>
        <TextArea id="why" label="Why?" hint="In your own words" value="" onChange={vi.fn()} onBlur={onBlur} />
        <button type="button">Next</button>
      </>,
    );
    const box = screen.getByRole("textbox", { name: "Why?" });
    expect(box).toHaveAttribute("spellcheck", "false");
    expect(box).toHaveAccessibleDescription("In your own words");
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(onBlur).toHaveBeenCalledTimes(1);
  });
});
