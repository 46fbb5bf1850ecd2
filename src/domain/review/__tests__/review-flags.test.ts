import { describe, expect, it } from "vitest";
import { assessCase } from "../../assess";
import { buildCase, withYes } from "../../__tests__/case-builder";
import {
  agencyLabel,
  flagsAtAssessmentCompletion,
  mergeFlags,
  reviewSummaryAtCompletion,
  withFlag,
  withQualityFlags,
} from "../review-flags";
import { goodCaseOptions, goodDetails } from "./review-fixtures";

const assessed = (options: Parameters<typeof buildCase>[0] = {}) => {
  const caseFile = buildCase(goodCaseOptions(options));
  return { caseFile, outcome: assessCase(caseFile) };
};

describe("flags at assessment completion", () => {
  it("marks a MARAC referral as required for high risk, with the criteria as evidence", () => {
    const { caseFile, outcome } = assessed({ answers: withYes("dash.strangulation") });
    const flags = flagsAtAssessmentCompletion(caseFile, outcome, goodDetails());
    expect(flags.map((flag) => flag.code)).toEqual(["marac-required"]);
    expect(flags[0]!.evidence.length).toBeGreaterThan(0);
  });
  it("flags nothing for a standard-risk, complete assessment", () => {
    const { caseFile, outcome } = assessed({ context: { perpetratorChecks: "done" } });
    expect(flagsAtAssessmentCompletion(caseFile, outcome, goodDetails())).toEqual([]);
  });
  it("flags s42, repeat MARAC and pending checks", () => {
    const { caseFile, outcome } = assessed({
      answers: withYes("dash.strangulation"),
      context: {
        careAndSupport: { needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "yes" },
        previousMaracDates: ["2024-01-10"],
        perpetratorChecks: "pending",
      },
    });
    const codes = flagsAtAssessmentCompletion(caseFile, outcome, goodDetails()).map((flag) => flag.code);
    expect(codes).toEqual(expect.arrayContaining(["marac-required", "repeat-marac", "s42-refer", "checks-pending"]));
  });
  it("flags a provisional assessment", () => {
    const { caseFile, outcome } = assessed({ base: "empty" });
    expect(outcome.provisional).toBe(true);
    expect(flagsAtAssessmentCompletion(caseFile, outcome, null).map((flag) => flag.code)).toContain("provisional");
  });
});

describe("merging flags", () => {
  it("replaces assessment and quality flags but keeps sent referrals, review status and others' codes", () => {
    expect(
      mergeFlags(
        ["marac-required", "marac-sent", "stalking", "quality-missed:language", "returned-for-improvement"],
        ["provisional"],
        ["safe-contact"],
      ),
    ).toEqual(["marac-sent", "stalking", "returned-for-improvement", "provisional", "quality-missed:safe-contact"]);
  });
  it("replaces only the quality codes after a review recomputes them", () => {
    expect(withQualityFlags(["marac-required", "quality-missed:language"], ["safe-contact"])).toEqual([
      "marac-required",
      "quality-missed:safe-contact",
    ]);
  });
  it("turns one flag on or off without duplicating it", () => {
    expect(withFlag(["a", "b"], "b", true)).toEqual(["a", "b"]);
    expect(withFlag(["a", "b"], "b", false)).toEqual(["a"]);
  });
});

describe("the clear summary written at completion", () => {
  it("carries BRAG, role, agency, score and missed items; never names or free text", () => {
    const { caseFile, outcome } = assessed({ answers: withYes("dash.strangulation") });
    const summary = reviewSummaryAtCompletion({ caseFile, outcome, details: goodDetails({ consent: {} }) }, [
      "marac-sent",
    ]);
    expect(summary).toMatchObject({ brag: outcome.brag, assessorRole: "police", qualityScore: expect.any(Number) });
    expect(summary.flags).toEqual([
      "marac-sent",
      "marac-required",
      "level:basis:rule-floor",
      "level:floor:strangulation",
      "level:complete",
      "quality-missed:consent-or-lawful-basis",
    ]);
    expect(JSON.stringify(summary)).not.toContain("Test Person");
  });
  it("has no score when the details could not be read", () => {
    const { caseFile, outcome } = assessed();
    expect(reviewSummaryAtCompletion({ caseFile, outcome, details: null }, []).qualityScore).toBeNull();
  });
  it("takes a one-line agency label from the assessor only (never the referrer's typed agency)", () => {
    const { caseFile } = assessed();
    expect(
      agencyLabel({ ...caseFile, assessor: { role: "idva", agency: "  North\nIDVA \u0007  Service " } }, null),
    ).toBe("North IDVA Service");
    expect(
      agencyLabel({ ...caseFile, assessor: { role: "idva" } }, goodDetails({ referrer: { agency: "Drug service" } })),
    ).toBeNull();
    expect(agencyLabel(null, null)).toBeNull();
  });
});
