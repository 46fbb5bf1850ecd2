// The coordinators judge a referral against their own form: a full pack answers every question on
// it, and a field dropped from the pack (or left empty, or "not known" without the reason) shows up
// as the question it leaves unanswered.
import { describe, expect, it } from "vitest";
import type { CaseDetails } from "../../case-record/case-details";
import { buildMaracPack } from "../build-marac-pack";
import { buildS42Pack } from "../build-s42-pack";
import type { ReferralPackDocument } from "../pack-document";
import {
  SAFEGUARDING_ADULTS_CONCERN_FORM,
  SAFELIVES_MARAC_FORM,
  unansweredFormQuestions,
  type FormQuestion,
} from "../safelives-marac-form";
import { fullDetails, fullScenario, PREPARED_AT } from "./pack-fixtures";

const marac = fullScenario();
const s42 = fullScenario("09-s42-three-tests-met.json");

function maracPack(details: CaseDetails = fullDetails()): ReferralPackDocument {
  return buildMaracPack(details, marac.caseFile, marac.outcome, { copy: "referrer", preparedAt: PREPARED_AT });
}

const unansweredIds = (pack: ReferralPackDocument, form: readonly FormQuestion[]) =>
  unansweredFormQuestions(pack, form).map(({ question, problem }) => `${question.id}: ${problem}`);

describe("the SafeLives MARAC referral form, as data", () => {
  it("has unique ids and a plain-English question for each entry", () => {
    for (const form of [SAFELIVES_MARAC_FORM, SAFEGUARDING_ADULTS_CONCERN_FORM]) {
      const ids = form.map((question) => question.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const question of form) {
        expect(question.answeredBy.length).toBeGreaterThan(0);
        expect(question.question).toMatch(/^[A-Z]/);
        expect(question.question).not.toMatch(/details\.|context\.|[a-z]+[A-Z][a-z]+/);
      }
    }
  });

  it("includes the questions issue 18 found missing, and the ones the pack already had", () => {
    const ids = SAFELIVES_MARAC_FORM.map((question) => question.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "victim-aware",
        "victim-aware-why-not",
        "afraid-of",
        "safe-to-talk-to",
        "not-safe-to-talk-to",
        "previous-marac",
        "previous-marac-where",
        "previous-marac-when",
        "crime-references",
        "officer-in-charge",
        "officer-contact",
        "speak-to-police",
        "victim-gp",
        "referring-agency",
        "victim-aliases",
        "victim-dob",
        "victim-postcode",
        "victim-safe-times",
        "perpetrator-relationship",
        "child-dob",
        "child-school",
        "criterion-visible-high-risk",
        "criterion-professional-judgement",
        "criterion-potential-escalation",
        "criterion-repeat",
        "consent",
        "lawful-basis",
        "victim-wishes",
        "victim-interpreter",
        "victim-housing",
        "victim-substance-use",
        "victim-pregnant",
      ]),
    );
  });
});

describe("a full MARAC pack answers every question on the form", () => {
  it("leaves no question unanswered", () => {
    expect(unansweredIds(maracPack(), SAFELIVES_MARAC_FORM)).toEqual([]);
  });

  it("catches a field removed from the pack: no row is built from it any more", () => {
    const pack = maracPack();
    const withoutGp: ReferralPackDocument = {
      ...pack,
      sections: pack.sections.map((section) => ({
        ...section,
        rows: section.rows.filter((entry) => !entry.sourcePaths.includes("details.victim.gpPractice")),
      })),
    };
    expect(unansweredIds(withoutGp, SAFELIVES_MARAC_FORM)).toEqual(["victim-gp: no-field"]);
  });

  it("catches a field left empty, and 'not known' without its reason", () => {
    const full = fullDetails();
    const details: CaseDetails = {
      ...full,
      victim: { ...full.victim, safeToTalkTo: " ", afraidOf: { answer: "not-known" } },
      previousMarac: { referredBefore: "yes", referrals: [{ area: "Lowtown MARAC" }] },
    };
    expect(unansweredIds(maracPack(details), SAFELIVES_MARAC_FORM)).toEqual([
      "afraid-of: empty",
      "safe-to-talk-to: empty",
      "previous-marac-when: empty",
    ]);
  });

  it("accepts 'not known' with its reason as an answer", () => {
    const full = fullDetails();
    const details: CaseDetails = {
      ...full,
      victim: { ...full.victim, afraidOf: { answer: "not-known", notKnownReason: "Not safe to ask yet" } },
      consent: { ...full.consent, victimAware: "not-known", awareNotKnownReason: "Not seen since the arrest" },
      previousMarac: { referredBefore: "yes", referrals: [{ notKnownReason: "She recalls one, not where" }] },
    };
    expect(unansweredIds(maracPack(details), SAFELIVES_MARAC_FORM)).toEqual([]);
  });

  it("asks 'why not' only when the victim is not aware, and then needs it", () => {
    const full = fullDetails();
    const notAware = { ...full, consent: { status: "refused" as const, victimAware: "no" as const } };
    expect(unansweredIds(maracPack(notAware), SAFELIVES_MARAC_FORM)).toEqual([
      "victim-aware-why-not: empty",
      "lawful-basis: empty",
      "reason-without-consent: empty",
    ]);
  });
});

describe("a full s42 pack answers every question on the safeguarding-adults concern form", () => {
  const s42Pack = (details: CaseDetails) =>
    buildS42Pack(details, s42.caseFile, s42.outcome, { copy: "referrer", preparedAt: PREPARED_AT });

  it("leaves no question unanswered", () => {
    expect(unansweredIds(s42Pack(fullDetails()), SAFEGUARDING_ADULTS_CONCERN_FORM)).toEqual([]);
  });

  it("catches who else is at risk left unanswered", () => {
    const { othersAtRisk: _removed, ...withoutOthers } = fullDetails();
    expect(unansweredIds(s42Pack(withoutOthers), SAFEGUARDING_ADULTS_CONCERN_FORM)).toEqual(["others-at-risk: empty"]);
  });
});
