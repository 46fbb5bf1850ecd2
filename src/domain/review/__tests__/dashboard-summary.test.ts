import { describe, expect, it } from "vitest";
import {
  distinctLabels,
  londonToday,
  matchesFilter,
  mostMissedQualityItems,
  needsActionLabel,
  riskKeyOf,
  reviewStateOf,
  needsActionReasons,
  riskLevelsOverTime,
  sortCases,
  summariseDashboard,
  timeToReferralStats,
  type ReviewCaseRow,
} from "../dashboard-summary";

const NOW = new Date("2025-03-10T12:00:00.000Z");
/** NOW's Europe/London date. */
const TODAY = "2025-03-10";
let sequence = 0;
function row(overrides: Partial<ReviewCaseRow> = {}): ReviewCaseRow {
  sequence += 1;
  return {
    id: `case-${sequence}`,
    status: "open",
    createdAt: "2025-03-01T09:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
    riskLevel: "standard",
    brag: "green",
    flags: [],
    qualityScore: null,
    latestAssessedAt: "2025-03-01T10:00:00.000Z",
    ...overrides,
  };
}
const sent = (assessedAt: string, hoursLater: number) => ({
  sentAt: new Date(Date.parse(assessedAt) + hoursLater * 3_600_000).toISOString(),
  assessedAt,
});

describe("cases needing action now", () => {
  it("lists high risk without a sent MARAC referral, and stops once it is sent", () => {
    expect(needsActionReasons(row({ riskLevel: "high" }), TODAY)).toEqual(["high-risk-marac-not-sent"]);
    expect(needsActionReasons(row({ riskLevel: "high", flags: ["marac-sent"] }), TODAY)).toEqual([]);
    expect(
      needsActionReasons(
        row({ riskLevel: "high", referralsSent: { marac: sent("2025-03-01T10:00:00.000Z", 2) } }),
        TODAY,
      ),
    ).toEqual([]);
  });
  it("lists s42 'refer' without a sent referral, provisional, pending checks and repeat MARAC", () => {
    expect(needsActionReasons(row({ flags: ["s42-refer"] }), TODAY)).toEqual(["s42-not-sent"]);
    expect(needsActionReasons(row({ flags: ["s42-refer", "s42-sent"] }), TODAY)).toEqual([]);
    expect(needsActionReasons(row({ flags: ["provisional", "checks-pending"] }), TODAY)).toEqual([
      "provisional",
      "checks-pending",
    ]);
    expect(needsActionReasons(row({ riskLevel: "medium", flags: ["repeat-marac", "marac-required"] }), TODAY)).toEqual([
      "high-risk-marac-not-sent",
      "repeat-marac-not-sent",
    ]);
  });
  it("never lists a closed case or a standard case with nothing outstanding", () => {
    expect(needsActionReasons(row({ riskLevel: "high", status: "closed" }), TODAY)).toEqual([]);
    expect(needsActionReasons(row(), TODAY)).toEqual([]);
  });
});

describe("time from assessment to referral", () => {
  it("measures each sent referral against the target and counts those still waiting past it", () => {
    const assessedAt = "2025-03-01T10:00:00.000Z";
    const stats = timeToReferralStats(
      [
        row({ referralsSent: { marac: sent(assessedAt, 4) } }),
        row({ referralsSent: { marac: sent(assessedAt, 30) } }),
        row({ referralsSent: { marac: sent(assessedAt, 100) } }),
        row({ riskLevel: "high", latestAssessedAt: "2025-03-01T10:00:00.000Z" }),
        row({ riskLevel: "high", latestAssessedAt: "2025-03-10T10:00:00.000Z" }),
      ],
      { targetHours: 48, now: NOW },
    );
    expect(stats).toMatchObject({
      hours: [4, 30, 100],
      medianHours: 30,
      withinTarget: 2,
      overTarget: 1,
      waitingPastTarget: 1,
    });
    expect(stats.buckets.map((bucket) => bucket.count)).toEqual([1, 1, 0, 1, 0]);
  });
  it("uses a configurable target", () => {
    const stats = timeToReferralStats([row({ referralsSent: { marac: sent("2025-03-01T10:00:00.000Z", 30) } })], {
      targetHours: 24,
      now: NOW,
    });
    expect(stats).toMatchObject({ withinTarget: 0, overTarget: 1, targetHours: 24 });
  });
  it("has no median with no referrals, and counts a referral sent before completion as immediate", () => {
    expect(timeToReferralStats([], { targetHours: 48, now: NOW }).medianHours).toBeNull();
    expect(
      timeToReferralStats([row({ referralsSent: { marac: sent("2025-03-01T10:00:00.000Z", -2) } })], {
        targetHours: 48,
        now: NOW,
      }).hours,
    ).toEqual([0]);
  });
});

describe("dashboard summary", () => {
  it("counts by risk and BRAG, averages quality and orders needs-action by urgency", () => {
    const rows = [
      row({ riskLevel: "high", brag: "red", qualityScore: 50 }),
      row({ riskLevel: "medium", brag: "amber", flags: ["provisional"], qualityScore: 100 }),
      row({ riskLevel: null, brag: null, latestAssessedAt: null }),
    ];
    const summary = summariseDashboard(rows, { now: NOW });
    expect(summary.byRisk).toEqual({ high: 1, medium: 1, standard: 0, none: 1 });
    expect(summary.byBrag).toEqual({ red: 1, amber: 1, green: 0, blue: 0, none: 1 });
    expect(summary.averageQuality).toBe(75);
    expect(summary.needsAction.map((entry) => entry.reasons[0])).toEqual(["high-risk-marac-not-sent", "provisional"]);
    expect(summary.timeToReferral.targetHours).toBe(48);
  });
  it("groups risk levels by month of the latest assessment", () => {
    expect(
      riskLevelsOverTime([
        row({ riskLevel: "high", latestAssessedAt: "2025-02-03T10:00:00.000Z" }),
        row({ riskLevel: "high", latestAssessedAt: "2025-01-03T10:00:00.000Z" }),
        row({ riskLevel: "standard", latestAssessedAt: "2025-02-13T10:00:00.000Z" }),
        row({ riskLevel: "high", latestAssessedAt: null }),
      ]),
    ).toEqual([
      { month: "2025-01", high: 1, medium: 0, standard: 0 },
      { month: "2025-02", high: 1, medium: 0, standard: 1 },
    ]);
  });
  it("counts the most-missed quality items from the clear flags, ignoring unknown codes", () => {
    expect(
      mostMissedQualityItems([
        row({ flags: ["quality-missed:language", "quality-missed:safe-contact"] }),
        row({ flags: ["quality-missed:safe-contact", "quality-missed:made-up"] }),
      ]),
    ).toEqual([
      { id: "safe-contact", count: 2 },
      { id: "language", count: 1 },
    ]);
  });
});

describe("filters and sort", () => {
  const high = row({ riskLevel: "high", author: "Sam", agency: "Police", createdAt: "2025-03-09T09:00:00.000Z" });
  const old = row({
    riskLevel: "standard",
    author: "Ali",
    agency: "IDVA",
    createdAt: "2025-01-01T09:00:00.000Z",
    qualityScore: 40,
    reviewStatus: "returned-for-improvement",
  });
  const closed = row({ status: "closed", createdAt: "2025-02-20T09:00:00.000Z", qualityScore: 90 });
  const rows = [old, high, closed];

  it("filters by risk, status (including returned), age, practitioner, agency and needs-action", () => {
    const ids = (filter: Parameters<typeof matchesFilter>[1]) =>
      rows.filter((r) => matchesFilter(r, filter, NOW)).map((r) => r.id);
    expect(ids({ risk: "high" })).toEqual([high.id]);
    expect(ids({ status: "closed" })).toEqual([closed.id]);
    expect(ids({ status: "returned-for-improvement" })).toEqual([old.id]);
    expect(ids({ age: "under-7-days" })).toEqual([high.id]);
    expect(ids({ age: "7-to-30-days" })).toEqual([closed.id]);
    expect(ids({ age: "over-30-days" })).toEqual([old.id]);
    expect(ids({ author: "Ali" })).toEqual([old.id]);
    expect(ids({ agency: "Police" })).toEqual([high.id]);
    expect(ids({ needsActionOnly: true })).toEqual([high.id]);
    expect(ids({})).toEqual(rows.map((r) => r.id));
  });
  it("sorts by risk, age and lowest quality", () => {
    expect(sortCases(rows, "risk", TODAY)[0]!.id).toBe(high.id);
    expect(sortCases(rows, "oldest", TODAY).map((r) => r.id)).toEqual([old.id, closed.id, high.id]);
    expect(sortCases(rows, "quality-lowest", TODAY).map((r) => r.id)).toEqual([old.id, closed.id, high.id]);
    expect(sortCases(rows, "needs-action", TODAY)[0]!.id).toBe(high.id);
  });
  it("sorts every way exactly as comparing each pair afresh would (many rows, ties included)", () => {
    const riskOrder = { high: 0, medium: 1, standard: 2, none: 3 } as const;
    const riskOf = (r: ReviewCaseRow) => (r.riskLevel ?? "none") as keyof typeof riskOrder;
    const last = (a: ReviewCaseRow, b: ReviewCaseRow) =>
      (b.latestAssessedAt ?? "").localeCompare(a.latestAssessedAt ?? "");
    const reference: Record<Parameters<typeof sortCases>[1], (a: ReviewCaseRow, b: ReviewCaseRow) => number> = {
      "needs-action": (a, b) =>
        needsActionReasons(b, TODAY).length - needsActionReasons(a, TODAY).length ||
        riskOrder[riskOf(a)] - riskOrder[riskOf(b)] ||
        last(a, b),
      risk: (a, b) => riskOrder[riskOf(a)] - riskOrder[riskOf(b)] || last(a, b),
      "last-assessed": last,
      oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
      "quality-lowest": (a, b) => (a.qualityScore ?? 101) - (b.qualityScore ?? 101) || last(a, b),
    };
    const many = Array.from({ length: 300 }, (_, i) =>
      row({
        riskLevel: [null, "standard", "medium", "high"][i % 4] ?? null,
        flags: i % 5 === 0 ? ["marac-sent"] : [],
        qualityScore: i % 7 === 0 ? null : (i * 37) % 100,
        createdAt: new Date(Date.UTC(2025, 0, 1 + (i % 40), i % 24)).toISOString(),
        latestAssessedAt: i % 9 === 0 ? null : new Date(Date.UTC(2025, 1, 1 + (i % 25), (i * 7) % 24)).toISOString(),
      }),
    );
    for (const key of Object.keys(reference) as (keyof typeof reference)[]) {
      expect(sortCases(many, key, TODAY).map((r) => r.id)).toEqual([...many].sort(reference[key]).map((r) => r.id));
    }
  });
  it("lists each practitioner and agency once, sorted", () => {
    expect(distinctLabels([...rows, high], "author")).toEqual(["Ali", "Sam"]);
  });
});

describe("review state", () => {
  it("shows a returned case changed since the review as resubmitted", () => {
    const reviewedAt = "2025-03-05T09:00:00.000Z";
    expect(
      reviewStateOf(
        row({ reviewStatus: "returned-for-improvement", reviewedAt, updatedAt: "2025-03-04T09:00:00.000Z" }),
      ),
    ).toBe("returned-for-improvement");
    expect(
      reviewStateOf(
        row({ reviewStatus: "returned-for-improvement", reviewedAt, updatedAt: "2025-03-06T09:00:00.000Z" }),
      ),
    ).toBe("resubmitted");
    expect(reviewStateOf(row({ reviewStatus: "reviewed", reviewedAt }))).toBe("reviewed");
    expect(reviewStateOf(row())).toBeNull();
    const resubmitted = row({
      reviewStatus: "returned-for-improvement",
      reviewedAt,
      updatedAt: "2025-03-06T09:00:00.000Z",
    });
    expect(matchesFilter(resubmitted, { status: "resubmitted" }, NOW)).toBe(true);
    expect(matchesFilter(resubmitted, { status: "returned-for-improvement" }, NOW)).toBe(false);
  });
});

describe("a 'not safe to ask' assessment still open", () => {
  const observedHigh = [
    "not-safe:risk:high",
    "not-safe:level:basis:rule-floor",
    "not-safe:level:floor:strangulation",
    "not-safe:level:observed",
    "not-safe:level:provisional",
  ];
  const draft = (returnBy: string, overrides: Partial<ReviewCaseRow> = {}) =>
    row({
      riskLevel: null,
      latestAssessedAt: null,
      flags: [...observedHigh, `not-safe:return-by:${returnBy}`],
      ...overrides,
    });

  it("needs action once the date to come back by has passed (London dates), not before", () => {
    expect(needsActionReasons(draft("2025-03-09"), TODAY)).toContain("return-overdue");
    expect(needsActionReasons(draft("2025-03-10"), TODAY)).not.toContain("return-overdue");
    expect(needsActionReasons(draft("2025-03-09", { status: "closed" }), TODAY)).toEqual([]);
    // Past midnight in London on 31 March (BST) is still 30 March in UTC.
    expect(londonToday(new Date("2025-03-30T23:30:00.000Z"))).toBe("2025-03-31");
    expect(londonToday(NOW)).toBe(TODAY);
  });

  it("is counted at the level observed, and High from what was observed needs its MARAC referral", () => {
    const waiting = draft("2025-03-20");
    expect(riskKeyOf(waiting)).toBe("high");
    expect(needsActionReasons(waiting, TODAY)).toEqual(["high-risk-marac-not-sent"]);
    const summary = summariseDashboard([waiting], { now: NOW });
    expect(summary.byRisk).toEqual({ high: 1, medium: 0, standard: 0, none: 0 });
    expect(summary.needsAction).toHaveLength(1);
  });

  it("an overdue return alone puts a case under needs action, with the date in the reason's words", () => {
    const standard = row({ flags: ["not-safe:level:not-assessed", "not-safe:return-by:2025-03-01"] });
    const summary = summariseDashboard([standard, row()], { now: NOW });
    expect(summary.needsAction.map((entry) => entry.reasons)).toEqual([["return-overdue"]]);
    expect(needsActionLabel("return-overdue", standard)).toBe(
      "Not safe to ask: the date to come back by (1 March 2025) has passed",
    );
    expect(needsActionLabel("provisional", standard)).toBe("Assessment is provisional");
    expect(matchesFilter(standard, { needsActionOnly: true }, NOW)).toBe(true);
  });

  it("sorts at its level and urgency, and leaves risk over time to completed assessments", () => {
    const observed = draft("2025-03-01", { riskLevel: "standard", latestAssessedAt: "2025-02-03T10:00:00.000Z" });
    const medium = row({ riskLevel: "medium" });
    expect(sortCases([medium, observed], "risk", TODAY)[0]).toBe(observed);
    expect(sortCases([medium, observed], "needs-action", TODAY)[0]).toBe(observed);
    expect(riskLevelsOverTime([observed])).toEqual([{ month: "2025-02", high: 0, medium: 0, standard: 1 }]);
  });
});
