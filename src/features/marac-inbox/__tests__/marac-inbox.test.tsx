// The MARAC coordinator's inbox as a coordinator uses it: an officer and an IDVA refer the same victim
// (the IDVA misspells the surname); the inbox lists both, flags the match, shows its reasons, records
// the coordinator's answer without merging, and sends statuses back to the referrers.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { buildPack } from "../../../domain/referral-pack/build-pack";
import { completeDetails, loadScenario, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import { shareableCopyOf } from "../../../domain/referral-pack/redaction";
import { FakeMaracNetwork, type ReferralContent } from "../../../testing/fake-marac";
import { MaracInbox } from "../marac-inbox-screen";

function referralContent(name: string, agency: string): ReferralContent {
  const details = completeDetails({ victim: { ...completeDetails().victim, name } });
  const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
  const pack = shareableCopyOf(
    buildPack("marac", details, caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT }),
  );
  return { pack, referral: { victim: { name, dateOfBirth: "1990-04-01" }, referringAgency: agency } };
}

/** The officer refers first, then the IDVA; both reach the coordinator's device. */
async function twoReferralsOfOneVictim() {
  const network = new FakeMaracNetwork();
  const area = network.addArea("Northshire MARAC");
  const officer = network.referrer({
    teamName: "Northshire Police",
    areas: [area],
    readReferral: () => Promise.resolve(referralContent("Alex Example", "Police")),
  });
  const idva = network.referrer({
    teamName: "Northshire IDVA Service",
    areas: [area],
    readReferral: () => Promise.resolve(referralContent("Alex Exampel", "IDVA service")),
  });
  const fromOfficer = await officer.sendToMarac({ caseId: "case-a", packId: "pack-a", areaId: area.areaId });
  const coordinator = network.coordinator(area, "Sam Coordinator");
  // The coordinator's device receives the officer's referral before the IDVA's is sent.
  await coordinator.inbox();
  const fromIdva = await idva.sendToMarac({ caseId: "case-b", packId: "pack-b", areaId: area.areaId });
  return { network, coordinator, officer, idva, fromOfficer, fromIdva };
}

describe("MARAC inbox", () => {
  it("lists referrals newest first with who referred, when, the status and a possible-match flag", async () => {
    const { coordinator } = await twoReferralsOfOneVictim();
    render(<MaracInbox coordinator={coordinator} />);
    await screen.findByRole("heading", { level: 1, name: "MARAC inbox" });
    const table = await screen.findByRole("table", { name: "Referrals to Northshire MARAC" });
    const [, newest, oldest] = within(table).getAllByRole("row");
    expect(within(newest!).getByRole("button", { name: "Alex Exampel" })).toBeInTheDocument();
    expect(newest).toHaveTextContent("Northshire IDVA Service (IDVA service)");
    expect(newest).toHaveTextContent("Received by the MARAC coordinator");
    expect(within(newest!).getByText("Possible match")).toBeInTheDocument();
    expect(within(oldest!).getByRole("button", { name: "Alex Example" })).toBeInTheDocument();
    expect(oldest).toHaveTextContent("Northshire Police (Police)");
    expect(within(oldest!).getAllByRole("cell").at(-1)).toHaveTextContent("None");
  });

  it("shows one strong match with what agrees, what differs and why, and confirming merges nothing", async () => {
    const { coordinator } = await twoReferralsOfOneVictim();
    render(<MaracInbox coordinator={coordinator} />);
    await userEvent.click(await screen.findByRole("button", { name: "Alex Exampel" }));
    await screen.findByRole("heading", { level: 1, name: "Referral for Alex Exampel" });
    const matches = screen.getByRole("region", { name: "Possible matches" });
    const match = within(matches).getByRole("region", { name: "Strong match: Alex Example" });
    expect(within(matches).getAllByRole("region")).toHaveLength(1);
    expect(match).toHaveTextContent("Referred by Northshire Police");
    expect(match).toHaveTextContent("Would make this a duplicate referral");
    const agrees = within(match).getByRole("heading", { name: "What agrees" }).nextElementSibling!;
    expect(agrees).toHaveTextContent(/date of birth/i);
    expect(agrees).toHaveTextContent(/name/i);
    expect(match).toHaveTextContent("What differs or could not be compared");
    expect(match).toHaveTextContent("Your answer: Not answered yet");
    // The MARAC copy as sent: withheld facts replaced by the marker.
    expect(screen.getByRole("article", { name: "MARAC referral" })).not.toHaveTextContent("12 Withheld Road");

    await userEvent.click(within(match).getByRole("radio", { name: "Yes, the same person" }));
    await userEvent.click(within(match).getByRole("button", { name: "Save your answer" }));
    expect(
      await within(match).findByText(
        "Recorded as the same person. The two referrals stay separate: nothing has been merged.",
      ),
    ).toBeInTheDocument();
    expect(match).toHaveTextContent("Your answer: Confirmed as the same person, by Sam Coordinator on");

    await userEvent.click(screen.getByRole("button", { name: "Back to the inbox" }));
    const table = await screen.findByRole("table", { name: "Referrals to Northshire MARAC" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(within(table).getByText("Duplicate")).toBeInTheDocument();
    expect(within(table).queryByText("Possible match")).toBeNull();
  });

  it("asks for an answer before saving one, and records a rejection with its note", async () => {
    const { coordinator } = await twoReferralsOfOneVictim();
    render(<MaracInbox coordinator={coordinator} />);
    await userEvent.click(await screen.findByRole("button", { name: "Alex Exampel" }));
    const match = await screen.findByRole("region", { name: "Strong match: Alex Example" });
    await userEvent.click(within(match).getByRole("button", { name: "Save your answer" }));
    expect(
      await within(match).findByRole("link", { name: "Choose whether this is the same person" }),
    ).toBeInTheDocument();

    await userEvent.click(within(match).getByRole("radio", { name: "No, a different person" }));
    await userEvent.type(within(match).getByRole("textbox", { name: "Note (optional)" }), "Checked with the IDVA");
    await userEvent.click(within(match).getByRole("button", { name: "Save your answer" }));
    expect(await within(match).findByText(/Rejected: not the same person, by Sam Coordinator/)).toBeInTheDocument();
    expect(match).toHaveTextContent("Note: Checked with the IDVA");
    await userEvent.click(screen.getByRole("button", { name: "Back to the inbox" }));
    const table = await screen.findByRole("table", { name: "Referrals to Northshire MARAC" });
    expect(within(table).queryByText("Possible match")).toBeNull();
    expect(within(table).queryByText("Duplicate")).toBeNull();
  });

  it("keeps an earlier answer on screen as history when the answer changes", async () => {
    const { coordinator } = await twoReferralsOfOneVictim();
    render(<MaracInbox coordinator={coordinator} />);
    await userEvent.click(await screen.findByRole("button", { name: "Alex Exampel" }));
    const match = await screen.findByRole("region", { name: "Strong match: Alex Example" });
    expect(match).not.toHaveTextContent("Earlier answers");
    await userEvent.click(within(match).getByRole("radio", { name: "Yes, the same person" }));
    await userEvent.click(within(match).getByRole("button", { name: "Save your answer" }));
    await within(match).findByText(/^Recorded as the same person/);
    await userEvent.click(within(match).getByRole("radio", { name: "No, a different person" }));
    await userEvent.click(within(match).getByRole("button", { name: "Save your answer" }));
    expect(await within(match).findByText(/Rejected: not the same person, by Sam Coordinator/)).toBeInTheDocument();
    const history = within(match).getByText("Earlier answers, kept for the record:").nextElementSibling!;
    expect(within(history as HTMLElement).getAllByRole("listitem")).toHaveLength(1);
    expect(history).toHaveTextContent(/^Confirmed as the same person, by Sam Coordinator on/);
  });

  it("checks the status form and sends a valid status back to the referrer", async () => {
    const { coordinator, officer } = await twoReferralsOfOneVictim();
    render(<MaracInbox coordinator={coordinator} />);
    await userEvent.click(await screen.findByRole("button", { name: "Alex Example" }));
    // The older referral points to the newer one that carries the match.
    const later = await screen.findByRole("region", { name: "Later referrals that may be the same person" });
    expect(within(later).getByRole("button", { name: "Open the referral for Alex Exampel" })).toBeInTheDocument();
    expect(screen.queryByText("No other referral in this inbox looks like the same person.")).toBeNull();
    const form = screen.getByRole("region", { name: "Where this referral stands" });
    const stage = within(form).getByRole("group", { name: "Stage" });
    const save = within(form).getByRole("button", { name: "Save the status" });

    await userEvent.click(within(stage).getByRole("radio", { name: "On the agenda for a meeting" }));
    await userEvent.click(save);
    expect(await within(form).findByRole("link", { name: "Enter the date of the meeting" })).toBeInTheDocument();

    const dateGroup = () => within(form).getByRole("group", { name: /Date of the meeting/ });
    const typeDate = async (day: string, month: string, year: string) => {
      for (const [label, value] of [
        ["Day", day],
        ["Month", month],
        ["Year", year],
      ] as const) {
        const box = within(dateGroup()).getByRole("textbox", { name: label });
        await userEvent.clear(box);
        await userEvent.type(box, value);
      }
    };
    await typeDate("12", "1", "2020");
    await userEvent.click(save);
    expect(
      await within(form).findByRole("link", { name: /The meeting date must be today or in the future/ }),
    ).toBeInTheDocument();

    await userEvent.click(within(stage).getByRole("radio", { name: "Heard at a meeting" }));
    await typeDate("12", "1", "2099");
    await userEvent.click(within(form).getByRole("button", { name: "Add an action" }));
    await userEvent.type(
      within(form).getByRole("textbox", { name: "Agency responsible for action 1 (optional)" }),
      "Police",
    );
    await userEvent.click(save);
    expect(
      await within(form).findByRole("link", { name: "The date it was heard must be today or in the past" }),
    ).toBeInTheDocument();
    expect(within(form).getByRole("link", { name: "Describe action 1, or remove it" })).toBeInTheDocument();

    await typeDate("12", "1", "2026");
    await userEvent.type(
      within(form).getByRole("textbox", { name: "Action 1" }),
      "Flag the address for an urgent response",
    );
    await userEvent.click(within(form).getByRole("button", { name: "Add an action" }));
    await userEvent.click(within(form).getByRole("button", { name: "Remove action 2" }));
    await userEvent.click(save);
    expect(await within(form).findByText(/^Status saved: Heard on 12 January 2026\./)).toBeInTheDocument();
    expect(screen.getAllByText("Heard on 12 January 2026", { selector: ".status-tag" })).toHaveLength(1);

    const [sent] = await officer.sentReferrals("case-a");
    expect(sent?.status).toMatchObject({
      stage: "heard",
      meetingDate: "2026-01-12",
      actions: [{ text: "Flag the address for an urgent response", agency: "Police" }],
    });
  });
});
