import { describe, expect, it } from "vitest";
import { dateEntryOf, readChildAge, readDateEntry } from "../date-entry";

const TODAY = "2026-11-23";
const entry = (day: string, month: string, year: string) => ({ day, month, year });

describe("readDateEntry", () => {
  it("reads a real past date, with or without leading zeros", () => {
    expect(readDateEntry(entry("5", "3", "1985"), "Date of birth", TODAY)).toEqual({
      kind: "date",
      date: "1985-03-05",
    });
    expect(readDateEntry(entry(" 05", "03 ", "1985"), "Date of birth", TODAY)).toEqual({
      kind: "date",
      date: "1985-03-05",
    });
    expect(readDateEntry(entry("29", "2", "2024"), "Date of birth", TODAY)).toEqual({
      kind: "date",
      date: "2024-02-29",
    });
  });

  it("treats three empty boxes as not recorded", () => {
    expect(readDateEntry(entry("", " ", ""), "Date of birth", TODAY)).toEqual({ kind: "empty" });
  });

  it("names what is missing", () => {
    expect(readDateEntry(entry("5", "", "1985"), "Date of birth", TODAY)).toEqual({
      kind: "invalid",
      message: "Date of birth must include a month",
    });
    expect(readDateEntry(entry("5", "", ""), "Date of birth", TODAY)).toEqual({
      kind: "invalid",
      message: "Date of birth must include a month and a year",
    });
  });

  it("refuses dates that do not exist, are not numbers, have a short year or are in the future", () => {
    expect(readDateEntry(entry("31", "2", "1985"), "Date of birth", TODAY)).toEqual({
      kind: "invalid",
      message: "Date of birth must be a real date",
    });
    expect(readDateEntry(entry("5", "March", "1985"), "Date of birth", TODAY).kind).toBe("invalid");
    expect(readDateEntry(entry("5", "3", "85"), "Date of birth", TODAY)).toEqual({
      kind: "invalid",
      message: "Date of birth must include a year with 4 numbers, for example 1985",
    });
    expect(readDateEntry(entry("24", "11", "2026"), "Date of birth", TODAY)).toEqual({
      kind: "invalid",
      message: "Date of birth must be in the past",
    });
    expect(readDateEntry(entry("23", "11", "2026"), "Date of birth", TODAY)).toEqual({
      kind: "date",
      date: "2026-11-23",
    });
    expect(readDateEntry(entry("1", "1", "1899"), "Date of birth", TODAY).kind).toBe("invalid");
  });
});

describe("dateEntryOf", () => {
  it("splits an ISO date the way people type it, and nothing for no date", () => {
    expect(dateEntryOf("1985-03-05")).toEqual(entry("5", "3", "1985"));
    expect(dateEntryOf(undefined)).toEqual(entry("", "", ""));
    expect(dateEntryOf("1985-02-31")).toEqual(entry("", "", ""));
  });
});

describe("readChildAge", () => {
  it("reads whole years 0 to 17", () => {
    expect(readChildAge(" 0 ")).toEqual({ kind: "age", years: 0 });
    expect(readChildAge("17")).toEqual({ kind: "age", years: 17 });
    expect(readChildAge("")).toEqual({ kind: "empty" });
  });

  it("flags anything else", () => {
    expect(readChildAge("18").kind).toBe("invalid");
    expect(readChildAge("4.5").kind).toBe("invalid");
    expect(readChildAge("four").kind).toBe("invalid");
  });
});
