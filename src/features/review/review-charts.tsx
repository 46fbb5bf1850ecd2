// Hand-drawn SVG charts for the review dashboard. Each chart is a <figure> whose caption names it
// and whose data sits beside it in a table: the table is the text alternative, so the drawing
// itself is hidden from assistive technology rather than described twice.
import type { ReactNode } from "react";

export interface BarDatum {
  label: string;
  value: number;
  /** CSS colour class suffix, e.g. "high" → review-chart__bar--high. */
  tone?: string;
  /** The table's third column (when the chart has a certaintyHeading): "2 provisional". */
  certainty?: string;
}

const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 150;
const CHART_WIDTH = 320;

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
  const height = data.length * (BAR_HEIGHT + GAP) + GAP;
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 40;
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
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="presentation" focusable="false">
        {data.map((datum, index) => {
          const y = GAP + index * (BAR_HEIGHT + GAP);
          const width = (datum.value / max) * barSpace;
          return (
            <g key={datum.label}>
              <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT * 0.7} textAnchor="end" className="review-chart__label">
                {datum.label.length > 24 ? `${datum.label.slice(0, 23)}…` : datum.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y}
                width={Math.max(width, datum.value > 0 ? 2 : 0)}
                height={BAR_HEIGHT}
                className={`review-chart__bar review-chart__bar--${datum.tone ?? "neutral"}`}
              />
              <text x={LABEL_WIDTH + width + 4} y={y + BAR_HEIGHT * 0.7} className="review-chart__value">
                {datum.value}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}

export interface StackedColumn {
  label: string;
  /** `note` follows the count in the table: "3 (1 provisional)". */
  segments: { key: string; label: string; value: number; note?: string }[];
}

/** Vertical stacked columns (e.g. risk levels per month), with a legend and a table. */
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
  const plotHeight = 140;
  const columnWidth = 22;
  const step = 30;
  const width = Math.max(CHART_WIDTH, columns.length * step + 20);
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
      <svg viewBox={`0 0 ${width} ${plotHeight + 40}`} role="presentation" focusable="false">
        {columns.map((column, index) => {
          let top = plotHeight;
          const x = 10 + index * step;
          return (
            <g key={column.label}>
              {column.segments.map((segment) => {
                const height = (segment.value / max) * plotHeight;
                top -= height;
                return (
                  <rect
                    key={segment.key}
                    x={x}
                    y={top}
                    width={columnWidth}
                    height={height}
                    className={`review-chart__bar review-chart__bar--${segment.key}`}
                  />
                );
              })}
              <text
                x={x + columnWidth / 2}
                y={plotHeight + 14}
                textAnchor="middle"
                className="review-chart__label review-chart__label--small"
              >
                {column.label.slice(0, 3)}
              </text>
            </g>
          );
        })}
        {keys.map((key, index) => (
          <g key={key.key}>
            <rect
              x={10 + index * 90}
              y={plotHeight + 24}
              width={12}
              height={12}
              className={`review-chart__bar review-chart__bar--${key.key}`}
            />
            <text x={26 + index * 90} y={plotHeight + 34} className="review-chart__label review-chart__label--small">
              {key.label}
            </text>
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}
