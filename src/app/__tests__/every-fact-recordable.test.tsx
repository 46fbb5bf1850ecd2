// Issue 14 item 3: every fact the contract knows can be recorded from a screen. The lists come from
// the spec itself (../shared/spec/case-format.md's context table and question-ids.md's ids), so a
// field or id added there fails here until a page records it. Each fact is set the way a
// practitioner sets it (by its control's label) and read back from the case file the engine gets.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { useState, type ReactNode } from "react";
import { PERPETRATOR_HISTORY_TAGS, validateCaseFile, type CaseContext } from "../../domain/case-file";
import { contextFromCaseDetails } from "../../domain/case-record/assessment-context";
import { emptyCaseDetails } from "../../domain/case-record/case-details";
import { CARE_AND_SUPPORT_PROMPTS, EXPLOITATION_PROMPTS } from "../../domain/question-sets/context-prompts";
import { POLICE_ONLY_IDS, questionById, type QuestionSetId } from "../../domain/question-sets/question-set-registry";
import { CasesScreen } from "../../features/cases/cases-screen";
import { openSection, storedDetails } from "../../features/cases/__tests__/case-steps";
import { unlockedSession } from "../../testing/test-vault";
import {
  emptyDraft,
  pagesFor,
  toCaseFile,
  type AssessmentDraft,
  type DraftUpdate,
  type SectionId,
} from "../../features/assessment/assessment-draft";
import type { FactPage } from "../../features/assessment/context-facts";
import { FactsStep } from "../../features/assessment/context-facts-step";
import { SectionStep } from "../../features/assessment/section-step";

const spec = (name: string): string =>
  // Tests run from the project root; the contract sits beside it (../shared), as for the scenarios.
  readFileSync(path.resolve(process.cwd(), "../shared/spec", name), "utf8");

/** The `context` fields table of case-format.md: the first column of each row. */
function specContextFields(): string[] {
  const text = spec("case-format.md");
  const start = text.indexOf("`context` fields");
  const fields: string[] = [];
  for (const line of text.slice(start).split("\n").slice(1)) {
    const match = /^\| `([A-Za-z0-9]+)` \|/.exec(line);
    if (match) fields.push(match[1]!);
    else if (fields.length > 0 && !line.startsWith("|")) break;
  }
  return fields;
}

/** Every answer id of question-ids.md for one set: its DASH ids (1–24, or all 27 for the police form) and the supplementary ids. */
function specAnswerIds(set: QuestionSetId): string[] {
  const text = spec("question-ids.md");
  const dash = [...text.matchAll(/^\| (\d+) \| `(dash\.[a-z-]+)` \|/gm)]
    .filter((match) => set === "dash-2009-police" || Number(match[1]) <= 24)
    .map((match) => match[2]!);
  const supplementary = new Set([...text.matchAll(/`((?:stalking|hbv|timeline|brag)\.[a-z-]+)`/g)].map((m) => m[1]!));
  return [...dash, ...supplementary];
}

const ASSESSED_AT = "2024-06-01T10:00:00Z";
const TODAY = "2024-06-01";

/** A police officer's draft (so every section can show), on the chosen set. */
function baseDraft(set: QuestionSetId = "dash-2009-police", context?: CaseContext): AssessmentDraft {
  return {
    ...emptyDraft("case-1"),
    assessor: { role: "police" },
    questionSet: set,
    safeToAsk: "yes",
    assessedAt: ASSESSED_AT,
    answers: {},
    ...(context === undefined ? {} : { context }),
  };
}

/** Holds the draft as the screen does, and reports every change. */
function Harness({
  initial,
  page,
  onDraft,
}: {
  initial: AssessmentDraft;
  page: (draft: AssessmentDraft, update: DraftUpdate) => ReactNode;
  onDraft: (draft: AssessmentDraft) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const update: DraftUpdate = (next) => {
    onDraft(next);
    setDraft(next);
  };
  return <>{page(draft, update)}</>;
}

type PageRef = { kind: "facts"; page: FactPage } | { kind: "section"; section: SectionId };

function renderPage(ref: PageRef, initial: AssessmentDraft): { seen: { draft: AssessmentDraft }; unmount: () => void } {
  const seen = { draft: initial };
  const { unmount } = render(
    <Harness
      initial={initial}
      onDraft={(draft) => {
        seen.draft = draft;
      }}
      page={(draft, update) =>
        ref.kind === "facts" ? (
          <FactsStep
            draft={draft}
            page={ref.page}
            update={update}
            onFlush={() => undefined}
            showErrorsKey={0}
            today={TODAY}
          />
        ) : (
          <SectionStep
            draft={draft}
            section={ref.section}
            update={update}
            onFlush={() => undefined}
            outcome={null}
            showErrorsKey={0}
          />
        )
      }
    />,
  );
  return { seen, unmount };
}

const group = (name: string | RegExp): HTMLElement => screen.getByRole("group", { name });
async function choose(user: UserEvent, question: string | RegExp, answer: string): Promise<void> {
  await user.click(within(group(question)).getByRole("radio", { name: answer }));
}
async function typeDate(user: UserEvent, legend: string | RegExp, day: string, month: string, year: string) {
  const date = group(legend);
  await user.type(within(date).getByLabelText("Day"), day);
  await user.type(within(date).getByLabelText("Month"), month);
  await user.type(within(date).getByLabelText("Year"), year);
}
const careWording = (field: string): string =>
  CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field)!.wording ??
  CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field)!.label;
const careLabel = (field: string): string => CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field)!.label;

interface FactRow {
  page: PageRef;
  /** Context already recorded before the page opens (never-share needs a fact to tick). */
  before?: CaseContext;
  act: (user: UserEvent) => Promise<void>;
  expected: unknown;
}

const facts = (page: FactPage): PageRef => ({ kind: "facts", page });

/** Each context field of the contract: the page that records it, how, and what the case file then holds. */
const CONTEXT_FIELD_SCREENS: Record<string, FactRow | "case-details"> = {
  policeCallouts12m: {
    page: facts("incident-history"),
    act: (user) => user.type(screen.getByLabelText(/^How many times were the police called out/), "3"),
    expected: 3,
  },
  previousMaracDates: {
    page: facts("incident-history"),
    act: async (user) => {
      await user.click(screen.getByRole("button", { name: "Add a MARAC date" }));
      await typeDate(user, /^MARAC 1: date it was heard/, "8", "10", "2023");
    },
    expected: ["2023-10-08"],
  },
  safeguardingConcerns: {
    page: facts("incident-history"),
    act: async (user) => {
      await user.click(screen.getByRole("button", { name: "Add a safeguarding concern" }));
      await typeDate(user, /^Safeguarding concern 1: date raised/, "2", "5", "2024");
      await user.type(screen.getByLabelText("Safeguarding concern 1: agency that raised it (optional)"), "GP");
    },
    expected: [{ date: "2024-05-02", agency: "GP" }],
  },
  newIncident: {
    page: facts("incident-history"),
    act: (user) => choose(user, /^Does this assessment follow a new incident/, "No, it is a planned review"),
    expected: false,
  },
  children: "case-details",
  pregnant: {
    page: facts("victim-situation"),
    act: (user) => choose(user, "Is the victim pregnant now?", "Yes"),
    expected: "yes",
  },
  separation: {
    page: facts("victim-situation"),
    act: async (user) => {
      await choose(user, /^Has the victim separated/, "Yes, they have separated recently");
      await typeDate(user, /^Date they separated/, "1", "4", "2024");
    },
    expected: { status: "recent", date: "2024-04-01" },
  },
  victimRetracted: {
    page: facts("victim-situation"),
    act: (user) => choose(user, /^Has the victim withdrawn a complaint/, "Yes"),
    expected: true,
  },
  perpetratorChecks: {
    page: facts("checks-and-orders"),
    act: (user) => choose(user, /^Have police or agency history checks/, "Asked for, not back yet"),
    expected: "pending",
  },
  perpetratorHistory: {
    page: facts("checks-and-orders"),
    act: async (user) => {
      const boxes = within(group(/^What is known about the history/)).getAllByRole("checkbox");
      for (const box of boxes) await user.click(box);
    },
    expected: [...PERPETRATOR_HISTORY_TAGS],
  },
  careAndSupport: {
    page: { kind: "section", section: "care-and-support" },
    act: (user) => choose(user, careWording("context.careAndSupport.needs"), "Yes"),
    expected: { needs: "yes" },
  },
  exploitation: {
    page: { kind: "section", section: "exploitation" },
    act: (user) =>
      user.click(
        screen.getByRole("checkbox", {
          name: EXPLOITATION_PROMPTS.find((prompt) => prompt.field === "context.exploitation.cuckooing")!.label,
        }),
      ),
    expected: ["cuckooing"],
  },
  housing: {
    page: { kind: "section", section: "care-and-support" },
    act: (user) => user.selectOptions(screen.getByLabelText(careLabel("context.housing")), "temporary"),
    expected: "temporary",
  },
  substanceUse: {
    page: { kind: "section", section: "care-and-support" },
    act: (user) => user.click(screen.getByRole("checkbox", { name: "alcohol" })),
    expected: ["alcohol"],
  },
  movedArea: {
    page: facts("incident-history"),
    act: (user) => choose(user, /^Has the victim or the person causing harm moved/, "Yes"),
    expected: true,
  },
  protectiveOrders: {
    page: facts("checks-and-orders"),
    act: async (user) => {
      await user.click(screen.getByRole("button", { name: "Add an order" }));
      await user.selectOptions(screen.getByLabelText("Order 1: type"), "Non-molestation order");
      await typeDate(user, /^Order 1: date granted/, "1", "3", "2024");
      await typeDate(user, /^Order 1: end date/, "1", "3", "2025");
    },
    expected: [{ type: "non-molestation", granted: "2024-03-01", expires: "2025-03-01" }],
  },
  nonDisclosure: {
    page: facts("never-share"),
    before: { pregnant: "yes" },
    act: (user) => user.click(screen.getByRole("checkbox", { name: "Pregnant now" })),
    expected: ["context.pregnant"],
  },
};

describe("every context field of the contract is recorded by a screen", () => {
  it("the spec's context table and this test's table name the same fields", () => {
    const fields = specContextFields();
    expect(fields.length).toBeGreaterThanOrEqual(17);
    expect(Object.keys(CONTEXT_FIELD_SCREENS).sort()).toEqual([...fields].sort());
  });

  it.each(specContextFields().filter((field) => CONTEXT_FIELD_SCREENS[field] !== "case-details"))(
    "%s",
    async (field) => {
      const row = CONTEXT_FIELD_SCREENS[field];
      if (row === undefined || row === "case-details") throw new Error(`No screen records context.${field}`);
      const user = userEvent.setup();
      const initial = baseDraft("dash-2009-police", row.before);
      // The page is one the walk-through shows (exploitation and care and support once a vulnerability is yes).
      const reachable = { ...initial, answers: { "brag.no-money": { answer: "yes" as const } } };
      expect(pagesFor(reachable)).toContain(row.page.kind === "facts" ? row.page.page : row.page.section);
      const { seen } = renderPage(row.page, initial);
      await row.act(user);
      const validation = validateCaseFile(toCaseFile(seen.draft));
      expect(validation.ok ? [] : validation.issues).toEqual([]);
      expect(validation.ok && validation.caseFile.context?.[field as keyof CaseContext]).toEqual(row.expected);
    },
  );

  it("children: the case details' Children page records them, and the assessment's case file reads them from there", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const { id: caseId } = await session.saveCase({ details: emptyCaseDetails() });
    render(<CasesScreen session={session} />);
    await openSection(user, "Children and dependants");
    await user.click(within(group(/Does the victim have children/)).getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Add a child" }));
    await user.type(screen.getByLabelText(/^Child 1: age in years/), "4");
    await user.click(
      within(group("Child 1: how are they related to the person causing harm?")).getByRole("radio", {
        name: "Their stepchild",
      }),
    );
    const details = await storedDetails(session, caseId, (stored) =>
      expect(stored.children[0]?.relationshipToPerpetrator).toBe("step-child"),
    );
    const fromCaseDetails = contextFromCaseDetails(details, TODAY).context;
    const validation = validateCaseFile(toCaseFile(baseDraft(), new Date(ASSESSED_AT), { fromCaseDetails }));
    expect(validation.ok && validation.caseFile.context?.children).toEqual([
      { age: 4, relationshipToPerpetrator: "step-child" },
    ]);
  });
});

describe("every answer id of question-ids.md is recorded by a question page", () => {
  for (const set of ["dash-ric-24", "dash-2009-police"] as const) {
    it(`${set}: each id is on a page the walk-through shows, and answering it puts it in the case file`, () => {
      const ids = specAnswerIds(set);
      expect(ids.length).toBeGreaterThan(set === "dash-ric-24" ? 24 : 27);
      // The supplementary sections show once their trigger answers are yes (BRAG for a police officer).
      const triggered: AssessmentDraft = {
        ...baseDraft(set),
        answers: {
          "dash.stalking": { answer: "yes" },
          "dash.other-threatening-person": { answer: "yes" },
          "brag.no-money": { answer: "yes" },
        },
      };
      const pages = pagesFor(triggered);
      const missing: string[] = [];
      for (const id of ids) {
        const question = questionById(id);
        if (question === undefined || !pages.includes(question.section)) {
          missing.push(id);
          continue;
        }
        const { seen, unmount } = renderPage({ kind: "section", section: question.section }, triggered);
        const radios = within(screen.getByRole("group", { name: question.wording })).getByRole("radio", {
          name: "Yes",
        });
        fireEvent.click(radios);
        const caseFile = toCaseFile(seen.draft);
        const validation = validateCaseFile(caseFile);
        if (!validation.ok || validation.caseFile.answers[id] === undefined) missing.push(id);
        unmount();
      }
      expect(missing).toEqual([]);
    });
  }

  it("the police-only child ids are not offered on the 24-question set", () => {
    const pages = pagesFor(baseDraft("dash-ric-24"));
    expect(specAnswerIds("dash-ric-24")).not.toEqual(expect.arrayContaining([...POLICE_ONLY_IDS]));
    expect(pages).toContain("dash-children");
  });
});

describe("not known is never recorded as no", () => {
  it("leaves call-outs, moved area, separation and retraction out of the case file when not known", async () => {
    const user = userEvent.setup();
    const first = renderPage(facts("incident-history"), baseDraft());
    await choose(user, /^Has the victim or the person causing harm moved/, "Not known");
    expect(group(/^Has the victim or the person causing harm moved/)).toContainElement(
      screen.getByRole("radio", { name: "Not known", checked: true }),
    );
    const context = (toCaseFile(first.seen.draft) as { context?: CaseContext }).context ?? {};
    expect(context).not.toHaveProperty("movedArea");
    expect(context).not.toHaveProperty("policeCallouts12m");
    first.unmount();

    const second = renderPage(facts("victim-situation"), baseDraft());
    await choose(user, /^Has the victim separated/, "Not known");
    await choose(user, /^Has the victim withdrawn a complaint/, "Not known");
    const after = (toCaseFile(second.seen.draft) as { context?: CaseContext }).context ?? {};
    expect(after).not.toHaveProperty("separation");
    expect(after).not.toHaveProperty("victimRetracted");
    expect(second.seen.draft.facts).toMatchObject({ separation: "not-known", victimRetracted: "not-known" });
  });
});
