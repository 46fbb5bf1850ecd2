// The eight-stage homicide timeline as a ladder: which stages the answers give evidence for, and
// which answers put them there. A map for spotting progression, never a prediction.
import { useId } from "react";
import type { Outcome } from "../../domain/outcome";
import { TIMELINE_STAGE_NAMES } from "../../domain/rules/timeline";
import { evidenceLabel } from "./risk-panel";
import "./assessment.css";

const STAGES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** Stage 8 (homicide) is on the map for orientation only: it is never shown as reached. */
const LAST_HIGHLIGHTED_STAGE = 7;

export interface TimelineViewProps {
  outcome: Outcome;
}

export function TimelineView({ outcome }: TimelineViewProps) {
  const titleId = useId();
  const evidence = new Map(outcome.timeline.stages.map((stage) => [stage.stage, stage.indicators]));
  return (
    <section className="timeline" aria-labelledby={titleId}>
      <h2 id={titleId}>Homicide timeline</h2>
      <p className="timeline__caveat">This map helps spot progression. It is not a prediction.</p>
      <ol className="timeline__stages">
        {STAGES.map((stage) => {
          const indicators = stage <= LAST_HIGHLIGHTED_STAGE ? (evidence.get(stage) ?? []) : [];
          const found = indicators.length > 0;
          return (
            <li key={stage} className={`timeline__stage${found ? " timeline__stage--evidence" : ""}`}>
              <h3 className="timeline__name">
                <span className="timeline__number">{stage}</span> {TIMELINE_STAGE_NAMES[stage]}
              </h3>
              {found ? (
                <>
                  <p className="timeline__status">Evidence found</p>
                  <ul className="timeline__evidence">
                    {indicators.map((indicator) => (
                      <li key={indicator}>{evidenceLabel(indicator)}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="timeline__status timeline__status--none">
                  {stage > LAST_HIGHLIGHTED_STAGE ? "Never marked on this map" : "No evidence recorded"}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
