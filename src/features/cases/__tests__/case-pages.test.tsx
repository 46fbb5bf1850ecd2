// Each question page of a case, driven as a practitioner would, and read back from the vault.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { emptyCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import type { VaultSession } from "../../../storage/vault-session";
import { newCaseDetails } from "../case-sections";
import { CasesScreen } from "../cases-screen";
import { unlockedSession } from "../../../testing/test-vault";
import { openSection, storedDetails } from "./case-steps";

async function caseOnScreen(
  details: CaseDetails = newCaseDetails(),
): Promise<{ user: UserEvent; session: VaultSession; caseId: string }> {
  const user = userEvent.setup();
  const session = await unlockedSession();
  const { id } = await session.saveCase({ details });
  render(<CasesScreen session={session} />);
  return { user, session, caseId: id };
}

function group(name: string | RegExp): HTMLElement {
  return screen.getByRole("group", { name });
}

async function typeDate(
  user: UserEvent,
  legend: string | RegExp,
  day: string,
  month: string,
  year: string,
): Promise<void> {
  const date = group(legend);
  await user.type(within(date).getByLabelText("Day"), day);
  await user.type(within(date).getByLabelText("Month"), month);
  await user.type(within(date).getByLabelText("Year"), year);
}

describe("case overview", () => {
  it("shows each section's status: not started, in progress or completed", async () => {
    const { user } = await caseOnScreen({
      ...newCaseDetails(),
      victim: {
        name: "Ada Example",
        dateOfBirth: "1985-03-05",
        interpreterNeeded: "no",
        safeContact: { phone: "07700 900123" },
      },
      consent: { status: "refused" },
    });
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    const status = (title: string) => screen.getByRole("button", { name: title });
    expect(await screen.findByRole("button", { name: "About the victim" })).toHaveAccessibleDescription("Completed");
    expect(status("Safe contact")).toHaveAccessibleDescription("In progress");
    expect(status("Victim's address")).toHaveAccessibleDescription("Not started");
    expect(status("Wishes and consent")).toHaveAccessibleDescription("In progress");
    expect(status("The person causing harm")).toHaveAccessibleDescription("Not started");
    expect(screen.getByText("You have completed 1 of 9 sections.", { exact: false })).toBeInTheDocument();
  });
});

describe("case question pages", () => {
  it("About the victim saves every answer and the never-share ticks", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "About the victim");
    await user.type(screen.getByLabelText("Victim's name"), "Ada Example");
    await user.type(screen.getByLabelText(/^Other names/), "Ada Brown");
    await user.click(
      screen.getByRole("checkbox", { name: "Never share the victim's other names with the person causing harm" }),
    );
    await typeDate(user, "Date of birth", "5", "3", "1985");
    await user.type(screen.getByLabelText(/^Gender/), "Woman");
    await user.type(screen.getByLabelText("Languages they speak"), "Polish, some English");
    await user.click(within(group("Do they need an interpreter?")).getByRole("radio", { name: "Yes" }));
    await user.type(screen.getByLabelText("Language the interpreter must speak"), "Polish");
    await user.type(screen.getByLabelText(/^Diversity and access needs/), "Uses a wheelchair");

    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.victim.diversityAndAccessNeeds).toBe("Uses a wheelchair"),
    );
    expect(saved.victim).toEqual({
      name: "Ada Example",
      otherNames: "Ada Brown",
      dateOfBirth: "1985-03-05",
      dateOfBirthAsEntered: { day: "5", month: "3", year: "1985" },
      gender: "Woman",
      languages: "Polish, some English",
      interpreterNeeded: "yes",
      interpreterLanguage: "Polish",
      diversityAndAccessNeeds: "Uses a wheelchair",
    });
    expect(saved.nonDisclosure).toContain("victim.otherNames");

    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "About the victim" })).toHaveAccessibleDescription("Completed");
  });

  it("Safe contact starts withheld as a whole, and can be withheld field by field instead", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Safe contact");
    const whole = screen.getByRole("checkbox", {
      name: "Never share any of the victim's safe contact details with the person causing harm",
    });
    expect(whole).toBeChecked();
    expect(screen.queryByRole("checkbox", { name: /Never share the safe phone number/ })).not.toBeInTheDocument();
    await user.click(whole);
    await user.type(screen.getByLabelText("Safe phone number"), "07700 900123");
    await user.click(
      screen.getByRole("checkbox", { name: "Never share the safe phone number with the person causing harm" }),
    );
    await user.type(screen.getByLabelText(/^Safe email address/), "ada@example.org");
    await user.click(within(group("Is it safe to call them?")).getByRole("radio", { name: "Yes" }));
    await user.click(within(group("Is it safe to send them text messages?")).getByRole("radio", { name: "No" }));
    await user.click(within(group("Is it safe to leave them messages?")).getByRole("radio", { name: "Not known" }));
    await user.type(screen.getByLabelText(/^Safe times/), "Weekdays 10 till 2");
    await user.type(screen.getByLabelText(/^Another safe way/), "Her sister");

    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.victim.safeContact?.otherSafeMethod).toBe("Her sister"),
    );
    expect(saved.victim.safeContact).toEqual({
      phone: "07700 900123",
      email: "ada@example.org",
      safeToCall: "yes",
      safeToText: "no",
      safeToLeaveMessage: "not-known",
      safeTimes: "Weekdays 10 till 2",
      otherSafeMethod: "Her sister",
    });
    expect(saved.nonDisclosure).toEqual(["victim.address", "victim.safeContact.phone"]);
  });

  it("Victim's address saves the address, and asks for it when 'They have an address' is chosen without one", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Victim's address");
    expect(
      screen.getByRole("checkbox", {
        name: "Never share the victim's address or whereabouts with the person causing harm",
      }),
    ).toBeChecked();
    await user.click(within(group("Where does the victim live?")).getByRole("radio", { name: "They have an address" }));
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(summary).toHaveFocus());
    await user.click(
      within(summary).getByRole("link", { name: "Enter the victim's address, or choose no fixed abode or not known" }),
    );
    expect(screen.getByLabelText("Address")).toHaveFocus();
    await user.keyboard("12 Acacia Avenue, Townville");
    await user.type(screen.getByLabelText(/^Postcode/), "AB1 2CD");
    await storedDetails(session, caseId, (details) =>
      expect(details.victim.address).toEqual({
        kind: "address",
        text: "12 Acacia Avenue, Townville",
        postcode: "AB1 2CD",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Victim's address" })).toHaveAccessibleDescription("Completed");
  });

  it("The person causing harm keeps a mistyped date of birth as typed, flags it, and saves the rest", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "The person causing harm");
    await user.type(screen.getByLabelText("Name of the person causing harm"), "Sam Harm");
    await user.type(screen.getByLabelText(/^Other names/), "Sammy");
    await typeDate(user, "Their date of birth", "31", "2", "1980");
    await user.click(
      within(group("What is their relationship to the victim?")).getByRole("radio", { name: "Ex-partner" }),
    );
    await user.click(
      within(group("Where does the person causing harm live?")).getByRole("radio", { name: "No fixed abode" }),
    );
    await user.type(screen.getByLabelText(/^Where they can be found/), "Sofa surfing in Townville");
    await user.click(
      within(group("Have history checks been made on the person causing harm?")).getByRole("radio", {
        name: /waiting for the result/,
      }),
    );
    await user.type(screen.getByLabelText(/^What the checks found/), "PNC check requested 10:00");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    const summary = await screen.findByRole("alert");
    await user.click(within(summary).getByRole("link", { name: "Their date of birth must be a real date" }));
    expect(within(group(/Their date of birth/)).getByLabelText("Day")).toHaveFocus();

    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.perpetrator.historyChecksNote).toBe("PNC check requested 10:00"),
    );
    expect(saved.perpetrator).toEqual({
      name: "Sam Harm",
      otherNames: "Sammy",
      dateOfBirthAsEntered: { day: "31", month: "2", year: "1980" },
      relationship: "ex-partner",
      address: { kind: "no-fixed-abode", text: "Sofa surfing in Townville" },
      historyChecks: "pending",
      historyChecksNote: "PNC check requested 10:00",
    });

    // Leaving and coming back: the date is shown as typed and flagged at once.
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    expect(screen.getByRole("button", { name: "The person causing harm" })).toHaveAccessibleDescription("In progress");
    await user.click(screen.getByRole("button", { name: "The person causing harm" }));
    expect(
      within(screen.getByRole("alert")).getByRole("link", { name: "Their date of birth must be a real date" }),
    ).toBeInTheDocument();
    const day = within(group(/Their date of birth/)).getByLabelText("Day");
    expect(day).toHaveValue("31");
    await user.clear(day);
    await user.type(day, "28");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await storedDetails(session, caseId, (details) => expect(details.perpetrator.dateOfBirth).toBe("1980-02-28"));
  });

  it("Children: adding and removing keeps every never-share tick on the right child", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Children and dependants");
    await user.click(within(group(/Does the victim have children/)).getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Add a child" }));
    expect(screen.getByLabelText("Child 1: name")).toHaveFocus();
    await user.type(screen.getByLabelText("Child 1: name"), "Bea");
    await user.type(screen.getByLabelText(/^Child 1: age in years/), "4");
    await user.type(screen.getByLabelText(/^Child 1: school/), "Hill Nursery");
    await user.click(screen.getByRole("button", { name: "Add another child" }));
    await user.type(screen.getByLabelText("Child 2: name"), "Cal");
    await typeDate(user, /Child 2: date of birth/, "14", "9", "2015");
    await user.type(screen.getByLabelText(/^Child 2: school/), "Town Academy");
    await user.click(
      within(group("Child 2: how are they related to the person causing harm?")).getByRole("radio", {
        name: "Their stepchild",
      }),
    );
    await user.click(within(group("Child 2: do they live with the victim?")).getByRole("radio", { name: "Yes" }));
    expect(
      screen.getByRole("checkbox", { name: "Never share child 2's school with the person causing harm" }),
    ).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "Never share child 2's name with the person causing harm" }));
    await user.click(
      screen.getByRole("checkbox", { name: "Never share child 1's school with the person causing harm" }),
    );
    await user.click(
      screen.getByRole("checkbox", { name: "Never share child 1's school with the person causing harm" }),
    );
    await user.type(screen.getByLabelText(/^Other dependants/), "Expecting a baby in March");

    const before = await storedDetails(session, caseId, (details) =>
      expect(details.otherDependants).toBe("Expecting a baby in March"),
    );
    expect(before.children).toEqual([
      { name: "Bea", age: 4, ageAsEntered: "4", school: "Hill Nursery" },
      {
        name: "Cal",
        dateOfBirth: "2015-09-14",
        dateOfBirthAsEntered: { day: "14", month: "9", year: "2015" },
        school: "Town Academy",
        relationshipToPerpetrator: "step-child",
        livesWithVictim: "yes",
      },
    ]);
    expect([...before.nonDisclosure].sort()).toEqual([
      "children[0].school",
      "children[1].name",
      "children[1].school",
      "victim.address",
      "victim.safeContact",
    ]);

    await user.click(screen.getByRole("button", { name: "Remove child 1" }));
    expect(screen.getByRole("button", { name: "Add another child" })).toHaveFocus();
    expect(screen.getByLabelText("Child 1: name")).toHaveValue("Cal");
    expect(screen.queryByLabelText("Child 2: name")).not.toBeInTheDocument();
    expect(
      screen.getByRole("checkbox", { name: "Never share child 1's name with the person causing harm" }),
    ).toBeChecked();
    const after = await storedDetails(session, caseId, (details) => expect(details.children).toHaveLength(1));
    expect(after.children[0]!.name).toBe("Cal");
    expect([...after.nonDisclosure].sort()).toEqual([
      "children[0].name",
      "children[0].school",
      "victim.address",
      "victim.safeContact",
    ]);
  });

  it("Children: an age over 17 is kept as typed and flagged", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Children and dependants");
    await user.click(screen.getByRole("button", { name: "Add a child" }));
    await user.type(screen.getByLabelText(/^Child 1: age in years/), "19");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    const summary = await screen.findByRole("alert");
    await user.click(within(summary).getByRole("link", { name: /Child 1: Age must be 17 or under/ }));
    expect(screen.getByLabelText(/^Child 1: age in years/)).toHaveFocus();
    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.children[0]?.ageAsEntered).toBe("19"),
    );
    expect(saved.children[0]?.age).toBeUndefined();
  });

  it("Referrer saves who is referring", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Referrer");
    await user.type(screen.getByLabelText("Your name"), "PC 1234 Smith");
    await user.selectOptions(screen.getByLabelText("Your role"), "Police");
    await user.type(screen.getByLabelText("Your agency or team"), "Townville Response");
    await user.type(screen.getByLabelText("Your work phone number"), "01632 960000");
    await user.type(screen.getByLabelText("Your work email address"), "pc.smith@police.example");
    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.referrer.email).toBe("pc.smith@police.example"),
    );
    expect(saved.referrer).toEqual({
      name: "PC 1234 Smith",
      role: "police",
      agency: "Townville Response",
      phone: "01632 960000",
      email: "pc.smith@police.example",
    });
  });

  it("Wishes and consent: sharing without consent needs the lawful basis and the reason", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Wishes and consent");
    await user.type(
      screen.getByLabelText("What does the victim want to happen?"),
      "To stay in her home with the locks changed",
    );
    await user.click(
      screen.getByRole("checkbox", { name: "Never share the victim's wishes with the person causing harm" }),
    );
    await user.click(
      within(group("Has the victim consented to this information being shared?")).getByRole("radio", {
        name: "No, they refused",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    const summary = await screen.findByRole("alert");
    // Focus moves in an effect after the summary renders: wait for it rather than race it.
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      "Enter the lawful basis for sharing without consent",
      "Enter why the information must be shared without consent",
    ]);
    expect(screen.getByLabelText("Lawful basis for sharing without consent")).toHaveAttribute("aria-invalid", "true");
    await user.click(links[1]!);
    expect(screen.getByLabelText("Why it must be shared without consent")).toHaveFocus();
    await user.keyboard("Threats to kill and strangulation: high risk");
    await user.type(
      screen.getByLabelText("Lawful basis for sharing without consent"),
      "Crime and Disorder Act 1998 s115",
    );
    await user.click(within(group("Does the victim know about this referral?")).getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Wishes and consent" })).toHaveAccessibleDescription("Completed");

    // Wait for the last answer given (whether the victim knows) to be stored, not only an earlier one.
    const saved = await storedDetails(session, caseId, (details) => {
      expect(details.consent.lawfulBasis).toBe("Crime and Disorder Act 1998 s115");
      expect(details.consent.victimAware).toBe("yes");
    });
    expect(saved.consent).toEqual({
      status: "refused",
      victimAware: "yes",
      lawfulBasis: "Crime and Disorder Act 1998 s115",
      reasonWithoutConsent: "Threats to kill and strangulation: high risk",
    });
    expect(saved.victim.wishes).toBe("To stay in her home with the locks changed");
    expect(saved.nonDisclosure).toContain("victim.wishes");
  });

  it("Agencies and actions saves one agency a line, the actions and notes, each withholdable", async () => {
    const { user, session, caseId } = await caseOnScreen(emptyCaseDetails());
    await openSection(user, "Agencies and actions");
    await user.type(screen.getByLabelText("Agencies already involved"), "GP{Enter}{Enter}  Housing officer {Enter}");
    await user.type(screen.getByLabelText("Actions already taken"), "Arrested; bail conditions");
    await user.type(screen.getByLabelText("Notes"), "Seen at the station.");
    await user.click(
      screen.getByRole("checkbox", { name: "Never share the agencies involved with the person causing harm" }),
    );
    await user.click(
      screen.getByRole("checkbox", { name: "Never share the actions taken with the person causing harm" }),
    );
    await user.click(screen.getByRole("checkbox", { name: "Never share these notes with the person causing harm" }));
    expect(screen.getByLabelText("Agencies already involved")).toHaveValue("GP\n\n  Housing officer \n");
    const saved = await storedDetails(session, caseId, (details) => expect(details.nonDisclosure).toHaveLength(3));
    expect(saved.agenciesInvolved).toEqual(["GP", "Housing officer"]);
    expect(saved.actionsTaken).toBe("Arrested; bail conditions");
    expect(saved.notes).toBe("Seen at the station.");
    expect(saved.nonDisclosure).toEqual(["agenciesInvolved", "actionsTaken", "notes"]);
  });
});

describe("check case details", () => {
  it("lists what is recorded with what is never shared marked, and changes a section from there", async () => {
    const { user } = await caseOnScreen({
      ...newCaseDetails(),
      victim: {
        name: "Ada Example",
        address: { kind: "address", text: "12 Acacia Avenue", postcode: "AB1 2CD" },
        safeContact: { phone: "07700 900123" },
      },
      children: [{ name: "Bea", school: "Hill Nursery" }],
      nonDisclosure: ["victim.address", "victim.safeContact", "children[0].school"],
    });
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Check case details" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Check case details" })).toHaveFocus();

    const victimAddress = screen.getByRole("region", { name: "Victim's address" });
    expect(within(victimAddress).getByText("12 Acacia Avenue, AB1 2CD")).toHaveTextContent(
      "Never shared with the person causing harm",
    );
    const children = screen.getByRole("region", { name: "Children and dependants" });
    expect(within(children).getByText("Hill Nursery")).toHaveTextContent("Never shared with the person causing harm");
    expect(within(children).getByText("Bea")).not.toHaveTextContent("Never shared");
    expect(
      within(screen.getByRole("region", { name: "About the victim" })).getByText("Ada Example"),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Change safe contact" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Safe contact" })).toBeInTheDocument();
    expect(screen.getByLabelText("Safe phone number")).toHaveValue("07700 900123");
  });
});

describe("nothing typed leaves the device", () => {
  it("turns the browser's spell checker off in every text box of the form", async () => {
    const { user } = await caseOnScreen();
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    for (const title of [
      "About the victim",
      "Safe contact",
      "The person causing harm",
      "Children and dependants",
      "Referrer",
      "Wishes and consent",
      "Previous MARAC and police",
      "Agencies and actions",
    ]) {
      await user.click(await screen.findByRole("button", { name: title }));
      await screen.findByRole("heading", { level: 1, name: title });
      const boxes = [...screen.queryAllByRole("textbox")];
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box).toHaveAttribute("spellcheck", "false");
        expect(box).toHaveAttribute("autocomplete", "off");
      }
      await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    }
  });
});
