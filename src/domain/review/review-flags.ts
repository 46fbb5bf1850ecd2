// The non-identifying codes a manager's dashboard reads from each case's clear summary, so it can
// count and list thousands of cases without decrypting any of them. They are computed when an
// assessment is completed (from its outcome and the case details), when a referral is marked sent
// and when a reviewer returns a case. Codes only: nothing here may say who the victim is.
import type { CaseFile } from "../case-file";
import type { CaseDetails } from "../case-record/case-details";
import type { Outcome } from "../outcome";
import { describeLevel } from "../certainty/describe-level";
import { LEVEL_CODE_PREFIX, levelCertaintyCodes } from "../certainty/summary-codes";
import { runQualityChecklist } from "./quality-checklist";
import { qualityScoreOf } from "./quality-score";

export const REVIEW_FLAGS = {
  maracRequired: "marac-required",
  maracSent: "marac-sent",
  s42Refer: "s42-refer",
  s42Sent: "s42-sent",
  provisional: "provisional",
  checksPending: "checks-pending",
  repeatMarac: "repeat-marac",
  returnedForImprovement: "returned-for-improvement",
} as const;

/** Flags owned by the latest completed assessment: replaced, not added to, when the next one completes. */
export const ASSESSMENT_FLAGS: readonly string[] = [
  REVIEW_FLAGS.maracRequired,
  REVIEW_FLAGS.s42Refer,
  REVIEW_FLAGS.provisional,
  REVIEW_FLAGS.checksPending,
  REVIEW_FLAGS.repeatMarac,
];

/** `quality-missed:<item id>` names each checklist item the case missed, for the "most missed" chart. */
export const QUALITY_MISSED_PREFIX = "quality-missed:";

export interface ReviewFlag {
  code: string;
  evidence: string[];
}

export function flagsAtAssessmentCompletion(
  caseFile: CaseFile,
  outcome: Outcome,
  details: CaseDetails | null,
): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (outcome.marac.refer)
    flags.push({
      code: REVIEW_FLAGS.maracRequired,
      evidence: outcome.marac.criteria.map((criterion) => `marac.${criterion}`),
    });
  if (outcome.marac.repeat) flags.push({ code: REVIEW_FLAGS.repeatMarac, evidence: ["marac.repeat"] });
  if (outcome.s42.decision === "refer") flags.push({ code: REVIEW_FLAGS.s42Refer, evidence: ["s42.decision"] });
  if (outcome.provisional) flags.push({ code: REVIEW_FLAGS.provisional, evidence: ["provisional"] });
  const pendingEvidence = [
    ...(caseFile.context?.perpetratorChecks === "pending" ? ["context.perpetratorChecks"] : []),
    ...(details?.perpetrator.historyChecks === "pending" ? ["perpetrator.historyChecks"] : []),
    ...(outcome.warnings.some((warning) => warning.code === "perpetrator-checks-pending")
      ? ["warnings.perpetrator-checks-pending"]
      : []),
  ];
  if (pendingEvidence.length > 0) flags.push({ code: REVIEW_FLAGS.checksPending, evidence: pendingEvidence });
  return flags;
}

/** Replaces the assessment-owned, level-certainty and quality flags; keeps the rest (sent referrals, review status, others' codes). */
export function mergeFlags(
  existing: readonly string[],
  assessmentFlags: readonly string[],
  qualityMissed: readonly string[],
): string[] {
  const kept = existing.filter(
    (code) =>
      !ASSESSMENT_FLAGS.includes(code) &&
      !code.startsWith(QUALITY_MISSED_PREFIX) &&
      !code.startsWith(LEVEL_CODE_PREFIX),
  );
  return [...new Set([...kept, ...assessmentFlags, ...qualityMissed.map((id) => `${QUALITY_MISSED_PREFIX}${id}`)])];
}

export function withFlag(existing: readonly string[], code: string, on: boolean): string[] {
  const without = existing.filter((flag) => flag !== code);
  return on ? [...without, code] : without;
}

/**
 * The assessor's agency for the case row's `agency` (storage keeps its code in clear and the name
 * sealed, clear-metadata.ts). Only the agency chosen from the profile's list: the referrer's typed
 * agency is case content and would add free text to that list.
 */
export function agencyLabel(caseFile: CaseFile | null, _details?: CaseDetails | null): string | null {
  const raw = caseFile?.assessor.agency ?? "";
  // One printable line: clear fields refuse control characters (storage clearLabelSchema).
  const label = raw
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim()
    .slice(0, 60)
    .trim();
  return label === "" ? null : label;
}

export interface ReviewSummaryFields {
  brag: string;
  flags: string[];
  qualityScore: number | null;
  assessorRole: string;
  agency: string | null;
}

/**
 * The clear case-row fields to write when an assessment is completed: pass the result as
 * `caseSummary` to `session.completeAssessment` (riskLevel and latestAssessedAt are set there).
 * `details` is the case's current details (readCaseDetails), or null if they could not be read.
 */
export function reviewSummaryAtCompletion(
  input: { caseFile: CaseFile; outcome: Outcome; details: CaseDetails | null },
  existingFlags: readonly string[],
): ReviewSummaryFields {
  const { caseFile, outcome, details } = input;
  const score = details === null ? null : qualityScoreOf(runQualityChecklist({ details, caseFile, outcome }));
  return {
    brag: outcome.brag,
    // The level's certainty travels with it as codes, so the case list, dashboard and CSV never
    // show a bare level (certainty/summary-codes.ts describeLevelFromSummary reads them back).
    flags: mergeFlags(
      existingFlags,
      [
        ...flagsAtAssessmentCompletion(caseFile, outcome, details).map((flag) => flag.code),
        ...levelCertaintyCodes(describeLevel(outcome, { caseFile })),
      ],
      score?.missed ?? [],
    ),
    qualityScore: score?.percent ?? null,
    assessorRole: caseFile.assessor.role,
    agency: agencyLabel(caseFile, details),
  };
}

/** Replaces only the `quality-missed:` codes (after a review recomputes the checklist for one case). */
export function withQualityFlags(existing: readonly string[], qualityMissed: readonly string[]): string[] {
  const kept = existing.filter((code) => !code.startsWith(QUALITY_MISSED_PREFIX));
  return [...kept, ...qualityMissed.map((id) => `${QUALITY_MISSED_PREFIX}${id}`)];
}
