// The on-screen (and printed) pack. Every value is rendered as React text, so whatever a name or
// note contains is shown as typed, never interpreted as markup.
import type { PackRow, ReferralPackDocument } from "../domain/referral-pack/pack-document";
import { dateTimeText } from "../domain/referral-pack/pack-text";
import "./pack-preview.css";

function NeverDiscloseTag() {
  return <strong className="pack-preview__never-disclose"> Never disclose to the person causing harm</strong>;
}

function RowValue({ row, isReferrer }: { row: PackRow; isReferrer: boolean }) {
  if (row.list !== undefined) {
    return (
      <ul className="pack-preview__list">
        {row.list.map((listItem, index) => (
          <li key={index} className={listItem.withheld && !isReferrer ? "pack-preview__withheld" : undefined}>
            {listItem.text}
            {isReferrer && (listItem.withheld || row.withheld) ? <NeverDiscloseTag /> : null}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <span className={row.withheld && !isReferrer ? "pack-preview__withheld" : undefined}>
      {row.value}
      {isReferrer && row.withheld ? <NeverDiscloseTag /> : null}
    </span>
  );
}

export function PackPreview({ document }: { document: ReferralPackDocument }) {
  const isReferrer = document.copy === "referrer";
  return (
    <article className="pack-preview" aria-labelledby="pack-preview-title">
      <p className="pack-preview__marking">{document.protectiveMarking}</p>
      <h2 id="pack-preview-title" className="pack-preview__title">
        {document.title}
      </h2>
      <p className={isReferrer ? "pack-preview__copy pack-preview__copy--referrer" : "pack-preview__copy"}>
        {document.copyLabel}
      </p>
      <p>
        Prepared {dateTimeText(document.preparedAt)}. Assessment date {document.assessmentDate}.
      </p>
      {document.sections.map((section) => (
        <section key={section.id} className="pack-preview__section" aria-labelledby={`pack-section-${section.id}`}>
          <h3 id={`pack-section-${section.id}`}>{section.title}</h3>
          <dl className="pack-preview__rows">
            {section.rows.map((row, index) => (
              <div key={index} className="pack-preview__row">
                <dt>{row.label}</dt>
                <dd>
                  <RowValue row={row} isReferrer={isReferrer} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </article>
  );
}
