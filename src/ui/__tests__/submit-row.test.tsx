import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SubmitRow } from "../submit-row";

describe("SubmitRow", () => {
  it("says what it is doing, and cannot be pressed again, while the form is being sent", () => {
    const { rerender } = render(<SubmitRow label="Create profile" busyLabel="Creating profile…" busy={false} />);
    expect(screen.getByRole("button", { name: "Create profile" })).toBeEnabled();
    rerender(<SubmitRow label="Create profile" busyLabel="Creating profile…" busy />);
    expect(screen.getByRole("button", { name: "Creating profile…" })).toBeDisabled();
  });

  it("offers Cancel only when given somewhere to go back to", async () => {
    const { rerender } = render(<SubmitRow label="Reset" busyLabel="Resetting…" busy={false} />);
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    const onCancel = vi.fn();
    rerender(<SubmitRow label="Reset" busyLabel="Resetting…" busy={false} onCancel={onCancel} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
