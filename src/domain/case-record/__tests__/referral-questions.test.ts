// The forms' new questions in the case record (issue 18): older records stay valid, damaged entries
// are read field by field, the sensitive ones can be withheld, and the follow-up answers still to
// enter get GOV.UK-style messages naming their field.
import { describe, expect, it } from "vitest";
import {
  caseDetailsSchema,
  emptyCaseDetails,
  isNonDisclosablePath,
  readCaseDetails,
  validateCaseDetails,
  type CaseDetails,
} from "../case-details";
import { referralQuestionErrors } from "../referral-questions";

const TODAY = "2026-11-23";

const withAnswers: CaseDetails = {
  ...emptyCaseDetails(),
  victim: {
    name: "Ada",
    gpPractice: "Hill Surgery",
    safeToTalkTo: "Her sister",
    notSafeToTalkTo: "His mother",
    afraidOf: { answer: "named", people: [{ name: "Sam", relationship: "ex-partner", details: "threats" }] },
  },
  consent: { status: "refused", victimAware: "no", whyNotAware: "He reads her post" },
  previousMarac: {
    referredBefore: "yes",
    referrals: [{ area: "Lowtown", date: "2023-05-10", dateAsEntered: { day: "10", month: "5", year: "2023" } }],
  },
  police: {
    crimeReferences: ["CR/1/24"],
    officerInCharge: { name: "DC Patel", phone: "01234" },
    wantsToSpeakToPolice: "no",
    wantsToSpeakToPoliceReason: "Afraid of what he will do",
  },
  othersAtRisk: { anyone: "not-known", notKnownReason: "Household not known" },
};

describe("the new fields in the case record", () => {
  it("an older record without them still reads and validates exactly as before", () => {
    const older = { ...emptyCaseDetails(), victim: { name: "Ada" }, consent: { status: "given" } };
    expect(readCaseDetails(JSON.parse(JSON.stringify(older)))).toEqual(older);
    expect(validateCaseDetails(older)).toEqual({ ok: true, details: older });
  });

  it("round-trips through storage and validates", () => {
    expect(readCaseDetails(JSON.parse(JSON.stringify(withAnswers)))).toEqual(withAnswers);
    expect(validateCaseDetails(withAnswers)).toEqual({ ok: true, details: withAnswers });
  });

  it("reads a damaged entry field by field, keeping every list entry in its place", () => {
    const details = readCaseDetails({
      victim: {
        afraidOf: { answer: "maybe", people: [{ name: "Sam" }, "junk", { name: 4, relationship: "brother" }] },
      },
      consent: { victimAware: "perhaps", whyNotAware: "x" },
      previousMarac: {
        referredBefore: "yes",
        referrals: [{ area: "Lowtown", date: "May 2023", dateAsEntered: { month: "5" } }],
      },
      police: { crimeReferences: ["CR/1", 7], officerInCharge: "DC Patel", wantsToSpeakToPolice: "yes" },
      othersAtRisk: "children",
    });
    expect(details.victim.afraidOf).toEqual({ people: [{ name: "Sam" }, {}, { relationship: "brother" }] });
    expect(details.consent).toEqual({ whyNotAware: "x" });
    expect(details.previousMarac).toEqual({
      referredBefore: "yes",
      referrals: [{ area: "Lowtown", dateAsEntered: { day: "", month: "5", year: "" } }],
    });
    expect(details.police).toEqual({ crimeReferences: ["CR/1"], officerInCharge: {}, wantsToSpeakToPolice: "yes" });
    expect(details.othersAtRisk).toEqual({});
  });

  it("explains a wrong value in GOV.UK style, naming its field", () => {
    const result = validateCaseDetails({
      ...emptyCaseDetails(),
      consent: { victimAware: "maybe" },
      previousMarac: { referredBefore: true },
      police: { wantsToSpeakToPolice: "y" },
      othersAtRisk: { anyone: 1 },
      victim: { afraidOf: { answer: "lots" } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: "consent.victimAware", message: "Select whether the victim knows about this referral" },
        {
          path: "previousMarac.referredBefore",
          message: "Select whether the victim has been referred to a MARAC before",
        },
        { path: "police.wantsToSpeakToPolice", message: "Select whether the victim wants to speak to the police" },
        { path: "othersAtRisk.anyone", message: "Select whether anyone else is at risk" },
        { path: "victim.afraidOf.answer", message: "Select whether the victim has said who they are afraid of" },
      ]),
    );
  });

  it("lets the sensitive ones be marked never to share", () => {
    for (const path of ["victim.gpPractice", "victim.safeToTalkTo", "victim.notSafeToTalkTo", "victim.afraidOf"]) {
      expect(isNonDisclosablePath(path)).toBe(true);
    }
    expect(isNonDisclosablePath("police.crimeReferences")).toBe(false);
    expect(readCaseDetails({ nonDisclosure: ["victim.gpPractice"] }).nonDisclosure).toEqual(["victim.gpPractice"]);
  });
});

describe("referralQuestionErrors", () => {
  it("has nothing to say about complete answers, or about questions not yet answered", () => {
    expect(referralQuestionErrors(withAnswers, TODAY)).toEqual([]);
    expect(referralQuestionErrors(emptyCaseDetails(), TODAY)).toEqual([]);
  });

  it("asks for each follow-up answer, naming its field", () => {
    const details = caseDetailsSchema.parse({
      ...emptyCaseDetails(),
      victim: { afraidOf: { answer: "named", people: [{ details: "follows her" }] } },
      consent: { victimAware: "no" },
      previousMarac: { referredBefore: "yes", referrals: [{}] },
      police: { wantsToSpeakToPolice: "no" },
      othersAtRisk: { anyone: "yes" },
    });
    expect(referralQuestionErrors(details, TODAY)).toEqual([
      { path: "consent.whyNotAware", message: "Enter why the victim is not aware of the referral" },
      {
        path: "victim.afraidOf.people[0].name",
        message: "Enter the name of person 1, or who they are to the victim",
      },
      {
        path: "previousMarac.referrals[0].area",
        message: "Enter which area's MARAC heard the earlier MARAC, or why it is not known",
      },
      {
        path: "previousMarac.referrals[0].date",
        message: "Enter the date of the earlier MARAC, or why it is not known",
      },
      {
        path: "police.wantsToSpeakToPoliceReason",
        message: "Enter why the victim does not want to speak to the police",
      },
      { path: "othersAtRisk.who", message: "Enter who else is at risk" },
    ]);
  });

  it("asks for the reason behind every 'not known'", () => {
    const details = caseDetailsSchema.parse({
      ...emptyCaseDetails(),
      victim: { afraidOf: { answer: "not-known" } },
      consent: { victimAware: "not-known" },
      previousMarac: { referredBefore: "not-known" },
      othersAtRisk: { anyone: "not-known" },
    });
    expect(referralQuestionErrors(details, TODAY).map((error) => error.path)).toEqual([
      "consent.awareNotKnownReason",
      "victim.afraidOf.notKnownReason",
      "previousMarac.notKnownReason",
      "othersAtRisk.notKnownReason",
    ]);
  });

  it("checks an earlier MARAC's date as typed, and accepts 'not known' with a reason instead", () => {
    const mistyped = caseDetailsSchema.parse({
      ...emptyCaseDetails(),
      previousMarac: {
        referredBefore: "yes",
        referrals: [
          { area: "Lowtown", dateAsEntered: { day: "31", month: "2", year: "2023" } },
          { notKnownReason: "She cannot remember" },
        ],
      },
    });
    expect(referralQuestionErrors(mistyped, TODAY)).toEqual([
      { path: "previousMarac.referrals[0].date", message: "The date of earlier MARAC 1 must be a real date" },
    ]);
  });
});
