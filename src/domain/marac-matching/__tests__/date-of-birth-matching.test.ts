// @vitest-environment node
import { describe, expect, it } from "vitest";
import { compareDatesOfBirth, isDayMonthSwap, isOneDigitDifferent } from "../date-of-birth-matching";

describe("isDayMonthSwap", () => {
  it("03/04 written as 04/03", () => {
    expect(isDayMonthSwap("1990-03-04", "1990-04-03")).toBe(true);
  });
  it("not when the year differs too, or day and month are equal", () => {
    expect(isDayMonthSwap("1990-03-04", "1991-04-03")).toBe(false);
    expect(isDayMonthSwap("1990-05-05", "1990-05-05")).toBe(false);
  });
});

describe("isOneDigitDifferent", () => {
  it.each([
    ["1990-03-04", "1991-03-04", true],
    ["1990-03-04", "1980-03-04", true],
    ["1990-03-14", "1990-03-24", true],
    ["1990-03-04", "1990-03-04", false],
    ["1990-03-04", "1991-03-05", false],
  ])("%s / %s: %s", (left, right, expected) => {
    expect(isOneDigitDifferent(left, right)).toBe(expected);
  });
});

describe("compareDatesOfBirth", () => {
  it("the same date is said in words", () => {
    expect(compareDatesOfBirth("1990-03-04", "1990-03-04")).toEqual({
      kind: "same",
      reason: "Same date of birth (4 March 1990)",
      evidence: ["newReferral.victim.dateOfBirth", "heldReferral.victim.dateOfBirth"],
    });
  });

  it("day and month swapped is a weaker sign", () => {
    expect(compareDatesOfBirth("1990-04-03", "1990-03-04")).toMatchObject({
      kind: "day-month-swapped",
      reason: "Dates of birth match with the day and month swapped, perhaps a slip (3 April 1990 / 4 March 1990)",
    });
  });

  it("one digit different is a weaker sign", () => {
    expect(compareDatesOfBirth("1991-03-04", "1990-03-04")).toMatchObject({
      kind: "one-digit-different",
      reason: "Dates of birth differ by one digit, perhaps a typing slip (4 March 1991 / 4 March 1990)",
    });
  });

  it("anything else is a different date", () => {
    expect(compareDatesOfBirth("1985-07-12", "1990-03-04")).toMatchObject({
      kind: "different",
      reason: "Different dates of birth (12 July 1985 / 4 March 1990)",
    });
  });

  it("a missing or unreadable date is unknown, never a match or a difference", () => {
    expect(compareDatesOfBirth(undefined, "1990-03-04")).toEqual({
      kind: "unknown",
      reason: "No date of birth on the new referral, so dates of birth could not be compared",
      evidence: [],
    });
    expect(compareDatesOfBirth("1990-03-04", "1990-02-31").kind).toBe("unknown");
    expect(compareDatesOfBirth(undefined, undefined).reason).toBe(
      "No date of birth on either referral, so dates of birth could not be compared",
    );
  });
});
