// The manager's dashboard over every case in their vault, drawn from clear summary fields only
// (codes, numbers, timestamps): counts by risk and BRAG, the cases needing action now, time from
// assessment to referral against a target, charts with their tables, and a filtered, sorted,
// paginated list that can be downloaded as CSV. Nothing is decrypted to draw it.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import {
  AGE_FILTERS,
  BRAG_KEYS,
  completedRiskKeyOf,
  distinctLabels,
  londonToday,
  matchesFilter,
  needsActionLabel,
  type NeedsActionReason,
  riskKeyOf,
  bragKeyOf,
  reviewStateOf,
  RISK_KEYS,
  SORT_KEYS,
  sortCases,
  summariseDashboard,
  type AgeFilter,
  type CaseFilter,
  type ReviewCaseRow,
  type SortKey,
} from "../../domain/review/dashboard-summary";
import { currentRiskLevel, describeCurrentLevelFromSummary } from "../../domain/certainty/not-safe-summary";
import { caseNumbers } from "../../domain/case-record/case-names";
import { reviewListCsv } from "../../domain/review/csv-export";
import { describeLevelFromSummary } from "../../domain/certainty/summary-codes";
import { QUALITY_ITEM_TITLES } from "../../domain/review/quality-checklist";
import { Pagination } from "../../ui/pagination";
import { ScreenHeading } from "../../ui/screen-heading";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { BarChart, StackedColumnChart } from "./review-charts";
import "./review.css";
import { downloadContent } from "../../ui/download";
import {
  BRAG_LABELS,
  formatDate,
  formatDateTime,
  formatHours,
  formatMonth,
  REVIEW_STATUS_LABELS,
  RISK_LABELS,
} from "./review-labels";

export const PAGE_SIZE = 25;
/** The cases table's columns, in order: each has its width on a laptop in review.css. */
const CASE_COLUMNS = ["case", "risk", "brag", "status", "quality", "action", "practitioner", "assessed"] as const;
/** How many cases the needs-action panel lists before pointing at the filtered list. */
export const NEEDS_ACTION_PREVIEW = 10;
export const DASHBOARD_RENDERED_MARK = "safe-referral:review-dashboard-rendered";

export interface ReviewDashboardProps {
  cases: readonly ReviewCaseRow[];
  targetHours: number;
  onTargetHoursChange: (hours: number) => void;
  onOpenCase: (caseId: string) => void;
  now?: Date;
}

const AGE_LABELS: Record<AgeFilter, string> = {
  any: "Any age",
  "under-7-days": "Under 7 days old",
  "7-to-30-days": "7 to 30 days old",
  "over-30-days": "Over 30 days old",
};
const SORT_LABELS: Record<SortKey, string> = {
  "needs-action": "Needs action first",
  risk: "Highest risk first",
  "last-assessed": "Most recently assessed",
  oldest: "Oldest case first",
  "quality-lowest": "Lowest quality score first",
};

interface CertaintyCount {
  provisional: number;
  notRecorded: number;
}

/** "2 provisional, 1 certainty not recorded", "all complete", or "" for none. */
function certaintyText(count: CertaintyCount | undefined, total: number): string {
  if (total === 0 || count === undefined) return "";
  const parts = [
    ...(count.provisional > 0 ? [`${count.provisional} provisional`] : []),
    ...(count.notRecorded > 0 ? [`${count.notRecorded} certainty not recorded`] : []),
  ];
  return parts.length > 0 ? parts.join(", ") : "none provisional";
}

const NO_REASONS: readonly NeedsActionReason[] = [];

/**
 * How many cases of each level are provisional or of unrecorded certainty: by the level the lists
 * show (a not-safe draft's included), and by month of the latest completed assessment's level.
 */
function certaintyCounts(rows: readonly ReviewCaseRow[]) {
  const byRisk = new Map<string, CertaintyCount>();
  const byMonth = new Map<string, CertaintyCount>();
  const add = (map: Map<string, CertaintyCount>, key: string, provisional: boolean | null) => {
    const count = map.get(key) ?? { provisional: 0, notRecorded: 0 };
    if (provisional === true) count.provisional += 1;
    if (provisional === null) count.notRecorded += 1;
    map.set(key, count);
  };
  for (const row of rows) {
    const completed = completedRiskKeyOf(row);
    const completedProvisional =
      completed === "none" ? null : describeLevelFromSummary(row.riskLevel, row.flags).provisional;
    if (completed !== "none" && row.latestAssessedAt !== null)
      add(byMonth, `${row.latestAssessedAt.slice(0, 7)}:${completed}`, completedProvisional);
    const risk = riskKeyOf(row);
    // Described a second time only for a not-safe draft's level (one row in many): 5,000 rows, one budget.
    const fromDraft = currentRiskLevel(null, row.flags) !== null;
    if (risk !== "none")
      add(
        byRisk,
        risk,
        fromDraft ? describeCurrentLevelFromSummary(row.riskLevel, row.flags).provisional : completedProvisional,
      );
  }
  return { byRisk, byMonth };
}

export function ReviewDashboard({ cases, targetHours, onTargetHoursChange, onOpenCase, now }: ReviewDashboardProps) {
  const [filter, setFilter] = useState<CaseFilter>({
    risk: "any",
    status: "any",
    age: "any",
    author: "",
    agency: "",
    needsActionOnly: false,
  });
  const [sort, setSort] = useState<SortKey>("needs-action");
  const [page, setPage] = useState(0);
  const [targetText, setTargetText] = useState(String(targetHours));
  const [targetError, setTargetError] = useState<string | null>(null);
  const at = useMemo(() => now ?? new Date(), [now]);
  const today = londonToday(at);

  const summary = useMemo(() => summariseDashboard(cases, { targetHours, now: at }), [cases, targetHours, at]);
  // The summary worked out every row's reasons for today: the sort and the table reuse them.
  const reasonsByRow = useMemo(
    () =>
      new Map<ReviewCaseRow, readonly NeedsActionReason[]>(
        summary.needsAction.map(({ row, reasons }) => [row, reasons]),
      ),
    [summary],
  );
  const reasonsOf = (row: ReviewCaseRow) => reasonsByRow.get(row) ?? NO_REASONS;
  const certainty = useMemo(() => certaintyCounts(cases), [cases]);
  // Named as the case list names them ("Case 3"), so a manager and a practitioner mean the same case.
  const numbers = useMemo(() => caseNumbers(cases), [cases]);
  const authors = useMemo(() => distinctLabels(cases, "author"), [cases]);
  const agencies = useMemo(() => distinctLabels(cases, "agency"), [cases]);
  const filtered = useMemo(
    () =>
      sortCases(
        cases.filter((row) => matchesFilter(row, filter, at)),
        sort,
        today,
        (row) => reasonsByRow.get(row) ?? NO_REASONS,
      ),
    [cases, filter, sort, at, today, reasonsByRow],
  );
  const pageCount = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const currentPage = Math.min(page, pageCount - 1);
  const pageRows = filtered.slice(currentPage * PAGE_SIZE, (currentPage + 1) * PAGE_SIZE);

  useEffect(() => {
    // Read by `npm run bench` (dashboard5kMs); harmless otherwise.
    performance.mark(DASHBOARD_RENDERED_MARK);
  }, []);

  const updateFilter = (change: Partial<CaseFilter>) => {
    setFilter((previous) => ({ ...previous, ...change }));
    setPage(0);
  };

  const saveTarget = (event: FormEvent) => {
    event.preventDefault();
    const hours = Number(targetText);
    if (!Number.isInteger(hours) || hours < 1 || hours > 720) {
      setTargetError("Enter a whole number of hours from 1 to 720");
      return;
    }
    setTargetError(null);
    onTargetHoursChange(hours);
  };

  const { timeToReferral } = summary;
  return (
    <div className="review">
      <ScreenHeading>Review cases</ScreenHeading>
      <p>
        {summary.total} {summary.total === 1 ? "case" : "cases"} in this vault. These figures use only risk levels,
        ratings, dates and codes; no one's details are opened to draw them.
      </p>

      <section aria-labelledby="review-counts-heading">
        <h2 id="review-counts-heading">At a glance</h2>
        <dl className="review-cards">
          <div className="review-card">
            <dt>High risk</dt>
            <dd>{summary.byRisk.high}</dd>
          </div>
          <div className="review-card review-card--alert">
            <dt>Need action now</dt>
            <dd>{summary.needsAction.length}</dd>
          </div>
          <div className="review-card">
            <dt>MARAC referrals within {targetHours} hours</dt>
            <dd>
              {timeToReferral.withinTarget} of {timeToReferral.hours.length}
            </dd>
          </div>
          <div className="review-card">
            <dt>Average quality score</dt>
            <dd>{summary.averageQuality === null ? "—" : `${summary.averageQuality}%`}</dd>
          </div>
        </dl>
        <div className="review-charts">
          <BarChart
            id="review-risk"
            caption="Cases by risk level"
            labelHeading="Risk level"
            valueHeading="Cases"
            certaintyHeading="Of which"
            data={RISK_KEYS.map((key) => ({
              label: RISK_LABELS[key],
              value: summary.byRisk[key],
              tone: key,
              certainty: key === "none" ? "" : certaintyText(certainty.byRisk.get(key), summary.byRisk[key]),
            }))}
          />
          <BarChart
            id="review-brag"
            caption="Cases by BRAG rating"
            labelHeading="BRAG rating"
            valueHeading="Cases"
            data={BRAG_KEYS.map((key) => ({ label: BRAG_LABELS[key], value: summary.byBrag[key], tone: key }))}
          />
        </div>
      </section>

      <section aria-labelledby="review-action-heading">
        <h2 id="review-action-heading">Need action now</h2>
        {summary.needsAction.length === 0 ? (
          <p>No open case needs action now.</p>
        ) : (
          <>
            <ul className="review-action-list">
              {summary.needsAction.slice(0, NEEDS_ACTION_PREVIEW).map(({ row, reasons }) => (
                <li key={row.id}>
                  <button type="button" className="link-button" onClick={() => onOpenCase(row.id)}>
                    Review case {numbers.get(row.id)}
                  </button>
                  <span>
                    {" "}
                    — {reasons.map((reason) => needsActionLabel(reason, row)).join("; ")}
                    {row.author ? ` (${row.author})` : ""}
                  </span>
                </li>
              ))}
            </ul>
            {summary.needsAction.length > NEEDS_ACTION_PREVIEW && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => updateFilter({ needsActionOnly: true })}
              >
                List all {summary.needsAction.length} cases needing action
              </button>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="review-referral-heading">
        <h2 id="review-referral-heading">Time from assessment to MARAC referral</h2>
        <p>
          {timeToReferral.hours.length === 0
            ? "No MARAC referral has been marked as sent yet."
            : `Median ${formatHours(timeToReferral.medianHours)} across ${timeToReferral.hours.length} referrals sent; ${timeToReferral.overTarget} took longer than the ${targetHours}-hour target.`}{" "}
          {timeToReferral.waitingPastTarget} high-risk{" "}
          {timeToReferral.waitingPastTarget === 1 ? "case is" : "cases are"} still waiting past the target.
        </p>
        <form className="review-target" onSubmit={saveTarget} noValidate>
          <TextField
            id="review-target-hours"
            label="Referral target (hours)"
            inputMode="numeric"
            className="review-target__input"
            error={targetError ?? undefined}
            value={targetText}
            onChange={setTargetText}
          />
          <button type="submit" className="button button--secondary">
            Set target
          </button>
        </form>
        <div className="review-charts">
          <BarChart
            id="review-time-to-referral"
            caption="How long MARAC referrals took after the assessment"
            labelHeading="Time taken"
            valueHeading="Referrals"
            data={timeToReferral.buckets.map((bucket) => ({ label: bucket.label, value: bucket.count }))}
          />
          <StackedColumnChart
            id="review-risk-over-time"
            caption="Risk levels over time (by month of each case's latest assessment)"
            keys={[
              { key: "high", label: "High" },
              { key: "medium", label: "Medium" },
              { key: "standard", label: "Standard" },
            ]}
            columns={summary.riskOverTime.map((month) => ({
              label: formatMonth(month.month),
              segments: (["high", "medium", "standard"] as const).map((key) => ({
                key,
                label: RISK_LABELS[key],
                value: month[key],
                note: month[key] === 0 ? "" : certaintyText(certainty.byMonth.get(`${month.month}:${key}`), month[key]),
              })),
            }))}
          />
          <BarChart
            id="review-most-missed"
            caption="Quality checks most often missed"
            labelHeading="Quality check"
            valueHeading="Cases missing it"
            data={summary.mostMissed.map((item) => ({ label: QUALITY_ITEM_TITLES[item.id], value: item.count }))}
          />
        </div>
      </section>

      <section aria-labelledby="review-list-heading">
        <h2 id="review-list-heading">All cases</h2>
        <form
          className="review-filters"
          onSubmit={(event) => event.preventDefault()}
          aria-label="Filter and sort cases"
        >
          <SelectField
            id="review-filter-risk"
            label="Risk level"
            value={filter.risk ?? "any"}
            onChange={(risk) => updateFilter({ risk })}
            choices={[
              { value: "any", label: "Any risk level" },
              ...RISK_KEYS.map((key) => ({ value: key, label: RISK_LABELS[key] })),
            ]}
          />
          <SelectField
            id="review-filter-status"
            label="Status"
            value={filter.status ?? "any"}
            onChange={(status) => updateFilter({ status })}
            choices={[
              { value: "any", label: "Any status" },
              { value: "open", label: "Open" },
              { value: "closed", label: "Closed" },
              { value: "returned-for-improvement", label: "Returned for improvement" },
              { value: "resubmitted", label: "Changed since returned" },
            ]}
          />
          <SelectField
            id="review-filter-age"
            label="Age of case"
            value={filter.age ?? "any"}
            onChange={(age) => updateFilter({ age })}
            choices={AGE_FILTERS.map((key) => ({ value: key, label: AGE_LABELS[key] }))}
          />
          <SelectField
            id="review-filter-author"
            label="Practitioner"
            value={filter.author ?? ""}
            onChange={(author) => updateFilter({ author })}
            choices={[
              { value: "", label: "Any practitioner" },
              ...authors.map((name) => ({ value: name, label: name })),
            ]}
          />
          <SelectField
            id="review-filter-agency"
            label="Agency"
            value={filter.agency ?? ""}
            onChange={(agency) => updateFilter({ agency })}
            choices={[{ value: "", label: "Any agency" }, ...agencies.map((name) => ({ value: name, label: name }))]}
          />
          <SelectField
            id="review-sort"
            label="Sort by"
            value={sort}
            onChange={(value) => {
              // Every option is a sort key: undefined never comes back from this select.
              if (value !== undefined) setSort(value);
              setPage(0);
            }}
            choices={SORT_KEYS.map((key) => ({ value: key, label: SORT_LABELS[key] }))}
          />
          <div className="checkbox">
            <input
              id="review-filter-needs-action"
              type="checkbox"
              autoComplete="off"
              checked={filter.needsActionOnly === true}
              onChange={(event) => updateFilter({ needsActionOnly: event.target.checked })}
            />
            <label htmlFor="review-filter-needs-action">Only cases needing action now</label>
          </div>
        </form>

        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            disabled={filtered.length === 0}
            onClick={() =>
              downloadContent(
                `safe-referral-review-${at.toISOString().slice(0, 10)}.csv`,
                "text/csv",
                reviewListCsv(filtered, today),
              )
            }
          >
            Download this list as CSV
          </button>
        </div>
        <p className="form-field__hint">
          The CSV holds case references, risk, ratings, dates and practitioner labels only: no victim's details.
        </p>

        <p role="status" aria-live="polite">
          {filtered.length === 0
            ? "No cases match these filters."
            : `Showing ${currentPage * PAGE_SIZE + 1} to ${currentPage * PAGE_SIZE + pageRows.length} of ${filtered.length} cases`}
        </p>
        {pageRows.length > 0 && (
          <div className="review-table-wrap" role="region" aria-label="Cases table" tabIndex={0}>
            <table className="review-table review-table--cases">
              <caption className="visually-hidden">
                Cases, page {currentPage + 1} of {pageCount}
              </caption>
              {/* Column widths for a laptop, where the table fits the page (review.css). */}
              <colgroup>
                {CASE_COLUMNS.map((column) => (
                  <col key={column} className={`review-table__col--${column}`} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Risk</th>
                  <th scope="col">BRAG</th>
                  <th scope="col">Status</th>
                  <th scope="col">Quality</th>
                  <th scope="col">Needs action</th>
                  <th scope="col">Practitioner and agency</th>
                  <th scope="col">Last assessed</th>
                </tr>
              </thead>
              <tbody>
                {pageRows.map((row) => {
                  const reasons = reasonsOf(row);
                  return (
                    <tr key={row.id}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => onOpenCase(row.id)}>
                          Review case {numbers.get(row.id)}
                        </button>
                      </th>
                      <td>{describeCurrentLevelFromSummary(row.riskLevel, row.flags).sentence}</td>
                      <td>{BRAG_LABELS[bragKeyOf(row)]}</td>
                      <td>
                        {row.status === "closed" ? "Closed" : "Open"}
                        {reviewStateOf(row) ? `; ${REVIEW_STATUS_LABELS[reviewStateOf(row) ?? ""] ?? ""}` : ""}
                      </td>
                      <td>{row.qualityScore === null ? "—" : `${row.qualityScore}%`}</td>
                      <td>
                        {reasons.length === 0
                          ? "No"
                          : reasons.map((reason) => needsActionLabel(reason, row)).join("; ")}
                      </td>
                      <td>{[row.author, row.agency].filter(Boolean).join(", ") || "—"}</td>
                      <td>{row.latestAssessedAt === null ? "—" : formatDate(row.latestAssessedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          label="Pages of cases"
          className="review-pagination"
          page={currentPage}
          pageCount={pageCount}
          onPageChange={setPage}
        />
        <p className="form-field__hint">Figures as at {formatDateTime(at.toISOString())}.</p>
      </section>
    </div>
  );
}
