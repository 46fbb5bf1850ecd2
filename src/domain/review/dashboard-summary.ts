// What a manager's dashboard shows, computed from the clear summaries of every case in the vault
// (codes, numbers and timestamps only), so it stays fast for thousands of cases and decrypts
// nothing: counts by risk and BRAG, the cases needing action now, time from assessment to
// referral against a target, risk levels over time and the quality items most often missed.
import { currentRiskLevel, isReturnOverdue, longDate, returnByOf } from "../certainty/not-safe-summary";
import { londonDateOf, type IsoDate } from "../dates";
import { QUALITY_ITEM_IDS, type QualityItemId } from "./quality-checklist";
import { QUALITY_MISSED_PREFIX, REVIEW_FLAGS } from "./review-flags";

export interface ReferralSent {
  sentAt: string;
  /** When the assessment that led to the referral was completed (null if none was). */
  assessedAt: string | null;
}

/** The clear fields of a case row the review reads (structurally what storage's CaseSummary has). */
export interface ReviewCaseRow {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  riskLevel: string | null;
  brag: string | null;
  flags: string[];
  qualityScore: number | null;
  latestAssessedAt: string | null;
  author?: string | null | undefined;
  agency?: string | null | undefined;
  assessorRole?: string | null | undefined;
  reviewStatus?: string | null | undefined;
  reviewedAt?: string | null | undefined;
  referralsSent?: Record<string, ReferralSent> | undefined;
}

export const DEFAULT_REFERRAL_TARGET_HOURS = 48;
const HOUR_MS = 3_600_000;

export const NEEDS_ACTION_REASONS = [
  "high-risk-marac-not-sent",
  "repeat-marac-not-sent",
  "s42-not-sent",
  "return-overdue",
  "provisional",
  "checks-pending",
] as const;
export type NeedsActionReason = (typeof NEEDS_ACTION_REASONS)[number];

export const NEEDS_ACTION_LABELS: Record<NeedsActionReason, string> = {
  "high-risk-marac-not-sent": "High risk: MARAC referral not sent",
  "repeat-marac-not-sent": "Repeat MARAC: referral not sent",
  "s42-not-sent": "s42 enquiry indicated: referral not sent",
  "return-overdue": "Not safe to ask: the date to come back by has passed",
  provisional: "Assessment is provisional",
  "checks-pending": "Perpetrator checks pending",
};

// ISO timestamps in one format order correctly as plain strings; localeCompare would run ICU
// collation on every comparison, and a 5,000-case dashboard sorts with ~60,000 of them.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The reason in words; an overdue return names the date that has passed. */
export function needsActionLabel(reason: NeedsActionReason, row: Pick<ReviewCaseRow, "flags">): string {
  const returnBy = reason === "return-overdue" ? returnByOf(row.flags) : null;
  return returnBy === null
    ? NEEDS_ACTION_LABELS[reason]
    : `Not safe to ask: the date to come back by (${longDate(returnBy)}) has passed`;
}

/** The Europe/London date of `now`, the "today" an overdue return is judged against. */
export function londonToday(now: Date): IsoDate {
  return londonDateOf(now.toISOString());
}

/**
 * Why an open case needs action now; empty when it does not. Closed cases never do. The level is
 * the one the lists show (currentRiskLevel): High from what was observed when it was not safe to ask
 * needs its MARAC referral as much as a completed High. `today` is the London date (londonToday).
 */
export function needsActionReasons(row: ReviewCaseRow, today: IsoDate): NeedsActionReason[] {
  if (row.status === "closed") return [];
  const has = (code: string) => row.flags.includes(code);
  const maracSent = has(REVIEW_FLAGS.maracSent) || row.referralsSent?.marac !== undefined;
  const s42Sent = has(REVIEW_FLAGS.s42Sent) || row.referralsSent?.s42 !== undefined;
  const reasons: NeedsActionReason[] = [];
  if ((currentRiskLevel(row.riskLevel, row.flags) === "high" || has(REVIEW_FLAGS.maracRequired)) && !maracSent)
    reasons.push("high-risk-marac-not-sent");
  if (has(REVIEW_FLAGS.repeatMarac) && !maracSent) reasons.push("repeat-marac-not-sent");
  if (has(REVIEW_FLAGS.s42Refer) && !s42Sent) reasons.push("s42-not-sent");
  if (isReturnOverdue(row.flags, today)) reasons.push("return-overdue");
  if (has(REVIEW_FLAGS.provisional)) reasons.push("provisional");
  if (has(REVIEW_FLAGS.checksPending)) reasons.push("checks-pending");
  return reasons;
}

export interface TimeToReferralStats {
  targetHours: number;
  /** Hours from assessment to referral for every referral sent, ascending. */
  hours: number[];
  medianHours: number | null;
  withinTarget: number;
  overTarget: number;
  /** Open cases needing a MARAC referral that is not sent, already past the target. */
  waitingPastTarget: number;
  buckets: { label: string; count: number }[];
}

const BUCKETS: readonly { label: string; upToHours: number }[] = [
  { label: "Under 24 hours", upToHours: 24 },
  { label: "24 to 48 hours", upToHours: 48 },
  { label: "48 to 72 hours", upToHours: 72 },
  { label: "3 to 7 days", upToHours: 168 },
  { label: "Over 7 days", upToHours: Number.POSITIVE_INFINITY },
];

export function timeToReferralHours(sent: ReferralSent): number | null {
  if (sent.assessedAt === null) return null;
  const ms = Date.parse(sent.sentAt) - Date.parse(sent.assessedAt);
  if (!Number.isFinite(ms)) return null;
  // A referral sent before the assessment was completed counts as immediate.
  return Math.max(0, ms / HOUR_MS);
}

/** Each row's needs-action reasons, when the caller has already worked them out for the same day. */
export type ReasonsOf = (row: ReviewCaseRow) => readonly NeedsActionReason[];

export function timeToReferralStats(
  rows: readonly ReviewCaseRow[],
  options: { targetHours: number; now: Date; kind?: string; reasonsOf?: ReasonsOf },
): TimeToReferralStats {
  const kind = options.kind ?? "marac";
  const today = londonToday(options.now);
  const reasonsOf = options.reasonsOf ?? ((row: ReviewCaseRow) => needsActionReasons(row, today));
  const hours: number[] = [];
  let waitingPastTarget = 0;
  for (const row of rows) {
    const sent = row.referralsSent?.[kind];
    if (sent !== undefined) {
      const value = timeToReferralHours(sent);
      if (value !== null) hours.push(value);
    } else if (
      kind === "marac" &&
      reasonsOf(row).includes("high-risk-marac-not-sent") &&
      row.latestAssessedAt !== null
    ) {
      if ((options.now.getTime() - Date.parse(row.latestAssessedAt)) / HOUR_MS > options.targetHours)
        waitingPastTarget += 1;
    }
  }
  hours.sort((a, b) => a - b);
  const middle = Math.floor(hours.length / 2);
  const medianHours =
    hours.length === 0 ? null : hours.length % 2 === 1 ? hours[middle]! : (hours[middle - 1]! + hours[middle]!) / 2;
  const withinTarget = hours.filter((value) => value <= options.targetHours).length;
  const buckets = BUCKETS.map((bucket, index) => ({
    label: bucket.label,
    count: hours.filter(
      (value) => value < bucket.upToHours && value >= (index === 0 ? 0 : BUCKETS[index - 1]!.upToHours),
    ).length,
  }));
  return {
    targetHours: options.targetHours,
    hours,
    medianHours,
    withinTarget,
    overTarget: hours.length - withinTarget,
    waitingPastTarget,
    buckets,
  };
}

export const RISK_KEYS = ["high", "medium", "standard", "none"] as const;
export const BRAG_KEYS = ["red", "amber", "green", "blue", "none"] as const;
export type RiskKey = (typeof RISK_KEYS)[number];
export type BragKey = (typeof BRAG_KEYS)[number];

/** The level the lists show and count: a not-safe draft's level from what was observed, else the completed one. */
export function riskKeyOf(row: ReviewCaseRow): RiskKey {
  return riskKeyOfLevel(currentRiskLevel(row.riskLevel, row.flags));
}

/** The latest completed assessment's level alone (what "risk over time" charts, by the month it was completed). */
export function completedRiskKeyOf(row: ReviewCaseRow): RiskKey {
  return riskKeyOfLevel(row.riskLevel);
}

function riskKeyOfLevel(level: string | null): RiskKey {
  return level === "high" || level === "medium" || level === "standard" ? level : "none";
}

export function bragKeyOf(row: ReviewCaseRow): BragKey {
  return row.brag === "red" || row.brag === "amber" || row.brag === "green" || row.brag === "blue" ? row.brag : "none";
}

export interface RiskMonth {
  /** "YYYY-MM" (UTC) of each case's latest completed assessment. */
  month: string;
  high: number;
  medium: number;
  standard: number;
}

/** Cases by the month of their latest assessment and its risk level; the last `months` months that have any. */
export function riskLevelsOverTime(rows: readonly ReviewCaseRow[], months = 12): RiskMonth[] {
  const byMonth = new Map<string, RiskMonth>();
  for (const row of rows) {
    const risk = completedRiskKeyOf(row);
    if (row.latestAssessedAt === null || risk === "none") continue;
    const month = row.latestAssessedAt.slice(0, 7);
    const entry = byMonth.get(month) ?? { month, high: 0, medium: 0, standard: 0 };
    entry[risk] += 1;
    byMonth.set(month, entry);
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1)).slice(-months);
}

/** How many cases missed each checklist item, most missed first (items never missed are left out). */
export function mostMissedQualityItems(rows: readonly ReviewCaseRow[]): { id: QualityItemId; count: number }[] {
  const counts = new Map<QualityItemId, number>();
  for (const row of rows) {
    for (const flag of row.flags) {
      if (!flag.startsWith(QUALITY_MISSED_PREFIX)) continue;
      const id = flag.slice(QUALITY_MISSED_PREFIX.length) as QualityItemId;
      if ((QUALITY_ITEM_IDS as readonly string[]).includes(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || QUALITY_ITEM_IDS.indexOf(a.id) - QUALITY_ITEM_IDS.indexOf(b.id));
}

export interface DashboardSummary {
  total: number;
  byRisk: Record<RiskKey, number>;
  byBrag: Record<BragKey, number>;
  needsAction: { row: ReviewCaseRow; reasons: NeedsActionReason[] }[];
  timeToReferral: TimeToReferralStats;
  riskOverTime: RiskMonth[];
  mostMissed: { id: QualityItemId; count: number }[];
  /** Average quality score of the cases that have one, or null. */
  averageQuality: number | null;
}

export function summariseDashboard(
  rows: readonly ReviewCaseRow[],
  options: { targetHours?: number; now: Date },
): DashboardSummary {
  const byRisk: Record<RiskKey, number> = { high: 0, medium: 0, standard: 0, none: 0 };
  const byBrag: Record<BragKey, number> = { red: 0, amber: 0, green: 0, blue: 0, none: 0 };
  const needsAction: DashboardSummary["needsAction"] = [];
  let qualityTotal = 0;
  let qualityCount = 0;
  const today = londonToday(options.now);
  // Worked out once per row and shared with the time-to-referral figures (5,000 cases on open).
  const reasonsByRow = new Map<ReviewCaseRow, NeedsActionReason[]>();
  for (const row of rows) {
    byRisk[riskKeyOf(row)] += 1;
    byBrag[bragKeyOf(row)] += 1;
    const reasons = needsActionReasons(row, today);
    if (reasons.length > 0) {
      needsAction.push({ row, reasons });
      reasonsByRow.set(row, reasons);
    }
    if (row.qualityScore !== null) {
      qualityTotal += row.qualityScore;
      qualityCount += 1;
    }
  }
  // Most urgent first: high-risk referrals not sent, then the longest waiting.
  needsAction.sort(
    (a, b) =>
      NEEDS_ACTION_REASONS.indexOf(a.reasons[0]!) - NEEDS_ACTION_REASONS.indexOf(b.reasons[0]!) ||
      byText(a.row.latestAssessedAt ?? a.row.createdAt, b.row.latestAssessedAt ?? b.row.createdAt),
  );
  return {
    total: rows.length,
    byRisk,
    byBrag,
    needsAction,
    timeToReferral: timeToReferralStats(rows, {
      targetHours: options.targetHours ?? DEFAULT_REFERRAL_TARGET_HOURS,
      now: options.now,
      reasonsOf: (row) => reasonsByRow.get(row) ?? [],
    }),
    riskOverTime: riskLevelsOverTime(rows),
    mostMissed: mostMissedQualityItems(rows),
    averageQuality: qualityCount === 0 ? null : Math.round(qualityTotal / qualityCount),
  };
}

// ------------------------------------------------------------ filters and sort

export const AGE_FILTERS = ["any", "under-7-days", "7-to-30-days", "over-30-days"] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
export const SORT_KEYS = ["needs-action", "risk", "last-assessed", "oldest", "quality-lowest"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CaseFilter {
  risk?: RiskKey | "any";
  status?: string;
  age?: AgeFilter;
  author?: string;
  agency?: string;
  needsActionOnly?: boolean;
}

const DAY_MS = 86_400_000;

export function matchesFilter(row: ReviewCaseRow, filter: CaseFilter, now: Date): boolean {
  if (filter.risk !== undefined && filter.risk !== "any" && riskKeyOf(row) !== filter.risk) return false;
  if (filter.status !== undefined && filter.status !== "any") {
    const status =
      filter.status === "returned-for-improvement" || filter.status === "resubmitted" ? reviewStateOf(row) : row.status;
    if (status !== filter.status) return false;
  }
  if (filter.author !== undefined && filter.author !== "" && (row.author ?? "") !== filter.author) return false;
  if (filter.agency !== undefined && filter.agency !== "" && (row.agency ?? "") !== filter.agency) return false;
  if (filter.age !== undefined && filter.age !== "any") {
    const days = (now.getTime() - Date.parse(row.createdAt)) / DAY_MS;
    if (filter.age === "under-7-days" && !(days < 7)) return false;
    if (filter.age === "7-to-30-days" && !(days >= 7 && days <= 30)) return false;
    if (filter.age === "over-30-days" && !(days > 30)) return false;
  }
  if (filter.needsActionOnly && needsActionReasons(row, londonToday(now)).length === 0) return false;
  return true;
}

const RISK_ORDER: Record<RiskKey, number> = { high: 0, medium: 1, standard: 2, none: 3 };

/**
 * `today` is the London date (londonToday) an overdue return is judged against; `reasonsOf` gives the
 * reasons already worked out for that day (e.g. from the dashboard summary), if any.
 */
export function sortCases<Row extends ReviewCaseRow>(
  rows: readonly Row[],
  key: SortKey,
  today: IsoDate,
  reasonsOf: ReasonsOf = (row) => needsActionReasons(row, today),
): Row[] {
  // Each row's reasons and level worked out once, not once per comparison (5,000 cases, ~60,000 comparisons).
  const keyed = rows.map((row) => ({
    row,
    actions: key === "needs-action" ? reasonsOf(row).length : 0,
    risk: RISK_ORDER[riskKeyOf(row)],
    lastAssessed: row.latestAssessedAt ?? "",
  }));
  type Keyed = (typeof keyed)[number];
  const byLastAssessed = (a: Keyed, b: Keyed) => byText(b.lastAssessed, a.lastAssessed);
  const compare: Record<SortKey, (a: Keyed, b: Keyed) => number> = {
    "needs-action": (a, b) => b.actions - a.actions || a.risk - b.risk || byLastAssessed(a, b),
    risk: (a, b) => a.risk - b.risk || byLastAssessed(a, b),
    "last-assessed": byLastAssessed,
    oldest: (a, b) => byText(a.row.createdAt, b.row.createdAt),
    "quality-lowest": (a, b) => (a.row.qualityScore ?? 101) - (b.row.qualityScore ?? 101) || byLastAssessed(a, b),
  };
  return keyed.sort(compare[key]).map(({ row }) => row);
}

/** Distinct non-empty values of a label field, for filter choices. */
export function distinctLabels(rows: readonly ReviewCaseRow[], field: "author" | "agency"): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = row[field];
    if (typeof value === "string" && value !== "") values.add(value);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}

/**
 * Where the case stands with its reviewer. A returned case that has been changed since the review
 * (its content is newer than the review) shows as resubmitted, ready to be looked at again.
 */
export function reviewStateOf(row: ReviewCaseRow): "reviewed" | "returned-for-improvement" | "resubmitted" | null {
  if (row.reviewStatus === "returned-for-improvement") {
    return row.reviewedAt && Date.parse(row.updatedAt) > Date.parse(row.reviewedAt)
      ? "resubmitted"
      : "returned-for-improvement";
  }
  return row.reviewStatus === "reviewed" ? "reviewed" : null;
}
