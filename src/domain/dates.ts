// Calendar arithmetic for the rules. Every date rule works on Europe/London calendar dates, never
// the host machine's zone: an officer's tablet set to UTC must reach the same answer as a laptop
// in London. Dates are carried as "YYYY-MM-DD" strings, which also compare correctly as strings.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Fixed-width fields, so the pattern is linear (no nested quantifiers). Hours 00–23 (24:00 is
// refused: Date.parse would silently roll it into the next day), minutes 00–59, seconds 00–59.
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The years every date in a case must fall in (case-format.md, "Validation"). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

const londonFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function isValidIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A "YYYY-MM-DD" date's year is within FIRST_YEAR–LAST_YEAR. Assumes the date's shape is valid. */
export function isInSupportedYears(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

export function isValidRfc3339(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  if (!isValidIsoDate(value.slice(0, 10))) return false;
  return !Number.isNaN(Date.parse(value));
}

/**
 * An RFC 3339 instant whose Europe/London date falls in FIRST_YEAR–LAST_YEAR. Assumes
 * isValidRfc3339. The written year is checked first: the London date is at most two days from
 * it, and the formatter below only gives "YYYY-MM-DD" for four-digit years.
 */
export function isLondonDateInSupportedYears(instant: string): boolean {
  const writtenYear = Number(instant.slice(0, 4));
  if (writtenYear < FIRST_YEAR - 1 || writtenYear > LAST_YEAR + 1) return false;
  return isInSupportedYears(londonDateOf(instant));
}

// Intl formatting is slow and one case asks for the same instant several times (validation, then
// every date rule), so the last answer is remembered: `assess --jsonl` on 10,000 cases spends
// noticeably less time here.
let lastInstant: string | undefined;
let lastLondonDate: IsoDate = "";

/** The Europe/London calendar date of an instant: "the assessment date". */
export function londonDateOf(instant: string): IsoDate {
  if (instant !== lastInstant) {
    // en-CA formats as YYYY-MM-DD.
    lastLondonDate = londonFormatter.format(new Date(instant));
    lastInstant = instant;
  }
  return lastLondonDate;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same day of the month N months earlier, clamped to that month's last day. */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = parts(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Inclusive window: `date` is on or after `months` months before `reference`, and not after it. */
export function isWithinMonthsBefore(date: IsoDate, reference: IsoDate, months: number): boolean {
  return date >= monthsBefore(reference, months) && date <= reference;
}

/** Inclusive window: `date` is on or after `days` days before `reference`, and not after it. */
export function isWithinDaysBefore(date: IsoDate, reference: IsoDate, days: number): boolean {
  return date >= addDays(reference, -days) && date <= reference;
}

/** Inclusive window: `date` is not before `reference` and on or before `days` days after it. */
export function isWithinDaysAfter(date: IsoDate, reference: IsoDate, days: number): boolean {
  return date >= reference && date <= addDays(reference, days);
}
