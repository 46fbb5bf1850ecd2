// @vitest-environment node
// Packs agree with the answers: each fact printed with its own meaning, disagreements shown with
// both sources (never one silently chosen), completeness listing them, and each copy named by who
// receives it, checked for what that copy needs.
import { describe, expect, it } from "vitest";
import { assertNoRawIds } from "../../labels/raw-ids";
import { buildMaracPack } from "../build-marac-pack";
import { buildS42Pack } from "../build-s42-pack";
import { factConflicts } from "../fact-conflicts";
import { checkPackCompleteness } from "../pack-completeness";
import { copyLabelFor, copyNameFor, packPlainText, type ReferralPackDocument } from "../pack-document";
import { shareableCopyOf } from "../redaction";
import { completeDetails, loadScenario, PREPARED_AT } from "./pack-fixtures";

type Raw = Record<string, unknown>;
const withAnswers =
  (answers: Raw, context: Raw = {}) =>
  (raw: Raw) => {
    if (Object.keys(answers).some((id) => id.includes("children"))) raw.questionSet = "dash-2009-police";
    raw.answers = { ...(raw.answers as Raw), ...answers };
    raw.context = { ...((raw.context as Raw | undefined) ?? {}), ...context };
  };
const rowValue = (pack: ReferralPackDocument, label: string) =>
  pack.sections.flatMap((section) => section.rows).find((entry) => entry.label === label)?.value;
const marac = (scenario: ReturnType<typeof loadScenario>, details = completeDetails()) =>
  buildMaracPack(details, scenario.caseFile, scenario.outcome, { copy: "referrer", preparedAt: PREPARED_AT });

describe("pregnancy: question 9 and 'pregnant now' each print with their own meaning", () => {
  it("prints question 9 yes beside 'pregnant now: not recorded' (the old pack said 'Pregnant: not recorded')", () => {
    const scenario = loadScenario("01-strangulation-alone.json", withAnswers({ "dash.pregnancy": "yes" }));
    const pack = marac(scenario);
    expect(rowValue(pack, "Pregnant now")).toBe("Not recorded");
    expect(rowValue(pack, "Pregnant or had a baby in the last 18 months (checklist question 9)")).toBe("Yes");
    expect(packPlainText(pack)).not.toMatch(/^Pregnant: /m);
  });

  it("'not pregnant now' beside question 9 yes is not a conflict (a baby in the last 18 months)", () => {
    const scenario = loadScenario(
      "01-strangulation-alone.json",
      withAnswers({ "dash.pregnancy": "yes" }, { pregnant: "no" }),
    );
    expect(factConflicts(scenario.caseFile, completeDetails())).toEqual([]);
  });

  it("'pregnant now' beside question 9 no is a conflict, with both sources", () => {
    const scenario = loadScenario(
      "01-strangulation-alone.json",
      withAnswers({ "dash.pregnancy": "no" }, { pregnant: "yes" }),
    );
    const [found, ...rest] = factConflicts(scenario.caseFile, completeDetails());
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: "pregnant-now-but-question-9-no", fixPath: "answers.dash.pregnancy" });
    expect(found!.sources.map((source) => source.path)).toEqual(["context.pregnant", "answers.dash.pregnancy"]);
    expect(found!.sentence).toBe(
      "The assessment's recorded facts says she is pregnant now, but question 9: Pregnant or had a baby in the last 18 months says no: a current pregnancy makes question 9 yes; correct one of them.",
    );
  });
});

describe("children: the checklist says yes, no child recorded anywhere", () => {
  const scenario = loadScenario(
    "01-strangulation-alone.json",
    withAnswers({ "dash.children-not-perpetrators": "yes" }),
  );
  const details = completeDetails({ children: [], nonDisclosure: [] });

  it("is a conflict naming both records", () => {
    const conflicts = factConflicts(scenario.caseFile, details);
    expect(conflicts.map((found) => found.id)).toEqual(["children-none-recorded"]);
    expect(conflicts[0]!.sentence).toMatch(/^Question 25: .* says yes, but case details says no children are recorded/);
  });

  it("the pack shows the disagreement instead of 'Children: None recorded'", () => {
    const pack = marac(scenario, details);
    expect(rowValue(pack, "Children")).toMatch(/^Records disagree: Question 25/);
    expect(pack.sections[1]!.title).toBe("Records that disagree: resolve before sending");
    expect(packPlainText(pack)).not.toContain("Children: None recorded");
  });

  it("completeness lists it as a thing to fix, linked to the children's details", () => {
    const check = checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome);
    expect(check.ready).toBe(false);
    expect(check.conflicts).toHaveLength(1);
    expect(check.missing).toContainEqual(
      expect.objectContaining({ fixPath: "details.children", label: "Records disagree: Children in the household" }),
    );
  });

  it("case details saying 'no children' beside children in the assessment is a conflict too", () => {
    const withChildren = loadScenario("12-children.json");
    const conflicts = factConflicts(
      withChildren.caseFile,
      completeDetails({ children: [], hasChildrenOrDependants: "no" }),
    );
    expect(conflicts.map((found) => found.id)).toContain("children-recorded-but-none-said");
  });

  it("question 25 'no' beside a child recorded as not the perpetrator's is a conflict", () => {
    const noAnswer = loadScenario(
      "01-strangulation-alone.json",
      withAnswers({ "dash.children-not-perpetrators": "no" }),
    );
    const base = completeDetails();
    const details2 = completeDetails({ children: [{ ...base.children[0]!, relationshipToPerpetrator: "none" }] });
    expect(factConflicts(noAnswer.caseFile, details2).map((found) => found.id)).toEqual([
      "children-not-perpetrators-no",
    ]);
    expect(factConflicts(noAnswer.caseFile, base)).toEqual([]);
  });
});

describe("other facts recorded twice", () => {
  it("a recent separation beside question 6 no", () => {
    const scenario = loadScenario(
      "01-strangulation-alone.json",
      withAnswers({ "dash.separation": "no" }, { separation: { status: "recent" } }),
    );
    expect(factConflicts(scenario.caseFile, completeDetails()).map((found) => found.id)).toEqual([
      "separation-recent-but-question-6-no",
    ]);
  });

  it("history checks done in the case details but pending in the assessment: shown, not picked", () => {
    const scenario = loadScenario("01-strangulation-alone.json", withAnswers({}, { perpetratorChecks: "pending" }));
    const pack = marac(scenario);
    expect(rowValue(pack, "History checks (police and agency records)")).toBe(
      "Records disagree: Case details says the checks are done, but the assessment says the checks are pending: find out which is current and correct the other.",
    );
  });

  it("no conflict in any shared scenario with matching details; every sentence is plain words", () => {
    for (const file of ["01-strangulation-alone.json", "09-s42-three-tests-met.json", "12-children.json"]) {
      const scenario = loadScenario(file);
      for (const found of factConflicts(scenario.caseFile, completeDetails())) assertNoRawIds(found.sentence);
    }
  });
});

describe("copies named by who receives them; completeness for the copy that needs it", () => {
  const scenario = loadScenario("01-strangulation-alone.json");

  it("names the full copy for the MARAC (or the safeguarding adults team) and the redacted copy for wider sharing", () => {
    expect(copyNameFor("marac", "referrer")).toBe("Full copy for the MARAC (send securely)");
    expect(copyNameFor("s42", "referrer")).toBe("Full copy for the safeguarding adults team (send securely)");
    expect(copyNameFor("marac", "shareable")).toBe("Copy for wider sharing (redacted)");
    const full = marac(scenario);
    expect(full.copyLabel).toBe(copyLabelFor("marac", "referrer"));
    expect(full.copyLabel).toMatch(/^Full copy for the MARAC: send it only to the MARAC coordinator, by secure email/);
    expect(shareableCopyOf(full).copyLabel).toMatch(/^Copy for wider sharing \(redacted\)/);
    const s42 = buildS42Pack(completeDetails(), scenario.caseFile, scenario.outcome, {
      copy: "shareable",
      preparedAt: PREPARED_AT,
    });
    expect(s42.copyLabel).toMatch(/the full copy goes only to the safeguarding adults team/);
  });

  it("the full copy must have the safe contact; the wider-sharing copy is not incomplete without it", () => {
    const base = completeDetails();
    const details = completeDetails({
      victim: { ...base.victim, safeContact: {} },
      nonDisclosure: [...base.nonDisclosure, "victim.safeContact"],
    });
    const full = checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome, "referrer");
    expect(full.copy).toBe("referrer");
    expect(full.missing.map((field) => field.fixPath)).toContain("details.victim.safeContact");
    const wider = checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome, "shareable");
    expect(
      wider.missing.map((field) => field.fixPath).filter((path) => path.startsWith("details.victim.safeContact")),
    ).toEqual([]);
    expect(wider.ready).toBe(full.missing.every((field) => field.fixPath.startsWith("details.victim.safeContact")));
  });

  it("a fact withheld from the wider copy is not required of it, but still of the full copy", () => {
    const base = completeDetails();
    const details = completeDetails({ victim: { ...base.victim, address: undefined } });
    const fixPaths = (copy: "referrer" | "shareable") =>
      checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome, copy).missing.map((f) => f.fixPath);
    expect(fixPaths("referrer")).toContain("details.victim.address");
    expect(fixPaths("shareable")).not.toContain("details.victim.address");
  });

  it("defaults to the full copy, so existing callers check the stricter one", () => {
    const details = completeDetails();
    expect(checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome)).toEqual(
      checkPackCompleteness("marac", details, scenario.caseFile, scenario.outcome, "referrer"),
    );
  });
});

describe("every pack of every shared scenario is in plain words", () => {
  const files = [
    "01-strangulation-alone.json",
    "02-fourteen-yes.json",
    "03-threats-to-kill.json",
    "04-judgement-raises.json",
    "06-not-known-is-not-no.json",
    "08-repeat-marac.json",
    "09-s42-three-tests-met.json",
    "10-s42-not-known.json",
    "12-children.json",
    "16-order-expiring.json",
    "20-not-asked-is-provisional.json",
    "21-carry-forward-after-retraction.json",
  ];
  it.each(files)("%s: no raw id, dotted path or code in either pack, either copy", (file) => {
    const { caseFile, outcome } = loadScenario(file);
    for (const build of [buildMaracPack, buildS42Pack]) {
      for (const copy of ["referrer", "shareable"] as const) {
        assertNoRawIds(
          packPlainText(build(completeDetails(), caseFile, outcome, { copy, preparedAt: PREPARED_AT })),
          file,
        );
      }
    }
  });
});
