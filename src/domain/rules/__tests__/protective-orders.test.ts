// @vitest-environment node
import { describe, it, expect } from "vitest";
import { reviewByDate, reviewProtectiveOrders } from "../protective-orders";
import {
  ASSESSMENT_DATE,
  assessBuilt,
  buildCase,
  policyWith,
  warningCodes,
  withYes,
} from "../../__tests__/case-builder";

type Order = {
  type: "non-molestation" | "occupation" | "restraining" | "dvpo" | "bail-conditions" | "prohibited-steps" | "other";
  granted?: string;
  expires?: string;
};

const review = (orders: Order[], reviewDays = 28) =>
  reviewProtectiveOrders(buildCase({ context: { protectiveOrders: orders } }), ASSESSMENT_DATE, reviewDays);
const codes = (orders: Order[], reviewDays = 28) => review(orders, reviewDays).warnings.map((w) => w.code);

describe("orders in force", () => {
  it("an order without expiry is in force: order-does-not-lower-risk, not expiring", () => {
    const findings = review([{ type: "restraining", granted: "2023-01-01" }]);
    expect(findings.warnings.map((w) => w.code)).toEqual(["order-does-not-lower-risk"]);
    expect(findings.warnings[0]!.evidence).toEqual(["context.protectiveOrders[0]"]);
    expect(findings.earliestExpiry).toBeNull();
    expect(findings.triggeringOrders).toEqual([]);
  });

  it("an order expiring today is still in force, and expiring", () => {
    const findings = review([{ type: "dvpo", expires: ASSESSMENT_DATE }]);
    expect(findings.warnings.map((w) => w.code)).toEqual(["order-does-not-lower-risk", "order-expiring"]);
    expect(findings.earliestExpiry).toBe(ASSESSMENT_DATE);
  });

  it("an order expiring well after the review window is in force but not expiring", () => {
    expect(codes([{ type: "non-molestation", expires: "2025-01-01" }])).toEqual(["order-does-not-lower-risk"]);
  });

  it("no orders, no warnings", () => {
    expect(review([])).toEqual({ warnings: [], triggeringOrders: [], earliestExpiry: null });
  });
});

describe("orders expiring within reviewDays", () => {
  it("exactly 28 days ahead (2024-04-07) is within", () => {
    expect(codes([{ type: "non-molestation", expires: "2024-04-07" }])).toContain("order-expiring");
  });

  it("29 days ahead (2024-04-08) is not", () => {
    expect(codes([{ type: "non-molestation", expires: "2024-04-08" }])).not.toContain("order-expiring");
  });

  it("follows the policy's reviewDays", () => {
    expect(codes([{ type: "non-molestation", expires: "2024-03-17" }], 7)).toContain("order-expiring");
    expect(codes([{ type: "non-molestation", expires: "2024-03-18" }], 7)).not.toContain("order-expiring");
  });

  it("the earliest expiry among expiring orders is reported", () => {
    const findings = review([
      { type: "non-molestation", expires: "2024-04-01" },
      { type: "occupation" },
      { type: "dvpo", expires: "2024-03-20" },
    ]);
    expect(findings.earliestExpiry).toBe("2024-03-20");
    expect(findings.triggeringOrders).toEqual(["context.protectiveOrders[0]", "context.protectiveOrders[2]"]);
    expect(findings.warnings.find((w) => w.code === "order-expiring")?.evidence).toEqual([
      "context.protectiveOrders[0]",
      "context.protectiveOrders[2]",
    ]);
  });
});

describe("orders expired recently", () => {
  it("exactly 28 days ago (2024-02-11) is within: order-expired-recently, not in force", () => {
    expect(codes([{ type: "dvpo", expires: "2024-02-11" }])).toEqual(["order-expired-recently"]);
  });

  it("yesterday is expired recently", () => {
    expect(codes([{ type: "dvpo", expires: "2024-03-09" }])).toEqual(["order-expired-recently"]);
  });

  it("29 days ago (2024-02-10) gives no warning at all", () => {
    expect(codes([{ type: "dvpo", expires: "2024-02-10" }])).toEqual([]);
  });
});

describe("reviewBy", () => {
  it("is the assessment date + reviewDays by default", () => {
    expect(reviewByDate(ASSESSMENT_DATE, 28, null)).toBe("2024-04-07");
    expect(assessBuilt().reviewBy).toBe("2024-04-07");
  });

  it("moves to the earliest expiry of an order in force expiring sooner", () => {
    expect(reviewByDate(ASSESSMENT_DATE, 28, "2024-03-20")).toBe("2024-03-20");
    const outcome = assessBuilt({
      context: {
        protectiveOrders: [
          { type: "non-molestation", expires: "2024-04-01" },
          { type: "dvpo", expires: "2024-03-15" },
        ],
      },
    });
    expect(outcome.reviewBy).toBe("2024-03-15");
    expect(warningCodes(outcome)).toContain("order-expiring");
  });

  it("is not moved by an order that already expired", () => {
    expect(assessBuilt({ context: { protectiveOrders: [{ type: "dvpo", expires: "2024-03-01" }] } }).reviewBy).toBe(
      "2024-04-07",
    );
  });

  it("follows a custom reviewDays", () => {
    expect(assessBuilt({}, policyWith({ reviewDays: 7 })).reviewBy).toBe("2024-03-17");
  });

  it("uses the London date: an assessment at 2024-06-30T23:30:00Z is reviewed 28 days after 2024-07-01", () => {
    expect(assessBuilt({ assessedAt: "2024-06-30T23:30:00Z" }).reviewBy).toBe("2024-07-29");
  });
});

describe("orders never lower risk", () => {
  it("an order in force leaves a high level high", () => {
    const without = assessBuilt({ answers: withYes("dash.strangulation") });
    const withOrder = assessBuilt({
      answers: withYes("dash.strangulation"),
      context: { protectiveOrders: [{ type: "non-molestation" }] },
    });
    expect(withOrder.riskLevel).toBe(without.riskLevel);
    expect(withOrder.marac.refer).toBe(true);
    expect(warningCodes(withOrder)).toContain("order-does-not-lower-risk");
  });

  it("an order changes neither the score nor the floor", () => {
    const base = assessBuilt({ answers: withYes("dash.pregnancy", "dash.injury") });
    const withOrder = assessBuilt({
      answers: withYes("dash.pregnancy", "dash.injury"),
      context: { protectiveOrders: [{ type: "occupation", expires: "2024-12-01" }] },
    });
    expect([withOrder.score, withOrder.ruleFloor, withOrder.riskLevel]).toEqual([
      base.score,
      base.ruleFloor,
      base.riskLevel,
    ]);
  });
});
