import { describe, expect, it } from "vitest";
import { emptyCaseDetails } from "../../case-record/case-details";
import {
  childrenAndPregnancyItem,
  consentOrLawfulBasisItem,
  judgementRationaleItem,
  languageItem,
  notKnownExplainedItem,
  perpetratorHistoryItem,
  QUALITY_ITEM_IDS,
  runQualityChecklist,
  s42ConsideredItem,
  safeContactItem,
  timelineReviewedItem,
} from "../quality-checklist";
import { goodDetails, noAssessment, reviewInput, TIMELINE_IDS } from "./review-fixtures";

const RATIONALE = "Victim describes escalating control since separation; officer judges risk high.";

describe("the checklist as a whole", () => {
  it("runs every item once, in order, and a well-recorded case meets every applicable item", () => {
    const items = runQualityChecklist(reviewInput());
    expect(items.map((item) => item.id)).toEqual([...QUALITY_ITEM_IDS]);
    expect(items.filter((item) => item.applies && !item.met)).toEqual([]);
    for (const item of items) expect(item.explanation.length).toBeGreaterThan(10);
  });

  it("never reports a not-applicable item as met", () => {
    for (const item of runQualityChecklist(noAssessment(emptyCaseDetails()))) {
      if (!item.applies) expect(item.met).toBe(false);
    }
  });
});

describe("rationale written for any professional judgement", () => {
  it("does not apply without a judgement, or without an assessment", () => {
    expect(judgementRationaleItem(reviewInput()).applies).toBe(false);
    expect(judgementRationaleItem(noAssessment()).applies).toBe(false);
  });
  it("is met by a real rationale", () => {
    const item = judgementRationaleItem(
      reviewInput({ professionalJudgement: { level: "high", rationale: RATIONALE } }),
    );
    expect(item).toMatchObject({ applies: true, met: true, evidence: ["professionalJudgement.rationale"] });
  });
  it("is missed by a placeholder rationale, naming which judgement", () => {
    const item = judgementRationaleItem(reviewInput({ bragJudgement: { colour: "red", rationale: "see notes" } }));
    expect(item).toMatchObject({ applies: true, met: false, evidence: ["bragJudgement.rationale"] });
  });
});

describe("every not known followed up or explained", () => {
  it("does not apply when nothing is not known, or without an assessment", () => {
    expect(notKnownExplainedItem(reviewInput()).applies).toBe(false);
    expect(notKnownExplainedItem(noAssessment()).applies).toBe(false);
  });
  it("is met when each not-known answer has a note", () => {
    const item = notKnownExplainedItem(
      reviewInput({
        answers: { "dash.pregnancy": { answer: "not-known", detail: "Not asked: perpetrator present; IDVA to ask." } },
      }),
    );
    expect(item).toMatchObject({ applies: true, met: true, evidence: ["answers.dash.pregnancy"] });
  });
  it("is missed and lists each unexplained not-known, including s42 tests without a rationale", () => {
    const item = notKnownExplainedItem(
      reviewInput({
        answers: { "dash.pregnancy": "not-known" },
        context: { careAndSupport: { needs: "yes", abuseOrNeglect: "not-known", unableToProtectSelf: "yes" } },
      }),
    );
    expect(item.applies).toBe(true);
    expect(item.met).toBe(false);
    expect(item.evidence).toEqual(["answers.dash.pregnancy", "context.careAndSupport.abuseOrNeglect"]);
  });
  it("counts a blank note as no note", () => {
    expect(
      notKnownExplainedItem(reviewInput({ answers: { "dash.pregnancy": { answer: "not-known", detail: "   " } } })).met,
    ).toBe(false);
  });
});

describe("perpetrator history checked", () => {
  it("always applies, even before an assessment", () => {
    expect(perpetratorHistoryItem(noAssessment()).applies).toBe(true);
  });
  it("is met by checks done in the details or the assessment", () => {
    expect(perpetratorHistoryItem(noAssessment(goodDetails({ perpetrator: { historyChecks: "done" } }))).met).toBe(
      true,
    );
    expect(
      perpetratorHistoryItem(reviewInput({ context: { perpetratorChecks: "done" } }, goodDetails({ perpetrator: {} })))
        .met,
    ).toBe(true);
  });
  it("is met by 'not possible' only with a reason", () => {
    expect(
      perpetratorHistoryItem(noAssessment(goodDetails({ perpetrator: { historyChecks: "not-possible" } }))).met,
    ).toBe(false);
    expect(
      perpetratorHistoryItem(
        noAssessment(
          goodDetails({
            perpetrator: { historyChecks: "not-possible", historyChecksNote: "No PNC access out of hours" },
          }),
        ),
      ).met,
    ).toBe(true);
  });
  it("is missed while pending or not recorded", () => {
    const pending = perpetratorHistoryItem(
      reviewInput({ context: { perpetratorChecks: "pending" } }, goodDetails({ perpetrator: {} })),
    );
    expect(pending).toMatchObject({ met: false, evidence: ["context.perpetratorChecks"] });
    expect(pending.explanation).toMatch(/pending/);
    expect(perpetratorHistoryItem(noAssessment(emptyCaseDetails())).met).toBe(false);
  });
});

describe("children and pregnancy considered", () => {
  it("does not apply without an assessment", () => {
    expect(childrenAndPregnancyItem(noAssessment()).applies).toBe(false);
  });
  it("is met when both are recorded, even as none / no", () => {
    expect(childrenAndPregnancyItem(reviewInput())).toMatchObject({ applies: true, met: true });
  });
  it("is missed when pregnancy was never asked or recorded", () => {
    const item = childrenAndPregnancyItem(
      reviewInput({ answers: { "dash.pregnancy": undefined }, context: { children: [], pregnant: undefined } }),
    );
    expect(item.met).toBe(false);
    expect(item.explanation).toMatch(/pregnancy/);
    expect(item.explanation).not.toMatch(/children and/);
  });
  it("is missed when children were neither asked about nor recorded", () => {
    const input = reviewInput({ answers: { "dash.children-not-perpetrators": undefined } });
    const caseFile = { ...input.caseFile!, context: { pregnant: "no" as const } };
    const item = childrenAndPregnancyItem({ ...input, caseFile });
    expect(item.met).toBe(false);
    expect(item.explanation).toMatch(/children/);
  });
});

describe("s42 considered where care and support needs were recorded", () => {
  it("does not apply when no needs are recorded (or needs are 'no')", () => {
    expect(s42ConsideredItem(reviewInput()).applies).toBe(false);
    expect(s42ConsideredItem(reviewInput({ context: { careAndSupport: { needs: "no" } } })).applies).toBe(false);
    expect(s42ConsideredItem(noAssessment()).applies).toBe(false);
  });
  it("is met when all three tests are considered", () => {
    const item = s42ConsideredItem(
      reviewInput({ context: { careAndSupport: { needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "no" } } }),
    );
    expect(item).toMatchObject({ applies: true, met: true });
  });
  it("is missed when needs are recorded but a test was left out", () => {
    const item = s42ConsideredItem(
      reviewInput({ context: { careAndSupport: { needsKinds: ["learning-disability"], abuseOrNeglect: "yes" } } }),
    );
    expect(item).toMatchObject({ applies: true, met: false });
    expect(item.evidence).toContain("context.careAndSupport.unableToProtectSelf");
  });
});

describe("safe contact details present", () => {
  it("is met by a contact method with when or how it is safe", () => {
    expect(safeContactItem(noAssessment()).met).toBe(true);
  });
  it("is missed with no contact method", () => {
    const item = safeContactItem(noAssessment(goodDetails({ victim: {} })));
    expect(item).toMatchObject({ applies: true, met: false });
    expect(item.explanation).toMatch(/No way of reaching/);
  });
  it("is missed when it is not recorded whether the method is safe", () => {
    const item = safeContactItem(noAssessment(goodDetails({ victim: { safeContact: { phone: "07700 900000" } } })));
    expect(item.met).toBe(false);
    expect(item.explanation).toMatch(/safe to call/);
  });
});

describe("consent or lawful basis recorded", () => {
  it("is met by consent", () => {
    expect(consentOrLawfulBasisItem(noAssessment()).met).toBe(true);
  });
  it("is met without consent when a lawful basis is written", () => {
    const item = consentOrLawfulBasisItem(
      noAssessment(
        goodDetails({
          consent: { status: "refused", lawfulBasis: "Risk of serious harm; Crime and Disorder Act s115" },
        }),
      ),
    );
    expect(item).toMatchObject({ met: true, evidence: ["consent.status", "consent.lawfulBasis"] });
  });
  it("is missed when consent was refused and no basis is written, or nothing is recorded", () => {
    expect(consentOrLawfulBasisItem(noAssessment(goodDetails({ consent: { status: "refused" } }))).met).toBe(false);
    expect(consentOrLawfulBasisItem(noAssessment(goodDetails({ consent: {} }))).met).toBe(false);
  });
});

describe("timeline evidence reviewed", () => {
  it("does not apply without an assessment", () => {
    expect(timelineReviewedItem(noAssessment()).applies).toBe(false);
  });
  it("is met when every timeline indicator was considered", () => {
    expect(timelineReviewedItem(reviewInput())).toMatchObject({ applies: true, met: true });
  });
  it("is missed and names the indicators skipped", () => {
    const skipped = TIMELINE_IDS.slice(0, 2);
    const item = timelineReviewedItem(
      reviewInput({ answers: Object.fromEntries(skipped.map((id) => [id, undefined])) }),
    );
    expect(item.met).toBe(false);
    expect(item.evidence).toEqual(skipped.map((id) => `answers.${id}`));
  });
});

describe("free text free of victim-blaming language", () => {
  it("does not apply when there is no free text", () => {
    expect(languageItem(noAssessment()).applies).toBe(false);
  });
  it("is met by neutral text", () => {
    expect(languageItem(noAssessment(goodDetails({ notes: "Seen at home with IDVA; locks changed." })))).toMatchObject({
      applies: true,
      met: true,
    });
  });
  it("is missed and shows each hit with a better phrasing", () => {
    const item = languageItem(
      reviewInput(
        { answers: { "dash.isolated": { answer: "yes", detail: "Non-engager with services" } } },
        goodDetails({ notes: "Chaotic. Her lifestyle choice." }),
      ),
    );
    expect(item.met).toBe(false);
    expect(item.languageHits!.map((hit) => [hit.path, hit.found])).toEqual([
      ["notes", "Chaotic"],
      ["notes", "lifestyle choice"],
      ["answers.dash.isolated.detail", "Non-engager"],
    ]);
    for (const hit of item.languageHits!) expect(hit.suggestion.length).toBeGreaterThan(10);
  });
  it("flags 'sex worker' only where exploitation is recorded", () => {
    const details = goodDetails({ notes: "Known locally as a sex worker." });
    expect(languageItem(reviewInput({}, details)).met).toBe(true);
    const exploited = languageItem(reviewInput({ context: { exploitation: ["sex-for-accommodation"] } }, details));
    expect(exploited.met).toBe(false);
    expect(exploited.languageHits!.map((hit) => hit.phraseId)).toEqual(["sex-worker"]);
  });
  it("does not check the victim's own quoted wishes", () => {
    expect(languageItem(noAssessment(goodDetails({ victim: { wishes: "I know my life is chaotic" } }))).applies).toBe(
      false,
    );
  });
});
