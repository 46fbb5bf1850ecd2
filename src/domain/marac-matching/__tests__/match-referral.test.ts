// @vitest-environment node
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy";
import { matchReferral } from "../match-referral";
import type { MaracReferral } from "../marac-referral";

const TODAY = "2025-06-10";

const referral = (referralId: string, overrides: Partial<MaracReferral> = {}): MaracReferral => ({
  referralId,
  victim: { name: "Jane Smith", dateOfBirth: "1990-03-04", postcode: "LS6 2AB" },
  referringAgency: "Police",
  referredOn: "2025-06-09",
  ...overrides,
});

const match = (newReferral: MaracReferral, held: MaracReferral[]) =>
  matchReferral(newReferral, held, DEFAULT_POLICY, TODAY);

describe("matchReferral", () => {
  it("an officer and an IDVA refer the same victim for the same meeting: one strong duplicate, with reasons", () => {
    const officer = referral("officer", { referredOn: "2025-06-05", listedFor: "2025-06-18" });
    const idva = referral("idva", {
      referringAgency: "IDVA service",
      victim: { name: "SMITH, Jayne", dateOfBirth: "1990-03-04", postcode: "ls62ab" },
    });
    expect(match(idva, [officer])).toEqual([
      {
        newReferralId: "idva",
        heldReferralId: "officer",
        strength: "strong",
        classification: "duplicate",
        reasons: [
          "Names match in a different order and with a one-letter difference: 'SMITH, Jayne' / 'Jane Smith'",
          "Same date of birth (4 March 1990)",
          "Same postcode (LS6 2AB)",
        ],
        differences: [],
        strengthRule: "The names agree and the date of birth is the same.",
        classificationReason:
          "Referred by Police on 5 June 2025 and not yet heard (listed for 18 June 2025): both referrals are for the same meeting",
        evidence: [
          "newReferral.victim.name",
          "heldReferral.victim.name",
          "newReferral.victim.dateOfBirth",
          "heldReferral.victim.dateOfBirth",
          "newReferral.victim.postcode",
          "heldReferral.victim.postcode",
          "heldReferral.heardOn",
          "heldReferral.listedFor",
        ],
      },
    ]);
  });

  it("a victim who moved area: a strong repeat, the different postcode shown but not held against it", () => {
    const heard = referral("heard", { referredOn: "2024-09-01", heardOn: "2024-09-20" });
    const moved = referral("moved", { victim: { name: "Jane Smith", dateOfBirth: "1990-03-04", postcode: "SS1 1AA" } });
    const [candidate] = match(moved, [heard]);
    expect(candidate).toMatchObject({ strength: "strong", classification: "repeat" });
    expect(candidate?.differences).toEqual(["Different postcodes (SS1 1AA / LS6 2AB)"]);
  });

  it("a planned review of someone heard in the window is an earlier referral, not a repeat", () => {
    const heard = referral("heard", { referredOn: "2024-09-01", heardOn: "2024-09-20" });
    const [candidate] = match(referral("review", { newIncident: false }), [heard]);
    expect(candidate?.classification).toBe("earlier-referral");
    expect(candidate?.classificationReason).toContain("a planned review is not a repeat");
  });

  it("a different person with the same name and a different date of birth is not suggested", () => {
    const other = referral("other", {
      victim: { name: "Jane Smith", dateOfBirth: "1972-11-23", postcode: "M1 1AE" },
      heardOn: "2025-01-10",
    });
    expect(match(referral("new"), [other])).toEqual([]);
  });

  it("the same name with a different date of birth at the same postcode is only possible, the difference shown", () => {
    const other = referral("other", { victim: { name: "Jane Smith", dateOfBirth: "1972-11-23", postcode: "LS6 2AB" } });
    const [candidate] = match(referral("new"), [other]);
    expect(candidate?.strength).toBe("possible");
    expect(candidate?.differences).toEqual(["Different dates of birth (4 March 1990 / 23 November 1972)"]);
  });

  it("missing fields are listed as not compared, and a name alone is only possible", () => {
    const [candidate] = match(referral("new", { victim: { name: "Jane Smith" } }), [referral("held")]);
    expect(candidate?.strength).toBe("possible");
    expect(candidate?.reasons).toEqual(["Same name: 'Jane Smith'"]);
    expect(candidate?.differences).toEqual([
      "No date of birth on the new referral, so dates of birth could not be compared",
      "No postcode on the new referral, so postcodes could not be compared",
    ]);
  });

  it("a referral with nothing to compare matches nothing", () => {
    expect(match(referral("new", { victim: {} }), [referral("held")])).toEqual([]);
  });

  it("never matches the new referral with itself", () => {
    expect(match(referral("same"), [referral("same")])).toEqual([]);
  });

  it("strong first; within a strength repeats, then duplicates, then earlier referrals; then most recent first", () => {
    const possibleDuplicate = referral("possible-duplicate", {
      victim: { name: "Jane Smith", dateOfBirth: "1991-03-04" },
      listedFor: "2025-06-18",
    });
    const oldHearing = referral("old-hearing", { referredOn: "2020-01-01", heardOn: "2020-01-20" });
    const olderHearing = referral("older-hearing", { referredOn: "2019-01-01", heardOn: "2019-01-20" });
    const repeat = referral("repeat", { referredOn: "2025-01-01", heardOn: "2025-01-20" });
    const waiting = referral("waiting", { referredOn: "2025-06-01", listedFor: "2025-06-18" });
    const ids = match(referral("new"), [possibleDuplicate, olderHearing, oldHearing, waiting, repeat]).map(
      (candidate) => `${candidate.heldReferralId} ${candidate.strength} ${candidate.classification}`,
    );
    expect(ids).toEqual([
      "repeat strong repeat",
      "waiting strong duplicate",
      "old-hearing strong earlier-referral",
      "older-hearing strong earlier-referral",
      "possible-duplicate possible duplicate",
    ]);
  });

  it("Ayesha Khan and Aisha Khan with the same date of birth are a strong match, saying the first names sound alike", () => {
    const held = referral("held", { victim: { name: "Aisha Khan", dateOfBirth: "1990-03-04", postcode: "LS6 2AB" } });
    const incoming = referral("new", {
      victim: { name: "Ayesha Khan", dateOfBirth: "1990-03-04", postcode: "LS6 2AB" },
    });
    const [candidate] = match(incoming, [held]);
    expect(candidate?.strength).toBe("strong");
    expect(candidate?.reasons[0]).toBe(
      "Names match with first names that sound alike ('Ayesha' / 'Aisha'): 'Ayesha Khan' / 'Aisha Khan'",
    );
  });

  it("sounding alike does not loosen the rest: Ayesha/Aisha with different dates of birth elsewhere is no match", () => {
    const held = referral("held", { victim: { name: "Aisha Khan", dateOfBirth: "1990-03-04", postcode: "LS6 2AB" } });
    const incoming = referral("new", {
      victim: { name: "Ayesha Khan", dateOfBirth: "1972-11-20", postcode: "M1 1AA" },
    });
    expect(match(incoming, [held])).toEqual([]);
  });

  it("Ali Khan is not matched to Alice Khan on the name and a postcode alone", () => {
    const held = referral("held", { victim: { name: "Alice Khan", postcode: "LS6 2AB" } });
    const incoming = referral("new", { victim: { name: "Ali Khan", postcode: "LS6 2AB" } });
    expect(match(incoming, [held])).toEqual([]);
  });
});
