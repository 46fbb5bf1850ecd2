// Dates of birth: the same date is a strong sign; a date one typing slip away (day and month the
// wrong way round, or one digit wrong) is a weaker one; anything else is a different date.
import { isValidIsoDate, type IsoDate } from "../dates";
import { longDate } from "../certainty/not-safe-summary";
import { notComparedReason } from "./marac-referral";

export type DateOfBirthAgreementKind = "same" | "day-month-swapped" | "one-digit-different" | "different" | "unknown";

export interface DateOfBirthAgreement {
  kind: DateOfBirthAgreementKind;
  reason: string;
  evidence: string[];
}

/** 12/03 written as 03/12: only possible when both day and month are 1–12 and they differ. */
export function isDayMonthSwap(left: IsoDate, right: IsoDate): boolean {
  const [year, month, day] = [left.slice(0, 4), left.slice(5, 7), left.slice(8, 10)];
  return month !== day && right === `${year}-${day}-${month}`;
}

/** One digit of the eight mistyped (1990 for 1980, 14 for 24): the only difference between the dates. */
export function isOneDigitDifferent(left: IsoDate, right: IsoDate): boolean {
  if (left.length !== right.length) return false;
  let differences = 0;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) differences++;
  return differences === 1;
}

const EVIDENCE = ["newReferral.victim.dateOfBirth", "heldReferral.victim.dateOfBirth"];

function known(date: IsoDate | undefined): date is IsoDate {
  return date !== undefined && isValidIsoDate(date);
}

export function compareDatesOfBirth(newDate: IsoDate | undefined, heldDate: IsoDate | undefined): DateOfBirthAgreement {
  if (!known(newDate) || !known(heldDate)) {
    const reason = notComparedReason(
      { one: "date of birth", many: "dates of birth" },
      !known(newDate),
      !known(heldDate),
    );
    return { kind: "unknown", reason, evidence: [] };
  }
  const both = `${longDate(newDate)} / ${longDate(heldDate)}`;
  if (newDate === heldDate)
    return { kind: "same", reason: `Same date of birth (${longDate(newDate)})`, evidence: EVIDENCE };
  if (isDayMonthSwap(newDate, heldDate)) {
    return {
      kind: "day-month-swapped",
      reason: `Dates of birth match with the day and month swapped, perhaps a slip (${both})`,
      evidence: EVIDENCE,
    };
  }
  if (isOneDigitDifferent(newDate, heldDate)) {
    return {
      kind: "one-digit-different",
      reason: `Dates of birth differ by one digit, perhaps a typing slip (${both})`,
      evidence: EVIDENCE,
    };
  }
  return { kind: "different", reason: `Different dates of birth (${both})`, evidence: EVIDENCE };
}
