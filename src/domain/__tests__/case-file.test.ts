// @vitest-environment node
import { describe, it, expect } from "vitest";
import { validateCaseFile } from "../case-file";
import { dashIdsFor } from "../question-sets/question-set-registry";
import type { ValidationIssue } from "../validation-issues";
import { buildCase, rawCase, withYes } from "./case-builder";

function issuesOf(input: unknown): ValidationIssue[] {
  const result = validateCaseFile(input);
  if (result.ok) throw new Error("expected the case to be rejected, but it was accepted");
  return result.issues;
}

const paths = (issues: readonly ValidationIssue[]) => issues.map((i) => i.path);

function withContext(context: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { ...rawCase(), context, ...extra };
}

describe("case file validation: what is accepted", () => {
  it("the builder's default dash-ric-24 case (24 × no) is valid", () => {
    const caseFile = buildCase();
    expect(Object.keys(caseFile.answers)).toHaveLength(24);
  });

  it("a dash-2009-police case with all 27 questions answered is valid", () => {
    const answers = Object.fromEntries(dashIdsFor("dash-2009-police").map((id) => [id, "yes"]));
    const result = validateCaseFile({ ...rawCase({ questionSet: "dash-2009-police" }), answers });
    expect(result.ok).toBe(true);
    expect(Object.keys(answers)).toHaveLength(27);
  });

  it("empty answers {} are valid", () => {
    expect(validateCaseFile(rawCase({ base: "empty" })).ok).toBe(true);
  });

  it("answer objects with detail and source are valid", () => {
    const input = rawCase({
      answers: { "dash.threats-to-kill": { answer: "yes", detail: "said so", source: "victim" } },
    });
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("supplementary ids are accepted whatever the DASH answers are", () => {
    const input = rawCase({
      answers: withYes("stalking.turns-up", "hbv.restricted", "brag.isolated", "timeline.sudden-calm"),
    });
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("an order's expiry and a planned separation's date may be after the assessment date", () => {
    const input = withContext({
      protectiveOrders: [{ type: "non-molestation", granted: "2024-01-01", expires: "2025-01-01" }],
      separation: { status: "planned", date: "2024-04-01" },
    });
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("a date on the assessment day itself is not after it", () => {
    const input = { ...rawCase(), previousAssessments: [{ date: "2024-03-10", riskLevel: "medium" }] };
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("an assessedAt with a numeric offset is valid", () => {
    expect(validateCaseFile(rawCase({ assessedAt: "2024-03-10T21:00:00+01:00" })).ok).toBe(true);
  });

  it("known nonDisclosure paths are accepted (answer ids and context paths)", () => {
    const input = withContext({
      protectiveOrders: [{ type: "non-molestation", expires: "2024-05-01" }],
      nonDisclosure: [
        "dash.pregnancy",
        "context.pregnant",
        "context.separation",
        "context.exploitation.cuckooing",
        "context.protectiveOrders[0]",
        "context.protectiveOrders[0].expires",
      ],
    });
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("a nonDisclosure index beyond the recorded list, or an unknown item field, is rejected", () => {
    for (const entry of ["context.protectiveOrders[1]", "context.protectiveOrders[0].colour", "context.children[0]"]) {
      const input = withContext({ protectiveOrders: [{ type: "non-molestation" }], nonDisclosure: [entry] });
      expect(paths(issuesOf(input)), entry).toContain("context.nonDisclosure[0]");
    }
  });
});

describe("case file validation: what is rejected, naming the field", () => {
  it("an unknown question id is rejected, naming it", () => {
    const issues = issuesOf(rawCase({ answers: withYes("dash.strangled") }));
    expect(paths(issues)).toContain("answers.dash.strangled");
    expect(issues.find((i) => i.path === "answers.dash.strangled")!.message).toContain("dash.strangled");
  });

  it.each(["dash.children-not-perpetrators", "dash.hurt-children", "dash.threatened-children"])(
    "the police-only id %s is rejected in a dash-ric-24 case",
    (id) => {
      const issues = issuesOf(rawCase({ answers: withYes(id) }));
      expect(paths(issues)).toContain(`answers.${id}`);
      expect(issues.find((i) => i.path === `answers.${id}`)!.message).toMatch(/police/);
    },
  );

  it('an answer "maybe" is rejected, naming its path', () => {
    const issues = issuesOf(rawCase({ answers: { "dash.injury": "maybe" as never } }));
    expect(paths(issues)).toContain("answers.dash.injury");
    expect(issues.find((i) => i.path === "answers.dash.injury")!.message).toContain("maybe");
  });

  it('an answer object with "maybe" is rejected too', () => {
    const issues = issuesOf(rawCase({ answers: { "dash.injury": { answer: "maybe" } as never } }));
    expect(paths(issues).some((p) => p.startsWith("answers.dash.injury"))).toBe(true);
  });

  it("an unknown top-level field is rejected, naming it", () => {
    const issues = issuesOf({ ...rawCase(), contxt: { pregnant: "yes" } });
    expect(paths(issues)).toContain("contxt");
  });

  it("an unknown nested field is rejected, naming its full path", () => {
    const issues = issuesOf(withContext({ careAndSupport: { needs: "yes", unableToProtect: "yes" } }));
    expect(paths(issues)).toContain("context.careAndSupport.unableToProtect");
  });

  it("an unknown field inside a list item is rejected, naming its index", () => {
    const issues = issuesOf(withContext({ children: [{ relationshipToPerpetrator: "child", name: "A" }] }));
    expect(paths(issues)).toContain("context.children[0].name");
  });

  it("a blank professional-judgement rationale is rejected", () => {
    const issues = issuesOf({ ...rawCase(), professionalJudgement: { level: "high", rationale: "   " } });
    expect(paths(issues)).toContain("professionalJudgement.rationale");
  });

  it("a blank BRAG-judgement rationale is rejected", () => {
    const issues = issuesOf({ ...rawCase(), bragJudgement: { colour: "red", rationale: "" } });
    expect(paths(issues)).toContain("bragJudgement.rationale");
  });

  it("a judgement without a rationale is rejected", () => {
    const issues = issuesOf({ ...rawCase(), professionalJudgement: { level: "high" } });
    expect(paths(issues)).toContain("professionalJudgement.rationale");
  });

  it.each([
    ["previousAssessments[0].date", { previousAssessments: [{ date: "2024-03-11", riskLevel: "high" }] }],
    ["context.previousMaracDates[0]", { context: { previousMaracDates: ["2024-03-11"] } }],
    ["context.safeguardingConcerns[0].date", { context: { safeguardingConcerns: [{ date: "2024-03-11" }] } }],
    [
      "context.protectiveOrders[0].granted",
      { context: { protectiveOrders: [{ type: "dvpo", granted: "2024-03-11" }] } },
    ],
    ["context.separation.date", { context: { separation: { status: "recent", date: "2024-03-11" } } }],
  ])("a date after the assessment date is rejected: %s", (path, extra) => {
    const issues = issuesOf({ ...rawCase(), ...extra });
    expect(paths(issues)).toContain(path);
  });

  it("the assessment date is the London date: 2024-07-01 is not after an assessment at 2024-06-30T23:30:00Z", () => {
    const input = {
      ...rawCase({ assessedAt: "2024-06-30T23:30:00Z" }),
      previousAssessments: [{ date: "2024-07-01", riskLevel: "medium" }],
    };
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("a child aged 18 is rejected (children are 0–17)", () => {
    const issues = issuesOf(withContext({ children: [{ age: 18, relationshipToPerpetrator: "child" }] }));
    expect(paths(issues)).toContain("context.children[0].age");
  });

  it("a child aged 17 is accepted", () => {
    expect(validateCaseFile(withContext({ children: [{ age: 17, relationshipToPerpetrator: "child" }] })).ok).toBe(
      true,
    );
  });

  it("a nonDisclosure entry naming an unknown path is rejected", () => {
    const issues = issuesOf(withContext({ nonDisclosure: ["context.pregnant", "context.favouriteColour"] }));
    expect(paths(issues)).toContain("context.nonDisclosure[1]");
    expect(paths(issues)).not.toContain("context.nonDisclosure[0]");
  });

  it("a nonDisclosure entry may name a context path the engine itself gives as evidence (context.careAndSupport.needsKinds.mental-ill-health)", () => {
    // The BRAG rule cites this exact path as evidence for brag.mental-health; the pack must be able to withhold it.
    const input = withContext({
      careAndSupport: { needsKinds: ["mental-ill-health"] },
      nonDisclosure: ["context.careAndSupport.needsKinds.mental-ill-health"],
    });
    expect(validateCaseFile(input).ok).toBe(true);
  });

  it("a nonDisclosure entry naming an unknown answer id is rejected", () => {
    const issues = issuesOf(withContext({ nonDisclosure: ["dash.not-a-question"] }));
    expect(paths(issues)).toContain("context.nonDisclosure[0]");
  });

  it("assessedAt without a zone is rejected", () => {
    const issues = issuesOf(rawCase({ assessedAt: "2024-03-10T21:00:00" }));
    expect(paths(issues)).toContain("assessedAt");
  });

  it("an ISO date in a non-calendar form is rejected", () => {
    const issues = issuesOf({ ...rawCase(), previousAssessments: [{ date: "2023-02-29", riskLevel: "high" }] });
    expect(paths(issues)).toContain("previousAssessments[0].date");
  });

  it.each(["schemaVersion", "assessedAt", "assessor", "questionSet", "safeToAsk", "answers"])(
    "the required field %s is required",
    (field) => {
      const input = rawCase();
      delete input[field];
      expect(paths(issuesOf(input))).toContain(field);
    },
  );

  it("several schema problems in one file are all reported at once", () => {
    const input = {
      ...rawCase({ answers: { "dash.injury": "maybe" as never, "dash.unknown-thing": "yes" } }),
      contxt: {},
      professionalJudgement: { level: "high", rationale: " " },
      context: { children: [{ age: 18, relationshipToPerpetrator: "child" }] },
    };
    const found = paths(issuesOf(input));
    expect(found).toEqual(
      expect.arrayContaining([
        "answers.dash.injury",
        "answers.dash.unknown-thing",
        "contxt",
        "professionalJudgement.rationale",
        "context.children[0].age",
      ]),
    );
  });

  it("several date and reference problems in one file are all reported at once", () => {
    const input = {
      ...rawCase(),
      previousAssessments: [{ date: "2024-04-01", riskLevel: "high" }],
      context: { previousMaracDates: ["2024-05-01"], nonDisclosure: ["context.nope"] },
    };
    expect(paths(issuesOf(input))).toEqual(
      expect.arrayContaining([
        "previousAssessments[0].date",
        "context.previousMaracDates[0]",
        "context.nonDisclosure[0]",
      ]),
    );
  });

  it("a schema problem and a date after the assessment in the same file are both reported", () => {
    const input = {
      ...rawCase({ answers: { "dash.injury": "maybe" as never } }),
      previousAssessments: [{ date: "2024-04-01", riskLevel: "high" }],
    };
    expect(paths(issuesOf(input))).toEqual(
      expect.arrayContaining(["answers.dash.injury", "previousAssessments[0].date"]),
    );
  });
});

// Issue 15: "An unknown field is reported as an unknown field at its own path, wherever it is."
describe("case file validation: an unknown field is named as unknown at every nesting level", () => {
  const valid = {
    ...rawCase({ answers: { "dash.injury": { answer: "yes", detail: "bruising", source: "observed" } } }),
    assessor: { role: "police", agency: "West" },
    professionalJudgement: { level: "high", rationale: "why" },
    bragJudgement: { colour: "red", rationale: "why" },
    previousAssessments: [{ date: "2023-01-01", riskLevel: "medium" }],
    context: {
      safeguardingConcerns: [{ date: "2023-01-01" }],
      children: [{ relationshipToPerpetrator: "child" }],
      separation: { status: "recent" },
      careAndSupport: { needs: "yes" },
      protectiveOrders: [{ type: "dvpo" }],
    },
  };

  it("the fixture is valid as it stands", () => {
    expect(validateCaseFile(valid).ok).toBe(true);
  });

  it.each([
    [[]],
    [["assessor"]],
    [["answers", "dash.injury"]],
    [["professionalJudgement"]],
    [["bragJudgement"]],
    [["previousAssessments", 0]],
    [["context"]],
    [["context", "safeguardingConcerns", 0]],
    [["context", "children", 0]],
    [["context", "separation"]],
    [["context", "careAndSupport"]],
    [["context", "protectiveOrders", 0]],
  ] as Array<[Array<string | number>]>)("inside %j", (path) => {
    const input = structuredClone(valid) as Record<string, unknown>;
    let target: Record<string | number, unknown> = input;
    for (const segment of path) target = target[segment] as Record<string | number, unknown>;
    target.zzUnknown = 1;
    const issues = issuesOf(input);
    const expected = [...path, "zzUnknown"]
      .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`))
      .join("");
    expect(issues).toEqual([{ path: expected, message: expect.stringMatching(/^unknown field/) }]);
  });

  it("a missing or wrong-typed assessor or answers is described as such, not as an unknown field", () => {
    const { assessor: _assessor, ...withoutAssessor } = rawCase();
    expect(issuesOf(withoutAssessor)).toEqual([{ path: "assessor", message: expect.stringContaining("required") }]);
    expect(issuesOf({ ...rawCase(), assessor: "police" })).toEqual([
      { path: "assessor", message: expect.stringContaining("must be an object") },
    ]);
    expect(issuesOf({ ...rawCase(), answers: [] })).toEqual([
      { path: "answers", message: expect.stringContaining("must be an object") },
    ]);
  });
});

describe("case file validation: dates in the years 1900–2999 and hours 00–23", () => {
  it("refuses assessedAt at hour 24", () => {
    expect(paths(issuesOf(rawCase({ assessedAt: "2024-03-10T24:00:00Z" })))).toEqual(["assessedAt"]);
  });

  it("refuses an assessedAt whose London date is outside the range, without a second date issue", () => {
    const input = {
      ...rawCase({ assessedAt: "0999-06-01T12:00:00Z" }),
      context: { previousMaracDates: ["2020-01-01"] },
    };
    expect(issuesOf(input)).toEqual([{ path: "assessedAt", message: expect.stringContaining("1900–2999") }]);
  });

  it.each([
    ["previousAssessments[0].date", { previousAssessments: [{ date: "1899-12-31", riskLevel: "high" }] }],
    ["context.previousMaracDates[0]", { context: { previousMaracDates: ["0999-01-01"] } }],
    [
      "context.protectiveOrders[0].expires",
      { context: { protectiveOrders: [{ type: "dvpo", expires: "3000-01-01" }] } },
    ],
    ["context.separation.date", { context: { separation: { status: "planned", date: "3001-01-01" } } }],
  ])("refuses %s out of range, once", (path, extra) => {
    const issues = issuesOf({ ...rawCase(), ...extra });
    expect(issues).toEqual([{ path, message: expect.stringContaining("1900–2999") }]);
  });

  it("accepts 1900-01-01 and an order expiring 2999-12-31", () => {
    const input = {
      ...rawCase(),
      previousAssessments: [{ date: "1900-01-01", riskLevel: "high" }],
      context: { protectiveOrders: [{ type: "dvpo", expires: "2999-12-31" }] },
    };
    expect(validateCaseFile(input).ok).toBe(true);
  });
});
