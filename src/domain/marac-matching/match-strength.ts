// How sure the match is, from the three comparisons. A name alone is never strong (many people
// share one), and a date of birth alone is never anything (about 1 in 20,000 adults share each).
// Together they are: the combination the SafeLives form itself uses to identify a victim. A
// postcode only strengthens, it never rules out: victims move, and a move is when a repeat is lost.
import type { DateOfBirthAgreement } from "./date-of-birth-matching";
import type { NameAgreement } from "./name-matching";
import type { PostcodeAgreement } from "./postcode-matching";

export type MatchStrength = "strong" | "possible";

export interface StrengthDecision {
  /** null: not a match at all, nothing to show the coordinator. */
  strength: MatchStrength | null;
  /** Which rule decided, in plain English. */
  rule: string;
}

export interface IdentityComparison {
  name: NameAgreement;
  dateOfBirth: DateOfBirthAgreement;
  postcode: PostcodeAgreement;
}

const isSlip = (dateOfBirth: DateOfBirthAgreement) =>
  dateOfBirth.kind === "day-month-swapped" || dateOfBirth.kind === "one-digit-different";

/**
 * The rules, strongest first:
 * - strong: names agree (same or close) and the same date of birth;
 * - strong: the same name, a date of birth one slip away, and the same full postcode;
 * - possible: names agree and a date of birth one slip away;
 * - possible: the same name and no date of birth to compare;
 * - possible: close names, no date of birth to compare, and the same postcode or district;
 * - possible: names agree, different dates of birth, but the same full postcode;
 * - possible: part of the names agree (a changed surname), the same date of birth, and the same postcode or district;
 * - possible: no name to compare, the same date of birth and the same full postcode;
 * - otherwise no match.
 */
export function matchStrength({ name, dateOfBirth, postcode }: IdentityComparison): StrengthDecision {
  const namesAgree = name.kind === "same" || name.kind === "close";
  const samePostcode = postcode.kind === "same";
  const postcodeAgrees = samePostcode || postcode.kind === "same-district";
  if (namesAgree && dateOfBirth.kind === "same") {
    return { strength: "strong", rule: "The names agree and the date of birth is the same." };
  }
  if (name.kind === "same" && isSlip(dateOfBirth) && samePostcode) {
    return {
      strength: "strong",
      rule: "The same name at the same postcode, with a date of birth one typing slip away.",
    };
  }
  if (namesAgree && isSlip(dateOfBirth)) {
    return { strength: "possible", rule: "The names agree and the dates of birth are one typing slip apart." };
  }
  if (name.kind === "same" && dateOfBirth.kind === "unknown") {
    return { strength: "possible", rule: "The same name, with no date of birth to compare." };
  }
  if (name.kind === "close" && dateOfBirth.kind === "unknown" && postcodeAgrees) {
    return { strength: "possible", rule: "Close names in the same area, with no date of birth to compare." };
  }
  if (namesAgree && dateOfBirth.kind === "different" && samePostcode) {
    return {
      strength: "possible",
      rule: "The names agree at the same postcode, but the dates of birth differ: check whether one was recorded wrongly or this is someone else in the household.",
    };
  }
  if (name.kind === "partial" && dateOfBirth.kind === "same" && postcodeAgrees) {
    return {
      strength: "possible",
      rule: "Part of the names, the date of birth and the area agree: check for a changed or missing name.",
    };
  }
  if (name.kind === "unknown" && dateOfBirth.kind === "same" && samePostcode) {
    return { strength: "possible", rule: "The same date of birth at the same postcode, with no name to compare." };
  }
  return { strength: null, rule: "Not enough agrees to suggest the same person." };
}
