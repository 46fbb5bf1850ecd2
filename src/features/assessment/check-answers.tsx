// Check your answers: who, the gate, every answer, the judgements and what came from the case details,
// with the error summary for a completion that did not validate.
import type { ContextFromDetails } from "../../domain/case-record/assessment-context";
import { labelForQuestion } from "../../domain/labels/labels";
import { questionById } from "../../domain/question-sets/question-set-registry";
import type { ValidationIssue } from "../../domain/validation-issues";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import type { Choice } from "../../ui/choice";
import { Radios } from "../../ui/radios";
import {
  defaultSourceOf,
  isObservedRoute,
  questionSetOf,
  unansweredQuestionIds,
  UNANSWERED_REASON_LABELS,
  UNANSWERED_REASONS,
  type AssessmentDraft,
  type DraftUpdate,
  type PageKey,
  type SectionId,
  type UnansweredReason,
} from "./assessment-draft";
import { assessmentDateOf, FACT_PAGE_TITLES, isFactPage } from "./context-facts";
import { FactsSummary } from "./facts-summary";
import {
  ANSWER_LABELS,
  AnswersSummary,
  CHECKS_LABELS,
  childrenText,
  COLOUR_LABELS,
  LEVEL_LABELS,
  ROLE_LABELS,
  SOURCE_CHOICE_LABELS,
  SummaryRow,
} from "./answers-summary";

const REASON_CHOICES: readonly Choice<UnansweredReason>[] = UNANSWERED_REASONS.map((value, index) => ({
  value,
  label: UNANSWERED_REASON_LABELS[value],
  // The first radio takes focus from the error summary's link.
  ...(index === 0 ? { id: "check-unanswered-reason" } : {}),
}));

export function CheckAnswers({
  draft,
  update,
  sections,
  onChangeStep,
  issues,
  focusKey,
  onComplete,
  fromDetailsUsed,
  fromDetails,
  policyName,
}: {
  draft: AssessmentDraft;
  /** Records why questions were left unanswered; without it the reason cannot be chosen here. */
  update?: DraftUpdate;
  sections: readonly SectionId[];
  onChangeStep: (page: PageKey) => void;
  issues: readonly ValidationIssue[];
  focusKey: number;
  onComplete: () => void;
  fromDetailsUsed: readonly ("children" | "perpetratorChecks")[];
  fromDetails: ContextFromDetails | null;
  /** The local policy in use, or null for the shipped default. */
  policyName: string | null;
}) {
  const errors = issues.map(summaryErrorFor);
  const notSafe = draft.safeToAsk !== undefined && draft.safeToAsk !== "yes";
  const changeTo = (page: PageKey, what: string) => ({ onClick: () => onChangeStep(page), what });
  const brag = sections.includes("vulnerability") ? draft.bragJudgement : undefined;
  const leftOut = (fromDetails?.childrenWithoutRelationship ?? 0) + (fromDetails?.adultsLeftOut ?? 0);
  const unanswered = unansweredQuestionIds(draft);
  const reasonError = issues.find((issue) => issue.path === "unansweredReason")?.message;
  return (
    <>
      <ScreenHeading>Check your answers</ScreenHeading>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <dl className="summary-list" id="check-answers-list" tabIndex={-1}>
        <SummaryRow label="Assessor" valueId="check-assessor" change={changeTo("who", "who is assessing")}>
          {draft.assessor.role === undefined ? "Not given" : ROLE_LABELS[draft.assessor.role]}
          {draft.assessor.agency ? `, ${draft.assessor.agency}` : ""}
        </SummaryRow>
        <SummaryRow
          label="Safe to ask"
          valueId="check-safe-to-ask"
          change={changeTo("gate", "whether it is safe to ask")}
        >
          {draft.safeToAsk === undefined ? "Not answered" : ANSWER_LABELS[draft.safeToAsk]}
          {notSafe && draft.notSafeReason ? `: ${draft.notSafeReason}` : ""}
        </SummaryRow>
        {(draft.safeToAsk === "yes" || isObservedRoute(draft)) && (
          <SummaryRow label="Whose account" change={changeTo("gate", "whose account the answers are")}>
            {SOURCE_CHOICE_LABELS[defaultSourceOf(draft)]}, unless an answer says otherwise
          </SummaryRow>
        )}
        {notSafe && (
          <>
            <SummaryRow label="Safety note" change={changeTo("gate", "safety note")}>
              {draft.safetyNote?.trim() || "None recorded"}
            </SummaryRow>
            <SummaryRow label="Reminder to return" change={changeTo("gate", "reminder to return")}>
              {draft.returnOn ? `By ${draft.returnOn}` : "No date set"}
              {draft.returnHow?.trim() ? `: ${draft.returnHow.trim()}` : ""}
            </SummaryRow>
          </>
        )}
      </dl>
      {notSafe && (
        <div className="notice">
          <p>
            The completed assessment records that it was not safe to ask. The reason, safety note and reminder are kept
            with it and shown when it is read back. They are never put in a referral pack.
          </p>
        </div>
      )}
      {unanswered.length > 0 && (
        <section aria-labelledby="check-unanswered">
          <h2 id="check-unanswered">
            {unanswered.length === 1 ? "1 question is not answered" : `${unanswered.length} questions are not answered`}
          </h2>
          <p>
            An unanswered question is never read as no: the level stays provisional until it is answered. Answer them
            now if you can.
          </p>
          <ul>
            {unanswered.map((id) => {
              const question = questionById(id);
              const section = question?.section;
              const label = labelForQuestion(id);
              return (
                <li key={id}>
                  {section !== undefined && sections.includes(section) ? (
                    <button type="button" className="link-button" onClick={() => onChangeStep(section)}>
                      {label}
                    </button>
                  ) : (
                    label
                  )}
                </li>
              );
            })}
          </ul>
          {update !== undefined && (
            <Radios
              id="check-unanswered-reason-group"
              idOnGroup={false}
              label="Why are these questions not answered?"
              hint="Kept with the completed assessment and shown when it is read back. Never put in a referral pack."
              error={reasonError}
              choices={REASON_CHOICES}
              value={draft.unansweredReason}
              onChange={(unansweredReason) => update({ ...draft, unansweredReason }, true)}
            />
          )}
        </section>
      )}
      <AnswersSummary
        questionSet={questionSetOf(draft)}
        answers={draft.answers}
        context={draft.context}
        sections={sections}
        onChange={(section) => onChangeStep(section)}
      />
      <FactsSummary
        draft={draft}
        checksFromDetails={fromDetails?.context.perpetratorChecks}
        today={assessmentDateOf(draft)}
        onChange={(page) => onChangeStep(page)}
      />
      <section aria-labelledby="check-judgement">
        <h2 id="check-judgement">Judgement</h2>
        <dl className="summary-list">
          <SummaryRow
            label="Professional judgement"
            valueId="check-judgement"
            change={changeTo("judgement", "professional judgement")}
          >
            {judgementText(draft.professionalJudgement, draft.judgementEntry, (entry) => LEVEL_LABELS[entry.level])}
          </SummaryRow>
          {sections.includes("vulnerability") && (
            <SummaryRow
              label="Your BRAG colour"
              valueId="check-brag"
              change={changeTo("vulnerability", "your BRAG colour")}
            >
              {judgementText(brag, draft.bragEntry, (entry) => COLOUR_LABELS[entry.colour])}
            </SummaryRow>
          )}
        </dl>
      </section>
      {(fromDetailsUsed.length > 0 || leftOut > 0) && (
        <section aria-labelledby="check-case-details">
          <h2 id="check-case-details">Taken from the case details</h2>
          <p>These facts are not asked again here: they come from the case details. Change them there.</p>
          <dl className="summary-list">
            {fromDetailsUsed.includes("children") && (
              <SummaryRow label="Children">{childrenText(fromDetails?.context.children)}</SummaryRow>
            )}
            {fromDetailsUsed.includes("perpetratorChecks") && fromDetails?.context.perpetratorChecks !== undefined && (
              <SummaryRow label="Checks on the perpetrator">
                {CHECKS_LABELS[fromDetails.context.perpetratorChecks]}
              </SummaryRow>
            )}
          </dl>
          {leftOut > 0 && (
            <p>
              {leftOut === 1 ? "One child in the case details is" : `${leftOut} children in the case details are`} left
              out: their relationship to the perpetrator is not recorded, or they are now 18 or over.
            </p>
          )}
        </section>
      )}
      <p>Policy: {policyName ?? "the shipped default"}.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onComplete}>
          Complete assessment
        </button>
      </div>
    </>
  );
}

/** A judgement or BRAG colour as checked: the finished one, else what is entered so far, else none. */
function judgementText<T extends { rationale: string }>(
  finished: T | undefined,
  entry: T | undefined,
  labelOf: (value: T) => string,
): string {
  if (finished !== undefined) return `${labelOf(finished)}: ${finished.rationale}`;
  if (entry !== undefined) return `Not finished: ${labelOf(entry)}: ${entry.rationale.trim() || "no reason given"}`;
  return "None recorded";
}

/** A validation issue as an error-summary row linking to the check-your-answers row it is about. */
function summaryErrorFor(issue: ValidationIssue): { fieldId: string; message: string } {
  if (issue.path.startsWith("assessor"))
    return { fieldId: "check-assessor", message: "Choose your role under Who is assessing" };
  if (issue.path === "professionalJudgement") return { fieldId: "check-judgement", message: issue.message };
  if (issue.path === "bragJudgement") return { fieldId: "check-brag", message: issue.message };
  const factPage = issue.path.startsWith("facts.") ? issue.path.slice("facts.".length) : null;
  if (factPage !== null && isFactPage(factPage)) {
    return { fieldId: `check-${factPage}-unfinished`, message: `${FACT_PAGE_TITLES[factPage]}: ${issue.message}` };
  }
  if (issue.path === "unansweredReason") return { fieldId: "check-unanswered-reason", message: issue.message };
  if (issue.path === "safeToAsk")
    return { fieldId: "check-safe-to-ask", message: "Say whether it is safe to ask the questions now" };
  const answerId = issue.path.startsWith("answers.") ? issue.path.slice("answers.".length) : null;
  if (answerId !== null && questionById(answerId) !== undefined) {
    return { fieldId: "check-answers-list", message: `${questionById(answerId)!.riskFactor}: ${issue.message}` };
  }
  return { fieldId: "check-answers-list", message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
}
