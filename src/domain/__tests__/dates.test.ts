// @vitest-environment node
import { afterEach, describe, it, expect } from "vitest";
import {
  addDays,
  isInSupportedYears,
  isLondonDateInSupportedYears,
  isValidIsoDate,
  isValidRfc3339,
  isWithinDaysAfter,
  isWithinDaysBefore,
  isWithinMonthsBefore,
  londonDateOf,
  monthsBefore,
} from "../dates";

describe("monthsBefore: the same day N months earlier, clamped to the month's end", () => {
  it("keeps the day of the month when it exists", () => {
    expect(monthsBefore("2024-03-10", 12)).toBe("2023-03-10");
    expect(monthsBefore("2024-03-10", 6)).toBe("2023-09-10");
    expect(monthsBefore("2024-06-01", 12)).toBe("2023-06-01");
  });

  it("31 March − 1 month is 29 February in a leap year", () => {
    expect(monthsBefore("2024-03-31", 1)).toBe("2024-02-29");
  });

  it("31 March − 1 month is 28 February in a common year", () => {
    expect(monthsBefore("2023-03-31", 1)).toBe("2023-02-28");
  });

  it("29 February − 12 months is 28 February of the year before", () => {
    expect(monthsBefore("2024-02-29", 12)).toBe("2023-02-28");
  });

  it("crosses year boundaries", () => {
    expect(monthsBefore("2024-01-15", 1)).toBe("2023-12-15");
    expect(monthsBefore("2024-01-31", 2)).toBe("2023-11-30");
    expect(monthsBefore("2024-03-10", 0)).toBe("2024-03-10");
  });
});

describe("addDays", () => {
  it("moves across month and leap-day boundaries", () => {
    expect(addDays("2024-03-10", 28)).toBe("2024-04-07");
    expect(addDays("2024-03-10", -28)).toBe("2024-02-11");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
  });
});

describe("inclusive windows", () => {
  it("a date exactly N months before is within the window, one day earlier is not", () => {
    expect(isWithinMonthsBefore("2023-03-10", "2024-03-10", 12)).toBe(true);
    expect(isWithinMonthsBefore("2023-03-09", "2024-03-10", 12)).toBe(false);
  });

  it("the reference date itself is within, a later date is not", () => {
    expect(isWithinMonthsBefore("2024-03-10", "2024-03-10", 12)).toBe(true);
    expect(isWithinMonthsBefore("2024-03-11", "2024-03-10", 12)).toBe(false);
  });

  it("days before: exactly N days before is within, N + 1 is not", () => {
    expect(isWithinDaysBefore("2024-02-11", "2024-03-10", 28)).toBe(true);
    expect(isWithinDaysBefore("2024-02-10", "2024-03-10", 28)).toBe(false);
  });

  it("days after: the reference date and exactly N days after are within, N + 1 is not", () => {
    expect(isWithinDaysAfter("2024-03-10", "2024-03-10", 28)).toBe(true);
    expect(isWithinDaysAfter("2024-04-07", "2024-03-10", 28)).toBe(true);
    expect(isWithinDaysAfter("2024-04-08", "2024-03-10", 28)).toBe(false);
    expect(isWithinDaysAfter("2024-03-09", "2024-03-10", 28)).toBe(false);
  });
});

describe("londonDateOf: the Europe/London calendar date of an instant", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it("in British Summer Time, 23:30 UTC is already the next day in London", () => {
    expect(londonDateOf("2024-06-30T23:30:00Z")).toBe("2024-07-01");
  });

  it("in winter (GMT), 23:30 UTC is still the same day in London", () => {
    expect(londonDateOf("2024-01-31T23:30:00Z")).toBe("2024-01-31");
  });

  it("respects the offset written in the instant", () => {
    expect(londonDateOf("2024-03-11T02:00:00+05:00")).toBe("2024-03-10");
    expect(londonDateOf("2024-03-10T21:00:00Z")).toBe("2024-03-10");
  });

  it("gives the same date whatever the host machine's time zone", () => {
    for (const tz of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Tokyo", "Europe/London"]) {
      process.env.TZ = tz;
      expect(londonDateOf("2024-06-30T23:30:00Z"), tz).toBe("2024-07-01");
      expect(londonDateOf("2024-01-31T23:30:00Z"), tz).toBe("2024-01-31");
    }
  });
});

describe("date formats", () => {
  it("accepts real calendar dates only", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2023-02-29")).toBe(false);
    expect(isValidIsoDate("2024-13-01")).toBe(false);
    expect(isValidIsoDate("2024-3-1")).toBe(false);
  });

  it("an RFC 3339 date-time needs a zone", () => {
    expect(isValidRfc3339("2024-03-10T21:00:00Z")).toBe(true);
    expect(isValidRfc3339("2024-03-10T21:00:00+01:00")).toBe(true);
    expect(isValidRfc3339("2024-03-10T21:00:00")).toBe(false);
    expect(isValidRfc3339("2024-03-10")).toBe(false);
  });
});

describe("date ranges (case-format.md, Validation)", () => {
  it("refuses hour 24 and out-of-range minutes, seconds and zone offsets", () => {
    expect(isValidRfc3339("2024-03-10T24:00:00Z")).toBe(false);
    expect(isValidRfc3339("2024-03-10T23:60:00Z")).toBe(false);
    expect(isValidRfc3339("2024-03-10T23:59:60Z")).toBe(false);
    expect(isValidRfc3339("2024-03-10T23:00:00+24:00")).toBe(false);
    expect(isValidRfc3339("2024-03-10T23:00:00+01:60")).toBe(false);
    expect(isValidRfc3339("2024-03-10T23:59:59.999-23:59")).toBe(true);
    expect(isValidRfc3339("2024-03-10T00:00:00Z")).toBe(true);
  });

  it("dates fall in the years 1900–2999", () => {
    expect(isInSupportedYears("1900-01-01")).toBe(true);
    expect(isInSupportedYears("2999-12-31")).toBe(true);
    expect(isInSupportedYears("1899-12-31")).toBe(false);
    expect(isInSupportedYears("3000-01-01")).toBe(false);
    expect(isInSupportedYears("0999-06-01")).toBe(false);
  });

  it("assessedAt is judged by its London date, never a malformed one for years before 1000", () => {
    expect(isLondonDateInSupportedYears("1900-01-01T12:00:00Z")).toBe(true);
    expect(isLondonDateInSupportedYears("1899-12-31T23:30:00-01:00")).toBe(true); // London: 1900-01-01
    expect(isLondonDateInSupportedYears("1900-01-01T00:30:00+01:00")).toBe(false); // London: 1899-12-31
    expect(isLondonDateInSupportedYears("2999-12-31T23:30:00-05:00")).toBe(false); // London: 3000-01-01
    expect(isLondonDateInSupportedYears("0999-06-01T00:00:00Z")).toBe(false);
    expect(isLondonDateInSupportedYears("0000-01-01T00:00:00Z")).toBe(false);
    expect(isLondonDateInSupportedYears("9999-12-31T23:30:00-05:00")).toBe(false);
  });
});
