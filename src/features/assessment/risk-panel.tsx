// The live risk panel: the level with its certainty, why, score, BRAG, pathways, MARAC, warnings and
// what is still to find out. Every colour is paired with its word; every code, answer id and path
// is shown in plain words (src/domain/labels), never raw; headings and lists let a screen reader
// move around it. Before any answer the level is "Not assessed yet", never a bare "Standard".
import { useId, useState } from "react";
import type { CaseFile } from "../../domain/case-file";
import { describeLevel } from "../../domain/certainty/describe-level";
import {
  labelForBrag,
  labelForEvidence,
  labelForLevel,
  labelForMaracCriterion,
  labelForMissing,
  labelForPathway,
  labelForPathwayDecision,
  labelForWarning,
  labelsForEvidence,
  LEVEL_LABELS,
  PATHWAY_LABELS as DOMAIN_PATHWAY_LABELS,
} from "../../domain/labels/labels";
import type { Outcome } from "../../domain/outcome";
import "./assessment.css";

export const RISK_LEVEL_LABELS = LEVEL_LABELS;
export const PATHWAY_LABELS = DOMAIN_PATHWAY_LABELS;

/** Plain words for an evidence name or a missing-information field (the shared labels). */
export const evidenceLabel = labelForEvidence;

/** "Based on: Question 15: …; Pregnant now", or nothing when the engine named no evidence. */
function EvidenceLine({ evidence }: { evidence: readonly string[] | undefined }) {
  if (evidence === undefined || evidence.length === 0) return null;
  return <span className="risk-panel__why"> Based on: {labelsForEvidence(evidence)}.</span>;
}

export interface RiskPanelProps {
  outcome: Outcome;
  /** The case file the outcome came from: tells "observed, not asked" apart from answers given. */
  caseFile?: CaseFile | undefined;
  /** Called with a missing field ("answers.dash.stalking", "context.perpetratorChecks") to go and answer it. */
  onGoToQuestion?: (field: string) => void;
  /** Whether a missing field has a question page to go to; defaults to every field. */
  canGoToQuestion?: (field: string) => boolean;
  /** False where something else on the screen announces changes of level (the walk-through's summary bar). */
  announceChanges?: boolean;
}

export function RiskPanel({
  outcome,
  caseFile,
  onGoToQuestion,
  canGoToQuestion,
  announceChanges = true,
}: RiskPanelProps) {
  const described = describeLevel(outcome, caseFile === undefined ? {} : { caseFile });
  const assessed = described.status === "assessed";
  const titleId = useId();
  // Announce only changes of level (or of its certainty), not every re-render (adjusting state
  // while rendering, as React advises).
  const [announcedLevel, setAnnouncedLevel] = useState(described.short);
  const [announcement, setAnnouncement] = useState("");
  if (announcedLevel !== described.short) {
    setAnnouncedLevel(described.short);
    setAnnouncement(`Risk level is now ${described.short}`);
  }

  const { score } = outcome;
  const judgement = outcome.professionalJudgement;
  return (
    <section className="risk-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Risk assessment result
      </h2>
      {announceChanges && (
        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
      )}

      <div className={`risk-panel__level risk-panel__level--${assessed ? outcome.riskLevel : "not-assessed"}`}>
        <p className="risk-panel__level-text">
          Risk level: <strong>{assessed ? labelForLevel(outcome.riskLevel) : described.short}</strong>
        </p>
        {assessed && described.provisional && <p className="risk-panel__badge">Provisional</p>}
        <p className="risk-panel__certainty">{described.sentence}</p>
      </div>

      {outcome.escalations.length > 0 && (
        <>
          <h3>Why the level is at least {labelForLevel(outcome.ruleFloor)}</h3>
          <ul className="risk-panel__list">
            {outcome.escalations.map((escalation) => (
              <li key={`${escalation.rule}:${escalation.reason}`}>
                {escalation.reason}
                <EvidenceLine evidence={escalation.evidence} />
              </li>
            ))}
          </ul>
        </>
      )}
      {judgement.applied && judgement.level !== undefined && (
        <p>
          Professional judgement sets the level to {labelForLevel(judgement.level)}
          {judgement.rationale ? `: ${judgement.rationale}` : "."}
        </p>
      )}
      {judgement.refusedBecause !== undefined && (
        <p>Professional judgement was not applied: {judgement.refusedBecause}</p>
      )}

      <h3>Score</h3>
      <p className="risk-panel__score">
        Yes {score.yes} of {score.total} · Not known {score.notKnown} (shown separately) · Not asked {score.notAsked}
      </p>

      <h3>BRAG colour</h3>
      <p className="risk-panel__brag">
        <span className={`risk-panel__swatch risk-panel__swatch--${outcome.brag}`} aria-hidden="true" />
        BRAG: <strong>{labelForBrag(outcome.brag)}</strong>
      </p>
      {outcome.vulnerability.factors.length > 0 && (
        <ul className="risk-panel__list">
          {outcome.vulnerability.factors.map((factor) => (
            <li key={factor.factor}>
              {labelForEvidence(factor.factor)}
              <EvidenceLine
                evidence={factor.evidence.filter((path) => labelForEvidence(path) !== labelForEvidence(factor.factor))}
              />
            </li>
          ))}
        </ul>
      )}

      <h3>Pathways</h3>
      {!assessed ? (
        <p>No pathway yet: nothing has been answered.</p>
      ) : (
        <ul className="risk-panel__pathways">
          {outcome.pathways.map((pathway) => (
            <li key={pathway.pathway} className={`risk-panel__pathway risk-panel__pathway--${pathway.decision}`}>
              <span className="risk-panel__pathway-name">{labelForPathway(pathway.pathway)}</span>:{" "}
              <strong>{labelForPathwayDecision(pathway.decision)}</strong>
              {(pathway.reasons.length > 0 || pathway.evidence.length > 0) && (
                <ul className="risk-panel__reasons">
                  {pathway.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                  {pathway.evidence.length > 0 && <li>Based on: {labelsForEvidence(pathway.evidence)}</li>}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>MARAC criteria</h3>
      {outcome.marac.criteria.length === 0 ? (
        <p>No MARAC criterion is met.</p>
      ) : (
        <ul className="risk-panel__list">
          {outcome.marac.reasons.length > 0
            ? outcome.marac.reasons.map((reason) => (
                <li key={`${reason.criterion}:${reason.reason}`}>
                  <strong>{labelForMaracCriterion(reason.criterion)}</strong>: {reason.reason}
                  <EvidenceLine evidence={reason.evidence} />
                </li>
              ))
            : outcome.marac.criteria.map((criterion) => <li key={criterion}>{labelForMaracCriterion(criterion)}</li>)}
        </ul>
      )}

      {outcome.warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul className="risk-panel__list risk-panel__warnings">
            {outcome.warnings.map((warning) => (
              <li key={`${warning.code}:${warning.message}`}>
                <strong>{labelForWarning(warning.code)}</strong>: {warning.message}
                <EvidenceLine evidence={warning.evidence} />
              </li>
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
                  {labelForMissing(item.field)}
                </button>
              ) : (
                <strong>{labelForMissing(item.field)}</strong>
              )}
              <span className="risk-panel__why"> {item.why}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
