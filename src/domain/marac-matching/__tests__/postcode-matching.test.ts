// @vitest-environment node
import { describe, expect, it } from "vitest";
import { comparePostcodes, readPostcode } from "../postcode-matching";

describe("readPostcode", () => {
  it.each([
    ["LS6 2AB", { outward: "LS6", inward: "2AB" }],
    ["ls62ab", { outward: "LS6", inward: "2AB" }],
    [" sw1a  1aa ", { outward: "SW1A", inward: "1AA" }],
    ["M1 1AE", { outward: "M1", inward: "1AE" }],
    ["EC1A1BB", { outward: "EC1A", inward: "1BB" }],
    ["gir 0aa", { outward: "GIR", inward: "0AA" }],
    ["LS6", { outward: "LS6" }],
  ])("%s", (written, expected) => {
    expect(readPostcode(written)).toEqual(expected);
  });

  it.each([undefined, "", "not known", "12345", "LS6 2A"])("%s is not a postcode", (written) => {
    expect(readPostcode(written)).toBeNull();
  });
});

describe("comparePostcodes", () => {
  it("the same postcode with or without a space, in any case", () => {
    expect(comparePostcodes("ls62ab", "LS6 2AB")).toEqual({
      kind: "same",
      reason: "Same postcode (LS6 2AB)",
      evidence: ["newReferral.victim.postcode", "heldReferral.victim.postcode"],
    });
  });

  it("the same district is a weak sign, both postcodes shown", () => {
    expect(comparePostcodes("LS6 2AB", "LS6 4XY")).toMatchObject({
      kind: "same-district",
      reason: "Same postcode district (LS6): LS6 2AB / LS6 4XY",
    });
  });

  it("a district alone can only agree on the district", () => {
    expect(comparePostcodes("LS6", "LS6 2AB").reason).toBe("Same postcode district (LS6)");
  });

  it("LS6 is not LS60: districts are compared whole", () => {
    expect(comparePostcodes("LS6 2AB", "LS60 2AB").kind).toBe("different");
  });

  it("different postcodes", () => {
    expect(comparePostcodes("SS1 1AA", "LS6 2AB").reason).toBe("Different postcodes (SS1 1AA / LS6 2AB)");
  });

  it("a missing or unreadable postcode is unknown", () => {
    expect(comparePostcodes("no fixed abode", "LS6 2AB")).toEqual({
      kind: "unknown",
      reason: "No postcode on the new referral, so postcodes could not be compared",
      evidence: [],
    });
    expect(comparePostcodes("LS6 2AB", undefined).reason).toBe(
      "No postcode on the earlier referral, so postcodes could not be compared",
    );
  });
});
