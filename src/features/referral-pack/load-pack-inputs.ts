// What a pack is built from: the case details and the case's latest completed assessment (its case
// file and outcome). Read defensively: a stored outcome that is not in the expected shape is
// recomputed from the validated case file rather than trusted.
import { assessCase } from "../../domain/assess";
import { readCaseDetails, type CaseDetails } from "../../domain/case-record/case-details";
import { validateCaseFile, type CaseFile } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import type { PackSummary } from "../../storage/packs";
import type { VaultSession } from "../../storage/vault-session";

export interface PackInputs {
  details: CaseDetails;
  assessmentId: string;
  caseFile: CaseFile;
  outcome: Outcome;
  packs: PackSummary[];
}

export type PackInputsResult =
  { ok: true; inputs: PackInputs } | { ok: false; reason: "no-completed-assessment" | "unreadable-assessment" };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Enough of the outcome's shape for the pack builders; anything less is recomputed. */
export function looksLikeOutcome(value: unknown): value is Outcome {
  if (!isRecord(value) || value.schemaVersion !== 1) return false;
  const { marac, s42, timeline, professionalJudgement, score, vulnerability } = value;
  return (
    typeof value.riskLevel === "string" &&
    Array.isArray(value.escalations) &&
    Array.isArray(value.pathways) &&
    Array.isArray(value.warnings) &&
    Array.isArray(value.missingInformation) &&
    Array.isArray(value.nonDisclosure) &&
    isRecord(marac) &&
    Array.isArray(marac.criteria) &&
    Array.isArray(marac.reasons) &&
    isRecord(s42) &&
    isRecord(s42.tests) &&
    Array.isArray(s42.reasons) &&
    Array.isArray(s42.evidence) &&
    isRecord(timeline) &&
    Array.isArray(timeline.stages) &&
    isRecord(professionalJudgement) &&
    isRecord(score) &&
    isRecord(vulnerability) &&
    Array.isArray(vulnerability.factors)
  );
}

export async function loadPackInputs(session: VaultSession, caseId: string): Promise<PackInputsResult> {
  const [caseRecord, assessments, packs] = await Promise.all([
    session.getCase(caseId),
    session.listAssessments(caseId),
    session.listPacks(caseId),
  ]);
  const latest = assessments
    .filter((assessment) => assessment.status === "completed" && assessment.assessedAt !== null)
    .sort((a, b) => ((a.assessedAt ?? "") < (b.assessedAt ?? "") ? 1 : -1))[0];
  if (latest === undefined) return { ok: false, reason: "no-completed-assessment" };
  const record = await session.getAssessment(latest.id);
  const validation = validateCaseFile(record.content);
  if (!validation.ok) return { ok: false, reason: "unreadable-assessment" };
  const outcome = looksLikeOutcome(record.outcome) ? record.outcome : assessCase(validation.caseFile);
  return {
    ok: true,
    inputs: {
      details: readCaseDetails(caseRecord.details),
      assessmentId: latest.id,
      caseFile: validation.caseFile,
      outcome,
      packs,
    },
  };
}
