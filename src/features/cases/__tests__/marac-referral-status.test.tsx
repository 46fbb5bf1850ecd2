// The referrer's case screen shows where its MARAC referral stands, in plain words with a tag, and
// follows the coordinator's changes as sync brings them (here the fake MARAC side of team sync).
import { render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReferralPackDocument } from "../../../domain/referral-pack/pack-document";
import { FakeMaracNetwork, fakeTeamSync } from "../../../testing/fake-marac";
import { unlockedSession } from "../../../testing/test-vault";
import { CasesScreen } from "../cases-screen";

const MARAC_COPY = { copy: "shareable", title: "MARAC referral", sections: [] } as unknown as ReferralPackDocument;

async function caseSentToMarac() {
  const session = await unlockedSession();
  const saved = await session.saveCase({ details: {} });
  await session.markReferralSent(saved.id, "marac");
  const network = new FakeMaracNetwork();
  const area = network.addArea("Northshire MARAC");
  const referrer = network.referrer({
    teamName: "Northshire Police",
    areas: [area],
    readReferral: () => Promise.resolve({ pack: MARAC_COPY, referral: { victim: { name: "Alex Example" } } }),
  });
  await referrer.sendToMarac({ caseId: saved.id, packId: "marac-pack", areaId: area.areaId });
  vi.spyOn(session, "openTeamSync").mockResolvedValue(fakeTeamSync({ role: "practitioner", referrer }));
  // What sync does when the coordinator's change arrives: tells the session's listeners.
  vi.spyOn(session, "onTeamRecordsArrived").mockImplementation((listener) => network.onChange(listener));
  return { session, caseId: saved.id, coordinator: network.coordinator(area) };
}

describe("the MARAC referral on the referrer's case screen", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("says each stage in plain words, following the coordinator's changes, with the actions once heard", async () => {
    const { session, caseId, coordinator } = await caseSentToMarac();
    render(<CasesScreen session={session} initialCase={{ caseId }} />);
    const referral = await screen.findByRole("region", { name: "MARAC referral" });
    expect(within(referral).getByText("Northshire MARAC")).toBeInTheDocument();
    expect(await within(referral).findByText("Sent", { selector: ".status-tag" })).toBeInTheDocument();
    expect(within(referral).getByText(/^Version 1, sent \d+ \w+ \d{4} at \d\d:\d\d$/)).toBeInTheDocument();

    const [received] = await coordinator.inbox();
    expect(await within(referral).findByText("Received by the MARAC coordinator")).toBeInTheDocument();

    await coordinator.setStatus(received!.referralId, { stage: "on-agenda", meetingDate: "2027-01-12", actions: [] });
    expect(await within(referral).findByText("On the agenda for 12 January 2027")).toBeInTheDocument();
    expect(within(referral).queryByText("Actions agreed")).toBeNull();

    await coordinator.setStatus(received!.referralId, {
      stage: "heard",
      meetingDate: "2027-01-12",
      actions: [{ text: "Flag the address for an urgent police response", agency: "Police" }, { text: "IDVA to call" }],
    });
    expect(await within(referral).findByText("Heard on 12 January 2027")).toBeInTheDocument();
    const actions = within(referral)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(actions).toContain("Flag the address for an urgent police response (Police)");
    expect(actions).toContain("IDVA to call");
  });

  it("never asks team sync about a case not sent to the MARAC", async () => {
    const session = await unlockedSession();
    const saved = await session.saveCase({ details: {} });
    const openTeamSync = vi.spyOn(session, "openTeamSync");
    render(<CasesScreen session={session} initialCase={{ caseId: saved.id }} />);
    await screen.findByRole("heading", { level: 1, name: "Case details" });
    expect(screen.queryByRole("region", { name: "MARAC referral" })).toBeNull();
    expect(openTeamSync).not.toHaveBeenCalled();
  });
});
