import { describe, expect, it } from "vitest";
import { QUALITY_ITEM_TITLES, type QualityItemId, type QualityItemResult } from "../quality-checklist";
import { qualityScoreOf } from "../quality-score";

const item = (id: QualityItemId, applies: boolean, met: boolean): QualityItemResult => ({
  id,
  title: QUALITY_ITEM_TITLES[id],
  applies,
  met: applies && met,
  explanation: "x",
  evidence: [],
});

describe("quality score", () => {
  it("is the share of applicable items met; items that do not apply are not counted", () => {
    const score = qualityScoreOf([
      item("safe-contact", true, true),
      item("language", true, false),
      item("s42-considered", false, false),
      item("timeline-reviewed", true, true),
    ]);
    expect(score).toEqual({ percent: 67, met: 2, applicable: 3, missed: ["language"] });
  });
  it("is 100 when all applicable items are met however many do not apply", () => {
    expect(qualityScoreOf([item("safe-contact", true, true), item("s42-considered", false, false)]).percent).toBe(100);
  });
  it("is null when nothing applies", () => {
    expect(qualityScoreOf([item("s42-considered", false, false)]).percent).toBeNull();
  });
});
