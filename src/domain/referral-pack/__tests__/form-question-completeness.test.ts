// Completeness for the questions the coordinators' forms make mandatory (issue 18): each must be
// answered, and "not known" is an answer only with its reason, which turns it into a follow-up action.
import { describe, expect, it } from "vitest";
import type { CaseDetails } from "../../case-record/case-details";
import { checkMaracPackCompleteness } from "../marac-completeness";
import { checkS42PackCompleteness } from "../s42-completeness";
import { completeDetails, loadScenario } from "./pack-fixtures";

const strangulation = loadScenario("01-strangulation-alone.json");
const repeat = loadScenario("08-repeat-marac.json");
const s42 = loadScenario("09-s42-three-tests-met.json", (raw) => {
  (raw.context as Record<string, Record<string, unknown>>).careAndSupport!.rationale =
    "Dependence leaves her unable to leave";
});

const marac = (details: CaseDetails, scenario = strangulation) =>
  checkMaracPackCompleteness(details, scenario.caseFile, scenario.outcome);
const adult = (details: CaseDetails) => checkS42PackCompleteness(details, s42.caseFile, s42.outcome);
const fixPaths = (result: { missing: { fixPath: string }[] }) => result.missing.map((missing) => missing.fixPath);
const actionPaths = (result: { actions: { fixPath: string }[] }) => result.actions.map((action) => action.fixPath);

function withVictim(change: Partial<CaseDetails["victim"]>): CaseDetails {
  const details = completeDetails();
  return { ...details, victim: { ...details.victim, ...change } };
}
function withConsent(change: Partial<CaseDetails["consent"]>): CaseDetails {
  const details = completeDetails();
  return { ...details, consent: { ...details.consent, ...change } };
}

describe("is the victim aware of the referral (both packs)", () => {
  it("must be answered", () => {
    const details = withConsent({ victimAware: undefined });
    expect(fixPaths(marac(details))).toEqual(["details.consent.victimAware"]);
    expect(fixPaths(adult(details))).toEqual(["details.consent.victimAware"]);
  });

  it("not aware needs why not", () => {
    const details = withConsent({ status: "not-sought", lawfulBasis: "s115", reasonWithoutConsent: "risk" });
    expect(fixPaths(marac({ ...details, consent: { ...details.consent, victimAware: "no" } }))).toEqual([
      "details.consent.whyNotAware",
    ]);
    const explained = { ...details.consent, victimAware: "no" as const, whyNotAware: "He reads her phone" };
    expect(marac({ ...details, consent: explained }).ready).toBe(true);
  });

  it("consent given but not aware is flagged: one of the answers is wrong", () => {
    const result = marac(withConsent({ victimAware: "no", whyNotAware: "x" }));
    expect(result.missing.map((missing) => missing.label)).toEqual(["Awareness and consent disagree"]);
  });

  it("not known needs its reason, and then is an action, not a blocker", () => {
    expect(fixPaths(marac(withConsent({ victimAware: "not-known" })))).toEqual(["details.consent.awareNotKnownReason"]);
    const result = marac(withConsent({ victimAware: "not-known", awareNotKnownReason: "Not seen since the arrest" }));
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.consent.awareNotKnownReason");
  });
});

describe("who the victim is afraid of (MARAC)", () => {
  it("must be answered; the s42 form does not ask it", () => {
    const details = withVictim({ afraidOf: undefined });
    expect(fixPaths(marac(details))).toEqual(["details.victim.afraidOf"]);
    expect(adult(details).ready).toBe(true);
  });

  it("named needs at least one person, each named or described", () => {
    expect(fixPaths(marac(withVictim({ afraidOf: { answer: "named", people: [] } })))).toEqual([
      "details.victim.afraidOf.people",
    ]);
    const unnamed = withVictim({
      afraidOf: { answer: "named", people: [{ name: "Sam" }, { details: "follows her" }] },
    });
    expect(fixPaths(marac(unnamed))).toEqual(["details.victim.afraidOf.people[1].name"]);
    const described = withVictim({ afraidOf: { answer: "named", people: [{ relationship: "his brother" }] } });
    expect(marac(described).ready).toBe(true);
  });

  it("'no one' is the victim's answer and completes it", () => {
    expect(marac(withVictim({ afraidOf: { answer: "no-one" } })).ready).toBe(true);
  });

  it("not known needs its reason, then becomes an action", () => {
    expect(fixPaths(marac(withVictim({ afraidOf: { answer: "not-known" } })))).toEqual([
      "details.victim.afraidOf.notKnownReason",
    ]);
    const result = marac(withVictim({ afraidOf: { answer: "not-known", notKnownReason: "Not safe to ask" } }));
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.victim.afraidOf.notKnownReason");
  });
});

describe("referred to a MARAC before (MARAC)", () => {
  const withPrevious = (previousMarac: CaseDetails["previousMarac"]) => ({ ...completeDetails(), previousMarac });

  it("must be answered, and says so when the assessment already records an earlier date", () => {
    expect(fixPaths(marac(withPrevious(undefined)))).toEqual(["details.previousMarac.referredBefore"]);
    const [missing] = marac(withPrevious(undefined), repeat).missing.filter(
      (entry) => entry.fixPath === "details.previousMarac.referredBefore",
    );
    expect(missing?.why).toMatch(/assessment records an earlier MARAC date/);
  });

  it("yes needs where and when for each referral", () => {
    expect(fixPaths(marac(withPrevious({ referredBefore: "yes" })))).toEqual(["details.previousMarac.referrals"]);
    expect(fixPaths(marac(withPrevious({ referredBefore: "yes", referrals: [{ area: "Lowtown" }, {}] })))).toEqual([
      "details.previousMarac.referrals[0].date",
      "details.previousMarac.referrals[1].area",
      "details.previousMarac.referrals[1].date",
    ]);
    expect(
      marac(withPrevious({ referredBefore: "yes", referrals: [{ area: "Lowtown", date: "2023-01-02" }] })).ready,
    ).toBe(true);
  });

  it("where and when not known, with the reason, is an action for the coordinator", () => {
    const result = marac(withPrevious({ referredBefore: "yes", referrals: [{ notKnownReason: "Cannot recall" }] }));
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.previousMarac.referrals[0]");
  });

  it("'no' while the assessment records an earlier MARAC date is flagged", () => {
    expect(marac(withPrevious({ referredBefore: "no" }), repeat).missing.map((missing) => missing.label)).toContain(
      "Earlier MARAC answers disagree",
    );
  });

  it("not known needs its reason, then becomes an action", () => {
    expect(fixPaths(marac(withPrevious({ referredBefore: "not-known" })))).toEqual([
      "details.previousMarac.notKnownReason",
    ]);
    const result = marac(withPrevious({ referredBefore: "not-known", notKnownReason: "Moved here last year" }));
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.previousMarac.notKnownReason");
  });
});

describe("who else is at risk (s42)", () => {
  const withOthers = (othersAtRisk: CaseDetails["othersAtRisk"], change: Partial<CaseDetails> = {}) => ({
    ...completeDetails(),
    othersAtRisk,
    ...change,
  });

  it("must be answered; the MARAC form does not ask it", () => {
    expect(fixPaths(adult(withOthers(undefined)))).toEqual(["details.othersAtRisk.anyone"]);
    expect(marac(withOthers(undefined)).ready).toBe(true);
  });

  it("yes needs who", () => {
    expect(fixPaths(adult(withOthers({ anyone: "yes" })))).toEqual(["details.othersAtRisk.who"]);
  });

  it("'no' while a child lives with the adult is flagged", () => {
    expect(fixPaths(adult(withOthers({ anyone: "no" })))).toEqual(["details.othersAtRisk.anyone"]);
    expect(adult(withOthers({ anyone: "no" }, { children: [] })).ready).toBe(true);
  });

  it("not known needs its reason, then becomes an action", () => {
    expect(fixPaths(adult(withOthers({ anyone: "not-known" })))).toEqual(["details.othersAtRisk.notKnownReason"]);
    const result = adult(withOthers({ anyone: "not-known", notKnownReason: "Household not yet known" }));
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.othersAtRisk.notKnownReason");
  });
});

describe("police (not mandatory on the forms)", () => {
  it("never blocks a pack; a victim who wants to speak to the police is a follow-up action", () => {
    expect(marac(completeDetails()).actions.map((action) => action.fixPath)).not.toContain(
      "details.police.wantsToSpeakToPolice",
    );
    const result = marac({ ...completeDetails(), police: { wantsToSpeakToPolice: "yes" } });
    expect(result.ready).toBe(true);
    expect(actionPaths(result)).toContain("details.police.wantsToSpeakToPolice");
  });
});
