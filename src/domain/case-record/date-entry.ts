// Reading the GOV.UK three-box date (day, month, year) and the child's age box. Each reading
// returns what it found and, when it could not accept the entry, the message to show: the screen
// keeps the entry as typed either way, so a mistake is flagged rather than thrown away.
import { isValidIsoDate, type IsoDate } from "../dates";
import type { DateEntry } from "./case-details";

export type DateReading = { kind: "empty" } | { kind: "date"; date: IsoDate } | { kind: "invalid"; message: string };

const WHOLE_NUMBER = /^\d+$/;
const PART_NAMES = ["day", "month", "year"] as const;

/** The entry for an ISO date (no leading zeros on day and month, as people type them). */
export function dateEntryOf(date: IsoDate | undefined): DateEntry {
  if (date === undefined || !isValidIsoDate(date)) return { day: "", month: "", year: "" };
  return { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) };
}

/**
 * Reads a day/month/year entry. `label` starts each message ("Date of birth must include a year").
 * A date after `today` is refused: every date these forms ask for (dates of birth) is in the past.
 */
export function readDateEntry(entry: DateEntry, label: string, today: IsoDate): DateReading {
  const parts = { day: entry.day.trim(), month: entry.month.trim(), year: entry.year.trim() };
  const missing = PART_NAMES.filter((name) => parts[name] === "");
  if (missing.length === 3) return { kind: "empty" };
  if (missing.length > 0) return { kind: "invalid", message: `${label} must include a ${missing.join(" and a ")}` };
  if (!PART_NAMES.every((name) => WHOLE_NUMBER.test(parts[name]))) {
    return { kind: "invalid", message: `${label} must be a real date, in numbers, for example 27 3 1985` };
  }
  if (parts.year.length !== 4)
    return { kind: "invalid", message: `${label} must include a year with 4 numbers, for example 1985` };
  const date = `${parts.year}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
  if (parts.day.length > 2 || parts.month.length > 2 || !isValidIsoDate(date)) {
    return { kind: "invalid", message: `${label} must be a real date` };
  }
  if (date > today) return { kind: "invalid", message: `${label} must be in the past` };
  if (date < "1900-01-01") return { kind: "invalid", message: `${label} must be after 1900` };
  return { kind: "date", date };
}

export type AgeReading = { kind: "empty" } | { kind: "age"; years: number } | { kind: "invalid"; message: string };

/** A child's age in whole years, 0 to 17 (an 18-year-old is an adult dependant, recorded elsewhere). */
export function readChildAge(typed: string): AgeReading {
  const value = typed.trim();
  if (value === "") return { kind: "empty" };
  if (!WHOLE_NUMBER.test(value))
    return { kind: "invalid", message: "Age must be a whole number of years, for example 7" };
  const years = Number(value);
  if (years > 17) return { kind: "invalid", message: "Age must be 17 or under. Record adults under other dependants" };
  return { kind: "age", years };
}
