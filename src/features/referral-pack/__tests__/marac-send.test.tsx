// Sending a complete MARAC pack to the MARAC from the pack screen, as a practitioner does it: against a
// real (in-memory) vault and the fake MARAC side of team sync (src/testing/fake-marac.ts).
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { completeDetails, loadScenario } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import type { MaracArea } from "../../../storage/sync/marac-records-api";
import type { VaultSession } from "../../../storage/vault-session";
import { PACK_SENT_TO_MARAC } from "../../../storage/packs";
import { FakeMaracNetwork, fakeTeamSync, vaultReferralReader, vaultSentMarker } from "../../../testing/fake-marac";
import { unlockedSession } from "../../../testing/test-vault";
import { ReferralPackScreen } from "../referral-pack-screen";
import { whatChangedProblem } from "../marac-send-flow";

async function seed(): Promise<{ session: VaultSession; caseId: string }> {
  const session = await unlockedSession("Tester");
  const saved = await session.saveCase({ details: completeDetails() });
  const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
  const draft = await session.saveAssessmentDraft({
    caseId: saved.id,
    questionSetId: caseFile.questionSet,
    questionSetVersion: "1",
    policyName: "default",
    policyVersion: "1",
    content: {},
  });
  await session.completeAssessment({ id: draft.id, content: caseFile, outcome, riskLevel: outcome.riskLevel });
  return { session, caseId: saved.id };
}

/** A practitioner's device in a team linked to `areas` (none: not linked), with the pack screen open. */
async function openPackScreen(
  options: { areas?: string[]; role?: "practitioner" | null; membership?: "approved" | "awaiting-approval" } = {},
) {
  const { session, caseId } = await seed();
  const network = new FakeMaracNetwork();
  const areas: MaracArea[] = (options.areas ?? ["Northshire MARAC"]).map((name) => network.addArea(name));
  const referrer = network.referrer({
    teamName: "Northshire Police",
    areas,
    readReferral: vaultReferralReader(session),
    markSent: vaultSentMarker(session),
  });
  vi.spyOn(session, "openTeamSync").mockResolvedValue(
    fakeTeamSync({
      role: options.role === undefined ? "practitioner" : options.role,
      ...(options.membership === undefined ? {} : { membership: options.membership }),
      referrer,
    }),
  );
  render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
  return { session, caseId, network, areas, referrer };
}

async function markReady(): Promise<void> {
  await userEvent.click(await screen.findByRole("button", { name: "Mark ready to send" }));
  await screen.findByText("Ready to send");
}

describe("Send to MARAC", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("waits for the pack to be marked ready, then says exactly what is sent and to whom before sending", async () => {
    const { session, caseId } = await openPackScreen();
    const panel = await screen.findByRole("region", { name: "Send to MARAC" });
    expect(await within(panel).findByText(/Mark the pack ready to send first/)).toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Send to MARAC" })).toBeNull();

    await markReady();
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    // One linked area: stated, not asked.
    expect(await screen.findByRole("heading", { level: 1, name: "Check before you send to the MARAC" })).toBeVisible();
    expect(screen.queryByRole("radio")).toBeNull();
    const summary = screen.getByText("Sent to").closest("dl")!;
    expect(summary).toHaveTextContent("Sent toThe MARAC coordinator for Northshire MARAC");
    expect(summary).toHaveTextContent(`Every fact marked never to disclose is replaced by "${WITHHELD_MARKER}"`);
    expect(summary).toHaveTextContent("Nothing else of the case");
    const preview = screen.getByRole("article", { name: "MARAC referral" });
    expect(preview).not.toHaveTextContent("12 Withheld Road");
    expect(within(preview).getAllByText(WITHHELD_MARKER).length).toBeGreaterThanOrEqual(1);

    await userEvent.click(screen.getByRole("button", { name: "Send to MARAC" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Referral sent to Northshire MARAC" })).toBeVisible();
    const [pack] = await session.listPacks(caseId);
    expect(pack?.status).toBe(PACK_SENT_TO_MARAC);
    const audit = await session.listAudit({ caseId });
    expect(audit.some((entry) => entry.detail === "marac pack sent to Northshire MARAC")).toBe(true);
  });

  it("after sending, the pack is read-only: no reopening, and the referral shows with its status", async () => {
    await openPackScreen();
    await markReady();
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await userEvent.click(await screen.findByRole("button", { name: "Back to the referral pack" }));

    const referral = await screen.findByRole("region", { name: "MARAC referral" });
    expect(within(referral).getByText("Sent", { selector: "strong" })).toBeInTheDocument();
    expect(within(referral).getByText(/Version 1, sent/)).toBeInTheDocument();
    expect(screen.getByText(/A pack sent to the MARAC cannot be changed or reopened/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reopen as a draft" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Mark as sent" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Send to MARAC" })).toBeNull();
    expect(screen.getByRole("button", { name: "Send a correction" })).toBeInTheDocument();
  });

  it("offline, says the referral is saved on this device and will be sent when back online", async () => {
    const { network } = await openPackScreen();
    network.online = false;
    await markReady();
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Saved on this device" })).toBeVisible();
    expect(screen.getByText("It will be sent to Northshire MARAC when you are back online.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Back to the referral pack" }));
    const referral = await screen.findByRole("region", { name: "MARAC referral" });
    expect(within(referral).getByText("Waiting to send")).toBeInTheDocument();
  });

  it("with two linked areas, asks which, and says so when none is chosen", async () => {
    await openPackScreen({ areas: ["Northshire MARAC", "Southshire MARAC"] });
    await markReady();
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await screen.findByRole("heading", { level: 1, name: "Which MARAC area do you want to send the referral to?" });
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    const problem = await screen.findByRole("alert");
    expect(within(problem).getByRole("link", { name: "Choose the MARAC area to send the referral to" })).toBeVisible();
    await userEvent.click(screen.getByRole("radio", { name: "Southshire MARAC" }));
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { level: 1, name: "Check before you send to the MARAC" });
    expect(
      screen.getByText("The MARAC coordinator for Southshire MARAC, on the coordinator's devices only"),
    ).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Change the MARAC area" }));
    expect(screen.getByRole("radio", { name: "Southshire MARAC" })).toBeChecked();
  });

  it("says plainly why it cannot send from a device not in a team, waiting for approval, or a team with no area", async () => {
    await openPackScreen({ role: null });
    await markReady();
    expect(await screen.findByText(/this device must be in your team/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send to MARAC" })).toBeNull();
  });

  it("says plainly when the device waits for approval", async () => {
    await openPackScreen({ membership: "awaiting-approval" });
    expect(await screen.findByText(/waiting for your manager to approve it/)).toBeInTheDocument();
  });

  it("says plainly when the team is linked to no MARAC area", async () => {
    await openPackScreen({ areas: [] });
    await markReady();
    expect(await screen.findByText(/Your team is not linked to a MARAC area yet/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send to MARAC" })).toBeNull();
  });

  it("a correction asks what has changed (required, at most 500 characters) and sends version 2 saying so", async () => {
    const { session, caseId } = await openPackScreen();
    await markReady();
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await userEvent.click(await screen.findByRole("button", { name: "Send to MARAC" }));
    await userEvent.click(await screen.findByRole("button", { name: "Back to the referral pack" }));

    await userEvent.click(await screen.findByRole("button", { name: "Send a correction" }));
    await screen.findByRole("heading", { level: 1, name: "Send a correction to Northshire MARAC" });
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    const summary = await screen.findByRole("alert");
    await userEvent.click(
      within(summary).getByRole("link", { name: "Say what has changed since the last version was sent" }),
    );
    expect(screen.getByRole("textbox", { name: "What has changed?" })).toHaveFocus();

    await userEvent.type(screen.getByRole("textbox", { name: "What has changed?" }), "A new safe phone number");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { level: 1, name: "Check the correction before you send it" });
    expect(screen.getByText("A new safe phone number")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Send the correction" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Correction sent to Northshire MARAC" })).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Back to the referral pack" }));
    const referral = await screen.findByRole("region", { name: "MARAC referral" });
    expect(
      within(referral).getByText(/Version 2, sent .*\. What changed: A new safe phone number/),
    ).toBeInTheDocument();
    // Both versions are kept as sent, each read-only.
    const packs = await session.listPacks(caseId);
    expect(packs.map((pack) => pack.status)).toEqual([PACK_SENT_TO_MARAC, PACK_SENT_TO_MARAC]);
  });

  it("refuses an empty or over-long 'what has changed'", () => {
    expect(whatChangedProblem("   ")).toBe("Say what has changed since the last version was sent");
    expect(whatChangedProblem("x".repeat(500))).toBeNull();
    expect(whatChangedProblem("x".repeat(501))).toBe("What has changed must be 500 characters or fewer");
  });
});
