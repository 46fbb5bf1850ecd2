// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  candidatesAwaitingDecision,
  confirmedMatches,
  currentDecision,
  decideMatch,
  earlierDecisions,
  mergeDecisionHistories,
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

describe("mergeDecisionHistories (two coordinator devices' answers)", () => {
  const confirmedOnA = decided("held", "confirmed", "2026-12-07T10:00:00.000Z");
  const rejectedOnB = { ...decided("held", "rejected", "2026-12-07T10:05:00.000Z"), decidedBy: "Deputy coordinator" };

  it("keeps every answer once, oldest first, whichever device's history comes first", () => {
    const merged = mergeDecisionHistories([confirmedOnA], [rejectedOnB, { ...confirmedOnA }]);
    expect(merged).toEqual([confirmedOnA, rejectedOnB]);
    expect(mergeDecisionHistories([rejectedOnB], [confirmedOnA])).toEqual(merged);
  });

  it("the later answer counts on both devices, and the earlier stays in the history", () => {
    const onA = mergeDecisionHistories([confirmedOnA], [rejectedOnB]);
    const onB = mergeDecisionHistories([rejectedOnB], [confirmedOnA]);
    expect(currentDecision(onA, candidate("held"))).toEqual(rejectedOnB);
    expect(currentDecision(onB, candidate("held"))).toEqual(rejectedOnB);
    expect(earlierDecisions(onA, candidate("held"))).toEqual([confirmedOnA]);
  });

  it("two answers at the same moment settle on the same one on every device", () => {
    const at = "2026-12-07T10:00:00.000Z";
    const confirmed = decided("held", "confirmed", at);
    const rejected = { ...decided("held", "rejected", at), decidedBy: "Deputy coordinator" };
    const onA = currentDecision(mergeDecisionHistories([confirmed], [rejected]), candidate("held"));
    const onB = currentDecision(mergeDecisionHistories([rejected], [confirmed]), candidate("held"));
    expect(onA).toEqual(onB);
  });

  it("the same decision recorded with its fields in another order is still one", () => {
    const { verdict, ...rest } = confirmedOnA;
    const reordered = JSON.parse(JSON.stringify({ verdict, ...rest })) as MatchDecision;
    expect(Object.keys(reordered)[0]).toBe("verdict");
    expect(mergeDecisionHistories([confirmedOnA], [reordered])).toHaveLength(1);
  });
});
