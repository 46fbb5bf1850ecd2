// The live risk panel: level, why, score, BRAG, pathways, MARAC, warnings and what is still to find
// out. Every colour is paired with its word; headings and lists let a screen reader move around it.
import { useId, useState } from "react";
import type { BragColour, RiskLevel } from "../../domain/answers";
import type { MaracCriterion, Outcome, PathwayDecision, PathwayName } from "../../domain/outcome";
import { questionById } from "../../domain/question-sets/question-set-registry";
import "./assessment.css";

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  standard: "Standard",
  medium: "Medium",
  high: "High",
};

const BRAG_LABELS: Record<BragColour, string> = { blue: "Blue", green: "Green", amber: "Amber", red: "Red" };

export const PATHWAY_LABELS: Record<PathwayName, string> = {
  marac: "MARAC",
  s42: "Adult safeguarding enquiry (Care Act s42)",
  marm: "MARM (multi-agency risk management)",
  "childrens-services": "Children's services",
  idva: "IDVA",
  "stalking-advocacy": "Stalking advocacy",
};

const DECISION_LABELS: Record<PathwayDecision, string> = { refer: "Refer", consider: "Consider", "not-met": "Not met" };

const MARAC_CRITERION_LABELS: Record<MaracCriterion, string> = {
  "visible-high-risk": "Visible high risk",
  "escalation-rule": "Escalation rule",
  "professional-judgement": "Professional judgement",
  "carried-forward": "Carried forward from a previous assessment",
  "potential-escalation": "Potential escalation (repeated police call-outs)",
  repeat: "Repeat MARAC",
};

/** Plain names for context fields that a camelCase split would leave unclear. */
const CONTEXT_LABELS: Record<string, string> = {
  policeCallouts12m: "Police call-outs in the last 12 months",
  previousMaracDates: "Previous MARAC dates",
  perpetratorChecks: "Police or agency checks on the perpetrator",
  careAndSupport: "Care and support needs (Care Act s42)",
  pregnant: "Victim pregnant now",
  victimRetracted: "Victim withdrew a complaint or statement",
  movedArea: "Moved between local authority areas",
  protectiveOrders: "Protective order",
  perpetratorHistory: "Perpetrator history",
};

function sentenceCase(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

function words(part: string): string {
  return part
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/-/g, " ")
    .toLowerCase();
}

/**
 * A readable label for an evidence name or a missing-information field: the question's risk factor
 * for an answer id (with or without "answers."), otherwise the path made into words.
 */
export function evidenceLabel(path: string): string {
  const id = path.startsWith("answers.") ? path.slice("answers.".length) : path;
  const question = questionById(id);
  if (question) return sentenceCase(question.riskFactor);

  const previous = /^previousAssessments\[(\d+)\]$/.exec(path);
  if (previous) return `Previous assessment ${Number(previous[1]) + 1}`;

  const parts = (path.startsWith("context.") ? path.slice("context.".length) : path).split(".");
  const [head = "", ...rest] = parts;
  const item = /^(\w+)\[(\d+)\]$/.exec(head);
  const headLabel = item
    ? `${CONTEXT_LABELS[item[1]!] ?? sentenceCase(words(item[1]!))} ${Number(item[2]) + 1}`
    : (CONTEXT_LABELS[head] ?? sentenceCase(words(head)));
  return rest.length === 0 ? headLabel : `${headLabel}: ${rest.map(words).join(", ")}`;
}

export interface RiskPanelProps {
  outcome: Outcome;
  /** Called with a missing field ("answers.dash.stalking", "context.perpetratorChecks") to go and answer it. */
  onGoToQuestion?: (field: string) => void;
  /** Whether a missing field has a question page to go to; defaults to every field. */
  canGoToQuestion?: (field: string) => boolean;
}

export function RiskPanel({ outcome, onGoToQuestion, canGoToQuestion }: RiskPanelProps) {
  const level = RISK_LEVEL_LABELS[outcome.riskLevel];
  const titleId = useId();
  // Announce only changes of level, not every re-render (adjusting state while rendering, as React advises).
  const [announcedLevel, setAnnouncedLevel] = useState(outcome.riskLevel);
  const [announcement, setAnnouncement] = useState("");
  if (announcedLevel !== outcome.riskLevel) {
    setAnnouncedLevel(outcome.riskLevel);
    setAnnouncement(`Risk level is now ${level}`);
  }

  const { score } = outcome;
  const judgement = outcome.professionalJudgement;
  return (
    <section className="risk-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Risk assessment result
      </h2>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      <div className={`risk-panel__level risk-panel__level--${outcome.riskLevel}`}>
        <p className="risk-panel__level-text">
          Risk level: <strong>{level}</strong>
        </p>
        {outcome.provisional && (
          <p className="risk-panel__badge">
            Provisional<span className="visually-hidden">: some information is still missing</span>
          </p>
        )}
      </div>

      {outcome.escalations.length > 0 && (
        <>
          <h3>Why the level is at least {RISK_LEVEL_LABELS[outcome.ruleFloor]}</h3>
          <ul className="risk-panel__list">
            {outcome.escalations.map((escalation) => (
              <li key={`${escalation.rule}:${escalation.reason}`}>{escalation.reason}</li>
            ))}
          </ul>
        </>
      )}
      {judgement.applied && judgement.level !== undefined && (
        <p>
          Professional judgement sets the level to {RISK_LEVEL_LABELS[judgement.level]}
          {judgement.rationale ? `: ${judgement.rationale}` : "."}
        </p>
      )}

      <h3>Score</h3>
      <p className="risk-panel__score">
        Yes {score.yes} of {score.total} · Not known {score.notKnown} (shown separately) · Not asked {score.notAsked}
      </p>

      <h3>BRAG colour</h3>
      <p className="risk-panel__brag">
        <span className={`risk-panel__swatch risk-panel__swatch--${outcome.brag}`} aria-hidden="true" />
        BRAG: <strong>{BRAG_LABELS[outcome.brag]}</strong>
      </p>

      <h3>Pathways</h3>
      <ul className="risk-panel__pathways">
        {outcome.pathways.map((pathway) => (
          <li key={pathway.pathway} className={`risk-panel__pathway risk-panel__pathway--${pathway.decision}`}>
            <span className="risk-panel__pathway-name">{PATHWAY_LABELS[pathway.pathway]}</span>:{" "}
            <strong>{DECISION_LABELS[pathway.decision]}</strong>
            {pathway.reasons.length > 0 && (
              <ul className="risk-panel__reasons">
                {pathway.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>

      <h3>MARAC criteria</h3>
      {outcome.marac.criteria.length === 0 ? (
        <p>No MARAC criterion is met.</p>
      ) : (
        <ul className="risk-panel__list">
          {outcome.marac.reasons.length > 0
            ? outcome.marac.reasons.map((reason) => (
                <li key={`${reason.criterion}:${reason.reason}`}>
                  <strong>{MARAC_CRITERION_LABELS[reason.criterion]}</strong>: {reason.reason}
                </li>
              ))
            : outcome.marac.criteria.map((criterion) => <li key={criterion}>{MARAC_CRITERION_LABELS[criterion]}</li>)}
        </ul>
      )}

      {outcome.warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul className="risk-panel__list risk-panel__warnings">
            {outcome.warnings.map((warning) => (
              <li key={`${warning.code}:${warning.message}`}>{warning.message}</li>
            ))}
          </ul>
        </>
      )}

      <h3>Still to find out</h3>
      {outcome.missingInformation.length === 0 ? (
        <p>Nothing is missing.</p>
      ) : (
        <ul className="risk-panel__todo">
          {outcome.missingInformation.map((item) => (
            <li key={item.field}>
              {onGoToQuestion && (canGoToQuestion?.(item.field) ?? true) ? (
                <button type="button" className="link-button" onClick={() => onGoToQuestion(item.field)}>
                  {evidenceLabel(item.field)}
                </button>
              ) : (
                <strong>{evidenceLabel(item.field)}</strong>
              )}
              <span className="risk-panel__why"> {item.why}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
