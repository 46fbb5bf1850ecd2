// The profile's cases from clear summary fields only: nothing is decrypted to draw this list, so it
// stays quick with thousands of cases. Shown most recently changed first, 50 to a page.
import { useEffect, useMemo, useRef, useState } from "react";
import {
  currentRiskLevel,
  describeCurrentLevelFromSummary,
  isReturnOverdue,
  returnByText,
} from "../../domain/certainty/not-safe-summary";
import { londonDateOf } from "../../domain/dates";
import { caseName, caseNumbers } from "../../domain/case-record/case-names";
import type { CaseSummary } from "../../storage/cases";
import { readPractitionerDefaults, type PractitionerDefaults } from "../../storage/practitioner-details";
import type { VaultSession } from "../../storage/vault-session";
import { Pagination } from "../../ui/pagination";
import { ReturnedForImprovementNotice } from "../../ui/returned-for-improvement-notice";
import { ScreenHeading } from "../../ui/screen-heading";
import { newCaseDetails } from "./case-sections";

export interface CaseListProps {
  session: VaultSession;
  onOpen: (caseId: string) => void;
  /** The time "today" is taken from (an overdue return); now when omitted. */
  now?: Date | undefined;
}

export const CASES_PER_PAGE = 50;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export interface NumberedCase {
  summary: CaseSummary;
  /** Numbered oldest-first (as on the assessment screen), so a case keeps its number as others change. */
  number: number;
}

/** Most recently changed first (the case being worked on is at the top), each numbered by when it was started. */
export function numberCases(summaries: readonly CaseSummary[]): NumberedCase[] {
  const numbers = caseNumbers(summaries);
  return [...summaries]
    .sort((a, b) =>
      a.updatedAt > b.updatedAt ? -1 : a.updatedAt < b.updatedAt ? 1 : numbers.get(b.id)! - numbers.get(a.id)!,
    )
    .map((summary) => ({ summary, number: numbers.get(summary.id)! }));
}

/** Each button has a distinct accessible name even for same-minute cases. */
function describe({ summary, number }: NumberedCase): string {
  return `${caseName(number)}, started ${dateTime.format(new Date(summary.createdAt))}`;
}

/**
 * The level with its certainty and why ("Standard risk — from the score; provisional: 3 not known"),
 * or "Not assessed yet". While a "not safe to ask" assessment is open, its level from what was
 * observed, route first: "High — observed, not asked; …; assessment not finished".
 */
export function riskText(summary: Pick<CaseSummary, "riskLevel" | "flags">): string {
  const { sentence } = describeCurrentLevelFromSummary(summary.riskLevel, summary.flags);
  const fromNotSafeDraft = currentRiskLevel(null, summary.flags) !== null;
  return fromNotSafeDraft ? sentence : sentence.replace(/^(Standard|Medium|High)\b/, "$1 risk");
}

export function CaseList({ session, onOpen, now }: CaseListProps) {
  const [summaries, setSummaries] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [page, setPage] = useState(0);
  // After "Next page" / "Previous page", focus the "Showing cases …" line so the new page is
  // announced and Tab continues from the top of it.
  const pageTop = useRef<HTMLParagraphElement>(null);
  const pageTurned = useRef(false);
  const turnTo = (next: number): void => {
    pageTurned.current = true;
    setPage(next);
  };
  useEffect(() => {
    if (!pageTurned.current) return;
    pageTurned.current = false;
    pageTop.current?.focus();
  }, [page]);

  useEffect(() => {
    let live = true;
    const list = () =>
      session.listCaseSummaries().then(
        (summaries) => {
          if (live) setSummaries(summaries);
        },
        () => {
          if (live) setError("Your cases could not be listed. Lock and unlock to try again.");
        },
      );
    void list();
    // A case, a level or a manager's "returned" from the team shows as sync brings it.
    const unsubscribe = session.onTeamRecordsArrived(() => void list());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [session]);

  const cases = useMemo(() => (summaries === null ? null : numberCases(summaries)), [summaries]);
  // Once per render, not per row: an overdue return is judged against today's London date.
  const today = londonDateOf((now ?? new Date()).toISOString());

  const createCase = async (): Promise<void> => {
    setCreating(true);
    try {
      // Unreadable own details only mean the referrer is typed on the case, as before.
      const own = await readPractitionerDefaults(session).catch((): PractitionerDefaults => ({}));
      const created = await session.saveCase({ details: newCaseDetails(own) });
      onOpen(created.id);
    } catch {
      setError("A new case could not be created. Try again.");
      setCreating(false);
    }
  };

  const pageCount = cases === null ? 0 : Math.max(1, Math.ceil(cases.length / CASES_PER_PAGE));
  const shownPage = Math.min(page, Math.max(0, pageCount - 1));
  const shown = cases === null ? [] : cases.slice(shownPage * CASES_PER_PAGE, (shownPage + 1) * CASES_PER_PAGE);

  return (
    <div className="case-list">
      <ScreenHeading>Your cases</ScreenHeading>
      {error !== null && <p role="alert">{error}</p>}
      <div className="button-row">
        <button type="button" className="button" disabled={creating} onClick={() => void createCase()}>
          New case
        </button>
      </div>
      {cases === null ? (
        <p role="status">Loading cases…</p>
      ) : cases.length === 0 ? (
        <p>You have no cases on this device yet.</p>
      ) : (
        <>
          {pageCount > 1 && (
            <p ref={pageTop} tabIndex={-1} className="case-pagination__where">
              Showing cases {shownPage * CASES_PER_PAGE + 1} to {shownPage * CASES_PER_PAGE + shown.length} of{" "}
              {cases.length}, most recently changed first.
            </p>
          )}
          <ul className="case-list__items">
            {shown.map((numbered) => {
              const risk = riskText(numbered.summary);
              const comeBack = returnByText(numbered.summary.flags, today);
              return (
                <li key={numbered.summary.id} className="case-list__item">
                  <button type="button" className="case-list__open" onClick={() => onOpen(numbered.summary.id)}>
                    {describe(numbered)}
                  </button>
                  <span className="case-list__meta">
                    {numbered.summary.status === "closed" ? "Closed" : "Open"}
                    {` · ${risk}`}
                    {` · last changed ${dateTime.format(new Date(numbered.summary.updatedAt))}`}
                  </span>
                  {comeBack !== null && (
                    // A line of its own, bold once overdue: the reminder is why a not-safe case is kept open.
                    <span className="case-list__return">
                      {isReturnOverdue(numbered.summary.flags, today) ? <strong>{comeBack}</strong> : comeBack}
                    </span>
                  )}
                  <ReturnedForImprovementNotice reviewStatus={numbered.summary.reviewStatus} />
                </li>
              );
            })}
          </ul>
          <Pagination
            label="Pages of cases"
            className="case-pagination"
            page={shownPage}
            pageCount={pageCount}
            onPageChange={turnTo}
          />
        </>
      )}
    </div>
  );
}
