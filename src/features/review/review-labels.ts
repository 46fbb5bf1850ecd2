// Words the review screens show for the codes stored on case rows.
import type { BragKey, RiskKey } from "../../domain/review/dashboard-summary";

export const RISK_LABELS: Record<RiskKey, string> = {
  high: "High",
  medium: "Medium",
  standard: "Standard",
  none: "Not assessed",
};
export const BRAG_LABELS: Record<BragKey, string> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  blue: "Blue",
  none: "No rating",
};

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  reviewed: "Reviewed",
  "returned-for-improvement": "Returned for improvement",
  resubmitted: "Changed since returned",
};

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export function formatDateTime(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? "—" : dateTime.format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? "—" : dateOnly.format(new Date(iso));
}

export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-03" → "Mar 2025". */
export function formatMonth(month: string): string {
  const [year, number] = month.split("-");
  return `${MONTHS[Number(number) - 1] ?? number} ${year}`;
}
