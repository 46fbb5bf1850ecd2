// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ageOn, contextFromCaseDetails } from "../assessment-context";
import { emptyCaseDetails, type CaseDetails } from "../case-details";

const details = (change: Partial<CaseDetails>): CaseDetails => ({ ...emptyCaseDetails(), ...change });

describe("contextFromCaseDetails", () => {
  it("gives nothing when the details record neither children nor checks", () => {
    expect(contextFromCaseDetails(emptyCaseDetails(), "2024-03-10")).toEqual({
      context: {},
      childrenWithoutRelationship: 0,
      adultsLeftOut: 0,
    });
  });

  it("takes each child's age (recorded, or from the date of birth) and relationship, and the perpetrator checks", () => {
    const result = contextFromCaseDetails(
      details({
        children: [
          { age: 4, relationshipToPerpetrator: "child" },
          { dateOfBirth: "2010-03-11", relationshipToPerpetrator: "step-child" },
          { relationshipToPerpetrator: "none" },
        ],
        perpetrator: { historyChecks: "pending" },
      }),
      "2024-03-10",
    );
    expect(result.context).toEqual({
      children: [
        { age: 4, relationshipToPerpetrator: "child" },
        { age: 13, relationshipToPerpetrator: "step-child" },
        { relationshipToPerpetrator: "none" },
      ],
      perpetratorChecks: "pending",
    });
  });

  it("leaves out, and counts, a child without a relationship and one who is now an adult", () => {
    const result = contextFromCaseDetails(
      details({ children: [{ age: 9 }, { dateOfBirth: "2005-01-01", relationshipToPerpetrator: "child" }] }),
      "2024-03-10",
    );
    expect(result).toEqual({ context: {}, childrenWithoutRelationship: 1, adultsLeftOut: 1 });
  });
});

describe("ageOn", () => {
  it("counts whole years, the day before and on the birthday", () => {
    expect(ageOn("2010-03-11", "2024-03-10")).toBe(13);
    expect(ageOn("2010-03-10", "2024-03-10")).toBe(14);
    expect(ageOn("2030-01-01", "2024-03-10")).toBeNull();
    expect(ageOn("2010-02-30", "2024-03-10")).toBeNull();
  });
});
