import type { AnswerValue, AssessorRole } from "../../../domain/answers";
import { validateCaseFile } from "../../../domain/case-file";
import { FACT_PAGES } from "../context-facts";
import { dashIdsFor } from "../../../domain/question-sets/question-set-registry";
import {
  caseDetailFieldsUsed,
  defaultSourceOf,
  emptyDraft,
  pagesFor,
  resumePage,
  type PageKey,
  questionsFor,
  readDraft,
  toCaseFile,
  visibleSections,
  type AssessmentDraft,
  bragPending,
  judgementPending,
  readScreenNotes,
  screenNotesOf,
  unansweredQuestionIds,
  withBragEntry,
  withJudgementEntry,
} from "../assessment-draft";

const DASH = ["dash-current-incident", "dash-relationship", "dash-children", "dash-perpetrator"];

function draftWith(
  role: AssessorRole | undefined,
  answers: Record<string, AnswerValue> = {},
  extra: Partial<AssessmentDraft> = {},
): AssessmentDraft {
  const draft = emptyDraft("case-1");
  if (role !== undefined) draft.assessor.role = role;
  for (const [id, answer] of Object.entries(answers)) draft.answers[id] = { answer };
  return { ...draft, ...extra };
}

describe("visibleSections", () => {
  it("shows only the DASH sections and the timeline prompts by default", () => {
    expect(visibleSections(draftWith("idva"))).toEqual([...DASH, "timeline"]);
    expect(visibleSections(draftWith(undefined))).toEqual([...DASH, "timeline"]);
  });

  it("always ends with the seven timeline prompts", () => {
    for (const role of ["police", "idva", "health", "other"] as const) {
      const sections = visibleSections(draftWith(role, { "dash.stalking": "yes" }));
      expect(sections.at(-1)).toBe("timeline");
    }
    expect(questionsFor(draftWith("idva"), "timeline")).toHaveLength(7);
  });

  it.each<[AnswerValue, boolean]>([
    ["yes", true],
    ["not-known", true],
    ["no", false],
  ])("offers stalking when dash.stalking is %s: %s", (answer, shown) => {
    expect(visibleSections(draftWith("idva", { "dash.stalking": answer })).includes("stalking")).toBe(shown);
  });

  it("does not offer stalking when dash.stalking is not asked", () => {
    expect(visibleSections(draftWith("idva")).includes("stalking")).toBe(false);
  });

  it.each<[string, AnswerValue, boolean]>([
    ["dash.other-threatening-person", "yes", true],
    ["dash.other-threatening-person", "not-known", true],
    ["dash.other-threatening-person", "no", false],
    ["dash.isolated", "yes", true],
    ["dash.isolated", "not-known", true],
    ["dash.isolated", "no", false],
  ])("offers honour-based abuse when %s is %s: %s", (id, answer, shown) => {
    expect(visibleSections(draftWith("idva", { [id]: answer })).includes("honour-based-abuse")).toBe(shown);
  });

  it("offers honour-based abuse when either trigger holds even if the other is no", () => {
    const sections = visibleSections(
      draftWith("idva", { "dash.isolated": "no", "dash.other-threatening-person": "yes" }),
    );
    expect(sections).toContain("honour-based-abuse");
  });

  it("offers the BRAG vulnerability questions to police only", () => {
    expect(visibleSections(draftWith("police"))).toContain("vulnerability");
    for (const role of ["idva", "health", "drug-alcohol-service", "probation", "other"] as const) {
      expect(visibleSections(draftWith(role))).not.toContain("vulnerability");
    }
  });

  it.each<AssessorRole>(["drug-alcohol-service", "adult-social-care", "health", "housing"])(
    "offers exploitation and care-and-support prompts to %s",
    (role) => {
      const sections = visibleSections(draftWith(role));
      expect(sections).toContain("exploitation");
      expect(sections).toContain("care-and-support");
    },
  );

  it.each<AssessorRole>(["police", "idva", "childrens-services", "probation", "other"])(
    "does not offer exploitation prompts to %s without a reason",
    (role) => {
      const sections = visibleSections(draftWith(role));
      expect(sections).not.toContain("exploitation");
      expect(sections).not.toContain("care-and-support");
    },
  );

  it("offers exploitation and care prompts when a BRAG factor is yes", () => {
    const sections = visibleSections(draftWith("police", { "brag.exploitation": "yes" }));
    expect(sections).toContain("exploitation");
    expect(sections).toContain("care-and-support");
    expect(visibleSections(draftWith("police", { "brag.substance-use": "yes" }))).toContain("care-and-support");
    expect(visibleSections(draftWith("police", { "brag.substance-use": "no" }))).not.toContain("care-and-support");
  });

  it("keeps exploitation and care prompts once exploitation or care facts are recorded", () => {
    expect(visibleSections(draftWith("idva", {}, { context: { exploitation: ["cuckooing"] } }))).toContain(
      "exploitation",
    );
    expect(visibleSections(draftWith("idva", {}, { context: { careAndSupport: { needs: "yes" } } }))).toContain(
      "care-and-support",
    );
    expect(visibleSections(draftWith("idva", {}, { context: { exploitation: [] } }))).not.toContain("exploitation");
  });

  it("puts every section in a fixed order", () => {
    const sections = visibleSections(
      draftWith("police", { "dash.stalking": "yes", "dash.isolated": "yes", "brag.violence": "yes" }),
    );
    expect(sections).toEqual([
      ...DASH,
      "stalking",
      "honour-based-abuse",
      "vulnerability",
      "exploitation",
      "care-and-support",
      "timeline",
    ]);
  });

  it("asks the police-only child questions only in the police set", () => {
    const police = draftWith("police");
    expect(questionsFor(police, "dash-children").map((q) => q.id)).toContain("dash.threatened-children");
    const ric = draftWith("idva");
    expect(questionsFor(ric, "dash-children").map((q) => q.id)).not.toContain("dash.threatened-children");
  });
});

describe("toCaseFile", () => {
  it("stamps assessedAt at completion and defaults the question set by role", () => {
    const draft = draftWith("police", { "dash.strangulation": "yes" }, { safeToAsk: "yes" });
    const file = toCaseFile(draft, new Date("2024-03-10T21:00:00Z"));
    expect(file.assessedAt).toBe("2024-03-10T21:00:00.000Z");
    expect(file.questionSet).toBe("dash-2009-police");
    const result = validateCaseFile(file);
    expect(result.ok).toBe(true);
  });

  it("drops screen-only fields and answers the chosen set does not allow", () => {
    const draft = draftWith(
      "idva",
      { "dash.threatened-children": "yes", "dash.injury": "yes" },
      { safeToAsk: "no", notSafeReason: "He was in the next room", observedOnly: true },
    );
    draft.answers["dash.injury"] = { answer: "yes", detail: "  ", source: "observed" };
    const file = toCaseFile(draft);
    expect(file).not.toHaveProperty("notSafeReason");
    expect(file).not.toHaveProperty("observedOnly");
    expect(file.answers).toEqual({ "dash.injury": { answer: "yes", source: "observed" } });
    expect(validateCaseFile(file).ok).toBe(true);
  });

  it("gives an invalid case file while the role or the gate is missing", () => {
    expect(validateCaseFile(toCaseFile(draftWith(undefined, {}, { safeToAsk: "yes" }))).ok).toBe(false);
    expect(validateCaseFile(toCaseFile(draftWith("idva"))).ok).toBe(false);
  });
});

describe("the source of each answer in the case file", () => {
  it("is the answer's own, else the default chosen once at the gate, else the victim's account", () => {
    const draft = draftWith("police", { "dash.injury": "no", "dash.strangulation": "yes" }, { safeToAsk: "yes" });
    draft.answers["dash.strangulation"] = { answer: "yes", source: "observed" };
    expect(toCaseFile(draft).answers).toEqual({
      "dash.injury": { answer: "no", source: "victim" },
      "dash.strangulation": { answer: "yes", source: "observed" },
    });
    expect(toCaseFile({ ...draft, defaultSource: "third-party" }).answers).toEqual({
      "dash.injury": { answer: "no", source: "third-party" },
      "dash.strangulation": { answer: "yes", source: "observed" },
    });
  });

  it("is observed (or records, if chosen) when it was not safe to ask and only what was seen is recorded", () => {
    const observed = draftWith("police", { "dash.injury": "yes" }, { safeToAsk: "no", observedOnly: true });
    expect(defaultSourceOf(observed)).toBe("observed");
    expect(defaultSourceOf({ ...observed, defaultSource: "victim" })).toBe("observed");
    expect(defaultSourceOf({ ...observed, defaultSource: "records" })).toBe("records");
    expect(toCaseFile(observed).answers).toEqual({ "dash.injury": { answer: "yes", source: "observed" } });
    // Safe to ask again: the default chosen (or the victim's account) applies once more.
    expect(defaultSourceOf({ ...observed, safeToAsk: "yes" })).toBe("victim");
  });
});

describe("readDraft", () => {
  it("round-trips a draft and drops anything unrecognised", () => {
    const draft = draftWith(
      "police",
      { "dash.injury": "not-known" },
      { safeToAsk: "no", notSafeReason: "present", observedOnly: true },
    );
    expect(readDraft(JSON.parse(JSON.stringify(draft)), "case-1")).toEqual(draft);
    const withSource = { ...draft, defaultSource: "records" as const };
    expect(readDraft(JSON.parse(JSON.stringify(withSource)), "case-1")).toEqual(withSource);
    const junk = readDraft(
      {
        assessor: { role: "wizard" },
        answers: { "dash.injury": { answer: "maybe" } },
        safeToAsk: 3,
        defaultSource: "gossip",
      },
      "case-1",
    );
    expect(junk).toEqual(emptyDraft("case-1"));
    expect(readDraft(null, "case-2")).toEqual(emptyDraft("case-2"));
  });
});

describe("pages and resuming", () => {
  it("walks who, gate, the sections, the facts pages, judgement, then check your answers", () => {
    expect(pagesFor(draftWith("idva"))).toEqual([
      "who",
      "gate",
      ...DASH,
      "timeline",
      ...FACT_PAGES,
      "judgement",
      "check",
    ]);
  });

  it("reopens on the saved page, or the nearest earlier page when an answer has hidden it", () => {
    expect(resumePage(draftWith("idva"))).toBe("who");
    expect(resumePage(draftWith("idva", { "dash.stalking": "yes" }, { page: "stalking" }))).toBe("stalking");
    expect(resumePage(draftWith("idva", { "dash.stalking": "no" }, { page: "stalking" }))).toBe("dash-perpetrator");
    expect(resumePage(draftWith("idva", {}, { page: "nonsense" as PageKey }))).toBe("who");
    const stored = readDraft(JSON.parse(JSON.stringify(draftWith("idva", {}, { page: "judgement" }))), "case-1");
    expect(resumePage(stored)).toBe("judgement");
  });
});

describe("toCaseFile with facts from outside the draft", () => {
  const base = () => draftWith("police", {}, { safeToAsk: "yes" });

  it("fills children and perpetrator checks from the case details only where the draft records none", () => {
    const fromCaseDetails = {
      children: [{ age: 3, relationshipToPerpetrator: "child" as const }],
      perpetratorChecks: "done" as const,
    };
    expect(toCaseFile(base(), new Date(), { fromCaseDetails }).context).toEqual(fromCaseDetails);
    expect(caseDetailFieldsUsed(base(), fromCaseDetails)).toEqual(["children", "perpetratorChecks"]);
    const own = { ...base(), context: { perpetratorChecks: "pending" as const } };
    expect(toCaseFile(own, new Date(), { fromCaseDetails }).context).toEqual({
      perpetratorChecks: "pending",
      children: fromCaseDetails.children,
    });
    expect(caseDetailFieldsUsed(own, fromCaseDetails)).toEqual(["children"]);
  });

  it("carries previous assessments, and a BRAG judgement only while the vulnerability section shows", () => {
    const previousAssessments = [{ date: "2024-01-02", riskLevel: "high" as const, agency: "police" }];
    const police = { ...base(), bragJudgement: { colour: "red" as const, rationale: "No money, no food" } };
    const file = toCaseFile(police, new Date("2024-03-10T21:00:00Z"), { previousAssessments });
    expect(file).toMatchObject({
      previousAssessments,
      bragJudgement: { colour: "red", rationale: "No money, no food" },
    });
    expect(validateCaseFile(file).ok).toBe(true);
    const idva = { ...police, assessor: { role: "idva" as const } };
    expect(toCaseFile(idva)).not.toHaveProperty("bragJudgement");
    expect(toCaseFile(base(), new Date(), { previousAssessments: [] })).not.toHaveProperty("previousAssessments");
  });
});

describe("judgement and BRAG entries", () => {
  const base: AssessmentDraft = { ...emptyDraft("case-1"), assessor: { role: "police" }, safeToAsk: "yes" };

  it("keeps an invalid entry in the draft, pending, and out of the case file", () => {
    const draft = withJudgementEntry(
      { ...base, professionalJudgement: { level: "high", rationale: "Earlier" } },
      { level: "medium", rationale: "Lower" },
      undefined,
    );
    expect(draft.judgementEntry).toEqual({ level: "medium", rationale: "Lower" });
    expect(draft.professionalJudgement).toBeUndefined();
    expect(judgementPending(draft)).toBe(true);
    const caseFile = toCaseFile(draft, new Date("2026-01-05T10:00:00Z"));
    expect(caseFile).not.toHaveProperty("professionalJudgement");
    expect(JSON.stringify(caseFile)).not.toContain("Lower");
  });

  it("puts a valid entry in the case file; nothing entered clears both", () => {
    const valid = { level: "high" as const, rationale: "Released yesterday" };
    const draft = withJudgementEntry(base, valid, valid);
    expect(judgementPending(draft)).toBe(false);
    expect(toCaseFile(draft, new Date("2026-01-05T10:00:00Z"))).toMatchObject({ professionalJudgement: valid });
    const cleared = withJudgementEntry(draft, undefined, undefined);
    expect(cleared).not.toHaveProperty("judgementEntry");
    expect(cleared).not.toHaveProperty("professionalJudgement");
  });

  it("counts a pending BRAG entry only while the vulnerability section shows", () => {
    const draft = withBragEntry(base, { colour: "blue", rationale: "Lower" }, undefined);
    expect(visibleSections(draft)).toContain("vulnerability");
    expect(bragPending(draft)).toBe(true);
    expect(bragPending({ ...draft, assessor: { role: "idva" } })).toBe(false);
  });

  it("reads entries back from a stored draft, dropping unreadable ones", () => {
    const read = readDraft(
      {
        ...base,
        judgementEntry: { level: "medium", rationale: "typed" },
        bragEntry: { colour: "purple", rationale: "x" },
      },
      "case-1",
    );
    expect(read.judgementEntry).toEqual({ level: "medium", rationale: "typed" });
    expect(read.bragEntry).toBeUndefined();
  });
});

describe("notes kept when it was not safe to ask", () => {
  const base: AssessmentDraft = {
    ...emptyDraft("case-1"),
    assessor: { role: "police" },
    notSafeReason: " He stayed ",
    safetyNote: "",
    returnOn: "2026-12-01",
  };

  it("keeps the non-blank notes, trimmed, only when the gate says not safe", () => {
    expect(screenNotesOf({ ...base, safeToAsk: "no" })).toEqual({ notSafeReason: "He stayed", returnOn: "2026-12-01" });
    expect(screenNotesOf({ ...base, safeToAsk: "not-known" })).toEqual({
      notSafeReason: "He stayed",
      returnOn: "2026-12-01",
    });
    expect(screenNotesOf({ ...base, safeToAsk: "yes" })).toBeUndefined();
    expect(screenNotesOf({ ...emptyDraft(), safeToAsk: "no" })).toBeUndefined();
  });

  it("reads stored notes defensively", () => {
    expect(readScreenNotes(undefined)).toBeUndefined();
    expect(readScreenNotes("text")).toBeUndefined();
    expect(readScreenNotes({ safetyNote: "Advice given", returnOn: 5 })).toEqual({ safetyNote: "Advice given" });
    expect(readScreenNotes({ unansweredReason: "interrupted" })).toEqual({ unansweredReason: "interrupted" });
    expect(readScreenNotes({ unansweredReason: "bored" })).toBeUndefined();
  });
});

describe("why questions were left unanswered", () => {
  const answered = Object.fromEntries(dashIdsFor("dash-ric-24").map((id) => [id, { answer: "no" as const }]));

  it("lists the checklist questions with no answer, not known counting as answered", () => {
    const draft: AssessmentDraft = { ...emptyDraft("case-1"), questionSet: "dash-ric-24", answers: { ...answered } };
    expect(unansweredQuestionIds(draft)).toEqual([]);
    delete draft.answers["dash.injury"];
    draft.answers["dash.stalking"] = { answer: "not-known" };
    expect(unansweredQuestionIds(draft)).toEqual(["dash.injury"]);
  });

  it("keeps the reason with the notes only while a question is unanswered, whatever the gate said", () => {
    const some: AssessmentDraft = {
      ...emptyDraft("case-1"),
      questionSet: "dash-ric-24",
      safeToAsk: "yes",
      unansweredReason: "victim-declined",
      answers: { "dash.injury": { answer: "yes" } },
    };
    expect(screenNotesOf(some)).toEqual({ unansweredReason: "victim-declined" });
    expect(screenNotesOf({ ...some, answers: answered })).toBeUndefined();
    expect(readDraft(JSON.parse(JSON.stringify(some)), "case-1").unansweredReason).toBe("victim-declined");
    expect(readDraft({ ...some, unansweredReason: "bored" }, "case-1").unansweredReason).toBeUndefined();
  });
});
