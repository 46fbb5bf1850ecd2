// @vitest-environment node
import { describe, expect, it } from "vitest";
import { editDistance } from "../string-distance";

describe("editDistance", () => {
  it.each([
    ["jane", "jane", 0],
    ["jayne", "jane", 1], // one letter added
    ["smyth", "smith", 1], // one letter changed
    ["jnae", "jane", 1], // two neighbouring letters swapped count as one slip
    ["mohammed", "mohamed", 1],
    ["catherine", "kathryne", 3],
    ["", "ann", 3],
    ["ann", "", 3],
  ])("%s → %s is %i", (left, right, expected) => {
    expect(editDistance(left, right)).toBe(expected);
    expect(editDistance(right, left)).toBe(expected);
  });

  it("counts letters, not UTF-16 units (a name in Bengali script)", () => {
    expect(editDistance("সুমাইয়া", "সুমাইয়া")).toBe(0);
    expect(editDistance("𝒜nna", "anna")).toBe(1);
  });

  it("stops at the limit with limit + 1, and gives the true distance at or under it", () => {
    expect(editDistance("catherine", "kathryne", 2)).toBe(3);
    expect(editDistance("abcdefgh", "a", 2)).toBe(3);
    expect(editDistance("jayne", "jane", 1)).toBe(1);
  });

  it("without swaps, a swap of neighbouring letters is two edits", () => {
    expect(editDistance("jnae", "jane")).toBe(1);
    expect(editDistance("jnae", "jane", Number.POSITIVE_INFINITY, false)).toBe(2);
    expect(editDistance("smith", "smyht", 3, false)).toBe(3);
  });
});
