import { emptyCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import { NOT_RECORDED, summaryRows } from "../case-summary-rows";

const TODAY = "2026-11-23";

function details(change: Partial<CaseDetails>): CaseDetails {
  return { ...emptyCaseDetails(), ...change };
}

describe("summaryRows", () => {
  it("says what is not recorded, and writes dates and codes in words", () => {
    const rows = summaryRows(
      "victim",
      details({ victim: { dateOfBirth: "1985-03-05", interpreterNeeded: "not-known" } }),
      TODAY,
    );
    expect(rows.find((row) => row.label === "Victim's name")?.value).toBe(NOT_RECORDED);
    expect(rows.find((row) => row.label === "Date of birth")?.value).toBe("5 March 1985");
    expect(rows.find((row) => row.label === "Interpreter needed")?.value).toBe("Not known");
  });

  it("shows a date being corrected as typed, never as a fact", () => {
    const rows = summaryRows(
      "perpetrator",
      details({ perpetrator: { dateOfBirthAsEntered: { day: "31", month: "2", year: "1980" } } }),
      TODAY,
    );
    expect(rows.find((row) => row.label === "Date of birth")?.value).toBe(
      "31/2/1980 (not a real date yet: needs correcting)",
    );
  });

  it("marks a field withheld when it, or the section or child it sits in, is never shared", () => {
    const contact = summaryRows(
      "safe-contact",
      details({ victim: { safeContact: { phone: "07700 900123" } }, nonDisclosure: ["victim.safeContact"] }),
      TODAY,
    );
    expect(contact.every((row) => row.withheld)).toBe(true);
    const children = summaryRows(
      "children",
      details({ children: [{ name: "A" }, { name: "B" }], nonDisclosure: ["children[1]", "children[0].school"] }),
      TODAY,
    );
    const withheld = children.filter((row) => row.withheld).map((row) => row.label);
    expect(withheld).toEqual([
      "Child 1: school",
      "Child 2: name",
      "Child 2: date of birth",
      "Child 2: age",
      "Child 2: school",
      "Child 2: related to the person causing harm",
      "Child 2: lives with the victim",
    ]);
  });

  it("lists the lawful basis only when sharing without consent", () => {
    expect(summaryRows("consent", details({ consent: { status: "given" } }), TODAY).map((row) => row.label)).toEqual([
      "Victim's wishes",
      "Consent to share",
      "Victim knows about this referral",
    ]);
    expect(
      summaryRows("consent", details({ consent: { status: "refused", lawfulBasis: "s115" } }), TODAY).map(
        (row) => row.value,
      ),
    ).toEqual([NOT_RECORDED, "No, they refused", "s115", NOT_RECORDED, NOT_RECORDED]);
  });
});
