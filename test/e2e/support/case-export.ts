// An encrypted case-export file holding one case (its details and the completed assessment of the
// shared strangulation scenario, 01), made here the way a colleague's export arrives, for the e2e
// tests to import through the Backup screen.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assessCase } from "../../../src/domain/assess";
import { validateCaseFile } from "../../../src/domain/case-file";
import { buildBackupPayload, encryptEnvelope } from "../../../src/storage/backup-file";

export interface CaseExportOptions {
  /** The case details record, as the case pages save it. */
  details: Record<string, unknown>;
  /** The file's passphrase, typed on import. */
  passphrase: string;
  /** Changes to scenario 01's case file before it is assessed. */
  changeCase?: (raw: Record<string, unknown>) => void;
  /** The case's id, "e2e-case-1" unless told: two devices seeding their own cases give each its own. */
  caseId?: string;
}

/** Writes the export to a temporary file and returns its path. */
export async function writeCaseExportFile({
  details,
  passphrase,
  changeCase,
  caseId = "e2e-case-1",
}: CaseExportOptions): Promise<string> {
  const scenario = JSON.parse(
    readFileSync(new URL("../../../../shared/scenarios/01-strangulation-alone.json", import.meta.url), "utf8"),
  ) as { case: Record<string, unknown> };
  const raw = scenario.case;
  changeCase?.(raw);
  const validation = validateCaseFile(raw);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const outcome = assessCase(validation.caseFile);
  const assessedAt = "2021-10-14T22:30:00.000Z";
  const records = {
    cases: [
      {
        id: caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        status: "open" as const,
        riskLevel: outcome.riskLevel,
        brag: null,
        flags: [],
        qualityScore: null,
        latestAssessedAt: assessedAt,
        details,
      },
    ],
    assessments: [
      {
        id: `${caseId}-assessment`,
        caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        assessedAt,
        status: "completed" as const,
        questionSetId: validation.caseFile.questionSet,
        questionSetVersion: "1",
        policyName: "default",
        policyVersion: "1",
        riskLevel: outcome.riskLevel,
        content: validation.caseFile,
        outcome,
      },
    ],
    packs: [],
    audit: [],
    settings: [],
  };
  const payload = await buildBackupPayload("case-export", records, new Date());
  const envelope = await encryptEnvelope(JSON.stringify(payload), passphrase, "case-export", 1_000);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pack-e2e-")), "case-export.json");
  writeFileSync(file, JSON.stringify(envelope));
  return file;
}
