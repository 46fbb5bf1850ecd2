// The referral forms' questions on the case pages (issue 18): who the victim is afraid of and who is
// safe to talk to, awareness of the referral, earlier MARACs and the police, and who else is at risk.
// Driven as a practitioner would (by role and label), read back from the vault, and from a pack.
import { render, screen, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { CaseDetails } from "../../../domain/case-record/case-details";
import { buildPack } from "../../../domain/referral-pack/build-pack";
import { checkPackCompleteness } from "../../../domain/referral-pack/pack-completeness";
import { WITHHELD_MARKER, type PackRow } from "../../../domain/referral-pack/pack-document";
import type { VaultSession } from "../../../storage/vault-session";
import { unlockedSession } from "../../../testing/test-vault";
import { loadScenario } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import { newCaseDetails, sectionForDetailsPath } from "../case-sections";
import { CasesScreen } from "../cases-screen";
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

function tick(what: string): HTMLElement {
  return screen.getByRole("checkbox", { name: `Never share ${what} with the person causing harm` });
}

async function saveAndContinue(user: UserEvent): Promise<HTMLElement> {
  await user.click(screen.getByRole("button", { name: "Save and continue" }));
  const summary = await screen.findByRole("alert");
  expect(summary).toHaveFocus();
  return summary;
}

function summaryLinks(summary: HTMLElement): (string | null)[] {
  return within(summary)
    .getAllByRole("link")
    .map((link) => link.textContent);
}

describe("About the victim: who they are afraid of, and who is safe to talk to", () => {
  it("names each person the victim is afraid of, adds and removes people, and withholds each answer", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "About the victim");
    expect(screen.queryByLabelText("Person 1: name")).not.toBeInTheDocument();
    await user.click(
      within(group(/^Who is the victim afraid of\?/)).getByRole("radio", {
        name: "They have named one or more people",
      }),
    );
    // Naming people starts with the first person's boxes.
    await user.type(screen.getByLabelText("Person 1: name"), "Lee Harm");
    await user.type(screen.getByLabelText("Person 1: who they are to the victim"), "his brother");
    await user.click(screen.getByRole("button", { name: "Add another person" }));
    expect(screen.getByLabelText("Person 2: name")).toHaveFocus();
    await user.keyboard("Kim Threat");
    await user.type(screen.getByLabelText("Person 2: who they are to the victim"), "his new partner");
    await user.type(screen.getByLabelText(/^Person 2: what the victim fears they will do/), "Will tell him where I am");
    await user.click(screen.getByRole("button", { name: "Remove person 1" }));
    expect(screen.getByRole("button", { name: "Add another person" })).toHaveFocus();
    expect(screen.getByLabelText("Person 1: name")).toHaveValue("Kim Threat");
    expect(screen.queryByLabelText("Person 2: name")).not.toBeInTheDocument();
    await user.click(tick("who the victim is afraid of"));

    await user.type(screen.getByLabelText(/^Who the victim believes it is safe to talk to/), "Her sister Jo");
    await user.click(tick("who the victim believes it is safe to talk to"));
    await user.type(screen.getByLabelText(/^Who the victim believes it is not safe to talk to/), "His mother");
    await user.click(tick("who the victim believes it is not safe to talk to"));
    await user.type(screen.getByLabelText(/^GP practice/), "Hill Surgery, 1 Hill Road");
    await user.click(tick("the victim's GP practice"));

    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.nonDisclosure).toContain("victim.gpPractice"),
    );
    expect(saved.victim).toEqual({
      afraidOf: {
        answer: "named",
        people: [{ name: "Kim Threat", relationship: "his new partner", details: "Will tell him where I am" }],
      },
      safeToTalkTo: "Her sister Jo",
      notSafeToTalkTo: "His mother",
      gpPractice: "Hill Surgery, 1 Hill Road",
    });
    expect([...saved.nonDisclosure].sort()).toEqual([
      "victim.address",
      "victim.afraidOf",
      "victim.gpPractice",
      "victim.notSafeToTalkTo",
      "victim.safeContact",
      "victim.safeToTalkTo",
    ]);
    // Anything here starts the page (it needs the name, date of birth and interpreter to complete).
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    expect(screen.getByRole("button", { name: "About the victim" })).toHaveAccessibleDescription("In progress");
  });

  it("asks for a name or who they are for each person, a person when none is left, and the reason when not known", async () => {
    const complete = { name: "Ada Example", dateOfBirth: "1985-03-05", interpreterNeeded: "no" } as const;
    const { user, session, caseId } = await caseOnScreen({ ...newCaseDetails(), victim: { ...complete } });
    await openSection(user, "About the victim");
    const question = group(/^Who is the victim afraid of\?/);
    await user.click(within(question).getByRole("radio", { name: "They have named one or more people" }));
    let summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter the name of person 1, or who they are to the victim"]);
    await user.click(within(summary).getByRole("link"));
    expect(screen.getByLabelText("Person 1: name")).toHaveFocus();
    expect(screen.getByLabelText("Person 1: name")).toHaveAccessibleDescription(
      /Error: Enter the name of person 1, or who they are to the victim/,
    );

    await user.click(screen.getByRole("button", { name: "Remove person 1" }));
    expect(summaryLinks(screen.getByRole("alert"))).toEqual(["Add at least one person the victim is afraid of"]);
    await user.click(within(screen.getByRole("alert")).getByRole("link"));
    expect(screen.getByRole("button", { name: "Add a person" })).toHaveFocus();
    expect(screen.getByRole("button", { name: "Add a person" })).toHaveAccessibleDescription(
      "Error: Add at least one person the victim is afraid of",
    );

    await user.click(within(question).getByRole("radio", { name: "Not known" }));
    expect(screen.queryByRole("button", { name: "Add a person" })).not.toBeInTheDocument();
    summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter why it is not known who the victim is afraid of"]);
    await user.click(within(summary).getByRole("link"));
    const reason = screen.getByLabelText("Why it is not known who they are afraid of");
    expect(reason).toHaveFocus();
    await user.keyboard("Too frightened to say while he was in the next room");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await storedDetails(session, caseId, (details) =>
      expect(details.victim.afraidOf).toEqual({
        answer: "not-known",
        people: [],
        notKnownReason: "Too frightened to say while he was in the next room",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "About the victim" })).toHaveAccessibleDescription("Completed");
  });
});

describe("Wishes and consent: whether the victim knows about the referral", () => {
  it("asks why not when they do not know, and why it is not known when it is not", async () => {
    const { user, session, caseId } = await caseOnScreen({
      ...newCaseDetails(),
      victim: { wishes: "To be safe" },
      consent: { status: "not-sought", lawfulBasis: "CDA 1998 s115", reasonWithoutConsent: "Risk of serious harm" },
    });
    await openSection(user, "Wishes and consent");
    const aware = group(/^Does the victim know about this referral\?/);
    expect(screen.queryByLabelText("Why the victim is not aware of the referral")).not.toBeInTheDocument();
    await user.click(within(aware).getByRole("radio", { name: "No" }));
    let summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter why the victim is not aware of the referral"]);
    await user.click(within(summary).getByRole("link"));
    expect(screen.getByLabelText(/^Why the victim is not aware of the referral/)).toHaveFocus();
    await user.keyboard("Not safe to tell her while he is at home");

    await user.click(within(aware).getByRole("radio", { name: "Not known" }));
    expect(screen.queryByLabelText(/^Why the victim is not aware/)).not.toBeInTheDocument();
    summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter why it is not known whether the victim is aware of the referral"]);
    expect(screen.getByLabelText("Why it is not known whether the victim is aware")).toBeInvalid();
    await user.type(
      screen.getByLabelText("Why it is not known whether the victim is aware"),
      "The referral was made by the police after the incident",
    );
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Wishes and consent" })).toHaveAccessibleDescription("Completed");
    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.consent.awareNotKnownReason).toBe("The referral was made by the police after the incident"),
    );
    expect(saved.consent).toMatchObject({
      victimAware: "not-known",
      whyNotAware: "Not safe to tell her while he is at home",
    });
  });
});

describe("Previous MARAC and police", () => {
  it("records earlier MARACs with dates kept as typed, the crime references, the officer and the victim's wish", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Previous MARAC and police");
    await user.click(
      within(group(/^Has the victim been referred to a MARAC before/)).getByRole("radio", { name: "Yes" }),
    );
    await user.type(screen.getByLabelText("Earlier MARAC 1: which area's MARAC"), "Leeds");
    const date = group(/^Earlier MARAC 1: date/);
    await user.type(within(date).getByLabelText("Day"), "31");
    await user.type(within(date).getByLabelText("Month"), "2");
    await user.type(within(date).getByLabelText("Year"), "2023");
    await user.click(screen.getByRole("button", { name: "Add another earlier MARAC" }));
    expect(screen.getByLabelText("Earlier MARAC 2: which area's MARAC")).toHaveFocus();
    await user.type(
      screen.getByLabelText(/^Earlier MARAC 2: if the area or date is not known/),
      "She remembers one before she moved here",
    );
    await user.type(screen.getByLabelText(/^Crime reference numbers/), "CR/123/24{Enter}{Enter} CR/456/24 ");
    await user.type(screen.getByLabelText(/^Officer in charge: name/), "Priya Shah");
    await user.type(screen.getByLabelText(/^Officer in charge: rank and number/), "DC 4521");
    await user.type(screen.getByLabelText(/^Officer in charge: phone number/), "01632 960111");
    await user.type(screen.getByLabelText(/^Officer in charge: email address/), "priya.shah at police");
    const speak = group(/^Does the victim want to speak to the police/);
    await user.click(within(speak).getByRole("radio", { name: "No" }));

    const summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual([
      "Enter an email address in the correct format, like name@example.com",
      "The date of earlier MARAC 1 must be a real date",
      "Enter why the victim does not want to speak to the police",
    ]);
    await user.click(within(summary).getByRole("link", { name: "The date of earlier MARAC 1 must be a real date" }));
    expect(within(group(/^Earlier MARAC 1: date/)).getByLabelText("Day")).toHaveFocus();
    await user.keyboard("{Backspace}{Backspace}28");
    await user.clear(screen.getByLabelText(/^Officer in charge: email address/));
    await user.type(screen.getByLabelText(/^Officer in charge: email address/), "priya.shah@police.example");
    await user.click(within(summary).getByRole("link", { name: /does not want to speak/ }));
    expect(screen.getByLabelText("Why they do not want to speak to the police")).toHaveFocus();
    await user.keyboard("Afraid of what his family will do");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.police?.wantsToSpeakToPoliceReason).toBe("Afraid of what his family will do"),
    );
    expect(saved.previousMarac).toEqual({
      referredBefore: "yes",
      referrals: [
        { area: "Leeds", date: "2023-02-28", dateAsEntered: { day: "28", month: "2", year: "2023" } },
        { notKnownReason: "She remembers one before she moved here" },
      ],
    });
    expect(saved.police).toEqual({
      crimeReferences: ["CR/123/24", "CR/456/24"],
      officerInCharge: {
        name: "Priya Shah",
        rankAndNumber: "DC 4521",
        phone: "01632 960111",
        email: "priya.shah@police.example",
      },
      wantsToSpeakToPolice: "no",
      wantsToSpeakToPoliceReason: "Afraid of what his family will do",
    });
    expect(screen.getByLabelText(/^Crime reference numbers/)).toHaveValue("CR/123/24\n\n CR/456/24 ");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Previous MARAC and police" })).toHaveAccessibleDescription(
      "Completed",
    );
  });

  it("asks for where and when, or why not known, and keeps a removed MARAC's boxes from coming back", async () => {
    const { user, session, caseId } = await caseOnScreen();
    await openSection(user, "Previous MARAC and police");
    const question = group(/^Has the victim been referred to a MARAC before/);
    await user.click(within(question).getByRole("radio", { name: "Yes" }));
    let summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual([
      "Enter which area's MARAC heard the earlier MARAC, or why it is not known",
      "Enter the date of the earlier MARAC, or why it is not known",
    ]);
    await user.click(screen.getByRole("button", { name: "Remove earlier MARAC 1" }));
    expect(screen.getByRole("button", { name: "Add an earlier MARAC" })).toHaveFocus();
    expect(summaryLinks(screen.getByRole("alert"))).toEqual(["Add where and when the victim was referred to a MARAC"]);
    await user.click(within(question).getByRole("radio", { name: "Not known" }));
    expect(screen.queryByRole("button", { name: "Add an earlier MARAC" })).not.toBeInTheDocument();
    summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual([
      "Enter why it is not known whether the victim was referred to a MARAC before",
    ]);
    await user.type(
      screen.getByLabelText("Why it is not known whether they were referred before"),
      "She has moved area several times",
    );
    await user.click(within(group(/^Does the victim want to speak to the police/)).getByRole("radio", { name: "Yes" }));
    // "Yes" needs no reason (the pack raises it as an action instead).
    expect(screen.getByLabelText("Why they want to speak to the police (optional)")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Previous MARAC and police" })).toHaveAccessibleDescription(
      "Completed",
    );
    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.police?.wantsToSpeakToPolice).toBe("yes"),
    );
    expect(saved.previousMarac).toEqual({
      referredBefore: "not-known",
      referrals: [],
      notKnownReason: "She has moved area several times",
    });
  });
});

describe("Children and dependants: who else is at risk", () => {
  it("asks who when someone else is at risk, why when it is not known, and the s42 pack carries the answer", async () => {
    const { user, session, caseId } = await caseOnScreen({ ...newCaseDetails(), hasChildrenOrDependants: "no" });
    await openSection(user, "Children and dependants");
    const question = group(/^Is anyone else at risk from the person causing harm\?/);
    await user.click(within(question).getByRole("radio", { name: "Not known" }));
    let summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter why it is not known whether anyone else is at risk"]);
    await user.click(within(summary).getByRole("link"));
    expect(screen.getByLabelText("Why it is not known whether anyone else is at risk")).toHaveFocus();

    await user.click(within(question).getByRole("radio", { name: "Yes" }));
    summary = await saveAndContinue(user);
    expect(summaryLinks(summary)).toEqual(["Enter who else is at risk"]);
    await user.click(within(summary).getByRole("link"));
    expect(screen.getByLabelText("Who else is at risk, and how")).toHaveFocus();
    await user.keyboard("Her mother, who he has threatened");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByRole("button", { name: "Children and dependants" })).toHaveAccessibleDescription(
      "Completed",
    );
    const saved = await storedDetails(session, caseId, (details) =>
      expect(details.othersAtRisk?.who).toBe("Her mother, who he has threatened"),
    );
    expect(saved.othersAtRisk).toEqual({ anyone: "yes", who: "Her mother, who he has threatened" });

    // What the screen saved is what the safeguarding-adults (s42) pack asks for.
    const { caseFile, outcome } = loadScenario("09-s42-three-tests-met.json");
    const pack = buildPack("s42", saved, caseFile, outcome, { copy: "referrer", preparedAt: "2026-11-23T10:00:00Z" });
    const rows: PackRow[] = pack.sections.flatMap((section) => section.rows);
    const value = (label: string) => rows.find((row) => row.label === label)?.value;
    expect(value("Is anyone else at risk (children or other adults)")).toBe("Yes");
    expect(value("Who else is at risk")).toBe("Her mother, who he has threatened");
    const missing = checkPackCompleteness("s42", saved, caseFile, outcome).missing.map((entry) => entry.fixPath);
    expect(missing.filter((path) => path.startsWith("details.othersAtRisk"))).toEqual([]);
  });
});

describe("check case details and the pack's links", () => {
  it("shows every new answer in plain English, with the withheld ones marked", async () => {
    const { user } = await caseOnScreen({
      ...newCaseDetails(),
      victim: {
        afraidOf: { answer: "named", people: [{ name: "Lee Harm", relationship: "his brother", details: "Revenge" }] },
        safeToTalkTo: "Her sister Jo",
        notSafeToTalkTo: "His mother",
        gpPractice: "Hill Surgery",
      },
      consent: { victimAware: "no", whyNotAware: "Not safe yet" },
      previousMarac: {
        referredBefore: "yes",
        referrals: [{ area: "Leeds", date: "2023-02-28", dateAsEntered: { day: "28", month: "2", year: "2023" } }],
      },
      police: {
        crimeReferences: ["CR/123/24", "CR/456/24"],
        officerInCharge: { name: "Priya Shah", rankAndNumber: "DC 4521" },
        wantsToSpeakToPolice: "not-known",
        wantsToSpeakToPoliceReason: "Not asked yet",
      },
      othersAtRisk: { anyone: "not-known", notKnownReason: "Not asked yet" },
      nonDisclosure: ["victim.address", "victim.safeContact", "victim.afraidOf", "victim.gpPractice"],
    });
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Check case details" }));
    await screen.findByRole("heading", { level: 1, name: "Check case details" });

    const victim = screen.getByRole("region", { name: "About the victim" });
    const rowOf = (region: HTMLElement, label: string) => within(region).getByText(label).nextElementSibling;
    expect(rowOf(victim, "Who they are afraid of")).toHaveTextContent(
      "They have named one or more people Never shared with the person causing harm",
    );
    expect(rowOf(victim, "Person 1 they are afraid of: name")).toHaveTextContent("Lee Harm Never shared");
    expect(rowOf(victim, "Person 1: who they are to the victim")).toHaveTextContent("his brother Never shared");
    expect(rowOf(victim, "Person 1: what the victim fears")).toHaveTextContent("Revenge Never shared");
    expect(rowOf(victim, "Who they believe it is safe to talk to")).toHaveTextContent(/^Her sister Jo$/);
    expect(rowOf(victim, "Who they believe it is not safe to talk to")).toHaveTextContent(/^His mother$/);
    expect(rowOf(victim, "GP practice")).toHaveTextContent("Hill Surgery Never shared");

    const consent = screen.getByRole("region", { name: "Wishes and consent" });
    expect(rowOf(consent, "Victim knows about this referral")).toHaveTextContent(/^No$/);
    expect(rowOf(consent, "Why they are not aware")).toHaveTextContent(/^Not safe yet$/);

    const police = screen.getByRole("region", { name: "Previous MARAC and police" });
    expect(rowOf(police, "Referred to a MARAC before")).toHaveTextContent(/^Yes$/);
    expect(rowOf(police, "Earlier MARAC 1: area")).toHaveTextContent(/^Leeds$/);
    expect(rowOf(police, "Earlier MARAC 1: date")).toHaveTextContent(/^28 February 2023$/);
    expect(rowOf(police, "Crime reference numbers")).toHaveTextContent(/^CR\/123\/24, CR\/456\/24$/);
    expect(rowOf(police, "Officer in charge")).toHaveTextContent(/^Priya Shah$/);
    expect(rowOf(police, "Officer's rank and number")).toHaveTextContent(/^DC 4521$/);
    expect(rowOf(police, "Officer's phone")).toHaveTextContent(/^Not recorded$/);
    expect(rowOf(police, "Wants to speak to the police about the offences")).toHaveTextContent(/^Not known$/);
    expect(rowOf(police, "Why")).toHaveTextContent(/^Not asked yet$/);

    const children = screen.getByRole("region", { name: "Children and dependants" });
    expect(rowOf(children, "Anyone else at risk")).toHaveTextContent(/^Not known$/);
    expect(rowOf(children, "Why it is not known whether anyone else is at risk")).toHaveTextContent(/^Not asked yet$/);

    await user.click(screen.getByRole("button", { name: "Change previous marac and police" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Previous MARAC and police" })).toBeInTheDocument();
    expect(screen.getByLabelText("Earlier MARAC 1: which area's MARAC")).toHaveValue("Leeds");
  });

  it("opens the page that records each new fact a pack asks for", async () => {
    const { user } = await caseOnScreen();
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const missing = checkPackCompleteness("marac", newCaseDetails(), caseFile, outcome).missing;
    const link = missing.find((entry) => entry.fixPath === "details.previousMarac.referredBefore");
    expect(link).toBeDefined();
    expect(sectionForDetailsPath(link!.fixPath)).toBe("marac-police");
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Previous MARAC and police" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Previous MARAC and police" })).toBeInTheDocument();
    // The shareable copy of a pack withholds every answer ticked on these pages.
    const pack = buildPack(
      "marac",
      {
        ...newCaseDetails(),
        victim: { afraidOf: { answer: "no-one" }, gpPractice: "Hill Surgery" },
        nonDisclosure: ["victim.afraidOf", "victim.gpPractice"],
      },
      caseFile,
      outcome,
      { copy: "shareable", preparedAt: "2026-11-23T10:00:00Z" },
    );
    const rows = pack.sections.flatMap((section) => section.rows);
    expect(rows.find((row) => row.label === "GP practice")?.value).toBe(WITHHELD_MARKER);
    expect(rows.find((row) => row.label.startsWith("Who the victim is afraid of"))?.value).toBe(WITHHELD_MARKER);
  });
});
