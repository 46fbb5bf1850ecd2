// @vitest-environment node
import { describe, expect, it } from "vitest";
import { namePartSplits, nameParts, otherNamesList } from "../name-normalising";

describe("nameParts", () => {
  it("ignores case, extra spaces and surrounding punctuation", () => {
    expect(nameParts("  SMITH,   Jane ")).toEqual(["smith", "jane"]);
  });

  it("removes accents and folds letters that have no accent to remove", () => {
    expect(nameParts("Zoë Ørsted-Łukasz")).toEqual(["zoe", "orsted", "lukasz"]);
    expect(nameParts("Straße")).toEqual(["strasse"]);
    expect(nameParts("José Muñoz")).toEqual(["jose", "munoz"]);
  });

  it("splits hyphenated and double-barrelled names into their parts", () => {
    expect(nameParts("Jane Smith-Jones")).toEqual(["jane", "smith", "jones"]);
  });

  it("joins what an apostrophe separates, whichever apostrophe is typed", () => {
    expect(nameParts("Siobhan O'Brien")).toEqual(["siobhan", "obrien"]);
    expect(nameParts("Siobhan O’Brien")).toEqual(["siobhan", "obrien"]);
  });

  it("drops titles", () => {
    expect(nameParts("Mrs. Jane Smith")).toEqual(["jane", "smith"]);
  });

  it("keeps letters of every script", () => {
    expect(nameParts("فاطمة علي")).toEqual(["فاطمة", "علي"]);
  });

  it("gives no parts for an empty or punctuation-only name", () => {
    expect(nameParts("")).toEqual([]);
    expect(nameParts(" - , ")).toEqual([]);
  });
});

describe("otherNamesList", () => {
  it("splits at commas, semicolons, slashes and new lines, dropping empty entries", () => {
    expect(otherNamesList("Jane Brown; Janey Smith / J. Smith,\n, ")).toEqual([
      "Jane Brown",
      "Janey Smith",
      "J. Smith",
    ]);
  });

  it("is empty when no other names are given", () => {
    expect(otherNamesList(undefined)).toEqual([]);
  });
});

describe("namePartSplits", () => {
  it("gives the name as written and with each pair of neighbours joined", () => {
    expect(namePartSplits(["jane", "mc", "donald"])).toEqual([
      ["jane", "mc", "donald"],
      ["janemc", "donald"],
      ["jane", "mcdonald"],
    ]);
  });

  it("has only the written form for a one-part name", () => {
    expect(namePartSplits(["jane"])).toEqual([["jane"]]);
  });
});
