// The pack screen as a practitioner uses it: a completed assessment and case details in a real
// (in-memory) vault; choosing the copy, seeing what is missing, marking ready and sent, downloading.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CaseDetails } from "../../../domain/case-record/case-details";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { completeDetails, loadScenario } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import type { VaultSession } from "../../../storage/vault-session";
import { unlockedSession } from "../../../testing/test-vault";
import { ReferralPackScreen } from "../referral-pack-screen";

const XSS_NAME = "<img src=x onerror=alert(1)>";

async function seed(details: CaseDetails): Promise<{ session: VaultSession; caseId: string }> {
  const session = await unlockedSession("Tester");
  const saved = await session.saveCase({ details });
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

describe("ReferralPackScreen", () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => "blob:pack");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("shows a name as typed, never as markup, and withholds facts from the shareable copy", async () => {
    const { session, caseId } = await seed(
      completeDetails({ victim: { ...completeDetails().victim, name: XSS_NAME } }),
    );
    const { container } = render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
    const preview = await screen.findByRole("article", { name: "MARAC referral" });
    expect(within(preview).getByText(XSS_NAME)).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();

    expect(screen.getByRole("radio", { name: "Copy for wider sharing (redacted)" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Copy for wider sharing (redacted)" })).toHaveAccessibleDescription(
      /for other agencies working with the family/,
    );
    expect(preview).not.toHaveTextContent("12 Withheld Road");
    expect(preview).not.toHaveTextContent("Hidden Lane Primary");
    expect(within(preview).getAllByText(WITHHELD_MARKER).length).toBeGreaterThanOrEqual(3);
    expect(preview).toHaveTextContent(/strangl/i);

    await userEvent.click(screen.getByRole("radio", { name: "Full copy for the MARAC (send securely)" }));
    const referrer = screen.getByRole("article", { name: "MARAC referral" });
    expect(referrer).toHaveTextContent("12 Withheld Road");
    expect(referrer).toHaveTextContent("Never disclose to the person causing harm");
  });

  it("lists what is missing with links, and offers 'Mark ready to send' only when complete", async () => {
    const details = completeDetails();
    delete details.victim.safeContact!.safeTimes;
    const { session, caseId } = await seed(details);
    const onFix = vi.fn();
    render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} onFix={onFix} />);
    // The safe contact belongs to the full copy only: the copy for wider sharing does not need it,
    // but the pack cannot be marked ready until the full copy has it, so what is missing is listed
    // whichever copy is on screen.
    const missing = await screen.findByRole("region", { name: "Before this pack can be marked ready to send" });
    expect(screen.queryByRole("button", { name: "Mark ready to send" })).toBeNull();
    expect(
      screen.getByText(/This copy has everything it needs; the full copy for the MARAC \(send securely\)/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Full copy for the MARAC (send securely)" }));
    expect(screen.queryByText(/This copy has everything it needs/)).toBeNull();
    await userEvent.click(within(missing).getByRole("link", { name: "Safe times to make contact" }));
    // With the pack and copy shown, so the way back from the fix shows the same.
    expect(onFix).toHaveBeenCalledWith("details.victim.safeContact.safeTimes", { kind: "marac", copy: "referrer" });
    expect(screen.queryByRole("button", { name: "Mark ready to send" })).toBeNull();
    expect(screen.getByText(/once everything listed above is filled in/)).toBeInTheDocument();
  });

  it("marks ready then sent, storing readyAt and sentAt, and audits the handover", async () => {
    const { session, caseId } = await seed(completeDetails());
    render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark ready to send" }));
    await screen.findByText("Ready to send");
    let [pack] = await session.listPacks(caseId);
    expect(pack).toMatchObject({ kind: "marac", status: "ready", sentAt: null });
    expect(pack?.readyAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await userEvent.click(screen.getByRole("button", { name: "Mark as sent" }));
    await screen.findByText("Sent");
    [pack] = await session.listPacks(caseId);
    expect(pack?.status).toBe("sent");
    expect(pack?.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The manager's dashboard reads "sent" from the case's clear summary.
    const summary = (await session.listCaseSummaries()).find((row) => row.id === caseId);
    expect(summary?.flags).toContain("marac-sent");
    expect(summary?.referralsSent?.marac?.sentAt).toBe(pack?.sentAt);
    const audit = await session.listAudit({ caseId });
    expect(audit.some((entry) => entry.action === "share-pack" && entry.detail === "marac pack marked sent")).toBe(
      true,
    );
  });

  it("once marked ready, shows the pack as saved even after the details change; reopening rebuilds it", async () => {
    const { session, caseId } = await seed(completeDetails());
    const first = render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark ready to send" }));
    await screen.findByText("Ready to send");
    first.unmount();

    const changed = completeDetails({ actionsTaken: "Moved to a refuge" });
    await session.saveCase({ id: caseId, details: changed });
    render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
    const saved = await screen.findByRole("article", { name: "MARAC referral" });
    expect(saved).toHaveTextContent("Arrested; safety plan agreed");
    expect(saved).not.toHaveTextContent("Moved to a refuge");
    expect(screen.getByText("This shows the pack as it was saved when it was marked ready.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Reopen as a draft" }));
    await screen.findByText("Draft");
    expect(screen.getByRole("article", { name: "MARAC referral" })).toHaveTextContent("Moved to a refuge");
    const [pack] = await session.listPacks(caseId);
    expect(pack).toMatchObject({ status: "draft", readyAt: null, sentAt: null });
  });

  it("audits each download, naming the copy", async () => {
    const { session, caseId } = await seed(completeDetails());
    render(<ReferralPackScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole("button", { name: "Download JSON" }));
    await screen.findByText("JSON downloaded: Copy for wider sharing (redacted).");
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    const json = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
    expect(json).not.toContain("12 Withheld Road");
    expect(json).toContain(WITHHELD_MARKER);
    const audit = await session.listAudit({ caseId });
    expect(
      audit.some(
        (entry) =>
          entry.action === "share-pack" &&
          entry.detail === "marac pack, Copy for wider sharing (redacted), JSON download",
      ),
    ).toBe(true);
  });
});
