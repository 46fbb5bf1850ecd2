// A "not safe to ask" draft stays visible (issue 14 item 4): while it is open, the case's codes follow
// it, so the case list and the dashboard show the level observed and the date to come back by; once
// completed, the completed level takes over and only the date stays.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describeCurrentLevelFromSummary, returnByText } from "../../../domain/certainty/not-safe-summary";
import { questionById } from "../../../domain/question-sets/question-set-registry";
import type { VaultSession } from "../../../storage/vault-session";
import { AssessmentScreen } from "../assessment-screen";
import { seedDraft, sessionWithCase } from "./assessment-fixtures";

/** The case as the case list reads it: clear summary fields only. */
async function listed(session: VaultSession) {
  const [summary] = await session.listCaseSummaries();
  return {
    flags: summary!.flags,
    level: describeCurrentLevelFromSummary(summary!.riskLevel, summary!.flags).sentence,
    comeBack: returnByText(summary!.flags, "2026-12-02"),
  };
}

describe("a 'not safe to ask' draft on the case list", () => {
  it("follows the draft: the date to come back by, then what was observed, then cleared once it is safe to ask", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { assessor: { role: "police" }, safeToAsk: undefined, page: "gate" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);

    const gate = await screen.findByRole("group", { name: /Is it safe to ask the questions now\?/ });
    await user.click(within(gate).getByRole("radio", { name: "No" }));
    await user.type(screen.getByLabelText("Come back by (date)"), "2026-12-01");
    await waitFor(async () =>
      expect(await listed(session)).toEqual({
        flags: ["not-safe:level:not-assessed", "not-safe:return-by:2026-12-01"],
        level: "Not assessed yet — not safe to ask; nothing recorded yet",
        comeBack: "Come back by 1 December 2026: overdue",
      }),
    );

    await user.click(screen.getByRole("button", { name: "Record what you saw or know from records" }));
    const strangulationName = questionById("dash.strangulation")!.wording;
    await screen.findByRole("heading", { level: 1, name: "The current situation" });
    for (let i = 0; i < 5 && !screen.queryByRole("group", { name: strangulationName }); i += 1) {
      await user.click(screen.getByRole("button", { name: "Continue" }));
    }
    const strangulation = screen.getByRole("group", { name: strangulationName });
    await user.click(within(strangulation).getByRole("radio", { name: "Yes" }));
    await waitFor(async () =>
      expect((await listed(session)).level).toBe(
        "High — observed, not asked; rule floor: strangulation; provisional: 26 not asked; assessment not finished",
      ),
    );
    expect((await listed(session)).comeBack).toBe("Come back by 1 December 2026: overdue");

    for (let i = 0; i < 5 && !screen.queryByRole("heading", { level: 1, name: /Is it safe to ask/ }); i += 1) {
      await user.click(screen.getByRole("button", { name: "Back" }));
    }
    await user.click(
      within(await screen.findByRole("group", { name: /Is it safe to ask the questions now\?/ })).getByRole("radio", {
        name: "Yes",
      }),
    );
    await waitFor(async () => expect((await listed(session)).flags).toEqual([]));
  });

  it("at completion gives way to the completed level, observed and not asked, and keeps the date to come back by", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      safeToAsk: "no",
      observedOnly: true,
      returnOn: "2026-12-01",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
      unansweredReason: "not-safe-to-continue",
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await waitFor(async () => expect((await listed(session)).flags).toContain("not-safe:risk:high"));

    await user.click(await screen.findByRole("button", { name: "Complete assessment" }));
    await screen.findByRole("heading", { level: 1, name: "Assessment completed: High risk" });
    const after = await listed(session);
    expect(after.flags.filter((flag) => flag.startsWith("not-safe:"))).toEqual(["not-safe:return-by:2026-12-01"]);
    expect(after.level).toBe("High — rule floor: strangulation; observed, not asked; provisional: 26 not asked");
    expect(after.comeBack).toBe("Come back by 1 December 2026: overdue");
  });

  it("Save and close waits for the codes, so the case list it goes back to shows them", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      safeToAsk: "no",
      observedOnly: true,
      returnOn: "2026-12-01",
      page: "dash-current-incident",
    });
    // The write of the level observed is held until the test lets it go.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const write = session.replaceDraftCaseCodes.bind(session);
    vi.spyOn(session, "replaceDraftCaseCodes").mockImplementation(async (input) => {
      if (input.codes.includes("not-safe:risk:high")) await held;
      return write(input);
    });
    const onClose = vi.fn();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={onClose} />);
    const strangulation = questionById("dash.strangulation")!.wording;
    for (let i = 0; i < 5 && !screen.queryByRole("group", { name: strangulation }); i += 1) {
      await user.click(await screen.findByRole("button", { name: "Continue" }));
    }
    await user.click(within(screen.getByRole("group", { name: strangulation })).getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Save and close" }));
    // The answer itself is stored: only the held write keeps the screen open.
    await waitFor(async () => {
      const [draft] = await session.listAssessments(caseId);
      const content = (await session.getAssessment(draft!.id)).content as { answers: Record<string, unknown> };
      expect(content.answers["dash.strangulation"]).toMatchObject({ answer: "yes" });
    });
    expect(onClose).not.toHaveBeenCalled();
    release();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await listed(session)).level).toMatch(/^High — observed, not asked;/);
  });

  it("writes nothing while the safe-to-ask question is unanswered", async () => {
    const { session, caseId } = await sessionWithCase();
    await session.saveCase({ id: caseId, details: {}, summary: { flags: ["marac-sent"] } });
    await seedDraft(session, caseId, { assessor: { role: "police" }, safeToAsk: undefined, page: "gate" });
    const replace = vi.spyOn(session, "replaceDraftCaseCodes");
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("group", { name: /Is it safe to ask the questions now\?/ });
    expect(replace).not.toHaveBeenCalled();
    expect((await listed(session)).flags).toEqual(["marac-sent"]);
  });
});
