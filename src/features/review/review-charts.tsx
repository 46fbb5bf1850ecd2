// Hand-drawn charts for the review dashboard: labels as HTML text, so they wrap and are never cut
// short or clipped; bars as small SVGs. Each chart is a <figure> whose caption names it and whose
// data sits beside it in a table: the table is the text alternative, so the drawing itself is
// hidden from assistive technology rather than described twice.
import type { ReactNode } from "react";

export interface BarDatum {
  label: string;
  value: number;
  /** CSS colour class suffix, e.g. "high" → review-chart__bar--high. */
  tone?: string;
  /** The table's third column (when the chart has a certaintyHeading): "2 provisional". */
  certainty?: string;
}

/**
 * One bar: `share` of the track's width (0 to 1), split into coloured segments by value. Sized by
 * SVG attributes, not inline styles, which the Content-Security-Policy forbids.
 */
function BarSvg({
  share,
  segments,
}: {
  share: number;
  segments: readonly { key: string; tone: string; value: number }[];
}) {
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  // The longest bar takes 85% of the track, leaving room for its count; a count of one or more
  // always shows a sliver, so it is never read as zero.
  const width = total === 0 ? 0 : Math.max(share * 85, 1);
  // Each segment starts where the ones before it end.
  const starts = segments.map((_, index) => segments.slice(0, index).reduce((sum, segment) => sum + segment.value, 0));
  const percent = (value: number): number => (total === 0 ? 0 : (value / total) * 100);
  return (
    <svg
      className="review-bars__bar"
      width={`${width}%`}
      height="20"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      focusable="false"
    >
      {segments.map((segment, index) => (
        <rect
          key={segment.key}
          x={percent(starts[index] ?? 0)}
          width={percent(segment.value)}
          height="10"
          className={`review-chart__bar review-chart__bar--${segment.tone}`}
        />
      ))}
    </svg>
  );
}

function ChartFigure({
  id,
  caption,
  children,
  table,
  empty = false,
}: {
  id: string;
  caption: string;
  children: ReactNode;
  table: ReactNode;
  empty?: boolean;
}) {
  if (empty) {
    return (
      <figure className="review-chart" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`} className="review-chart__caption">
          {caption}
        </figcaption>
        <p>Nothing to show yet.</p>
      </figure>
    );
  }
  return (
    <figure className="review-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="review-chart__caption">
        {caption}
      </figcaption>
      <div className="review-chart__body">
        <div className="review-chart__drawing" aria-hidden="true">
          {children}
        </div>
        {/* Focusable so a keyboard user can scroll it when it is wider than a phone screen. */}
        <div className="review-chart__table" role="region" aria-label={`${caption}: table`} tabIndex={0}>
          {table}
        </div>
      </div>
    </figure>
  );
}

/** Horizontal bars: one per datum, longest value full width. */
export function BarChart({
  id,
  caption,
  data,
  valueHeading,
  labelHeading,
  certaintyHeading,
}: {
  id: string;
  caption: string;
  data: readonly BarDatum[];
  valueHeading: string;
  labelHeading: string;
  /** Given: the table has a third column with each datum's certainty. */
  certaintyHeading?: string;
}) {
  const max = Math.max(1, ...data.map((datum) => datum.value));
  return (
    <ChartFigure
      id={id}
      caption={caption}
      empty={data.every((datum) => datum.value === 0)}
      table={
        <table className="review-table review-table--compact">
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col">{valueHeading}</th>
              {certaintyHeading !== undefined && <th scope="col">{certaintyHeading}</th>}
            </tr>
          </thead>
          <tbody>
            {data.map((datum) => (
              <tr key={datum.label}>
                <th scope="row">{datum.label}</th>
                <td>{datum.value}</td>
                {certaintyHeading !== undefined && <td>{datum.certainty ?? ""}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {/* Labels are text beside each bar, wrapping when long: never cut short or clipped. */}
      <div className="review-bars">
        {data.map((datum) => (
          <div key={datum.label} className="review-bars__row">
            <span className="review-bars__label">{datum.label}</span>
            <span className="review-bars__track">
              <BarSvg
                share={datum.value / max}
                segments={[{ key: datum.label, tone: datum.tone ?? "neutral", value: datum.value }]}
              />
              <span className="review-bars__value">{datum.value}</span>
            </span>
          </div>
        ))}
      </div>
    </ChartFigure>
  );
}

export interface StackedColumn {
  label: string;
  /** `note` follows the count in the table: "3 (1 provisional)". */
  segments: { key: string; label: string; value: number; note?: string }[];
}

/** Stacked bars (e.g. risk levels per month, one bar a month), with a legend and a table. */
export function StackedColumnChart({
  id,
  caption,
  columns,
  keys,
}: {
  id: string;
  caption: string;
  columns: readonly StackedColumn[];
  keys: readonly { key: string; label: string }[];
}) {
  const max = Math.max(1, ...columns.map((column) => column.segments.reduce((sum, segment) => sum + segment.value, 0)));
  return (
    <ChartFigure
      id={id}
      caption={caption}
      empty={columns.length === 0}
      table={
        <table className="review-table review-table--compact">
          <thead>
            <tr>
              <th scope="col">Month</th>
              {keys.map((key) => (
                <th key={key.key} scope="col">
                  {key.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.label}>
                <th scope="row">{column.label}</th>
                {keys.map((key) => {
                  const segment = column.segments.find((candidate) => candidate.key === key.key);
                  return (
                    <td key={key.key}>
                      {segment?.value ?? 0}
                      {segment?.note ? ` (${segment.note})` : ""}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {/* One bar per month, its levels stacked left to right, the month written in full beside it. */}
      <div className="review-bars">
        {columns.map((column) => {
          const total = column.segments.reduce((sum, segment) => sum + segment.value, 0);
          return (
            <div key={column.label} className="review-bars__row">
              <span className="review-bars__label">{column.label}</span>
              <span className="review-bars__track">
                <BarSvg
                  share={total / max}
                  segments={column.segments.map((segment) => ({
                    key: segment.key,
                    tone: segment.key,
                    value: segment.value,
                  }))}
                />
                <span className="review-bars__value">{total}</span>
              </span>
            </div>
          );
        })}
      </div>
      <ul className="review-legend">
        {keys.map((key) => (
          <li key={key.key}>
            <svg className="review-legend__swatch" viewBox="0 0 10 10" width="12" height="12" focusable="false">
              <rect width="10" height="10" className={`review-chart__bar review-chart__bar--${key.key}`} />
            </svg>
            {key.label}
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}
