// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  candidatesAwaitingDecision,
  confirmedMatches,
  currentDecision,
  decideMatch,
  type MatchDecision,
} from "../match-decision";
import type { MatchCandidate } from "../match-referral";

const candidate = (heldReferralId: string): MatchCandidate => ({
  newReferralId: "new",
  heldReferralId,
  strength: "strong",
  classification: "repeat",
  reasons: [],
  differences: [],
  strengthRule: "",
  classificationReason: "",
  evidence: [],
});

const decided = (heldReferralId: string, verdict: MatchDecision["verdict"], decidedAt: string): MatchDecision => {
  const result = decideMatch(candidate(heldReferralId), verdict, "MARAC coordinator", decidedAt);
  if (!result.ok) throw new Error(result.problem);
  return result.decision;
};

describe("decideMatch", () => {
  it("records the verdict, who and when, and a trimmed note", () => {
    expect(
      decideMatch(candidate("a"), "rejected", "  Sam Coordinator ", "2025-06-10T09:00:00Z", " different person "),
    ).toEqual({
      ok: true,
      decision: {
        newReferralId: "new",
        heldReferralId: "a",
        verdict: "rejected",
        decidedBy: "Sam Coordinator",
        decidedAt: "2025-06-10T09:00:00Z",
        note: "different person",
      },
    });
  });

  it("leaves out an empty note", () => {
    const result = decideMatch(candidate("a"), "confirmed", "Sam", "2025-06-10T09:00:00Z", "  ");
    expect(result.ok && "note" in result.decision).toBe(false);
  });

  it("refuses a decision without who or a valid time", () => {
    expect(decideMatch(candidate("a"), "confirmed", " ", "2025-06-10T09:00:00Z")).toEqual({
      ok: false,
      problem: "Say who made the decision",
    });
    expect(decideMatch(candidate("a"), "confirmed", "Sam", "10/06/2025")).toEqual({
      ok: false,
      problem: "The time of the decision is not a valid date and time",
    });
  });
});

describe("currentDecision", () => {
  it("the latest decision for the pair counts, whatever order they were stored in", () => {
    const rejected = decided("a", "rejected", "2025-06-10T09:00:00Z");
    const confirmed = decided("a", "confirmed", "2025-06-10T10:00:00+01:00"); // same instant as 09:00Z
    const later = decided("a", "confirmed", "2025-06-11T08:00:00Z");
    expect(currentDecision([later, rejected], candidate("a"))).toBe(later);
    // A tie in time: the one recorded last counts.
    expect(currentDecision([rejected, confirmed], candidate("a"))).toBe(confirmed);
  });

  it("decisions about other pairs do not count", () => {
    expect(currentDecision([decided("b", "confirmed", "2025-06-10T09:00:00Z")], candidate("a"))).toBeNull();
  });
});

describe("candidatesAwaitingDecision and confirmedMatches", () => {
  it("nothing merges on its own: undecided candidates wait, only confirmed ones count", () => {
    const candidates = [candidate("a"), candidate("b"), candidate("c")];
    const decisions = [
      decided("a", "confirmed", "2025-06-10T09:00:00Z"),
      decided("b", "confirmed", "2025-06-10T09:00:00Z"),
      decided("b", "rejected", "2025-06-10T09:05:00Z"),
    ];
    expect(candidatesAwaitingDecision(candidates, decisions).map((c) => c.heldReferralId)).toEqual(["c"]);
    expect(confirmedMatches(candidates, decisions).map((c) => c.heldReferralId)).toEqual(["a"]);
    expect(confirmedMatches(candidates, [])).toEqual([]);
  });
});
