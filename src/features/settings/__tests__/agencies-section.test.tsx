import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { unlockedSession } from "../../../testing/test-vault";
import { AgenciesSection } from "../agencies-section";

describe("settings: your agencies", () => {
  it("adds, renames and removes agencies, stored as codes with sealed names", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<AgenciesSection session={session} />);
    expect(await screen.findByText("No agencies yet.")).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Add an agency" }), "Haven Refuge");
    await user.click(screen.getByRole("button", { name: "Add agency" }));
    const list = await screen.findByRole("list", { name: "Your agencies" });
    expect(within(list).getByText("Haven Refuge")).toBeInTheDocument();
    expect(await session.listAgencies()).toEqual([{ code: "agency-1", name: "Haven Refuge" }]);

    await user.click(screen.getByRole("button", { name: "Rename Haven Refuge" }));
    const rename = screen.getByRole("textbox", { name: "New name for Haven Refuge" });
    await user.clear(rename);
    await user.type(rename, "Haven Outreach");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByText("Renamed to Haven Outreach.")).toBeInTheDocument();
    expect(await session.listAgencies()).toEqual([{ code: "agency-1", name: "Haven Outreach" }]);

    await user.click(screen.getByRole("button", { name: "Remove Haven Outreach" }));
    expect(await screen.findByText("No agencies yet.")).toBeInTheDocument();
    expect(await session.listAgencies()).toEqual([]);
  });
});
