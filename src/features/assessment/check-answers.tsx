// Check your answers: who, the gate, every answer, the judgements and what came from the case details,
// with the error summary for a completion that did not validate.
import type { ContextFromDetails } from "../../domain/case-record/assessment-context";
import { questionById } from "../../domain/question-sets/question-set-registry";
import type { ValidationIssue } from "../../domain/validation-issues";
import { ErrorSummary } from "../../ui/error-summary";
import { ScreenHeading } from "../../ui/screen-heading";
import { questionSetOf, type AssessmentDraft, type PageKey, type SectionId } from "./assessment-draft";
import {
  ANSWER_LABELS,
  AnswersSummary,
  CHECKS_LABELS,
  childrenText,
  COLOUR_LABELS,
  LEVEL_LABELS,
  ROLE_LABELS,
} from "./answers-summary";

export function CheckAnswers({
  draft,
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
  const judgement = draft.professionalJudgement;
  const brag = sections.includes("vulnerability") ? draft.bragJudgement : undefined;
  const leftOut = (fromDetails?.childrenWithoutRelationship ?? 0) + (fromDetails?.adultsLeftOut ?? 0);
  return (
    <>
      <ScreenHeading>Check your answers</ScreenHeading>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <dl className="summary-list" id="check-answers-list" tabIndex={-1}>
        <div className="summary-list__row">
          <dt>Assessor</dt>
          <dd id="check-assessor" tabIndex={-1}>
            {draft.assessor.role === undefined ? "Not given" : ROLE_LABELS[draft.assessor.role]}
            {draft.assessor.agency ? `, ${draft.assessor.agency}` : ""}
          </dd>
          <dd>
            <button type="button" className="link-button" onClick={() => onChangeStep("who")}>
              Change<span className="visually-hidden"> who is assessing</span>
            </button>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Safe to ask</dt>
          <dd id="check-safe-to-ask" tabIndex={-1}>
            {draft.safeToAsk === undefined ? "Not answered" : ANSWER_LABELS[draft.safeToAsk]}
            {notSafe && draft.notSafeReason ? `: ${draft.notSafeReason}` : ""}
          </dd>
          <dd>
            <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
              Change<span className="visually-hidden"> whether it is safe to ask</span>
            </button>
          </dd>
        </div>
        {notSafe && (
          <>
            <div className="summary-list__row">
              <dt>Safety note</dt>
              <dd>{draft.safetyNote?.trim() || "None recorded"}</dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
                  Change<span className="visually-hidden"> safety note</span>
                </button>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Reminder to return</dt>
              <dd>
                {draft.returnOn ? `By ${draft.returnOn}` : "No date set"}
                {draft.returnHow?.trim() ? `: ${draft.returnHow.trim()}` : ""}
              </dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("gate")}>
                  Change<span className="visually-hidden"> reminder to return</span>
                </button>
              </dd>
            </div>
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
      <AnswersSummary
        questionSet={questionSetOf(draft)}
        answers={draft.answers}
        context={draft.context}
        sections={sections}
        onChange={(section) => onChangeStep(section)}
      />
      <section aria-labelledby="check-judgement">
        <h2 id="check-judgement">Judgement</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>Professional judgement</dt>
            <dd id="check-judgement" tabIndex={-1}>
              {judgement !== undefined
                ? `${LEVEL_LABELS[judgement.level]}: ${judgement.rationale}`
                : draft.judgementEntry !== undefined
                  ? `Not finished: ${LEVEL_LABELS[draft.judgementEntry.level]}: ${draft.judgementEntry.rationale.trim() || "no reason given"}`
                  : "None recorded"}
            </dd>
            <dd>
              <button type="button" className="link-button" onClick={() => onChangeStep("judgement")}>
                Change<span className="visually-hidden"> professional judgement</span>
              </button>
            </dd>
          </div>
          {sections.includes("vulnerability") && (
            <div className="summary-list__row">
              <dt>Your BRAG colour</dt>
              <dd id="check-brag" tabIndex={-1}>
                {brag !== undefined
                  ? `${COLOUR_LABELS[brag.colour]}: ${brag.rationale}`
                  : draft.bragEntry !== undefined
                    ? `Not finished: ${COLOUR_LABELS[draft.bragEntry.colour]}: ${draft.bragEntry.rationale.trim() || "no reason given"}`
                    : "None recorded"}
              </dd>
              <dd>
                <button type="button" className="link-button" onClick={() => onChangeStep("vulnerability")}>
                  Change<span className="visually-hidden"> your BRAG colour</span>
                </button>
              </dd>
            </div>
          )}
        </dl>
      </section>
      {(fromDetailsUsed.length > 0 || leftOut > 0) && (
        <section aria-labelledby="check-case-details">
          <h2 id="check-case-details">Taken from the case details</h2>
          <p>These facts are not asked again here: they come from the case details. Change them there.</p>
          <dl className="summary-list">
            {fromDetailsUsed.includes("children") && (
              <div className="summary-list__row">
                <dt>Children</dt>
                <dd>{childrenText(fromDetails?.context.children)}</dd>
              </div>
            )}
            {fromDetailsUsed.includes("perpetratorChecks") && fromDetails?.context.perpetratorChecks !== undefined && (
              <div className="summary-list__row">
                <dt>Checks on the perpetrator</dt>
                <dd>{CHECKS_LABELS[fromDetails.context.perpetratorChecks]}</dd>
              </div>
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

/** A validation issue as an error-summary row linking to the check-your-answers row it is about. */
function summaryErrorFor(issue: ValidationIssue): { fieldId: string; message: string } {
  if (issue.path.startsWith("assessor"))
    return { fieldId: "check-assessor", message: "Choose your role under Who is assessing" };
  if (issue.path === "professionalJudgement") return { fieldId: "check-judgement", message: issue.message };
  if (issue.path === "bragJudgement") return { fieldId: "check-brag", message: issue.message };
  if (issue.path === "safeToAsk")
    return { fieldId: "check-safe-to-ask", message: "Say whether it is safe to ask the questions now" };
  const answerId = issue.path.startsWith("answers.") ? issue.path.slice("answers.".length) : null;
  if (answerId !== null && questionById(answerId) !== undefined) {
    return { fieldId: "check-answers-list", message: `${questionById(answerId)!.riskFactor}: ${issue.message}` };
  }
  return { fieldId: "check-answers-list", message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
}
