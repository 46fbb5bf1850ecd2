// The eight-stage homicide timeline as a ladder: which stages the answers give evidence for, and
// which answers put them there. A map for spotting progression, never a prediction. A stage without
// evidence says what the answers hold about it (all no, not known, or nothing recorded), so "no
// evidence" is never read as "checked, none" when the questions were not asked.
import { useId } from "react";
import type { CaseFile } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import { TIMELINE_STAGE_NAMES } from "../../domain/rules/timeline";
import { stageCoverage, type StageCoverage } from "../../domain/rules/timeline-coverage";
import { evidenceLabel } from "./risk-panel";
import "./assessment.css";

const STAGES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** Stage 8 (homicide) is on the map for orientation only: it is never shown as reached. */
const LAST_HIGHLIGHTED_STAGE = 7;

export interface TimelineViewProps {
  outcome: Outcome;
  /** The answers the outcome came from: what they say about the stages without evidence. */
  caseFile: CaseFile;
}

const questions = (count: number): string => (count === 1 ? "1 question" : `${count} questions`);

/** A stage without evidence, in words that say how far it was looked at. */
export function noEvidenceText(coverage: StageCoverage): string {
  switch (coverage.kind) {
    case "answered-no":
      return `No evidence: ${coverage.questions === 1 ? "the question" : `all ${coverage.questions} questions`} about this stage answered no`;
    case "not-known":
      return `Not known: ${questions(coverage.questions)} about this stage not answered or answered not known`;
    case "nothing-recorded":
      return "Nothing recorded for this stage: its questions were not asked";
  }
}

export function TimelineView({ outcome, caseFile }: TimelineViewProps) {
  const titleId = useId();
  const evidence = new Map(outcome.timeline.stages.map((stage) => [stage.stage, stage.indicators]));
  return (
    <section className="timeline" aria-labelledby={titleId}>
      <h2 id={titleId}>Homicide timeline</h2>
      <p className="timeline__caveat">This map helps spot progression. It is not a prediction.</p>
      {/* Numbered once, in each stage's heading ("Stage 1: …"): the list itself shows no numbers. */}
      <ol className="timeline__stages">
        {STAGES.map((stage) => {
          const indicators = stage <= LAST_HIGHLIGHTED_STAGE ? (evidence.get(stage) ?? []) : [];
          const found = indicators.length > 0;
          return (
            <li key={stage} className={`timeline__stage${found ? " timeline__stage--evidence" : ""}`}>
              <h3 className="timeline__name">
                Stage {stage}: {TIMELINE_STAGE_NAMES[stage]}
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
                  {stage > LAST_HIGHLIGHTED_STAGE
                    ? "Never marked on this map"
                    : noEvidenceText(stageCoverage(caseFile, stage))}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
