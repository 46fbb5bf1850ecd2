// @vitest-environment node
import { describe, expect, it } from "vitest";
import { compareNames, spellingSlipsAllowed } from "../name-matching";
import type { ReferralVictim } from "../marac-referral";

const compare = (
  newName: string | undefined,
  heldName: string | undefined,
  extra: Partial<Record<"newOther" | "heldOther", string>> = {},
) => {
  const newVictim: ReferralVictim = { name: newName, otherNames: extra.newOther };
  const heldVictim: ReferralVictim = { name: heldName, otherNames: extra.heldOther };
  return compareNames(newVictim, heldVictim);
};

describe("spellingSlipsAllowed", () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [14, 2],
  ])("%i letters: %i slips", (letters, slips) => {
    expect(spellingSlipsAllowed(letters)).toBe(slips);
  });
});

describe("compareNames", () => {
  it("the same name, whatever the case and spacing", () => {
    expect(compare("Jane Smith", "  jane   SMITH")).toEqual({
      kind: "same",
      reason: "Same name: 'jane SMITH'",
      evidence: ["newReferral.victim.name", "heldReferral.victim.name"],
    });
  });

  it("a one-letter typo is close, and says so with both names", () => {
    expect(compare("Jayne Smith", "Jane Smith")).toMatchObject({
      kind: "close",
      reason: "Names match with a one-letter difference: 'Jayne Smith' / 'Jane Smith'",
    });
  });

  it("two swapped letters count as one slip", () => {
    expect(compare("Jnae Smith", "Jane Smith").reason).toBe(
      "Names match with a one-letter difference: 'Jnae Smith' / 'Jane Smith'",
    );
  });

  it("two slips in a long name are close; in a short name they are not", () => {
    expect(compare("Jane Wojciechowska", "Jane Wojciehowski").reason).toBe(
      "Names match with a two-letter difference: 'Jane Wojciechowska' / 'Jane Wojciehowski'",
    );
    // Two slips in five letters may be another name: only the first name is shared.
    expect(compare("Jane Smith", "Jane Smyht").kind).toBe("partial");
  });

  it("a dropped letter is one slip, counted on the longer name: Jan for Jane", () => {
    expect(compare("Jan Smith", "Jane Smith").reason).toBe(
      "Names match with a one-letter difference: 'Jan Smith' / 'Jane Smith'",
    );
  });

  it("short names must be exact: Tom is not Tim", () => {
    expect(compare("Tom Lee", "Tim Lee").kind).toBe("partial");
  });

  it("the same names in the other order (family name first)", () => {
    expect(compare("SMITH Jane", "Jane Smith")).toMatchObject({
      kind: "same",
      reason: "Same names in a different order: 'SMITH Jane' / 'Jane Smith'",
    });
  });

  it("order and a typo together", () => {
    expect(compare("Smith Jayne", "Jane Smith").reason).toBe(
      "Names match in a different order and with a one-letter difference: 'Smith Jayne' / 'Jane Smith'",
    );
  });

  it("accents and punctuation are not differences", () => {
    expect(compare("Zoë O'Brien", "Zoe OBrien")).toMatchObject({
      kind: "same",
      reason: "Same name, written differently: 'Zoë O'Brien' / 'Zoe OBrien'",
    });
  });

  it("hyphenated and spaced double-barrelled names are the same name", () => {
    expect(compare("Jane Smith-Jones", "Jane Smith Jones").kind).toBe("same");
  });

  it("a name written with or without a space is the same name", () => {
    expect(compare("Jane Mc Donald", "Jane McDonald").kind).toBe("same");
  });

  it("half of a double-barrelled surname on one referral only is close, naming the extra part", () => {
    expect(compare("Jane Smith-Jones", "Jane Smith")).toMatchObject({
      kind: "close",
      reason: "Names match with 'Jones' only on the new referral: 'Jane Smith-Jones' / 'Jane Smith'",
    });
  });

  it("a middle name on the earlier referral only is close", () => {
    expect(compare("Jane Smith", "Jane Anne Smith").reason).toBe(
      "Names match with 'Anne' only on the earlier referral: 'Jane Smith' / 'Jane Anne Smith'",
    );
  });

  it("an initial may stand for a name", () => {
    expect(compare("J. Smith", "Jane Smith")).toMatchObject({
      kind: "close",
      reason: "Names match with a name given only as an initial: 'J. Smith' / 'Jane Smith'",
    });
  });

  it("a changed surname is only a partial match", () => {
    expect(compare("Jane Brown", "Jane Smith")).toMatchObject({
      kind: "partial",
      reason: "Only part of the names match ('Jane'): 'Jane Brown' / 'Jane Smith'",
    });
  });

  it("a first name alone is only partial, never close", () => {
    expect(compare("Jane", "Jane Smith").kind).toBe("partial");
  });

  it("different names", () => {
    expect(compare("Amira Khan", "Jane Smith")).toMatchObject({
      kind: "different",
      reason: "Names differ: 'Amira Khan' / 'Jane Smith'",
    });
  });

  it("an other name on the earlier referral is used, and said to be one", () => {
    expect(compare("Jane Brown", "Jane Smith", { heldOther: "Jane Brown; JB" })).toEqual({
      kind: "same",
      reason: "Same name: 'Jane Brown' (another name given on the earlier referral)",
      evidence: ["newReferral.victim.name", "heldReferral.victim.otherNames"],
    });
  });

  it("an other name on the new referral is used too", () => {
    expect(compare("Jane Brown", "Jane Smith", { newOther: "Jane Smith" }).evidence).toEqual([
      "newReferral.victim.otherNames",
      "heldReferral.victim.name",
    ]);
  });

  it("a missing name is unknown, never a match or a difference", () => {
    expect(compare(undefined, "Jane Smith")).toEqual({
      kind: "unknown",
      reason: "No name on the new referral, so names could not be compared",
      evidence: [],
    });
    expect(compare("Jane Smith", "  ").reason).toBe("No name on the earlier referral, so names could not be compared");
    expect(compare(undefined, undefined).reason).toBe("No name on either referral, so names could not be compared");
  });

  describe("names that sound alike (transliterations)", () => {
    it("Aisha and Ayesha are close, and the reason says the first names sound alike", () => {
      expect(compare("Ayesha Khan", "Aisha Khan")).toEqual({
        kind: "close",
        reason: "Names match with first names that sound alike ('Ayesha' / 'Aisha'): 'Ayesha Khan' / 'Aisha Khan'",
        evidence: ["newReferral.victim.name", "heldReferral.victim.name"],
      });
    });

    it("the family name written first, with a comma, as in the MARAC e2e", () => {
      expect(compare("Khan, Aisha", "Ayesha Khan").reason).toBe(
        "Names match in a different order and with first names that sound alike ('Aisha' / 'Ayesha'): 'Khan, Aisha' / 'Ayesha Khan'",
      );
    });

    it.each([
      ["Yusuf Ahmed", "Yousef Ahmed"],
      ["Khadija Begum", "Khadeeja Begum"],
      ["Hannah Brown", "Anna Brown"],
    ])("%s and %s are close", (newName, heldName) => {
      expect(compare(newName, heldName).kind).toBe("close");
    });

    it("Mohammed/Muhammad in a family name says 'names', not 'first names'", () => {
      // Two slips are allowed at 8 letters, so Muhammad/Mohammed is a spelling difference already;
      // Mohamed/Muhammad (three edits) is found by its sound.
      expect(compare("Sara Muhammad", "Sara Mohamed").reason).toBe(
        "Names match with names that sound alike ('Muhammad' / 'Mohamed'): 'Sara Muhammad' / 'Sara Mohamed'",
      );
    });

    it("a typing slip is still named as one when it is also a sound", () => {
      expect(compare("Aysha Khan", "Aisha Khan").reason).toBe(
        "Names match with a one-letter difference: 'Aysha Khan' / 'Aisha Khan'",
      );
    });

    it("Ali and Alice are different names: only the family name is shared", () => {
      expect(compare("Ali Khan", "Alice Khan")).toMatchObject({
        kind: "partial",
        reason: "Only part of the names match ('Khan'): 'Ali Khan' / 'Alice Khan'",
      });
    });

    it("Siobhan and Shivaun are too far apart", () => {
      expect(compare("Siobhan Kelly", "Shivaun Kelly").kind).toBe("partial");
    });
  });
});
