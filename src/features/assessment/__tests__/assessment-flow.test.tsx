// The walk-through beyond the question pages: the gate's safety note and reminder, judgement,
// the BRAG colour, the live panel, check your answers, what changed, case-detail facts and the
// active policy. Drafts are seeded on the page under test, as if the practitioner had got there.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { questionById } from "../../../domain/question-sets/question-set-registry";
import { summariseDashboard } from "../../../domain/review/dashboard-summary";
import { saveActivePolicy } from "../../../storage/policy-setting";
import type { VaultSession } from "../../../storage/vault-session";
import { AssessmentScreen } from "../assessment-screen";
import { CompletedAssessmentScreen } from "../completed-view";
import { answersWith, completeAssessment, seedDraft, sessionWithCase } from "./assessment-fixtures";

const wording = (id: string): string => questionById(id)!.wording;
const panel = () => screen.getByRole("complementary", { name: "Risk so far" });

async function storedDraft(session: VaultSession, caseId: string): Promise<Record<string, unknown>> {
  const drafts = (await session.listAssessments(caseId)).filter((summary) => summary.status === "draft");
  return (await session.getAssessment(drafts[0]!.id)).content as Record<string, unknown>;
}

async function completeFromCheck(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(await screen.findByRole("button", { name: "Complete assessment" }));
  await screen.findByRole("heading", { level: 1, name: /^Assessment completed/ });
}

describe("the safe-to-ask gate", () => {
  it("records why it was not safe, a short safety note and a reminder to return, and shows them on check your answers", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { assessor: { role: "police" }, safeToAsk: undefined, page: "gate" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);

    const gate = await screen.findByRole("group", { name: /Is it safe to ask the questions now\?/ });
    await user.click(within(gate).getByRole("radio", { name: "No" }));
    expect(screen.queryByRole("button", { name: "Continue" })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Why is it not safe to ask now?"), "He stayed in the room");
    await user.type(screen.getByLabelText("Short safety note"), "Gave 999 and 55 advice discreetly");
    await user.type(screen.getByLabelText("Come back by (date)"), "2026-12-01");
    await user.type(screen.getByLabelText("The safe way to come back that was agreed"), "Call her sister's number");
    await user.tab();

    await waitFor(async () =>
      expect(await storedDraft(session, caseId)).toMatchObject({
        safeToAsk: "no",
        notSafeReason: "He stayed in the room",
        safetyNote: "Gave 999 and 55 advice discreetly",
        returnOn: "2026-12-01",
        returnHow: "Call her sister's number",
      }),
    );

    await user.click(screen.getByRole("button", { name: "Record what you saw or know from records" }));
    expect(screen.getByText(/Record only what you saw yourself or know from records/)).toBeInTheDocument();
    for (let i = 0; i < 12 && !screen.queryByRole("heading", { level: 1, name: "Check your answers" }); i += 1) {
      await user.click(screen.getByRole("button", { name: "Continue" }));
    }
    const safety = screen.getByText("Safety note", { selector: "dt" }).closest("div")!;
    expect(safety).toHaveTextContent("Gave 999 and 55 advice discreetly");
    expect(screen.getByText("Reminder to return", { selector: "dt" }).closest("div")).toHaveTextContent(
      "By 2026-12-01: Call her sister's number",
    );
    expect(screen.getByText("Safe to ask", { selector: "dt" }).closest("div")).toHaveTextContent(
      "No: He stayed in the room",
    );
  });
});

describe("supplementary sections", () => {
  it("keeps the reason, safety note and reminder with the completed assessment and shows them read-only", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      safeToAsk: "no",
      observedOnly: true,
      notSafeReason: "He stayed in the room",
      safetyNote: "Gave 999 and 55 advice discreetly",
      returnOn: "2026-12-01",
      returnHow: "Call her sister's number",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
      page: "check",
    });
    const first = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    expect(await screen.findByText(/They are never put in a referral pack/)).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "It was not safe to continue" }));
    await completeFromCheck(user);
    const shown = (): void => {
      expect(screen.getByText("Why it was not safe to ask", { selector: "dt" }).closest("div")).toHaveTextContent(
        "He stayed in the room",
      );
      expect(screen.getByText("Safety note", { selector: "dt" }).closest("div")).toHaveTextContent(
        "Gave 999 and 55 advice discreetly",
      );
      expect(screen.getByText("Reminder to return", { selector: "dt" }).closest("div")).toHaveTextContent(
        "By 2026-12-01: Call her sister's number",
      );
      expect(
        screen.getByText("Why some questions were not answered", { selector: "dt" }).closest("div"),
      ).toHaveTextContent("It was not safe to continue");
    };
    shown();

    const [summary] = await session.listAssessments(caseId);
    const record = await session.getAssessment(summary!.id);
    expect(record.notes).toEqual({
      notSafeReason: "He stayed in the room",
      safetyNote: "Gave 999 and 55 advice discreetly",
      returnOn: "2026-12-01",
      returnHow: "Call her sister's number",
      unansweredReason: "not-safe-to-continue",
    });
    // The case file itself stays within the contract: no notes in it.
    expect(JSON.stringify(record.content)).not.toContain("999 and 55");

    first.unmount();
    render(
      <CompletedAssessmentScreen
        session={session}
        caseId={caseId}
        assessmentId={summary!.id}
        onClose={() => undefined}
      />,
    );
    await screen.findByRole("heading", { level: 1, name: /^Assessment completed/ });
    shown();
  });

  it("offers honour-based abuse when isolation is not known, and all seven timeline prompts", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.isolated": "not-known" }),
      page: "dash-perpetrator",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "The person harming them" });
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { level: 1, name: "Honour-based abuse" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: wording("hbv.forced-marriage") })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { level: 1, name: "Timeline indicators" })).toBeInTheDocument();
    for (const id of [
      "timeline.rapid-commitment",
      "timeline.early-pregnancy-pressure",
      "timeline.final-resolution-talk",
      "timeline.sudden-calm",
      "timeline.acquiring-weapons",
      "timeline.reconnaissance",
      "timeline.getting-victim-alone",
    ]) {
      expect(screen.getByRole("group", { name: wording(id) })).toBeInTheDocument();
    }
  });
});

describe("professional judgement", () => {
  it("refuses a lower level with the reason, and needs a rationale to raise", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
      page: "judgement",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });

    await user.click(screen.getByRole("radio", { name: "Medium" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "She said it was a one-off");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));
    const refused = "Judgement can raise the level, never lower it. The answers and rules already give High.";
    expect(within(await screen.findByRole("alert")).getByRole("link", { name: refused })).toBeInTheDocument();
    expect((await storedDraft(session, caseId)).professionalJudgement).toBeUndefined();
    expect(within(panel()).getByText("High")).toBeInTheDocument();
  });

  it("raises Standard to High with a rationale, saved into the draft and shown in the panel", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { answers: answersWith("dash-ric-24"), page: "judgement" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });

    await user.click(screen.getByRole("radio", { name: "High" }));
    await user.click(screen.getByRole("button", { name: "Save judgement" }));
    expect(
      within(await screen.findByRole("alert")).getByRole("link", { name: "Explain why, in your own words" }),
    ).toBeInTheDocument();

    await user.type(screen.getByLabelText("Why? (rationale)"), "He has just been released and knows where she lives");
    await user.click(screen.getByRole("button", { name: "Save judgement" }));
    await waitFor(() => expect(panel()).toHaveTextContent("Professional judgement sets the level to High"));
    await waitFor(async () =>
      expect((await storedDraft(session, caseId)).professionalJudgement).toEqual({
        level: "high",
        rationale: "He has just been released and knows where she lives",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByText("Professional judgement", { selector: "dt" }).closest("div")).toHaveTextContent(
      "High: He has just been released and knows where she lives",
    );
  });
});

describe("the assessor's BRAG colour", () => {
  it("can be raised with a rationale but never lowered, and is completed into the case file", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: { ...answersWith("dash-2009-police"), "brag.no-money": { answer: "yes" } },
      page: "vulnerability",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    const form = await screen.findByRole("form", { name: "Your BRAG colour" });
    expect(form).toHaveTextContent("The answers give Amber");

    await user.click(within(form).getByRole("radio", { name: "Blue" }));
    await user.type(within(form).getByLabelText("Why this colour? (rationale)"), "Seems fine");
    await user.click(within(form).getByRole("button", { name: "Save BRAG colour" }));
    const refused = "The BRAG colour can be raised, never lowered. The answers already give Amber.";
    expect(within(within(form).getByRole("alert")).getByRole("link", { name: refused })).toBeInTheDocument();

    await user.click(within(form).getByRole("radio", { name: "Red" }));
    await user.clear(within(form).getByLabelText("Why this colour? (rationale)"));
    await user.click(within(form).getByRole("button", { name: "Save BRAG colour" }));
    expect(
      within(within(form).getByRole("alert")).getByRole("link", {
        name: "Explain why you chose this colour, in your own words",
      }),
    ).toBeInTheDocument();

    await user.type(
      within(form).getByLabelText("Why this colour? (rationale)"),
      "No food or heating and he controls her money",
    );
    await user.click(within(form).getByRole("button", { name: "Save BRAG colour" }));
    await waitFor(() =>
      expect(
        within(panel())
          .getByText(/^BRAG:/)
          .closest("p"),
      ).toHaveTextContent("BRAG: Red"),
    );

    for (let i = 0; i < 10 && !screen.queryByRole("heading", { level: 1, name: "Check your answers" }); i += 1) {
      await user.click(screen.getByRole("button", { name: "Continue" }));
    }
    await completeFromCheck(user);
    const [summary] = await session.listAssessments(caseId);
    const record = await session.getAssessment(summary!.id);
    expect(record.content).toMatchObject({
      bragJudgement: { colour: "red", rationale: "No food or heating and he controls her money" },
    });
    expect(record.outcome).toMatchObject({ brag: "red", computedBrag: "amber", bragJudgement: { applied: true } });
    expect((await session.getCase(caseId)).brag).toBe("red");
  });
});

describe("the live risk panel", () => {
  it("shows level, not-known apart from the score, BRAG, pathways, and a to-do list that goes to the question", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    const answers = answersWith("dash-ric-24", { "dash.breach": "not-known" });
    delete answers["dash.stalking"];
    await seedDraft(session, caseId, { answers, page: "dash-current-incident" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "The current situation" });

    const risk = panel();
    expect(risk).toHaveTextContent("Risk level: Standard");
    expect(risk).toHaveTextContent("Not known 1 (shown separately)");
    expect(risk).toHaveTextContent("BRAG: Blue");
    expect(within(risk).getByRole("heading", { name: "Pathways" })).toBeInTheDocument();
    expect(risk).toHaveTextContent("MARAC");
    // The summary at the top of the page gives the level with its certainty and links to the panel.
    const summary = screen.getByRole("region", { name: "Risk level" });
    expect(
      within(summary).getByText(/^Standard — from the score: 0 yes of 24; provisional: 1 not known, 1 not asked$/),
    ).toBeInTheDocument();
    // The bar holds no controls: a target in a sticky bar covers the answers scrolling beneath it.
    expect(within(summary).queryAllByRole("link")).toHaveLength(0);

    const todo = within(risk).getByRole("heading", { name: "Still to find out" }).nextElementSibling as HTMLElement;
    await user.click(within(todo).getByRole("button", { name: /stalk/i }));
    expect(screen.getByRole("group", { name: wording("dash.stalking") })).toBeInTheDocument();
  });
});

describe("a new assessment of a case assessed before", () => {
  it("shows what changed since the last one and feeds it to the engine as a previous assessment", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await completeAssessment(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.injury": "yes" }),
      assessor: { role: "idva", agency: "Safe Lives IDVA" },
    });
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.injury": "yes", "dash.strangulation": "yes" }),
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });

    const changed = within(panel()).getByRole("region", {
      name: "What changed since the last assessment (2026-01-05)",
    });
    expect(changed).toHaveTextContent("Risk level: Standard then, High now");
    expect(changed).toHaveTextContent(/New reason the level cannot be lower: .*strangl/i);
    expect(changed).toHaveTextContent(/MARAC.*: not met then, refer now/);
    expect(changed).toHaveTextContent(`${questionById("dash.strangulation")!.riskFactor}: no then, yes now`);

    await completeFromCheck(user);
    const completed = (await session.listAssessments(caseId)).filter((summary) => summary.status === "completed");
    const latest = await session.getAssessment(completed[0]!.id);
    expect(latest.content).toMatchObject({
      previousAssessments: [{ date: "2026-01-05", riskLevel: "standard", agency: "Safe Lives IDVA" }],
    });
  });

  it("carries a recent High forward while the new assessment is incomplete", async () => {
    const { session, caseId } = await sessionWithCase();
    const recently = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
    await completeAssessment(
      session,
      caseId,
      { answers: answersWith("dash-ric-24", { "dash.threats-to-kill": "yes" }) },
      recently,
    );
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.breach": "not-known" }),
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    expect(panel()).toHaveTextContent("Risk level: High");
    expect(panel()).toHaveTextContent(/carried forward/);
  });
});

describe("facts from the case details", () => {
  it("takes the children and the perpetrator checks from the case details when the assessment has none, and says so", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase({
      detailsVersion: 1,
      victim: {},
      perpetrator: { historyChecks: "pending" },
      children: [{ age: 5, relationshipToPerpetrator: "child" }, { age: 9 }],
      referrer: {},
      consent: {},
      agenciesInvolved: [],
      nonDisclosure: [],
    });
    await seedDraft(session, caseId, { answers: answersWith("dash-ric-24"), page: "check" });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    const section = await screen.findByRole("region", { name: "Taken from the case details" });
    expect(within(section).getByText("Children", { selector: "dt" }).closest("div")).toHaveTextContent(
      "aged 5 (child)",
    );
    expect(within(section).getByText("Checks on the perpetrator", { selector: "dt" }).closest("div")).toHaveTextContent(
      "Pending",
    );
    expect(section).toHaveTextContent("One child in the case details is left out");

    await completeFromCheck(user);
    const [summary] = await session.listAssessments(caseId);
    const record = await session.getAssessment(summary!.id);
    expect(record.content).toMatchObject({
      context: { children: [{ age: 5, relationshipToPerpetrator: "child" }], perpetratorChecks: "pending" },
    });
  });
});

describe("the active local policy", () => {
  it("is used for the live level and recorded with the completed assessment", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await saveActivePolicy(session, { name: "west-area", version: 2, highRiskYesCount: 3, mediumRiskYesCount: 2 });
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", {
        "dash.very-frightened": "yes",
        "dash.afraid-of-harm": "yes",
        "dash.financial": "yes",
      }),
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    expect(panel()).toHaveTextContent("Risk level: High");
    expect(screen.getByText("Policy: west-area (version 2).")).toBeInTheDocument();

    await completeFromCheck(user);
    const [summary] = await session.listAssessments(caseId);
    expect(summary).toMatchObject({ policyName: "west-area", policyVersion: "2", riskLevel: "high" });
    expect((await session.getAssessment(summary!.id)).outcome).toMatchObject({
      policy: { name: "west-area", version: 2 },
    });
    expect(screen.getByText("Policy", { selector: "dt" }).closest("div")).toHaveTextContent("west-area, version 2");
  });
});

describe("completion and the manager's dashboard", () => {
  it("writes the review figures at completion: a strangulation case gains marac-required and a quality score, and needs action", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await session.updateCaseSummary(caseId, { flags: ["someone-elses-code"] });
    await seedDraft(session, caseId, {
      assessor: { role: "police", agency: "North Police" },
      answers: answersWith("dash-2009-police", { "dash.strangulation": "yes" }),
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await completeFromCheck(user);

    const summary = await session.getCase(caseId);
    expect(summary.riskLevel).toBe("high");
    expect(summary.flags).toContain("marac-required");
    expect(summary.flags).toContain("someone-elses-code");
    expect(summary.qualityScore).toEqual(expect.any(Number));
    expect(summary).toMatchObject({ assessorRole: "police", agency: "North Police" });

    const { details: _details, ...row } = summary;
    const dashboard = summariseDashboard([row], { now: new Date() });
    expect(dashboard.needsAction).toEqual([
      expect.objectContaining({
        row: expect.objectContaining({ id: caseId }),
        reasons: expect.arrayContaining(["high-risk-marac-not-sent"]),
      }),
    ]);
    expect(dashboard.averageQuality).toEqual(expect.any(Number));
  });
});

describe("nothing typed is lost on the judgement and BRAG pages", () => {
  it("keeps a judgement typed but not saved with its own button when Continue is pressed, and after a reload", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, { answers: answersWith("dash-ric-24"), page: "judgement" });
    const first = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });
    await user.click(screen.getByRole("radio", { name: "High" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "He has just been released");
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Check your answers" })).toBeInTheDocument();
    expect(screen.getByText("Professional judgement", { selector: "dt" }).closest("div")).toHaveTextContent(
      "High: He has just been released",
    );
    await waitFor(async () =>
      expect((await storedDraft(session, caseId)).professionalJudgement).toEqual({
        level: "high",
        rationale: "He has just been released",
      }),
    );

    first.unmount();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    await user.click(screen.getByRole("button", { name: "Change professional judgement" }));
    expect(screen.getByLabelText("Why? (rationale)")).toHaveValue("He has just been released");
    expect(screen.getByRole("radio", { name: "High" })).toBeChecked();
  });

  it("keeps an invalid judgement in the draft but not the case file: Continue shows why, a reload finds it, completion refuses it", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
      page: "judgement",
    });
    const first = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });
    await user.click(screen.getByRole("radio", { name: "Medium" }));
    await user.type(screen.getByLabelText("Why? (rationale)"), "She said it was a one-off");
    await user.click(screen.getByRole("button", { name: "Continue" }));

    const refused = "Judgement can raise the level, never lower it. The answers and rules already give High.";
    const link = within(await screen.findByRole("alert")).getByRole("link", { name: refused });
    expect(link).toHaveAttribute("href", "#judgement-level");
    expect(screen.getByRole("heading", { level: 1, name: "Your professional judgement" })).toBeInTheDocument();
    await waitFor(async () => {
      const stored = await storedDraft(session, caseId);
      expect(stored.judgementEntry).toEqual({ level: "medium", rationale: "She said it was a one-off" });
      expect(stored.professionalJudgement).toBeUndefined();
    });
    // Back and forward again: the entry is still there, and the form does not open showing old errors.
    await user.click(screen.getByRole("button", { name: "Back" }));
    await screen.findByRole("heading", { level: 1, name: "Facts never to share with the person causing harm" });
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });
    expect(screen.getByLabelText("Why? (rationale)")).toHaveValue("She said it was a one-off");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    first.unmount();
    const second = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Your professional judgement" });
    expect(screen.getByLabelText("Why? (rationale)")).toHaveValue("She said it was a one-off");
    expect(screen.getByRole("radio", { name: "Medium" })).toBeChecked();

    // On check your answers (a draft seeded there with the same entry) it shows as unfinished and will not complete.
    second.unmount();
    await seedDraft(session, caseId, {
      answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
      judgementEntry: { level: "medium", rationale: "She said it was a one-off" },
      page: "check",
    });
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    await screen.findByRole("heading", { level: 1, name: "Check your answers" });
    expect(screen.getByText("Professional judgement", { selector: "dt" }).closest("div")).toHaveTextContent(
      "Not finished: Medium: She said it was a one-off",
    );
    await user.click(screen.getByRole("button", { name: "Complete assessment" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: /professional judgement is not finished/ })).toHaveAttribute(
      "href",
      "#check-judgement",
    );
    expect((await session.listAssessments(caseId)).every((row) => row.status === "draft")).toBe(true);
  });

  it("keeps a BRAG colour typed but not saved, and shows why Continue stops on a lower one", async () => {
    const user = userEvent.setup();
    const { session, caseId } = await sessionWithCase();
    await seedDraft(session, caseId, {
      assessor: { role: "police" },
      answers: { ...answersWith("dash-2009-police"), "brag.no-money": { answer: "yes" } },
      page: "vulnerability",
    });
    const first = render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    let form = await screen.findByRole("form", { name: "Your BRAG colour" });
    await user.click(within(form).getByRole("radio", { name: "Blue" }));
    await user.type(within(form).getByLabelText("Why this colour? (rationale)"), "Seems fine");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const refused = "The BRAG colour can be raised, never lowered. The answers already give Amber.";
    expect(within(within(form).getByRole("alert")).getByRole("link", { name: refused })).toHaveAttribute(
      "href",
      "#brag-judgement-colour",
    );
    await waitFor(async () =>
      expect((await storedDraft(session, caseId)).bragEntry).toEqual({ colour: "blue", rationale: "Seems fine" }),
    );

    first.unmount();
    render(<AssessmentScreen session={session} caseId={caseId} onClose={() => undefined} />);
    form = await screen.findByRole("form", { name: "Your BRAG colour" });
    expect(within(form).getByLabelText("Why this colour? (rationale)")).toHaveValue("Seems fine");
    await user.click(within(form).getByRole("radio", { name: "Red" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.queryByRole("form", { name: "Your BRAG colour" })).not.toBeInTheDocument();
    await waitFor(async () => {
      const stored = await storedDraft(session, caseId);
      expect(stored.bragJudgement).toEqual({ colour: "red", rationale: "Seems fine" });
    });
  });
});
