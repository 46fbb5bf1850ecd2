// CSV of the review list for a spreadsheet: clear, non-identifying fields only (no names, contact
// details or narrative: the case rows do not hold any), RFC 4180 quoting, and every cell that a
// spreadsheet would treat as a formula made inert.
import { currentRiskLevel, describeCurrentLevelFromSummary } from "../certainty/not-safe-summary";
import type { IsoDate } from "../dates";
import { needsActionReasons, reviewStateOf, timeToReferralHours, type ReviewCaseRow } from "./dashboard-summary";

/** Cells starting with these run as formulas in Excel, LibreOffice and Sheets (tab and CR too, per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-like cell with an apostrophe so it is shown as text, never evaluated. */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field containing a comma, quote, CR or LF, doubling inner quotes. */
export function quoteCsvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return quoteCsvField(escapeFormula(String(value)));
}

/** Rows of cells to CSV text, CRLF line endings as RFC 4180 asks. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export const REVIEW_CSV_HEADER = [
  "Case reference",
  "Status",
  "Review status",
  "Risk level",
  "Risk level certainty",
  "BRAG",
  "Quality score",
  "Needs action",
  "Practitioner",
  "Agency",
  "Assessor role",
  "Created",
  "Last assessed",
  "MARAC referral sent",
  "Hours from assessment to MARAC referral",
] as const;

/** The short reference the screens show: enough to find the case, nothing about the person. */
export function caseReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/**
 * The level is the one the lists show (a not-safe draft's from what was observed, else the completed
 * one); `today` (London) judges an overdue return among the needs-action codes.
 */
export function reviewListCsv(rows: readonly ReviewCaseRow[], today: IsoDate): string {
  return toCsv([
    REVIEW_CSV_HEADER,
    ...rows.map((row) => {
      const marac = row.referralsSent?.marac;
      const hours = marac === undefined ? null : timeToReferralHours(marac);
      return [
        caseReference(row.id),
        row.status,
        reviewStateOf(row) ?? "",
        currentRiskLevel(row.riskLevel, row.flags) ?? "",
        describeCurrentLevelFromSummary(row.riskLevel, row.flags).sentence,
        row.brag ?? "",
        row.qualityScore,
        needsActionReasons(row, today).join(" "),
        row.author ?? "",
        row.agency ?? "",
        row.assessorRole ?? "",
        row.createdAt,
        row.latestAssessedAt ?? "",
        marac?.sentAt ?? "",
        hours === null ? null : hours.toFixed(1),
      ];
    }),
  ]);
}
