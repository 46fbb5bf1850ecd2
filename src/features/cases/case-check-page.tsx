// Check your answers: everything recorded in the case, section by section, with what is never
// shared marked beside it, and a way back into each section to change it.
import type { CaseDetails } from "../../domain/case-record/case-details";
import { ScreenHeading } from "../../ui/screen-heading";
import { CASE_SECTIONS, type CaseSectionId } from "./case-sections";
import { NOT_RECORDED, summaryRows } from "./case-summary-rows";

export interface CaseCheckPageProps {
  details: CaseDetails;
  today: string;
  readOnly: boolean;
  onBack: () => void;
  onChange: (section: CaseSectionId) => void;
}

export function CaseCheckPage({ details, today, readOnly, onBack, onChange }: CaseCheckPageProps) {
  return (
    <div className="case-section">
      <button type="button" className="link-button case-back" onClick={onBack}>
        Back to case overview
      </button>
      <ScreenHeading>Check case details</ScreenHeading>
      <p>Details marked &ldquo;Never shared&rdquo; are left out of every copy made for sharing more widely.</p>
      {CASE_SECTIONS.map((section) => (
        <section key={section.id} className="case-check" aria-labelledby={`case-check-${section.id}`}>
          <div className="case-check__heading">
            <h2 id={`case-check-${section.id}`}>{section.title}</h2>
            {!readOnly && (
              <button type="button" className="link-button" onClick={() => onChange(section.id)}>
                Change<span className="visually-hidden"> {section.title.toLowerCase()}</span>
              </button>
            )}
          </div>
          <dl className="case-check__list">
            {summaryRows(section.id, details, today).map((row) => (
              <div key={row.label} className="case-check__row">
                <dt>{row.label}</dt>
                <dd className={row.value === NOT_RECORDED ? "case-check__missing" : undefined}>
                  {row.value}
                  {row.withheld && (
                    <>
                      {" "}
                      <strong className="case-tag case-tag--withheld">Never shared with the person causing harm</strong>
                    </>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back to case overview
        </button>
      </div>
    </div>
  );
}
