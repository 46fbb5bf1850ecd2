// Calendar arithmetic for the rules. Every date rule works on Europe/London calendar dates, never
// the host machine's zone: an officer's tablet set to UTC must reach the same answer as a laptop
// in London. Dates are carried as "YYYY-MM-DD" strings, which also compare correctly as strings.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

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

export function isValidRfc3339(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  if (!isValidIsoDate(value.slice(0, 10))) return false;
  return !Number.isNaN(Date.parse(value));
}

/** The Europe/London calendar date of an instant: "the assessment date". */
export function londonDateOf(instant: string): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return londonFormatter.format(new Date(instant));
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
