// A new case's referrer is the practitioner, from Your details in Settings: nothing to type at a scene.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readCaseDetails } from "../../../domain/case-record/case-details";
import { savePractitionerDetails } from "../../../storage/practitioner-details";
import { unlockedSession } from "../../../testing/test-vault";
import { CasesScreen } from "../cases-screen";
import { storedDetails } from "./case-steps";

describe("a new case's referrer", () => {
  it("is filled in from the practitioner's own details, agency by its current name, and can be changed", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const agency = await session.addAgency("Anytown Police");
    await savePractitionerDetails(session, {
      name: "PC 1234 Smith",
      role: "police",
      agencyCode: agency.code,
      phone: "01632 960001",
      email: "pc1234@police.example",
    });
    render(<CasesScreen session={session} />);
    await user.click(await screen.findByRole("button", { name: "New case" }));
    await user.click(await screen.findByRole("button", { name: "Referrer" }));

    expect(await screen.findByRole("textbox", { name: "Your name" })).toHaveValue("PC 1234 Smith");
    expect(screen.getByRole("combobox", { name: "Your role" })).toHaveDisplayValue("Police");
    expect(screen.getByRole("textbox", { name: "Your agency or team" })).toHaveValue("Anytown Police");
    expect(screen.getByRole("textbox", { name: "Your work phone number" })).toHaveValue("01632 960001");
    expect(screen.getByRole("textbox", { name: "Your work email address" })).toHaveValue("pc1234@police.example");

    await user.clear(screen.getByRole("textbox", { name: "Your work phone number" }));
    await user.type(screen.getByRole("textbox", { name: "Your work phone number" }), "01632 960002");
    const [created] = await session.listCaseSummaries();
    await storedDetails(session, created!.id, (details) =>
      expect(details.referrer).toEqual({
        name: "PC 1234 Smith",
        role: "police",
        agency: "Anytown Police",
        phone: "01632 960002",
        email: "pc1234@police.example",
      }),
    );
  });

  it("is left blank when no details are kept", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    render(<CasesScreen session={session} />);
    await user.click(await screen.findByRole("button", { name: "New case" }));
    await screen.findByRole("heading", { level: 1, name: "Case details" });
    const [created] = await session.listCaseSummaries();
    expect(readCaseDetails((await session.getCase(created!.id)).details).referrer).toEqual({});
  });
});
