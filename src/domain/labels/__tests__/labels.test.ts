// @vitest-environment node
// Plain words only: every code and path the engine can emit has a label with no raw id in it, and
// the prose the engine writes itself (warning messages, reasons) holds no raw id either.
import { describe, expect, it } from "vitest";
import {
  labelForEvidence,
  labelForFloorRule,
  labelForLevel,
  labelForMaracCriterion,
  labelForMissing,
  labelForPathway,
  labelForPathwayDecision,
  labelForQuestion,
  labelForS42Decision,
  labelForWarning,
  WARNING_LABELS,
} from "../labels";
import { assertNoRawIds, findRawIds } from "../raw-ids";
import { MARAC_CRITERIA, PATHWAYS } from "../../outcome";
import { LOCKED_RULES, OPTIONAL_RULES } from "../../policy";
import {
  ALL_WARNING_CODES,
  assessedGeneratedCases,
  assessedScenarios,
  evidenceOf,
  specPaths,
  type AssessedCase,
} from "./engine-vocabulary";

const runs: AssessedCase[] = [...assessedScenarios(), ...assessedGeneratedCases(300)];

describe("findRawIds and assertNoRawIds", () => {
  it.each([
    ["answers.dash.injury", "answer id"],
    ["see dash.pregnancy", "answer id"],
    ["context.pregnant", "dotted path"],
    ["details.victim.name", "dotted path"],
    ["protectiveOrders[0]", "list index"],
    ["perpetratorChecks pending", "camelCase field"],
    ["warning unknown-not-no", "engine code"],
    ["refer to stalking-advocacy", "engine code"],
  ])("finds %s (%s)", (text, kind) => {
    expect(findRawIds(text).map((raw) => raw.kind)).toContain(kind);
    expect(() => assertNoRawIds(text)).toThrow(/raw ids/);
  });

  it.each([
    "Question 9: Pregnant or had a baby in the last 18 months",
    "Protective order 1: end date",
    "High — rule floor: strangulation",
    "Sofa-surfing, high-rise, step-child and not-known are ordinary words here",
    "Previous assessment 2 (e.g. 2024-01-05)",
  ])("passes plain text: %s", (text) => {
    expect(findRawIds(text)).toEqual([]);
  });
});

describe("labels", () => {
  it("names DASH questions by number and short wording, and Q9 by its full meaning", () => {
    expect(labelForEvidence("answers.dash.injury")).toBe("Question 1: Injury in this incident");
    expect(labelForEvidence("dash.pregnancy")).toBe("Question 9: Pregnant or had a baby in the last 18 months");
    expect(labelForEvidence("context.pregnant")).toBe("Pregnant now");
    expect(labelForQuestion("dash.threatened-children")).toMatch(/^Question 27: /);
    expect(labelForQuestion("stalking.turns-up")).toMatch(/^Stalking question: /);
  });

  it("names list items by number from 1 and their fields in words", () => {
    expect(labelForEvidence("context.protectiveOrders[0]")).toBe("Protective order 1");
    expect(labelForEvidence("context.protectiveOrders[1].expires")).toBe("Protective order 2: end date");
    expect(labelForEvidence("previousAssessments[1]")).toBe("Previous assessment 2");
    expect(labelForEvidence("context.children[0].age")).toBe("Child 1: age");
    expect(labelForEvidence("context.previousMaracDates[2]")).toBe("Earlier MARAC date 3");
  });

  it("names tags, sub-fields and top-level fields", () => {
    expect(labelForEvidence("context.perpetratorHistory.previous-da")).toBe(
      "Known history of the person causing harm: previous domestic abuse",
    );
    expect(labelForEvidence("context.exploitation.cuckooing")).toBe("Exploitation: cuckooing (home taken over)");
    expect(labelForEvidence("context.careAndSupport.needsKinds.mental-ill-health")).toBe(
      "Care and support need: mental ill-health",
    );
    expect(labelForEvidence("context.separation")).toBe("Separation");
    expect(labelForEvidence("professionalJudgement")).toBe("Professional judgement");
    expect(labelForMissing("context.perpetratorChecks")).toBe("History checks on the person causing harm");
  });

  it("turns an unknown code or path into words, never echoing it raw", () => {
    for (const text of [
      labelForWarning("some-new-warning"),
      labelForEvidence("context.someNewField[2].subField"),
      labelForEvidence("somethingElse"),
      labelForPathway("new-pathway"),
    ]) {
      assertNoRawIds(text);
    }
  });

  it("has a label for every warning code the contract and the project define", () => {
    for (const code of ALL_WARNING_CODES) {
      expect(WARNING_LABELS[code], code).toBeDefined();
      assertNoRawIds(labelForWarning(code), `label for ${code}`);
    }
  });

  it("has plain labels for every pathway, decision, rule, criterion and level", () => {
    const labels = [
      ...PATHWAYS.map(labelForPathway),
      ...["refer", "consider", "not-met"].map(labelForPathwayDecision),
      ...["refer", "not-met", "insufficient-information", "not-assessed"].map(labelForS42Decision),
      ...[...LOCKED_RULES, ...OPTIONAL_RULES].map(labelForFloorRule),
      ...MARAC_CRITERIA.map(labelForMaracCriterion),
      ...["standard", "medium", "high"].map(labelForLevel),
    ];
    for (const label of labels) assertNoRawIds(label);
  });

  it("has a plain label for every path the spec and the question sets name", () => {
    for (const path of specPaths()) assertNoRawIds(labelForEvidence(path), `label for ${path}`);
  });
});

describe(`everything the engine emits over ${runs.length} cases (24 scenarios' valid cases and generated ones)`, () => {
  const codes = new Set(runs.flatMap(({ outcome }) => outcome.warnings.map((warning) => warning.code)));
  const evidence = new Set(runs.flatMap(({ outcome }) => evidenceOf(outcome)));
  const missing = new Set(runs.flatMap(({ outcome }) => outcome.missingInformation.map((gap) => gap.field)));

  it("covers a wide vocabulary (so the checks below mean something)", () => {
    expect(codes.size).toBeGreaterThan(15);
    expect(evidence.size).toBeGreaterThan(60);
    expect(missing.size).toBeGreaterThan(20);
  });

  it("every warning code emitted has its own label, with no raw id", () => {
    for (const code of codes) {
      expect(WARNING_LABELS[code], code).toBeDefined();
      assertNoRawIds(labelForWarning(code), `label for ${code}`);
    }
  });

  it("every evidence name emitted has a plain label", () => {
    for (const path of evidence) assertNoRawIds(labelForEvidence(path), `label for ${path}`);
  });

  it("every missing-information field emitted has a plain label", () => {
    for (const field of missing) assertNoRawIds(labelForMissing(field), `label for ${field}`);
  });

  it("the engine's own prose (warning messages, missing-information reasons, pathway, s42, MARAC and rule reasons) holds no raw id", () => {
    for (const { name, outcome } of runs) {
      const prose = [
        ...outcome.warnings.map((warning) => warning.message),
        ...outcome.missingInformation.map((gap) => gap.why),
        ...outcome.pathways.flatMap((pathway) => pathway.reasons),
        ...outcome.s42.reasons,
        ...outcome.marac.reasons.map((reason) => reason.reason),
        ...outcome.escalations.map((escalation) => escalation.reason),
        ...(outcome.professionalJudgement.refusedBecause ? [outcome.professionalJudgement.refusedBecause] : []),
        ...(outcome.bragJudgement.refusedBecause ? [outcome.bragJudgement.refusedBecause] : []),
      ];
      for (const text of prose) assertNoRawIds(text, name);
    }
  });
});
