import { describe, expect, it } from "vitest";
import {
  emptyCaseDetails,
  isNonDisclosablePath,
  readCaseDetails,
  removeChild,
  setNonDisclosure,
  validateCaseDetails,
} from "../case-details";

describe("readCaseDetails", () => {
  it("reads nothing as empty details, never throwing", () => {
    for (const value of [undefined, null, 42, "text", [], {}])
      expect(readCaseDetails(value)).toEqual(emptyCaseDetails());
  });

  it("carries the first editor's victimName and notes across", () => {
    const details = readCaseDetails({ victimName: "Ada Example", notes: "Seen at the station." });
    expect(details.victim.name).toBe("Ada Example");
    expect(details.notes).toBe("Seen at the station.");
  });

  it("keeps the fields it can read and drops the ones it cannot, field by field", () => {
    const details = readCaseDetails({
      victim: {
        name: "Ada",
        dateOfBirth: "not a date",
        safeContact: { phone: "07700 900123", safeToCall: "maybe", safeToText: "yes" },
      },
      children: [{ name: "B", age: 4, relationshipToPerpetrator: "child" }, "junk", { age: 40 }],
      agenciesInvolved: ["GP", 7],
      nonDisclosure: ["victim.address", "victim.name"],
    });
    expect(details.victim).toEqual({ name: "Ada", safeContact: { phone: "07700 900123", safeToText: "yes" } });
    // Unreadable children stay as empty entries: "children[2].school" in nonDisclosure must still name the same child.
    expect(details.children).toEqual([{ name: "B", age: 4, relationshipToPerpetrator: "child" }, {}, {}]);
    expect(details.agenciesInvolved).toEqual(["GP"]);
    // The victim's name is the one fact every copy needs, so it cannot be withheld.
    expect(details.nonDisclosure).toEqual(["victim.address"]);
  });
});

describe("validateCaseDetails", () => {
  it("accepts complete details", () => {
    const details = {
      ...emptyCaseDetails(),
      victim: {
        name: "Ada",
        address: { kind: "no-fixed-abode" as const },
        safeContact: { phone: "07700 900123", safeToCall: "yes" as const },
      },
      children: [{ name: "B", school: "Hill Primary", relationshipToPerpetrator: "step-child" as const }],
      nonDisclosure: ["victim.address", "children[0].school"],
    };
    expect(validateCaseDetails(details)).toEqual({ ok: true, details });
  });

  it("names the field of each problem", () => {
    const result = validateCaseDetails({
      ...emptyCaseDetails(),
      victim: { dateOfBirth: "12/03/1990" },
      children: [{ age: 19 }],
      surprise: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["victim.dateOfBirth", "children[0].age", ""]),
    );
  });

  it("refuses to withhold a field that cannot be withheld", () => {
    const result = validateCaseDetails({ ...emptyCaseDetails(), nonDisclosure: ["victim.name"] });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: "nonDisclosure", message: '"victim.name" is not a field that can be withheld' }],
    });
  });
});

describe("isNonDisclosablePath", () => {
  it.each([
    ["victim.address", true],
    ["victim.safeContact.phone", true],
    ["children[3].school", true],
    ["children[3]", true],
    ["children[x].school", false],
    ["victim.name", false],
    ["perpetrator.name", false],
  ])("%s → %s", (path, expected) => expect(isNonDisclosablePath(path)).toBe(expected));
});

describe("removeChild", () => {
  it("drops the removed child's withheld paths and shifts later children's down", () => {
    const details = {
      ...emptyCaseDetails(),
      children: [{ name: "A" }, { name: "B" }, { name: "C" }],
      nonDisclosure: [
        "victim.address",
        "children[0].school",
        "children[1].school",
        "children[2].school",
        "children[2]",
      ],
    };
    const after = removeChild(details, 1);
    expect(after.children).toEqual([{ name: "A" }, { name: "C" }]);
    expect(after.nonDisclosure).toEqual(["victim.address", "children[0].school", "children[1].school", "children[1]"]);
    expect(details.children).toHaveLength(3); // the input is not changed
  });
});

describe("dates as typed and the children answer", () => {
  it("keeps a date as typed and whether there are children, and validates them", () => {
    const stored = {
      ...emptyCaseDetails(),
      victim: { dateOfBirthAsEntered: { day: "31", month: "2", year: "1985" } },
      children: [{ ageAsEntered: "nineteen", dateOfBirthAsEntered: { day: "", month: "4", year: "" } }],
      hasChildrenOrDependants: "yes" as const,
    };
    expect(readCaseDetails(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(validateCaseDetails(stored)).toEqual({ ok: true, details: stored });
    expect(readCaseDetails({ hasChildrenOrDependants: "perhaps" }).hasChildrenOrDependants).toBeUndefined();
    // A damaged entry still reads as three boxes, so a screen never meets an undefined box.
    const damaged = readCaseDetails({
      victim: { dateOfBirthAsEntered: { day: "5", month: 3 } },
      children: [{ dateOfBirthAsEntered: {} }],
    });
    expect(damaged.victim.dateOfBirthAsEntered).toEqual({ day: "5", month: "", year: "" });
    expect(damaged.children[0]!.dateOfBirthAsEntered).toEqual({ day: "", month: "", year: "" });
  });
});

describe("setNonDisclosure", () => {
  it("adds a path once and removes it again", () => {
    const once = setNonDisclosure(setNonDisclosure(emptyCaseDetails(), "victim.address", true), "victim.address", true);
    expect(once.nonDisclosure).toEqual(["victim.address"]);
    expect(setNonDisclosure(once, "victim.address", false).nonDisclosure).toEqual([]);
  });

  it("refuses a path no pack could withhold", () => {
    expect(() => setNonDisclosure(emptyCaseDetails(), "victim.name", true)).toThrow(/cannot be withheld|not a field/);
  });
});
