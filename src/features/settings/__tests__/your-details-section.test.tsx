import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readPractitionerDetails } from "../../../storage/practitioner-details";
import { unlockedSession } from "../../../testing/test-vault";
import { SettingsScreen } from "../settings-screen";

describe("settings: your details", () => {
  it("keeps the officer's role, agency (as its code) and contact details, offering the agencies just added", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<SettingsScreen session={session} />);
    const details = await screen.findByRole("region", { name: "Your details" });
    const agency = await within(details).findByRole("combobox", { name: "Your agency" });
    expect(within(agency).queryByRole("option", { name: "Anytown Police" })).not.toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Add an agency" }), "Anytown Police");
    await user.click(screen.getByRole("button", { name: "Add agency" }));
    expect(await within(agency).findByRole("option", { name: "Anytown Police" })).toBeInTheDocument();

    await user.type(within(details).getByRole("textbox", { name: "Your name" }), "PC 1234 Smith");
    await user.selectOptions(within(details).getByRole("combobox", { name: "Your role" }), "Police");
    await user.selectOptions(agency, "Anytown Police");
    await user.type(within(details).getByRole("textbox", { name: "Your work email address" }), "pc1234@police.example");
    await user.click(within(details).getByRole("button", { name: "Save your details" }));
    expect(await within(details).findByText("Your details are saved.")).toBeInTheDocument();

    expect(await readPractitionerDetails(session)).toEqual({
      name: "PC 1234 Smith",
      role: "police",
      agencyCode: "agency-1",
      email: "pc1234@police.example",
    });
  });

  it("reads saved details back when Settings opens again", async () => {
    const session = await unlockedSession();
    await session.addAgency("Haven Refuge");
    await session.setSetting(
      "profile.practitioner-details",
      { role: "idva", agencyCode: "agency-1", phone: "01632 960000" },
      { sensitive: true },
    );
    render(<SettingsScreen session={session} />);
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(await within(details).findByRole("combobox", { name: "Your role" })).toHaveDisplayValue("IDVA");
    expect(await within(details).findByRole("option", { name: "Haven Refuge", selected: true })).toBeInTheDocument();
    expect(within(details).getByRole("textbox", { name: "Your work phone number" })).toHaveValue("01632 960000");
  });
});
