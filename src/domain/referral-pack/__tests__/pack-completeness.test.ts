import { describe, expect, it } from "vitest";
import { emptyCaseDetails } from "../../case-record/case-details";
import { checkMaracPackCompleteness } from "../marac-completeness";
import { checkPackCompleteness } from "../pack-completeness";
import { checkS42PackCompleteness } from "../s42-completeness";
import { completeDetails, loadScenario } from "./pack-fixtures";

const strangulation = loadScenario("01-strangulation-alone.json");
const s42 = loadScenario("09-s42-three-tests-met.json", (raw) => {
  (raw.context as Record<string, Record<string, unknown>>).careAndSupport!.rationale =
    "Dependence leaves her unable to leave";
});

const fixPaths = (result: { missing: { fixPath: string }[] }) => result.missing.map((missing) => missing.fixPath);

describe("MARAC pack completeness", () => {
  it("is ready when every required field is present", () => {
    const result = checkMaracPackCompleteness(completeDetails(), strangulation.caseFile, strangulation.outcome);
    expect(result.missing).toEqual([]);
    expect(result.ready).toBe(true);
  });

  it("lists every missing required field with a link to fix it", () => {
    const result = checkMaracPackCompleteness(emptyCaseDetails(), strangulation.caseFile, strangulation.outcome);
    expect(result.ready).toBe(false);
    expect(fixPaths(result)).toEqual(
      expect.arrayContaining([
        "details.referrer.name",
        "details.referrer.agency",
        "details.referrer.phone",
        "details.victim.name",
        "details.victim.address",
        "details.victim.safeContact",
        "details.victim.safeContact.safeTimes",
        "details.victim.interpreterNeeded",
        "details.perpetrator.name",
        "details.perpetrator.relationship",
        "details.perpetrator.historyChecks",
        "details.consent.status",
        "details.victim.wishes",
        "details.agenciesInvolved",
        "details.actionsTaken",
      ]),
    );
    for (const missing of result.missing) expect(missing.label.length + missing.why.length).toBeGreaterThan(10);
  });

  it("needs a lawful basis and a reason when sharing without consent", () => {
    const refused = completeDetails({ consent: { status: "refused", victimAware: "yes" } });
    expect(fixPaths(checkMaracPackCompleteness(refused, strangulation.caseFile, strangulation.outcome))).toEqual([
      "details.consent.lawfulBasis",
      "details.consent.reasonWithoutConsent",
    ]);
  });

  it("a number with no answer to 'safe to call' blocks; 'not known' becomes an action", () => {
    const unanswered = completeDetails({
      victim: { ...completeDetails().victim, safeContact: { phone: "07700 900123", safeTimes: "any" } },
    });
    expect(fixPaths(checkMaracPackCompleteness(unanswered, strangulation.caseFile, strangulation.outcome))).toEqual([
      "details.victim.safeContact.safeToCall",
    ]);
    const unknown = completeDetails({
      victim: { ...completeDetails().victim, safeContact: { phone: "0", safeToCall: "not-known", safeTimes: "any" } },
    });
    const result = checkMaracPackCompleteness(unknown, strangulation.caseFile, strangulation.outcome);
    expect(result.ready).toBe(true);
    expect(result.actions.map((action) => action.fixPath)).toContain("details.victim.safeContact.safeToCall");
  });

  it("unknowns are actions, not blockers: pending checks, a missing school, not-known answers", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json", (raw) => {
      (raw.answers as Record<string, string>)["dash.weapons"] = "not-known";
    });
    const details = completeDetails({
      perpetrator: { name: "Sam", relationship: "ex-partner", historyChecks: "pending" },
      children: [{ name: "Robin", age: 7, relationshipToPerpetrator: "child" }],
    });
    const result = checkMaracPackCompleteness(details, caseFile, outcome);
    expect(result.ready).toBe(true);
    expect(result.actions.map((action) => action.fixPath)).toEqual(
      expect.arrayContaining([
        "details.perpetrator.historyChecks",
        "details.children[0].school",
        "answers.dash.weapons",
      ]),
    );
  });

  it("children recorded in the assessment must be named in the details", () => {
    const { caseFile, outcome } = loadScenario("12-children.json");
    expect(
      fixPaths(checkMaracPackCompleteness(completeDetails({ children: [], nonDisclosure: [] }), caseFile, outcome)),
    ).toContain("details.children");
  });

  it("needs a MARAC criterion (or professional judgement) to be ready", () => {
    const { caseFile, outcome } = loadScenario("09-s42-three-tests-met.json");
    expect(fixPaths(checkMaracPackCompleteness(completeDetails(), caseFile, outcome))).toContain(
      "assessment.professionalJudgement",
    );
  });
});

describe("s42 pack completeness", () => {
  it("is ready with the three tests, needs, rationale and capacity recorded", () => {
    const result = checkS42PackCompleteness(completeDetails(), s42.caseFile, s42.outcome);
    expect(result.missing).toEqual([]);
    expect(checkPackCompleteness("s42", completeDetails(), s42.caseFile, s42.outcome).ready).toBe(true);
  });

  it("needs the reason they cannot protect themselves, and capacity recorded", () => {
    const { caseFile, outcome } = loadScenario("09-s42-three-tests-met.json", (raw) => {
      delete (raw.context as Record<string, Record<string, unknown>>).careAndSupport!.capacity;
    });
    expect(fixPaths(checkS42PackCompleteness(completeDetails(), caseFile, outcome))).toEqual([
      "context.careAndSupport.rationale",
      "context.careAndSupport.capacity",
    ]);
  });

  it("a test not known is an action to find out, not a blocker", () => {
    const { caseFile, outcome } = loadScenario("10-s42-not-known.json", (raw) => {
      const care = (raw.context as Record<string, Record<string, unknown>>).careAndSupport!;
      care.rationale = "Not yet clear";
      care.capacity = "not-assessed";
    });
    const result = checkS42PackCompleteness(completeDetails(), caseFile, outcome);
    expect(result.ready).toBe(true);
    expect(result.actions.map((action) => action.fixPath)).toEqual(
      expect.arrayContaining(["context.careAndSupport.unableToProtectSelf", "context.careAndSupport.capacity"]),
    );
  });

  it("without care-and-support facts the s42 pack is not ready", () => {
    expect(
      fixPaths(checkS42PackCompleteness(completeDetails(), strangulation.caseFile, strangulation.outcome)),
    ).toContain("context.careAndSupport");
  });
});

describe("engine gaps the case details already answer", () => {
  it("does not ask for history checks the details record as done", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    expect(outcome.missingInformation.map((gap) => gap.field)).toContain("context.perpetratorChecks");
    const done = checkMaracPackCompleteness(completeDetails(), caseFile, outcome);
    expect(done.actions.map((action) => action.fixPath)).not.toContain("context.perpetratorChecks");
    const unrecorded = checkMaracPackCompleteness(
      completeDetails({ perpetrator: { name: "Sam", relationship: "ex-partner" } }),
      caseFile,
      outcome,
    );
    expect(unrecorded.missing.map((missing) => missing.fixPath)).toContain("details.perpetrator.historyChecks");
  });
});
