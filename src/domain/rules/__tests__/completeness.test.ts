// @vitest-environment node
import { describe, it, expect } from "vitest";
import { dashIdsFor } from "../../question-sets/question-set-registry";
import { assessCompleteness } from "../completeness";
import {
  assessBuilt,
  buildCase,
  missingFields,
  notAsked,
  warningCodes,
  withNotKnown,
  withYes,
  type CaseOptions,
} from "../../__tests__/case-builder";

const RIC = dashIdsFor("dash-ric-24");
const complete = (options: CaseOptions) =>
  assessCompleteness(buildCase(options), dashIdsFor(options.questionSet ?? "dash-ric-24"));
const codesOf = (options: CaseOptions) => complete(options).warnings.map((w) => w.code);
const fieldsOf = (options: CaseOptions) => complete(options).missing.map((m) => m.field);
const checksDone: CaseOptions["context"] = { perpetratorChecks: "done" };

describe("a complete assessment", () => {
  it("all answered, safe to ask, checks done: not provisional, nothing missing, no warnings", () => {
    expect(complete({ context: checksDone })).toEqual({ provisional: false, warnings: [], missing: [] });
  });
});

describe("what makes an assessment provisional", () => {
  it("a DASH answer not-known: provisional, warning unknown-not-no, listed as missing", () => {
    const options: CaseOptions = { answers: withNotKnown("dash.weapons"), context: checksDone };
    expect(complete(options).provisional).toBe(true);
    expect(codesOf(options)).toEqual(["unknown-not-no"]);
    expect(fieldsOf(options)).toEqual(["answers.dash.weapons"]);
  });

  it("a supplementary answer not-known: provisional, warning unknown-not-no, listed as missing", () => {
    const options: CaseOptions = { answers: withNotKnown("stalking.proxies"), context: checksDone };
    expect(complete(options).provisional).toBe(true);
    expect(codesOf(options)).toEqual(["unknown-not-no"]);
    expect(fieldsOf(options)).toEqual(["answers.stalking.proxies"]);
  });

  it("a DASH question not asked: provisional and listed as missing", () => {
    const options: CaseOptions = { answers: notAsked("dash.breach"), context: checksDone };
    expect(complete(options).provisional).toBe(true);
    expect(fieldsOf(options)).toEqual(["answers.dash.breach"]);
  });

  it("an unasked supplementary question does not make it provisional", () => {
    expect(complete({ context: checksDone }).provisional).toBe(false);
  });

  it.each(["no", "not-known"] as const)(
    "safeToAsk %s: provisional with warning not-safe-to-ask (not a missing field)",
    (safeToAsk) => {
      const options: CaseOptions = { safeToAsk, context: checksDone };
      expect(complete(options).provisional).toBe(true);
      expect(codesOf(options)).toEqual(["not-safe-to-ask"]);
      expect(fieldsOf(options)).toEqual([]);
    },
  );

  it("perpetratorChecks pending: provisional, warning perpetrator-checks-pending, listed as missing", () => {
    const options: CaseOptions = { context: { perpetratorChecks: "pending" } };
    expect(complete(options).provisional).toBe(true);
    expect(codesOf(options)).toEqual(["perpetrator-checks-pending"]);
    expect(fieldsOf(options)).toEqual(["context.perpetratorChecks"]);
  });
});

describe("what is missing but not provisional", () => {
  it("perpetratorChecks absent: listed as missing, not provisional", () => {
    const result = complete({});
    expect(result.provisional).toBe(false);
    expect(result.missing.map((m) => m.field)).toEqual(["context.perpetratorChecks"]);
    expect(result.warnings).toEqual([]);
  });

  it("perpetratorChecks not-possible: listed as missing, not provisional", () => {
    const result = complete({ context: { perpetratorChecks: "not-possible" } });
    expect(result.provisional).toBe(false);
    expect(result.missing.map((m) => m.field)).toEqual(["context.perpetratorChecks"]);
  });
});

describe("empty answers", () => {
  it("lists all 24 questions as missing and is provisional", () => {
    const result = complete({ base: "empty", context: checksDone });
    expect(result.provisional).toBe(true);
    expect(result.missing.map((m) => m.field)).toEqual(RIC.map((id) => `answers.${id}`));
  });

  it("on the police form lists all 27", () => {
    expect(fieldsOf({ questionSet: "dash-2009-police", base: "empty", context: checksDone })).toHaveLength(27);
  });
});

describe("completeness through assessCase", () => {
  it("the outcome carries provisional, the warnings and the missing fields", () => {
    const outcome = assessBuilt({
      answers: { ...withNotKnown("dash.stalking"), ...notAsked("dash.financial"), ...withYes("stalking.loitering") },
      safeToAsk: "not-known",
      context: { perpetratorChecks: "pending", children: [] },
    });
    expect(outcome.provisional).toBe(true);
    expect(warningCodes(outcome)).toEqual(
      expect.arrayContaining(["unknown-not-no", "not-safe-to-ask", "perpetrator-checks-pending"]),
    );
    expect(missingFields(outcome)).toEqual(
      expect.arrayContaining(["answers.dash.stalking", "answers.dash.financial", "context.perpetratorChecks"]),
    );
  });

  it("a complete case is not provisional", () => {
    expect(assessBuilt({ context: checksDone }).provisional).toBe(false);
  });

  it("empty answers: all 24 missing, provisional", () => {
    const outcome = assessBuilt({ base: "empty" });
    expect(outcome.provisional).toBe(true);
    const answerFields = missingFields(outcome).filter((f) => f.startsWith("answers."));
    expect(answerFields).toEqual(RIC.map((id) => `answers.${id}`));
  });

  it("not known is never treated as no: the unknowns are visible in the score", () => {
    const outcome = assessBuilt({ answers: withNotKnown("dash.strangulation") });
    expect(outcome.score.notKnown).toBe(1);
    expect(outcome.score.no).toBe(23);
  });
});
