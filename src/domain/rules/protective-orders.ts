import type { CaseFile } from "../case-file";
import { addDays, isWithinDaysAfter, isWithinDaysBefore } from "../dates";
import type { Warning } from "../outcome";

// A protective order never lowers risk: a review found an order treated as making the victim
// safe, and the killing came soon after it lapsed. An order about to expire brings the review
// forward; one that has just expired is a trigger point.

export interface ProtectiveOrderFindings {
  warnings: Warning[];
  /** Evidence paths of orders expiring soon or expired recently (timeline stage 4 triggers). */
  triggeringOrders: string[];
  /** Earliest expiry of an order in force expiring within the review window, if any. */
  earliestExpiry: string | null;
}

export function reviewProtectiveOrders(
  caseFile: CaseFile,
  assessmentDate: string,
  reviewDays: number,
): ProtectiveOrderFindings {
  const warnings: Warning[] = [];
  const triggeringOrders: string[] = [];
  const inForce: string[] = [];
  const expiring: string[] = [];
  const expiredRecently: string[] = [];
  let earliestExpiry: string | null = null;
  for (const [index, order] of (caseFile.context?.protectiveOrders ?? []).entries()) {
    const path = `context.protectiveOrders[${index}]`;
    const isInForce = order.expires === undefined || order.expires >= assessmentDate;
    if (isInForce) {
      inForce.push(path);
      if (order.expires !== undefined && isWithinDaysAfter(order.expires, assessmentDate, reviewDays)) {
        expiring.push(path);
        triggeringOrders.push(path);
        if (earliestExpiry === null || order.expires < earliestExpiry) earliestExpiry = order.expires;
      }
    } else if (order.expires !== undefined && isWithinDaysBefore(order.expires, assessmentDate, reviewDays)) {
      expiredRecently.push(path);
      triggeringOrders.push(path);
    }
  }
  if (inForce.length) {
    warnings.push({
      code: "order-does-not-lower-risk",
      message:
        "A protective order is in force. An order does not make the victim safer by itself and never lowers the risk level; breaches are common.",
      evidence: inForce,
    });
  }
  if (expiring.length) {
    warnings.push({
      code: "order-expiring",
      message: `A protective order expires within ${reviewDays} days (by ${earliestExpiry}). The end of an order is a danger point: review before it lapses and plan for safety after it.`,
      evidence: expiring,
    });
  }
  if (expiredRecently.length) {
    warnings.push({
      code: "order-expired-recently",
      message: `A protective order expired in the last ${reviewDays} days. The period after an order ends is a danger point: review safety plans now.`,
      evidence: expiredRecently,
    });
  }
  return { warnings, triggeringOrders, earliestExpiry };
}

/** assessedAt + reviewDays, or sooner if an order in force expires first. */
export function reviewByDate(assessmentDate: string, reviewDays: number, earliestExpiry: string | null): string {
  const standard = addDays(assessmentDate, reviewDays);
  return earliestExpiry !== null && earliestExpiry < standard ? earliestExpiry : standard;
}
