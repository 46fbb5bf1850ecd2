// The answers as GOV.UK summary lists, one per section: used by check your answers (with Change
// buttons) and by the read-only view of a completed assessment (without).
import type { ReactNode } from "react";
import {
  ASSESSOR_ROLE_LABELS,
  type AnswerSource,
  type AnswerValue,
  type AssessorRole,
  type BragColour,
  type RiskLevel,
} from "../../domain/answers";
import type { AnswerEntry, CaseContext } from "../../domain/case-file";
import { EXPLOITATION_PROMPTS } from "../../domain/question-sets/context-prompts";
import { dashIdsFor, questionById, type QuestionSetId } from "../../domain/question-sets/question-set-registry";
import { isQuestionSection, SECTION_TITLES, type SectionId } from "./assessment-draft";
import { questionsOfSection } from "./section-questions";

export const ROLE_LABELS: Record<AssessorRole, string> = ASSESSOR_ROLE_LABELS;
export const ANSWER_LABELS: Record<AnswerValue, string> = { yes: "Yes", no: "No", "not-known": "Not known" };
/** The answers a question offers, in the order its radios show them. */
export const ANSWER_OPTIONS: readonly AnswerValue[] = ["yes", "no", "not-known"];
/** The same answers as radio choices. */
export const ANSWER_CHOICES = ANSWER_OPTIONS.map((value) => ({ value, label: ANSWER_LABELS[value] }));
export const SOURCE_LABELS: Record<AnswerSource, string> = {
  victim: "Victim",
  observed: "Observed",
  records: "Records",
  "third-party": "Third party",
};
/** The same sources as choices: whose account an answer is. */
export const SOURCE_CHOICE_LABELS: Record<AnswerSource, string> = {
  victim: "Victim's account",
  observed: "Observed",
  records: "Records",
  "third-party": "Third party",
};
export const LEVEL_LABELS: Record<RiskLevel, string> = { standard: "Standard", medium: "Medium", high: "High" };
export const COLOUR_LABELS: Record<BragColour, string> = { blue: "Blue", green: "Green", amber: "Amber", red: "Red" };

/** The three care and support tests, in the order they are asked and shown. */
export type CareTest = "needs" | "abuseOrNeglect" | "unableToProtectSelf";
export const CARE_TESTS: readonly CareTest[] = ["needs", "abuseOrNeglect", "unableToProtectSelf"];
const CARE_TEST_LABELS: Record<CareTest, string> = {
  needs: "Care and support needs",
  abuseOrNeglect: "Experiencing or at risk of abuse or neglect",
  unableToProtectSelf: "Unable to protect self because of those needs",
};

export interface AnswersSummaryProps {
  questionSet: QuestionSetId;
  answers: Readonly<Record<string, AnswerEntry>>;
  context: CaseContext | undefined;
  sections: readonly SectionId[];
  /** Given: each row has a Change button that goes back to its section. */
  onChange?: (section: SectionId) => void;
}

function answerText(entry: AnswerEntry | undefined): string {
  if (entry === undefined) return "Not asked";
  if (typeof entry === "string") return ANSWER_LABELS[entry];
  const detail = entry.detail?.trim();
  return `${ANSWER_LABELS[entry.answer]}${entry.source === undefined ? "" : ` (${SOURCE_LABELS[entry.source]})`}${detail ? `: ${detail}` : ""}`;
}

export interface SummaryRowProps {
  label: ReactNode;
  /** Given: the value can be focused (tabIndex -1) by this id, e.g. from the error summary. */
  valueId?: string;
  /** Given: a Change button, named for screen readers by `what`. */
  change?: { onClick: () => void; what: string } | undefined;
  children: ReactNode;
}

/** One row of a GOV.UK summary list: the label, the value and, when given, its Change button. */
export function SummaryRow({ label, valueId, change, children }: SummaryRowProps) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd id={valueId} tabIndex={valueId === undefined ? undefined : -1}>
        {children}
      </dd>
      {change && (
        <dd>
          <button type="button" className="link-button" onClick={change.onClick}>
            Change<span className="visually-hidden"> {change.what}</span>
          </button>
        </dd>
      )}
    </div>
  );
}

export function AnswersSummary({ questionSet, answers, context, sections, onChange }: AnswersSummaryProps) {
  const dashIds = new Set(dashIdsFor(questionSet));
  return (
    <>
      {sections.map((section) => {
        if (!isQuestionSection(section)) {
          return <ContextSummary key={section} context={context ?? {}} section={section} onChange={onChange} />;
        }
        // Every checklist question shows; an optional one (BRAG, timeline …) only once answered.
        const shown = questionsOfSection(questionSet, section).filter(
          (question) => answers[question.id] !== undefined || dashIds.has(question.id),
        );
        return (
          <section key={section} aria-labelledby={`check-${section}`}>
            <h2 id={`check-${section}`}>{SECTION_TITLES[section]}</h2>
            <dl className="summary-list">
              {shown.length === 0 ? (
                // A section passed over still says so, with a way back to it: never an empty heading.
                <SummaryRow
                  label="Answers"
                  change={
                    onChange && {
                      onClick: () => onChange(section),
                      what: `answers to ${SECTION_TITLES[section].toLowerCase()}`,
                    }
                  }
                >
                  Not answered
                </SummaryRow>
              ) : (
                shown.map((question) => (
                  <SummaryRow
                    key={question.id}
                    label={questionById(question.id)?.riskFactor ?? question.id}
                    change={onChange && { onClick: () => onChange(section), what: question.riskFactor }}
                  >
                    {answerText(answers[question.id])}
                  </SummaryRow>
                ))
              )}
            </dl>
          </section>
        );
      })}
    </>
  );
}

function ContextSummary({
  context,
  section,
  onChange,
}: {
  context: CaseContext;
  section: SectionId;
  onChange: ((section: SectionId) => void) | undefined;
}) {
  const rows: { label: string; value: string }[] =
    section === "exploitation"
      ? [
          {
            label: "Exploitation",
            value:
              (context.exploitation ?? [])
                .map(
                  (tag) =>
                    EXPLOITATION_PROMPTS.find((prompt) => prompt.field === `context.exploitation.${tag}`)?.label ?? tag,
                )
                .join(", ") || "None recorded",
          },
        ]
      : [
          ...CARE_TESTS.map((test) => {
            const answer = context.careAndSupport?.[test];
            return {
              label: CARE_TEST_LABELS[test],
              value: answer === undefined ? "Not recorded" : ANSWER_LABELS[answer],
            };
          }),
          { label: "Housing", value: context.housing?.replace(/-/g, " ") ?? "Not recorded" },
        ];
  return (
    <section aria-labelledby={`check-${section}`}>
      <h2 id={`check-${section}`}>{SECTION_TITLES[section]}</h2>
      <dl className="summary-list">
        {rows.map((row) => (
          <SummaryRow
            key={row.label}
            label={row.label}
            change={onChange && { onClick: () => onChange(section), what: row.label.toLowerCase() }}
          >
            {row.value}
          </SummaryRow>
        ))}
      </dl>
    </section>
  );
}

/** Children and perpetrator checks in words, for the rows that say where they came from. */
export function childrenText(children: CaseContext["children"]): string {
  if (children === undefined) return "Not recorded";
  if (children.length === 0) return "None";
  return children
    .map(
      (child) =>
        `${child.age === undefined ? "age not known" : `aged ${child.age}`} (${child.relationshipToPerpetrator.replace(/-/g, " ")})`,
    )
    .join("; ");
}

export const CHECKS_LABELS = { done: "Done", pending: "Pending", "not-possible": "Not possible" } as const;
