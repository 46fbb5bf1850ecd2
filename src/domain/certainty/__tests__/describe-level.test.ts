// @vitest-environment node
// Every branch of describeLevel: never a level without its certainty, never an empty checklist
// shown as a plain "Standard".
import { describe, expect, it } from "vitest";
import { assessCase } from "../../assess";
import type { CaseFile } from "../../case-file";
import { assertNoRawIds } from "../../labels/raw-ids";
import { buildCase, yesCount } from "../../__tests__/case-builder";
import { describeLevel, isObservedNotAsked } from "../describe-level";
import { describeLevelFromSummary, levelCertaintyCodes } from "../summary-codes";

const describeCase = (caseFile: CaseFile) => describeLevel(assessCase(caseFile), { caseFile });

describe("describeLevel", () => {
  it("says 'Not assessed yet' with no outcome", () => {
    const description = describeLevel(null);
    expect(description).toMatchObject({ status: "not-assessed", level: null, sentence: "Not assessed yet" });
  });

  it("never shows the empty police checklist (27 questions, none answered) as a plain Standard", () => {
    const caseFile = buildCase({ questionSet: "dash-2009-police", base: "empty" });
    for (const description of [describeCase(caseFile), describeLevel(assessCase(caseFile))]) {
      expect(description.status).toBe("not-assessed");
      expect(description.level).toBeNull();
      expect(description.sentence).toBe("Not assessed yet: none of the 27 questions has been answered");
      expect(description.sentence).not.toMatch(/Standard/);
      expect(description.provisionalReasons).toEqual([{ kind: "not-asked", count: 27, of: 27 }]);
    }
  });

  it("with only a follow-up answer, says Standard is provisional with all 27 questions not asked", () => {
    const caseFile = buildCase({
      questionSet: "dash-2009-police",
      base: "empty",
      answers: { "brag.isolated": "no" },
      context: { perpetratorChecks: "done" },
    });
    const description = describeCase(caseFile);
    expect(description.sentence).toBe(
      "Standard — from the score: 0 yes of 27; provisional: 27 of 27 questions not asked",
    );
    expect(description.short).toBe("Standard (provisional)");
  });

  it("names the rule floor that set the level", () => {
    const description = describeCase(
      buildCase({ answers: { "dash.strangulation": "yes" }, context: { perpetratorChecks: "done" } }),
    );
    expect(description).toMatchObject({ basis: "rule-floor", floorRules: ["strangulation"], provisional: false });
    expect(description.sentence).toBe("High — rule floor: strangulation");
    expect(description.short).toBe("High");
  });

  it("names every rule that reached the floor level", () => {
    const description = describeCase(
      buildCase({
        answers: { "dash.strangulation": "yes", "dash.threats-to-kill": "yes" },
        context: { perpetratorChecks: "done" },
      }),
    );
    expect(description.sentence).toBe("High — rule floor: strangulation, threats to kill");
  });

  it("says a level from the score is from the score, with the yes count", () => {
    const description = describeCase(buildCase({ answers: yesCount(10), context: { perpetratorChecks: "done" } }));
    expect(description).toMatchObject({ basis: "score", level: "medium", provisional: false });
    expect(description.sentence).toBe("Medium — from the score: 10 yes of 24");
  });

  it("counts not known and not asked separately", () => {
    const description = describeCase(
      buildCase({
        answers: {
          "dash.injury": "not-known",
          "dash.isolated": "not-known",
          "dash.financial": { answer: "not-known", detail: "she would not say" },
          "dash.breach": undefined,
          "dash.weapons": undefined,
        },
        context: { perpetratorChecks: "done" },
      }),
    );
    expect(description.counts).toMatchObject({ notKnown: 3, notAsked: 2, questions: 24 });
    expect(description.sentence).toBe("Standard — from the score: 0 yes of 24; provisional: 3 not known, 2 not asked");
  });

  it("counts follow-up questions not known on their own, and pending history checks", () => {
    const description = describeCase(
      buildCase({ answers: { "stalking.turns-up": "not-known" }, context: { perpetratorChecks: "pending" } }),
    );
    expect(description.sentence).toBe(
      "Standard — from the score: 0 yes of 24; provisional: 1 follow-up question not known, history checks pending",
    );
  });

  it("says when professional judgement raised the level, and from what", () => {
    const description = describeCase(
      buildCase({
        answers: yesCount(10),
        context: { perpetratorChecks: "done" },
        professionalJudgement: { level: "high", rationale: "She fears for her life" },
      }),
    );
    expect(description).toMatchObject({ basis: "professional-judgement", raisedByJudgementFrom: "medium" });
    expect(description.sentence).toBe("High — raised by professional judgement from Medium");
  });

  it("a judgement equal to the computed level keeps the computed basis", () => {
    const description = describeCase(
      buildCase({
        answers: { "dash.strangulation": "yes" },
        context: { perpetratorChecks: "done" },
        professionalJudgement: { level: "high", rationale: "Agree with the rule" },
      }),
    );
    expect(description.basis).toBe("rule-floor");
    expect(description.raisedByJudgementFrom).toBeUndefined();
  });

  it("a refused (lower) judgement on an empty checklist still describes the assessed level", () => {
    const caseFile = buildCase({
      base: "empty",
      previousAssessments: [{ date: "2024-02-01", riskLevel: "high" }],
      professionalJudgement: { level: "standard", rationale: "She says it is fine" },
    });
    const description = describeCase(caseFile);
    expect(description.status).toBe("assessed");
    expect(description.sentence).toBe(
      "High — rule floor: carried forward from the previous assessment; provisional: 24 of 24 questions not asked",
    );
  });

  it("says 'observed, not asked' when it was not safe to ask and the answers are observed or from records", () => {
    const caseFile = buildCase({
      base: "empty",
      safeToAsk: "no",
      answers: {
        "dash.strangulation": { answer: "yes", source: "observed", detail: "marks on her neck" },
        "dash.criminal-history": { answer: "yes", source: "records" },
      },
      context: { perpetratorChecks: "done" },
    });
    expect(isObservedNotAsked(caseFile)).toBe(true);
    const description = describeCase(caseFile);
    expect(description.observedNotAsked).toBe(true);
    expect(description.sentence).toBe(
      "High — rule floor: strangulation; observed, not asked; provisional: 22 not asked",
    );
  });

  it("says 'not safe to ask' (or not known whether it was) when answers came from the victim anyway", () => {
    const no = describeCase(buildCase({ safeToAsk: "no", context: { perpetratorChecks: "done" } }));
    expect(no.sentence).toBe("Standard — from the score: 0 yes of 24; provisional: not safe to ask");
    expect(no.observedNotAsked).toBe(false);
    const unknown = describeCase(buildCase({ safeToAsk: "not-known", context: { perpetratorChecks: "done" } }));
    expect(unknown.sentence).toContain("provisional: not known whether it was safe to ask");
    // Without the case file, the warning still shows it was not safe to ask.
    const fromOutcomeOnly = describeLevel(
      assessCase(buildCase({ safeToAsk: "no", context: { perpetratorChecks: "done" } })),
    );
    expect(fromOutcomeOnly.sentence).toContain("not safe to ask");
  });

  it("a complete assessment says no more than its level and basis", () => {
    const description = describeCase(buildCase({ context: { perpetratorChecks: "done" } }));
    expect(description).toMatchObject({ provisional: false, provisionalReasons: [] });
    expect(description.sentence).toBe("Standard — from the score: 0 yes of 24");
  });

  it("every sentence is plain words", () => {
    for (const caseFile of [
      buildCase({ answers: { "dash.weapons": "yes", "dash.more-often": "yes" } }),
      buildCase({ answers: { "hbv.family-threats": "yes" }, safeToAsk: "not-known" }),
      buildCase({ answers: { "dash.injury": "yes", "dash.pregnancy": "yes" } }),
    ]) {
      assertNoRawIds(describeCase(caseFile).sentence);
    }
  });
});

describe("the level's certainty in a case row's clear codes", () => {
  const roundTrip = (caseFile: CaseFile) =>
    describeLevelFromSummary(assessCase(caseFile).riskLevel, levelCertaintyCodes(describeCase(caseFile)));

  it("gives back the same sentence as describeLevel, less the score count", () => {
    const floor = buildCase({ answers: { "dash.strangulation": "yes" }, context: { perpetratorChecks: "done" } });
    expect(roundTrip(floor).sentence).toBe("High — rule floor: strangulation");
    const gaps = buildCase({
      answers: { "dash.injury": "not-known", "dash.breach": undefined, "stalking.turns-up": "not-known" },
      safeToAsk: "not-known",
      context: { perpetratorChecks: "pending" },
    });
    expect(roundTrip(gaps)).toEqual({
      sentence:
        "Standard — from the score; provisional: not known whether it was safe to ask, 1 not known, 1 not asked, 1 follow-up question not known, history checks pending",
      short: "Standard (provisional)",
      provisional: true,
    });
    const judged = buildCase({
      answers: yesCount(10),
      context: { perpetratorChecks: "done" },
      professionalJudgement: { level: "high", rationale: "Fears for her life" },
    });
    expect(roundTrip(judged).sentence).toBe("High — raised by professional judgement from Medium");
    const observed = buildCase({
      base: "empty",
      safeToAsk: "no",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
      context: { perpetratorChecks: "done" },
    });
    expect(roundTrip(observed).sentence).toBe(
      "High — rule floor: strangulation; observed, not asked; provisional: 23 not asked",
    );
    const empty = buildCase({ base: "empty" });
    expect(roundTrip(empty).sentence).toBe("Not assessed yet");
  });

  it("every code is a valid clear code (no spaces, at most 64 characters)", () => {
    const caseFile = buildCase({ answers: { "dash.injury": "not-known" }, safeToAsk: "no" });
    for (const code of levelCertaintyCodes(describeCase(caseFile)))
      expect(code).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
  });

  it("never shows a bare level for rows written before the codes existed", () => {
    expect(describeLevelFromSummary("medium", ["provisional"]).sentence).toBe(
      "Medium — provisional: open the case to see why",
    );
    expect(describeLevelFromSummary("high", []).short).toBe("High (certainty not recorded)");
    expect(describeLevelFromSummary(null, []).sentence).toBe("Not assessed yet");
  });
});
