import { emptyCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import {
  addChild,
  CASE_SECTIONS,
  newCaseDetails,
  sectionErrors,
  sectionForDetailsPath,
  sectionStatus,
} from "../case-sections";

const TODAY = "2026-11-23";

function details(change: Partial<CaseDetails>): CaseDetails {
  return { ...emptyCaseDetails(), ...change };
}

describe("sectionStatus", () => {
  it("says every section of a new case is not started, never-share ticks notwithstanding", () => {
    for (const section of CASE_SECTIONS) expect(sectionStatus(section.id, newCaseDetails(), TODAY)).toBe("not-started");
  });

  it("needs the victim's name, date of birth and the interpreter answer to call the victim complete", () => {
    expect(sectionStatus("victim", details({ victim: { name: "Ada" } }), TODAY)).toBe("in-progress");
    const complete = details({ victim: { name: "Ada", dateOfBirth: "1985-03-05", interpreterNeeded: "no" } });
    expect(sectionStatus("victim", complete, TODAY)).toBe("completed");
    // A date being corrected (kept as typed, no ISO date) is not complete.
    const mistyped = details({
      victim: { name: "Ada", interpreterNeeded: "no", dateOfBirthAsEntered: { day: "31", month: "2", year: "1985" } },
    });
    expect(sectionStatus("victim", mistyped, TODAY)).toBe("in-progress");
    // An interpreter is needed but for which language is missing.
    expect(sectionStatus("victim", details({ victim: { ...complete.victim, interpreterNeeded: "yes" } }), TODAY)).toBe(
      "in-progress",
    );
  });

  it("needs a way to reach the victim and all three safe-to answers for safe contact", () => {
    const partial = details({
      victim: { safeContact: { phone: "07700 900123", safeToCall: "yes", safeToText: "no" } },
    });
    expect(sectionStatus("safe-contact", partial, TODAY)).toBe("in-progress");
    const complete = details({
      victim: { safeContact: { ...partial.victim.safeContact, safeToLeaveMessage: "not-known" } },
    });
    expect(sectionStatus("safe-contact", complete, TODAY)).toBe("completed");
  });

  it("accepts no fixed abode as a complete address, but not an empty address", () => {
    expect(sectionStatus("victim-address", details({ victim: { address: { kind: "no-fixed-abode" } } }), TODAY)).toBe(
      "completed",
    );
    expect(sectionStatus("victim-address", details({ victim: { address: { kind: "address" } } }), TODAY)).toBe(
      "in-progress",
    );
  });

  it("calls children complete with a 'no', or with each child named and dated or aged", () => {
    expect(sectionStatus("children", details({ hasChildrenOrDependants: "no" }), TODAY)).toBe("completed");
    expect(sectionStatus("children", details({ hasChildrenOrDependants: "yes" }), TODAY)).toBe("in-progress");
    expect(
      sectionStatus("children", details({ hasChildrenOrDependants: "yes", children: [{ name: "B" }] }), TODAY),
    ).toBe("in-progress");
    expect(
      sectionStatus("children", details({ hasChildrenOrDependants: "yes", children: [{ name: "B", age: 4 }] }), TODAY),
    ).toBe("completed");
    expect(sectionStatus("children", details({ hasChildrenOrDependants: "not-known" }), TODAY)).toBe("in-progress");
  });

  it("needs the lawful basis and the reason before consent is complete when sharing without it", () => {
    const refused = details({ victim: { wishes: "To stay at home" }, consent: { status: "refused" } });
    expect(sectionStatus("consent", refused, TODAY)).toBe("in-progress");
    expect(
      sectionStatus("consent", { ...refused, consent: { status: "refused", lawfulBasis: "CDA 1998 s115" } }, TODAY),
    ).toBe("in-progress");
    expect(
      sectionStatus(
        "consent",
        {
          ...refused,
          consent: { status: "refused", lawfulBasis: "CDA 1998 s115", reasonWithoutConsent: "Threat to kill" },
        },
        TODAY,
      ),
    ).toBe("completed");
    expect(sectionStatus("consent", { ...refused, consent: { status: "given" } }, TODAY)).toBe("completed");
  });
});

describe("sectionErrors", () => {
  it("points at the field to correct", () => {
    expect(sectionErrors("consent", details({ consent: { status: "not-sought", lawfulBasis: "  " } }), TODAY)).toEqual([
      { fieldId: "case-consent-lawful-basis", message: "Enter the lawful basis for sharing without consent" },
      { fieldId: "case-consent-reason", message: "Enter why the information must be shared without consent" },
    ]);
    expect(sectionErrors("children", details({ children: [{}, { ageAsEntered: "19" }] }), TODAY)).toEqual([
      {
        fieldId: "case-child-1-age",
        message: "Child 2: Age must be 17 or under. Record adults under other dependants",
      },
    ]);
    expect(
      sectionErrors(
        "perpetrator",
        details({ perpetrator: { dateOfBirthAsEntered: { day: "1", month: "", year: "1980" } } }),
        TODAY,
      ),
    ).toEqual([{ fieldId: "case-perpetrator-dob-day", message: "Their date of birth must include a month" }]);
    expect(sectionErrors("referrer", details({ referrer: { email: "pc.smith at police" } }), TODAY)).toHaveLength(1);
  });
});

describe("new cases and children", () => {
  it("withholds the victim's address and safe contact details from a new case", () => {
    expect(newCaseDetails().nonDisclosure).toEqual(["victim.address", "victim.safeContact"]);
  });

  it("withholds a new child's school from the start", () => {
    const two = addChild(addChild(emptyCaseDetails()));
    expect(two.children).toEqual([{}, {}]);
    expect(two.nonDisclosure).toEqual(["children[0].school", "children[1].school"]);
  });
});

describe("sectionForDetailsPath", () => {
  it("finds the page for every case fact a referral pack can ask for", async () => {
    const { checkPackCompleteness } = await import("../../../domain/referral-pack/pack-completeness");
    const { loadScenario } = await import("../../../domain/referral-pack/__tests__/pack-fixtures");
    const withChildren = details({ children: [{}], victim: { safeContact: { phone: "07700 900123" } } });
    const paths = new Set<string>();
    for (const file of ["01-strangulation-alone.json", "09-s42-three-tests-met.json"]) {
      const { caseFile, outcome } = loadScenario(file);
      for (const kind of ["marac", "s42"] as const) {
        for (const input of [emptyCaseDetails(), withChildren]) {
          const result = checkPackCompleteness(kind, input, caseFile, outcome);
          for (const entry of [...result.missing, ...result.actions])
            if (entry.fixPath.startsWith("details.")) paths.add(entry.fixPath);
        }
      }
    }
    expect(paths.size).toBeGreaterThan(8);
    for (const path of paths) expect(sectionForDetailsPath(path), path).not.toBeNull();
  });

  it.each([
    ["details.victim.safeContact.safeTimes", "safe-contact"],
    ["details.victim.address", "victim-address"],
    ["details.victim.wishes", "consent"],
    ["details.victim.dateOfBirth", "victim"],
    ["details.children[1].school", "children"],
    ["details.referrer.phone", "referrer"],
    ["details.agenciesInvolved", "agencies"],
    ["details.unknownThing", null],
  ])("%s → %s", (path, section) => expect(sectionForDetailsPath(path)).toBe(section));
});
