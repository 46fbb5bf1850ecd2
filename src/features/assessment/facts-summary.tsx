// The facts pages on check your answers: every fact in plain English, with a Change link to its page.
// Each value is what the case file will hold; an entry that cannot be recorded yet says so.
import type { CaseContext } from "../../domain/case-file";
import { labelForEvidence, ORDER_TYPE_LABELS } from "../../domain/labels/labels";
import { ANSWER_LABELS, CHECKS_LABELS, SummaryRow } from "./answers-summary";
import {
  FACT_PAGE_TITLES,
  FACT_PAGES,
  factEntriesOf,
  factIssues,
  type FactEntries,
  type FactPage,
} from "./context-facts";
import { HISTORY_LABELS, NEW_INCIDENT_LABELS, SEPARATION_LABELS } from "./context-facts-step";

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "2024-03-07" → "7 March 2024". */
export function dateText(date: string): string {
  return longDate.format(new Date(`${date}T00:00:00Z`));
}

const NOT_RECORDED = "Not recorded";

function yesNo(value: boolean | undefined, entry: FactEntries[keyof FactEntries]): string {
  if (value !== undefined) return value ? "Yes" : "No";
  return entry === "not-known" ? "Not known" : NOT_RECORDED;
}

interface Row {
  label: string;
  value: string;
}

/** The rows of one facts page, from the case file's context (merged with the case details). */
export function factRows(
  page: FactPage,
  context: CaseContext,
  entries: FactEntries,
  checksFromDetails?: CaseContext["perpetratorChecks"],
): Row[] {
  switch (page) {
    case "incident-history":
      return [
        {
          label: "Follows a new incident",
          value:
            context.newIncident === undefined
              ? NOT_RECORDED
              : NEW_INCIDENT_LABELS[context.newIncident ? "new" : "review"],
        },
        {
          label: "Police call-outs in the last 12 months",
          value: context.policeCallouts12m === undefined ? "Not known" : String(context.policeCallouts12m),
        },
        {
          label: "Earlier MARACs",
          value: context.previousMaracDates?.map(dateText).join(", ") || "None recorded",
        },
        {
          label: "Adult safeguarding concerns",
          value:
            context.safeguardingConcerns
              ?.map((concern) => `${dateText(concern.date)}${concern.agency ? ` (${concern.agency})` : ""}`)
              .join(", ") || "None recorded",
        },
        { label: "Moved between areas recently", value: yesNo(context.movedArea, entries.movedArea) },
      ];
    case "victim-situation":
      return [
        {
          label: "Separation",
          value:
            context.separation === undefined
              ? entries.separation === "not-known"
                ? "Not known"
                : NOT_RECORDED
              : `${SEPARATION_LABELS[context.separation.status]}${context.separation.date ? `: ${dateText(context.separation.date)}` : ""}`,
        },
        {
          label: "Pregnant now",
          value: context.pregnant === undefined ? NOT_RECORDED : ANSWER_LABELS[context.pregnant],
        },
        {
          label: "Victim withdrew a complaint or statement",
          value: yesNo(context.victimRetracted, entries.victimRetracted),
        },
      ];
    case "checks-and-orders":
      return [
        {
          label: "History checks on the person causing harm",
          value:
            context.perpetratorChecks !== undefined
              ? CHECKS_LABELS[context.perpetratorChecks]
              : checksFromDetails !== undefined
                ? `${CHECKS_LABELS[checksFromDetails]} (from the case details)`
                : NOT_RECORDED,
        },
        {
          label: "Known history of the person causing harm",
          value: context.perpetratorHistory?.map((tag) => HISTORY_LABELS[tag]).join(", ") || "None recorded",
        },
        {
          label: "Protective orders",
          value:
            context.protectiveOrders
              ?.map((order) =>
                [
                  ORDER_TYPE_LABELS[order.type],
                  order.granted ? `granted ${dateText(order.granted)}` : null,
                  order.expires ? `ends ${dateText(order.expires)}` : "no end date recorded",
                ]
                  .filter((part) => part !== null)
                  .join(", "),
              )
              .join("; ") || "None recorded",
        },
      ];
    case "never-share":
      return [
        {
          label: "Never share with the person causing harm",
          value: context.nonDisclosure?.map(labelForEvidence).join(", ") || "Nothing marked",
        },
      ];
  }
}

export function FactsSummary({
  draft,
  checksFromDetails,
  today,
  onChange,
}: {
  draft: { facts?: FactEntries | undefined; context?: CaseContext | undefined };
  checksFromDetails?: CaseContext["perpetratorChecks"];
  today: string;
  onChange: (page: FactPage) => void;
}) {
  const entries = factEntriesOf(draft);
  const issues = factIssues(entries, today);
  return (
    <>
      {FACT_PAGES.map((page) => {
        const unfinished = issues.some((issue) => issue.page === page);
        return (
          <section key={page} aria-labelledby={`check-${page}`}>
            <h2 id={`check-${page}`}>{FACT_PAGE_TITLES[page]}</h2>
            {unfinished && (
              <p id={`check-${page}-unfinished`} tabIndex={-1}>
                <strong>Not finished:</strong> an entry on this page cannot be recorded as it is. Change it or remove
                it.
              </p>
            )}
            <dl className="summary-list">
              {factRows(page, draft.context ?? {}, entries, checksFromDetails).map((row) => (
                <SummaryRow
                  key={row.label}
                  label={row.label}
                  change={{ onClick: () => onChange(page), what: row.label.toLowerCase() }}
                >
                  {row.value}
                </SummaryRow>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
