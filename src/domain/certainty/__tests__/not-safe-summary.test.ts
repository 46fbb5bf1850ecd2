// @vitest-environment node
// A "not safe to ask" assessment stays visible: the codes its draft writes read back as the level
// from what was observed with that certainty, and the date to come back by, overdue once passed.
import { describe, expect, it } from "vitest";
import { assessCase } from "../../assess";
import type { CaseFile } from "../../case-file";
import { assertNoRawIds } from "../../labels/raw-ids";
import { buildCase } from "../../__tests__/case-builder";
import {
  currentRiskLevel,
  describeCurrentLevelFromSummary,
  isNotSafeToAsk,
  isReturnOverdue,
  longDate,
  notSafeCodesAtCompletion,
  notSafeDraftCodes,
  returnByOf,
  returnByText,
  withNotSafeCodes,
} from "../not-safe-summary";

const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const observedStrangulation = (safeToAsk: CaseFile["safeToAsk"] = "no") =>
  buildCase({
    base: "empty",
    safeToAsk,
    answers: { "dash.strangulation": { answer: "yes", source: "observed", detail: "marks on her neck" } },
    context: { perpetratorChecks: "done" },
  });

const draftCodes = (caseFile: CaseFile, returnOn?: string) =>
  notSafeDraftCodes({ safeToAsk: caseFile.safeToAsk, returnOn, outcome: assessCase(caseFile), caseFile });

describe("the codes a not-safe draft writes", () => {
  it("hold the level from what was observed, its certainty and the date to come back by", () => {
    const codes = draftCodes(observedStrangulation(), "2025-03-14")!;
    expect(codes).toContain("not-safe:risk:high");
    expect(codes).toContain("not-safe:level:observed");
    expect(codes).toContain("not-safe:level:floor:strangulation");
    expect(codes).toContain("not-safe:return-by:2025-03-14");
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it("say nothing while the safe-to-ask question is unanswered, and clear everything once it is safe", () => {
    expect(notSafeDraftCodes({ safeToAsk: undefined, returnOn: "2025-03-14", outcome: null, caseFile: null })).toBe(
      null,
    );
    expect(draftCodes(observedStrangulation("yes"), "2025-03-14")).toEqual([]);
  });

  it("treat 'not known' whether it was safe like 'no', as the gate does", () => {
    expect(isNotSafeToAsk("not-known")).toBe(true);
    expect(isNotSafeToAsk("no")).toBe(true);
    expect(isNotSafeToAsk("yes")).toBe(false);
    expect(isNotSafeToAsk(undefined)).toBe(false);
    expect(draftCodes(observedStrangulation("not-known"))).toContain("not-safe:risk:high");
  });

  it("record no level while nothing could be assessed, and leave out a date that is not one", () => {
    const codes = notSafeDraftCodes({ safeToAsk: "no", returnOn: "14/03/2025", outcome: null, caseFile: null });
    expect(codes).toEqual(["not-safe:level:not-assessed"]);
    expect(notSafeDraftCodes({ safeToAsk: "no", returnOn: "2025-02-30", outcome: null, caseFile: null })).toEqual([
      "not-safe:level:not-assessed",
    ]);
  });

  it("at completion keep only the date to come back by, and only when it was not safe to ask", () => {
    expect(notSafeCodesAtCompletion(observedStrangulation(), " 2025-03-14 ")).toEqual([
      "not-safe:return-by:2025-03-14",
    ]);
    expect(notSafeCodesAtCompletion(observedStrangulation("yes"), "2025-03-14")).toEqual([]);
    expect(notSafeCodesAtCompletion(observedStrangulation(), undefined)).toEqual([]);
  });

  it("replace every earlier not-safe code and keep every other flag", () => {
    const flags = ["marac-sent", "not-safe:risk:medium", "level:basis:score", "not-safe:return-by:2025-01-01"];
    expect(withNotSafeCodes(flags, ["not-safe:return-by:2025-03-14"])).toEqual([
      "marac-sent",
      "level:basis:score",
      "not-safe:return-by:2025-03-14",
    ]);
    expect(withNotSafeCodes(flags, [])).toEqual(["marac-sent", "level:basis:score"]);
  });
});

describe("the level a list shows for a case", () => {
  it("is the not-safe draft's, observed and not asked first: 'High — observed, not asked'", () => {
    const flags = draftCodes(observedStrangulation(), "2025-03-14")!;
    const text = describeCurrentLevelFromSummary(null, flags);
    expect(text.short).toBe("High — observed, not asked");
    expect(text.sentence).toBe(
      "High — observed, not asked; rule floor: strangulation; provisional: 23 not asked; assessment not finished",
    );
    expect(text.provisional).toBe(true);
    assertNoRawIds(text.sentence);
    expect(currentRiskLevel(null, flags)).toBe("high");
  });

  it("says 'not safe to ask' when the answers recorded were not all observed or from records", () => {
    const caseFile = buildCase({
      base: "empty",
      safeToAsk: "no",
      answers: { "dash.strangulation": "yes" },
      context: { perpetratorChecks: "done" },
    });
    expect(describeCurrentLevelFromSummary(null, draftCodes(caseFile)!).sentence).toBe(
      "High — not safe to ask; rule floor: strangulation; provisional: 23 not asked; assessment not finished",
    );
  });

  it("goes before a completed assessment's level, which the engine carried forward into it", () => {
    const previous = [{ date: "2024-02-01", riskLevel: "high" as const }];
    const caseFile = buildCase({
      base: "empty",
      safeToAsk: "no",
      previousAssessments: previous,
      answers: { "dash.isolated": { answer: "yes", source: "observed" } },
      context: { perpetratorChecks: "done" },
    });
    const flags = ["level:basis:score", "level:complete", ...draftCodes(caseFile)!];
    expect(currentRiskLevel("medium", flags)).toBe("high");
    expect(describeCurrentLevelFromSummary("medium", flags).sentence).toBe(
      "High — observed, not asked; rule floor: carried forward from the previous assessment; provisional: 23 not asked; assessment not finished",
    );
  });

  it("with nothing recorded yet, keeps a completed level, or says why there is none", () => {
    const nothing = notSafeDraftCodes({ safeToAsk: "no", returnOn: undefined, outcome: null, caseFile: null })!;
    expect(describeCurrentLevelFromSummary(null, nothing)).toEqual({
      sentence: "Not assessed yet — not safe to ask; nothing recorded yet",
      short: "Not assessed yet — not safe to ask",
      provisional: null,
    });
    const completed = ["level:basis:rule-floor", "level:floor:strangulation", "level:complete", ...nothing];
    expect(describeCurrentLevelFromSummary("high", completed).sentence).toBe("High — rule floor: strangulation");
    expect(currentRiskLevel("high", completed)).toBe("high");
  });

  it("without any not-safe code is the completed level, unchanged", () => {
    const flags = ["level:basis:score", "level:provisional", "level:not-known:3"];
    expect(describeCurrentLevelFromSummary("standard", flags).sentence).toBe(
      "Standard — from the score; provisional: 3 not known",
    );
    expect(describeCurrentLevelFromSummary(null, []).sentence).toBe("Not assessed yet");
    expect(currentRiskLevel("standard", flags)).toBe("standard");
  });
});

describe("the date to come back by", () => {
  const flags = ["not-safe:return-by:2025-03-14"];

  it("is overdue only once today (London) is after it", () => {
    expect(returnByOf(flags)).toBe("2025-03-14");
    expect(isReturnOverdue(flags, "2025-03-13")).toBe(false);
    expect(isReturnOverdue(flags, "2025-03-14")).toBe(false);
    expect(isReturnOverdue(flags, "2025-03-15")).toBe(true);
    expect(isReturnOverdue([], "2025-03-15")).toBe(false);
    expect(returnByOf(["level:observed"])).toBeNull();
  });

  it("is said in plain words, with 'overdue' once passed", () => {
    expect(returnByText(flags, "2025-03-14")).toBe("Come back by 14 March 2025");
    expect(returnByText(flags, "2025-04-01")).toBe("Come back by 14 March 2025: overdue");
    expect(returnByText([], "2025-04-01")).toBeNull();
    expect(longDate("2026-01-05")).toBe("5 January 2026");
    expect(longDate("2025-12-31")).toBe("31 December 2025");
  });
});
