import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { assessCase } from "../../../domain/assess";
import { emptyCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import { buildCase, withYes } from "../../../domain/__tests__/case-builder";
import type { VaultSession } from "../../../storage/vault-session";
import { unlockedSession } from "../../../testing/test-vault";
import { assertNoRawIds } from "../../../domain/labels/raw-ids";
import { notSafeDraftCodes } from "../../../domain/certainty/not-safe-summary";
import { CaseReview } from "../case-review";
import { ReviewScreen } from "../review-screen";
import { ReturnedForImprovementNotice } from "../../../ui/returned-for-improvement-notice";

const managerSession = (): Promise<VaultSession> => unlockedSession("Manager Kim");

/** A high-risk case with safe contact and checked history, but no consent recorded and a blaming phrase in the notes. */
async function caseWithAssessment(session: VaultSession): Promise<string> {
  const details: CaseDetails = {
    ...emptyCaseDetails(),
    victim: { name: "Alex Example", safeContact: { phone: "07700 900123", safeToCall: "yes" } },
    perpetrator: { historyChecks: "done" },
    notes: "Described by the surgery as a non-engager.",
  };
  const created = await session.saveCase({ details });
  const caseFile = buildCase({ answers: withYes("dash.strangulation"), context: { children: [], pregnant: "no" } });
  const draft = await session.saveAssessmentDraft({
    caseId: created.id,
    questionSetId: caseFile.questionSet,
    questionSetVersion: "1",
    policyName: "default",
    policyVersion: "1",
    content: caseFile,
  });
  const outcome = assessCase(caseFile);
  await session.completeAssessment({ id: draft.id, content: caseFile, outcome, riskLevel: outcome.riskLevel });
  return created.id;
}

describe("the review of one case", () => {
  it("explains each checklist item, shows blaming language with a better phrasing, and stores the score in clear", async () => {
    const session = await managerSession();
    const caseId = await caseWithAssessment(session);
    render(<CaseReview session={session} caseId={caseId} caseNumber={1} onBack={() => undefined} />);

    expect(
      // Named as the case list names it, never by its id.
      await screen.findByRole("heading", { level: 1, name: "Review case 1" }),
    ).toBeInTheDocument();
    const checklist = screen.getByRole("region", { name: /Referral quality: \d+%/ });
    const consent = within(checklist).getByRole("heading", { name: /Consent or lawful basis for sharing recorded/ });
    expect(consent).toHaveTextContent("Missed");
    expect(within(checklist).getByRole("heading", { name: /Perpetrator's history checked/ })).toHaveTextContent("Met");
    expect(
      within(checklist).getByRole("heading", { name: /Rationale written for professional judgement/ }),
    ).toHaveTextContent("Not applicable");
    expect(
      within(checklist).getByText("Neither consent nor a lawful basis for sharing is recorded."),
    ).toBeInTheDocument();
    expect(within(checklist).getByText("non-engager")).toBeInTheDocument();
    expect(within(checklist).getByText(/^Better: Say what contact was attempted/)).toBeInTheDocument();
    // What each check looked at, and where a phrase was found, in plain words: never a path.
    expect(within(checklist).getByText("non-engager").parentElement).toHaveTextContent("“non-engager” in Case notes");
    expect(within(checklist).getAllByText(/^Looked at: /).length).toBeGreaterThan(0);
    for (const element of checklist.querySelectorAll("h3, p"))
      assertNoRawIds(element.textContent ?? "", "the review checklist");
    // The level with its certainty, from the codes the review refreshes.
    expect(screen.getByText("Risk level").nextElementSibling).toHaveTextContent(/^High — rule floor: strangulation/);

    const [summary] = await session.listCaseSummaries();
    expect(summary!.qualityScore).toEqual(expect.any(Number));
    expect(summary!.flags).toEqual(
      expect.arrayContaining(["marac-required", "quality-missed:consent-or-lawful-basis", "quality-missed:language"]),
    );
    // Everything an assessment completion writes is refreshed, for cases completed before it did.
    expect(summary).toMatchObject({ assessorRole: "police", brag: expect.any(String) });
    const activity = screen.getByRole("region", { name: "Activity on this case" });
    expect(within(activity).getByText(/edit \(assessment completed\)/)).toBeInTheDocument();
    expect(JSON.stringify(summary)).not.toContain("Alex");
  });

  it("needs an outcome, and a note when returning for improvement; then saves, audits and lists the review", async () => {
    const user = userEvent.setup();
    const session = await managerSession();
    const caseId = await caseWithAssessment(session);
    render(<CaseReview session={session} caseId={caseId} caseNumber={1} onBack={() => undefined} />);
    await screen.findByRole("heading", { name: "Your review" });

    await user.click(screen.getByRole("button", { name: "Save review" }));
    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: "Choose whether the case is reviewed or returned for improvement" }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "Return for improvement" }));
    await user.click(screen.getByRole("button", { name: "Save review" }));
    expect(
      await screen.findByRole("link", { name: "Say what needs improving, so the practitioner knows what to do" }),
    ).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Reviewer's note" }), "Record consent or the lawful basis.");
    await user.click(screen.getByRole("button", { name: "Save review" }));
    expect(await screen.findByText("Saved. The case is marked as returned for improvement.")).toBeInTheDocument();
    expect(screen.getByText("Record consent or the lawful basis.")).toBeInTheDocument();
    expect(screen.getByText(/by Manager Kim/)).toBeInTheDocument();

    const [row] = await session.listCaseSummaries();
    expect(row).toMatchObject({ reviewStatus: "returned-for-improvement" });
    expect((await session.listAudit({ caseId })).map((entry) => entry.detail)).toContain(
      "review: returned-for-improvement",
    );
  });

  it("shows a 'not safe to ask' draft at the level observed, its date to come back by, and the overdue return as needing action", async () => {
    const session = await managerSession();
    const created = await session.saveCase({ details: emptyCaseDetails() });
    const caseFile = buildCase({
      base: "empty",
      safeToAsk: "no",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
      context: { perpetratorChecks: "done" },
    });
    const codes = notSafeDraftCodes({
      safeToAsk: "no",
      returnOn: "2025-03-07",
      outcome: assessCase(caseFile),
      caseFile,
    })!;
    await session.replaceDraftCaseCodes({
      caseId: created.id,
      assessmentId: globalThis.crypto.randomUUID(),
      prefix: "not-safe:",
      codes,
    });
    render(
      <CaseReview
        session={session}
        caseId={created.id}
        caseNumber={1}
        onBack={() => undefined}
        now={new Date("2025-03-10T12:00:00.000Z")}
      />,
    );
    await screen.findByRole("heading", { level: 2, name: "Your review" });
    const fact = (term: string) => screen.getByText(term, { selector: "dt" }).nextElementSibling;
    expect(fact("Risk level")).toHaveTextContent(/^High — observed, not asked; rule floor: strangulation;/);
    expect(fact("Not safe to ask: reminder to return")).toHaveTextContent("Come back by 7 March 2025: overdue");
    expect(fact("Needs action now")).toHaveTextContent(
      "High risk: MARAC referral not sent; Not safe to ask: the date to come back by (7 March 2025) has passed",
    );
    // The review's own refresh of the case's figures keeps the draft's codes.
    const [summary] = await session.listCaseSummaries();
    expect(summary!.flags).toEqual(expect.arrayContaining(codes));
  });

  it("reviews a case with no completed assessment: assessment-only checks do not apply", async () => {
    const session = await managerSession();
    const created = await session.saveCase({ details: { victimName: "", notes: "" } });
    render(<CaseReview session={session} caseId={created.id} caseNumber={1} onBack={() => undefined} />);
    const checklist = await screen.findByRole("region", { name: /Referral quality/ });
    expect(within(checklist).getByRole("heading", { name: /Timeline evidence reviewed/ })).toHaveTextContent(
      "Not applicable",
    );
    expect(within(checklist).getByRole("heading", { name: /Safe contact details recorded/ })).toHaveTextContent(
      "Missed",
    );
  });
});

describe("the review section", () => {
  it("lists the vault's cases from clear fields, opens one for review and comes back", async () => {
    const user = userEvent.setup();
    const session = await managerSession();
    const caseId = await caseWithAssessment(session);
    const getCase = vi.spyOn(session, "getCase");
    render(<ReviewScreen session={session} />);
    const action = await screen.findByRole("region", { name: "Need action now" });
    // The dashboard decrypts nothing.
    expect(getCase).not.toHaveBeenCalled();
    await user.click(within(action).getByRole("button", { name: "Review case 1" }));
    expect(await screen.findByRole("heading", { name: "Your review" })).toBeInTheDocument();
    // The same name as on the dashboard and the case list, and never the id.
    expect(screen.getByRole("heading", { level: 1, name: "Review case 1" })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(caseId.slice(0, 8).toUpperCase());
    expect(getCase).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole("button", { name: "Back to all cases" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Review cases" })).toBeInTheDocument());
  });
});

describe("the practitioner's notice", () => {
  it("shows only for a case returned for improvement", () => {
    const { rerender } = render(<ReturnedForImprovementNotice reviewStatus="returned-for-improvement" />);
    expect(screen.getByRole("note")).toHaveTextContent("Returned for improvement.");
    rerender(<ReturnedForImprovementNotice reviewStatus="reviewed" />);
    expect(screen.queryByRole("note")).toBeNull();
  });
});
