// Words the review screens show for the codes stored on case rows.
import { labelForEvidence } from "../../domain/labels/labels";
import type { BragKey, RiskKey } from "../../domain/review/dashboard-summary";

export const RISK_LABELS: Record<RiskKey, string> = {
  high: "High",
  medium: "Medium",
  standard: "Standard",
  none: "Not assessed yet",
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

/** The case-details fields the referral-quality checklist looks at, in the words the case pages use. */
const CASE_DETAIL_LABELS: Record<string, string> = {
  notes: "Case notes",
  actionsTaken: "Actions taken",
  otherDependants: "Other dependants",
  children: "Children (case details)",
  "victim.diversityAndAccessNeeds": "Victim's diversity and access needs",
  "victim.safeContact.phone": "Safe phone number",
  "victim.safeContact.email": "Safe email address",
  "victim.safeContact.otherSafeMethod": "Other safe way to make contact",
  "victim.safeContact.safeToCall": "Whether it is safe to call",
  "victim.safeContact.safeToText": "Whether it is safe to text",
  "victim.safeContact.safeToLeaveMessage": "Whether it is safe to leave a message",
  "victim.safeContact.safeTimes": "Safe times to make contact",
  "perpetrator.historyChecks": "History checks on the person causing harm (case details)",
  "perpetrator.historyChecksNote": "Note on the history checks",
  "perpetrator.relationshipDetail": "Relationship to the victim: detail",
  "consent.status": "Consent to share",
  "consent.lawfulBasis": "Lawful basis for sharing",
  "consent.reasonWithoutConsent": "Reason for sharing without consent",
  "professionalJudgement.rationale": "Professional judgement: rationale",
  "bragJudgement.rationale": "Vulnerability colour judgement: rationale",
};

/**
 * Plain words for a path the review checklist names: a case-details field, an answer's written
 * detail ("answers.dash.injury.detail"), or anything the engine's labels know. Never the raw path.
 */
export function reviewPathLabel(path: string): string {
  const trimmed = path.startsWith("details.") ? path.slice("details.".length) : path;
  const known = CASE_DETAIL_LABELS[trimmed];
  if (known !== undefined) return known;
  const detail = /^(.*)\.(detail|rationale)$/.exec(trimmed);
  if (detail && (detail[1]!.startsWith("answers.") || detail[1]!.startsWith("context."))) {
    return `${labelForEvidence(detail[1]!)}: ${detail[2] === "detail" ? "written detail" : "rationale"}`;
  }
  return labelForEvidence(trimmed);
}

/** Several review paths as one line, each once. */
export function reviewPathLabels(paths: readonly string[]): string {
  return [...new Set(paths.map(reviewPathLabel))].join("; ");
}
