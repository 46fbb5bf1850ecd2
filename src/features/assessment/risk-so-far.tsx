// The live risk beside the walk-through (below it on narrow screens, where the summary bar at the top
// links to it): the outcome so far, what changed since the last assessment, the timeline.
import type { ReactNode } from "react";
import type { CaseFile } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import type { AssessmentChanges } from "../../domain/rules/assessment-changes";
import { RiskPanel } from "./risk-panel";
import { TimelineView } from "./timeline-view";
import { WhatChanged } from "./what-changed";

export interface RiskSoFarProps {
  /** The outcome so far; null while the draft is incomplete. */
  outcome: Outcome | null;
  /** The case file the outcome was made from; null with it. */
  caseFile: CaseFile | null;
  /** What changed since the last completed assessment; null when there is none to compare with (or no outcome yet). */
  changes: AssessmentChanges | null;
  /** The risk panel's to-do list links back to the page that records a field, where there is one. */
  onGoToQuestion: (field: string) => void;
  canGoToQuestion: (field: string) => boolean;
  /** Replaces the panel's content (AssessmentScreenProps.renderRiskPanel). */
  renderRiskPanel?: ((outcome: Outcome | null) => ReactNode) | undefined;
}

export function RiskSoFar({
  outcome,
  caseFile,
  changes,
  onGoToQuestion,
  canGoToQuestion,
  renderRiskPanel,
}: RiskSoFarProps) {
  return (
    <aside aria-label="Risk so far" className="assessment__risk" id="risk-so-far" tabIndex={-1}>
      {renderRiskPanel ? (
        renderRiskPanel(outcome)
      ) : outcome ? (
        <>
          {/* The summary bar announces changes of level: the panel stays quiet so they are heard once. */}
          <RiskPanel
            outcome={outcome}
            caseFile={caseFile ?? undefined}
            onGoToQuestion={onGoToQuestion}
            canGoToQuestion={canGoToQuestion}
            announceChanges={false}
          />
          {changes !== null && <WhatChanged changes={changes} />}
          {caseFile !== null && <TimelineView outcome={outcome} caseFile={caseFile} />}
        </>
      ) : (
        <p>The risk picture appears once the assessor's role is chosen and the safe-to-ask question is answered.</p>
      )}
    </aside>
  );
}
