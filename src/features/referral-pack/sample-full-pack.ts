// A full-size MARAC pack for timing the PDF (`npm run bench`: packPdfMs) and for tests: the police
// form's 27 questions and every supplementary question answered with detail and source, rich
// context facts and complete case details with three children. Fictional; not used by the app.
import { assessCase } from "../../domain/assess";
import { caseDetailsSchema } from "../../domain/case-record/case-details";
import { validateCaseFile } from "../../domain/case-file";
import { buildMaracPack } from "../../domain/referral-pack/build-marac-pack";
import type { PackCopy, ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import { QUESTION_SETS, SUPPLEMENTARY_QUESTIONS } from "../../domain/question-sets/question-set-registry";

export function buildSampleFullPack(copy: PackCopy = "shareable"): ReferralPackDocument {
  const answers: Record<string, { answer: "yes" | "no" | "not-known"; detail: string; source: "victim" | "records" }> =
    {};
  const questions = [...QUESTION_SETS["dash-2009-police"].questions, ...SUPPLEMENTARY_QUESTIONS];
  questions.forEach((question, index) => {
    answers[question.id] = {
      answer: index % 3 === 0 ? "yes" : index % 7 === 0 ? "not-known" : "no",
      detail:
        `In her words: an example account for ${question.riskFactor.toLowerCase()}, with dates, places and who was present. `
          .repeat(2)
          .trim(),
      source: index % 2 === 0 ? "victim" : "records",
    };
  });
  const validation = validateCaseFile({
    schemaVersion: 1,
    assessedAt: "2024-06-01T10:00:00Z",
    assessor: { role: "police", agency: "Example Constabulary" },
    questionSet: "dash-2009-police",
    safeToAsk: "yes",
    answers,
    context: {
      policeCallouts12m: 4,
      previousMaracDates: ["2024-01-15"],
      children: [
        { age: 3, relationshipToPerpetrator: "child" },
        { age: 7, relationshipToPerpetrator: "child" },
        { age: 12, relationshipToPerpetrator: "step-child" },
      ],
      pregnant: "yes",
      separation: { date: "2024-05-20", status: "recent" },
      perpetratorChecks: "done",
      perpetratorHistory: ["previous-da", "weapons", "breach-of-orders"],
      careAndSupport: {
        needs: "yes",
        needsKinds: ["mental-ill-health"],
        abuseOrNeglect: "yes",
        unableToProtectSelf: "not-known",
        capacity: "has-capacity",
        rationale: "Low mood since the birth; relies on him for money.",
      },
      housing: "temporary",
      protectiveOrders: [{ type: "non-molestation", granted: "2024-02-01", expires: "2024-08-01" }],
      nonDisclosure: ["dash.separation", "context.pregnant"],
    },
    professionalJudgement: {
      level: "high",
      rationale: "Escalating frequency since separation, and she is very frightened of what he will do next.",
    },
    previousAssessments: [{ date: "2024-01-10", riskLevel: "medium", agency: "police" }],
  });
  if (!validation.ok) throw new Error(`sample case is invalid: ${JSON.stringify(validation.issues)}`);
  const details = caseDetailsSchema.parse({
    detailsVersion: 1,
    victim: {
      name: "Alex Example",
      otherNames: "Alexandra Example",
      dateOfBirth: "1990-04-01",
      gender: "Female",
      address: { kind: "address", text: "Flat 3, 12 Example Road, Townsville", postcode: "ZZ1 1ZZ" },
      safeContact: {
        phone: "07700 900123",
        safeToCall: "yes",
        safeToText: "no",
        safeToLeaveMessage: "no",
        safeTimes: "Weekdays 10am to 2pm",
        otherSafeMethod: "Through her GP surgery",
      },
      languages: "English, Polish",
      interpreterNeeded: "no",
      diversityAndAccessNeeds: "Hearing loss in one ear: face her when speaking.",
      wishes: "Wants him to stay away, to keep the flat and for the children to stay at their schools.",
      gpPractice: "Hill Surgery, 3 Market Street, Townsville",
      safeToTalkTo: "Her sister; the health visitor",
      notSafeToTalkTo: "His mother, who passes everything on to him",
      afraidOf: {
        answer: "named",
        people: [
          { name: "Sam Example", relationship: "ex-partner", details: "Has threatened to kill her if she leaves" },
          { name: "Lee Example", relationship: "his brother", details: "Has been seen outside the flat" },
        ],
      },
    },
    perpetrator: {
      name: "Sam Example",
      dateOfBirth: "1985-02-02",
      relationship: "ex-partner",
      historyChecks: "done",
      historyChecksNote: "Police national computer and local records checked.",
    },
    children: [
      {
        name: "Robin",
        age: 3,
        school: "Little Acorns Nursery",
        relationshipToPerpetrator: "child",
        livesWithVictim: "yes",
      },
      { name: "Jo", age: 7, school: "Hill Primary", relationshipToPerpetrator: "child", livesWithVictim: "yes" },
      { name: "Kit", age: 12, school: "Town Academy", relationshipToPerpetrator: "step-child", livesWithVictim: "yes" },
    ],
    otherDependants: "None",
    referrer: {
      name: "PC Jones",
      role: "police",
      agency: "Example Constabulary",
      phone: "01234 567890",
      email: "referrer@example.invalid",
    },
    consent: {
      victimAware: "yes",
      status: "refused",
      lawfulBasis: "Crime and Disorder Act 1998 s115; UK GDPR Art 6(1)(e)",
      reasonWithoutConsent: "Risk of serious harm to her and the children.",
    },
    agenciesInvolved: ["Police", "GP", "Health visitor", "Children's social care"],
    actionsTaken: "Arrested and bailed with conditions; safety plan agreed; locks changed; children's schools told.",
    previousMarac: { referredBefore: "yes", referrals: [{ area: "Lowtown MARAC", date: "2024-01-15" }] },
    police: {
      crimeReferences: ["CR/12345/24", "CR/12399/24"],
      officerInCharge: { name: "DC Patel", rankAndNumber: "DC 4521", phone: "01234 000111" },
      wantsToSpeakToPolice: "yes",
      wantsToSpeakToPoliceReason: "She wants to report the threats made after the bail conditions.",
    },
    othersAtRisk: { anyone: "yes", who: "The three children; her mother, who he has also threatened" },
    nonDisclosure: ["victim.address", "children[1].school", "victim.safeToTalkTo", "victim.gpPractice"],
  });
  return buildMaracPack(details, validation.caseFile, assessCase(validation.caseFile), {
    copy,
    preparedAt: "2024-06-02T09:30:00.000Z",
  });
}
