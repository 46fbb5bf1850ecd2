// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { DateOfBirthAgreementKind } from "../date-of-birth-matching";
import { matchStrength, type IdentityComparison, type MatchStrength } from "../match-strength";
import type { NameAgreementKind } from "../name-matching";
import type { PostcodeAgreementKind } from "../postcode-matching";

// Each list is ordered from most to least agreement, so "further down" means "agrees less".
const NAME_KINDS: NameAgreementKind[] = ["same", "close", "partial", "unknown", "different"];
const DOB_KINDS: DateOfBirthAgreementKind[] = [
  "same",
  "day-month-swapped",
  "one-digit-different",
  "unknown",
  "different",
];
const POSTCODE_KINDS: PostcodeAgreementKind[] = ["same", "same-district", "unknown", "different"];

const comparison = (
  name: NameAgreementKind,
  dateOfBirth: DateOfBirthAgreementKind,
  postcode: PostcodeAgreementKind,
): IdentityComparison => ({
  name: { kind: name, reason: "", evidence: [] },
  dateOfBirth: { kind: dateOfBirth, reason: "", evidence: [] },
  postcode: { kind: postcode, reason: "", evidence: [] },
});

const strengthOf = (...kinds: Parameters<typeof comparison>) => matchStrength(comparison(...kinds)).strength;
const RANK: Record<string, number> = { strong: 2, possible: 1, none: 0 };
const rank = (strength: MatchStrength | null) => RANK[strength ?? "none"]!;

describe("matchStrength", () => {
  it("names that agree with the same date of birth are strong, wherever the victim now lives", () => {
    expect(matchStrength(comparison("same", "same", "different"))).toEqual({
      strength: "strong",
      rule: "The names agree and the date of birth is the same.",
    });
    expect(strengthOf("close", "same", "unknown")).toBe("strong");
  });

  it("the same name at the same postcode with a date of birth one slip away is strong", () => {
    expect(strengthOf("same", "day-month-swapped", "same")).toBe("strong");
    expect(strengthOf("same", "one-digit-different", "same")).toBe("strong");
  });

  it("a slip in the date of birth is only possible without the same name and postcode", () => {
    expect(strengthOf("close", "one-digit-different", "same")).toBe("possible");
    expect(strengthOf("same", "day-month-swapped", "different")).toBe("possible");
  });

  it("the same name and a different date of birth is not a match, unless at the same postcode (then only possible)", () => {
    expect(strengthOf("same", "different", "different")).toBeNull();
    expect(strengthOf("same", "different", "unknown")).toBeNull();
    expect(strengthOf("same", "different", "same-district")).toBeNull();
    expect(strengthOf("same", "different", "same")).toBe("possible");
  });

  it("a name without a date of birth: the same name is possible; a close one needs the area too", () => {
    expect(strengthOf("same", "unknown", "unknown")).toBe("possible");
    expect(strengthOf("close", "unknown", "unknown")).toBeNull();
    expect(strengthOf("close", "unknown", "same-district")).toBe("possible");
  });

  it("part of a name (a changed surname) with the same date of birth needs the area to be possible", () => {
    expect(strengthOf("partial", "same", "same-district")).toBe("possible");
    expect(strengthOf("partial", "same", "different")).toBeNull();
  });

  it("a date of birth alone is never a match", () => {
    expect(strengthOf("different", "same", "same")).toBeNull();
    expect(strengthOf("unknown", "same", "same-district")).toBeNull();
    expect(strengthOf("unknown", "same", "same")).toBe("possible");
  });

  it("nothing known is no match: unknown never counts as a match", () => {
    expect(strengthOf("unknown", "unknown", "unknown")).toBeNull();
  });

  // Every one of the 100 combinations: agreeing less on any one field never makes a match stronger.
  // This is what "unknown is neither a match nor a mismatch" means for the rules as a whole.
  it("agreeing less on any one field never makes the match stronger", () => {
    for (const [n, name] of NAME_KINDS.entries()) {
      for (const [d, dob] of DOB_KINDS.entries()) {
        for (const [p, postcode] of POSTCODE_KINDS.entries()) {
          const here = rank(strengthOf(name, dob, postcode));
          const lessName = NAME_KINDS[n + 1];
          const lessDob = DOB_KINDS[d + 1];
          const lessPostcode = POSTCODE_KINDS[p + 1];
          if (lessName)
            expect(rank(strengthOf(lessName, dob, postcode)), `${lessName}/${dob}/${postcode}`).toBeLessThanOrEqual(
              here,
            );
          if (lessDob)
            expect(rank(strengthOf(name, lessDob, postcode)), `${name}/${lessDob}/${postcode}`).toBeLessThanOrEqual(
              here,
            );
          if (lessPostcode) {
            expect(rank(strengthOf(name, dob, lessPostcode)), `${name}/${dob}/${lessPostcode}`).toBeLessThanOrEqual(
              here,
            );
          }
        }
      }
    }
  });

  it("strong needs the names to agree and a date of birth at most one slip away", () => {
    for (const name of NAME_KINDS) {
      for (const dob of DOB_KINDS) {
        for (const postcode of POSTCODE_KINDS) {
          if (strengthOf(name, dob, postcode) !== "strong") continue;
          expect(["same", "close"]).toContain(name);
          expect(["same", "day-month-swapped", "one-digit-different"]).toContain(dob);
        }
      }
    }
  });
});
