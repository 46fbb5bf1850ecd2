import { describe, expect, it } from "vitest";
import type { MatchCandidate } from "../../../domain/marac-matching/match-referral";
import type { InboxMatch } from "../../../storage/sync/marac-records-api";
import { referralFlags } from "../inbox-words";

const candidate = (classification: MatchCandidate["classification"]) =>
  ({ classification, newReferralId: "new", heldReferralId: "held" }) as MatchCandidate;
const match = (
  classification: MatchCandidate["classification"],
  verdict: "confirmed" | "rejected" | null,
): InboxMatch => ({
  otherReferralId: "held",
  candidate: candidate(classification),
  decision:
    verdict === null
      ? null
      : { newReferralId: "new", heldReferralId: "held", verdict, decidedBy: "Sam", decidedAt: "2026-12-07T09:00:00Z" },
  earlierDecisions: [],
});

describe("referralFlags", () => {
  it("flags a possible match until answered; only a confirmed match makes a repeat or a duplicate", () => {
    expect(referralFlags({ matches: [] })).toEqual([]);
    expect(referralFlags({ matches: [match("repeat", null)] })).toEqual(["possible"]);
    expect(referralFlags({ matches: [match("repeat", "confirmed")] })).toEqual(["repeat"]);
    expect(referralFlags({ matches: [match("duplicate", "confirmed"), match("repeat", null)] })).toEqual([
      "duplicate",
      "possible",
    ]);
    expect(referralFlags({ matches: [match("duplicate", "rejected")] })).toEqual([]);
    expect(referralFlags({ matches: [match("earlier-referral", "confirmed")] })).toEqual([]);
  });
});
