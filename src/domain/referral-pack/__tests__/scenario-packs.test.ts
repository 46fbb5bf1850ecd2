// Pack content for every shared scenario that refers to MARAC or s42: load the scenario, run the
// engine, build the pack, and check the pack says what the outcome decided, with its reasons.
import { describe, expect, it } from "vitest";
import type { MaracCriterion } from "../../outcome";
import { QUESTION_SETS } from "../../question-sets/question-set-registry";
import { buildMaracPack, MARAC_CRITERION_LABELS } from "../build-marac-pack";
import { buildS42Pack, CAPACITY_IS_NOT_THE_TEST } from "../build-s42-pack";
import { packsCalledFor } from "../build-pack";
import { NOT_RECORDED, packPlainText, type PackRow, type ReferralPackDocument } from "../pack-document";
import { completeDetails, loadScenario, PREPARED_AT } from "./pack-fixtures";
import { labelForFloorRule } from "../../labels/labels";

function section(document: ReferralPackDocument, id: string) {
  const found = document.sections.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function rowOf(document: ReferralPackDocument, sectionId: string, label: string): PackRow {
  const found = section(document, sectionId).rows.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no row "${label}" in ${sectionId}`);
  return found;
}

const MARAC_SCENARIOS = [
  "01-strangulation-alone.json",
  "02-fourteen-yes.json",
  "03-threats-to-kill.json",
  "04-judgement-raises.json",
  "07-potential-escalation.json",
  "08-repeat-marac.json",
  "15-local-threshold.json",
  "22-planned-review-not-repeat.json",
];

describe("MARAC pack from each MARAC scenario", () => {
  it.each(MARAC_SCENARIOS)("%s", (file) => {
    const { caseFile, outcome, expect: expected } = loadScenario(file);
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });

    expect(pack.title).toBe("MARAC referral");
    expect(rowOf(pack, "risk", "Risk level").value).toMatch(new RegExp(`^${outcome.riskLevel}`, "i"));

    // Every criterion the scenario expects is ticked "Yes" with its reason; the others say "No".
    for (const criterion of Object.keys(MARAC_CRITERION_LABELS) as MaracCriterion[]) {
      const value = rowOf(pack, "marac-criteria", MARAC_CRITERION_LABELS[criterion]).value ?? "";
      expect(value.startsWith("Yes"), `${criterion}: ${value}`).toBe(outcome.marac.criteria.includes(criterion));
    }
    for (const criterion of expected.marac?.criteria ?? []) expect(outcome.marac.criteria).toContain(criterion);
    if (expected.marac?.repeat !== undefined) {
      expect(rowOf(pack, "marac-criteria", "Repeat referral").value).toBe(expected.marac.repeat ? "Yes" : "No");
    }
    if (expected.marac?.refer !== undefined) {
      expect(rowOf(pack, "marac-criteria", "Referral to MARAC").value?.startsWith("Yes")).toBe(expected.marac.refer);
    }

    // Every rule-floor reason is in the pack, with its rule named in words (never its code).
    const reasons = rowOf(pack, "risk", "Rule-floor reasons").list?.map((listItem) => listItem.text) ?? [];
    expect(reasons).toHaveLength(outcome.escalations.length);
    for (const escalation of outcome.escalations) {
      expect(
        reasons.some(
          (text) => text.includes(escalation.reason) && text.includes(`rule: ${labelForFloorRule(escalation.rule)}`),
        ),
      ).toBe(true);
    }
    for (const rule of expected.escalations ?? [])
      expect(reasons.some((text) => text.includes(`rule: ${labelForFloorRule(rule)}`))).toBe(true);

    // The full question list: one row per question of the set, each with its answer.
    const set = QUESTION_SETS[caseFile.questionSet];
    const answerRows = section(pack, "answers").rows.filter((candidate) =>
      candidate.sourcePaths[0]?.startsWith("answers.dash."),
    );
    expect(answerRows).toHaveLength(set.questions.length);
    set.questions.forEach((question, index) => {
      const entry = caseFile.answers[question.id];
      const answer =
        entry === undefined
          ? "Not asked"
          : (typeof entry === "string" ? entry : entry.answer).replace("not-known", "Not known");
      expect(answerRows[index]!.label).toBe(`${index + 1}. ${question.wording}`);
      expect(answerRows[index]!.value!.toLowerCase().startsWith(answer.toLowerCase())).toBe(true);
    });

    // Timeline: one row per stage with evidence.
    expect(section(pack, "timeline").rows.filter((candidate) => candidate.label.startsWith("Stage "))).toHaveLength(
      outcome.timeline.stages.length,
    );

    // People and consent.
    expect(rowOf(pack, "victim", "Safe phone number").value).toBe("07700 900123");
    expect(rowOf(pack, "victim", "Safe times to make contact").value).toBe("Weekdays 10am to 2pm");
    expect(rowOf(pack, "perpetrator", "Relationship to the victim").value).toBe("Ex-partner");
    expect(rowOf(pack, "children", "Child 1: school or nursery").value).toBe("Hidden Lane Primary");
    expect(rowOf(pack, "consent", "What the victim wants").value).toBe("Wants him to stay away and to keep the house");
    expect(rowOf(pack, "consent", "Consent to this referral").value).toBe("Given");
    expect(rowOf(pack, "agencies-actions", "Immediate safety actions already taken").value).toBe(
      "Arrested; safety plan agreed",
    );
  });

  it("strangulation (01): the reason is in plain English and names its evidence", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const text = packPlainText(
      buildMaracPack(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT }),
    );
    expect(text).toMatch(/strangl/i);
    expect(text).toContain("Visible high risk (14 or more yes on the checklist): No");
  });

  it("does not list history checks as missing when the case details record them", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const missingOf = (pack: ReferralPackDocument) =>
      rowOf(pack, "risk", "Information still missing").list?.map((listItem) => listItem.text) ?? [];
    const recorded = buildMaracPack(completeDetails(), caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    expect(missingOf(recorded).some((text) => text.startsWith("History checks on the person causing harm:"))).toBe(
      false,
    );
    const unrecorded = buildMaracPack(completeDetails({ perpetrator: { name: "Sam" } }), caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    expect(missingOf(unrecorded).some((text) => text.startsWith("History checks on the person causing harm:"))).toBe(
      true,
    );
  });

  it("professional judgement (04): the rationale is in the pack", () => {
    const { caseFile, outcome } = loadScenario("04-judgement-raises.json");
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    expect(rowOf(pack, "risk", "Professional judgement").value).toContain(caseFile.professionalJudgement!.rationale);
  });

  it("repeat (08): the previous MARAC date is listed", () => {
    const { caseFile, outcome } = loadScenario("08-repeat-marac.json");
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    expect(rowOf(pack, "marac-criteria", "Previous MARAC dates").list?.map((listItem) => listItem.text)).toEqual([
      "2024-01-15",
    ]);
  });

  it("without consent the pack shows the lawful basis and the reason", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const details = completeDetails({
      consent: {
        status: "refused",
        lawfulBasis: "Crime and Disorder Act 1998 s115",
        reasonWithoutConsent: "Risk of serious harm",
      },
    });
    const pack = buildMaracPack(details, caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    expect(rowOf(pack, "consent", "Lawful basis for sharing without consent").value).toBe(
      "Crime and Disorder Act 1998 s115",
    );
    expect(rowOf(pack, "consent", "Why it is shared without consent").value).toBe("Risk of serious harm");
  });

  it("says 'Not recorded' for a field left empty rather than leaving it out", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const pack = buildMaracPack(completeDetails({ actionsTaken: undefined }), caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    expect(rowOf(pack, "agencies-actions", "Immediate safety actions already taken").value).toBe(NOT_RECORDED);
  });
});

describe("s42 pack from each s42 scenario", () => {
  it("09: all three tests met, each with its answer, capacity recorded separately", () => {
    const { caseFile, outcome, expect: expected } = loadScenario("09-s42-three-tests-met.json");
    const pack = buildS42Pack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    expect(pack.title).toMatch(/s42/);
    expect(rowOf(pack, "s42-tests", "Decision").value).toMatch(/^Refer/);
    expect(expected.s42?.tests).toEqual({ needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "yes" });
    expect(
      rowOf(pack, "s42-tests", "1. Has needs for care and support (whether or not they are being met)").value,
    ).toBe("Yes");
    expect(
      rowOf(pack, "s42-tests", "2. Is experiencing, or at risk of, abuse or neglect (domestic abuse counts)").value,
    ).toBe("Yes");
    expect(rowOf(pack, "s42-tests", "3. Because of those needs, is unable to protect themselves").value).toBe("Yes");
    expect(rowOf(pack, "s42-tests", "Care and support needs").list?.map((listItem) => listItem.text)).toEqual([
      "substance dependence",
    ]);
    expect(rowOf(pack, "s42-tests", "Reasons").list?.length).toBeGreaterThan(0);
    // Capacity is its own section, never inside the tests, with why it does not decide them.
    expect(section(pack, "s42-tests").rows.some((candidate) => /capacity/i.test(candidate.label))).toBe(false);
    expect(rowOf(pack, "capacity", "Capacity").value).toMatch(/^Has capacity/);
    expect(rowOf(pack, "capacity", "Why capacity does not decide the test").value).toBe(CAPACITY_IS_NOT_THE_TEST);
    expect(rowOf(pack, "consent", "What the adult wants to happen").value).toBe(
      "Wants him to stay away and to keep the house",
    );
    expect(rowOf(pack, "other-pathways", "How they fit together").value).toMatch(/never replaces, delays or blocks/);
    expect(rowOf(pack, "immediate-risk", "Immediate safety actions already taken").value).toBe(
      "Arrested; safety plan agreed",
    );
  });

  it("10: a test not known is shown as not known, and the decision says so", () => {
    const { caseFile, outcome, expect: expected } = loadScenario("10-s42-not-known.json");
    expect(expected.s42?.decision).toBe("insufficient-information");
    const pack = buildS42Pack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    expect(rowOf(pack, "s42-tests", "Decision").value).toMatch(/^Not yet known/);
    expect(rowOf(pack, "s42-tests", "3. Because of those needs, is unable to protect themselves").value).toBe(
      "Not known",
    );
    expect(rowOf(pack, "capacity", "Capacity").value).toBe(NOT_RECORDED);
  });

  it("a MARAC pathway never stops the s42 pack being offered: both are offered together", () => {
    const { outcome } = loadScenario("09-s42-three-tests-met.json", (raw) => {
      (raw.answers as Record<string, string>)["dash.strangulation"] = "yes";
    });
    expect(packsCalledFor(outcome).map((offer) => offer.kind)).toEqual(["marac", "s42"]);
    const s42Pack = buildS42Pack(completeDetails(), loadScenario("09-s42-three-tests-met.json").caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    expect(
      rowOf(s42Pack, "other-pathways", "Other referrals called for").list?.some((listItem) =>
        listItem.text.startsWith("MARAC: refer"),
      ),
    ).toBe(true);
  });

  it("offers only what the pathways call for", () => {
    expect(packsCalledFor(loadScenario("01-strangulation-alone.json").outcome).map((offer) => offer.kind)).toEqual([
      "marac",
    ]);
    expect(packsCalledFor(loadScenario("09-s42-three-tests-met.json").outcome).map((offer) => offer.kind)).toContain(
      "s42",
    );
  });
});
