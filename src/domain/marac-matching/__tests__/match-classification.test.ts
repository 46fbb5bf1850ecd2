// @vitest-environment node
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy";
import { classifyMatch, isAwaitingMeeting } from "../match-classification";
import type { MaracReferral } from "../marac-referral";

const TODAY = "2025-06-10";
const victim = { name: "Jane Smith", dateOfBirth: "1990-03-04" };

const newReferral = (overrides: Partial<MaracReferral> = {}): MaracReferral => ({
  referralId: "new",
  victim,
  referringAgency: "IDVA service",
  referredOn: "2025-06-09",
  ...overrides,
});

const held = (overrides: Partial<MaracReferral> = {}): MaracReferral => ({
  referralId: "held",
  victim,
  referringAgency: "Police",
  referredOn: "2024-11-01",
  listedFor: "2024-11-20",
  heardOn: "2024-11-20",
  ...overrides,
});

const classify = (next: Partial<MaracReferral>, earlier: Partial<MaracReferral>, policy = DEFAULT_POLICY) =>
  classifyMatch(newReferral(next), held(earlier), policy, TODAY);

describe("classifyMatch: repeat", () => {
  it("heard within 12 months before a referral that follows a new incident", () => {
    expect(classify({}, {})).toEqual({
      classification: "repeat",
      reason:
        "Heard at MARAC on 20 November 2024, within 12 months of this referral, which follows a new incident: a repeat MARAC",
      evidence: ["heldReferral.heardOn", "newReferral.referredOn", "newReferral.newIncident"],
    });
  });

  it("an absent newIncident means a new incident (the case format's rule)", () => {
    expect(classify({ newIncident: undefined }, {}).classification).toBe("repeat");
    expect(classify({ newIncident: true }, {}).classification).toBe("repeat");
  });

  it("the window is inclusive: heard exactly 12 months before is a repeat, a day earlier is not", () => {
    expect(classify({ referredOn: "2025-11-20" }, {}).classification).toBe("repeat");
    expect(classify({ referredOn: "2025-11-21" }, {})).toMatchObject({
      classification: "earlier-referral",
      reason: "Heard at MARAC on 20 November 2024, more than 12 months before this referral: not a repeat",
    });
  });

  it("the window is the policy's repeatMaracMonths", () => {
    const policy = { ...DEFAULT_POLICY, repeatMaracMonths: 24 };
    expect(classify({ referredOn: "2026-06-01" }, {}, policy).classification).toBe("repeat");
    expect(classify({ referredOn: "2026-06-01" }, {}).classification).toBe("earlier-referral");
  });

  it("a planned review is not a repeat, and the reason says so", () => {
    expect(classify({ newIncident: false }, {})).toEqual({
      classification: "earlier-referral",
      reason:
        "Heard at MARAC on 20 November 2024, within 12 months, but this referral is a planned review, not a new incident: a planned review is not a repeat",
      evidence: ["heldReferral.heardOn", "newReferral.newIncident"],
    });
  });
});

describe("classifyMatch: duplicate", () => {
  it("another agency's referral still waiting for a meeting", () => {
    expect(classify({}, { referredOn: "2025-06-02", listedFor: "2025-06-18", heardOn: undefined })).toMatchObject({
      classification: "duplicate",
      reason:
        "Referred by Police on 2 June 2025 and not yet heard (listed for 18 June 2025): both referrals are for the same meeting",
    });
  });

  it("a referral not yet listed is waiting too", () => {
    expect(classify({}, { referredOn: "2025-06-02", listedFor: undefined, heardOn: undefined }).reason).toBe(
      "Referred by Police on 2 June 2025 and not yet heard (not yet listed for a meeting): both referrals are for the same meeting",
    );
  });

  it("listed for the same meeting date, even once that meeting has heard the other", () => {
    expect(classify({ listedFor: "2025-06-18" }, { listedFor: "2025-06-18", heardOn: undefined })).toMatchObject({
      classification: "duplicate",
      reason: "Referred by Police on 1 November 2024 for the same meeting (18 June 2025)",
      evidence: ["newReferral.listedFor", "heldReferral.listedFor"],
    });
    expect(classify({ listedFor: "2024-11-20", newIncident: true }, {}).classification).toBe("duplicate");
  });

  it("heard on or after the day the new referral was made: both were waiting", () => {
    expect(classify({ referredOn: "2024-11-15" }, {})).toMatchObject({
      classification: "duplicate",
      reason:
        "Referred by Police on 1 November 2024 and heard on 20 November 2024, after this referral was made: both were waiting for the same meeting",
    });
  });

  it("says when the same agency referred twice, and when the agency is not recorded", () => {
    const waiting = { referredOn: "2025-06-02", listedFor: undefined, heardOn: undefined };
    expect(classify({ referringAgency: "police" }, waiting).reason).toMatch(
      /^Referred by the same agency \(Police\) on/,
    );
    expect(classify({}, { ...waiting, referringAgency: undefined }).reason).toMatch(
      /^Referred by an agency not recorded on/,
    );
  });
});

describe("classifyMatch: earlier referral", () => {
  it("listed for a meeting that has passed with no hearing recorded: asks the coordinator to check", () => {
    expect(classify({}, { listedFor: "2025-05-01", heardOn: undefined })).toMatchObject({
      classification: "earlier-referral",
      reason:
        "Referred by Police on 1 November 2024, listed for 1 May 2025, but no hearing has been recorded: check whether it was heard, as that could make this a repeat",
    });
  });
});

describe("isAwaitingMeeting", () => {
  it("not heard, and listed for today or later or not listed", () => {
    expect(isAwaitingMeeting(held({ heardOn: undefined, listedFor: TODAY }), TODAY)).toBe(true);
    expect(isAwaitingMeeting(held({ heardOn: undefined, listedFor: undefined }), TODAY)).toBe(true);
    expect(isAwaitingMeeting(held({ heardOn: undefined, listedFor: "2025-06-09" }), TODAY)).toBe(false);
    expect(isAwaitingMeeting(held(), TODAY)).toBe(false);
  });
});
