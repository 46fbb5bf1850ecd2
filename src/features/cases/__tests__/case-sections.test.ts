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
    const refused = details({
      victim: { wishes: "To stay at home" },
      consent: { status: "refused", victimAware: "yes" },
    });
    expect(sectionStatus("consent", refused, TODAY)).toBe("in-progress");
    expect(
      sectionStatus(
        "consent",
        { ...refused, consent: { status: "refused", victimAware: "yes", lawfulBasis: "CDA 1998 s115" } },
        TODAY,
      ),
    ).toBe("in-progress");
    expect(
      sectionStatus(
        "consent",
        {
          ...refused,
          consent: {
            status: "refused",
            victimAware: "yes",
            lawfulBasis: "CDA 1998 s115",
            reasonWithoutConsent: "Threat to kill",
          },
        },
        TODAY,
      ),
    ).toBe("completed");
    expect(sectionStatus("consent", { ...refused, consent: { status: "given", victimAware: "yes" } }, TODAY)).toBe(
      "completed",
    );
    // Both referral forms ask whether the victim knows about the referral, apart from consent.
    expect(sectionStatus("consent", { ...refused, consent: { status: "given" } }, TODAY)).toBe("in-progress");
  });
});

describe("sectionStatus: the referral forms' questions", () => {
  it("starts a page with any of its new answers, and holds it in progress until their follow-ups are given", () => {
    const victim = { name: "Ada", dateOfBirth: "1985-03-05", interpreterNeeded: "no" } as const;
    expect(sectionStatus("victim", details({ victim: { gpPractice: "Hill Surgery" } }), TODAY)).toBe("in-progress");
    expect(sectionStatus("victim", details({ victim: { afraidOf: { answer: "no-one" } } }), TODAY)).toBe("in-progress");
    expect(sectionStatus("victim", details({ victim: { ...victim, afraidOf: { answer: "named" } } }), TODAY)).toBe(
      "in-progress",
    );
    expect(
      sectionStatus(
        "victim",
        details({ victim: { ...victim, afraidOf: { answer: "named", people: [{ relationship: "his brother" }] } } }),
        TODAY,
      ),
    ).toBe("completed");
    expect(sectionStatus("children", details({ othersAtRisk: { anyone: "yes" } }), TODAY)).toBe("in-progress");
    expect(
      sectionStatus("children", details({ hasChildrenOrDependants: "no", othersAtRisk: { anyone: "yes" } }), TODAY),
    ).toBe("in-progress");
    expect(
      sectionStatus(
        "children",
        details({ hasChildrenOrDependants: "no", othersAtRisk: { anyone: "yes", who: "Her mother" } }),
        TODAY,
      ),
    ).toBe("completed");
  });

  it("completes Previous MARAC and police with both of its questions answered and nothing to correct", () => {
    expect(sectionStatus("marac-police", details({ police: { crimeReferences: ["CR/1"] } }), TODAY)).toBe(
      "in-progress",
    );
    expect(sectionStatus("marac-police", details({ police: { crimeReferences: [] } }), TODAY)).toBe("not-started");
    const answered = details({
      previousMarac: { referredBefore: "no" },
      police: { wantsToSpeakToPolice: "yes" },
    });
    expect(sectionStatus("marac-police", answered, TODAY)).toBe("completed");
    expect(
      sectionStatus(
        "marac-police",
        { ...answered, police: { wantsToSpeakToPolice: "yes", officerInCharge: { email: "not an email" } } },
        TODAY,
      ),
    ).toBe("in-progress");
    expect(
      sectionStatus(
        "marac-police",
        {
          ...answered,
          previousMarac: {
            referredBefore: "yes",
            referrals: [{ area: "Leeds", dateAsEntered: { day: "1", month: "1", year: "2099" } }],
          },
        },
        TODAY,
      ),
    ).toBe("in-progress");
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
    // The referral forms' follow-up questions point at their own boxes, on their own page.
    const followUps = details({
      victim: { afraidOf: { answer: "named", people: [{}, { name: "Lee" }] } },
      consent: { victimAware: "no" },
      previousMarac: {
        referredBefore: "yes",
        referrals: [{ area: "Leeds", dateAsEntered: { day: "1", month: "1", year: "2099" } }],
      },
      police: { wantsToSpeakToPolice: "not-known" },
      othersAtRisk: { anyone: "not-known" },
    });
    expect(sectionErrors("victim", followUps, TODAY)).toEqual([
      { fieldId: "case-afraid-of-0-name", message: "Enter the name of person 1, or who they are to the victim" },
    ]);
    expect(sectionErrors("consent", followUps, TODAY)).toEqual([
      { fieldId: "case-consent-why-not-aware", message: "Enter why the victim is not aware of the referral" },
    ]);
    expect(sectionErrors("marac-police", followUps, TODAY)).toEqual([
      { fieldId: "case-previous-marac-0-date-day", message: "The date of the earlier MARAC must be in the past" },
      {
        fieldId: "case-police-speak-reason",
        message: "Enter why it is not known whether the victim wants to speak to the police",
      },
    ]);
    expect(sectionErrors("children", followUps, TODAY)).toEqual([
      {
        fieldId: "case-others-at-risk-not-known",
        message: "Enter why it is not known whether anyone else is at risk",
      },
    ]);
    expect(sectionErrors("agencies", followUps, TODAY)).toEqual([]);
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
    ["details.victim.afraidOf", "victim"],
    ["details.victim.afraidOf.people[1].name", "victim"],
    ["details.victim.gpPractice", "victim"],
    ["details.consent.victimAware", "consent"],
    ["details.consent.awareNotKnownReason", "consent"],
    ["details.previousMarac.referredBefore", "marac-police"],
    ["details.previousMarac.referrals[0].date", "marac-police"],
    ["details.police.officerInCharge.email", "marac-police"],
    ["details.police.wantsToSpeakToPolice", "marac-police"],
    ["details.othersAtRisk.anyone", "children"],
    ["details.unknownThing", null],
  ])("%s → %s", (path, section) => expect(sectionForDetailsPath(path)).toBe(section));
});
