// The referral-quality score: the share of applicable checklist items that are met. Items that do
// not apply are left out of both sides, so a case is never marked down for something irrelevant.
import type { QualityItemId, QualityItemResult } from "./quality-checklist";

export interface QualityScore {
  /** 0–100, rounded to a whole number; null when no item applies. */
  percent: number | null;
  met: number;
  applicable: number;
  missed: QualityItemId[];
}

export function qualityScoreOf(items: readonly QualityItemResult[]): QualityScore {
  const applicable = items.filter((item) => item.applies);
  const met = applicable.filter((item) => item.met).length;
  return {
    percent: applicable.length === 0 ? null : Math.round((met / applicable.length) * 100),
    met,
    applicable: applicable.length,
    missed: applicable.filter((item) => !item.met).map((item) => item.id),
  };
}
