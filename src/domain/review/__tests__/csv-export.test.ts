import { describe, expect, it } from "vitest";
import { csvCell, escapeFormula, quoteCsvField, REVIEW_CSV_HEADER, reviewListCsv, toCsv } from "../csv-export";

describe("formula escaping", () => {
  it.each(["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])("makes %j inert", (cell) => {
    expect(escapeFormula(cell)).toBe(`'${cell}`);
  });
  it("leaves ordinary text alone", () => {
    expect(escapeFormula("high")).toBe("high");
    expect(escapeFormula("a=b")).toBe("a=b");
  });
});

describe("RFC 4180 quoting", () => {
  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField("a,b")).toBe('"a,b"');
    expect(quoteCsvField("a\nb")).toBe('"a\nb"');
    expect(quoteCsvField("plain")).toBe("plain");
  });
  it("escapes before quoting, and writes CRLF rows", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(
      toCsv([
        ["a", 1, null],
        ["b", undefined, "c"],
      ]),
    ).toBe("a,1,\r\nb,,c\r\n");
  });
});

describe("the review list CSV", () => {
  it("has the clear columns only, one row per case, with formula-like labels made inert", () => {
    const text = reviewListCsv(
      [
        {
          id: "abcdef12-3456",
          status: "open",
          createdAt: "2025-03-01T09:00:00.000Z",
          updatedAt: "2025-03-01T09:00:00.000Z",
          riskLevel: "high",
          brag: "red",
          flags: ["marac-required"],
          qualityScore: 78,
          latestAssessedAt: "2025-03-01T10:00:00.000Z",
          author: "=cmd|' /C calc'!A0",
          agency: "Police, North",
          referralsSent: { marac: { sentAt: "2025-03-02T10:00:00.000Z", assessedAt: "2025-03-01T10:00:00.000Z" } },
        },
      ],
      "2025-03-10",
    );
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(REVIEW_CSV_HEADER.join(","));
    expect(lines[1]).toContain("ABCDEF12,open,,high,High — certainty not recorded: open the case to check it,red,78,,");
    expect(lines[1]).toContain(`'=cmd|' /C calc'!A0,"Police, North"`);
    expect(lines[1]).toMatch(/,24\.0$/);
    expect(lines).toHaveLength(3);
  });

  it("gives each level its certainty and why, from the level codes, and says when none was assessed", () => {
    const base = {
      status: "open",
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:00:00.000Z",
      brag: null,
      qualityScore: null,
      latestAssessedAt: null,
    };
    const lines = reviewListCsv(
      [
        {
          ...base,
          id: "aaaaaaaa-1",
          riskLevel: "standard",
          flags: ["level:basis:score", "level:provisional", "level:not-known:3"],
        },
        {
          ...base,
          id: "bbbbbbbb-2",
          riskLevel: "high",
          flags: ["level:basis:rule-floor", "level:floor:strangulation", "level:complete"],
        },
        { ...base, id: "cccccccc-3", riskLevel: null, flags: [] },
      ],
      "2025-03-10",
    ).split("\r\n");
    const certaintyColumn = REVIEW_CSV_HEADER.indexOf("Risk level certainty");
    expect(certaintyColumn).toBe(REVIEW_CSV_HEADER.indexOf("Risk level") + 1);
    expect(lines[1]!.split(",")[certaintyColumn]).toBe("Standard — from the score; provisional: 3 not known");
    expect(lines[2]!.split(",")[certaintyColumn]).toBe("High — rule floor: strangulation");
    expect(lines[3]!.split(",")[certaintyColumn]).toBe("Not assessed yet");
  });

  it("gives a not-safe draft's level from what was observed, and an overdue return among the needs-action codes", () => {
    const draft = {
      id: "dddddddd-4",
      status: "open",
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:00:00.000Z",
      riskLevel: null,
      brag: null,
      flags: [
        "not-safe:risk:high",
        "not-safe:level:basis:rule-floor",
        "not-safe:level:floor:strangulation",
        "not-safe:level:observed",
        "not-safe:level:provisional",
        "not-safe:return-by:2025-03-05",
      ],
      qualityScore: null,
      latestAssessedAt: null,
    };
    const line = reviewListCsv([draft], "2025-03-10").split("\r\n")[1]!;
    // Quoted: the sentence holds a comma.
    expect(line).toContain(
      ',high,"High — observed, not asked; rule floor: strangulation; provisional; assessment not finished",',
    );
    expect(line).toContain(",high-risk-marac-not-sent return-overdue,");
    const onTime = reviewListCsv([draft], "2025-03-05").split("\r\n")[1]!;
    expect(onTime).toContain(",high-risk-marac-not-sent,");
    expect(onTime).not.toContain("return-overdue");
  });
});
