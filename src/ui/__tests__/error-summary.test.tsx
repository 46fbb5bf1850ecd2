import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ErrorSummary } from "../error-summary";
import { FormField } from "../form-field";

describe("ErrorSummary", () => {
  it("is not shown while there is nothing to report", () => {
    render(<ErrorSummary errors={[]} focusKey={0} />);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("lists each problem as a link that moves focus to its field, in the order given", async () => {
    const user = userEvent.setup();
    render(
      <>
        <ErrorSummary
          errors={[
            { fieldId: "kit-name", message: "Enter your name" },
            { fieldId: "kit-key", message: "Enter your recovery key" },
          ]}
          focusKey={1}
        />
        <FormField id="kit-name" label="Your name" error="Enter your name" />
        <FormField id="kit-key" label="Recovery key" hint="24 letters and numbers" error="Enter your recovery key" />
      </>,
    );
    const summary = screen.getByRole("alert", { name: "There is a problem" });
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["Enter your name", "Enter your recovery key"]);

    await user.click(within(summary).getByRole("link", { name: "Enter your recovery key" }));
    const key = screen.getByRole("textbox", { name: "Recovery key" });
    expect(key).toHaveFocus();
    expect(key).toBeInvalid();
    expect(key).toHaveAccessibleDescription("24 letters and numbers Error: Enter your recovery key");
  });

  it("takes focus again on each failed submit, and shows a problem that belongs to no field", () => {
    const { rerender } = render(
      <>
        <button type="button">Elsewhere</button>
        <ErrorSummary errors={[]} focusKey={1}>
          <p>Try again in 30 seconds.</p>
        </ErrorSummary>
      </>,
    );
    const summary = screen.getByRole("alert");
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent("Try again in 30 seconds.");
    screen.getByRole("button", { name: "Elsewhere" }).focus();
    rerender(
      <>
        <button type="button">Elsewhere</button>
        <ErrorSummary errors={[]} focusKey={2}>
          <p>Try again in 30 seconds.</p>
        </ErrorSummary>
      </>,
    );
    expect(screen.getByRole("alert")).toHaveFocus();
  });
});
