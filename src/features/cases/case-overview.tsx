// The case's task list (GOV.UK "complete multiple tasks" pattern): each section with its status,
// each opening its own question page.
import { ScreenHeading } from "../../ui/screen-heading";
import type { CaseDetails } from "../../domain/case-record/case-details";
import { CASE_SECTIONS, sectionStatus, STATUS_TEXT, type CaseSectionId } from "./case-sections";

export interface CaseOverviewProps {
  details: CaseDetails;
  /** The case's latest level with its certainty (riskText of its clear summary); omitted: not shown. */
  levelText?: string | undefined;
  today: string;
  onOpenSection: (section: CaseSectionId) => void;
  onCheck: () => void;
  onAssess?: (() => void) | undefined;
}

export function CaseOverview({ details, levelText, today, onOpenSection, onCheck, onAssess }: CaseOverviewProps) {
  const statuses = CASE_SECTIONS.map((section) => ({ ...section, status: sectionStatus(section.id, details, today) }));
  const completed = statuses.filter((section) => section.status === "completed").length;
  const name = details.victim.name?.trim();
  return (
    <>
      <ScreenHeading>Case details</ScreenHeading>
      {name !== undefined && name !== "" && <p className="case-overview__who">Victim: {name}</p>}
      {levelText !== undefined && <p className="case-overview__level">Latest risk level: {levelText}</p>}
      <p>
        You have completed {completed} of {CASE_SECTIONS.length} sections. Everything you type is saved as you go, so
        you can come back to any section later.
      </p>
      <ul className="case-tasks">
        {statuses.map((section) => (
          <li key={section.id} className="case-tasks__item">
            <button
              type="button"
              className="case-tasks__open"
              aria-describedby={`case-task-${section.id}-status`}
              onClick={() => onOpenSection(section.id)}
            >
              {section.title}
            </button>
            <strong id={`case-task-${section.id}-status`} className={`case-tag case-tag--${section.status}`}>
              {STATUS_TEXT[section.status]}
            </strong>
          </li>
        ))}
      </ul>
      <div className="button-row">
        {onAssess !== undefined && (
          <button type="button" className="button" onClick={onAssess}>
            Start or continue assessment
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onCheck}>
          Check case details
        </button>
      </div>
    </>
  );
}
