// Everything the engine can emit, on the two assessment screens that show an outcome: the live
// risk panel and the read-only completed assessment. Every outcome of the 24 shared scenarios (and
// of generated cases, for what the scenarios do not reach) is rendered, and the test fails on any
// raw answer id, dotted path, list index, camelCase field or engine code a person would read.
import { cleanup, render } from "@testing-library/react";
import {
  ALL_WARNING_CODES,
  assessedGeneratedCases,
  assessedScenarios,
  specPaths,
  type AssessedCase,
} from "../../../domain/labels/__tests__/engine-vocabulary";
import type { Outcome } from "../../../domain/outcome";
import { assertNoRawIds } from "../../../domain/labels/raw-ids";
import { renderedTextLines } from "../../../testing/rendered-text";
import { CompletedAssessmentView } from "../completed-view";
import { RiskPanel } from "../risk-panel";

const SCENARIOS = assessedScenarios();

/** One outcome carrying every warning code and every path the contract names, as evidence and as gaps. */
function everyCodeAndPath(base: AssessedCase): AssessedCase {
  const paths = specPaths();
  const outcome: Outcome = {
    ...base.outcome,
    warnings: ALL_WARNING_CODES.map((code) => ({ code, message: "See the case.", evidence: paths })),
    missingInformation: paths.map((field) => ({ field, why: "Still to find out." })),
    escalations: base.outcome.escalations.map((escalation) => ({ ...escalation, evidence: paths })),
    pathways: base.outcome.pathways.map((pathway) => ({ ...pathway, evidence: paths })),
    marac: {
      ...base.outcome.marac,
      reasons: base.outcome.marac.reasons.map((reason) => ({ ...reason, evidence: paths })),
    },
    timeline: { ...base.outcome.timeline, stages: [{ stage: 2, name: "Early relationship", indicators: paths }] },
  };
  return { name: "every code and path", caseFile: base.caseFile, outcome };
}

const CASES: AssessedCase[] = [
  ...SCENARIOS,
  ...assessedGeneratedCases(40),
  everyCodeAndPath(SCENARIOS.find((entry) => entry.outcome.escalations.length > 0)!),
];

function expectPlainWords(container: Element, where: string): void {
  for (const line of renderedTextLines(container)) assertNoRawIds(line, where);
}

describe("the engine's whole vocabulary on the assessment screens", () => {
  it("covers every shared scenario", () => {
    expect(CASES.filter((entry) => !entry.name.startsWith("generated")).length).toBeGreaterThanOrEqual(20);
    // The run reaches warnings, evidence and gaps, or the test proves nothing.
    expect(CASES.some((entry) => entry.outcome.warnings.length > 0)).toBe(true);
    expect(CASES.some((entry) => entry.outcome.missingInformation.length > 0)).toBe(true);
    expect(CASES.some((entry) => entry.outcome.vulnerability.factors.length > 0)).toBe(true);
  });

  it.each(CASES.map((entry) => [entry.name, entry] as const))(
    "the risk panel shows %s in plain words",
    (name, { caseFile, outcome }) => {
      const { container } = render(
        <RiskPanel outcome={outcome} caseFile={caseFile} onGoToQuestion={() => undefined} />,
      );
      expectPlainWords(container, `risk panel (${name})`);
      cleanup();
    },
  );

  it.each(CASES.map((entry) => [entry.name, entry] as const))(
    "the completed view shows %s in plain words",
    (name, { caseFile, outcome }) => {
      const { container } = render(
        <CompletedAssessmentView
          completed={{
            id: "assessment-1",
            completedAt: "2025-03-10T12:00:00.000Z",
            caseFile,
            outcome,
            policyName: "Default policy",
            policyVersion: "1",
            questionSetVersion: "1",
          }}
          onClose={() => undefined}
        />,
      );
      expectPlainWords(container, `completed view (${name})`);
      cleanup();
    },
  );
});
