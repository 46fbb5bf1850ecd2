// Everything the engine can emit, in the review of one case: every shared scenario completed as an
// assessment, reviewed, and the whole review checked for any raw answer id, dotted path, list
// index, camelCase field or engine code a person would read ("Looked at: answers.dash.injury").
import { cleanup, render, screen } from "@testing-library/react";
import { emptyCaseDetails } from "../../../domain/case-record/case-details";
import { assessedScenarios } from "../../../domain/labels/__tests__/engine-vocabulary";
import { assertNoRawIds } from "../../../domain/labels/raw-ids";
import { renderedTextLines } from "../../../testing/rendered-text";
import { unlockedSession } from "../../../testing/test-vault";
import { CaseReview } from "../case-review";

describe("the engine's whole vocabulary in the case review", () => {
  it("shows every shared scenario's review in plain words, with the level's certainty", async () => {
    const session = await unlockedSession("Manager Kim");
    const scenarios = assessedScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    for (const { name, caseFile, outcome } of scenarios) {
      const created = await session.saveCase({
        details: { ...emptyCaseDetails(), notes: "Described as a non-engager; she chose to stay." },
      });
      const draft = await session.saveAssessmentDraft({
        caseId: created.id,
        questionSetId: caseFile.questionSet,
        questionSetVersion: "1",
        policyName: "default",
        policyVersion: "1",
        content: caseFile,
      });
      await session.completeAssessment({ id: draft.id, content: caseFile, outcome, riskLevel: outcome.riskLevel });
      const { container } = render(
        <CaseReview session={session} caseId={created.id} caseNumber={1} onBack={() => undefined} />,
      );
      await screen.findByRole("heading", { name: "Your review" });
      expect(screen.getByText("Risk level").nextElementSibling?.textContent).toMatch(/^(Standard|Medium|High) — /);
      for (const line of renderedTextLines(container)) assertNoRawIds(line, `case review (${name})`);
      cleanup();
    }
  }, 120_000);
});
